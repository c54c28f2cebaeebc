from django.contrib import admin

from .models import Directive, DirectiveKind


@admin.register(DirectiveKind)
class DirectiveKindAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "is_normative", "active", "order"]
    list_editable = ["active", "order"]


@admin.register(Directive)
class DirectiveAdmin(admin.ModelAdmin):
    """Read-only here: documents are registered and corrected through the product's pages (journaled)."""

    list_display = ["__str__", "kind", "issuer", "issue_date"]
    list_filter = ["kind", "urgency"]
    search_fields = ["search_text", "abstract"]
    date_hierarchy = "issue_date"

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False
