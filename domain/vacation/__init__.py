"""Vacation requests (ferieanmodning): staff ask, guardians answer per day, answers become KommeGå plans."""
