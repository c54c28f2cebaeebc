"""The unit tree (departments, districts, communes, Office departments…), users and provincial leaders."""

from __future__ import annotations

import datetime

from auditlog.registry import auditlog
from django.contrib.auth.models import AbstractUser
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

from vic.core.text import fold


class UnitKind(models.TextChoices):
    PROVINCE = "province", _("UBND tỉnh")
    OFFICE = "office", _("Văn phòng UBND tỉnh")
    OFFICE_DEPARTMENT = "office_department", _("Phòng thuộc Văn phòng")
    DEPARTMENT = "department", _("Sở, ban, ngành tỉnh")
    CENTRAL_AGENCY = "central_agency", _("Cơ quan Trung ương đóng trên địa bàn")
    MASS_ORGANISATION = "mass_organisation", _("Tổ chức chính trị - xã hội, đoàn thể")
    DISTRICT = "district", _("UBND huyện, thị xã, thành phố")
    COMMUNE = "commune", _("UBND xã, phường, thị trấn")
    SUB_UNIT = "sub_unit", _("Đơn vị trực thuộc")
    EXTERNAL = "external", _("Cơ quan khác (ngoài tỉnh)")


# Kinds whose units receive tasks from the Committee, in the order pickers list them: the province's
# departments and bodies first, sub-units and bodies outside the province last. Not the Committee, its
# Office or the Office's departments: they assign and follow tasks, and nobody there reports as a unit.
ASSIGNABLE_KINDS = [
    UnitKind.DEPARTMENT,
    UnitKind.CENTRAL_AGENCY,
    UnitKind.MASS_ORGANISATION,
    UnitKind.DISTRICT,
    UnitKind.COMMUNE,
    UnitKind.SUB_UNIT,
    UnitKind.EXTERNAL,
]
# The Office receives documents it drafted for the Committee: it may still be a document's "Cơ quan trình".
SUBMITTING_KINDS = [UnitKind.OFFICE, *ASSIGNABLE_KINDS]


class UnitQuerySet(models.QuerySet):
    def valid_on(self, day: datetime.date) -> UnitQuerySet:
        return self.filter(Q(valid_from__isnull=True) | Q(valid_from__lte=day)).filter(
            Q(valid_to__isnull=True) | Q(valid_to__gte=day)
        )

    def assignable(self) -> UnitQuerySet:
        return self.filter(kind__in=ASSIGNABLE_KINDS).in_picker_order()

    def submitting(self) -> UnitQuerySet:
        return self.filter(kind__in=SUBMITTING_KINDS).in_picker_order()

    def in_picker_order(self) -> UnitQuerySet:
        """By kind, then the administrator's order: a sub-unit created later (order 0) must not come first."""
        rank = Case(
            *(When(kind=kind, then=Value(i)) for i, kind in enumerate(SUBMITTING_KINDS)),
            default=Value(len(SUBMITTING_KINDS)),
            output_field=models.IntegerField(),
        )
        return self.order_by(rank, "order", "name")

    def search(self, text: str) -> UnitQuerySet:
        return self.filter(search_text__contains=fold(text)) if text.strip() else self


