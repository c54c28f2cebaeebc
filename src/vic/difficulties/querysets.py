"""Who sees which difficulty: the one permission method every list, count, page and file goes through."""

from __future__ import annotations

from vic.core.scoping import UnitScopedQuerySet
from vic.core.text import search_terms


class DifficultyQuerySet(UnitScopedQuerySet):
    """`visible_to`: the Office and provincial leaders see every difficulty; a unit only its own unit's."""

    def search(self, text: str) -> DifficultyQuerySet:
        qs = self
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
        return qs
