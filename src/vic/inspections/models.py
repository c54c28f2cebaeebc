"""Inspections (R-8.1: kiểm tra): who inspected which units when, which tasks they checked, what they found,
and the follow-up tasks registered from the conclusions."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.text import search_text

from .querysets import InspectionQuerySet


class Inspection(models.Model):
    title = models.CharField(_("nội dung kiểm tra"), max_length=255)
    basis = models.CharField(_("căn cứ (kế hoạch, quyết định kiểm tra)"), max_length=255, blank=True)
    started_on = models.DateField(_("ngày kiểm tra"))
    ended_on = models.DateField(_("đến ngày"), null=True, blank=True)
    leader = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("trưởng đoàn"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections_led",
    )
    # A leader without an account (a Vice Chairman's delegate, another agency's official), as written.
    leader_name = models.CharField(_("trưởng đoàn (họ tên, chức vụ)"), max_length=200, blank=True)
    members = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("thành viên đoàn"),
        blank=True,
        related_name="inspections_joined",
    )
    other_members = models.TextField(
        _("thành viên khác"), blank=True, help_text=_("Mỗi dòng một người: họ tên, chức vụ, cơ quan.")
    )
    units = models.ManyToManyField(
        "units.Unit", verbose_name=_("đơn vị được kiểm tra"), related_name="inspections"
    )
    tasks = models.ManyToManyField(
        "tasks.Task", verbose_name=_("nhiệm vụ được kiểm tra"), blank=True, related_name="inspections"
    )
    findings = models.TextField(_("kết quả kiểm tra"))
    conclusion = models.TextField(_("kết luận, kiến nghị"), blank=True)
    # The conclusion notice (thông báo kết luận) under which the follow-up tasks are registered.
    directive = models.ForeignKey(
        "directives.Directive",
        verbose_name=_("văn bản kết luận"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="inspections",
    )
    follow_up_tasks = models.ManyToManyField(
        "tasks.Task", verbose_name=_("nhiệm vụ sau kiểm tra"), blank=True, related_name="follow_up_of"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(_("thời điểm nhập"), default=clock.now)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người sửa")
    )
    updated_at = models.DateTimeField(_("thời điểm sửa gần nhất"), default=clock.now)
    version = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("phiên bản"))
    search_text = models.TextField(editable=False, default="", verbose_name=_("chuỗi tìm kiếm"))

    objects = InspectionQuerySet.as_manager()

    class Meta:
        verbose_name = _("đợt kiểm tra")
        verbose_name_plural = _("đợt kiểm tra")
        ordering = ["-started_on", "-id"]
        indexes = [models.Index(fields=["started_on"], name="inspection_started")]

    def __str__(self) -> str:
        return f"{self.title} ({self.started_on:%d/%m/%Y})"

    @property
    def leader_label(self) -> str:
        return str(self.leader) if self.leader else self.leader_name

    def other_member_list(self) -> list[str]:
        return [m.strip() for m in self.other_members.splitlines() if m.strip()]

    def compute_search_text(self) -> str:
        units = [n for u in self.units.all() for n in u.names()]
        people = [str(m) for m in self.members.all()] + self.other_member_list()
        return search_text(
            [self.title, self.basis, self.leader_label, *people, *units, self.findings, self.conclusion]
        )


def inspection_file_path(instance: InspectionFile, filename: str) -> str:
    return f"inspections/{instance.inspection_id}/{instance.sha256[:2]}/{instance.sha256}"


class InspectionFile(models.Model):
    """A file of the inspection (plan, minutes, report, conclusion notice), kept with its checksum."""

    inspection = models.ForeignKey(
        Inspection, on_delete=models.PROTECT, related_name="files", verbose_name=_("đợt kiểm tra")
    )
    file = models.FileField(upload_to=inspection_file_path, max_length=255, verbose_name=_("tệp"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    content_type = models.CharField(max_length=120, blank=True, verbose_name=_("kiểu nội dung"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tải lên")
    )
    uploaded_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp của đợt kiểm tra")
        verbose_name_plural = _("tệp của đợt kiểm tra")
        ordering = ["uploaded_at", "id"]

    def __str__(self) -> str:
        return self.original_name


auditlog.register(
    Inspection,
    exclude_fields=["search_text", "version"],
    m2m_fields={"members", "units", "tasks", "follow_up_tasks"},
)
auditlog.register(InspectionFile)
