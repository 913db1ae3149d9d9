"""Institutions and children: a child's page across institutions 0-16."""
