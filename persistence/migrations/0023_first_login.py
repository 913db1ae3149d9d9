from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0022_cross_groups')]

    initial = False

    operations = [
        ops.CreateModel(
            name='FirstLogin',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='first_login', on_delete=OnDelete.CASCADE)),
                ('steps', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('privacy_read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'first_login', 'app': 'models', 'pk_attr': 'id', 'table_description': 'How far one person came through the first-login walkthrough (no row: not started).'},
            bases=['Model'],
        ),
    ]
