"""Tværgående grupper in the browser: the list for the admin and leaders, the create/edit dialog."""
