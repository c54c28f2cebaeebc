"""Forms of the report calendar and the unit report pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vic.tasks.forms import VNDateField

from .actions import MAX_TEXT
from .models import PERIODIC, UnitReport


class CalendarForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=PERIODIC, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)


class ReportForm(forms.ModelForm):
    """The narrative the unit writes and the paper's number and date; `revision` guards lost updates."""

    revision = forms.IntegerField(widget=forms.HiddenInput)
    paper_date = VNDateField(label=_("Ngày văn bản báo cáo"), required=False)

    class Meta:
        model = UnitReport
        fields = ["results", "difficulties", "proposals", "paper_number", "paper_date"]
        widgets = {
            name: forms.Textarea(attrs={"rows": 5, "maxlength": MAX_TEXT})
            for name in ("results", "difficulties", "proposals")
        }
        labels = {
            "results": _("Kết quả nổi bật"),
            "difficulties": _("Khó khăn, vướng mắc"),
            "proposals": _("Kiến nghị, đề xuất"),
            "paper_number": _("Số văn bản báo cáo"),
        }


class DeclineForm(forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Nội dung cần sửa"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )
