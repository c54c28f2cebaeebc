from django.contrib import admin

from vic.core.admin import ReadOnlyAdmin, WordTemplateAdmin

from . import document
from .forms import NoticeTemplateForm
from .models import NoticeTemplate, UrgingNotice


@admin.register(NoticeTemplate)
class NoticeTemplateAdmin(WordTemplateAdmin):
    form = NoticeTemplateForm

    def check_of(self, obj):
        return document.check_template


@admin.register(UrgingNotice)
class UrgingNoticeAdmin(ReadOnlyAdmin):
    """Issued notices: written only by the issuing action (journaled)."""

    list_display = ["__str__", "unit", "issued_by", "issued_at", "overdue_count", "due_soon_count"]
    list_filter = ["symbol"]
    date_hierarchy = "issued_at"
    list_select_related = ["unit", "issued_by"]
