"""Forms of the workflow buttons on a task page (issue 3)."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from vic.core.forms import UnicodeText
from vic.directives.forms import MultipleFileField
from vic.units.models import Unit

from .forms import CHOOSE, VNDateField, label_empty_choices

# A report, reason or opinion is read on the task page, in the journal and in notifications: ten thousand
# characters (some four pages) is more than any report to the Chairman; a longer text goes as a file.
TEXT_MAX = 10_000


class SubmissionForm(UnicodeText, forms.Form):
    text = forms.CharField(label=_("Nội dung"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 3}))
    explanation = forms.CharField(
        label=_("Giải trình lý do chậm (bắt buộc khi nhiệm vụ đã quá hạn)"),
        required=False,
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    paper_number = forms.CharField(label=_("Số văn bản báo cáo (nếu có)"), required=False, max_length=60)
    paper_date = VNDateField(label=_("Ngày văn bản báo cáo"), required=False)
    proposed_deadline = VNDateField(label=_("Thời hạn đề xuất"), required=False)
    files = MultipleFileField(label=_("Tệp đính kèm"), required=False)


class ReturnForm(SubmissionForm):
    """A unit returns a task it should not have been given: its text is the reason (R-5.3)."""

    text = forms.CharField(
        label=_("Lý do trả lại"),
        help_text=_("Vì sao nhiệm vụ không thuộc chức năng của đơn vị; đơn vị nào nên chủ trì (nếu biết)."),
        max_length=TEXT_MAX,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class NoteForm(UnicodeText, forms.Form):
    note = forms.CharField(
        label=_("Ý kiến"), required=False, max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )


class DecisionForm(NoteForm):
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Đồng ý")), ("reject", _("Không đồng ý"))],
        widget=forms.RadioSelect,
        initial="approve",
    )
    new_deadline = VNDateField(label=_("Thời hạn mới"), required=False)


class ConfirmForm(NoteForm):
    completed_on = VNDateField(label=_("Ngày hoàn thành"), required=False)


class ReasonForm(UnicodeText, forms.Form):
    reason = forms.CharField(label=_("Lý do"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2}))


class ResolveReturnForm(NoteForm):
    resolution = forms.ChoiceField(
        label=_("Cách xử lý"),
        widget=forms.RadioSelect,
        initial="edit",
        choices=[
            ("edit", _("Đã sửa nội dung, giao lại cho đơn vị")),
            ("reassign", _("Giao cho đơn vị khác chủ trì")),
            ("withdraw", _("Thu hồi nhiệm vụ")),
        ],
    )
    new_lead = forms.ModelChoiceField(
        label=_("Đơn vị chủ trì mới"), queryset=Unit.objects.assignable(), required=False
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        label_empty_choices(self, CHOOSE)


class UrgeForm(NoteForm):
    coordination = forms.IntegerField(widget=forms.HiddenInput)


class PassDownForm(UnicodeText, forms.Form):
    content = forms.CharField(
        label=_("Nội dung phần việc"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    assignee_unit = forms.ModelChoiceField(
        label=_("Đơn vị cấp dưới"), queryset=Unit.objects.none(), required=False
    )
    assignee = forms.ModelChoiceField(label=_("Hoặc cán bộ"), queryset=Unit.objects.none(), required=False)
    deadline = VNDateField(label=_("Thời hạn"), required=False)

    def __init__(self, *args, sub_units=None, people=None, **kwargs):
        super().__init__(*args, **kwargs)
        if sub_units is not None:
            self.fields["assignee_unit"].queryset = sub_units
        if people is not None:
            self.fields["assignee"].queryset = people
        label_empty_choices(self, CHOOSE)


class ReportPartForm(UnicodeText, forms.Form):
    part = forms.IntegerField(widget=forms.HiddenInput)
    text = forms.CharField(
        label=_("Báo cáo phần việc"), max_length=TEXT_MAX, widget=forms.Textarea(attrs={"rows": 2})
    )
    done = forms.BooleanField(label=_("Đã hoàn thành phần việc"), required=False)


class ApproveForm(NoteForm):
    submission = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(
        label=_("Quyết định"),
        choices=[("approve", _("Duyệt, gửi đi")), ("decline", _("Không duyệt"))],
        widget=forms.RadioSelect,
        initial="approve",
    )
