"""Vietnamese text read with the wrong code page is recognised like text typed in an old font (finding #11):
the mojibake is made here from real sentences, as Windows makes it when a file is opened as Windows-1252."""

from __future__ import annotations

import unicodedata

import pytest

from vic.core.encodings import legacy_encoding

SENTENCES = [
    "Về việc triển khai nhiệm vụ Sở Tài chính",
    "Báo cáo kết quả giải ngân vốn đầu tư công quý I năm 2026",
    "Ủy ban nhân dân huyện Tam Đường",
    "Đẩy nhanh tiến độ thực hiện",
    "Sở Tài nguyên và Môi trường",
    "Xây dựng kế hoạch",
]


def cp1258(text: str) -> bytes:
    """Windows-1258: â ê ô ă ơ ư đ are bytes of their own, a tone that Latin-1 lacks follows as a byte."""
    out = bytearray()
    for ch in unicodedata.normalize("NFC", text):
        try:
            out += ch.encode("cp1258")
            continue
        except UnicodeEncodeError:
            pass
        base, *marks = unicodedata.normalize("NFD", ch)
        own = "".join(m for m in marks if m in "\u0302\u0306\u031b")  # circumflex, breve, horn
        tones = "".join(m for m in marks if m not in own)
        out += (unicodedata.normalize("NFC", base + own) + tones).encode("cp1258")
    return bytes(out)


def as_windows_1252(raw: bytes) -> str:
    """What a program decoding Windows-1252 shows; the five bytes the code page lacks read as U+0081…"""
    return "".join(bytes([b]).decode("cp1252", errors="ignore") or chr(b) for b in raw)


@pytest.mark.parametrize("sentence", SENTENCES)
def test_windows_1258_read_as_windows_1252_is_recognised(sentence):
    garbled = as_windows_1252(cp1258(sentence))
    assert garbled != sentence
    assert legacy_encoding(garbled) == "cp1258"


def test_the_testers_sample_is_windows_1258():
    assert as_windows_1252(cp1258("Về việc triển khai")) == "VêÌ viêòc triêÒn khai"
    assert legacy_encoding("VêÌ viêòc triêÒn khai nhiêòm vuò SõÒ TaÌi chiình") == "cp1258"


@pytest.mark.parametrize("sentence", SENTENCES)
@pytest.mark.parametrize(
    "decode", [as_windows_1252, lambda raw: raw.decode("latin-1")], ids=["1252", "latin-1"]
)
def test_utf_8_read_one_byte_a_character_is_recognised(sentence, decode):
    garbled = decode(sentence.encode("utf-8"))
    assert legacy_encoding(garbled) == "utf-8"


@pytest.mark.parametrize("word", ["Tài", "Cà Mau", "chính"])
def test_a_single_utf_8_word_is_enough(word):
    assert legacy_encoding(as_windows_1252(word.encode("utf-8"))) == "utf-8"


@pytest.mark.parametrize(
    "text",
    [
        *SENTENCES,
        "Đề án “NÂNG CAO QUY MÔ” năm 2026",
        "Ngã ba, NGÃ BA Sông Đốc",
        "quì gối, QUÌ",
        "Nhiệt độ 30°C, tỷ lệ ½, diện tích 12 m²",
        "Chương trình “Mỗi xã một sản phẩm”… (OCOP) – giai đoạn 2026—2030",
        "Ô-tô, Ê-đê, Tòa án, hòa giải, thủy lợi, khỏe",
        # Foreign names, marks and quotation marks a Unicode text holds: no old font reads them as Vietnamese.
        "Làm việc với ông Müller và bà François (Zürich), Citroën, Noël, Straße, Señor, naïve",
        "Phong trào «Chung tay xây dựng nông thôn mới», «Mỗi xã một sản phẩm»",
        "Nhãn hiệu Coca-Cola® và Windows™, © 2026; kích thước 3 × 4 m",
        # Guillemets around a word starting with a vowel («…» read as TCVN3's ô) or ending a syllable (ằ).
        "Phong trào «An toàn giao thông», «Ăn sạch, sống xanh», «Em yêu Tổ quốc», «Ấp văn hóa», «Ổn định»",
        "Khẩu hiệu «Độc lập – Tự do – Hạnh phúc», «Thủ đô», «Bí thư»",
        # Signs written against letters and numbers.
        "Cống hộp 2m×2m, bể lắng 4m×6m×3m; bụi mịn dưới 2,5 µm, hạt 10µm, 5µg/l",
    ],
)
def test_unicode_vietnamese_is_not_mistaken(text):
    assert legacy_encoding(text) is None


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_decomposed_unicode_is_read_as_unicode(form):
    """macOS and some PDF extractors decompose accents (e + ◌̂ + ◌̣): the same text, the same verdict."""
    text = "«Về việc» «Quyết định» «Ủy ban nhân dân tỉnh» «Yên Bái» «Ưu tiên» Sở Tài chính"
    assert legacy_encoding(unicodedata.normalize(form, text)) is None


@pytest.mark.parametrize(
    "text",
    [
        "Së Tµi chÝnh",  # TCVN3: Sở Tài chính
        "Hµ Néi",
        "UBND TØNH",  # TCVN3's capitals font on the same bytes: TỈNH
        "C«ng v¨n ®i",  # Công văn đi
        "Veà vieäc trieån khai",  # VNI: Về việc triển khai
        "ñaåy nhanh tieán ñoä",  # VNI: đẩy nhanh tiến độ
        "ÑAÅY MAÏNH",  # VNI capitals: ĐẨY MẠNH
        # Đ of an abbreviation, which no syllable test sees: a symbol typed so would make a duplicate document.
        "25/2019/Q§-UBND",  # TCVN3: QĐ-UBND
        "Së GD&§T",  # TCVN3: Sở GD&ĐT
        "UBND-ÑTMT",  # VNI: UBND-ĐTMT
    ],
)
def test_old_fonts_are_still_told_apart(text):
    assert legacy_encoding(text) == "font"
