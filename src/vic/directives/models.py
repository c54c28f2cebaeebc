"""Assigning documents (R-3, R-4.1, R-4.2): kinds, identity, files."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.text import canon, fold, search_terms, search_text


class DirectiveKind(models.Model):
    """Administrative kinds of Decree 30/2020 art. 7 plus normative and meeting-conclusion kinds (admin list)."""

    name = models.CharField(_("tên loại văn bản"), max_length=120, unique=True)
    abbreviation = models.CharField(_("chữ viết tắt"), max_length=20, blank=True)
    is_normative = models.BooleanField(_("văn bản quy phạm pháp luật"), default=False)
    active = models.BooleanField(_("đang dùng"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("loại văn bản")
        verbose_name_plural = _("loại văn bản")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name


class Urgency(models.TextChoices):
    NORMAL = "normal", _("Thường")
    URGENT = "urgent", _("Khẩn")
    VERY_URGENT = "very_urgent", _("Thượng khẩn")
    FLASH = "flash", _("Hỏa tốc")


class Secrecy(models.TextChoices):
    NORMAL = "normal", _("Thường")
    SECRET = "secret", _("Mật")
    TOP_SECRET = "top_secret", _("Tối mật")
    ABSOLUTE_SECRET = "absolute_secret", _("Tuyệt mật")


class DirectiveQuerySet(models.QuerySet):
    def visible_to(self, user) -> DirectiveQuerySet:
        """A directive is visible to whoever may see at least one of its tasks (the task permission queryset)."""
        if not user or not user.is_authenticated or not user.is_active:
            return self.none()
        if user.sees_province:
            return self
        from vic.tasks.models import Task

        return self.filter(pk__in=Task.objects.visible_to(user).values("directive_id"))

    def search(self, text: str) -> DirectiveQuerySet:
        qs = self
        for term in search_terms(text):
            qs = qs.filter(search_text__contains=term)
        return qs


# What a clerk types of a document's identity: stored without invisible characters (core.text.visible).
IDENTITY_FIELDS = ("number", "symbol", "issuer")

_FULL_WIDTH_DIGITS = str.maketrans("０１２３４５６７８９", "0123456789")


def normal_number(text: str | None) -> str | None:
    """A document number as identities compare it: digits only ("１２３" typed full-width reads 123, "04711"
    is 4711); "" when blank; None when it is no number ("0", "²³", "12a")."""
    text = (text or "").strip().translate(_FULL_WIDTH_DIGITS)
    if not text:
        return ""
    if not (text.isascii() and text.isdigit()) or int(text) == 0:
        return None
    return text.lstrip("0")


def symbol_key(symbol: str | None) -> str:
    """A symbol as identities compare it: "QĐ-UBND", "QD-UBND", "QÐ–UBND" and "qđ - ubnd" are one."""
    return fold(symbol).replace(" ", "")


class Directive(models.Model):
    kind = models.ForeignKey(DirectiveKind, verbose_name=_("loại văn bản"), on_delete=models.PROTECT)
    number = models.CharField(_("số"), max_length=20, blank=True)
    symbol = models.CharField(_("ký hiệu"), max_length=60, blank=True)
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    issuer_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("đơn vị ban hành (trong danh mục)"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    issue_date = models.DateField(_("ngày ban hành"))
    year = models.PositiveIntegerField(editable=False, verbose_name=_("năm"))
    received_on = models.DateField(_("ngày Văn phòng nhận"), null=True, blank=True)
    abstract = models.CharField(_("trích yếu"), max_length=500)
    signer_name = models.CharField(_("người ký"), max_length=150, blank=True)
    signer_position = models.CharField(_("chức vụ người ký"), max_length=150, blank=True)
    submitting_unit = models.ForeignKey(
        "units.Unit",
        verbose_name=_("cơ quan trình"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="submitted_directives",
    )
    urgency = models.CharField(_("độ khẩn"), max_length=20, choices=Urgency.choices, default=Urgency.NORMAL)
    secrecy = models.CharField(_("độ mật"), max_length=20, choices=Secrecy.choices, default=Secrecy.NORMAL)
    text = models.TextField(_("nội dung văn bản"), blank=True)
    notes = models.TextField(_("ghi chú"), blank=True)
    # The register page's token: a page sent twice (double click, network retry) saves one document.
    intake_token = models.CharField(
        max_length=36, null=True, blank=True, unique=True, editable=False, verbose_name=_("mã lượt nhập")
    )
    issuer_key = models.CharField(
        max_length=255, editable=False, default="", verbose_name=_("khóa so sánh cơ quan ban hành")
    )
    symbol_key = models.CharField(
        max_length=60, editable=False, default="", verbose_name=_("khóa so sánh ký hiệu")
    )
    search_text = models.TextField(editable=False, default="", verbose_name=_("chuỗi tìm kiếm"))
    registered_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người nhập"),
    )
    registered_at = models.DateTimeField(_("thời điểm nhập"), default=clock.now)

    objects = DirectiveQuerySet.as_manager()

    class Meta:
        verbose_name = _("văn bản giao nhiệm vụ")
        verbose_name_plural = _("văn bản giao nhiệm vụ")
        ordering = ["-issue_date", "-id"]
        constraints = [
            # Numbers restart each 1 January: identity is issuer + year + number + symbol (Decree 30/2020).
            models.UniqueConstraint(
                fields=["issuer_key", "year", "number", "symbol_key"],
                condition=~Q(number=""),
                name="directive_identity",
                violation_error_message=_("Văn bản này đã được nhập."),
            ),
        ]
        indexes = [models.Index(fields=["issue_date"])]

    def __str__(self) -> str:
        return f"{self.reference} — {self.abstract[:80]}"

    @property
    def reference(self) -> str:
        """`846/UBND-TH ngày 21/05/2019` style reference."""
        number = f"{self.number}/{self.symbol}" if self.number else (self.symbol or str(_("(không số)")))
        return f"{number} {_('ngày')} {self.issue_date:%d/%m/%Y}"

    @property
    def has_number(self) -> bool:
        return bool(self.number)

    @property
    def drafting_department_code(self) -> str:
        """`UBND-TH` → `TH`: the Office department that drafted the letter usually monitors it."""
        parts = self.symbol.split("-")
        return parts[-1] if len(parts) > 1 else ""

    def fill_derived(self) -> None:
        self.year = self.issue_date.year
        self.issuer_key = canon(self.issuer)
        self.symbol_key = symbol_key(self.symbol)
        self.search_text = search_text(
            [self.number, self.symbol, f"{self.number}/{self.symbol}", self.issuer, self.abstract]
        )


def directive_upload_to(instance: DirectiveFile, filename: str) -> str:
    return f"directives/{instance.directive.issue_date:%Y/%m}/{instance.sha256[:2]}/{instance.sha256}"


class DirectiveFile(models.Model):
    directive = models.ForeignKey(
        Directive, on_delete=models.CASCADE, related_name="files", verbose_name=_("văn bản")
    )
    file = models.FileField(upload_to=directive_upload_to, max_length=255, verbose_name=_("tệp"))
    original_name = models.CharField(_("tên tệp"), max_length=255)
    size = models.PositiveBigIntegerField(_("dung lượng"))
    sha256 = models.CharField(max_length=64, verbose_name=_("mã băm SHA-256"))
    content_type = models.CharField(max_length=120, blank=True, verbose_name=_("kiểu nội dung"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("người tải lên"),
    )
    uploaded_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tải lên"))

    class Meta:
        verbose_name = _("tệp đính kèm")
        verbose_name_plural = _("tệp đính kèm")

    def __str__(self) -> str:
        return self.original_name


auditlog.register(DirectiveKind)
auditlog.register(Directive, exclude_fields=["search_text"])
auditlog.register(DirectiveFile)
