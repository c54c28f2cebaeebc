"""How typed text is stored and compared (vic.core.text)."""

from __future__ import annotations

import pytest

from vic.core.text import nfc


@pytest.mark.parametrize(
    ("typed", "stored"),
    [
        ("Dòng một\x0bdòng hai", "Dòng một\ndòng hai"),  # Word's manual line break (Shift+Enter)
        ("Trang một\x0ctrang hai", "Trang một\ntrang hai"),  # a page break
        ("Chuông\x07 và\x1b[0m thoát\x7f", "Chuông và[0m thoát"),
        ("C1\x85\x9b điều khiển", "C1 điều khiển"),
        ("Rỗng\x00", "Rỗng"),  # forms refuse it first (Django); actions called otherwise never store it
        ("Cột\tcột\r\ndòng", "Cột\tcột\r\ndòng"),  # tab and line ends are text
    ],
)
def test_control_characters_are_dropped_and_line_breaks_kept(typed, stored):
    assert nfc(typed) == stored


@pytest.mark.parametrize(
    "char", ["\u200b", "\u200c", "\u200d", "\ufeff", "\u200e", "\u202b", "\u2067", "\u00ad"]
)
def test_identities_and_searches_ignore_invisible_characters(char):
    from vic.core.text import fold, search_terms, visible

    assert fold(f"CT{char}-UBND{char}") == fold("CT-UBND") == "ct-ubnd"
    assert search_terms(f"chuyển{char} đổi") == search_terms("chuyển đổi")
    assert visible(f"{char}846{char}") == "846"
