"""Surveys are anonymous or named; who answered moves to survey_participant, and anonymous answers lose their name."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

# Plain SQL that SQLite and PostgreSQL both run. Every survey so far told its respondents that the answers were
# anonymous, so every survey becomes anonymous: first who answered is kept apart (ordered by person, not by
# arrival, so the new rows cannot be lined up with the answers), then the answers lose the respondent.
PARTICIPANTS = """
INSERT INTO survey_participant (survey_id, person_id)
SELECT survey_id, respondent_id FROM survey_response ORDER BY survey_id, respondent_id
"""
UNLINK = """
UPDATE survey_response SET respondent_id = NULL WHERE survey_id IN (SELECT id FROM survey WHERE anonymous = TRUE)
"""
# On SQLite, Tortoise alters a column by copying the table and dropping the old one, and with foreign keys on that
# drop cascades to every answer; the answers are kept aside and put back (on PostgreSQL nothing is missing).
# The copy also leaves out the (survey, respondent) unique constraint, which PostgreSQL keeps under this name.
KEEP_ANSWERS = "CREATE TABLE survey_answer_kept AS SELECT * FROM survey_answer"
RESTORE_ANSWERS = [
    """
INSERT INTO survey_answer (id, response_id, question_id, value, text)
SELECT k.id, k.response_id, k.question_id, k.value, k.text FROM survey_answer_kept k
WHERE NOT EXISTS (SELECT 1 FROM survey_answer a WHERE a.id = k.id)
""",
    "DROP TABLE survey_answer_kept",
    "CREATE UNIQUE INDEX IF NOT EXISTS uid_survey_resp_survey__8a02d8 ON survey_response (survey_id, respondent_id)",
]


class Migration(migrations.Migration):
    dependencies = [('models', '0009_email_and_feed_versions')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SurveyParticipant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('models.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='participants', on_delete=OnDelete.CASCADE)),
                ('person_id', fields.IntField()),
            ],
            options={'table': 'survey_participant', 'app': 'models', 'unique_together': (('survey_id', 'person_id'),), 'pk_attr': 'id', 'table_description': 'Who has answered a survey, so nobody answers twice, with no link to which answers are theirs.'},
            bases=['Model'],
        ),
        ops.RunSQL(PARTICIPANTS),
        ops.AddField(
            model_name='Survey',
            name='anonymous',
            field=fields.BooleanField(default=True, db_default=True),
        ),
        ops.AlterModelOptions(
            name='SurveyResponse',
            options={'table': 'survey_response', 'app': 'models', 'unique_together': (('survey_id', 'respondent_id'),), 'pk_attr': 'id', 'table_description': 'The answer of one person to a survey, for one institution, naming the respondent only in a named survey.'},
        ),
        ops.RunSQL(KEEP_ANSWERS),
        ops.AlterField(
            model_name='SurveyResponse',
            name='respondent_id',
            field=fields.IntField(null=True),
        ),
        ops.RunSQL([*RESTORE_ANSWERS, UNLINK]),
    ]
