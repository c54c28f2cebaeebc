"""What units send about a task (R-5.2, R-5.3, R-9, R-11.2), the deadline history, parts passed down, files."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.core import clock

from ..querysets import TaskPartQuerySet
from .task import Task


class SubmissionKind(models.TextChoices):
    PROGRESS = "progress", _("Báo cáo tiến độ")
    COMPLETION = "completion", _("Đề xuất hoàn thành")
    RETURN = "return", _("Trả lại nhiệm vụ")
    EXTENSION = "extension", _("Đề xuất gia hạn")
    EXPLANATION = "explanation", _("Giải trình")
    CONTRIBUTION = "contribution", _("Ý kiến, kết quả của đơn vị phối hợp")


class SubmissionState(models.TextChoices):
    AWAITING_HEAD = "awaiting_head", _("Chờ thủ trưởng đơn vị duyệt")
    DECLINED_BY_HEAD = "declined_by_head", _("Thủ trưởng không duyệt")
    SUBMITTED = "submitted", _("Đã gửi")
    ACCEPTED = "accepted", _("Đã chấp nhận")
    REJECTED = "rejected", _("Không chấp nhận")


# Kinds that wait for a decision once they reach the Office (or the leader, for extensions).
DECIDED_KINDS = {SubmissionKind.COMPLETION, SubmissionKind.RETURN, SubmissionKind.EXTENSION}
# what waits for (or was held back by) a unit's head stays inside that unit.
INTERNAL_STATES = [SubmissionState.AWAITING_HEAD, SubmissionState.DECLINED_BY_HEAD]


class SubmissionQuerySet(models.QuerySet):
    def seen_by(self, user) -> SubmissionQuerySet:
        """The submissions `user` may read among those of tasks he sees: not another unit's internal ones."""
        return self.exclude(Q(state__in=INTERNAL_STATES) & ~Q(unit_id=user.unit_id))


class Submission(models.Model):
    """One thing a unit sends about a task. Under R-6.3 it may first wait for the unit head's approval."""

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="submissions", verbose_name=_("nhiệm vụ")
    )
    kind = models.CharField(_("loại"), max_length=16, choices=SubmissionKind.choices)
    state = models.CharField(_("trạng thái"), max_length=20, choices=SubmissionState.choices)
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị gửi"), on_delete=models.PROTECT, related_name="+"
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    text = models.TextField(_("nội dung"))
    # an update to an overdue task carries the reasons for the delay.
    explanation = models.TextField(_("giải trình lý do chậm"), blank=True)
    reported_on = models.DateField(_("ngày báo cáo"), default=clock.today)
    paper_number = models.CharField(_("số văn bản báo cáo"), max_length=60, blank=True)
    paper_date = models.DateField(_("ngày văn bản báo cáo"), null=True, blank=True)
    proposed_deadline = models.DateField(_("thời hạn đề xuất"), null=True, blank=True)
    created_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tạo"))
    approved_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người duyệt"),
    )
    approved_at = models.DateTimeField(_("thời điểm thủ trưởng duyệt"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(_("thời điểm quyết định"), null=True, blank=True)
    decision_note = models.TextField(_("ý kiến xử lý"), blank=True)

    objects = SubmissionQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo, đề xuất của đơn vị")
        verbose_name_plural = _("báo cáo, đề xuất của đơn vị")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["kind", "state"], name="submission_kind_state")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {self.text[:60]}"

    @property
    def awaits_decision(self) -> bool:
        return self.state == SubmissionState.SUBMITTED and self.kind in DECIDED_KINDS


class DeadlineChange(models.Model):
    """Every change of the deadline in force after delivery; the first deadline stays on the task."""

    task = models.ForeignKey(
        Task, on_delete=models.PROTECT, related_name="deadline_changes", verbose_name=_("nhiệm vụ")
    )
    old_deadline = models.DateField(_("thời hạn cũ"), null=True)
    # The day the old deadline ran to (rolled past days off): a status as of a day before this change is
    # judged against it (DOMAIN "Decisions": the facts known at the end of a report's window).
    old_effective_deadline = models.DateField(_("thời hạn cũ (tính đến ngày làm việc)"), null=True)
    new_deadline = models.DateField(_("thời hạn mới"), null=True)
    reason = models.TextField(_("lý do"))
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("báo cáo, đề xuất"),
    )
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người quyết định"),
    )
    decided_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm quyết định"))

    class Meta:
        verbose_name = _("thay đổi thời hạn")
        verbose_name_plural = _("thay đổi thời hạn")
        ordering = ["decided_at", "id"]
        indexes = [models.Index(fields=["task", "decided_at"], name="deadline_change_task_at")]

    def __str__(self) -> str:
        return f"{self.old_deadline} → {self.new_deadline}"


class TaskPart(models.Model):
    """A part of a task that the lead unit passes down to a sub-unit or one of its staff (R-9.4)."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="parts", verbose_name=_("nhiệm vụ"))
    content = models.TextField(_("nội dung phần việc"))
    assignee_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị cấp dưới"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_parts",
    )
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("cán bộ được giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="task_parts",
    )
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    assigned_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người giao")
    )
    assigned_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm giao"))
    started_on = models.DateField(_("ngày bắt đầu"), null=True, blank=True)
    done_on = models.DateField(_("ngày hoàn thành"), null=True, blank=True)
    # Set when the task leaves the unit (reassigned, withdrawn): the part and its people lose access.
    closed_on = models.DateField(_("ngày thôi giao"), null=True, blank=True)
    last_report = models.TextField(_("báo cáo gần nhất"), blank=True)

    objects = TaskPartQuerySet.as_manager()

    class Meta:
        verbose_name = _("phần việc giao cấp dưới")
        verbose_name_plural = _("phần việc giao cấp dưới")
        ordering = ["deadline", "id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(assignee_unit__isnull=False) | models.Q(assignee__isnull=False),
                name="task_part_has_assignee",
            )
        ]

    def __str__(self) -> str:
        return self.content[:80]


def task_file_path(instance: TaskFile, filename: str) -> str:
    return f"tasks/{instance.task_id}/{instance.sha256[:2]}/{instance.sha256}"


class TaskFile(models.Model):
    """A file sent with a submission (evidence, a paper report), kept with its checksum."""

    task = models.ForeignKey(Task, on_delete=models.PROTECT, related_name="files", verbose_name=_("nhiệm vụ"))
    submission = models.ForeignKey(
        Submission,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("báo cáo, đề xuất"),
    )
    file = models.FileField(upload_to=task_file_path, max_length=255, verbose_name=_("tệp"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    content_type = models.CharField(max_length=120, blank=True, verbose_name=_("kiểu nội dung"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp của nhiệm vụ")
        verbose_name_plural = _("tệp của nhiệm vụ")

    def __str__(self) -> str:
        return self.original_name
