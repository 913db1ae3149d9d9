"""Beskeder: threads to persons, groups and roles in groups, with sensitive messages and shared inboxes."""
