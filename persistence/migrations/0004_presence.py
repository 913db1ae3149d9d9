from tortoise import migrations
from tortoise.migrations import operations as ops
from domain.presence.model import Action, ConsentKind, DeviceKind, Status
from orjson import loads
from persistence.presence import weekdays
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0003_widgets')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Consent',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='consents', on_delete=OnDelete.CASCADE)),
                ('kind', fields.CharEnumField(description='GO_HOME_ALONE: gaa_hjem_selv', enum_type=ConsentKind, max_length=30)),
                ('given_by', fields.ForeignKeyField('models.Person', source_field='given_by_id', db_constraint=True, to_field='id', related_name='consents_given', on_delete=OnDelete.CASCADE)),
                ('given_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('withdrawn_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'consent', 'app': 'models', 'indexes': [Index(fields=['child_id', 'kind'])], 'pk_attr': 'id', 'table_description': 'A consent a guardian gave for a child, until withdrawn.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='KioskPin',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', unique=True, db_constraint=True, to_field='id', related_name='kiosk_pin', on_delete=OnDelete.CASCADE)),
                ('salt', fields.CharField(max_length=32)),
                ('pin_hash', fields.CharField(max_length=64)),
            ],
            options={'table': 'kiosk_pin', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The optional four-digit PIN of a child for the wall screen, stored salted and hashed.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PlanEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='plan_entries', on_delete=OnDelete.CASCADE)),
                ('weekday', fields.SmallIntField(null=True)),
                ('day', fields.DateField(null=True)),
                ('arrival_min', fields.SmallIntField(null=True)),
                ('pickup_min', fields.SmallIntField(null=True)),
                ('pickup_key', fields.CharField(default='', max_length=20)),
                ('pickup_label', fields.CharField(default='', max_length=120)),
                ('alone_min', fields.SmallIntField(null=True)),
                ('with_child_id', fields.IntField(null=True)),
                ('with_child_name', fields.CharField(default='', max_length=120)),
                ('note', fields.CharField(default='', max_length=500)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('updated_by', fields.CharField(default='', max_length=120)),
            ],
            options={'table': 'plan_entry', 'app': 'models', 'unique_together': (('child_id', 'weekday'), ('child_id', 'day')), 'pk_attr': 'id', 'table_description': 'The plan a guardian made for a child: a standard weekday (weekday set) or one date (day set), never both.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PresenceChange',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person_id', fields.IntField()),
                ('institution_id', fields.IntField()),
                ('day', fields.DateField()),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('action', fields.CharEnumField(description='CHECK_IN: tjek_ind\nCHECK_OUT: tjek_ud\nSLEEP: sov\nWAKE: vaagn\nTRIP: tur\nGO_TO_LOCATION: lokation\nRETURN: retur\nREPORT_SICK: syg\nREPORT_VACATION: ferie\nCLEAR_ABSENCE: fjern_fravaer', enum_type=Action, max_length=20)),
                ('from_status', fields.CharEnumField(description='NOT_ARRIVED: ikke_kommet\nPRESENT: til_stede\nSLEEPING: sover\nON_TRIP: paa_tur\nAT_LOCATION: lokation\nPICKED_UP: hentet\nSICK: syg\nVACATION: ferie', enum_type=Status, max_length=20)),
                ('to_status', fields.CharEnumField(description='NOT_ARRIVED: ikke_kommet\nPRESENT: til_stede\nSLEEPING: sover\nON_TRIP: paa_tur\nAT_LOCATION: lokation\nPICKED_UP: hentet\nSICK: syg\nVACATION: ferie', enum_type=Status, max_length=20)),
                ('location', fields.CharField(default='', max_length=60)),
                ('pickup_label', fields.CharField(default='', max_length=120)),
                ('actor_person_id', fields.IntField(null=True)),
                ('actor_name', fields.CharField(max_length=120)),
                ('device', fields.CharEnumField(description='TABLET: tablet\nKIOSK: kiosk\nPHONE: phone', enum_type=DeviceKind, max_length=10)),
                ('wall_screen_id', fields.IntField(null=True)),
                ('undone', fields.BooleanField(default=False)),
            ],
            options={'table': 'presence_change', 'app': 'models', 'indexes': [Index(fields=['institution_id', 'day']), Index(fields=['person_id', 'day'])], 'pk_attr': 'id', 'table_description': 'One change of a day, kept as the history of the day: who, from which device, when, from what to what.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PresenceDay',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='presence_days', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='presence_days', on_delete=OnDelete.CASCADE)),
                ('day', fields.DateField()),
                ('is_staff', fields.BooleanField(default=False)),
                ('group_id', fields.IntField(null=True)),
                ('status', fields.CharEnumField(description='NOT_ARRIVED: ikke_kommet\nPRESENT: til_stede\nSLEEPING: sover\nON_TRIP: paa_tur\nAT_LOCATION: lokation\nPICKED_UP: hentet\nSICK: syg\nVACATION: ferie', enum_type=Status, max_length=20)),
                ('location', fields.CharField(default='', max_length=60)),
                ('pickup_label', fields.CharField(default='', max_length=120)),
                ('version', fields.IntField(default=0)),
                ('arrived_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('left_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('changed_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('changed_by', fields.CharField(default='', max_length=120)),
            ],
            options={'table': 'presence_day', 'app': 'models', 'unique_together': (('person_id', 'institution_id', 'day'),), 'indexes': [Index(fields=['institution_id', 'day'])], 'pk_attr': 'id', 'table_description': 'Where a child (or a member of staff on duty) is on one day at one institution, with a version for races.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PresenceSettings',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', unique=True, db_constraint=True, to_field='id', related_name='presence_settings', on_delete=OnDelete.CASCADE)),
                ('opens_min', fields.SmallIntField(default=390)),
                ('closes_min', fields.SmallIntField(default=1020)),
                ('locations', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('closing_days', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('open_weekdays', fields.JSONField(default=weekdays, encoder=JSON_DUMPS, decoder=loads)),
                ('kiosk_pin', fields.BooleanField(default=False)),
            ],
            options={'table': 'presence_settings', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Opening hours, closing days, named locations and the kiosk PIN rule of one institution.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WallScreen',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', null=True, db_constraint=True, to_field='id', related_name='wall_screens', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(default='', max_length=120)),
                ('pairing_code', fields.CharField(null=True, db_index=True, max_length=8)),
                ('code_expires_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('secret_hash', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('paired_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('paired_by_id', fields.IntField(null=True)),
                ('revoked_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_seen_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'wall_screen', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A device paired as the wall screen of an institution, its token stored only as a hash.'},
            bases=['Model'],
        ),
    ]
