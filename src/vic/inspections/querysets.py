"""Who sees which inspection: the one permission method every list, page and file download goes through."""

from __future__ import annotations

from vic.core.scoping import UnitScopedQuerySet
from vic.core.text import search_terms

from .permissions import may_record


class InspectionQuerySet(UnitScopedQuerySet):
    """`visible_to`: the Office and the provincial leaders see every inspection; a unit those it was
    inspected in."""

    def of_unit(self, unit_id: int) -> InspectionQuerySet:
        inspected = self.model.units.through.objects.filter(unit_id=unit_id).values("inspection_id")
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
