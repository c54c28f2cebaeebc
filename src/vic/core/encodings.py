"""Text that arrived in a legacy encoding and was pasted as Unicode: typed in an 8-bit font of the 1990s
(TCVN3/ABC "Së Tµi chÝnh", VNI "Veà vieäc"), or a Windows-1258 or UTF-8 file opened as Windows-1252
("VêÌ viêòc", "Viá»‡c"). It looks garbled, and no search or unit name ever matches it."""

from __future__ import annotations

import re
import unicodedata

from .text import LOOKALIKES

# Latin-1 letters that Vietnamese in Unicode uses; any other Latin-1 character inside a word is the mark of
# text typed in an old 8-bit font and pasted as Unicode.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")
# Signs a Unicode text may put next to a letter (30°C, m², ½ tháng): old-font letters only between letters.
_SIGNS = set("°±²³¹¼½¾×÷µ")

# Windows-1258 writes a tone as a byte of its own after the vowel (ề = ê + 0xCC); read as Windows-1252 the
# tone bytes are Ì ì Ò ò Þ, and ă ơ ư read ã õ ý. Vietnamese never puts one of them right after a vowel,
# but for the old spelling "quì".
_CP1258_TONE = re.compile(r"[aeioyâêôãõýAEIOYÂÊÔÃÕÝ][ÌìÒòÞ]|(?<![qQ])[uU][ÌìÒòÞ]")

# The byte each character of a Windows-1252 (or Latin-1) reading stands for; the five bytes Windows-1252
# lacks (0x81, 0x8D, 0x8F, 0x90, 0x9D) Windows reads as U+0081…, as Latin-1 does.
_BYTE = {chr(b): b for b in range(0x80, 0x100)}
_BYTE |= {bytes([b]).decode("cp1252", errors="ignore"): b for b in range(0x80, 0xA0)}
_BYTE.pop("", None)
_HIGH_RUN = re.compile("[" + re.escape("".join(c for c in _BYTE if ord(c) > 0x7F)) + "]{2,}")
_VIETNAMESE_MARKS = set("\u0300\u0301\u0303\u0309\u0323\u0302\u0306\u031b")


def _vietnamese_letter(ch: str) -> bool:
    base, *marks = unicodedata.normalize("NFD", ch)
    return ch in "đĐ" or (
        ord(ch) > 0x7F and base.isascii() and base.isalpha() and set(marks) <= _VIETNAMESE_MARKS
    )


def _utf8_as_cp1252(text: str) -> bool:
    """A UTF-8 text read one byte a character: some run of them decodes back to a Vietnamese letter."""
    for run in _HIGH_RUN.findall(text):
        decoded = bytes(_BYTE[c] for c in run).decode("utf-8", errors="replace")
        if any(_vietnamese_letter(c) for c in decoded):
            return True
    return False


def _old_font(text: str) -> bool:
    for i, ch in enumerate(text):
        if "\u00a1" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1:
            before = text[i - 1] if i else " "
            after = text[i + 1] if i + 1 < len(text) else " "
            if (
                (before.isalpha() and after.isalpha())
                if ch in _SIGNS
                else (before.isalpha() or after.isalpha())
            ):
                return True
    return False


def legacy_encoding(text: str | None) -> str | None:
    """How `text` was garbled: "utf-8" or "cp1258" (a file read with the Windows-1252 code page), "font"
    (typed in TCVN3 or VNI); None for Unicode text."""
    text = (text or "").translate(LOOKALIKES)
    if _utf8_as_cp1252(text):
        return "utf-8"
    if _CP1258_TONE.search(text):
        return "cp1258"
    return "font" if _old_font(text) else None
