from tortoise import migrations
from tortoise.migrations import operations as ops
from orjson import loads
from tortoise.fields.base import OnDelete
from tortoise.fields.data import JSON_DUMPS
from tortoise import fields
from tortoise.indexes import Index

class Migration(migrations.Migration):
    dependencies = [('models', '0004_presence')]

    initial = False

    operations = [
        ops.CreateModel(
            name='AutoReply',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', unique=True, db_constraint=True, to_field='id', related_name='auto_reply', on_delete=OnDelete.CASCADE)),
                ('first_day', fields.DateField()),
                ('last_day', fields.DateField()),
                ('text', fields.TextField(unique=False)),
            ],
            options={'table': 'message_auto_reply', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The autosvar of a member of staff for a date range.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Broadcast',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('municipality', fields.ForeignKeyField('models.Municipality', source_field='municipality_id', db_constraint=True, to_field='id', related_name='broadcasts', on_delete=OnDelete.CASCADE)),
                ('sender', fields.ForeignKeyField('models.Person', source_field='sender_id', null=True, db_constraint=True, to_field='id', related_name='broadcasts_sent', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=200)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('email_after_minutes', fields.IntField(null=True)),
                ('emailed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('public', fields.BooleanField(default=True)),
                ('ended_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'broadcast', 'app': 'models', 'pk_attr': 'id', 'table_description': 'An urgent message from the municipality to every guardian of chosen areas or institutions.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='BroadcastRecipient',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('broadcast', fields.ForeignKeyField('models.Broadcast', source_field='broadcast_id', db_constraint=True, to_field='id', related_name='recipients', on_delete=OnDelete.CASCADE)),
                ('guardian', fields.ForeignKeyField('models.Person', source_field='guardian_id', db_constraint=True, to_field='id', related_name='broadcasts_received', on_delete=OnDelete.CASCADE)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='broadcast_recipients', on_delete=OnDelete.CASCADE)),
                ('read_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('emailed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'broadcast_recipient', 'app': 'models', 'unique_together': (('broadcast_id', 'guardian_id', 'institution_id'),), 'indexes': [Index(fields=['guardian_id', 'read_at']), Index(fields=['broadcast_id', 'institution_id'])], 'pk_attr': 'id', 'table_description': 'One guardian at one institution of the broadcast, with when they read it and when they were e-mailed.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Folder',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('owner', fields.ForeignKeyField('models.Person', source_field='owner_id', db_constraint=True, to_field='id', related_name='message_folders', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=60)),
            ],
            options={'table': 'message_folder', 'app': 'models', 'unique_together': (('owner_id', 'name'),), 'pk_attr': 'id', 'table_description': 'A folder of threads owned by one member of staff.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Post',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='posts', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.Person', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='posts', on_delete=OnDelete.CASCADE)),
                ('author_name', fields.CharField(default='', max_length=160)),
                ('title', fields.CharField(max_length=200)),
                ('body', fields.TextField(unique=False)),
                ('important', fields.BooleanField(default=False)),
                ('expires_on', fields.DateField(null=True)),
                ('allow_comments', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('removed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'post', 'app': 'models', 'indexes': [Index(fields=['institution_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A post to an institution (all of it, or the groups listed in PostGroup).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PostComment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('post', fields.ForeignKeyField('models.Post', source_field='post_id', db_constraint=True, to_field='id', related_name='comments', on_delete=OnDelete.CASCADE)),
                ('author', fields.ForeignKeyField('models.Person', source_field='author_id', null=True, db_constraint=True, to_field='id', related_name='post_comments', on_delete=OnDelete.CASCADE)),
                ('author_name', fields.CharField(default='', max_length=160)),
                ('body', fields.TextField(unique=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('removed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'post_comment', 'app': 'models', 'indexes': [Index(fields=['post_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'A comment under a post whose author allows comments.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ContentReport',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('post', fields.ForeignKeyField('models.Post', source_field='post_id', db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.CASCADE)),
                ('comment', fields.ForeignKeyField('models.PostComment', source_field='comment_id', null=True, db_constraint=True, to_field='id', related_name='reports', on_delete=OnDelete.CASCADE)),
                ('reporter', fields.ForeignKeyField('models.Person', source_field='reporter_id', db_constraint=True, to_field='id', related_name='content_reports', on_delete=OnDelete.CASCADE)),
                ('reason', fields.CharField(max_length=500)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('handled_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('handled_by', fields.ForeignKeyField('models.Person', source_field='handled_by_id', null=True, db_constraint=True, to_field='id', related_name='content_reports_handled', on_delete=OnDelete.CASCADE)),
                ('outcome', fields.CharField(default='', max_length=20)),
            ],
            options={'table': 'post_content_report', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A report of a post or a comment to the leader of the institution (anmeld indhold).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PostGroup',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('post', fields.ForeignKeyField('models.Post', source_field='post_id', db_constraint=True, to_field='id', related_name='groups', on_delete=OnDelete.CASCADE)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', db_constraint=True, to_field='id', related_name='posts', on_delete=OnDelete.CASCADE)),
            ],
            options={'table': 'post_group', 'app': 'models', 'unique_together': (('post_id', 'group_id'),), 'pk_attr': 'id', 'table_description': 'A group a post is addressed to.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='SharedInbox',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', unique=True, db_constraint=True, to_field='id', related_name='shared_inbox', on_delete=OnDelete.CASCADE)),
                ('name', fields.CharField(max_length=120)),
            ],
            options={'table': 'message_shared_inbox', 'app': 'models', 'pk_attr': 'id', 'table_description': 'The fællespostkasse of an institution, answered by the staff who work there.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Thread',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('subject', fields.CharField(max_length=200)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('created_by', fields.ForeignKeyField('models.Person', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='threads_started', on_delete=OnDelete.CASCADE)),
                ('last_message_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('last_sender_name', fields.CharField(default='', max_length=160)),
                ('last_snippet', fields.CharField(default='', max_length=160)),
                ('message_count', fields.IntField(default=0)),
                ('sensitive', fields.BooleanField(default=False)),
            ],
            options={'table': 'message_thread', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A conversation with a subject, with the last message copied here so an inbox page is one query.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Draft',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('author', fields.ForeignKeyField('models.Person', source_field='author_id', db_constraint=True, to_field='id', related_name='message_drafts', on_delete=OnDelete.CASCADE)),
                ('thread', fields.ForeignKeyField('models.Thread', source_field='thread_id', null=True, db_constraint=True, to_field='id', related_name='drafts', on_delete=OnDelete.CASCADE)),
                ('subject', fields.CharField(default='', max_length=200)),
                ('body', fields.TextField(default='', unique=False)),
                ('recipients', fields.JSONField(default=list, encoder=JSON_DUMPS, decoder=loads)),
                ('sensitive', fields.BooleanField(default=False)),
                ('updated_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'message_draft', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A message being written, saved as the author types (a new thread, or a reply when thread is set).'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Message',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('thread', fields.ForeignKeyField('models.Thread', source_field='thread_id', db_constraint=True, to_field='id', related_name='messages', on_delete=OnDelete.CASCADE)),
                ('sender', fields.ForeignKeyField('models.Person', source_field='sender_id', null=True, db_constraint=True, to_field='id', related_name='messages_sent', on_delete=OnDelete.CASCADE)),
                ('sender_name', fields.CharField(default='', max_length=160)),
                ('on_behalf_of', fields.ForeignKeyField('models.SharedInbox', source_field='on_behalf_of_id', null=True, db_constraint=True, to_field='id', related_name='messages', on_delete=OnDelete.CASCADE)),
                ('body', fields.TextField(unique=False)),
                ('sensitive', fields.BooleanField(default=False)),
                ('auto_reply', fields.BooleanField(default=False)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'message', 'app': 'models', 'indexes': [Index(fields=['thread_id', 'created_at'])], 'pk_attr': 'id', 'table_description': 'One message in a thread, which the sender may take back for ten seconds.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Attachment',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('message', fields.ForeignKeyField('models.Message', source_field='message_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.CASCADE)),
                ('draft', fields.ForeignKeyField('models.Draft', source_field='draft_id', null=True, db_constraint=True, to_field='id', related_name='attachments', on_delete=OnDelete.SET_NULL)),
                ('uploader', fields.ForeignKeyField('models.Person', source_field='uploader_id', db_constraint=True, to_field='id', related_name='attachments_uploaded', on_delete=OnDelete.CASCADE)),
                ('filename', fields.CharField(max_length=200)),
                ('content_type', fields.CharField(max_length=100)),
                ('size', fields.IntField()),
                ('sha256', fields.CharField(max_length=64)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'message_attachment', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A file on a message or a draft, stored under the data folder by its content hash.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Participant',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('thread', fields.ForeignKeyField('models.Thread', source_field='thread_id', db_constraint=True, to_field='id', related_name='participants', on_delete=OnDelete.CASCADE)),
                ('person', fields.ForeignKeyField('models.Person', source_field='person_id', null=True, db_constraint=True, to_field='id', related_name='thread_seats', on_delete=OnDelete.CASCADE)),
                ('inbox', fields.ForeignKeyField('models.SharedInbox', source_field='inbox_id', null=True, db_constraint=True, to_field='id', related_name='thread_seats', on_delete=OnDelete.CASCADE)),
                ('via_child_id', fields.IntField(null=True)),
                ('joined_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('left_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('deleted_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('last_message_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('unread', fields.IntField(default=0)),
                ('muted', fields.BooleanField(default=False)),
                ('folder', fields.ForeignKeyField('models.Folder', source_field='folder_id', null=True, db_constraint=True, to_field='id', related_name='seats', on_delete=OnDelete.SET_NULL)),
            ],
            options={'table': 'message_participant', 'app': 'models', 'unique_together': (('thread_id', 'person_id', 'inbox_id'),), 'indexes': [Index(fields=['person_id', 'last_message_at']), Index(fields=['inbox_id', 'last_message_at']), Index(fields=['person_id', 'unread'])], 'pk_attr': 'id', 'table_description': 'A person (or a shared inbox) in a thread, with their own unread count, mute, folder and deletion.'},
            bases=['Model'],
        ),
    ]
