"""The Word templates of the reports (admin "Mẫu báo cáo (Word)"): an upload is tried with the sample
content of its kind before it replaces the template in use; the built-in ones stay a click away."""

from __future__ import annotations

from functools import partial

from django.contrib import admin

from vic.core.admin import WordTemplateAdmin
from vic.core.word_templates import TemplateForm

from .exports import word
from .models import ReportTemplate


class ReportTemplateForm(TemplateForm):
    class Meta:
        model = ReportTemplate
        fields = ["kind", "name", "file"]

    def check_for(self, cleaned_data):
        return partial(word.check, cleaned_data.get("kind") or "compiled")


@admin.register(ReportTemplate)
class ReportTemplateAdmin(WordTemplateAdmin):
    form = ReportTemplateForm
    list_display = ["name", "kind", *WordTemplateAdmin.list_display[1:]]
    list_filter = ["kind"]

    def check_of(self, obj):
        return partial(word.check, obj.kind)

    def scope_of(self, obj) -> dict:
        return {"kind": obj.kind}

    def get_readonly_fields(self, request, obj=None):
        return ["kind", *super().get_readonly_fields(request, obj)] if obj else []
