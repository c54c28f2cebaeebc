"""Who sees which difficulty: the one permission method every list, count, page and file goes through."""

from __future__ import annotations

from django.db import models

from vic.core.text import search_terms


class DifficultyQuerySet(models.QuerySet):
    def visible_to(self, user) -> DifficultyQuerySet:
        """The Office and provincial leaders see every difficulty; a unit sees only its own unit's."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_province:
            return self
        if user.unit_id is None:
            return self.none()
        return self.filter(unit_id=user.unit_id)

    def search(self, text: str) -> DifficultyQuerySet:
        qs = self
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
        return qs
