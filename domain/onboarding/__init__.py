"""The first-login walkthrough."""
