"""What the data export leaves out below assurance level 3, and the lines that say how to get it."""

from __future__ import annotations

from domain import access
from domain.identity.model import Actor

# The export is a file, not a page: each line carries both languages, Danish first.
SENSITIVE_WITHHELD = ("Følsomt indhold udeladt – log ind med MitID på niveau 3 (høj) og hent dine data igen for at "
                      "få det med. / Sensitive content left out – sign in with MitID at level 3 (high) and download "
                      "your data again to include it.")
CPR_WITHHELD = ("Fuldt CPR-nummer udeladt – log ind med MitID på niveau 3 (høj) og hent dine data igen for at få det "
                "med. / Full CPR number left out – sign in with MitID at level 3 (high) and download your data again "
                "to include it.")

# The README's paragraph on what this file holds.
LEVEL_FULL = ("Filen er hentet efter login med MitID på niveau 3 (høj): følsomme beskeder og CPR-numre er med i fuld "
              "længde.\n")
LEVEL_PARTIAL = ("Filen er hentet uden login på niveau 3. Følsomme beskeder er udeladt, og CPR-numre vises som "
                 "DDMMÅÅ-XXXX.\nLog ind med MitID på niveau 3 (høj) og hent dine data igen for at få dem med.\n"
                 "Sensitive messages and full CPR numbers are left out: sign in with MitID at level 3 (high) and "
                 "download again.\n")


def full_export(actor: Actor) -> bool:
    """Sensitive text and full CPR numbers leave Sammen only as they are shown: in a session at level 3."""
    return access.can_read_sensitive(actor).allowed
