"""Reminder rules counted in working days, the dispatch log that makes sending idempotent, notifications.

A rule is generic over a date field of the task ("effective_deadline", "delivery_due_on"), so the report
due dates of the reporting work plug into the same machinery later (R-7, R-12)."""

from __future__ import annotations

from auditlog.registry import auditlog
from django.conf import settings
from django.core.validators import MaxValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from vic.core import clock

MAX_WORKING_DAYS = 250


class Timing(models.TextChoices):
    BEFORE = "before", _("N ngày làm việc trước hạn")
    ON_DAY = "on_day", _("Đúng ngày đến hạn")
    OVERDUE_EVERY = "overdue_every", _("Mỗi N ngày làm việc khi quá hạn")
    OVERDUE_AFTER = "overdue_after", _("Khi quá hạn đúng N ngày làm việc (leo thang)")


class DateField(models.TextChoices):
    DEADLINE = "effective_deadline", _("Thời hạn thực hiện")
    DELIVERY = "delivery_due_on", _("Hạn chuyển giao (Văn phòng)")
    REPORT_DUE = "report_due", _("Hạn đơn vị gửi báo cáo định kỳ")


class Audience(models.TextChoices):
    LEAD_UNIT = "lead_unit", _("Đơn vị chủ trì")
    COORDINATORS = "coordinators", _("Đơn vị phối hợp")
    MONITORS = "monitors", _("Chuyên viên theo dõi")
    UNIT_HEAD = "unit_head", _("Thủ trưởng đơn vị chủ trì")
    OFFICE_LEADERS = "office_leaders", _("Lãnh đạo Văn phòng")
    REGISTRARS = "registrars", _("Văn thư, chuyên viên Văn phòng nhập nhiệm vụ")


class ReminderRule(models.Model):
    name = models.CharField(_("tên quy tắc"), max_length=200)
    active = models.BooleanField(_("đang áp dụng"), default=True)
    date_field = models.CharField(
        _("ngày căn cứ"), max_length=32, choices=DateField.choices, default=DateField.DEADLINE
    )
    timing = models.CharField(_("thời điểm nhắc"), max_length=16, choices=Timing.choices)
    # At most about a year of working days: beyond it a rule is a typing slip (3000000 overflowed the calendar).
    working_days = models.PositiveSmallIntegerField(
        _("số ngày làm việc (N)"),
        default=0,
        validators=[
            MaxValueValidator(MAX_WORKING_DAYS, _("Tối đa %(limit_value)s ngày làm việc (khoảng một năm)."))
        ],
    )
    audiences = models.CharField(
        _("người nhận"), max_length=200, help_text=_("Mã người nhận, cách nhau bởi dấu phẩy.")
    )

    class Meta:
        verbose_name = _("quy tắc nhắc việc")
        verbose_name_plural = _("quy tắc nhắc việc")
        ordering = ["date_field", "timing", "working_days"]

    def __str__(self) -> str:
        return self.name

    def clean(self) -> None:
        from django.core.exceptions import ValidationError

        unknown = set(self.audience_list()) - set(Audience.values)
        if unknown or not self.audience_list():
            raise ValidationError(
                {
                    "audiences": _("Mã người nhận không hợp lệ: %(codes)s. Dùng: %(valid)s.")
                    % {"codes": ", ".join(sorted(unknown)) or "—", "valid": ", ".join(Audience.values)}
                }
            )
        unit_side = set(self.audience_list()) & {
            Audience.LEAD_UNIT,
            Audience.UNIT_HEAD,
            Audience.COORDINATORS,
        }
        if self.date_field == DateField.DELIVERY and unit_side:
            # A task not yet delivered is the Office's own business: no unit may read of it before delivery.
            raise ValidationError(
                {
                    "audiences": _(
                        "Nhắc chuyển giao là việc của Văn phòng: chỉ gửi cho văn thư, chuyên viên theo dõi hoặc "
                        "lãnh đạo Văn phòng, không gửi cho đơn vị khi nhiệm vụ chưa chuyển giao."
                    )
                }
            )
        if self.timing != Timing.ON_DAY and self.working_days == 0 and self.timing != Timing.BEFORE:
            raise ValidationError({"working_days": _("Cần số ngày làm việc lớn hơn 0.")})

    def audience_list(self) -> list[str]:
        return [a.strip() for a in self.audiences.split(",") if a.strip()]

    def audience_labels(self) -> str:
        labels = dict(Audience.choices)
        return ", ".join(str(labels.get(code, code)) for code in self.audience_list())


