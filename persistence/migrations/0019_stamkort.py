from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0018_remembered_devices')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Stamkort',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.OneToOneField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='stamkort', on_delete=OnDelete.CASCADE)),
                ('allergies', fields.CharField(default='', max_length=500)),
                ('diet', fields.CharField(default='', max_length=500)),
                ('medicine', fields.CharField(default='', max_length=2000)),
                ('health_notes', fields.CharField(default='', max_length=2000)),
                ('doctor_name', fields.CharField(default='', max_length=120)),
                ('doctor_phone', fields.CharField(default='', max_length=30)),
                ('practical', fields.CharField(default='', max_length=2000)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_by', fields.ForeignKeyField('models.Person', source_field='updated_by_id', null=True, db_constraint=True, to_field='id', related_name='stamkort_updates', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'stamkort', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The stamkort of one child, written by the guardians. Medicine and health notes are personfølsomme.'},
            bases=['Model'],
        ),
    ]
