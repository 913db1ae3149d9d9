"""Samtaler: rounds of conference slots, booking by guardians, schedules for staff."""
