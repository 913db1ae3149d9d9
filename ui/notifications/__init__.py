"""E-mail settings: the card on the profile and the page an e-mail's unsubscribe link opens."""
