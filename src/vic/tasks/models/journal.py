"""The task's journal (R-6.3): who did what, when, with before/after. Append-only."""

from __future__ import annotations

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.formats import moment

from .task import Task


class EventKind(models.TextChoices):
    REGISTERED = "registered", _("Nhập nhiệm vụ")
    DELIVERED = "delivered", _("Chuyển giao cho đơn vị")
    EDITED = "edited", _("Sửa nhiệm vụ")
    WITHDRAWN = "withdrawn", _("Thu hồi nhiệm vụ")
    PROGRESS = "progress", _("Báo cáo tiến độ")
    COMPLETED = "completed", _("Xác nhận hoàn thành")
    RECOMPUTED = "recomputed", _("Tính lại thời hạn theo lịch làm việc")
    ACKNOWLEDGED = "acknowledged", _("Xác nhận đã nhận nhiệm vụ")
    SUBMITTED = "submitted", _("Gửi báo cáo, đề xuất")
    APPROVED = "approved", _("Thủ trưởng đơn vị duyệt")
    DECLINED = "declined", _("Thủ trưởng đơn vị không duyệt")
    COMPLETION_PROPOSED = "completion_proposed", _("Đề xuất hoàn thành")
    SENT_BACK = "sent_back", _("Trả lại đề xuất hoàn thành")
    RETURNED = "returned", _("Đơn vị trả lại nhiệm vụ")
    RETURN_RESOLVED = "return_resolved", _("Văn phòng xử lý nhiệm vụ bị trả lại")
    REASSIGNED = "reassigned", _("Giao lại cho đơn vị khác")
    EXPLAINED = "explained", _("Giải trình")
    EXTENSION_PROPOSED = "extension_proposed", _("Đề xuất gia hạn")
    EXTENSION_APPROVED = "extension_approved", _("Đồng ý gia hạn")
    EXTENSION_REJECTED = "extension_rejected", _("Không đồng ý gia hạn")
    CONTRIBUTED = "contributed", _("Đơn vị phối hợp gửi ý kiến, kết quả")
    URGED = "urged", _("Đôn đốc")
    PASSED_DOWN = "passed_down", _("Giao việc cho cấp dưới")
    PART_REPORTED = "part_reported", _("Cấp dưới báo cáo phần việc")
    INSPECTED = "inspected", _("Được kiểm tra")
    FOLLOW_UP = "follow_up", _("Nhiệm vụ sau kiểm tra")
    DIFFICULTY_RAISED = "difficulty_raised", _("Đơn vị báo cáo khó khăn, vướng mắc")
    DIFFICULTY_ANSWERED = "difficulty_answered", _("Văn phòng trả lời khó khăn, vướng mắc")
    DIFFICULTY_REOPENED = "difficulty_reopened", _("Đơn vị trao đổi thêm về khó khăn, vướng mắc")
    DIFFICULTY_CLOSED = "difficulty_closed", _("Đóng khó khăn, vướng mắc")
    URGING_NOTICE = "urging_notice", _("Văn phòng gửi văn bản đôn đốc")


# Kinds whose note is the Office's own business: the late delivery measures the Office, and a unit
# reading "Chuyển muộn so với hạn …" in its bell or journal would take it as its own lateness.
OFFICE_ONLY_NOTES = {EventKind.DELIVERED}


class TaskEventQuerySet(models.QuerySet):
    """The journal is append-only, in bulk too."""

    def update(self, **kwargs):
        raise ValidationError(_("Nhật ký không được sửa."))

    def delete(self):
        raise ValidationError(_("Nhật ký không được xóa."))


class TaskEvent(models.Model):
    """The task's journal (R-6.3): who did what, when, with before/after. Append-only."""

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="events", verbose_name=_("nhiệm vụ")
    )
    kind = models.CharField(_("sự kiện"), max_length=32, choices=EventKind.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người thực hiện"),
    )
    at = models.DateTimeField(_("thời điểm"), default=clock.now, db_index=True)
    note = models.TextField(_("ghi chú"), blank=True)
    changes = models.JSONField(_("thay đổi"), default=dict, blank=True)

    objects = TaskEventQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhật ký nhiệm vụ")
        verbose_name_plural = _("nhật ký nhiệm vụ")
        ordering = ["-at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {moment(self.at)}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValidationError(_("Nhật ký không được sửa."))
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValidationError(_("Nhật ký không được xóa."))

    @property
    def office_only_note(self) -> bool:
        return self.kind in OFFICE_ONLY_NOTES

    def note_for(self, user) -> str:
        """The note as `user` may read it: the Office reads every note, a unit not the Office's own."""
        if self.office_only_note and not (user and user.sees_province):
            return ""
        return self.note
