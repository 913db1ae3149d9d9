"""Staff write a note on a child for colleagues, for one day at one institution (staff_note)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index


class Migration(migrations.Migration):
    dependencies = [('models', '0010_anonymous_surveys')]

    initial = False

    operations = [
        ops.CreateModel(
            name='StaffNote',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='staff_notes', on_delete=OnDelete.CASCADE)),
                ('institution_id', fields.IntField()),
                ('day', fields.DateField()),
                ('text', fields.CharField(max_length=500)),
                ('written_by', fields.CharField(default='', max_length=120)),
                ('written_by_id', fields.IntField(null=True)),
                ('written_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'staff_note', 'app': 'models', 'unique_together': (('child_id', 'institution_id', 'day'),), 'indexes': [Index(fields=['institution_id', 'day'])], 'pk_attr': 'id', 'table_description': "A note from staff on a child for colleagues on one day, never shown to parents or the wall screen."},
            bases=['Model'],
        ),
    ]
