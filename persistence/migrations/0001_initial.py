from tortoise import migrations
from tortoise.migrations import operations as ops
from domain.organisation.model import GroupKind, InstitutionKind, MunicipalRole, StaffRole
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    initial = True

    operations = [
        ops.CreateModel(
            name='AuditEntry',
            fields=[
                ('id', fields.BigIntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
                ('actor_person_id', fields.IntField(null=True, db_index=True)),
                ('actor_label', fields.CharField(default='', max_length=120)),
                ('action', fields.CharField(max_length=60)),
                ('outcome', fields.CharField(max_length=10)),
                ('concerned_person_id', fields.IntField(null=True, db_index=True)),
                ('client_address', fields.CharField(default='', max_length=64)),
                ('detail', fields.CharField(default='', max_length=300)),
            ],
            options={'table': 'audit_entry', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Who did or tried what to whose data, when, and from where.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Municipality',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('code', fields.CharField(unique=True, max_length=8)),
                ('name', fields.CharField(max_length=100)),
            ],
            options={'table': 'municipality', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A municipality (kommune), the root of everything.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Institution',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='institutions', on_delete=OnDelete.CASCADE)),
                ('number', fields.CharField(unique=True, max_length=12)),
                ('name', fields.CharField(max_length=120)),
                ('kind', fields.CharEnumField(description='VUGGESTUE: vuggestue\nBOERNEHAVE: boernehave\nINTEGRERET: integreret\nDAGPLEJE: dagpleje\nSKOLE: skole\nBFO: bfo\nKLUB: klub', enum_type=InstitutionKind, max_length=20)),
                ('address', fields.CharField(default='', max_length=200)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'institution', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A vuggestue, børnehave, school, BFO or club, numbered by its institutionsnummer.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Group',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='groups', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', null=True, db_constraint=True, to_field='id', related_name='groups', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('kind', fields.CharEnumField(description='STUE: stue\nKLASSE: klasse\nHOLD: hold\nTVAERGAAENDE: tvaergaaende', enum_type=GroupKind, max_length=20)),
                ('expires_on', fields.DateField(null=True)),
            ],
            options={'table': 'group', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A stue, klasse or hold, with no institution when it crosses institutions.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Person',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='people', on_delete=OnDelete.CASCADE)),
                ('first_name', fields.CharField(max_length=80)),
                ('last_name', fields.CharField(max_length=80)),
                ('birth_date', fields.DateField(null=True)),
                ('cpr', fields.CharField(null=True, unique=True, max_length=10)),
                ('is_child', fields.BooleanField(default=False)),
                ('email', fields.CharField(default='', max_length=200)),
                ('phone', fields.CharField(default='', max_length=30)),
                ('address', fields.CharField(default='', max_length=200)),
                ('photo_url', fields.CharField(default='', max_length=300)),
                ('active', fields.BooleanField(default=True)),
            ],
            options={'table': 'person', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A child or an adult, whose CPR-like number is never shown in full nor logged.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Custody',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('guardian', fields.ForeignKeyField('models.Person', source_field='guardian_id', db_constraint=True, to_field='id', related_name='custodies_held', on_delete=OnDelete.CASCADE)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='custodians', on_delete=OnDelete.CASCADE)),
                ('valid_from', fields.DateField()),
                ('valid_to', fields.DateField(null=True)),
            ],
            options={'table': 'custody', 'app': 'models', 'indexes': [Index(fields=['child_id', 'guardian_id'])], 'pk_attr': 'id', 'table_description': 'Custody of a child held by a guardian over a span of time (forældremyndighed).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Employment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='employments', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='employments', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharEnumField(description='PAEDAGOG: paedagog\nLAERER: laerer\nLEDER: leder\nMEDHJAELPER: medhjaelper', enum_type=StaffRole, max_length=20)),
                ('superuser', fields.BooleanField(default=False)),
                ('start', fields.DateField()),
                ('end', fields.DateField(null=True)),
            ],
            options={'table': 'employment', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The role of an employee at one institution, with the superbruger flag.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Enrolment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='enrolments', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='enrolments', on_delete=OnDelete.CASCADE)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', null=True, db_constraint=True, to_field='id', related_name='enrolments', on_delete=OnDelete.CASCADE)),
                ('start', fields.DateField()),
                ('end', fields.DateField(null=True)),
            ],
            options={'table': 'enrolment', 'app': 'models', 'indexes': [Index(fields=['institution_id', 'end']), Index(fields=['child_id', 'start'])], 'pk_attr': 'id', 'table_description': 'A child in an institution and group from a date to a date, with history kept.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='GroupMembership',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='memberships', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='group_memberships', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'group_membership', 'app': 'models', 'unique_together': (('group_id', 'person_id'),), 'pk_attr': 'id', 'table_description': 'A person in a group beside the enrolment group: staff in their rooms, children in cross groups.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MunicipalAssignment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='municipal_roles', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharEnumField(description='ADMIN: admin\nPROJECT_TEAM: project_team\nPPR: ppr', enum_type=MunicipalRole, max_length=20)),
            ],
            options={'table': 'municipal_assignment', 'app': 'models', 'unique_together': (('person_id', 'role'),), 'pk_attr': 'id', 'table_description': 'A role at the municipality: admin, project team member, PPR consultant.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PickupPerson',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='pickup_persons', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
                ('relation', fields.CharField(default='', max_length=60)),
                ('phone', fields.CharField(default='', max_length=30)),
                ('added_by', fields.ForeignKeyField('models.Person', source_field='added_by_id', null=True, db_constraint=True, to_field='id', related_name='pickup_persons_added', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'pickup_person', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Someone a guardian has authorised to pick a child up, beside the guardians.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ProfessionalAccess',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('professional', fields.ForeignKeyField('models.Person', source_field='professional_id', db_constraint=True, to_field='id', related_name='cases', on_delete=OnDelete.CASCADE)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='professionals', on_delete=OnDelete.CASCADE)),
                ('valid_to', fields.DateField(null=True)),
            ],
            options={'table': 'professional_access', 'app': 'models', 'unique_together': (('professional_id', 'child_id'),), 'pk_attr': 'id', 'table_description': 'An external professional (PPR) invited to the case of one child, until a date.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='UserAccount',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='account', on_delete=OnDelete.CASCADE)),
                ('oidc_subject', fields.CharField(unique=True, max_length=200)),
                ('username', fields.CharField(default='', max_length=80)),
                ('active', fields.BooleanField(default=True)),
                ('demo_label', fields.CharField(default='', max_length=120)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=True)),
                ('last_login_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'user_account', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A login for one person, keyed by the subject the identity provider gives them.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='LoginRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('account', fields.ForeignKeyField('models.UserAccount', source_field='account_id', db_constraint=True, to_field='id', related_name='logins', on_delete=OnDelete.CASCADE)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('acr', fields.CharField(max_length=4)),
            ],
            options={'table': 'login_record', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One successful login, for adoption figures (who logged in, when, at which level).'},
            bases=['Model'],
        ),
    ]
