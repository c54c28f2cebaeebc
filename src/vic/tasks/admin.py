from django.contrib import admin

from vic.core.admin import ReadOnlyAdmin

from .models import TaskEvent


@admin.register(TaskEvent)
class TaskEventAdmin(ReadOnlyAdmin):
    """The task journal, for auditors: read-only (R-6.3)."""

    list_display = ["at", "kind", "actor", "task"]
    list_filter = ["kind"]
    date_hierarchy = "at"
    search_fields = ["note", "task__content"]
    list_select_related = ["actor", "task"]
