"""A user's saved lists: kept and deleted by their owner only."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.http import QueryDict
from django.utils.translation import gettext as _

from vic.core.forms import legacy_text_error
from vic.core.text import nfc

from ..forms import TaskFilterForm
from ..models import SavedFilter

MAX_SAVED = 30
KEPT = ("q", "unit", "status", "deadline_from", "deadline_to", "leader", "officer", "department", "directive",
        "is_key", "scope")  # fmt: skip


def save_filter(user, name: str, query: str) -> SavedFilter:
    """Keep the list's filters (the page's query string, without paging) under `name`; the same name again
    replaces the filters kept under it."""
    if error := legacy_text_error(name):
        raise ValidationError({"name": error})
    name = nfc(name)[:80]
    if not name:
        raise ValidationError({"name": _("Đặt tên cho bộ lọc.")})
    params = QueryDict(query or "", mutable=True)
    kept = QueryDict(mutable=True)
    for key in KEPT:
        if params.get(key):
            kept.setlist(key, params.getlist(key))
    if not kept:
        raise ValidationError(_("Chưa có điều kiện lọc nào để lưu."))
    if not TaskFilterForm(kept).is_valid():
        # The list showed nothing for these filters (a date like 31/02, an unknown unit): keep none of them.
        raise ValidationError(_("Bộ lọc có điều kiện không hợp lệ; sửa điều kiện lọc rồi lưu lại."))
    if not SavedFilter.objects.filter(user=user, name=name).exists() and (
        SavedFilter.objects.filter(user=user).count() >= MAX_SAVED
    ):
        raise ValidationError(_("Mỗi người lưu tối đa %(n)d bộ lọc; hãy xóa bớt.") % {"n": MAX_SAVED})
    saved, _created = SavedFilter.objects.update_or_create(
        user=user, name=name, defaults={"query": kept.urlencode()[:2000]}
    )
    return saved


def delete_filter(user, saved_id: int) -> None:
    """Only the owner's own: another's filter (or one already deleted) is not found."""
    deleted, _rows = SavedFilter.objects.filter(user=user, pk=saved_id).delete()
    if not deleted:
        raise ValidationError(_("Không tìm thấy bộ lọc này (có thể đã bị xóa)."))
