"""Checklist items become data: rollout_checklist_item per programme, its ticks and each cell's history.

The six fixed items become items of the newest programme of each area (an area with ticks and no programme gets
one), in its Udrulning phase when it has one, and every existing tick moves onto its item with one history entry.
"""

from tortoise import migrations
from tortoise.migrations import operations as ops
from domain.rollout.model import ChecklistAction, ObservedKey
from tortoise.fields.base import OnDelete
from tortoise import fields
from tortoise.indexes import Index

# Plain SQL that SQLite and PostgreSQL both run. "end" is quoted: it is a keyword in both.
AREA_OF_KIND = ("CASE i.kind WHEN 'skole' THEN 'skole' WHEN 'bfo' THEN 'bfo_klub' WHEN 'klub' THEN 'bfo_klub' "
                "ELSE 'dagtilbud' END")
NAMES = "CASE a.area WHEN 'skole' THEN 'Skole' WHEN 'bfo_klub' THEN 'BFO og klub' ELSE 'Dagtilbud' END"
PROGRAMMES_FOR_TICKS = f"""
INSERT INTO rollout_programme (area, name, start, "end")
SELECT a.area, 'Tjekliste: ' || {NAMES}, a.first_day, a.first_day
FROM (SELECT {AREA_OF_KIND} AS area, COALESCE(MIN(date(t.at)), date('2020-01-01')) AS first_day
      FROM rollout_readiness t JOIN institution i ON i.id = t.institution_id
      GROUP BY {AREA_OF_KIND}) a
WHERE NOT EXISTS (SELECT 1 FROM rollout_programme p WHERE p.area = a.area)
"""
SIX = " UNION ALL ".join(
    f"SELECT {n} AS position, '{title}' AS title, {observed} AS observed"
    for n, title, observed in [
        (1, "Superbrugere udpeget", "'superusers'"),
        (2, "Personale uddannet", "CAST(NULL AS VARCHAR(30))"),
        (3, "Forældre informeret", "CAST(NULL AS VARCHAR(30))"),
        (4, "Vægskærm parret", "'wall_screen_paired'"),
        (5, "KommeGå i brug", "'kommegaa_in_use'"),
        (6, "Første besked sendt", "'first_message'"),
    ])
CURRENT = "p.id = (SELECT MAX(q.id) FROM rollout_programme q WHERE q.area = p.area)"
ITEMS = f"""
INSERT INTO rollout_checklist_item (programme_id, phase_id, title, owner, deadline, position, observed)
SELECT p.id,
       (SELECT MIN(s.id) FROM rollout_span s WHERE s.programme_id = p.id AND s.kind = 'phase' AND s.key = 'udrulning'),
       six.title, '',
       (SELECT MAX(s."end") FROM rollout_span s WHERE s.programme_id = p.id AND s.kind = 'phase'
        AND s.key = 'udrulning'),
       six.position, six.observed
FROM rollout_programme p CROSS JOIN ({SIX}) six
WHERE {CURRENT}
"""
POSITION_OF_ITEM = ("CASE t.item WHEN 'superusers' THEN 1 WHEN 'staff_trained' THEN 2 WHEN 'guardians_informed' "
                    "THEN 3 WHEN 'wall_screen_paired' THEN 4 WHEN 'kommegaa_in_use' THEN 5 ELSE 6 END")
MOVED = f"""
FROM rollout_readiness t
JOIN institution i ON i.id = t.institution_id
JOIN rollout_programme p ON p.area = {AREA_OF_KIND} AND {CURRENT}
JOIN rollout_checklist_item c ON c.programme_id = p.id AND c.position = {POSITION_OF_ITEM}
"""
TICKS = f"""
INSERT INTO rollout_checklist_tick (institution_id, item_id, ticked, by_person_id, by_name, at, comment)
SELECT t.institution_id, c.id, t.ticked, t.by_person_id, t.by_name, t.at, t.comment {MOVED}
"""
# The history starts with each cell's state as it stood; a tick without a time has nothing to tell.
HISTORY = f"""
INSERT INTO rollout_checklist_entry (institution_id, item_id, action, by_person_id, by_name, at, comment)
SELECT t.institution_id, c.id, CASE WHEN t.ticked THEN 'tick' ELSE 'untick' END, t.by_person_id, t.by_name, t.at,
       t.comment {MOVED} WHERE t.at IS NOT NULL
"""


