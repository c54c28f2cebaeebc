"""Tasks (R-4.3–R-4.7): one lead unit each, deadlines, and the facts status is derived from."""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.core import clock

from ..querysets import TaskQuerySet


class Schedule(models.TextChoices):
    DATED = "dated", _("Có thời hạn")
    ONGOING = "ongoing", _("Thường xuyên")
    ASAP = "asap", _("Khẩn trương (chưa có ngày)")


class DeadlineKind(models.TextChoices):
    COMPLETE_BY = "complete_by", _("Thời hạn hoàn thành")
    REPORT_BY = "report_by", _("Thời hạn báo cáo")


class TaskUrgency(models.TextChoices):
    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Đột xuất, khẩn")


class Frequency(models.TextChoices):
    MONTHLY = "monthly", _("Hằng tháng")
    QUARTERLY = "quarterly", _("Hằng quý")
    YEARLY = "yearly", _("Hằng năm")


class TaskSeries(models.Model):
    """A recurring duty (định kỳ): each occurrence is a Task of its own with its own deadline."""

    frequency = models.CharField(_("chu kỳ"), max_length=16, choices=Frequency.choices)
    first_deadline = models.DateField(_("thời hạn kỳ đầu"))
    until = models.DateField(_("đến ngày"))

    class Meta:
        verbose_name = _("nhiệm vụ định kỳ")
        verbose_name_plural = _("nhiệm vụ định kỳ")

    def __str__(self) -> str:
        return f"{self.get_frequency_display()} {self.first_deadline:%d/%m/%Y}–{self.until:%d/%m/%Y}"


