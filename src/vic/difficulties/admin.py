from django.contrib import admin

from vic.core.admin import ReadOnlyAdmin

from .models import Difficulty, DifficultyMessage


class MessageInline(admin.TabularInline):
    model = DifficultyMessage
    fields = ["at", "kind", "author", "unit", "text", "state_after"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Difficulty)
class DifficultyAdmin(ReadOnlyAdmin):
    """Read-only here: difficulties are raised and answered on the product's pages (journaled)."""

    list_display = ["__str__", "unit", "about", "state", "raised_on", "first_answered_on"]
    list_filter = ["state", "about"]
    search_fields = ["search_text", "subject"]
    date_hierarchy = "raised_on"
    list_select_related = ["unit"]
    inlines = [MessageInline]
