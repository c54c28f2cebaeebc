"""Stored text as the report files can hold it.

Text pasted from Word or a terminal brings control characters (\\x0b is Word's manual line break, \\x07 a
bell, \\x1b an escape) that XML 1.0, and so .xlsx and .docx, cannot carry: openpyxl refuses the cell
(the whole workbook failed), and docxtpl reads \\x07 as "new paragraph" and \\x0c as "page break". The data
stays as typed; the files get it cleaned the way openpyxl names the problem (ILLEGAL_CHARACTERS_RE):
the two line-break characters become a line break, the others are dropped.
"""

from __future__ import annotations

from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

LINE_BREAKS = "\x0b\x0c"  # vertical tab (Word's Shift+Enter), form feed (a page break)


def printable(text: str) -> str:
    return ILLEGAL_CHARACTERS_RE.sub(lambda m: "\n" if m.group() in LINE_BREAKS else "", text)


def printable_all(value):
    """`value` with every string in it printable: a Word template's context of dicts, lists and strings."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, dict):
        return {k: printable_all(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [printable_all(v) for v in value]
    return value
