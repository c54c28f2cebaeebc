"""Text folding so that search works with and without diacritics ("so tai chinh" finds "Sở Tài chính")."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# Abbreviations clerks and documents use interchangeably with the full words.
_CANON = [
    (re.compile(r"\bubnd\b"), "uy ban nhan dan"),
    (re.compile(r"\btp\.?\s"), "thanh pho "),
    (re.compile(r"\bdt\b"), "dau tu"),
]
_LEADING = re.compile(r"^(giao|de nghi|yeu cau)\s+")
_TRAILING = re.compile(r"[\s.,:;]+$")


def canon(text: str, *, strip_verbs: bool = True) -> str:
    """Folded, with the abbreviations documents use spelled out: "UBND" and "Ủy ban nhân dân" compare equal."""
    out = fold(text)
    for pattern, repl in _CANON:
        out = pattern.sub(repl, out)
    out = out.replace("(", " ").replace(")", " ")
    out = _SPACES.sub(" ", out).strip()
    if strip_verbs:  # "Giao Sở Tài chính" names the unit; a search for "giao …" keeps the word
        out = _LEADING.sub("", out)
    return _TRAILING.sub("", out).strip()


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


def search_text(parts) -> str:
    """The stored, searchable form of some texts: canonical words between single spaces, padded."""
    return " " + " ".join(canon(p, strip_verbs=False) for p in parts if p) + " "


def search_terms(query: str) -> list[str]:
    """LIKE patterns for a query: short words ("u", "tp") match whole words, longer ones word starts.

    So "u minh" finds "UBND huyện U Minh" but not every word containing "u", and "tai chin" still finds
    "Tài chính" while typing."""
    return [f" {w} " if len(w) <= 2 else f" {w}" for w in canon(query, strip_verbs=False).split()]
