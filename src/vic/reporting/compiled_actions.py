"""The Office's narrative of its compiled report (R-10): saved with a revision check, in one transaction."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import F
from django.utils.translation import gettext as _

from vic.core import clock
from vic.formats import moment
from vic.units.models import Role

from .models import CompiledReport

WRITERS = {
    Role.OFFICE_CLERK,
    Role.MONITORING_OFFICER,
    Role.OFFICE_DEPARTMENT_HEAD,
    Role.OFFICE_LEADER,
    Role.ADMIN,
}


def may_write(user) -> bool:
    return bool(user and user.is_authenticated and (user.is_superuser or user.role in WRITERS))


def save_narrative(
    user, kind: str, period: str, *, evaluation: str, proposals: str, revision: int
) -> CompiledReport:
    """`revision` is the one the form was opened with (0: none yet); a concurrent save is refused, not lost."""
    if not may_write(user):
        raise PermissionDenied(_("Chỉ Văn phòng được soạn đánh giá của báo cáo tổng hợp."))
    with transaction.atomic():
        row, _created = CompiledReport.objects.select_for_update().get_or_create(kind=kind, period=period)
        current = 0 if _created else row.revision
        if current != revision:
            raise ValidationError(
                _(
                    "Báo cáo này vừa được %(who)s sửa lúc %(at)s. Nội dung bạn nhập vẫn ở dưới; hãy xem bản mới rồi lưu lại."
                )
                % {
                    "who": row.updated_by or "",
                    "at": moment(row.updated_at),
                },
                code="conflict",
            )
        CompiledReport.objects.filter(pk=row.pk).update(
            evaluation=evaluation,
            proposals=proposals,
            updated_by=user,
            updated_at=clock.now(),
            revision=F("revision") + (0 if _created else 1),
        )
    row.refresh_from_db()
    return row
