"""What Sammen knows and does; no web framework, no UI."""
