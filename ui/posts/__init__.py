"""Opslag: the feed and the staff page to write and moderate posts."""
