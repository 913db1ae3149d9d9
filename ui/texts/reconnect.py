"""Texts shown while the database is unreachable: key -> (Danish, English)."""

from __future__ import annotations

RECONNECT_TEXTS: dict[str, tuple[str, str]] = {
    "db.reconnecting": ("Forbinder igen…", "Reconnecting…"),
    "db.reconnecting.detail": ("Sammen har mistet forbindelsen til databasen et øjeblik. Det du lige gjorde, blev "
                               "ikke gemt: prøv igen, når denne besked forsvinder.",
                               "Sammen lost its connection to the database for a moment. What you just did was not "
                               "saved: try again when this message disappears."),
    "db.back": ("Forbindelsen er tilbage.", "The connection is back."),
    "db.page.title": ("Sammen forbinder igen…", "Sammen is reconnecting…"),
    "db.page.detail": ("Sammen kan ikke nå sin database lige nu. Siden prøver selv igen om få sekunder.",
                       "Sammen cannot reach its database just now. The page tries again by itself in a few seconds."),
    "db.page.retry": ("Prøv igen nu", "Try again now"),
    "busy.title": ("Sammen har travlt lige nu", "Sammen is busy just now"),
    "busy.detail": ("Siden prøver selv igen om få sekunder.", "The page tries again by itself in a few seconds."),
    # NiceGUI's own overlay when the browser loses its connection to the server process itself
    "ws.connection_lost": ("Forbindelsen til Sammen er afbrudt.", "The connection to Sammen was lost."),
    "ws.trying_to_reconnect": ("Forbinder igen…", "Reconnecting…"),
    "ws.message_too_long": ("Beskeden er for stor", "Message too long"),
    "ws.message_too_long_body": ("Beskeden er for stor til at blive sendt.", "The message is too large to send."),
}
