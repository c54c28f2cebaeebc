"""Urging notices (văn bản đôn đốc, R-7.2, R-9.1): the Office's letter to a unit listing its overdue and
soon-due tasks, generated as .docx from a Word template the Office can replace."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.scoping import UnitScopedQuerySet
from vic.core.word_templates import WordTemplate


def template_upload_to(instance: NoticeTemplate, filename: str) -> str:
    return f"notice-templates/{instance.sha256[:2]}/{instance.sha256}.docx"


class NoticeTemplate(WordTemplate):
    """A Word template uploaded by an administrator; the newest active one is used, else the built-in one."""

    file = models.FileField(_("tệp mẫu (.docx)"), upload_to=template_upload_to, max_length=255)

    class Meta:
        verbose_name = _("mẫu văn bản đôn đốc")
        verbose_name_plural = _("mẫu văn bản đôn đốc")
        ordering = ["-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_active"], condition=Q(is_active=True), name="one_active_template"
            )
        ]


class UrgingNoticeQuerySet(UnitScopedQuerySet):
    """`visible_to`: the Office and the provincial leaders see every notice; a unit the notices sent to it."""


def notice_upload_to(instance: UrgingNotice, filename: str) -> str:
    return f"notices/{instance.as_of:%Y/%m}/{instance.sha256}.docx"


class UrgingNotice(models.Model):
    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("gửi đơn vị"), on_delete=models.PROTECT, related_name="urging_notices"
    )
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name=_("người lập"), on_delete=models.PROTECT, related_name="+"
    )
    issued_at = models.DateTimeField(_("thời điểm lập"), default=clock.now, db_index=True)
    as_of = models.DateField(_("số liệu tính đến ngày"))
    # Decree 30/2020: "Số: 123/VP-TH"; the number may be left blank for the clerk to fill in by hand.
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60)
    window_days = models.PositiveSmallIntegerField(_("sắp đến hạn trong (ngày làm việc)"))
    signer = models.ForeignKey(
        "units.Leader",
        verbose_name=_("người ký"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    tasks = models.ManyToManyField(
        "tasks.Task", verbose_name=_("nhiệm vụ"), through="NoticeItem", related_name="urging_notices"
    )
    overdue_count = models.PositiveIntegerField(_("số nhiệm vụ quá hạn"), default=0)
    due_soon_count = models.PositiveIntegerField(_("số nhiệm vụ sắp đến hạn"), default=0)
    template = models.ForeignKey(
        NoticeTemplate,
        verbose_name=_("mẫu đã dùng"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="notices",
    )
    file = models.FileField(_("tệp văn bản"), upload_to=notice_upload_to, max_length=255)
    sha256 = models.CharField(_("mã kiểm tra SHA-256"), max_length=64)
    size = models.PositiveBigIntegerField(_("dung lượng"))

    objects = UrgingNoticeQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản đôn đốc")
        verbose_name_plural = _("văn bản đôn đốc")
        ordering = ["-issued_at", "-id"]
        indexes = [models.Index(fields=["unit", "issued_at"], name="notice_unit_issued")]

    def __str__(self) -> str:
        return f"{self.reference} — {self.unit}"

    @property
    def reference(self) -> str:
        """`12/VP-TH ngày 02/03/2026`, or `…/VP-TH` while the number is not written in."""
        return f"{self.number or '…'}/{self.symbol} {_('ngày')} {self.as_of:%d/%m/%Y}"

    @property
    def filename(self) -> str:
        return f"van-ban-don-doc-{self.unit.code}-{self.as_of:%Y%m%d}-{self.pk}.docx"


class NoticeItem(models.Model):
    """One task as the notice listed it: its row number, and its deadline and lateness on the day of issue."""

    notice = models.ForeignKey(
        UrgingNotice, on_delete=models.CASCADE, related_name="items", verbose_name=_("văn bản đôn đốc")
    )
    task = models.ForeignKey(
        "tasks.Task", on_delete=models.PROTECT, related_name="+", verbose_name=_("nhiệm vụ")
    )
    position = models.PositiveIntegerField(_("STT"))
    status = models.CharField(_("tình trạng"), max_length=32)
    effective_deadline = models.DateField(_("thời hạn"))
    days_overdue = models.PositiveIntegerField(_("số ngày quá hạn"), default=0)

    class Meta:
        verbose_name = _("nhiệm vụ được đôn đốc")
        verbose_name_plural = _("nhiệm vụ được đôn đốc")
        ordering = ["notice", "position"]
        constraints = [models.UniqueConstraint(fields=["notice", "task"], name="notice_task_once")]

    def __str__(self) -> str:
        return f"{self.notice_id} #{self.position}"

    @property
    def overdue(self) -> bool:
        from vic.tasks.status import OVERDUE

        return self.status in OVERDUE


auditlog.register(NoticeTemplate)
auditlog.register(UrgingNotice)
