"""The installable app: manifest, service worker, offline page, icons."""
