"""Putting a demo guardian back to her very first login, whatever other tests of the same server did before."""

from __future__ import annotations

import sqlite3
from contextlib import closing

from tests.e2e.conftest import SammenServer


def fresh_first_login(server: SammenServer, subject: str = "demo-foraelder") -> None:
    """The guardian as at her very first login: no walkthrough answers, no notification choices made."""
    with closing(sqlite3.connect(server.log.parent / "sammen.sqlite3")) as con, con:
        (person_id,) = con.execute(
            "SELECT person_id FROM user_account WHERE oidc_subject = ?", (subject,)).fetchone()
        con.execute("DELETE FROM first_login WHERE person_id = ?", (person_id,))
        con.execute("UPDATE notification_settings SET chosen_at = NULL WHERE person_id = ?", (person_id,))
