from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0002_rollout')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ExternalWidget',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('name', fields.CharField(max_length=120)),
                ('supplier', fields.CharField(max_length=120)),
                ('url', fields.CharField(max_length=500)),
                ('placement', fields.CharField(max_length=10)),
                ('roles', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('mobile', fields.BooleanField(default=True)),
                ('active', fields.BooleanField(default=True)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'external_widget', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A supplier widget registered by the admin, shown in a sandboxed frame with a signed token.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ExternalWidgetInstitution',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('widget', fields.ForeignKeyField('models.ExternalWidget', source_field='widget_id', db_constraint=True, to_field='id', related_name='institutions', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='external_widgets', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'external_widget_institution', 'app': 'models', 'unique_together': (('widget_id', 'institution_id'),), 'pk_attr': 'id', 'table_description': 'An institution where a supplier widget may be shown.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='MenuPlan',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='menu_plans', on_delete=OnDelete.CASCADE)),
                ('year', fields.IntField()),
                ('week', fields.IntField()),
                ('days', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('author_id', fields.IntField()),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'menu_plan', 'app': 'models', 'unique_together': (('institution_id', 'year', 'week'),), 'pk_attr': 'id', 'table_description': 'The menu (madplan) of an institution for one week, one text per weekday.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WeekPlan',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='week_plans', on_delete=OnDelete.CASCADE)),
                ('year', fields.IntField()),
                ('week', fields.IntField()),
                ('text', fields.TextField(unique=False)),
                ('author_id', fields.IntField()),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'week_plan', 'app': 'models', 'unique_together': (('group_id', 'year', 'week'),), 'pk_attr': 'id', 'table_description': 'The weekly plan (ugeplan) a teacher or pedagogue writes for a group.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WidgetLayout',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person_id', fields.IntField()),
                ('role', fields.CharField(max_length=20)),
                ('order', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('hidden', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
            ],
            options={'table': 'widget_layout', 'app': 'models', 'unique_together': (('person_id', 'role'),), 'pk_attr': 'id', 'table_description': 'The own order of widgets of a person and the ones they hid, per role.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WidgetLink',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('title', fields.CharField(max_length=120)),
                ('url', fields.CharField(max_length=500)),
                ('roles', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', null=True, db_constraint=True, to_field='id', related_name='widget_links', on_delete=OnDelete.CASCADE)),
                ('position', fields.IntField(default=0)),
            ],
            options={'table': 'widget_link', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A link the admin sets for the Links widget, for some roles, everywhere or at one institution.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WidgetSetting',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('widget_key', fields.CharField(max_length=60)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='widget_settings', on_delete=OnDelete.CASCADE)),
                ('role', fields.CharField(max_length=20)),
                ('enabled', fields.BooleanField(default=True)),
            ],
            options={'table': 'widget_setting', 'app': 'models', 'unique_together': (('widget_key', 'institution_id', 'role'),), 'pk_attr': 'id', 'table_description': 'Whether a widget is switched on for one role at one institution (no row means on).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='WidgetTokenRecord',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('widget', fields.ForeignKeyField('models.ExternalWidget', source_field='widget_id', db_constraint=True, to_field='id', related_name='tokens', on_delete=OnDelete.CASCADE)),
                ('person_id', fields.IntField(db_index=True)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('role', fields.CharField(max_length=20)),
                ('claims', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('children', fields.IntField(default=0)),
            ],
            options={'table': 'widget_token_record', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A token Sammen gave a supplier widget: to whom, when, and which kinds of data it carried.'},
            bases=['Model'],
        ),
    ]
