"""`open_difficulties_summary(start, end)`: per unit, raised and answered in the window, open at its end,
median time to the first answer in working days — with the 2026 Tết days off (14–22/02/2026)."""

from __future__ import annotations

import datetime

import pytest

from vic.core import clock
from vic.difficulties import actions
from vic.difficulties.models import About
from vic.difficulties.services import answer_working_days, open_difficulties_summary

D = datetime.date.fromisoformat
pytestmark = pytest.mark.django_db

START, END = D("2026-02-01"), D("2026-02-28")


def _raise(user, day: str, subject: str):
    with clock.at(D(day)):
        return actions.raise_difficulty(user, subject=subject, description="…", about=About.SYSTEM)


def _answer(user, difficulty, day: str):
    with clock.at(D(day)):
        actions.answer(user, difficulty, "Trả lời")


@pytest.fixture
def skhdt_officer(tree):
    from tests.factories import UserFactory

    return UserFactory(username="skhdt_daumoi2", unit_officer=True, unit=tree.skhdt)


@pytest.fixture
def history(users, tree, skhdt_officer):
    office = users.monitoring_officer
    stc, skhdt, district = users.stc_officer, skhdt_officer, users.district_officer
    # Sở Tài chính: answered across Tết (Thu 12/02 → Mon 23/02: 13/02 and 23/02 are working days: 2)
    _answer(office, _raise(stc, "2026-02-12", "a"), "2026-02-23")
    _answer(office, _raise(stc, "2026-02-02", "b"), "2026-02-03")  # next working day: 1
    _answer(office, _raise(stc, "2026-02-03", "c"), "2026-02-03")  # same day: 0
    _raise(stc, "2026-02-25", "d")  # still waiting on 28/02
    # Sở KH&ĐT: raised before the window, answered in it (21/01 → 05/02: 12 working days)
    _answer(office, _raise(skhdt, "2026-01-20", "e"), "2026-02-05")
    reopened = _raise(skhdt, "2026-02-10", "f")
    _answer(office, reopened, "2026-02-11")  # 1
    with clock.at(D("2026-02-26")):
        actions.follow_up(skhdt, reopened, "Chưa rõ")  # open again at the end of the window
    closed = _raise(skhdt, "2026-02-09", "g")
    _answer(office, closed, "2026-02-10")  # 1
    with clock.at(D("2026-02-12")):
        actions.close(skhdt, closed)
    # UBND huyện Tam Đường: raised in the window, answered after it: open as of 28/02
    _answer(office, _raise(district, "2026-02-27", "h"), "2026-03-02")
    # outside the window entirely
    _answer(office, _raise(district, "2026-01-05", "i"), "2026-01-06")
    _raise(district, "2026-03-02", "j")


def test_working_days_to_answer():
    assert answer_working_days(D("2026-02-12"), D("2026-02-23")) == 2
    assert answer_working_days(D("2026-02-03"), D("2026-02-03")) == 0
    assert answer_working_days(D("2026-01-20"), D("2026-02-05")) == 12


def test_summary_per_unit(history, tree):
    summary = open_difficulties_summary(START, END)
    rows = {r.unit: (r.raised, r.answered, r.open_at_end, r.median_answer_days) for r in summary.rows}
    assert rows == {
        tree.stc: (4, 3, 1, 1),  # answers in 2, 1, 0 working days
        tree.skhdt: (2, 3, 1, 1),  # 12, 1, 1
        tree.tam_duong: (1, 0, 1, None),
    }
    assert [r.unit for r in summary.rows] == [tree.stc, tree.skhdt, tree.tam_duong]  # the tree's order
    total = summary.total
    assert (total.raised, total.answered, total.open_at_end) == (7, 6, 3)
    assert total.median_answer_days == 1  # of 2, 1, 0, 12, 1, 1


def test_state_as_of_an_earlier_end(history, tree):
    """On 11/02 the reopened one was answered, the closed one answered, the Tết one not raised yet."""
    summary = open_difficulties_summary(START, D("2026-02-11"))
    rows = {r.unit: (r.raised, r.answered, r.open_at_end, r.median_answer_days) for r in summary.rows}
    assert rows == {
        tree.stc: (2, 2, 0, 0.5),
        tree.skhdt: (2, 3, 0, 1),
    }


def test_median_of_an_even_count(history, tree):
    summary = open_difficulties_summary(D("2026-02-03"), D("2026-02-05"))
    rows = {r.unit: (r.answered, r.median_answer_days) for r in summary.rows}
    assert rows[tree.stc] == (2, 0.5)  # 1 and 0
    assert rows[tree.skhdt] == (1, 12)


def test_window_must_be_ordered():
    with pytest.raises(ValueError):
        open_difficulties_summary(END, START)
