"""Survey invitations and reminders (survey_sending) and their e-mails waiting for the mail job (survey_email)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [('models', '0015_rollout_checklist')]

    initial = False

    operations = [
        ops.CreateModel(
            name='SurveySending',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('survey', fields.ForeignKeyField('models.Survey', source_field='survey_id', db_constraint=True, to_field='id', related_name='sendings', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=12)),
                ('by_message', fields.BooleanField(default=False)),
                ('by_email', fields.BooleanField(default=False)),
                ('sent_by_id', fields.IntField()),
                ('sent_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('messages', fields.IntField(default=0)),
                ('emails', fields.IntField(default=0)),
            ],
            options={'table': 'survey_sending', 'app': 'models', 'indexes': [Index(fields=['survey_id', 'kind'])], 'pk_attr': 'id', 'table_description': 'One invitation or reminder round of a survey: how it went out, by whom, and how many it reached.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SurveyEmail',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('sending', fields.ForeignKeyField('models.SurveySending', source_field='sending_id', db_constraint=True, to_field='id', related_name='emails_waiting', on_delete=OnDelete.CASCADE)),
                ('person_id', fields.IntField()),
                ('claimed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'survey_email', 'app': 'models', 'unique_together': (('sending_id', 'person_id'),), 'indexes': [Index(fields=['claimed_at'])], 'pk_attr': 'id', 'table_description': 'An e-mail of a sending waiting for the mail job, deleted once it is out (who got it is not kept).'},
            bases=['Model'],
        ),
    ]
