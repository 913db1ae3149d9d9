"""A child's stamkort: the guardians' form and the staff's reading of it."""
