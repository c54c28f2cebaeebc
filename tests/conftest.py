"""Shared fixtures: a small province (unit tree), one user per role, and a clean calendar cache."""

from __future__ import annotations

from dataclasses import dataclass

import pytest
from tests.factories import LeaderFactory, UnitFactory, UserFactory

from vic.units.models import LeaderPosition, Unit, UnitKind, User


@pytest.fixture(autouse=True, scope="session")
def _jobs_run_inline():
    """Jobs queued by actions run at once, in memory (tests of the real queues build their own huey)."""
    from huey.contrib.djhuey import HUEY

    HUEY.immediate = True
    yield
    HUEY.immediate = False


@pytest.fixture(autouse=True)
def _fresh_calendar_cache():
    """A rolled-back test transaction sends no signal: start and end every test with a clean cache."""
    from vic.calendar import services

    services.invalidate_cache()
    yield
    services.invalidate_cache()


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Uploaded files go to a per-test directory, never to var/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@dataclass
class Tree:
    """The province of the tests: the Committee, its Office (with departments TH, KT), 3 departments, 2 districts."""

    province: Unit
    office: Unit
    th: Unit  # Phòng Tổng hợp (Office department)
    kt: Unit  # Phòng Kinh tế (Office department)
    stc: Unit  # Sở Tài chính
    skhdt: Unit  # Sở Kế hoạch và Đầu tư
    stnmt: Unit  # Sở Tài nguyên và Môi trường
    city: Unit  # UBND thành phố Lai Châu
    tam_duong: Unit  # UBND huyện Tam Đường

    @property
    def departments(self) -> set[Unit]:
        return {self.stc, self.skhdt, self.stnmt}

    @property
    def districts(self) -> set[Unit]:
        return {self.city, self.tam_duong}


@pytest.fixture
def tree(db) -> Tree:
    province = UnitFactory(
        name="Ủy ban nhân dân tỉnh Lai Châu", short_name="UBND tỉnh", kind=UnitKind.PROVINCE, code="ubnd-tinh"
    )
    office = UnitFactory(
        name="Văn phòng Ủy ban nhân dân tỉnh",
        short_name="VP UBND tỉnh",
        kind=UnitKind.OFFICE,
        code="vp-ubnd",
        parent=province,
    )
    return Tree(
        province=province,
        office=office,
        th=UnitFactory(
            name="Phòng Tổng hợp",
            short_name="TH",
            kind=UnitKind.OFFICE_DEPARTMENT,
            code="vp-th",
            parent=office,
        ),
        kt=UnitFactory(
            name="Phòng Kinh tế",
            short_name="KT",
            kind=UnitKind.OFFICE_DEPARTMENT,
            code="vp-kt",
            parent=office,
        ),
        stc=UnitFactory(name="Sở Tài chính", short_name="STC", code="stc", parent=province),
        skhdt=UnitFactory(
            name="Sở Kế hoạch và Đầu tư",
            short_name="SKHĐT",
            aliases="Sở KH&ĐT\nSở Kế hoạch - Đầu tư",
            code="skhdt",
            parent=province,
        ),
        stnmt=UnitFactory(
            name="Sở Tài nguyên và Môi trường", short_name="STNMT", code="stnmt", parent=province
        ),
        city=UnitFactory(
            name="Ủy ban nhân dân thành phố Lai Châu",
            kind=UnitKind.DISTRICT,
            code="tp-lai-chau",
            parent=province,
        ),
        tam_duong=UnitFactory(
            name="Ủy ban nhân dân huyện Tam Đường",
            kind=UnitKind.DISTRICT,
            code="h-tam-duong",
            parent=province,
        ),
    )


@dataclass
class Users:
    office_clerk: User
    monitoring_officer: User
    office_leader: User
    provincial_leader: User
    stc_officer: User  # unit officer of Sở Tài chính
    district_officer: User  # unit officer of UBND huyện Tam Đường
    admin: User


@pytest.fixture
def users(tree) -> Users:
    return Users(
        office_clerk=UserFactory(username="vanthu", office_clerk=True, unit=tree.office),
        monitoring_officer=UserFactory(username="theodoi_th", monitoring_officer=True, unit=tree.th),
        office_leader=UserFactory(username="chanhvp", office_leader=True, unit=tree.office),
        provincial_leader=UserFactory(username="phochutich", provincial_leader=True, unit=tree.province),
        stc_officer=UserFactory(username="stc_daumoi", unit_officer=True, unit=tree.stc),
        district_officer=UserFactory(username="tamduong_daumoi", unit_officer=True, unit=tree.tam_duong),
        admin=UserFactory(username="quantri", admin=True, unit=None),
    )


@pytest.fixture
def clerk(users) -> User:
    return users.office_clerk


@pytest.fixture
def leader(users):
    return LeaderFactory(
        name="[Phó Chủ tịch A]", position=LeaderPosition.VICE_CHAIRMAN, user=users.provincial_leader
    )


@pytest.fixture(autouse=True)
def _plain_static_files(settings, tmp_path):
    """Templates use {% static %}; tests run without collectstatic, so no manifest (and no STATIC_ROOT)."""
    settings.STATIC_ROOT = tmp_path / "static"
    settings.STATIC_ROOT.mkdir()
    settings.STORAGES = {
        **settings.STORAGES,
        "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    }
