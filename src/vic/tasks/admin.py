from django.contrib import admin

from .models import TaskEvent


@admin.register(TaskEvent)
class TaskEventAdmin(admin.ModelAdmin):
    """The task journal, for auditors: read-only (R-6.3)."""

    list_display = ["at", "kind", "actor", "task"]
    list_filter = ["kind"]
    date_hierarchy = "at"
    search_fields = ["note", "task__content"]
    list_select_related = ["actor", "task"]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
