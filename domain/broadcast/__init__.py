"""The municipality's urgent broadcast: sending, reading, figures, the e-mail fallback and the public page."""
