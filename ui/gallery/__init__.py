"""Pages and parts for Galleri: the albums list, an album with its photos, uploads, and the photo file route."""
