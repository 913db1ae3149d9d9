"""Blanketter: forms and sign-ups that replace Nemtilmeld and paper."""
