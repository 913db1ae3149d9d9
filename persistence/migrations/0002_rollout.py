from tortoise import migrations
from tortoise.migrations import operations as ops
from domain.rollout.model import Area, Audience, MilestoneStatus, QuestionKind, ReadinessItem, SpanKind
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0001_initial')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdoptionSnapshot',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('day', fields.DateField()),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='adoption_snapshots', on_delete=OnDelete.CASCADE)),
                ('guardians', fields.IntField()),
                ('guardians_ever', fields.IntField()),
                ('guardians_30d', fields.IntField()),
                ('superusers', fields.IntField()),
            ],
            options={'table': 'rollout_adoption_snapshot', 'app': 'models', 'unique_together': (('day', 'institution_id'),), 'pk_attr': 'id', 'table_description': 'The adoption figures of one institution on one day, stored by the daily job.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Programme',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('area', fields.CharEnumField(description='DAGTILBUD: dagtilbud\nBFO_KLUB: bfo_klub\nSKOLE: skole', enum_type=Area, max_length=20)),
                ('name', fields.CharField(max_length=120)),
                ('start', fields.DateField()),
                ('end', fields.DateField()),
            ],
            options={'table': 'rollout_programme', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A rollout programme for one area (Dagtilbud, BFO og klub, Skole).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ReadinessTick',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='readiness', on_delete=OnDelete.CASCADE)),
                ('item', fields.CharEnumField(description='SUPERUSERS: superusers\nSTAFF_TRAINED: staff_trained\nGUARDIANS_INFORMED: guardians_informed\nWALL_SCREEN_PAIRED: wall_screen_paired\nKOMMEGAA_IN_USE: kommegaa_in_use\nFIRST_MESSAGE: first_message', enum_type=ReadinessItem, max_length=30)),
                ('ticked', fields.BooleanField(default=False)),
                ('by_person_id', fields.IntField(null=True)),
                ('by_name', fields.CharField(default='', max_length=120)),
                ('at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('comment', fields.CharField(default='', max_length=300)),
            ],
            options={'table': 'rollout_readiness', 'app': 'models', 'unique_together': (('institution_id', 'item'),), 'pk_attr': 'id', 'table_description': 'The current state of one checklist item at one institution, and who set it.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Span',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('models.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='spans', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='TRACK: track\nPHASE: phase', enum_type=SpanKind, max_length=10)),
                ('key', fields.CharField(max_length=40)),
                ('label', fields.CharField(max_length=120)),
                ('start', fields.DateField()),
                ('end', fields.DateField()),
            ],
            options={'table': 'rollout_span', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A dated stretch of a track or a phase, one row per stretch.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Milestone',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('models.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='milestones', on_delete=OnDelete.CASCADE)),
                ('phase', fields.ForeignKeyField('models.Span', source_field='phase_id', null=True, db_constraint=True, to_field='id', related_name='milestones', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=160)),
                ('owner', fields.CharField(default='', max_length=120)),
                ('due', fields.DateField()),
                ('status', fields.CharEnumField(default=MilestoneStatus.PLANNED, description='PLANNED: planned\nIN_PROGRESS: in_progress\nDONE: done\nLATE: late', enum_type=MilestoneStatus, max_length=20)),
                ('notes', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'rollout_milestone', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A dated goal with an owner, inside a phase of a programme.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Survey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=160)),
                ('audience', fields.CharEnumField(description='STAFF: staff\nGUARDIANS: guardians', enum_type=Audience, max_length=20)),
                ('created_by_id', fields.IntField()),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('closes_on', fields.DateField()),
            ],
            options={'table': 'survey', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An evaluation survey the project team sends to staff or guardians of chosen institutions.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyInstitution',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('models.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='institutions', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='surveys', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'survey_institution', 'app': 'models', 'unique_together': (('survey_id', 'institution_id'),), 'pk_attr': 'id', 'table_description': 'An institution whose staff or guardians a survey asks.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyQuestion',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('models.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='questions', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField()),
                ('kind', fields.CharEnumField(description='SCALE: scale\nTEXT: text', enum_type=QuestionKind, max_length=10)),
                ('text', fields.CharField(max_length=300)),
            ],
            options={'table': 'survey_question', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A 1-5 scale question or a free-text question.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyResponse',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('models.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='responses', on_delete=OnDelete.CASCADE)),
                ('respondent_id', fields.IntField()),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='survey_responses', on_delete=OnDelete.CASCADE)),
                ('submitted_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'survey_response', 'app': 'models', 'unique_together': (('survey_id', 'respondent_id'),), 'pk_attr': 'id', 'table_description': 'The answer of one person to a survey, for one institution, at most once per person.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyAnswer',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('response', fields.ForeignKeyField('models.SurveyResponse', source_field='response_id', db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.CASCADE)),
                ('question', fields.ForeignKeyField('models.SurveyQuestion', source_field='question_id', db_constraint=True, to_field='id', related_name='answers', on_delete=OnDelete.CASCADE)),
                ('value', fields.IntField(null=True)),
                ('text', fields.TextField(default='', unique=False)),
            ],
            options={'table': 'survey_answer', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The answer to one question: a value 1-5 or a text.'},
            bases=['Model'],
        ),
    ]
