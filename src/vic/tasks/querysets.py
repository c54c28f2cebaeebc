"""Task querysets: the permission method every list, export, report, API and search goes through."""

from __future__ import annotations

import datetime

from django.db import models
from django.db.models import Case, F, IntegerField, Q, Value, When

from vic.core.text import search_phrase, search_terms

# one working day to register and deliver: the late ones and the ones in time (Task.delivered_late).
DELIVERED_LATE = Q(first_delivered_on__gt=F("delivery_due_on"))
DELIVERED_IN_TIME = Q(first_delivered_on__lte=F("delivery_due_on"))
# Delivered, not withdrawn, not returned: the tasks that reports and dashboards count.
COUNTED = Q(delivered_on__isnull=False, withdrawn_on__isnull=True, returned_on__isnull=True)


class TaskQuerySet(models.QuerySet):
    def visible_to(self, user) -> TaskQuerySet:
        """The Office and provincial leaders see everything; a unit sees the delivered tasks it leads or
        coordinates, and those with a part passed down to it or to the user (R-9.4)."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_province:
            return self
        if user.unit_id is None:
            return self.none()
        from .models import TaskCoordination, TaskPart

        # IN (subquery) is hashed once by the planner; a correlated EXISTS under OR ran per row (4x slower).
        coordinated = TaskCoordination.objects.filter(unit_id=user.unit_id).values("task_id")
        passed_down = TaskPart.objects.open_for(user).values("task_id")
        return self.filter(delivered_on__isnull=False).filter(
            Q(lead_unit_id=user.unit_id) | Q(pk__in=coordinated) | Q(pk__in=passed_down)
        )

    def monitored_by(self, user) -> TaskQuerySet:
        """The tasks an Office officer or department head follows (Scope.MONITOR of permissions.py, as SQL):
        those of their department, those naming them, and those nobody follows yet."""
        from .models import Task

        through = Task.monitoring_officers.through
        mine = Q(pk__in=through.objects.filter(user_id=user.pk).values("task_id"))
        nobody = Q(monitoring_department__isnull=True) & ~Q(pk__in=through.objects.values("task_id"))
        if user.unit_id:
            mine |= Q(monitoring_department_id=user.unit_id)
        return self.filter(mine | nobody)

    def editable_by(self, user) -> TaskQuerySet:
        """Who may edit the assignment itself (content, units, deadline): the Office's registrars."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        return self if user.can_register else self.none()

    def with_status(self, today: datetime.date | None = None) -> TaskQuerySet:
        """Annotated `status` as of `today`, with the deadline in force then: `effective_as_of` (what status
        and days overdue use) and `deadline_as_of` (as written, what reports print)."""
        from .status import as_of_expression, local_today, status_expression

        today = today or local_today()
        return self.annotate(
            effective_as_of=as_of_expression(today), deadline_as_of=as_of_expression(today, "deadline")
        ).annotate(status=status_expression(today, "effective_as_of"))

    def search(self, text: str) -> TaskQuerySet:
        """Diacritic-insensitive search over content, directive reference and units; annotated `relevance`
        (0: the words stand side by side as typed, "Sở Tài chính"; 1: only scattered) for lists to sort by."""
        qs = self
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
        phrase = search_phrase(text)
        whole = Q(search_text__contains=phrase) if phrase else Q(pk__isnull=False)
        return qs.annotate(
            relevance=Case(When(whole, then=Value(0)), default=Value(1), output_field=IntegerField())
        )

    def counted(self) -> TaskQuerySet:
        """Tasks that reports count: delivered, not withdrawn (returned ones leave the counts too)."""
        return self.filter(COUNTED)


class TaskPartQuerySet(models.QuerySet):
    def open_for(self, user) -> TaskPartQuerySet:
        """The open parts passed down to the user's unit, or to the user while he still works in the lead
        unit or one of its sub-units (actions.team_of): a person moved to another unit loses them at once."""
        if not user or not user.is_authenticated or not user.unit_id:
            return self.none()
        lead_units = [user.unit_id, *([user.unit.parent_id] if user.unit.parent_id else [])]
        return self.filter(closed_on__isnull=True).filter(
            Q(assignee_unit_id=user.unit_id) | Q(assignee=user, task__lead_unit_id__in=lead_units)
        )
