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


# Old-font converters put the Latin ETH (Ð, ð) where Đ, đ belong; Word types en and em dashes in symbols.
LOOKALIKES = str.maketrans({"Ð": "Đ", "ð": "đ"})
_DASHES = str.maketrans(
    {"\u2010": "-", "\u2011": "-", "\u2012": "-", "\u2013": "-", "\u2014": "-", "\u2212": "-"}
)


def fold(text: str | None) -> str:
    """Lower-case, strip Vietnamese diacritics (đ → d) and invisible characters, full-width forms to plain
    ones (１２３ → 123), dashes to "-", and collapse white space: how identities and searches compare texts."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", text).translate(LOOKALIKES).translate(_DASHES)
    decomposed = unicodedata.normalize("NFD", text.replace("đ", "d").replace("Đ", "D"))
    stripped = "".join(c for c in decomposed if unicodedata.category(c) not in ("Mn", "Cf"))
    return _SPACES.sub(" ", stripped).strip().lower()


def visible(text: str) -> str:
    """Without the invisible format characters (zero-width space and joiners, BOM, direction marks and
    embeddings, soft hyphen…) that web pages and PDFs paste along: in a document's number, symbol or issuer
    they made a registered document look new."""
    return "".join(c for c in text if unicodedata.category(c) != "Cf")


# Control characters pasted from Word or a terminal (\v is Word's manual line break, \f its page break): no
# screen shows them and Excel refuses a cell holding one. Tab, newline and carriage return stay.
_CONTROLS = {c: None for c in [*range(0x20), 0x7F, *range(0x80, 0xA0)] if chr(c) not in "\t\n\r"}
_CONTROLS |= {0x0B: "\n", 0x0C: "\n"}


def without_controls(text: str) -> str:
    """`text` without control characters, its manual line and page breaks as line breaks."""
    return text.translate(_CONTROLS)


def nfc(text: str | None) -> str:
    """How typed text is stored: canonical composed form (documents arrive in NFD from some Word versions
    and old fonts, and with Ð for Đ from old-font converters), without control characters."""
    return without_controls(unicodedata.normalize("NFC", text or "").translate(LOOKALIKES)).strip()


# Punctuation separates words for a search: the parts of a reference ("2019/QĐ-UBND", "Sở KH&ĐT") are words of
# their own, and so is a word right after a quotation mark (“Mỗi xã một sản phẩm”, "Chuyển đổi số", «…»).
_PUNCTUATION = [c for c in range(0x10000) if unicodedata.category(chr(c)).startswith("P")]
_SEPARATORS = dict.fromkeys([*_PUNCTUATION, ord("+")], " ")


def _words(text: str) -> str:
    return _SPACES.sub(" ", canon(text, strip_verbs=False).translate(_SEPARATORS)).strip()


def search_text(parts) -> str:
    """The stored, searchable form of some texts: canonical words between single spaces, padded."""
    return " " + " ".join(_words(p) for p in parts if p) + " "


MAX_QUERY, MAX_WORDS = 200, 12  # a pasted paragraph searches by its first words, not 300 LIKE clauses


def search_phrase(query: str) -> str | None:
    """The LIKE pattern of a query's words in their order, side by side ("so tai chinh" → " so tai chinh"),
    for putting the tasks that hold the phrase before those that only hold its words; None for one word."""
    words = _words((query or "")[:MAX_QUERY]).split()[:MAX_WORDS]
    return " " + " ".join(words) if len(words) > 1 else None


def search_terms(query: str) -> list[str]:
    """LIKE patterns for a query: short words ("u", "tp") match whole words, longer ones word starts.

    So "u minh" finds "UBND huyện U Minh" but not every word containing "u", and "tai chin" still finds
    "Tài chính" while typing."""
    words = _words((query or "")[:MAX_QUERY]).split()[:MAX_WORDS]
    return [f" {w} " if len(w) <= 2 else f" {w}" for w in words]