class Unit(models.Model):
    name = models.CharField(_("tên đơn vị"), max_length=255)
    short_name = models.CharField(_("tên viết tắt"), max_length=50, blank=True)
    aliases = models.TextField(_("tên gọi khác"), blank=True, help_text=_("Mỗi dòng một tên gọi khác."))
    kind = models.CharField(_("loại đơn vị"), max_length=32, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    code = models.SlugField(_("mã"), max_length=50, unique=True)
    valid_from = models.DateField(_("hiệu lực từ"), null=True, blank=True)
    valid_to = models.DateField(_("hiệu lực đến"), null=True, blank=True)
    successors = models.ManyToManyField(
        "self", verbose_name=_("đơn vị kế thừa"), symmetrical=False, blank=True, related_name="predecessors"
    )
    order = models.PositiveIntegerField(_("thứ tự"), default=0)
    # what the unit's officers send reaches the Office only after the unit head approves it.
    requires_head_approval = models.BooleanField(_("báo cáo, đề xuất cần thủ trưởng duyệt"), default=False)
    search_text = models.TextField(editable=False, default="", verbose_name=_("chuỗi tìm kiếm"))

    objects = UnitQuerySet.as_manager()

    class Meta:
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return self.name

    def save(self, *args, **kwargs):
        self.search_text = " | ".join(fold(n) for n in self.names())
        super().save(*args, **kwargs)

    def alias_list(self) -> list[str]:
        return [a.strip() for a in self.aliases.splitlines() if a.strip()]

    def names(self) -> list[str]:
        return [n for n in [self.name, self.short_name, *self.alias_list()] if n]

    @property
    def label(self) -> str:
        return self.short_name or self.name


class UnitGroupPhrase(models.Model):
    """A phrase such as "các sở, ban, ngành tỉnh" that stands for every unit of some kinds."""

    phrase = models.CharField(_("cụm từ"), max_length=255, unique=True)
    kinds = models.CharField(
        _("các loại đơn vị"), max_length=255, help_text=_("Mã loại, cách nhau bởi dấu phẩy.")
    )
    folded = models.CharField(max_length=255, editable=False, default="", verbose_name=_("dạng không dấu"))

    class Meta:
        verbose_name = _("cụm từ chỉ nhóm đơn vị")
        verbose_name_plural = _("cụm từ chỉ nhóm đơn vị")
        ordering = ["phrase"]

    def __str__(self) -> str:
        return self.phrase

    def save(self, *args, **kwargs):
        self.folded = fold(self.phrase)
        super().save(*args, **kwargs)

    def clean(self) -> None:
        unknown = set(self.kind_list()) - set(UnitKind.values)
        if unknown or not self.kind_list():
            raise ValidationError(
                {
                    "kinds": _("Mã loại không hợp lệ: %(codes)s. Dùng: %(valid)s.")
                    % {"codes": ", ".join(sorted(unknown)) or "—", "valid": ", ".join(UnitKind.values)}
                }
            )

    def kind_list(self) -> list[str]:
        return [k.strip() for k in self.kinds.split(",") if k.strip()]


class Role(models.TextChoices):
    OFFICE_CLERK = "office_clerk", _("Văn thư, chuyên viên Văn phòng")
    MONITORING_OFFICER = "monitoring_officer", _("Chuyên viên theo dõi")
    OFFICE_DEPARTMENT_HEAD = "office_department_head", _("Trưởng phòng thuộc Văn phòng")
    OFFICE_LEADER = "office_leader", _("Lãnh đạo Văn phòng")
    PROVINCIAL_LEADER = "provincial_leader", _("Lãnh đạo UBND tỉnh")
    UNIT_OFFICER = "unit_officer", _("Cán bộ đầu mối đơn vị")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị")
    ADMIN = "admin", _("Quản trị hệ thống")


# Roles that see every task in the province (the Office follows everything, R-6.1).
PROVINCE_WIDE_ROLES = {
    Role.OFFICE_CLERK,
    Role.MONITORING_OFFICER,
    Role.OFFICE_DEPARTMENT_HEAD,
    Role.OFFICE_LEADER,
    Role.PROVINCIAL_LEADER,
    Role.ADMIN,
}
# Roles that may register directives and deliver tasks.
REGISTRAR_ROLES = {Role.OFFICE_CLERK, Role.OFFICE_LEADER, Role.ADMIN}


class User(AbstractUser):
    unit = models.ForeignKey(
        Unit,
        verbose_name=_("đơn vị"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    role = models.CharField(_("vai trò"), max_length=32, choices=Role.choices, default=Role.UNIT_OFFICER)
    position = models.CharField(_("chức vụ"), max_length=120, blank=True)
    full_name = models.CharField(_("họ và tên"), max_length=150, blank=True)

    class Meta:
        verbose_name = _("người dùng")
        verbose_name_plural = _("người dùng")

    def __str__(self) -> str:
        return self.full_name or self.get_username()

    @property
    def sees_province(self) -> bool:
        return self.is_superuser or self.role in PROVINCE_WIDE_ROLES

    @property
    def can_register(self) -> bool:
        return self.is_superuser or self.role in REGISTRAR_ROLES


class LeaderPosition(models.TextChoices):
    CHAIRMAN = "chairman", _("Chủ tịch UBND tỉnh")
    VICE_CHAIRMAN = "vice_chairman", _("Phó Chủ tịch UBND tỉnh")
    OFFICE_CHIEF = "office_chief", _("Chánh Văn phòng UBND tỉnh")
    OFFICE_DEPUTY = "office_deputy", _("Phó Chánh Văn phòng UBND tỉnh")


class Leader(models.Model):
    """A leader who assigns tasks (R-3.2): the Chairman, a Vice Chairman, or an Office leader conveying them."""

    name = models.CharField(_("họ và tên"), max_length=150)
    position = models.CharField(_("chức vụ"), max_length=32, choices=LeaderPosition.choices)
    field = models.CharField(_("lĩnh vực phụ trách"), max_length=255, blank=True)
    user = models.OneToOneField(
        User,
        verbose_name=_("tài khoản đăng nhập"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="leader",
    )
    active = models.BooleanField(_("đang công tác"), default=True)
    order = models.PositiveIntegerField(_("thứ tự"), default=0)

    class Meta:
        verbose_name = _("lãnh đạo giao nhiệm vụ")
        verbose_name_plural = _("lãnh đạo giao nhiệm vụ")
        ordering = ["order", "name"]

    def __str__(self) -> str:
        return f"{self.get_position_display()} {self.name}"


auditlog.register(Unit, m2m_fields={"successors"})
auditlog.register(UnitGroupPhrase)
auditlog.register(User, exclude_fields=["password", "last_login"])
auditlog.register(Leader)
