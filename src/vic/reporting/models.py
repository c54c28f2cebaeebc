"""Periodic reporting (R-10–R-12, R-14.2): the report calendar an administrator edits, the units' reports
with their versions, the Office's compiled report narrative, and background exports."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.scoping import UnitScopedQuerySet
from vic.core.word_templates import WordTemplate
from vic.units.models import Role

from .periods import PeriodKind, Rule, parse

PERIODIC = [(k, v) for k, v in PeriodKind.choices if k != PeriodKind.ADHOC]


class PeriodSetting(models.Model):
    """An administrator's window and due days for one kind of period (defaults: periods.DEFAULT_RULES)."""

    kind = models.CharField(_("loại kỳ báo cáo"), max_length=16, choices=PERIODIC, unique=True)
    start_day = models.PositiveSmallIntegerField(_("số liệu từ ngày"), default=15)
    start_in_previous_month = models.BooleanField(_("ngày bắt đầu thuộc tháng trước kỳ"), default=True)
    end_day = models.PositiveSmallIntegerField(_("số liệu đến ngày"), default=14)
    end_month = models.PositiveSmallIntegerField(
        _("tháng chốt số liệu"), null=True, blank=True, help_text=_("Để trống: tháng cuối của kỳ.")
    )
    unit_due_day = models.PositiveSmallIntegerField(_("hạn đơn vị gửi báo cáo (ngày)"))
    office_due_day = models.PositiveSmallIntegerField(_("hạn Văn phòng tổng hợp (ngày)"))
    due_month = models.PositiveSmallIntegerField(
        _("tháng của hạn gửi"), null=True, blank=True, help_text=_("Để trống: tháng cuối của kỳ.")
    )

    class Meta:
        verbose_name = _("lịch báo cáo")
        verbose_name_plural = _("lịch báo cáo")
        ordering = ["id"]

    def __str__(self) -> str:
        return str(PeriodKind(self.kind).label)

    def clean(self) -> None:
        errors = {}
        for name in ("start_day", "end_day", "unit_due_day", "office_due_day"):
            if not 1 <= (getattr(self, name) or 0) <= 31:
                errors[name] = _("Ngày phải từ 1 đến 31.")
        for name in ("end_month", "due_month"):
            value = getattr(self, name)
            if value is not None and not 1 <= value <= 12:
                errors[name] = _("Tháng phải từ 1 đến 12.")
        if errors:
            raise ValidationError(errors)

    def rule(self) -> Rule:
        return Rule(
            start_day=self.start_day,
            start_in_previous_month=self.start_in_previous_month,
            end_day=self.end_day,
            end_month=self.end_month,
            unit_due_day=self.unit_due_day,
            office_due_day=self.office_due_day,
            due_month=self.due_month,
        )


class ReportState(models.TextChoices):
    DRAFT = "draft", _("Đang soạn")
    AWAITING_HEAD = "awaiting_head", _("Chờ thủ trưởng duyệt")
    SUBMITTED = "submitted", _("Đã gửi")


class UnitReportQuerySet(UnitScopedQuerySet):
    """`visible_to`: the Office and provincial leaders see every unit's sent reports; a unit all its own."""

    def visible_to(self, user) -> UnitReportQuerySet:
        qs = super().visible_to(user)
        if user and user.is_authenticated and user.sees_province:
            # What a unit is still writing, or its head has not approved, stays the unit's own.
            return qs.filter(Q(state=ReportState.SUBMITTED) | Q(unit_id=user.unit_id))
        return qs

    def awaiting_approval_of(self, user) -> UnitReportQuerySet:
        """The reports `user`'s officers sent him as head of their unit: his "Chờ xử lý" lists them."""
        if not (user and user.is_authenticated and user.is_active and user.role == Role.UNIT_HEAD):
            return self.none()
        return self.visible_to(user).filter(unit_id=user.unit_id, state=ReportState.AWAITING_HEAD)

    def current(self) -> UnitReportQuerySet:
        """The versions not superseded: per unit and period, the submitted report in force and/or the
        draft being written (a first draft, or a correction that supersedes the report only once sent)."""
        return self.filter(superseded_by__isnull=True)

    def in_force(self) -> UnitReportQuerySet:
        """The submitted version in force of each report: what the Office counts."""
        return self.current().filter(state=ReportState.SUBMITTED)


