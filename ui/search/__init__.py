"""The search results page."""
