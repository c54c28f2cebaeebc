"""Fixtures of the page tests: plain static files, a frozen "today", one user per role, a small world."""

from __future__ import annotations

import datetime

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from tests.factories import PDF, UserFactory

from vic.core import clock

# Monday 2 March 2026: every page and action of these tests runs "on" this day.
TODAY = datetime.date(2026, 3, 2)


def pdf_upload(name: str = "cong-van.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, PDF, content_type="application/pdf")


@pytest.fixture(autouse=True)
def today():
    """Pages and actions read the date from `vic.core.clock`; the test client runs in this thread."""
    with clock.at(TODAY):
        yield TODAY


@pytest.fixture
def department_head(tree):
    """Trưởng phòng Kinh tế: an Office department head of another department than TH."""
    return UserFactory(username="truongphong_kt", office_department_head=True, unit=tree.kt)


@pytest.fixture
def kt_officer(tree):
    """A monitoring officer of Phòng Kinh tế (not the TH department that follows most test tasks)."""
    return UserFactory(username="theodoi_kt", monitoring_officer=True, unit=tree.kt)


@pytest.fixture
def roles(users, department_head) -> dict:
    """Every role of the system by name; "anonymous" is nobody logged in."""
    return {
        "office_clerk": users.office_clerk,
        "monitoring_officer": users.monitoring_officer,
        "office_department_head": department_head,
        "office_leader": users.office_leader,
        "provincial_leader": users.provincial_leader,
        "stc_officer": users.stc_officer,
        "district_officer": users.district_officer,
        "admin": users.admin,
        "anonymous": None,
    }
