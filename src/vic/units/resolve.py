"""Resolve unit names as documents write them — names, short names, aliases, group phrases — to units.

"Các sở, ngành tỉnh; Uỷ ban nhân dân các huyện, thành phố" becomes every department and every district
committee. Parts are separated by ";" (and by "," when each comma piece is a unit on its own).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass, field

from vic.core import clock
from vic.core.text import canon

from .models import ASSIGNABLE_KINDS, Unit, UnitGroupPhrase, UnitKind


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
        day = on or clock.today()
        self.units = list(Unit.objects.valid_on(day).assignable())
        self.by_name: dict[str, Unit] = {}
        for unit in self.units:
            for name in unit.names():
                self.by_name.setdefault(canon(name), unit)
        # The Committee, its Office and the Office's departments: known names that take no task (a clerk
        # typing one is told so, and no unit outside the tree is made of it).
        self.not_assignable: dict[str, Unit] = {}
        for unit in Unit.objects.valid_on(day).exclude(kind__in=ASSIGNABLE_KINDS):
            for name in unit.names():
                self.not_assignable.setdefault(canon(name), unit)
        phrases = [(canon(p.phrase), p.kind_list()) for p in UnitGroupPhrase.objects.all()]
        self.phrases = sorted(phrases, key=lambda p: -len(p[0]))
        # What may follow a group phrase and still mean the whole group: "… tỉnh", "… Cà Mau", "… liên quan".
        self.qualifiers = {
            "tinh",
            "lien quan",
            "co lien quan",
            "tinh co lien quan",
            "tinh lien quan",
            "tren dia ban tinh",
            "trong tinh",
        }
        for name in Unit.objects.filter(kind=UnitKind.PROVINCE).values_list("name", flat=True):
            place = re.sub(r"^(uy ban nhan dan )?tinh ", "", canon(name))
            self.qualifiers |= {place, f"tinh {place}"}

    def _one(self, part: str) -> list[Unit] | None:
        key = canon(part)
        if not key:
            return []
        if key in self.by_name:
            return [self.by_name[key]]
        for phrase, kinds in self.phrases:
            if key == phrase:
                return self._of_kinds(kinds)
            if key.startswith(phrase + " "):
                rest = key[len(phrase) + 1 :]
                if rest in self.qualifiers:
                    return self._of_kinds(kinds)
                # "UBND các huyện Thới Bình, U Minh": the phrase names some units of its kinds, not all.
                return self._named_members(rest, kinds)
        return None

    def _of_kinds(self, kinds: list[str]) -> list[Unit]:
        return [u for u in self.units if u.kind in kinds]

    def _named_members(self, rest: str, kinds: list[str]) -> list[Unit] | None:
        members = self._of_kinds(kinds)
        found = []
        for piece in (p.strip() for p in re.split(r",| va ", rest)):
            if not piece:
                continue
            match = [
                u
                for u in members
                if any(canon(n) == piece or canon(n).endswith(" " + piece) for n in u.names())
            ]
            if len(match) != 1:
                return None  # unknown or ambiguous: the clerk must say which unit
            found.append(match[0])
        return found or None

    def _pieces(self, part: str, separator: str) -> list[Unit] | None:
        """Each piece between separators must be a unit or a group on its own."""
        pieces = [p for p in re.split(separator, part, flags=re.IGNORECASE) if p.strip()]
        if len(pieces) < 2:
            return None
        found = [self._part(p) for p in pieces]
        return None if any(f is None for f in found) else [u for f in found for u in f]

    def _part(self, part: str) -> list[Unit] | None:
        found = self._one(part)
        if found is None:
            found = self._joined(part)
        if found is None:
            found = self._pieces(part, r",")
        return found

    def _joined(self, part: str) -> list[Unit] | None:
        """ "A và B": try each "và" as the joint, so "Sở Tài chính và Sở Kế hoạch và Đầu tư" still works."""
        for match in re.finditer(r"\s+(?:và|va)\s+", part, flags=re.IGNORECASE):
            left, right = part[: match.start()], part[match.end() :]
            head = self._one(left) or self._pieces(left, r",")
            if head is not None and (tail := self._part(right)) is not None:
                return head + tail
        return None

    def resolve(self, text: str) -> Resolution:
        result = Resolution()
        for part in (p.strip() for p in re.split(r"[;\n]", text or "")):
            if not part:
                continue
            found = self._part(part)
            if found is None:
                result.unresolved.append(part)
            else:
                result.add(found)
        return result

    def takes_no_task(self, text: str) -> Unit | None:
        """The unit of the tree `text` names when it is one that is never given a task (the Office…)."""
        return self.not_assignable.get(canon(text))

    def looks_like_group(self, text: str) -> bool:
        """ "Các …" or a known group phrase inside: a set of units, never one unit outside the tree."""
        key = canon(text)
        return key.startswith("cac ") or " cac " in key or any(phrase in key for phrase, _k in self.phrases)


def resolve_units(text: str, on: datetime.date | None = None) -> Resolution:
    return Gazetteer(on).resolve(text)