class Task(models.Model):
    directive = models.ForeignKey(
        "directives.Directive", verbose_name=_("văn bản giao"), on_delete=models.PROTECT, related_name="tasks"
    )
    # The same instruction given to several lead units: one task per lead, grouped (Decree 39/2022).
    group_id = models.UUIDField(default=uuid.uuid4, db_index=True, editable=False, verbose_name=_("mã nhóm"))
    series = models.ForeignKey(
        TaskSeries,
        verbose_name=_("định kỳ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="tasks",
    )
    content = models.TextField(_("nội dung nhiệm vụ"))
    expected_output = models.CharField(_("sản phẩm"), max_length=255, blank=True)
    report_to = models.CharField(_("báo cáo về"), max_length=255, blank=True)
    lead_unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị chủ trì"), on_delete=models.PROTECT, related_name="led_tasks"
    )
    coordinating_units = models.ManyToManyField(
        "units.Unit",
        verbose_name=_("đơn vị phối hợp"),
        through="TaskCoordination",
        related_name="coordinated_tasks",
        blank=True,
    )
    monitoring_department = models.ForeignKey(
        "units.Unit",
        verbose_name=_("phòng theo dõi"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="monitored_tasks",
    )
    monitoring_officers = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("chuyên viên theo dõi"),
        blank=True,
        related_name="monitored_tasks",
    )
    assigning_leader = models.ForeignKey(
        "units.Leader",
        verbose_name=_("lãnh đạo giao"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="assigned_tasks",
    )
    schedule = models.CharField(
        _("loại thời hạn"), max_length=16, choices=Schedule.choices, default=Schedule.DATED
    )
    deadline_kind = models.CharField(
        _("tính chất thời hạn"), max_length=16, choices=DeadlineKind.choices, default=DeadlineKind.COMPLETE_BY
    )
    # The date as written; the deadline in force changes only through an approved extension.
    original_deadline = models.DateField(_("thời hạn ban đầu"), null=True, blank=True)
    deadline = models.DateField(_("thời hạn"), null=True, blank=True)
    # `deadline` rolled to the next working day (Civil Code art. 148); kept in step by the actions.
    effective_deadline = models.DateField(_("thời hạn thực tế"), null=True, blank=True, editable=False)
    urgency = models.CharField(
        _("độ khẩn"), max_length=16, choices=TaskUrgency.choices, default=TaskUrgency.NORMAL
    )
    is_key = models.BooleanField(_("nhiệm vụ trọng tâm"), default=False)

    # when the task arose and by when it had to be delivered (one working day; urgent: same day).
    arose_on = models.DateField(_("ngày phát sinh"))
    arose_note = models.CharField(_("lý do điều chỉnh ngày phát sinh"), max_length=255, blank=True)
    delivery_due_on = models.DateField(_("hạn chuyển giao"), editable=False)
    delivered_at = models.DateTimeField(_("thời điểm chuyển giao"), null=True, blank=True)
    delivered_on = models.DateField(_("ngày chuyển giao"), null=True, blank=True, editable=False)
    # The first delivery, never moved by a hand-over to another lead: what R-5.1's one-working-day rule and
    # the compliance scorecard judge (a reassignment is the Office's decision, not a late registration).
    first_delivered_on = models.DateField(
        _("ngày chuyển giao lần đầu"), null=True, blank=True, editable=False
    )
    registered_at = models.DateTimeField(_("thời điểm nhập"), default=clock.now)
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="registered_tasks",
        verbose_name=_("người nhập"),
    )

    acknowledged_at = models.DateTimeField(_("thời điểm đơn vị xác nhận đã nhận"), null=True, blank=True)
    acknowledged_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người xác nhận đã nhận"),
    )

    # Facts that status is derived from (tasks/status.py); set only by actions.
    started_on = models.DateField(_("ngày bắt đầu thực hiện"), null=True, blank=True)
    completed_on = models.DateField(_("ngày hoàn thành (đã xác nhận)"), null=True, blank=True)
    returned_on = models.DateField(_("ngày trả lại"), null=True, blank=True)
    withdrawn_on = models.DateField(_("ngày thu hồi"), null=True, blank=True)

    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("phiên bản"))
    search_text = models.TextField(editable=False, default="", verbose_name=_("chuỗi tìm kiếm"))

    objects = TaskQuerySet.as_manager()

    class Meta:
        verbose_name = _("nhiệm vụ")
        verbose_name_plural = _("nhiệm vụ")
        ordering = ["effective_deadline", "id"]
        indexes = [
            models.Index(fields=["lead_unit", "effective_deadline"], name="task_lead_deadline"),
            models.Index(fields=["monitoring_department", "effective_deadline"], name="task_dept_deadline"),
            models.Index(fields=["assigning_leader", "effective_deadline"], name="task_leader_deadline"),
            models.Index(
                fields=["effective_deadline"],
                name="task_open_deadline",
                condition=Q(completed_on__isnull=True, withdrawn_on__isnull=True),
            ),
            models.Index(fields=["delivered_on", "delivery_due_on"], name="task_delivery"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(schedule="dated", deadline__isnull=False) | ~Q(schedule="dated"),
                name="task_dated_has_deadline",
            ),
        ]

    def __str__(self) -> str:
        return self.content[:100]

    def clean(self) -> None:
        if self.schedule == Schedule.DATED and not self.deadline:
            raise ValidationError({"deadline": _("Nhiệm vụ có thời hạn phải có ngày.")})

    @property
    def delivered_late(self) -> bool:
        """R-5.1: delivered after its delivery due day (querysets.DELIVERED_LATE is the SQL face)."""
        return bool(self.first_delivered_on and self.first_delivered_on > self.delivery_due_on)

    def status(self, today=None):
        from ..status import status_of_task

        return status_of_task(self, today)


class TaskCoordination(models.Model):
    """A coordinating unit's share of a task (R-9.2, R-9.3), with its own state the lead unit follows."""

    task = models.ForeignKey(
        Task, on_delete=models.CASCADE, related_name="coordinations", verbose_name=_("nhiệm vụ")
    )
    unit = models.ForeignKey(
        "units.Unit", on_delete=models.PROTECT, related_name="coordinations", verbose_name=_("đơn vị")
    )
    acknowledged_at = models.DateTimeField(_("thời điểm xác nhận đã nhận"), null=True, blank=True)
    last_contribution_at = models.DateTimeField(_("lần gửi ý kiến gần nhất"), null=True, blank=True)
    last_urged_at = models.DateTimeField(_("lần được đôn đốc gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("đơn vị phối hợp")
        verbose_name_plural = _("đơn vị phối hợp")
        constraints = [models.UniqueConstraint(fields=["task", "unit"], name="coordination_once")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.task_id}"
