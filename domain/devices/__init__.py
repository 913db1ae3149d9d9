"""Remembered devices: a guardian's own phone stays signed in at level 2, unlocked by a passkey if they chose one."""