class UnitReport(models.Model):
    """A unit's report for one period (R-11): figures pre-filled from the data, narrative written by the
    unit, approved and sent by its head. A correction is a new version; earlier ones stay as sent."""

    unit = models.ForeignKey(
        "units.Unit", verbose_name=_("đơn vị"), on_delete=models.PROTECT, related_name="reports"
    )
    kind = models.CharField(_("loại kỳ báo cáo"), max_length=16, choices=PeriodKind.choices)
    period = models.CharField(_("kỳ"), max_length=32, help_text=_("Ví dụ: 2026-05, 2026-Q2, 2026"))
    window_start = models.DateField(_("số liệu từ ngày"))
    window_end = models.DateField(_("số liệu đến ngày"))
    due_on = models.DateField(_("hạn gửi"), null=True, blank=True)
    version = models.PositiveSmallIntegerField(_("lần gửi"), default=1)
    superseded_by = models.OneToOneField(
        "self",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="supersedes",
        editable=False,
        verbose_name=_("được thay bằng"),
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=ReportState.choices, default=ReportState.DRAFT
    )
    results = models.TextField(_("kết quả nổi bật"), blank=True)
    difficulties = models.TextField(_("khó khăn, vướng mắc"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    paper_number = models.CharField(_("số văn bản báo cáo"), max_length=60, blank=True)
    paper_date = models.DateField(_("ngày văn bản báo cáo"), null=True, blank=True)
    # The figures as sent: frozen at submission, so later data changes never rewrite what a head signed.
    figures = models.JSONField(_("số liệu"), default=dict, blank=True, editable=False)
    head_note = models.TextField(_("ý kiến thủ trưởng"), blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người tạo")
    )
    created_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tạo"))
    updated_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm sửa"))
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người gửi"),
    )
    submitted_at = models.DateTimeField(_("thời điểm gửi"), null=True, blank=True)
    revision = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("lần lưu"))

    objects = UnitReportQuerySet.as_manager()

    class Meta:
        verbose_name = _("báo cáo của đơn vị")
        verbose_name_plural = _("báo cáo của đơn vị")
        ordering = ["-window_end", "unit_id", "-version"]
        constraints = [
            models.UniqueConstraint(fields=["unit", "kind", "period", "version"], name="unit_report_version"),
            # One submitted version in force, and at most one version being written, per unit and period.
            models.UniqueConstraint(
                fields=["unit", "kind", "period"],
                condition=Q(superseded_by__isnull=True, state="submitted"),
                name="unit_report_one_in_force",
            ),
            models.UniqueConstraint(
                fields=["unit", "kind", "period"],
                condition=~Q(state="submitted"),
                name="unit_report_one_open",
            ),
        ]
        indexes = [models.Index(fields=["kind", "period", "state"], name="unit_report_period")]

    def __str__(self) -> str:
        return f"{self.unit} — {self.get_kind_display()} {self.period} (v{self.version})"

    @property
    def submitted_on(self):
        return timezone.localdate(self.submitted_at) if self.submitted_at else None

    @property
    def period_title(self) -> str:
        """The period as the report names it ("tháng 11 năm 2026")."""
        return parse(self.kind, self.period).title

    @property
    def name(self) -> str:
        """How a sentence names the report ("báo cáo tháng 11 năm 2026", "báo cáo đột xuất từ ngày …"): the
        period's title already holds its kind's word, so the kind is not said twice ("báo cáo tháng tháng 11")."""
        if self.kind == PeriodKind.ADHOC:
            return _("báo cáo đột xuất %(period)s") % {"period": self.period_title}
        return _("báo cáo %(period)s") % {"period": self.period_title}

    @property
    def first_submitted_on(self):
        """When the unit first sent this period's report: what on time is judged by, for the correction too
        (the calendar and the scorecard read the same, obligations.first_submissions)."""
        if not self.submitted_at:
            return None
        first = (
            UnitReport.objects.filter(
                unit_id=self.unit_id, kind=self.kind, period=self.period, submitted_at__isnull=False
            )
            .order_by("submitted_at")
            .values_list("submitted_at", flat=True)
            .first()
        )
        return timezone.localdate(min(first or self.submitted_at, self.submitted_at))

    @property
    def is_late(self) -> bool:
        return bool(self.first_submitted_on and self.due_on and self.first_submitted_on > self.due_on)


