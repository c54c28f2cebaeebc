"""Text folding so that search works with and without diacritics ("so tai chinh" finds "Sở Tài chính")."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")


def fold(text: str | None) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and collapse white space."""
    if not text:
        return ""
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) != "Mn")
    return _SPACES.sub(" ", stripped).strip().lower()


def nfc(text: str | None) -> str:
    """Canonical composed form: documents arrive in NFD from some Word versions and old fonts."""
    return unicodedata.normalize("NFC", text or "").strip()
