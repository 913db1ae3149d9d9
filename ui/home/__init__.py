"""The homes each role lands on: Overblik for guardians, the staff home, administration homes."""
