"""Pages and parts for contact details: the profile card, the class contact list and guardian pictures."""
