"""Texts of the notification centre (the bell and /notifikationer): key -> (Danish, English)."""

from __future__ import annotations

NOTIFY_CENTRE_TEXTS: dict[str, tuple[str, str]] = {
    "nc.bell": ("Notifikationer", "Notifications"),
    "nc.bell_unread": ("Notifikationer, {n} ulæste", "Notifications, {n} unread"),
    "nc.new": ("Ny notifikation. Du har {n} ulæste.", "New notification. You have {n} unread."),
    "nc.title": ("Notifikationer", "Notifications"),
    "nc.mark_all": ("Marker alle som læst", "Mark all as read"),
    "nc.marked_all": ("Alle er markeret som læst", "All are marked as read"),
    "nc.unread": ("Ulæst", "Unread"),
    "nc.more": ("Vis ældre", "Show older"),
    "nc.empty": (
        "Du har ingen notifikationer endnu. Her kommer nye beskeder og svar, vigtige opslag, invitationer og "
        "ændringer i kalenderen, påmindelser, frister, samtaler, tjek ind og ud i KommeGå og krisebeskeder.",
        "You have no notifications yet. New messages and replies, important posts, invitations and calendar "
        "changes, reminders, deadlines, conferences, check-ins and check-outs in KommeGå and urgent messages will "
        "show up here."),
    "nc.count.one": ("1 ulæst notifikation", "1 unread notification"),
    "nc.count.other": ("{n} ulæste notifikationer", "{n} unread notifications"),
    "nc.count.none": ("Ingen ulæste notifikationer", "No unread notifications"),
    "nc.cat.message": ("Besked", "Message"),
    "nc.cat.post": ("Vigtigt opslag", "Important post"),
    "nc.cat.invitation": ("Invitation", "Invitation"),
    "nc.cat.event": ("Kalender", "Calendar"),
    "nc.cat.reminder": ("Påmindelse", "Reminder"),
    "nc.cat.deadline": ("Frist", "Deadline"),
    "nc.cat.conference": ("Samtale", "Conference"),
    "nc.cat.presence": ("KommeGå", "KommeGå"),
    "nc.cat.crisis": ("Krisebesked", "Urgent message"),
    "notifications.not_found": ("Notifikationen findes ikke.", "The notification does not exist."),
}
