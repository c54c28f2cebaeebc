"""Resolve unit names as documents write them — names, short names, aliases, group phrases — to units.

"Các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố" becomes every department and every district
committee. Parts are separated by ";" (and by "," when each comma piece is a unit on its own).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from django.utils import timezone

from vic.core.text import canon

from .models import Unit, UnitGroupPhrase


@dataclass
class Resolution:
    units: list[Unit] = field(default_factory=list)
    unresolved: list[str] = field(default_factory=list)

    def add(self, units) -> None:
        for unit in units:
            if unit not in self.units:
                self.units.append(unit)


class Gazetteer:
    """Names of the units valid on a day, loaded once; resolving many rows costs no extra queries."""

    def __init__(self, on: datetime.date | None = None):
        day = on or timezone.localdate()
        self.units = list(Unit.objects.valid_on(day).assignable())
        self.by_name: dict[str, Unit] = {}
        for unit in self.units:
            for name in unit.names():
                self.by_name.setdefault(canon(name), unit)
        phrases = [(canon(p.phrase), p.kind_list()) for p in UnitGroupPhrase.objects.all()]
        self.phrases = sorted(phrases, key=lambda p: -len(p[0]))

    def _one(self, part: str) -> list[Unit] | None:
        key = canon(part)
        if not key:
            return []
        if key in self.by_name:
            return [self.by_name[key]]
        for phrase, kinds in self.phrases:
            if key == phrase or key.startswith(phrase + " "):
                return [u for u in self.units if u.kind in kinds]
        return None

    def resolve(self, text: str) -> Resolution:
        result = Resolution()
        for part in (p.strip() for p in re.split(r"[;\n]", text or "")):
            if not part:
                continue
            found = self._one(part)
            if found is None and "," in part:
                pieces = [self._one(p) for p in part.split(",")]
                if all(p is not None for p in pieces):
                    found = [u for p in pieces for u in p]
            if found is None:
                result.unresolved.append(part)
            else:
                result.add(found)
        return result


def resolve_units(text: str, on: datetime.date | None = None) -> Resolution:
    return Gazetteer(on).resolve(text)
