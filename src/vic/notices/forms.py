"""The "Lập văn bản đôn đốc" form and the admin's template upload form."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

from vic.core.forms import UnicodeText
from vic.core.word_templates import TemplateForm
from vic.units.models import Leader, LeaderPosition

from . import document
from .actions import MAX_WINDOW_DAYS
from .models import NoticeTemplate


class WindowForm(forms.Form):
    """The preview's "due within N working days" (GET)."""

    window_days = forms.IntegerField(
        label=_("Sắp đến hạn trong (ngày làm việc)"),
        min_value=1,
        max_value=MAX_WINDOW_DAYS,
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["window_days"].initial = settings.VIC_DUE_SOON_WORKING_DAYS


class IssueForm(UnicodeText, WindowForm):
    number = forms.CharField(
        label=_("Số (để trống nếu văn thư ghi sau)"),
        required=False,
        max_length=10,
        validators=[RegexValidator(r"^[0-9]+$", _("Số văn bản chỉ gồm chữ số."))],
    )
    symbol = forms.CharField(label=_("Ký hiệu"), max_length=60)
    signer = forms.ModelChoiceField(
        label=_("Người ký"),
        queryset=Leader.objects.none(),
        required=False,
        empty_label=_("(ghi sau)"),
    )
    tasks = forms.TypedMultipleChoiceField(
        label=_("Nhiệm vụ đưa vào văn bản"),
        coerce=int,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Chọn ít nhất một nhiệm vụ để đôn đốc.")},
    )

    def __init__(self, *args, task_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["signer"].queryset = Leader.objects.filter(
            active=True, position__in=[LeaderPosition.OFFICE_CHIEF, LeaderPosition.OFFICE_DEPUTY]
        )
        self.fields["tasks"].choices = [(pk, str(pk)) for pk in task_ids]


class NoticeTemplateForm(TemplateForm):
    class Meta:
        model = NoticeTemplate
        fields = ["name", "file"]

    def check_for(self, cleaned_data):
        return document.check_template
