"""Conference booking (samtaler): rounds of slots for a group, booked by guardians, one slot per child."""
