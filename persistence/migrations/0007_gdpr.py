from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0006_calendar')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ConsentType',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='consent_types', on_delete=OnDelete.CASCADE)),
                ('key', fields.CharField(max_length=40)),
                ('name', fields.CharField(max_length=120)),
                ('description', fields.TextField(default='', unique=False)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consent_type', 'app': 'models', 'unique_together': (('municipality_id', 'key'),), 'pk_attr': 'id', 'table_description': 'A consent the municipality asks guardians for (photos in Sammen, photos in public, name on lists).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChildConsent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='child_consents', on_delete=OnDelete.CASCADE)),
                ('consent_type', fields.ForeignKeyField('models.ConsentType', source_field='consent_type_id', db_constraint=True, to_field='id', related_name='decisions', on_delete=OnDelete.CASCADE)),
                ('given', fields.BooleanField()),
                ('decided_by', fields.ForeignKeyField('models.Person', source_field='decided_by_id', null=True, db_constraint=True, to_field='id', related_name='consent_decisions', on_delete=OnDelete.CASCADE)),
                ('decided_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'child_consent', 'app': 'models', 'unique_together': (('child_id', 'consent_type_id'),), 'pk_attr': 'id', 'table_description': 'A guardian gave or withdrew one consent for one child (the latest decision counts).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ImportRun',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='import_runs', on_delete=OnDelete.CASCADE)),
                ('actor', fields.ForeignKeyField('models.Person', source_field='actor_id', null=True, db_constraint=True, to_field='id', related_name='import_runs', on_delete=OnDelete.CASCADE)),
                ('actor_name', fields.CharField(default='', max_length=160)),
                ('source', fields.CharField(default='upload', max_length=20)),
                ('full', fields.BooleanField(default=True)),
                ('status', fields.CharField(max_length=20)),
                ('files', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('counts', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('report', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('started_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('finished_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('applied_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'import_run', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One import of the municipal registers, validated (dry run) and perhaps applied, with its report.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RetentionPolicy',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', unique=True, db_constraint=True, to_field='id', related_name='retention_policy', on_delete=OnDelete.CASCADE)),
                ('messages_months', fields.SmallIntField(null=True)),
                ('presence_months', fields.SmallIntField(null=True)),
                ('anonymise_after_months', fields.SmallIntField(null=True)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_by', fields.CharField(default='', max_length=160)),
            ],
            options={'table': 'retention_policy', 'app': 'models', 'pk_attr': 'id', 'table_description': 'How long the municipality keeps messages and presence history, and when children who left are anonymised.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='RetentionRun',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='retention_runs', on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('dry_run', fields.BooleanField()),
                ('counts', fields.JSONField(default=dict, encoder=JSON_DUMPS, decoder=loads)),
                ('actor_name', fields.CharField(default='', max_length=160)),
            ],
            options={'table': 'retention_run', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One run of the retention rules (or a dry run), with what it deleted or would delete.'},
            bases=['Model'],
        ),
        ops.AddField(
            model_name='Person',
            name='anonymised_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
        ops.AddField(
            model_name='Person',
            name='deactivated_at',
            field=fields.DatetimeField(null=True, auto_now=False, auto_now_add=False),
        ),
    ]