class Dispatch(models.Model):
    """One reminder to one person under one rule on one day, about one task or about one unit's periodic
    report (`unit` + `report`, e.g. "monthly:2026-05"): sent once, whatever reruns."""

    rule = models.ForeignKey(
        ReminderRule, on_delete=models.PROTECT, related_name="dispatches", verbose_name=_("quy tắc nhắc")
    )
    task = models.ForeignKey(
        "tasks.Task",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="dispatches",
        verbose_name=_("nhiệm vụ"),
    )
    unit = models.ForeignKey(
        "units.Unit",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("đơn vị"),
    )
    report = models.CharField(_("kỳ báo cáo"), max_length=48, blank=True)
    day = models.DateField(_("ngày nhắc"))
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("người nhận")
    )
    created_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm tạo"))

    class Meta:
        verbose_name = _("lượt nhắc đã gửi")
        verbose_name_plural = _("lượt nhắc đã gửi")
        # Every scan (every 15 minutes) reads the day's log first (services._sent_keys).
        indexes = [models.Index(fields=["day"], name="dispatch_day")]
        constraints = [
            models.UniqueConstraint(fields=["task", "rule", "day", "recipient"], name="dispatch_once"),
            models.UniqueConstraint(
                fields=["unit", "report", "rule", "day", "recipient"],
                condition=Q(task__isnull=True),
                name="dispatch_report_once",
            ),
            models.CheckConstraint(
                condition=Q(task__isnull=False) | (Q(unit__isnull=False) & ~Q(report="")),
                name="dispatch_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.rule} — {self.task_id or self.report} — {self.day}"


class Notification(models.Model):
    """The in-app notification centre (the bell): unread until the user opens or marks it."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="notifications",
        verbose_name=_("người dùng"),
    )
    task = models.ForeignKey(
        "tasks.Task",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("nhiệm vụ"),
    )
    text = models.CharField(_("nội dung"), max_length=500)
    # Where opening it leads when it is not about a task (a unit report, an urging notice): a local path.
    link = models.CharField(_("liên kết"), max_length=200, blank=True)
    created_at = models.DateTimeField(default=clock.now, db_index=True, verbose_name=_("thời điểm tạo"))
    read_at = models.DateTimeField(_("đã đọc lúc"), null=True, blank=True)

    class Meta:
        verbose_name = _("thông báo")
        verbose_name_plural = _("thông báo")
        ordering = ["-created_at", "-id"]
        indexes = [models.Index(fields=["user", "read_at"], name="notification_unread")]

    def __str__(self) -> str:
        return self.text[:80]


class Preference(models.Model):
    """How a user wants to be told: each reminder by e-mail, and/or one digest a working day."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="urging_pref",
        verbose_name=_("người dùng"),
    )
    email_each = models.BooleanField(_("gửi e-mail cho từng thông báo"), default=True)
    daily_digest = models.BooleanField(_("gửi e-mail tổng hợp hằng ngày"), default=True)

    class Meta:
        verbose_name = _("tùy chọn nhận thông báo")
        verbose_name_plural = _("tùy chọn nhận thông báo")

    def __str__(self) -> str:
        return str(self.user)

    @classmethod
    def of(cls, user) -> Preference:
        return cls.objects.filter(user=user).first() or cls(user=user)


class Digest(models.Model):
    """One daily digest per user and day: the key that keeps a second worker from sending it again."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+", verbose_name=_("người dùng")
    )
    day = models.DateField(_("ngày"))
    sent_at = models.DateTimeField(default=clock.now, verbose_name=_("thời điểm gửi"))
    items = models.PositiveIntegerField(_("số mục"), default=0)

    class Meta:
        verbose_name = _("bản tin tổng hợp đã gửi")
        verbose_name_plural = _("bản tin tổng hợp đã gửi")
        constraints = [models.UniqueConstraint(fields=["user", "day"], name="digest_once")]

    def __str__(self) -> str:
        return f"{self.user} — {self.day}"


class FeedScope(models.TextChoices):
    MINE = "mine", _("Nhiệm vụ tôi được xem")
    UNIT = "unit", _("Nhiệm vụ của đơn vị tôi (chủ trì, phối hợp)")


class CalendarFeed(models.Model):
    """A secret address a calendar program subscribes to; revoking it stops the feed at once."""

    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calendar_feeds",
        verbose_name=_("người sở hữu"),
    )
    scope = models.CharField(_("phạm vi"), max_length=8, choices=FeedScope.choices, default=FeedScope.MINE)
    token = models.CharField(max_length=64, unique=True, editable=False, verbose_name=_("mã bí mật"))
    created_at = models.DateTimeField(_("tạo lúc"), default=clock.now)
    revoked_at = models.DateTimeField(_("thu hồi lúc"), null=True, blank=True)
    last_read_at = models.DateTimeField(_("lần đọc gần nhất"), null=True, blank=True)

    class Meta:
        verbose_name = _("lịch đăng ký (iCal)")
        verbose_name_plural = _("lịch đăng ký (iCal)")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.owner} — {self.get_scope_display()}"


auditlog.register(ReminderRule)
auditlog.register(CalendarFeed, exclude_fields=["token"])
auditlog.register(Preference)