class CompiledReport(models.Model):
    """The Office's narrative for its compiled report of one period (R-10); the figures come from the data."""

    kind = models.CharField(_("loại kỳ báo cáo"), max_length=16, choices=PeriodKind.choices)
    period = models.CharField(_("kỳ"), max_length=32)
    evaluation = models.TextField(_("đánh giá chung"), blank=True)
    proposals = models.TextField(_("kiến nghị, đề xuất"), blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người sửa"),
    )
    updated_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm sửa"))
    revision = models.PositiveIntegerField(default=1, editable=False, verbose_name=_("lần lưu"))

    class Meta:
        verbose_name = _("báo cáo tổng hợp của Văn phòng")
        verbose_name_plural = _("báo cáo tổng hợp của Văn phòng")
        constraints = [models.UniqueConstraint(fields=["kind", "period"], name="compiled_report_once")]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.period}"


class TemplateKind(models.TextChoices):
    COMPILED = "compiled", _("Báo cáo tổng hợp của Văn phòng")
    UNIT = "unit", _("Báo cáo của đơn vị")


def template_upload_to(instance: ReportTemplate, filename: str) -> str:
    return f"report-templates/{instance.sha256[:2]}/{instance.sha256}.docx"


class ReportTemplate(WordTemplate):
    """A Word template an administrator uploaded for one kind of report; the newest active one is used,
    else the built-in one (reporting/templates_docx/)."""

    kind = models.CharField(_("loại báo cáo"), max_length=16, choices=TemplateKind.choices)
    file = models.FileField(_("tệp mẫu (.docx)"), upload_to=template_upload_to, max_length=255)

    class Meta:
        verbose_name = _("mẫu báo cáo (Word)")
        verbose_name_plural = _("mẫu báo cáo (Word)")
        ordering = ["kind", "-uploaded_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind"], condition=Q(is_active=True), name="one_active_report_template"
            )
        ]


class ExportState(models.TextChoices):
    QUEUED = "queued", _("Đang chờ")
    RUNNING = "running", _("Đang tạo")
    DONE = "done", _("Xong")
    FAILED = "failed", _("Lỗi")


def export_upload_to(instance: ExportJob, filename: str) -> str:
    return f"exports/{instance.created_at:%Y/%m}/{instance.pk}-{filename}"


class ExportJob(models.Model):
    """A report export run by the worker (never inside a request), with its progress for the page to poll."""

    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người yêu cầu")
    )
    created_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tạo"))
    finished_at = models.DateTimeField(null=True, blank=True, verbose_name=_("thời điểm xong"))
    # What to build: {"report": "compiled"|"unit", "kind": …, "period": …, "unit": id, "filters": {…}}
    spec = models.JSONField(default=dict, verbose_name=_("tham số"))
    formats = models.CharField(max_length=20, default="docx,xlsx", verbose_name=_("định dạng"))
    state = models.CharField(
        max_length=10, choices=ExportState.choices, default=ExportState.QUEUED, verbose_name=_("trạng thái")
    )
    progress = models.PositiveSmallIntegerField(default=0, verbose_name=_("tiến độ (%)"))
    # The worker stamps it at each step; a running job gone quiet lost its worker (reporting/jobs.py).
    heartbeat_at = models.DateTimeField(null=True, blank=True, verbose_name=_("lần báo còn chạy gần nhất"))
    attempts = models.PositiveSmallIntegerField(default=0, verbose_name=_("số lần chạy"))
    message = models.CharField(max_length=500, blank=True, verbose_name=_("thông báo"))
    docx = models.FileField(
        upload_to=export_upload_to, max_length=255, blank=True, verbose_name=_("tệp Word")
    )
    xlsx = models.FileField(
        upload_to=export_upload_to, max_length=255, blank=True, verbose_name=_("tệp Excel")
    )

    class Meta:
        verbose_name = _("lượt xuất báo cáo")
        verbose_name_plural = _("lượt xuất báo cáo")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.pk} {self.state}"


auditlog.register(PeriodSetting)
auditlog.register(UnitReport)
auditlog.register(CompiledReport)
auditlog.register(ReportTemplate)
