"""Writes to the unit tree."""

from __future__ import annotations

from django.utils.text import slugify

from vic.core.text import fold

from .models import Unit, UnitKind
from .resolve import canon


def add_external_unit(name: str) -> Unit:
    """A unit outside the tree (a ministry, another province) so that no task is dropped (DOMAIN "Decisions")."""
    name = " ".join(name.split())
    for unit in Unit.objects.filter(kind=UnitKind.EXTERNAL, search_text__startswith=fold(name)[:30]):
        if canon(unit.name) == canon(name):
            return unit
    base = "ngoai-" + (slugify(fold(name))[:40] or "don-vi")
    code, n = base, 1
    while Unit.objects.filter(code=code).exists():
        n += 1
        code = f"{base}-{n}"
    return Unit.objects.create(name=name, kind=UnitKind.EXTERNAL, code=code)
