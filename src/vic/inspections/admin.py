from django.contrib import admin

from vic.core.admin import ReadOnlyAdmin

from .models import Inspection, InspectionFile


class InspectionFileInline(admin.TabularInline):
    model = InspectionFile
    fields = ["original_name", "size", "sha256", "uploaded_by", "uploaded_at"]
    readonly_fields = fields
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Inspection)
class InspectionAdmin(ReadOnlyAdmin):
    """Read-only here: inspections are recorded and corrected on the product's pages (journaled, locked)."""

    list_display = ["title", "started_on", "leader", "leader_name", "created_by", "updated_at"]
    list_filter = ["started_on"]
    search_fields = ["search_text", "title"]
    date_hierarchy = "started_on"
    list_select_related = ["leader", "created_by"]
    inlines = [InspectionFileInline]
