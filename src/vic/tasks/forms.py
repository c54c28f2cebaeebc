"""Forms of the task pages; dates are typed dd/mm/yyyy."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vic.core.forms import UnicodeText, legacy_text_error
from vic.core.params import ID_MAX
from vic.units.models import Leader, Role, Unit, UnitKind, User

from .models import DeadlineKind, Schedule, TaskUrgency
from .status import Status

ALL = _("— Tất cả —")
CHOOSE = _("— Chọn —")


def label_empty_choices(form: forms.Form, text) -> None:
    """Django's "---------" reads as noise to officials: say what the empty choice means."""
    for field in form.fields.values():
        if isinstance(field, forms.ModelChoiceField) and not isinstance(
            field, forms.ModelMultipleChoiceField
        ):
            field.empty_label = text


DATE_ERRORS = {"invalid": _("Ngày không hợp lệ (nhập theo dạng dd/mm/yyyy, ví dụ 23/05/2026).")}


class VNDateField(forms.DateField):
    def __init__(self, **kwargs):
        kwargs.setdefault("input_formats", ["%d/%m/%Y", "%Y-%m-%d"])
        kwargs.setdefault("error_messages", DATE_ERRORS)
        kwargs.setdefault("widget", forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"}))
        super().__init__(**kwargs)


def office_departments():
    return Unit.objects.filter(kind=UnitKind.OFFICE_DEPARTMENT)


def monitoring_officers():
    return User.objects.filter(
        is_active=True, role__in=[Role.MONITORING_OFFICER, Role.OFFICE_DEPARTMENT_HEAD]
    ).select_related("unit")


SCOPES = [
    ("", _("Tất cả")),
    ("lead", _("Đơn vị chủ trì")),
    ("coordinate", _("Đơn vị phối hợp")),
    ("due_soon", _("Sắp đến hạn")),
    ("overdue", _("Quá hạn")),
    ("draft", _("Chưa chuyển giao")),
    ("unacknowledged", _("Đơn vị chưa xác nhận đã nhận")),
    ("counted", _("Nhiệm vụ được tính trong báo cáo")),
    ("no_deadline", _("Không thời hạn")),
    ("rated", _("Nhiệm vụ tính tỷ lệ đúng hạn")),
]


class TaskFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì"), queryset=Unit.objects.assignable(), required=False
    )
    status = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả"))] + list(Status.choices), required=False
    )
    deadline_from = VNDateField(label=_("Hạn từ ngày"), required=False)
    deadline_to = VNDateField(label=_("Hạn đến ngày"), required=False)
    leader = forms.ModelChoiceField(label=_("Lãnh đạo giao"), queryset=Leader.objects.all(), required=False)
    officer = forms.ModelChoiceField(
        label=_("Chuyên viên theo dõi"), queryset=User.objects.none(), required=False
    )
    # The dashboards' click-through per Office department (reporting/dashboards.py).
    department = forms.ModelChoiceField(
        label=_("Phòng theo dõi"), queryset=Unit.objects.none(), required=False
    )
    directive = forms.IntegerField(
        label=_("Văn bản (mã)"), required=False, min_value=1, max_value=ID_MAX, widget=forms.HiddenInput
    )
    is_key = forms.BooleanField(label=_("Chỉ nhiệm vụ trọng tâm"), required=False)
    scope = forms.ChoiceField(label=_("Danh sách"), choices=SCOPES, required=False, widget=forms.HiddenInput)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["officer"].queryset = monitoring_officers()
        self.fields["department"].queryset = office_departments()
        label_empty_choices(self, ALL)

    def clean_q(self):
        # Words typed in an old font match nothing: say why instead of "Không có nhiệm vụ nào".
        if error := legacy_text_error(self.cleaned_data["q"]):
            raise forms.ValidationError(error)
        return self.cleaned_data["q"]

    def clean(self):
        data = super().clean()
        start, end = data.get("deadline_from"), data.get("deadline_to")
        if start and end and start > end:
            self.add_error("deadline_to", _("“Hạn đến ngày” phải sau “Hạn từ ngày”."))
        return data


