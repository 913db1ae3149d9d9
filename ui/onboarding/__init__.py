"""The first-login walkthrough on Overblik."""
