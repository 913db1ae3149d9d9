from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0019_stamkort')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ContactSharing',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='contact_sharing', on_delete=OnDelete.CASCADE)),
                ('share_phone', fields.BooleanField(default=False)),
                ('share_email', fields.BooleanField(default=False)),
                ('share_picture', fields.BooleanField(default=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'contact_sharing', 'app': 'models', 'pk_attr': 'id', 'table_description': 'What one person lets the other parents of their childrens classes see: phone, e-mail, picture.'},
            bases=['Model'],
        ),
    ]
