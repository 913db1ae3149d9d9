"""Waves: institutions of a programme that go live together (rollout_wave, rollout_wave_member)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields


class Migration(migrations.Migration):
    dependencies = [('models', '0011_staff_notes')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Wave',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('models.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='waves', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('go_live', fields.DateField()),
            ],
            options={'table': 'rollout_wave', 'app': 'models', 'unique_together': (('programme_id', 'name'),), 'pk_attr': 'id', 'table_description': 'Institutions of one programme that go live together on one day.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WaveMember',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('wave', fields.ForeignKeyField('models.Wave', source_field='wave_id', db_constraint=True, to_field='id', related_name='members', on_delete=OnDelete.CASCADE)),
                ('programme', fields.ForeignKeyField('models.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='wave_members', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='waves', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'rollout_wave_member', 'app': 'models', 'unique_together': (('programme_id', 'institution_id'),), 'pk_attr': 'id', 'table_description': 'An institution in a wave, with the programme repeated so an institution is in one wave per programme.'},
            bases=['Model'],
        ),
    ]
