"""Who sees which inspection: the one permission method every list, page and file download goes through."""

from __future__ import annotations

from django.db import models

from vic.core.text import search_terms

from .permissions import may_record


class InspectionQuerySet(models.QuerySet):
    def visible_to(self, user) -> InspectionQuerySet:
        """The Office and the provincial leaders see every inspection; a unit sees those it was inspected in."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_province:
            return self
        if user.unit_id is None:
            return self.none()
        inspected = self.model.units.through.objects.filter(unit_id=user.unit_id).values("inspection_id")
        return self.filter(pk__in=inspected)

    def editable_by(self, user) -> InspectionQuerySet:
        """The Office's staff who follow tasks record and correct inspections; everyone else only reads."""
        return self if may_record(user) else self.none()

    def search(self, text: str) -> InspectionQuerySet:
        """With or without diacritics: title, basis, team, units, findings, conclusion."""
        qs = self
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
        return qs
