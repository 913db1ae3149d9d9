"""Kalender: events, recurrence, invitations, holidays, ICS export and feeds, reminders."""
