"""Kinds of e-mail a person turned off; a calendar event's SEQUENCE and LAST-MODIFIED for the feed."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0008_one_consent_model')]

    initial = False

    operations = [
        ops.CreateModel(
            name='EmailOptOut',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='email_opt_outs', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharField(max_length=30)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'email_opt_out', 'app': 'models', 'unique_together': (('person_id', 'kind'),), 'pk_attr': 'id', 'table_description': 'A person turned one kind of e-mail off (no row: the e-mail is on).'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='CalendarEvent',
            name='sequence',
            field=fields.IntField(default=0, db_default=0),
        ),
        ops.AddField(
            model_name='CalendarEvent',
            name='updated_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
