"""Krisebesked: the admin's send page, the live read figures, the public /krise page and the banner."""
