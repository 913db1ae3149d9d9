"""Beskeder: inbox, threads, compose, recipients, attachments, folders and autosvar."""
