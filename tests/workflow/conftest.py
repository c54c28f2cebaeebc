"""Fixtures of the workflow tests (issue 3): pages render, "today" is frozen, the people a unit has.

The province, the Office and one user per role come from tests/conftest.py (`tree`, `users`, `leader`).
"""

from __future__ import annotations

import pytest
from tests.factories import LeaderFactory, UnitFactory, UserFactory
from tests.workflow.helpers import TODAY

from vic.core import clock
from vic.units.models import LeaderPosition, UnitKind


@pytest.fixture(scope="session")
def _static_root(tmp_path_factory):
    return tmp_path_factory.mktemp("static")


@pytest.fixture(autouse=True)
def _plain_static_files(settings, _static_root):
    """Templates use {% static %}; tests run without collectstatic, so no manifest."""
    settings.STATIC_ROOT = _static_root
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }


@pytest.fixture
def today():
    """Pages and actions read the date from `vic.core.clock`; the test client runs in this thread."""
    with clock.at(TODAY):
        yield TODAY


@pytest.fixture
def sub_unit(tree):
    """Phòng Tài chính - Kế hoạch, a sub-unit of UBND huyện Tam Đường (R-9.4)."""
    return UnitFactory(
        name="Phòng Tài chính - Kế hoạch huyện Tam Đường",
        short_name="Phòng TC-KH Tam Đường",
        kind=UnitKind.SUB_UNIT,
        code="h-tam-duong-tckh",
        parent=tree.tam_duong,
    )


@pytest.fixture
def sub_officer(sub_unit):
    return UserFactory(username="tckh_tamduong", full_name="Lò Thị Mai", unit_officer=True, unit=sub_unit)


@pytest.fixture
def district_staff(tree):
    """Another officer of UBND huyện Tam Đường, to whom work can be passed personally."""
    return UserFactory(
        username="tamduong_canbo", full_name="Tẩn Văn Páo", unit_officer=True, unit=tree.tam_duong
    )


@pytest.fixture
def district_head(tree):
    return UserFactory(
        username="tamduong_chutich", full_name="Hoàng Văn Thủ", unit_head=True, unit=tree.tam_duong
    )


@pytest.fixture
def stc_head(tree):
    return UserFactory(username="stc_giamdoc", full_name="Trần Văn Giám", unit_head=True, unit=tree.stc)


@pytest.fixture
def other_provincial_leader(tree):
    """A Vice Chairman who assigned nothing of the tests' tasks."""
    user = UserFactory(
        username="phochutich_b", full_name="Giàng A Lử", provincial_leader=True, unit=tree.province
    )
    LeaderFactory(name="[Phó Chủ tịch B]", position=LeaderPosition.VICE_CHAIRMAN, user=user)
    return user


@pytest.fixture
def department_head(tree):
    """Trưởng phòng Tổng hợp: head of the Office department that monitors most tasks of the tests."""
    return UserFactory(username="truongphong_th", office_department_head=True, unit=tree.th)


@pytest.fixture
def kt_officer(tree):
    """A monitoring officer of Phòng Kinh tế (not the TH department that follows the tests' tasks)."""
    return UserFactory(username="theodoi_kt", monitoring_officer=True, unit=tree.kt)
