"""The registration page: the document's fields on top, task rows below (SCREENS.md "Nhập văn bản")."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vic.core import clock
from vic.core.forms import UnicodeText
from vic.tasks.forms import CHOOSE, VNDateField, label_empty_choices, monitoring_officers, office_departments
from vic.tasks.limits import EARLIEST
from vic.tasks.models import DeadlineKind, Frequency, Schedule
from vic.units.models import Leader, Unit

from .models import IDENTITY_FIELDS, DirectiveKind, Secrecy, Urgency, normal_number


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(d, initial) for d in data]
        return [single(data, initial)] if data else []


class DirectiveForm(UnicodeText, forms.Form):
    IDENTIFIERS = IDENTITY_FIELDS

    kind = forms.ModelChoiceField(label=_("Loại văn bản"), queryset=DirectiveKind.objects.filter(active=True))
    number = forms.CharField(
        label=_("Số"), max_length=20, required=False, help_text=_("Để trống nếu văn bản không có số.")
    )
    symbol = forms.CharField(
        label=_("Ký hiệu"),
        max_length=60,
        required=False,
        widget=forms.TextInput(attrs={"placeholder": "UBND-TH"}),
    )
    issuer = forms.CharField(label=_("Cơ quan ban hành"), max_length=255)
    issue_date = VNDateField(label=_("Ngày ban hành"))
    received_on = VNDateField(label=_("Ngày Văn phòng nhận"), required=False)
    abstract = forms.CharField(label=_("Trích yếu"), max_length=500, widget=forms.Textarea(attrs={"rows": 2}))
    signer_name = forms.CharField(label=_("Người ký"), max_length=150, required=False)
    signer_position = forms.CharField(label=_("Chức vụ người ký"), max_length=150, required=False)
    submitting_unit = forms.ModelChoiceField(
        label=_("Cơ quan trình"), queryset=Unit.objects.submitting(), required=False
    )
    urgency = forms.ChoiceField(label=_("Độ khẩn"), choices=Urgency.choices, initial=Urgency.NORMAL)
    secrecy = forms.ChoiceField(label=_("Độ mật"), choices=Secrecy.choices, initial=Secrecy.NORMAL)
    files = MultipleFileField(label=_("Tệp văn bản"), required=False)
    other_issuer = forms.BooleanField(
        label=_("Đây là văn bản khác (cùng số, ký hiệu nhưng của cơ quan ban hành khác)"), required=False
    )
    not_secret = forms.BooleanField(label=_("Đã kiểm tra: không phải văn bản mật"), required=False)
    intake_token = forms.CharField(widget=forms.HiddenInput, required=False, max_length=36)
    notes = forms.CharField(
        label=_("Ghi chú"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 1})
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_empty_choices(self, CHOOSE)

    def clean(self):
        data = super().clean()
        number = (data.get("number") or "").strip()
        if "/" in number and not data.get("symbol"):
            # "846/UBND-TH" typed whole into the number box.
            data["number"], data["symbol"] = (p.strip() for p in number.split("/", 1))
        if data.get("number") and normal_number(data["number"]) is None:
            self.add_error("number", _("Số văn bản chỉ gồm chữ số và lớn hơn 0, ví dụ 846."))
        issued, received = data.get("issue_date"), data.get("received_on")
        if issued and issued > clock.today():
            self.add_error("issue_date", _("Ngày ban hành không được sau ngày hôm nay."))
        if issued and issued < EARLIEST:
            self.add_error("issue_date", _("Ngày ban hành phải từ năm 1990 trở đi."))
        if received and received > clock.today():
            self.add_error("received_on", _("Ngày nhận không được sau ngày hôm nay."))
        if issued and received and received < issued:
            self.add_error("received_on", _("Ngày nhận không được trước ngày ban hành."))
        return data


class TaskRowForm(UnicodeText, forms.Form):
    content = forms.CharField(
        label=_("Nội dung nhiệm vụ"), max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
    )
    lead = forms.CharField(
        label=_("Đơn vị chủ trì"),
        help_text=_(
            "Tên, tên viết tắt hoặc cụm từ như “các sở, ban, ngành tỉnh”; nhiều đơn vị cách nhau bởi “;”."
        ),
        widget=forms.TextInput(attrs={"list": "unit-names", "autocomplete": "off"}),
    )
    coordinators = forms.CharField(
        label=_("Đơn vị phối hợp"),
        required=False,
        widget=forms.TextInput(attrs={"list": "unit-names", "autocomplete": "off"}),
    )
    schedule = forms.ChoiceField(label=_("Loại thời hạn"), choices=Schedule.choices, initial=Schedule.DATED)
    deadline = VNDateField(label=_("Thời hạn"), required=False)
    deadline_kind = forms.ChoiceField(
        label=_("Tính chất"), choices=DeadlineKind.choices, initial=DeadlineKind.COMPLETE_BY
    )
    frequency = forms.ChoiceField(
        label=_("Định kỳ"), choices=[("", _("Không"))] + list(Frequency.choices), required=False
    )
    recurrence_until = VNDateField(label=_("Định kỳ đến ngày"), required=False)
    monitoring_department = forms.ModelChoiceField(
        label=_("Phòng theo dõi"), queryset=Unit.objects.none(), required=False
    )
    monitoring_officer = forms.ModelChoiceField(
        label=_("Chuyên viên theo dõi"), queryset=Unit.objects.none(), required=False
    )
    assigning_leader = forms.ModelChoiceField(
        label=_("Lãnh đạo giao"), queryset=Leader.objects.filter(active=True), required=False
    )
    expected_output = forms.CharField(label=_("Sản phẩm"), required=False)
    report_to = forms.CharField(label=_("Báo cáo về"), required=False)
    is_key = forms.BooleanField(label=_("Trọng tâm"), required=False)
    urgent = forms.BooleanField(label=_("Đột xuất, khẩn"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["monitoring_department"].queryset = office_departments()
        self.fields["monitoring_officer"].queryset = monitoring_officers()
        label_empty_choices(self, CHOOSE)

    def clean(self):
        data = super().clean()
        if (
            data.get("schedule") == Schedule.DATED
            and not data.get("deadline")
            and "deadline" not in self.errors
        ):
            self.add_error(
                "deadline", _("Nhập thời hạn (dd/mm/yyyy) hoặc chọn “Thường xuyên”/“Khẩn trương”.")
            )
        if data.get("schedule") in (Schedule.ONGOING, Schedule.ASAP) and data.get("deadline"):
            # Never drop what the clerk typed without a word.
            self.add_error(
                "deadline",
                _("Nhiệm vụ “%(kind)s” không có thời hạn: xóa ngày này hoặc chọn “Có thời hạn”.")
                % {"kind": Schedule(data["schedule"]).label},
            )
        if data.get("frequency") and data.get("schedule") != Schedule.DATED:
            self.add_error("frequency", _("Nhiệm vụ định kỳ cần thời hạn của kỳ đầu tiên."))
        return data


class TaskRowBaseFormSet(forms.BaseFormSet):
    default_error_messages = {
        "too_few_forms": _("Văn bản cần có ít nhất %(num)d nhiệm vụ."),
        "too_many_forms": _("Mỗi lần nhập tối đa %(num)d nhiệm vụ."),
        "missing_management_form": _("Trang nhập đã cũ hoặc bị sửa; hãy tải lại trang."),
    }


TaskRowFormSet = forms.formset_factory(
    TaskRowForm,
    formset=TaskRowBaseFormSet,
    extra=0,
    can_delete=True,
    min_num=1,
    validate_min=True,
    max_num=300,
    validate_max=True,
)
