"""The demo's unit reports of 2026 (R-11): Sở Tài chính sends its monthly reports on time (its head
approves what its officer drafts), October's late and November's waiting for the head; Sở Kế hoạch và Đầu
tư corrects its August report (two versions kept); a district sends on time. Written through the actions
at their dates (clock.at), like the rest of the demo's history, so the report calendar has something to show."""

from __future__ import annotations

import datetime

from django.utils import timezone

from vic.core import clock
from vic.reporting import actions
from vic.reporting.periods import parse
from vic.units.models import Role, User

from .people import People

STC, SKHDT, UMINH = "so-tai-chinh", "so-ke-hoach-va-dau-tu", "ubnd-huyen-u-minh"
NARRATIVE = {
    "results": "Các nhiệm vụ trọng tâm được triển khai đúng kế hoạch; đã tham mưu UBND tỉnh các văn bản điều hành.",
    "difficulties": "Một số nhiệm vụ chậm do chờ số liệu của các chủ đầu tư và ý kiến của các bộ, ngành.",
    "proposals": "Đề nghị UBND tỉnh chỉ đạo các chủ đầu tư gửi số liệu đúng hạn.",
}
# (unit, kind, period, submitted at (local time) — None: left waiting for the head, version 2 corrections)
PLAN = [
    # the 19th, or the Friday before when it is a weekend (04, 07, 09)
    *[
        (STC, "monthly", f"2026-{m:02d}", f"2026-{m:02d}-{17 if m in (4, 7, 9) else 19} 15:00")
        for m in range(1, 10)
        if m != 2
    ],
    (STC, "monthly", "2026-02", "2026-02-23 10:00"),  # due Mon 23/02 after Tết
    (STC, "quarterly", "2026-Q3", "2026-09-14 16:00"),
    (STC, "monthly", "2026-10", "2026-10-22 09:30"),  # two days late
    (STC, "monthly", "2026-11", None),  # drafted, sent to the head, not yet approved
    (SKHDT, "monthly", "2026-08", "2026-08-20 08:15"),
    (SKHDT, "monthly", "2026-09", "2026-09-18 14:00"),
    (SKHDT, "monthly", "2026-10", "2026-10-20 11:00"),
    (UMINH, "monthly", "2026-10", "2026-10-19 10:00"),
]
CORRECTIONS = [(SKHDT, "monthly", "2026-08", "2026-08-27 09:00")]


def _at(text: str) -> datetime.datetime:
    return timezone.make_aware(datetime.datetime.fromisoformat(text))


def _head(people: People, code: str) -> User:
    """The unit's head: gd.stc, or one created for the demo's other reporting units."""
    unit = people.units[code]
    head = next((u for u in people.users.values() if u.unit_id == unit.pk and u.role == Role.UNIT_HEAD), None)
    if head is None:
        head = User.objects.create(
            username=f"tt.{code}"[:150],
            password=people.password_hash,
            role=Role.UNIT_HEAD,
            unit=unit,
            full_name="Võ Minh Tâm" if code == SKHDT else "Đặng Quốc Hải",
            position="Thủ trưởng đơn vị",
        )
        people.users[head.username] = head
    return head


def _draft(people: People, code: str, kind: str, label: str, at: datetime.datetime, extra: str = ""):
    officer, head = people.officer_for(people.units[code]), _head(people, code)
    with clock.at(at - datetime.timedelta(days=1)):
        report = actions.open_report(officer, people.units[code], parse(kind, label))
        data = {**NARRATIVE, "results": NARRATIVE["results"] + extra, "paper_number": f"{label[-2:]}/BC"}
        actions.send_to_head(officer, report, data, report.revision)
    return report, head


def load_reports(people: People) -> int:
    now, made = clock.now(), 0
    for code, kind, label, when in PLAN:
        at = _at(when) if when else _at("2026-11-18 16:00")
        if at >= now:
            continue
        report, head = _draft(people, code, kind, label, at)
        if when:
            with clock.at(at):
                actions.approve_and_submit(head, report, expected_revision=report.revision)
        made += 1
    for code, kind, label, when in CORRECTIONS:
        at = _at(when)
        if at >= now:
            continue
        first = actions.open_report(_head(people, code), people.units[code], parse(kind, label))
        officer = people.officer_for(people.units[code])
        with clock.at(at - datetime.timedelta(hours=2)):
            second = actions.correct(officer, first)
            extra = " Đính chính: số nhiệm vụ hoàn thành trong kỳ theo số liệu rà soát lại."
            actions.save_draft(officer, second, {**NARRATIVE, "results": NARRATIVE["results"] + extra})
        with clock.at(at):
            actions.approve_and_submit(_head(people, code), second)
        made += 1
    return made
