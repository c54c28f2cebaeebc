from django.contrib import admin, messages
from django.utils.translation import gettext as _

from . import actions
from .models import DayOverride


@admin.register(DayOverride)
class DayOverrideAdmin(admin.ModelAdmin):
    """Extra days off and extra working days; saving re-rolls the effective deadlines they touch."""

    list_display = ["day", "kind", "reason"]
    list_filter = ["kind"]
    date_hierarchy = "day"
    search_fields = ["reason"]
    ordering = ["-day"]

    def save_model(self, request, obj, form, change):
        moved = actions.save_override(request.user, obj)
        if moved:
            messages.info(request, _("Đã tính lại thời hạn thực tế của %(n)d nhiệm vụ.") % {"n": moved})

    def delete_model(self, request, obj):
        actions.delete_override(request.user, obj)

    def delete_queryset(self, request, queryset):
        for obj in queryset:
            actions.delete_override(request.user, obj)
