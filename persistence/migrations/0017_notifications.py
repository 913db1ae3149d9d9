from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0016_survey_sendings')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Notification',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='notifications', on_delete=OnDelete.CASCADE)),
                ('category', fields.CharField(max_length=20)),
                ('title', fields.CharField(max_length=200)),
                ('body', fields.CharField(default='', max_length=300)),
                ('link', fields.CharField(default='', max_length=300)),
                ('sensitive', fields.BooleanField(default=False)),
                ('urgent', fields.BooleanField(default=False)),
                ('source', fields.CharField(max_length=80)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notification', 'app': 'models', 'unique_together': (('person_id', 'source'),), 'indexes': [Index(fields=['person_id', 'read_at']), Index(fields=['person_id', 'created_at'])], 'pk_attr': 'id', 'table_description': "Something one person is told about, as safe to show on a lock screen (never the text of a message)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationChoice',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='notification_choices', on_delete=OnDelete.CASCADE)),
                ('category', fields.CharField(max_length=20)),
                ('channel', fields.CharField(max_length=10)),
                ('on', fields.BooleanField()),
            ],
            options={'table': 'notification_choice', 'app': 'models', 'unique_together': (('person_id', 'category', 'channel'),), 'pk_attr': 'id', 'table_description': "The choice of one person for one category on one channel (no row: the default of their role)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationDelivery',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('notification', fields.ForeignKeyField('models.Notification', source_field='notification_id', db_constraint=True, to_field='id', related_name='deliveries', on_delete=OnDelete.CASCADE)),
                ('channel', fields.CharField(max_length=10)),
                ('device_id', fields.IntField(null=True)),
                ('due_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('attempts', fields.IntField(default=0)),
                ('claimed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('claimed_by', fields.CharField(default='', max_length=60)),
                ('sent_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('failed', fields.BooleanField(default=False)),
                ('error', fields.CharField(default='', max_length=120)),
            ],
            options={'table': 'notification_delivery', 'app': 'models', 'unique_together': (('notification_id', 'channel', 'device_id'),), 'indexes': [Index(fields=['sent_at', 'failed', 'due_at'])], 'pk_attr': 'id', 'table_description': 'The outbox: one way a notification goes out (push to one device, an e-mail, a line in a daily summary).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='NotificationSettings',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.OneToOneField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='notification_settings', on_delete=OnDelete.CASCADE)),
                ('quiet_from', fields.IntField(default=1260)),
                ('quiet_to', fields.IntField(default=420)),
                ('digest_at', fields.IntField(default=1020)),
                ('chosen_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'notification_settings', 'app': 'models', 'pk_attr': 'id', 'table_description': "The quiet hours of one person and summary time, and when they made their first choices (no row: the defaults)."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PushSubscription',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', db_constraint=True, to_field='id', related_name='push_subscriptions', on_delete=OnDelete.CASCADE)),
                ('endpoint', fields.CharField(unique=True, max_length=600)),
                ('p256dh', fields.CharField(max_length=200)),
                ('auth', fields.CharField(max_length=60)),
                ('label', fields.CharField(default='', max_length=100)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_used_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'push_subscription', 'app': 'models', 'pk_attr': 'id', 'table_description': "The Web Push subscription of one device (RFC 8030): where to send and the keys to encrypt for it."},
            bases=['Model'],
        ),
    ]
