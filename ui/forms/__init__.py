"""Formularer: forms staff build, guardians answer, and their results."""
