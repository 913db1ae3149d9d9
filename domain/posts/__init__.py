"""Opslag: posts to an institution or its groups, comments, and reports of content to the leader."""
