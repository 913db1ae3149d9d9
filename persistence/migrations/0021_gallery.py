from tortoise import migrations
from tortoise.migrations import operations as ops
from tortoise.fields.base import OnDelete
from tortoise import fields

class Migration(migrations.Migration):
    dependencies = [('models', '0020_contacts')]

    initial = False

    operations = [
        ops.CreateModel(
            name='Album',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='albums', on_delete=OnDelete.CASCADE)),
                ('group', fields.ForeignKeyField('models.Group', source_field='group_id', null=True, db_constraint=True, to_field='id', related_name='albums', on_delete=OnDelete.CASCADE)),
                ('title', fields.CharField(max_length=120)),
                ('created_by', fields.ForeignKeyField('models.Person', source_field='created_by_id', null=True, db_constraint=True, to_field='id', related_name='albums_created', on_delete=OnDelete.SET_NULL)),
                ('created_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('expires_at', fields.DatetimeField(db_index=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'gallery_album', 'app': 'models', 'pk_attr': 'id', 'table_description': 'Photos staff share with the guardians of one group or of a whole institution, kept until it expires.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='Photo',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('album', fields.ForeignKeyField('models.Album', source_field='album_id', db_constraint=True, to_field='id', related_name='photos', on_delete=OnDelete.CASCADE)),
                ('original_file', fields.CharField(max_length=80)),
                ('display_file', fields.CharField(max_length=80)),
                ('thumb_file', fields.CharField(max_length=80)),
                ('original_name', fields.CharField(default='', max_length=200)),
                ('caption', fields.CharField(default='', max_length=500)),
                ('width', fields.IntField(default=0)),
                ('height', fields.IntField(default=0)),
                ('uploaded_by', fields.ForeignKeyField('models.Person', source_field='uploaded_by_id', null=True, db_constraint=True, to_field='id', related_name='photos_uploaded', on_delete=OnDelete.SET_NULL)),
                ('uploaded_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('state', fields.CharField(default='published', max_length=20)),
                ('held_reason', fields.CharField(default='', max_length=200)),
                ('confirmed_by', fields.ForeignKeyField('models.Person', source_field='confirmed_by_id', null=True, db_constraint=True, to_field='id', related_name='photos_confirmed', on_delete=OnDelete.SET_NULL)),
                ('confirmed_at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'gallery_photo', 'app': 'models', 'pk_attr': 'id', 'table_description': 'One photo of an album: the stored original, display and thumbnail files, a caption and whether it is shown.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='PhotoTag',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('photo', fields.ForeignKeyField('models.Photo', source_field='photo_id', db_constraint=True, to_field='id', related_name='tags', on_delete=OnDelete.CASCADE)),
                ('child', fields.ForeignKeyField('models.Person', source_field='child_id', db_constraint=True, to_field='id', related_name='photo_tags', on_delete=OnDelete.CASCADE)),
                ('tagged_by', fields.ForeignKeyField('models.Person', source_field='tagged_by_id', null=True, db_constraint=True, to_field='id', related_name='photo_tags_made', on_delete=OnDelete.SET_NULL)),
                ('tagged_at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
            ],
            options={'table': 'gallery_photo_tag', 'app': 'models', 'unique_together': (('photo_id', 'child_id'),), 'pk_attr': 'id', 'table_description': 'A child staff tagged in a photo (only with photo consent, and a withdrawn consent hides the photo at once).'},
            bases=['Model'],
        ),
    ]
