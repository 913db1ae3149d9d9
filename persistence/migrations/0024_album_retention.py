"""The municipality's rule for how many months photo albums are kept (24 until an admin chooses)."""

from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0023_first_login')]

    initial = False

    operations = [
        ops.AddField(
            model_name='RetentionPolicy',
            name='albums_months',
            field=fields.SmallIntField(default=24, db_default=24),
        ),
    ]
