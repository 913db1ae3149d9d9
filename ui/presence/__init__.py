"""KommeGå: the staff board, the parent's plan, the wall screen and its pairing."""
