"""Writes to the unit tree."""

from __future__ import annotations

from django.utils.text import slugify

from vic.core.text import canon, fold

from .models import Unit, UnitKind

# Units outside the tree come after the province's own in every list and picker.
EXTERNAL_ORDER = 10_000


def add_external_unit(name: str) -> Unit:
    """A unit outside the tree (a ministry, another province) so that no task is dropped (DOMAIN "Decisions")."""
    name = " ".join(name.split())
    key = canon(name)
    for unit in Unit.objects.filter(kind=UnitKind.EXTERNAL).only("name"):
        if canon(unit.name) == key:
            return unit
    base = "ngoai-" + (slugify(fold(name))[:40] or "don-vi")
    code, n = base, 1
    while Unit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return Unit.objects.create(name=name, kind=UnitKind.EXTERNAL, code=code, order=EXTERNAL_ORDER)
