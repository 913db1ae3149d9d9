"""Vacation: its pages and parts."""
