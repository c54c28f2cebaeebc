from django.contrib import admin
from django.contrib.auth.admin import UserAdmin as BaseUserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Leader, Unit, UnitGroupPhrase, User


@admin.register(Unit)
class UnitAdmin(admin.ModelAdmin):
    list_display = ["name", "short_name", "kind", "parent", "valid_from", "valid_to"]
    list_filter = ["kind"]
    search_fields = ["name", "short_name", "aliases", "search_text"]
    filter_horizontal = ["successors"]
    autocomplete_fields = ["parent"]


@admin.register(UnitGroupPhrase)
class UnitGroupPhraseAdmin(admin.ModelAdmin):
    list_display = ["phrase", "kinds"]
    search_fields = ["phrase"]


@admin.register(User)
class UserAdmin(BaseUserAdmin):
    list_display = ["username", "full_name", "unit", "role", "is_active"]
    list_filter = ["role", "is_active", "unit__kind"]
    search_fields = ["username", "full_name", "email"]
    autocomplete_fields = ["unit"]
    fieldsets = [
        *BaseUserAdmin.fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ["full_name", "unit", "role", "position"]}),
    ]
    add_fieldsets = [
        *BaseUserAdmin.add_fieldsets,
        (_("Đơn vị và vai trò"), {"fields": ["full_name", "unit", "role"]}),
    ]


@admin.register(Leader)
class LeaderAdmin(admin.ModelAdmin):
    list_display = ["name", "position", "field", "active"]
    list_filter = ["position", "active"]
