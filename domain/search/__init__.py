"""One search across Sammen: people, messages, posts and events, each filtered by its feature's own access rules."""
