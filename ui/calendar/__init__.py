"""Kalender: month, week and agenda views, the event editor, feeds and single-event files."""
