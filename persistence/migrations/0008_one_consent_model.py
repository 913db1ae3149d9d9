"""KommeGå's consent to go home alone joins the child's other consents: a managed type, decisions in child_consent."""

from tortoise import migrations
from tortoise.migrations import operations as ops

KEY = "gaa_hjem_selv"
NAME = "Må gå hjem selv fra BFO og klub"
DESCRIPTION = "Barnet må gå hjem selv fra BFO og klub på de tidspunkter, forældrene skriver i KommeGå."

# Plain SQL that SQLite and PostgreSQL both run: one type per municipality that has such consents, then each
# child's latest decision (given while not withdrawn), then the old table goes.
TYPES = f"""
INSERT INTO consent_type (municipality_id, key, name, description, active, created_at)
SELECT p.municipality_id, '{KEY}', '{NAME}', '{DESCRIPTION}', TRUE, MIN(c.given_at)
FROM consent c JOIN person p ON p.id = c.child_id
WHERE NOT EXISTS (SELECT 1 FROM consent_type t WHERE t.municipality_id = p.municipality_id AND t.key = '{KEY}')
GROUP BY p.municipality_id
"""
DECISIONS = f"""
INSERT INTO child_consent (child_id, consent_type_id, given, decided_by_id, decided_at)
SELECT c.child_id, t.id, c.withdrawn_at IS NULL, c.given_by_id, COALESCE(c.withdrawn_at, c.given_at)
FROM consent c
JOIN person p ON p.id = c.child_id
JOIN consent_type t ON t.municipality_id = p.municipality_id AND t.key = '{KEY}'
WHERE c.id = (SELECT c2.id FROM consent c2 WHERE c2.child_id = c.child_id
              ORDER BY c2.withdrawn_at IS NULL DESC, COALESCE(c2.withdrawn_at, c2.given_at) DESC, c2.id DESC LIMIT 1)
  AND NOT EXISTS (SELECT 1 FROM child_consent x WHERE x.child_id = c.child_id AND x.consent_type_id = t.id)
"""


class Migration(migrations.Migration):
    dependencies = [('models', '0007_gdpr')]

    initial = False

    operations = [
        ops.RunSQL([TYPES, DECISIONS]),
        ops.DeleteModel(name='Consent'),
    ]
