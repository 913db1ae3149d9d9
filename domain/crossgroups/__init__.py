"""Tværgående grupper: groups across institutions, with a purpose, an owner, an expiry and members by rule or name."""
