"""Word templates an administrator uploads (urging notices, reports): the upload form's checks and the
actions that put a template in use. One active template per scope; on any error nothing changes."""

from __future__ import annotations

import hashlib

from django import forms
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.files.base import ContentFile
from django.db import models, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from vic.core import clock


class WordTemplate(models.Model):
    """What every uploaded template records; a concrete model adds its `file` (with its folder) and its
    scope (the constraint "one active per …")."""

    name = models.CharField(gettext_lazy("tên mẫu"), max_length=200)
    original_name = models.CharField(gettext_lazy("tên tệp"), max_length=255, editable=False)
    sha256 = models.CharField(max_length=64, editable=False, verbose_name=gettext_lazy("mã băm SHA-256"))
    is_active = models.BooleanField(gettext_lazy("đang dùng"), default=True, editable=False)
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.PROTECT,
        related_name="+",
        editable=False,
        verbose_name=gettext_lazy("người tải lên"),
    )
    uploaded_at = models.DateTimeField(gettext_lazy("tải lên lúc"), default=clock.now, editable=False)

    class Meta:
        abstract = True

    def __str__(self) -> str:
        return self.name


def _require_admin(user) -> None:
    if not (user and user.is_active and user.is_staff):
        raise PermissionDenied(_("Chỉ quản trị hệ thống được thay mẫu văn bản."))


def read_upload(upload, check) -> bytes:
    """The upload's bytes, refused in Vietnamese unless a .docx of sane size that `check` renders."""
    if not upload.name.lower().endswith(".docx"):
        raise forms.ValidationError(_("Mẫu phải là tệp Word .docx (Word 2007 trở lên)."))
    if upload.size > settings.VIC_UPLOAD_MAX_BYTES:
        raise forms.ValidationError(_("Tệp mẫu quá lớn."))
    data = b"".join(upload.chunks())
    upload.seek(0)
    check(data)
    return data


def install(user, record, upload, check, **scope):
    """Check the uploaded template and make `record` the active one of its scope (e.g. kind="unit")."""
    _require_admin(user)
    data = read_upload(upload, check)
    model = type(record)
    with transaction.atomic():
        model.objects.filter(is_active=True, **scope).update(is_active=False)
        record.sha256 = hashlib.sha256(data).hexdigest()
        record.original_name = upload.name.rsplit("/", 1)[-1][:255]
        record.uploaded_by = user
        record.uploaded_at = clock.now()
        record.is_active = True
        record.file.save(f"{record.sha256}.docx", ContentFile(data), save=False)
        record.save()
    return record


def activate(user, model, record, **scope) -> None:
    """Go back to an earlier upload, or to the built-in template (`record` None)."""
    _require_admin(user)
    with transaction.atomic():
        model.objects.filter(is_active=True, **scope).update(is_active=False)
        if record is not None:
            model.objects.filter(pk=record.pk).update(is_active=True)


class TemplateForm(forms.ModelForm):
    """Upload of a replacement template: refused with a Vietnamese reason unless it is a .docx that renders
    with the context of its kind (`check_for` says which check)."""

    def check_for(self, cleaned_data):
        raise NotImplementedError

    def clean(self):
        cleaned = super().clean()
        upload = cleaned.get("file")
        if upload is not None and not self.instance.pk:
            try:
                read_upload(upload, self.check_for(cleaned))
            except forms.ValidationError as error:
                self.add_error("file", error)
        return cleaned