class TaskEditForm(UnicodeText, forms.Form):
    TRACKED = ["content", "expected_output", "report_to", "lead_unit", "coordinating_units", "monitoring_department",
               "monitoring_officers", "assigning_leader", "schedule", "deadline", "deadline_kind", "urgency",
               "is_key", "arose_on", "arose_note"]  # fmt: skip

    version = forms.IntegerField(widget=forms.HiddenInput)
    content = forms.CharField(
        label=_("Nội dung nhiệm vụ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 4})
    )
    expected_output = forms.CharField(label=_("Sản phẩm"), required=False)
    report_to = forms.CharField(label=_("Báo cáo về"), required=False, max_length=255)
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.assignable())
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Unit.objects.assignable(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    monitoring_department = forms.ModelChoiceField(
        label=_("Phòng theo dõi"), queryset=Unit.objects.none(), required=False
    )
    monitoring_officers = forms.ModelMultipleChoiceField(
        label=_("Chuyên viên theo dõi"), queryset=User.objects.none(), required=False
    )
    assigning_leader = forms.ModelChoiceField(
        label=_("Lãnh đạo giao"), queryset=Leader.objects.all(), required=False
    )
    schedule = forms.ChoiceField(label=_("Loại thời hạn"), choices=Schedule.choices)
    deadline = VNDateField(label=_("Thời hạn"), required=False)
    deadline_kind = forms.ChoiceField(label=_("Tính chất thời hạn"), choices=DeadlineKind.choices)
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=TaskUrgency.choices)
    is_key = forms.BooleanField(label=_("Nhiệm vụ trọng tâm"), required=False)
    arose_on = VNDateField(label=_("Ngày phát sinh"))
    arose_note = forms.CharField(label=_("Lý do sửa ngày phát sinh"), required=False)
    note = forms.CharField(label=_("Lý do sửa"), required=False)
    group_versions = forms.CharField(widget=forms.HiddenInput, required=False)
    whole_group = forms.BooleanField(
        label=_("Áp dụng cho cả nhóm (cùng nội dung, nhiều đơn vị chủ trì)"), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["monitoring_department"].queryset = office_departments()
        self.fields["monitoring_officers"].queryset = monitoring_officers()
        label_empty_choices(self, CHOOSE)
        # The page carries the values it was opened with, so a save applies only what this user changed
        # and never reverts someone else's edit made meanwhile.
        for name in self.TRACKED:
            self.fields[name].show_hidden_initial = True

    def clean(self):
        data = super().clean()
        if data.get("schedule") == Schedule.DATED and not data.get("deadline"):
            self.add_error("deadline", _("Nhiệm vụ có thời hạn phải có ngày."))
        if data.get("schedule") in (Schedule.ONGOING, Schedule.ASAP) and data.get("deadline"):
            # Never drop what was typed without a word (the register page refuses it the same way).
            self.add_error(
                "deadline",
                _("Nhiệm vụ “%(kind)s” không có thời hạn: xóa ngày này hoặc chọn “Có thời hạn”.")
                % {"kind": Schedule(data["schedule"]).label},
            )
        return data

    def clean_group_versions(self) -> dict[int, int]:
        """ "12:3,13:1" — the versions of the group's tasks when the page was opened."""
        raw = self.cleaned_data.get("group_versions") or ""
        try:
            return {int(k): int(v) for k, v in (pair.split(":") for pair in raw.split(",") if pair)}
        except ValueError:
            raise forms.ValidationError(_("Dữ liệu trang không hợp lệ; hãy tải lại trang.")) from None


class ReasonForm(UnicodeText, forms.Form):
    reason = forms.CharField(label=_("Lý do"), widget=forms.Textarea(attrs={"rows": 2}))
