"""What every form shares: an action's refusal shown on the form the user filled; typed text cleaned and
old-font text refused."""

from __future__ import annotations

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from .encodings import legacy_encoding
from .text import nfc, visible

LEGACY_FONT = _(
    "Chữ có vẻ được gõ bằng phông cũ (TCVN3/ABC hoặc VNI) nên sai dấu, ví dụ “Së Tµi chÝnh”. Hãy chuyển "
    "sang Unicode (Unikey: Công cụ → Chuyển mã, đích Unicode) rồi dán lại."
)
# A file saved in one code page and opened in another: the text is whole, only read with the wrong table.
LEGACY_ENCODING = {
    "font": LEGACY_FONT,
    "cp1258": _(
        "Chữ có vẻ bị đọc sai bảng mã (tệp Windows-1258 mở như Windows-1252) nên sai dấu, ví dụ “VêÌ viêòc” "
        "thay cho “Về việc”. Hãy mở lại tệp gốc với bảng mã Windows-1258 (tiếng Việt), hoặc chuyển sang "
        "Unicode (Unikey: Công cụ → Chuyển mã, nguồn Vietnamese locale CP 1258, đích Unicode) rồi dán lại."
    ),
    "utf-8": _(
        "Chữ có vẻ bị đọc sai bảng mã (tệp UTF-8 mở như Windows-1252) nên sai dấu, ví dụ “Viá»‡c” thay cho "
        "“Việc”. Hãy mở lại tệp gốc với bảng mã UTF-8 (Unicode), hoặc chuyển sang Unicode (Unikey: Công cụ → "
        "Chuyển mã, nguồn UTF-8 Literal, đích Unicode) rồi dán lại."
    ),
}


def legacy_text_error(value: str):
    """Why `value` cannot be stored as typed (old font, wrong code page), with how to convert it; None when
    it is Unicode. For an action handed raw text; forms get it through UnicodeText."""
    garbled = legacy_encoding(value)
    return LEGACY_ENCODING[garbled] if garbled else None


class UnicodeText:
    """A form mixin, the one place typed text is cleaned: stored as `text.nfc` gives it (no control
    characters pasted from Word), and text typed in an old 8-bit Vietnamese font or read with the wrong code
    page is refused next to its field, with how to convert it, instead of being stored where search and unit
    names will never match it.
    `IDENTIFIERS`: the fields that also lose invisible characters (core.text.visible)."""

    IDENTIFIERS: tuple[str, ...] = ()

    def clean(self):
        data = super().clean()
        for name, value in list(data.items()):
            if not isinstance(value, str):
                continue
            if name in self.IDENTIFIERS:
                value = visible(value)  # first: a soft hyphen here was pasted along, not TCVN3's "ư"
            if error := legacy_text_error(value):
                self.add_error(name, error)
            else:
                data[name] = nfc(value)
        return data


def attach(form, error: ValidationError, aliases: dict[str, str] | None = None) -> None:
    """An action's error next to its field when the form has it (or the field `aliases` names for it), on top
    of the form otherwise; a refused upload (code "file…") next to the form's `files` field."""
    aliases = aliases or {}
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            target = aliases.get(field, field)
            for e in errors:
                form.add_error(target if target in form.fields else None, e)
        return
    code = getattr(error, "code", "") or ""
    form.add_error("files" if code.startswith("file") and "files" in form.fields else None, error)
