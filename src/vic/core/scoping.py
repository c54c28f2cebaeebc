"""The one shape of "who sees which records" outside tasks: the Office and the provincial leaders see all;
a unit's user sees the records of his unit; anyone else nothing. Tasks have their own rule
(tasks/querysets.py), since a unit also sees what it coordinates or was passed down."""

from __future__ import annotations

from django.db import models


class UnitScopedQuerySet(models.QuerySet):
    def visible_to(self, user):
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_province:
            return self
        if user.unit_id is None:
            return self.none()
        return self.of_unit(user.unit_id)

    def of_unit(self, unit_id: int):
        """The records of unit `unit_id` (a subclass says what "of" means when it is not a `unit` field)."""
        return self.filter(unit_id=unit_id)
