"""Reminders to log in from the never-logged-in lists, at most one per person a day (rollout_adoption_reminder)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [('models', '0013_survey_question_kinds')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AdoptionReminder',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='adoption_reminders', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('channel', fields.CharField(max_length=10)),
                ('sent_by_id', fields.IntField()),
                ('sent_by_name', fields.CharField(default='', max_length=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('subject', fields.CharField(default='', max_length=200)),
                ('text', fields.TextField(default='')),
                ('emailed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'rollout_adoption_reminder', 'app': 'models', 'unique_together': (('person_id', 'day'),), 'indexes': [Index(fields=['channel', 'emailed_at'])], 'pk_attr': 'id', 'table_description': 'A reminder to log in to one person on one day, by message or e-mail (an e-mail waits here for the mail job).'},
            bases=['Model'],
        ),
    ]
