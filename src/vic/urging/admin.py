from django import forms
from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from vic.core.admin import ReadOnlyAdmin

from .models import Audience, Dispatch, ReminderRule


class ReminderRuleForm(forms.ModelForm):
    """Who is told, ticked by name (the codes stay in the database, comma-separated)."""

    audiences = forms.MultipleChoiceField(
        label=_("Người nhận"), choices=Audience.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = ReminderRule
        fields = ["name", "active", "date_field", "timing", "working_days", "audiences"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk:
            self.initial["audiences"] = self.instance.audience_list()

    def clean_audiences(self) -> str:
        return ",".join(self.cleaned_data["audiences"])


@admin.register(ReminderRule)
class ReminderRuleAdmin(admin.ModelAdmin):
    form = ReminderRuleForm
    list_display = ["name", "date_field", "timing", "working_days", "who", "active"]
    list_filter = ["active", "date_field", "timing"]
    list_editable = ["active"]

    @admin.display(description=_("người nhận"))
    def who(self, rule: ReminderRule) -> str:
        return rule.audience_labels()


@admin.register(Dispatch)
class DispatchAdmin(ReadOnlyAdmin):
    list_display = ["day", "rule", "task", "recipient", "created_at"]
    list_filter = ["rule"]
    date_hierarchy = "day"
