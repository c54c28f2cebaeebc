"""Forms of the difficulty pages."""

from __future__ import annotations

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from vic.core.forms import UnicodeText
from vic.core.uploads import check_upload
from vic.directives.forms import MultipleFileField
from vic.tasks.forms import ALL, CHOOSE, label_empty_choices
from vic.tasks.models import Task
from vic.units.models import Unit

from .models import About, State


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


class TaskChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Task) -> str:
        content = obj.content if len(obj.content) <= 110 else obj.content[:109] + "…"
        return f"#{obj.pk} — {content}"


class FilesForm(UnicodeText, forms.Form):
    files = MultipleFileField(label=_("Tệp đính kèm (nếu có)"), required=False)

    def clean_files(self):
        return check_files(self.cleaned_data.get("files") or [])


class RaiseForm(FilesForm):
    about = forms.ChoiceField(
        label=_("Khó khăn, vướng mắc về"), choices=About.choices, widget=forms.RadioSelect
    )
    task = TaskChoiceField(label=_("Nhiệm vụ"), queryset=Task.objects.none(), required=False)
    subject = forms.CharField(label=_("Vấn đề"), max_length=255)
    description = forms.CharField(
        label=_("Nội dung khó khăn, vướng mắc và đề xuất"),
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 6}),
    )

    def __init__(self, *args, user=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["task"].queryset = (
            Task.objects.visible_to(user)
            .filter(delivered_on__isnull=False, withdrawn_on__isnull=True)
            .order_by("-delivered_on", "-pk")
        )
        label_empty_choices(self, CHOOSE)

    def clean(self):
        data = super().clean()
        if data.get("about") == About.TASK and not data.get("task") and "task" not in self.errors:
            self.add_error("task", _("Chọn nhiệm vụ có khó khăn, vướng mắc."))
        return data


class MessageForm(FilesForm):
    text = forms.CharField(label=_("Nội dung"), max_length=10000, widget=forms.Textarea(attrs={"rows": 4}))


class CloseForm(UnicodeText, forms.Form):
    note = forms.CharField(
        label=_("Ghi chú khi đóng (nếu có)"),
        max_length=10000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )


class DifficultyFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False)
    state = forms.ChoiceField(
        label=_("Tình trạng"), choices=[("", _("Tất cả"))] + list(State.choices), required=False
    )
    about = forms.ChoiceField(
        label=_("Về"), choices=[("", _("Tất cả"))] + list(About.choices), required=False
    )
    unit = forms.ModelChoiceField(label=_("Đơn vị"), queryset=Unit.objects.none(), required=False)
    mine = forms.BooleanField(label=_("Chỉ về nhiệm vụ tôi hoặc phòng tôi theo dõi"), required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].queryset = Unit.objects.filter(difficulties__isnull=False).distinct()
        label_empty_choices(self, ALL)
