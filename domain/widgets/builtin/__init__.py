"""The built-in widgets; importing this package registers every one of them."""

from domain.widgets.builtin import foedselsdage, links, madplan, ugeplan

__all__ = ["foedselsdage", "links", "madplan", "ugeplan"]
