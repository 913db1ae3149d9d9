from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0017_notifications')]

    initial = False

    operations = [
        ops.CreateModel(
            name='RememberedDevice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='remembered_devices', on_delete=OnDelete.CASCADE)),
                ('secret_hash', fields.CharField(max_length=64)),
                ('label', fields.CharField(default='', max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'remembered_device', 'app': 'models', 'pk_attr': 'id', 'table_description': "A browser a guardian chose to remember: only the hash of the secret in its cookie is kept."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='DevicePasskey',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='device_passkeys', on_delete=OnDelete.CASCADE)),
                ('device', fields.ForeignKeyField('models.RememberedDevice', source_field='device_id', db_constraint=True, to_field='id', related_name='passkeys', on_delete=OnDelete.CASCADE)),
                ('credential_id', fields.CharField(unique=True, max_length=400)),
                ('public_key', fields.TextField(unique=False)),
                ('sign_count', fields.BigIntField(default=0)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'device_passkey', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A passkey (WebAuthn credential) that unlocks one remembered device after its idle time.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SessionCutoff',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='session_cutoff', on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'session_cutoff', 'app': 'models', 'pk_attr': 'id', 'table_description': '"Log ud på alle enheder": every session of the person that began before `at` has ended.'},
            bases=['Model'],
        ),
    ]
