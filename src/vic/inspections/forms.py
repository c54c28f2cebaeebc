"""Forms of the inspection pages; dates are typed dd/mm/yyyy."""

from __future__ import annotations

import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vic.core.forms import UnicodeText
from vic.core.uploads import check_upload
from vic.directives.forms import MultipleFileField
from vic.tasks.forms import (
    ALL,
    CHOOSE,
    VNDateField,
    label_empty_choices,
    monitoring_officers,
    office_departments,
)
from vic.units.models import PROVINCE_WIDE_ROLES, Leader, Unit, User

from .models import Inspection


def office_people():
    """Who can be on an inspection team with an account: the Office's staff and the provincial leaders."""
    return User.objects.filter(is_active=True, role__in=PROVINCE_WIDE_ROLES).select_related("unit")


def check_files(files) -> list:
    """Size, format and content of each upload, with the Vietnamese message of vic.core.uploads."""
    errors = []
    for upload in files:
        try:
            check_upload(upload)
        except ValidationError as error:
            errors.extend(error.messages)
    if errors:
        raise ValidationError(errors)
    return files


_TASK_ID = re.compile(r"^#?(\d{1,12})$")


class InspectionForm(UnicodeText, forms.Form):
    TRACKED = ["title", "basis", "started_on", "ended_on", "leader", "leader_name", "members", "other_members",
               "units", "tasks", "findings", "conclusion"]  # fmt: skip

    version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    title = forms.CharField(
        label=_("Nội dung kiểm tra"),
        max_length=255,
        widget=forms.TextInput(
            attrs={"placeholder": _("Ví dụ: Kiểm tra việc thực hiện nhiệm vụ UBND tỉnh giao năm 2026")}
        ),
    )
    basis = forms.CharField(label=_("Căn cứ (kế hoạch, quyết định kiểm tra)"), max_length=255, required=False)
    started_on = VNDateField(label=_("Ngày kiểm tra"))
    ended_on = VNDateField(label=_("Đến ngày (nếu nhiều ngày)"), required=False)
    leader = forms.ModelChoiceField(label=_("Trưởng đoàn"), queryset=User.objects.none(), required=False)
    leader_name = forms.CharField(
        label=_("Hoặc ghi họ tên, chức vụ trưởng đoàn"), max_length=200, required=False
    )
    members = forms.ModelMultipleChoiceField(
        label=_("Thành viên đoàn (có tài khoản)"),
        queryset=User.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    other_members = forms.CharField(
        label=_("Thành viên khác (mỗi dòng một người: họ tên, chức vụ, cơ quan)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị được kiểm tra"),
        queryset=Unit.objects.none(),
        widget=forms.SelectMultiple(attrs={"size": 8}),
        error_messages={"required": _("Chọn ít nhất một đơn vị được kiểm tra.")},
    )
    tasks = forms.CharField(
        label=_("Mã nhiệm vụ được kiểm tra"),
        required=False,
        help_text=_(
            "Mã số nhiệm vụ (số sau dấu #), cách nhau bởi dấu phẩy, ví dụ: 12, 15, 40. "
            "Trên trang đợt kiểm tra còn có thể tìm nhiệm vụ để thêm."
        ),
    )
    findings = forms.CharField(label=_("Kết quả kiểm tra"), widget=forms.Textarea(attrs={"rows": 5}))
    conclusion = forms.CharField(
        label=_("Kết luận, kiến nghị"), required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    files = MultipleFileField(
        label=_("Tệp đính kèm (kế hoạch, biên bản, báo cáo, thông báo kết luận)"), required=False
    )

    def __init__(self, *args, track_changes: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["leader"].queryset = office_people()
        self.fields["members"].queryset = office_people()
        self.fields["units"].queryset = Unit.objects.assignable()
        label_empty_choices(self, CHOOSE)
        if track_changes:
            # As on the task edit page: a save applies only what this user changed since opening the page.
            for name in self.TRACKED:
                self.fields[name].show_hidden_initial = True

    def clean_tasks(self) -> list[int]:
        raw = self.cleaned_data.get("tasks") or ""
        ids, bad = [], []
        for token in re.split(r"[\s,;]+", raw.strip()):
            if not token:
                continue
            match = _TASK_ID.match(token)
            if match:
                ids.append(int(match.group(1)))
            else:
                bad.append(token)
        if bad:
            raise ValidationError(
                _("“%(bad)s” không phải mã nhiệm vụ; ghi các số, cách nhau bởi dấu phẩy (ví dụ 12, 15).")
                % {"bad": ", ".join(bad)}
            )
        return list(dict.fromkeys(ids))

    def clean_files(self):
        return check_files(self.cleaned_data.get("files") or [])

    def clean(self):
        data = super().clean()
        if (
            not data.get("leader")
            and not (data.get("leader_name") or "").strip()
            and "leader" not in self.errors
        ):
            self.add_error("leader", _("Chọn trưởng đoàn hoặc ghi họ tên, chức vụ trưởng đoàn."))
        start, end = data.get("started_on"), data.get("ended_on")
        if start and end and end < start:
            self.add_error("ended_on", _("“Đến ngày” không được trước ngày kiểm tra."))
        return data


def initial_of(inspection: Inspection) -> dict:
    return {
        "version": inspection.version,
        "title": inspection.title,
        "basis": inspection.basis,
        "started_on": inspection.started_on,
        "ended_on": inspection.ended_on,
        "leader": inspection.leader_id,
        "leader_name": inspection.leader_name,
        "members": list(inspection.members.values_list("pk", flat=True)),
        "other_members": inspection.other_members,
        "units": list(inspection.units.values_list("pk", flat=True)),
        "tasks": ", ".join(str(pk) for pk in inspection.tasks.order_by("pk").values_list("pk", flat=True)),
        "findings": inspection.findings,
        "conclusion": inspection.conclusion,
    }


class InspectionFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False)
    unit = forms.ModelChoiceField(
        label=_("Đơn vị được kiểm tra"), queryset=Unit.objects.none(), required=False
    )
    year = forms.TypedChoiceField(label=_("Năm"), coerce=int, required=False, empty_value=None)

    def __init__(self, *args, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.assignable()
        self.fields["year"].choices = [("", _("Tất cả"))] + [(y, str(y)) for y in years]
        label_empty_choices(self, ALL)


class TaskSearchForm(forms.Form):
    tim = forms.CharField(label=_("Tìm nhiệm vụ"), required=False)
    cua_don_vi = forms.BooleanField(label=_("Chỉ nhiệm vụ của các đơn vị được kiểm tra"), required=False)


class FollowUpForm(UnicodeText, forms.Form):
    """One follow-up task; the conclusion notice's fields while the inspection has none yet."""

    content = forms.CharField(
        label=_("Nội dung nhiệm vụ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 3})
    )
    lead_unit = forms.ModelChoiceField(label=_("Đơn vị chủ trì"), queryset=Unit.objects.none())
    coordinating_units = forms.ModelMultipleChoiceField(
        label=_("Đơn vị phối hợp"),
        queryset=Unit.objects.none(),
        required=False,
        widget=forms.SelectMultiple(attrs={"size": 4}),
    )
    deadline = VNDateField(label=_("Thời hạn"))
    monitoring_department = forms.ModelChoiceField(
        label=_("Phòng theo dõi"), queryset=Unit.objects.none(), required=False
    )
    monitoring_officer = forms.ModelChoiceField(
        label=_("Chuyên viên theo dõi"), queryset=User.objects.none(), required=False
    )
    assigning_leader = forms.ModelChoiceField(
        label=_("Lãnh đạo giao"), queryset=Leader.objects.filter(active=True), required=False
    )
    deliver = forms.BooleanField(label=_("Chuyển giao ngay cho đơn vị"), required=False, initial=True)
    number = forms.CharField(label=_("Số văn bản kết luận"), max_length=20, required=False)
    symbol = forms.CharField(
        label=_("Ký hiệu"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "TB-VP"}),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    issue_date = VNDateField(label=_("Ngày văn bản kết luận"))
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)

    DOCUMENT = ["number", "symbol", "issuer", "issue_date", "signer_name", "signer_position"]

    def __init__(self, *args, needs_document: bool = True, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["lead_unit"].queryset = Unit.objects.assignable()
        self.fields["coordinating_units"].queryset = Unit.objects.assignable()
        self.fields["monitoring_department"].queryset = office_departments()
        self.fields["monitoring_officer"].queryset = monitoring_officers()
        label_empty_choices(self, CHOOSE)
        if not needs_document:
            for name in self.DOCUMENT:
                del self.fields[name]

    def clean(self):
        data = super().clean()
        number = (data.get("number") or "").strip()
        if "/" in number and not data.get("symbol"):
            data["number"], data["symbol"] = (p.strip() for p in number.split("/", 1))
        if data.get("number") and not data["number"].isdigit():
            self.add_error("number", _("Số văn bản chỉ gồm chữ số, ví dụ 45."))
        return data

    @property
    def document_fields(self) -> list:
        return [self[name] for name in self.DOCUMENT if name in self.fields]

    @property
    def task_fields(self) -> list:
        return [self[name] for name in self.fields if name not in self.DOCUMENT]
