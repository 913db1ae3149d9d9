"""Who you are: the login and refusal pages and the profile."""
