"""Unit names as documents write them → the demo's units, with the shared Gazetteer.

What the Gazetteer cannot place becomes an external unit (add_external_unit), so that no task is dropped.
Two demo-only rules on top: a few addressee forms that name a person ("Giám đốc các sở…", "Chủ tịch
UBND các huyện…") are rewritten to the group phrase they stand for, and "các đơn vị liên quan" (not a
unit at all) is left out of coordinators.
"""

from __future__ import annotations

import datetime
import re

from vic.core.text import canon
from vic.units.actions import add_external_unit
from vic.units.models import Unit
from vic.units.resolve import Gazetteer

REWRITES = {
    canon(k): v
    for k, v in {
        "Giám đốc các sở, Trưởng các ban, ngành, đơn vị cấp tỉnh": "các sở, ban, ngành tỉnh",
        "các sở, ban, ngành, đơn vị cấp tỉnh": "các sở, ban, ngành tỉnh",
        # Seeded as a phrase since; kept for databases migrated before that seed.
        "Chủ tịch UBND các huyện, thị xã, thành phố": "Ủy ban nhân dân các huyện, thị xã, thành phố",
        "Giám đốc các Ban Quản lý dự án chuyên ngành, khu vực": "Các Ban Quản lý dự án chuyên ngành, khu vực",
    }.items()
}
VAGUE = {canon(v) for v in ["các đơn vị liên quan", "các cơ quan có liên quan", "các đơn vị có liên quan"]}


class UnitNames:
    """Resolves many texts against one Gazetteer (reloaded after external units are added)."""

    def __init__(self, on: datetime.date | None = None):
        self.on = on
        self._gazetteer: Gazetteer | None = None
        self.externals: list[Unit] = []

    @property
    def gazetteer(self) -> Gazetteer:
        if self._gazetteer is None:
            self._gazetteer = Gazetteer(self.on)
        return self._gazetteer

    def resolve(self, text: str) -> list[Unit]:
        """Every unit named in `text` ("; "-separated parts), in order, without repeats."""
        units: list[Unit] = []
        for part in (p.strip() for p in re.split(r"[;\n]", text or "")):
            key = canon(part)
            if not key or key in VAGUE:
                continue
            part = REWRITES.get(key, part)
            result = self.gazetteer.resolve(part)
            found = list(result.units)
            for name in result.unresolved:
                unit = add_external_unit(name[:1].upper() + name[1:])
                if unit not in self.externals:
                    self.externals.append(unit)
                found.append(unit)
            units += [u for u in found if u not in units]
        return units

    def resolve_all(self, texts: list[str]) -> list[Unit]:
        units: list[Unit] = []
        for text in texts:
            units += [u for u in self.resolve(text) if u not in units]
        return units
