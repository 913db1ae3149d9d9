"""A child's stamkort: what staff must know about the child, written by the guardians."""
