from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0021_gallery')]

    initial = False

    operations = [
        ops.CreateModel(
            name='CrossGroup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.OneToOneField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='cross', on_delete=OnDelete.CASCADE)),
                ('purpose', fields.CharField(default='', max_length=500)),
                ('owner', fields.ForeignKeyField('models.Person', source_field='owner_id', db_constraint=True, to_field='id', related_name='cross_groups_owned', on_delete=OnDelete.CASCADE)),
                ('rules', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('named', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('archived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'cross_group', 'app': 'models', 'pk_attr': 'id', 'table_description': 'What a tvaergaaende group is for, who owns it, its rules and its members by name (memberships are derived).'},
            bases=['Model'],
        ),
    ]
