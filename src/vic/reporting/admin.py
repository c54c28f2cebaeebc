"""Administration of the report calendar ("Lịch báo cáo": windows and due days per kind, R-12) and a
read-only view of the units' reports (written only through reporting/actions.py)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html_join
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.admin import ReadOnlyAdmin

from .models import PeriodSetting, UnitReport
from .obligations import windows_of_year


@admin.register(PeriodSetting)
class PeriodSettingAdmin(admin.ModelAdmin):
    """One row per kind, seeded by migration 0002; edited, never added or removed (validation: clean())."""

    list_display = [
        "__str__",
        "start_day",
        "end_day",
        "end_month",
        "unit_due_day",
        "office_due_day",
        "due_month",
    ]
    fieldsets = [
        (_("Khoảng số liệu"), {"fields": ["start_day", "start_in_previous_month", "end_day", "end_month"]}),
        (_("Hạn gửi"), {"fields": ["unit_due_day", "office_due_day", "due_month"]}),
        (_("Lịch năm nay (theo cài đặt đã lưu)"), {"fields": ["preview"]}),
    ]
    readonly_fields = ["preview"]

    def has_add_permission(self, request):
        return False

    def has_delete_permission(self, request, obj=None):
        return False

    @admin.display(description=_("các kỳ trong năm"))
    def preview(self, obj: PeriodSetting):
        rows = [
            (w.period.title, w.start.strftime("%d/%m/%Y"), w.end.strftime("%d/%m/%Y"),
             w.unit_due.strftime("%d/%m/%Y"), w.office_due.strftime("%d/%m/%Y"))
            for w in windows_of_year(obj.kind, clock.today().year)
        ]  # fmt: skip
        label = _("%s: số liệu %s – %s; đơn vị gửi %s, Văn phòng %s")
        return format_html_join("", "<div>{}</div>", ((label % row,) for row in rows))


@admin.register(UnitReport)
class UnitReportAdmin(ReadOnlyAdmin):
    list_display = ["unit", "kind", "period", "version", "state", "due_on", "submitted_at", "is_late"]
    list_filter = ["kind", "state", "period"]
    search_fields = ["unit__name", "unit__short_name", "period"]
    list_select_related = ["unit"]
    exclude = ["figures"]

    @admin.display(boolean=True, description=_("gửi muộn"))
    def is_late(self, obj: UnitReport) -> bool:
        return obj.is_late


from . import admin_templates  # noqa: E402, F401 - the Word templates of the reports
