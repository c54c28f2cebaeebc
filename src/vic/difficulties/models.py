"""Difficulties and obstacles that units report to the Office (R-14.3), about a task or about the system
or the regulation itself, with the thread of messages that answers them."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.text import search_text
from vic.formats import moment

from .querysets import DifficultyQuerySet


class About(models.TextChoices):
    TASK = "task", _("Một nhiệm vụ")
    SYSTEM = "system", _("Phần mềm VIC")
    REGULATION = "regulation", _("Quy chế, quy trình theo dõi nhiệm vụ")


class State(models.TextChoices):
    OPEN = "open", _("Chờ Văn phòng trả lời")
    ANSWERED = "answered", _("Đã trả lời")
    CLOSED = "closed", _("Đã đóng")


class Difficulty(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="difficulties"
    )
    raised_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người gửi"), on_delete=models.PROTECT, related_name="+"
    )
    raised_at = models.DateTimeField(_("thời điểm gửi"), default=clock.now)
    raised_on = models.DateField(_("ngày gửi"), default=clock.today)
    about = models.CharField(_("về"), max_length=16, choices=About.choices)
    task = models.ForeignKey(
        "tasks.Task",
        verbose_name=_("nhiệm vụ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="difficulties",
    )
    subject = models.CharField(_("vấn đề"), max_length=255)
    description = models.TextField(_("nội dung"))
    state = models.CharField(_("tình trạng"), max_length=16, choices=State.choices, default=State.OPEN)
    # The first answer: the answer time reports count (in working days) from `raised_on` to it.
    first_answered_at = models.DateTimeField(_("thời điểm trả lời đầu tiên"), null=True, blank=True)
    first_answered_on = models.DateField(_("ngày trả lời đầu tiên"), null=True, blank=True)
    closed_at = models.DateTimeField(_("thời điểm đóng"), null=True, blank=True)
    last_message_at = models.DateTimeField(_("trao đổi gần nhất"), default=clock.now)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("phiên bản"))
    search_text = models.TextField(editable=False, default="", verbose_name=_("chuỗi tìm kiếm"))

    objects = DifficultyQuerySet.as_manager()

    class Meta:
        verbose_name = _("khó khăn, vướng mắc")
        verbose_name_plural = _("khó khăn, vướng mắc")
        ordering = ["-last_message_at", "-id"]
        indexes = [
            models.Index(fields=["state", "unit"], name="difficulty_state_unit"),
            models.Index(fields=["raised_on"], name="difficulty_raised_on"),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(about="task", task__isnull=False) | (~Q(about="task") & Q(task__isnull=True)),
                name="difficulty_task_iff_about_task",
            )
        ]

    def __str__(self) -> str:
        return f"#{self.pk} {self.subject}"

    def compute_search_text(self) -> str:
        return search_text([self.subject, self.description, *self.unit.names()])


class MessageKind(models.TextChoices):
    RAISED = "raised", _("Đơn vị báo cáo khó khăn, vướng mắc")
    ANSWER = "answer", _("Văn phòng trả lời")
    FOLLOW_UP = "follow_up", _("Đơn vị trao đổi thêm")
    REOPENED = "reopened", _("Đơn vị mở lại")
    CLOSED = "closed", _("Đơn vị đóng")


class DifficultyMessage(models.Model):
    """One message of the thread; `state_after` lets a report read the state as of any past day."""

    difficulty = models.ForeignKey(
        Difficulty, on_delete=models.PROTECT, related_name="messages", verbose_name=_("khó khăn, vướng mắc")
    )
    kind = models.CharField(_("loại"), max_length=16, choices=MessageKind.choices)
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người gửi")
    )
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    text = models.TextField(_("nội dung"), blank=True)
    at = models.DateTimeField(_("thời điểm"), default=clock.now)
    state_after = models.CharField(_("tình trạng sau đó"), max_length=16, choices=State.choices)

    class Meta:
        verbose_name = _("trao đổi về khó khăn, vướng mắc")
        verbose_name_plural = _("trao đổi về khó khăn, vướng mắc")
        ordering = ["at", "id"]
        indexes = [models.Index(fields=["difficulty", "at"], name="difficulty_message_at")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} — {moment(self.at)}"


def difficulty_file_path(instance: DifficultyFile, filename: str) -> str:
    return f"difficulties/{instance.difficulty_id}/{instance.sha256[:2]}/{instance.sha256}"


class DifficultyFile(models.Model):
    difficulty = models.ForeignKey(
        Difficulty, on_delete=models.PROTECT, related_name="files", verbose_name=_("khó khăn, vướng mắc")
    )
    message = models.ForeignKey(
        DifficultyMessage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="files",
        verbose_name=_("lượt trao đổi"),
    )
    file = models.FileField(upload_to=difficulty_file_path, max_length=255, verbose_name=_("tệp"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    content_type = models.CharField(max_length=120, blank=True, verbose_name=_("kiểu nội dung"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp về khó khăn, vướng mắc")
        verbose_name_plural = _("tệp về khó khăn, vướng mắc")

    def __str__(self) -> str:
        return self.original_name


auditlog.register(Difficulty, exclude_fields=["search_text", "version", "last_message_at"])
auditlog.register(DifficultyMessage)
auditlog.register(DifficultyFile)
