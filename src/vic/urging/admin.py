from django.contrib import admin

from vic.core.admin import ReadOnlyAdmin

from .models import Dispatch, ReminderRule


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    list_display = ["name", "date_field", "timing", "working_days", "audiences", "active"]
    list_filter = ["active", "date_field", "timing"]
    list_editable = ["active"]


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyAdmin):
    list_display = ["day", "rule", "task", "recipient", "created_at"]
    list_filter = ["rule"]
    date_hierarchy = "day"
