"""Survey questions of six kinds with options, sections and required flags; anchors, lock and early close."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

# Plain SQL that SQLite and PostgreSQL both run. Before this, a free-text question could be left empty and a scale
# question could not, and a survey with answers could not change: that is what the new columns say of old rows.
OLD_TEXTS_OPTIONAL = "UPDATE survey_question SET required = FALSE WHERE kind = 'text'"
ANSWERED_LOCKED = "UPDATE survey SET locked = TRUE WHERE id IN (SELECT survey_id FROM survey_response)"

class Migration(migrations.Migration):
    dependencies = [('models', '0012_rollout_waves')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SurveySection',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('models.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='sections', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField()),
                ('title', fields.CharField(max_length=160)),
                ('intro', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'survey_section', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A heading with an optional introduction, grouping the questions that follow it.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Survey',
            name='anchors',
            field=fields.JSONField(null=True, default=list, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='Survey',
            name='closed_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Survey',
            name='locked',
            field=fields.BooleanField(default=False, db_default=False),
        ),
        ops.AddField(
            model_name='Survey',
            name='revision',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AlterModelOptions(
            name='SurveyAnswer',
            options={'table': 'survey_answer', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The answer to one question: a value (see QuestionKind) or a text, one row per chosen option.'},
        ),
        ops.AlterModelOptions(
            name='SurveyQuestion',
            options={'table': 'survey_question', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A question of a survey (QuestionKind), numbered by position across the whole survey.'},
        ),
        ops.AddField(
            model_name='SurveyQuestion',
            name='options',
            field=fields.JSONField(null=True, default=list, encoder=JSON_DUMPS, decoder=loads),
        ),
        ops.AddField(
            model_name='SurveyQuestion',
            name='required',
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AddField(
            model_name='SurveyQuestion',
            name='section',
            field=fields.ForeignKeyField('models.SurveySection', source_field='section_id', null=True, db_constraint=True, to_field='id', related_name='questions', on_delete=OnDelete.CASCADE),
        ),
        ops.RunSQL([OLD_TEXTS_OPTIONAL, ANSWERED_LOCKED]),
    ]
