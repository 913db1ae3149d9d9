"""How a person wants to be told: the kinds of e-mail they turned off, and the signed links that turn one off."""