class Migration(migrations.Migration):
    dependencies = [('models', '0014_adoption_reminders')]

    initial = False

    operations = [
        ops.CreateModel(
            name='ChecklistItem',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('programme', fields.ForeignKeyField('models.Programme', source_field='programme_id', db_constraint=True, to_field='id', related_name='checklist', on_delete=OnDelete.CASCADE)),
                ('phase', fields.ForeignKeyField('models.Span', source_field='phase_id', null=True, db_constraint=True, to_field='id', related_name='checklist', on_delete=OnDelete.SET_NULL)),
                ('title', fields.CharField(max_length=160)),
                ('owner', fields.CharField(default='', max_length=120)),
                ('deadline', fields.DateField(null=True)),
                ('position', fields.IntField(default=0)),
                ('observed', fields.CharEnumField(null=True, description='SUPERUSERS: superusers\nWALL_SCREEN_PAIRED: wall_screen_paired\nKOMMEGAA_IN_USE: kommegaa_in_use\nFIRST_MESSAGE: first_message', enum_type=ObservedKey, max_length=30)),
            ],
            options={'table': 'rollout_checklist_item', 'app': 'models', 'pk_attr': 'id', 'table_description': 'A readiness checklist item of a programme, optionally in one of its phases, with an owner and a deadline.'},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChecklistEntry',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='checklist_entries', on_delete=OnDelete.CASCADE)),
                ('item', fields.ForeignKeyField('models.ChecklistItem', source_field='item_id', db_constraint=True, to_field='id', related_name='entries', on_delete=OnDelete.CASCADE)),
                ('action', fields.CharEnumField(description='TICK: tick\nUNTICK: untick\nCOMMENT: comment', enum_type=ChecklistAction, max_length=10)),
                ('by_person_id', fields.IntField(null=True)),
                ('by_name', fields.CharField(default='', max_length=120)),
                ('at', fields.DatetimeField(auto_now=False, auto_now_add=False)),
                ('comment', fields.CharField(default='', max_length=300)),
            ],
            options={'table': 'rollout_checklist_entry', 'app': 'models', 'indexes': [Index(fields=['institution_id', 'item_id'])], 'pk_attr': 'id', 'table_description': "One tick, untick or comment on a checklist item of an institution, as the history of that cell."},
            bases=['Model'],
        ),
        ops.CreateModel(
            name='ChecklistTick',
            fields=[
                ('id', fields.IntField(generated=True, primary_key=True, unique=True, db_index=True)),
                ('institution', fields.ForeignKeyField('models.Institution', source_field='institution_id', db_constraint=True, to_field='id', related_name='checklist_ticks', on_delete=OnDelete.CASCADE)),
                ('item', fields.ForeignKeyField('models.ChecklistItem', source_field='item_id', db_constraint=True, to_field='id', related_name='ticks', on_delete=OnDelete.CASCADE)),
                ('ticked', fields.BooleanField(default=False)),
                ('by_person_id', fields.IntField(null=True)),
                ('by_name', fields.CharField(default='', max_length=120)),
                ('at', fields.DatetimeField(null=True, auto_now=False, auto_now_add=False)),
                ('comment', fields.CharField(default='', max_length=300)),
            ],
            options={'table': 'rollout_checklist_tick', 'app': 'models', 'unique_together': (('institution_id', 'item_id'),), 'pk_attr': 'id', 'table_description': 'The current state of one checklist item at one institution, and who set it.'},
            bases=['Model'],
        ),
        ops.RunSQL([PROGRAMMES_FOR_TICKS, ITEMS, TICKS, HISTORY]),
        ops.DeleteModel(name='ReadinessTick'),
    ]
