"""Follow-up tasks of an inspection: registered like any task, under the inspection's conclusion notice.

The first follow-up registers the conclusion notice (thông báo kết luận, R-3.1) through
`register_directive`; later ones are added to it through `create_tasks`. Either way the tasks get a lead
unit, a deadline, delivery against the one-day rule and their journal, exactly as on the register page."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from vic.core import clock
from vic.directives.actions import DuplicateDirective, register_directive
from vic.directives.models import DirectiveKind
from vic.tasks.actions import create_tasks, deliver_tasks, journal
from vic.tasks.models import EventKind, Task
from vic.tasks.specs import TaskSpec

from ..models import Inspection
from ..permissions import may_follow_up

DOCUMENT_FIELDS = ["number", "symbol", "issuer", "issue_date", "signer_name", "signer_position"]


def conclusion_kind() -> DirectiveKind:
    """The seeded kind for notices of conclusions (Decree 30/2020 plus the regulation's own kinds)."""
    kind = DirectiveKind.objects.filter(name="Thông báo kết luận").first()
    return kind or DirectiveKind.objects.get(name="Thông báo")


def _check_document(inspection: Inspection, document: dict | None) -> dict:
    if not document or not document.get("issue_date"):
        raise ValidationError({"issue_date": _("Chưa nhập ngày của văn bản kết luận kiểm tra (dd/mm/yyyy).")})
    day = document["issue_date"]
    if day > clock.today():
        raise ValidationError({"issue_date": _("Ngày văn bản kết luận không được sau ngày hôm nay.")})
    if day < inspection.started_on:
        raise ValidationError(
            {
                "issue_date": _("Ngày văn bản kết luận không được trước ngày kiểm tra (%(day)s).")
                % {"day": inspection.started_on.strftime("%d/%m/%Y")}
            }
        )
    if not (document.get("issuer") or "").strip():
        raise ValidationError({"issuer": _("Chưa nhập cơ quan ban hành văn bản kết luận.")})
    fields = {name: document.get(name) or "" for name in DOCUMENT_FIELDS}
    fields.update(
        kind=conclusion_kind(),
        issue_date=day,
        abstract=(_("Kết luận kiểm tra: %(title)s") % {"title": inspection.title})[:500],
    )
    return fields


def create_follow_up_tasks(
    user, inspection: Inspection, specs: list[TaskSpec], *, document: dict | None = None, deliver: bool = True
) -> list[Task]:
    """Register (and by default deliver) tasks arising from an inspection; each links back to it."""
    if not may_follow_up(user):
        raise PermissionDenied(
            _("Chỉ văn thư, lãnh đạo Văn phòng (người nhập nhiệm vụ) được giao nhiệm vụ sau kiểm tra.")
        )
    if not specs:
        raise ValidationError(_("Chưa có nhiệm vụ nào để giao."))
    with transaction.atomic():
        current = Inspection.objects.select_for_update().get(pk=inspection.pk)
        if current.directive_id is None:
            fields = _check_document(current, document)
            try:
                directive = register_directive(user, fields, specs=specs, deliver=deliver)
                tasks = list(directive.tasks.order_by("pk"))
            except DuplicateDirective as duplicate:
                # The notice is already registered (by the clerk, with or without tasks): add to it.
                directive = duplicate.existing
                tasks = _add_to(user, directive, specs, deliver)
            current.directive = directive
            current.save(update_fields=["directive"])  # saved, so django-auditlog records it
        else:
            tasks = _add_to(user, current.directive, specs, deliver)
        current.follow_up_tasks.add(*tasks)
        note = _("Giao sau đợt kiểm tra “%(title)s” ngày %(day)s (đợt kiểm tra #%(id)s).") % {
            "title": current.title,
            "day": current.started_on.strftime("%d/%m/%Y"),
            "id": current.pk,
        }
        for task in tasks:
            journal(task, EventKind.FOLLOW_UP, user, note=note)
    inspection.refresh_from_db()
    return list(Task.objects.filter(pk__in=[t.pk for t in tasks]).order_by("pk"))


def _add_to(user, directive, specs: list[TaskSpec], deliver: bool) -> list[Task]:
    tasks = create_tasks(user, directive, specs)
    if deliver:
        deliver_tasks(user, tasks)
    return tasks
