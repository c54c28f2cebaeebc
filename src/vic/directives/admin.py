from django.contrib import admin

from vic.core.admin import ReadOnlyAdmin

from .models import Directive, DirectiveKind


@admin.register(DirectiveKind)
class DirectiveKindAdmin(admin.ModelAdmin):
    list_display = ["name", "abbreviation", "is_normative", "active", "order"]
    list_editable = ["active", "order"]


@admin.register(Directive)
class DirectiveAdmin(ReadOnlyAdmin):
    """Read-only here: documents are registered and corrected through the product's pages (journaled)."""

    list_display = ["__str__", "kind", "issuer", "issue_date"]
    list_filter = ["kind", "urgency"]
    search_fields = ["search_text", "abstract"]
    date_hierarchy = "issue_date"
