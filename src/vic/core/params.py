"""Numbers typed into query strings and forms, read safely.

`str.isdigit()` accepts "²" and "٣", which `int()` then refuses or reads unexpectedly, and a 25-digit id
overflows SQLite's integers: both ended in a server error. Every id or number read from a request goes
through here."""

from __future__ import annotations

ID_MAX = 2**63 - 1  # the largest id a database integer column holds


def as_int(value, low: int = 0, high: int = ID_MAX) -> int | None:
    """ASCII digits between `low` and `high`, else None."""
    text = str(value if value is not None else "").strip()
    if not (text.isascii() and text.isdigit()):
        return None
    number = int(text)
    return number if low <= number <= high else None


def as_id(value) -> int | None:
    return as_int(value, 1)


def as_ids(values) -> list[int]:
    return [i for i in (as_id(v) for v in values) if i is not None]
