"""Guardians' contact details, what each shares with the other parents of the class, and the class contact list."""
