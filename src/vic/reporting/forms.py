"""Forms of the report calendar and the unit report pages."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.forms import UnicodeText
from vic.directives.models import DirectiveKind
from vic.tasks.forms import VNDateField
from vic.units.models import Leader, Unit

from .actions import MAX_TEXT
from .models import PERIODIC, UnitReport
from .periods import PeriodKind, adhoc_label, choices


class CalendarForm(forms.Form):
    kind = forms.ChoiceField(label=_("Loại báo cáo"), choices=PERIODIC, required=False)
    year = forms.IntegerField(label=_("Năm"), min_value=2000, max_value=2100, required=False)


class ReportForm(UnicodeText, forms.ModelForm):
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


class DeclineForm(UnicodeText, forms.Form):
    revision = forms.IntegerField(widget=forms.HiddenInput)
    note = forms.CharField(
        label=_("Nội dung cần sửa"), max_length=MAX_TEXT, widget=forms.Textarea(attrs={"rows": 3})
    )


class AdhocRangeForm(forms.Form):
    """An ad hoc period typed as two dates, dd/mm/yyyy like every date the user types (the scorecard)."""

    start = VNDateField(label=_("Từ ngày"))
    end = VNDateField(label=_("đến ngày"))

    def label(self) -> str:
        """The period's label for periods.parse ("2026-04-01..2026-06-30")."""
        return adhoc_label(self.cleaned_data["start"], self.cleaned_data["end"])


class CompiledFilterForm(forms.Form):
    """The compiled report's choice (R-10): a period, or ad hoc dates (dd/mm/yyyy), and the filters."""

    kind = forms.ChoiceField(label=_("Loại kỳ"), choices=PeriodKind.choices, required=False)
    period = forms.CharField(
        label=_("Kỳ"), required=False, widget=forms.Select(attrs={"data-period-picker": ""})
    )
    start = VNDateField(label=_("Đột xuất: từ ngày"), required=False)
    end = VNDateField(label=_("đến ngày"), required=False)
    leader = forms.ModelChoiceField(
        label=_("Lãnh đạo giao"), queryset=Leader.objects.all(), required=False, empty_label=_("Tất cả")
    )
    unit_filter = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.assignable(), required=False, empty_label=_("Tất cả")
    )
    directive_kind = forms.ModelChoiceField(
        label=_("Loại văn bản"), queryset=DirectiveKind.objects.all(), required=False, empty_label=_("Tất cả")
    )
    key_only = forms.BooleanField(label=_("Chỉ nhiệm vụ trọng tâm"), required=False)

    def __init__(self, *args, today=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kind"].widget.attrs["data-period-kind"] = ""
        kind = self.data.get("kind") or PeriodKind.MONTHLY
        offered = choices(kind, today or clock.today())
        typed = (self.data.get("period") or "").strip()
        if typed and typed not in dict(offered):
            offered.insert(0, (typed, typed))  # an older period typed in the address stays selected
        self.fields["period"].widget.choices = [("", _("Kỳ gần nhất"))] + offered

    def clean(self):
        cleaned = super().clean()
        if cleaned.get("kind") == PeriodKind.ADHOC:
            start, end = cleaned.get("start"), cleaned.get("end")
            if not (start and end) and not self.errors:
                raise forms.ValidationError(_("Báo cáo đột xuất cần cả ngày bắt đầu và ngày kết thúc."))
            if start and end:
                cleaned["period"] = adhoc_label(start, end)
        return cleaned

    def filters(self) -> dict:
        """The filters as the export spec carries them (ids)."""
        c = self.cleaned_data
        return {
            "leader": c["leader"].pk if c.get("leader") else None,
            "unit": c["unit_filter"].pk if c.get("unit_filter") else None,
            "directive_kind": c["directive_kind"].pk if c.get("directive_kind") else None,
            "key_only": bool(c.get("key_only")),
        }
