"""Texts of the search in the top bar, its results page, and links in what people write."""

from __future__ import annotations

SEARCH_TEXTS: dict[str, tuple[str, str]] = {
    "links.new_tab": ("Åbner i en ny fane", "Opens in a new tab"),
    "search.open": ("Søg", "Search"),
    "search.title": ("Søg", "Search"),
    "search.label": ("Søg efter personer, beskeder, opslag og begivenheder",
                     "Search for people, messages, posts and events"),
    "search.placeholder": ("Navn, klasse, gruppe eller ord", "Name, class, group or word"),
    "search.submit": ("Søg", "Search"),
    "search.close": ("Luk søgningen", "Close the search"),
    "search.results_for": ("{n} resultater for »{q}«", "{n} results for “{q}”"),
    "search.one_result_for": ("1 resultat for »{q}«", "1 result for “{q}”"),
    "search.kind.person": ("Personer", "People"),
    "search.kind.child": ("Børn", "Children"),
    "search.kind.message": ("Beskeder", "Messages"),
    "search.kind.post": ("Opslag", "Posts"),
    "search.kind.event": ("Begivenheder", "Events"),
    "search.empty": ("Ingen resultater for »{q}«.", "No results for “{q}”."),
    "search.start": ("Skriv mindst to tegn for at søge.", "Type at least two characters to search."),
    "search.try": ("Prøv et navn (Anne), en klasse (2.A), en gruppe (Solsikken), en rolle med en klasse (lærer 2.A) "
                   "eller et ord fra en besked, et opslag eller en begivenhed.",
                   "Try a name (Anne), a class (2.A), a group (Solsikken), a role with a class (lærer 2.A) "
                   "or a word from a message, a post or an event."),
    "search.write_to": ("Skriv til", "Write to"),
}
