"""Text that arrived in a legacy encoding and was pasted as Unicode: typed in an 8-bit font of the 1990s
(TCVN3/ABC "Së Tµi chÝnh", VNI "Veà vieäc"), or a Windows-1258 or UTF-8 file opened as Windows-1252
("VêÌ viêòc", "Viá»‡c"). It looks garbled, and no search or unit name ever matches it."""

from __future__ import annotations

import re
import unicodedata

from .text import LOOKALIKES

# Latin-1 letters that Vietnamese in Unicode uses; a word holding any other Latin-1 character may be one typed
# in an old 8-bit font and pasted as Unicode — or a foreign name (Müller, François), a sign (m², 30°C) or a
# quotation mark («…»). It is the first when reading it back through the font's table gives a Vietnamese
# syllable.
_VIETNAMESE_LATIN1 = set("ÀÁÂÃÈÉÊÌÍÒÓÔÕÙÚÝàáâãèéêìíòóôõùúý")

# TCVN3 (ABC): one byte a letter with its tone, upper case drawn by a second font on the same bytes.
_TCVN3 = str.maketrans(
    dict(
        zip(
            "µ¸¶·¹¨»¾¼½Æ©ÇÊÈÉË®ÌÐÎÏÑªÒÕÓÔÖ×ÝØÜÞßãáâä«åèæçé¬êíëìîïóñòô\xadõøö÷ùúýûüþ¡¢£¤¥¦§",
            "àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵăâêôơưđ",
            strict=True,
        )
    )
)
# VNI: a base letter then a byte for its marks; ơ ư đ, the i's and ỵ have bytes of their own. Only the bare
# letters matter for telling a syllable, so the marks are dropped.
_VNI = str.maketrans(
    {
        **dict.fromkeys("ùøûõïâáàåãäêéèúüëÙØÛÕÏÂÁÀÅÃÄÊÉÈÚÜË", ""),
        **dict.fromkeys("ñÑ", "d"),
        **dict.fromkeys("ôÔ", "o"),
        **dict.fromkeys("öÖ", "u"),
        **dict.fromkeys("íìæóòÍÌÆÓÒ", "i"),
        **dict.fromkeys("îÎ", "y"),
    }
)
# A Vietnamese syllable without its marks: initial consonant, vowel group, final consonant.
_SYLLABLE = re.compile(
    "(?:ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdghklmnpqrstvx])?"
    "(?:ieu|oai|oao|oay|oeo|uay|uoi|uou|uya|uye|uyu|yeu"
    "|ai|ao|au|ay|eo|eu|ia|ie|iu|oa|oe|oi|oo|ua|ue|ui|uo|uu|uy|ye|[aeiouy])"
    "(?:ng|nh|ch|[cmnpt])?"
)


def _bare(word: str) -> str:
    """The word's letters without tones or marks, lower case ("Sở" → "so")."""
    nfd = unicodedata.normalize("NFD", word.lower().replace("đ", "d"))
    return "".join(c for c in nfd if not unicodedata.combining(c))


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


def _words(text: str):
    """Runs of letters and Latin-1 characters (an old font draws letters with signs: µ is à in TCVN3)."""
    return re.findall(r"(?:[^\W\d_]|[\u00a1-\u00ff])+", text)


def _suspicious(word: str) -> bool:
    return any("\u00a1" <= ch <= "\u00ff" and ch not in _VIETNAMESE_LATIN1 for ch in word)


# Đ of an abbreviation in capitals, which no syllable test sees: TCVN3's § (Q§-UBND, SGD&§T), VNI's Ñ before
# a consonant or at the end (UBND-ÑTMT; Spanish Ñ is followed by a vowel: ESPAÑA).
_OLD_D = re.compile(r"[A-Z]*(?:§|Ñ(?![AEIOUYÁÀÂÃÉÈÊÍÌÓÒÔÕÚÙÝ]))[A-Z]*")
# Signs beside letters in Unicode text: 2m×2m (× before a digit), 10 µm, 5 µg (µ before a unit).
_TIMES = re.compile(r"(?<=[^\W\d_])×(?=\d)")
_MICRO_UNIT = re.compile(r"µ(?:m|g|l|s|mol|V|A)")


def _quoted(word: str) -> bool:
    """«An toàn» or «Tự do»: a Unicode word inside guillemets. TCVN3 draws ô with « and ằ with », but ằ never
    ends a syllable (ă takes a final consonant), and a word after « is one when it is a syllable as it stands."""
    inner = word.removeprefix("«").removesuffix("»")
    return inner != word and not _suspicious(inner) and bool(_SYLLABLE.fullmatch(_bare(inner)))


def _old_font(text: str) -> bool:
    for word in _words(_TIMES.sub(" ", text)):
        if len(word) < 2:
            continue
        if _OLD_D.fullmatch(word):
            return True
        if not _suspicious(word) or _MICRO_UNIT.fullmatch(word) or _quoted(word):
            continue
        if any(_SYLLABLE.fullmatch(_bare(word.translate(table))) for table in (_TCVN3, _VNI)):
            return True
    return False


def legacy_encoding(text: str | None) -> str | None:
    """How `text` was garbled: "utf-8" or "cp1258" (a file read with the Windows-1252 code page), "font"
    (typed in TCVN3 or VNI); None for Unicode text."""
    # NFC first: a decomposed Unicode text (macOS, some PDFs) would split its words at the combining marks.
    text = unicodedata.normalize("NFC", text or "").translate(LOOKALIKES)
    if _utf8_as_cp1252(text):
        return "utf-8"
    if _CP1258_TONE.search(text):
        return "cp1258"
    return "font" if _old_font(text) else None
