"""The demo's leaders and users. Every name here is invented (DEMO-PROVINCE.md: people are fictional)."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.contrib.auth.hashers import make_password

from vic.units.models import Leader, LeaderPosition, Role, Unit, UnitKind, User

from .logins import DEMO_PASSWORD
from .province import OFFICE_CODE, PROVINCE_CODE

# key: (name, position, field of responsibility)
LEADERS = {
    "chairman": ("Lê Quang Khải", LeaderPosition.CHAIRMAN, "Phụ trách chung; tổ chức cán bộ, quy hoạch"),
    "vc_economy": ("Trịnh Minh Đức", LeaderPosition.VICE_CHAIRMAN, "Kinh tế"),
    "vc_culture": ("Đoàn Thị Ngọc Lan", LeaderPosition.VICE_CHAIRMAN, "Văn hóa - Xã hội"),
    "vc_internal": ("Hồ Văn Thắng", LeaderPosition.VICE_CHAIRMAN, "Nội chính"),
    "office_chief": ("Mai Xuân Trường", LeaderPosition.OFFICE_CHIEF, "Điều hành Văn phòng"),
    "office_deputy": ("Tô Thị Kim Oanh", LeaderPosition.OFFICE_DEPUTY, "Theo dõi, đôn đốc nhiệm vụ"),
}

# (username, role, unit code, full name, position, leader key)
USERS = [
    ("admin", Role.ADMIN, OFFICE_CODE, "Phan Quốc Bảo", "Quản trị hệ thống", ""),
    ("vanthu", Role.OFFICE_CLERK, OFFICE_CODE, "Lương Thị Mỹ Duyên", "Văn thư", ""),
    ("cv.tonghop", Role.MONITORING_OFFICER, "vp-tong-hop", "Nguyễn Hoàng Phúc", "Chuyên viên", ""),
    ("cv.tonghop2", Role.MONITORING_OFFICER, "vp-tong-hop", "Trương Thị Bích Ngọc", "Chuyên viên", ""),
    ("cv.tonghop3", Role.MONITORING_OFFICER, "vp-tong-hop", "Đặng Minh Tuấn", "Chuyên viên", ""),
    ("cv.kinhte", Role.MONITORING_OFFICER, "vp-kinh-te", "Huỳnh Thị Thanh Tâm", "Chuyên viên", ""),
    ("cv.kinhte2", Role.MONITORING_OFFICER, "vp-kinh-te", "Võ Quốc Huy", "Chuyên viên", ""),
    ("cv.kinhte3", Role.MONITORING_OFFICER, "vp-kinh-te", "Lý Thanh Sơn", "Chuyên viên", ""),
    ("cv.noichinh", Role.MONITORING_OFFICER, "vp-noi-chinh", "Cao Văn Lộc", "Chuyên viên", ""),
    ("cv.noichinh2", Role.MONITORING_OFFICER, "vp-noi-chinh", "Dương Thị Hồng Nhung", "Chuyên viên", ""),
    ("cv.kgvx", Role.MONITORING_OFFICER, "vp-khoa-giao-van-xa", "Tạ Thị Thu Hiền", "Chuyên viên", ""),
    ("cv.kgvx2", Role.MONITORING_OFFICER, "vp-khoa-giao-van-xa", "Quách Minh Khoa", "Chuyên viên", ""),
    ("cv.hctc", Role.MONITORING_OFFICER, "vp-hanh-chinh-to-chuc", "Ông Thị Diễm My", "Chuyên viên", ""),
    ("cv.hctc2", Role.MONITORING_OFFICER, "vp-hanh-chinh-to-chuc", "Thái Văn Hậu", "Chuyên viên", ""),
    ("cv.tcd", Role.MONITORING_OFFICER, "vp-tiep-cong-dan", "Kiều Thanh Bình", "Chuyên viên", ""),
    ("cv.tcd2", Role.MONITORING_OFFICER, "vp-tiep-cong-dan", "Lâm Thị Cẩm Tú", "Chuyên viên", ""),
    ("tp.tonghop", Role.OFFICE_DEPARTMENT_HEAD, "vp-tong-hop", "Bùi Văn Khánh", "Trưởng phòng", ""),
    ("tp.kinhte", Role.OFFICE_DEPARTMENT_HEAD, "vp-kinh-te", "Châu Thị Phương Thảo", "Trưởng phòng", ""),
    ("tp.noichinh", Role.OFFICE_DEPARTMENT_HEAD, "vp-noi-chinh", "Triệu Quang Vinh", "Trưởng phòng", ""),
    ("tp.kgvx", Role.OFFICE_DEPARTMENT_HEAD, "vp-khoa-giao-van-xa", "Hà Thị Ngọc Trâm", "Trưởng phòng", ""),
    ("tp.hctc", Role.OFFICE_DEPARTMENT_HEAD, "vp-hanh-chinh-to-chuc", "Lục Văn Tài", "Trưởng phòng", ""),
    ("tp.tcd", Role.OFFICE_DEPARTMENT_HEAD, "vp-tiep-cong-dan", "Vương Thị Kim Chi", "Trưởng ban", ""),
    ("chanhvp", Role.OFFICE_LEADER, OFFICE_CODE, "Mai Xuân Trường", "Chánh Văn phòng", "office_chief"),
    (
        "phochanhvp",
        Role.OFFICE_LEADER,
        OFFICE_CODE,
        "Tô Thị Kim Oanh",
        "Phó Chánh Văn phòng",
        "office_deputy",
    ),
    ("chutich", Role.PROVINCIAL_LEADER, PROVINCE_CODE, "Lê Quang Khải", "Chủ tịch UBND tỉnh", "chairman"),
    (
        "pct.kinhte",
        Role.PROVINCIAL_LEADER,
        PROVINCE_CODE,
        "Trịnh Minh Đức",
        "Phó Chủ tịch UBND tỉnh",
        "vc_economy",
    ),
    (
        "pct.vanxa",
        Role.PROVINCIAL_LEADER,
        PROVINCE_CODE,
        "Đoàn Thị Ngọc Lan",
        "Phó Chủ tịch UBND tỉnh",
        "vc_culture",
    ),
    (
        "pct.noichinh",
        Role.PROVINCIAL_LEADER,
        PROVINCE_CODE,
        "Hồ Văn Thắng",
        "Phó Chủ tịch UBND tỉnh",
        "vc_internal",
    ),
    ("stc", Role.UNIT_OFFICER, "so-tai-chinh", "Phạm Thị Thu Trang", "Chuyên viên", ""),
    ("gd.stc", Role.UNIT_HEAD, "so-tai-chinh", "Nguyễn Văn Thành", "Giám đốc Sở", ""),
    ("huyen.uminh", Role.UNIT_OFFICER, "ubnd-huyen-u-minh", "Trần Thanh Liêm", "Chuyên viên Văn phòng", ""),
    ("skhdt", Role.UNIT_OFFICER, "so-ke-hoach-va-dau-tu", "Lê Thị Hồng Vân", "Chuyên viên", ""),
]

# Invented names for the contact officers created on demand for units that report progress.
_FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Huỳnh", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương"]
_MIDDLE = ["Văn", "Thị", "Minh", "Thanh", "Hoàng", "Ngọc", "Quốc", "Thị Kim"]
_GIVEN = ["An", "Bình", "Cường", "Dung", "Giang", "Hải", "Hạnh", "Khang", "Linh", "Nam", "Phương", "Quyên"]


@dataclass
class People:
    leaders: dict[str, Leader]
    users: dict[str, User]
    units: dict[str, Unit]
    password_hash: str
    officers: dict[int, User] = field(default_factory=dict)

    @property
    def clerk(self) -> User:
        return self.users["vanthu"]

    def monitoring_officers(self, department: Unit) -> list[User]:
        return [
            u for u in self.users.values() if u.role == Role.MONITORING_OFFICER and u.unit_id == department.pk
        ]

    def officer_for(self, unit: Unit) -> User:
        """Who reports progress for `unit`: its contact officer, created on demand; the clerk for external units."""
        if unit.pk in self.officers:
            return self.officers[unit.pk]
        user = next(
            (u for u in self.users.values() if u.unit_id == unit.pk and u.role == Role.UNIT_OFFICER), None
        )
        if user is None and unit.kind == UnitKind.EXTERNAL:
            user = self.clerk
        if user is None:
            n = len(self.officers)
            user = User.objects.create(
                username=f"cb.{unit.code}"[:150],
                password=self.password_hash,
                role=Role.UNIT_OFFICER,
                unit=unit,
                full_name=f"{_FAMILY[n % 12]} {_MIDDLE[(n * 3) % 8]} {_GIVEN[(5 * n + n // 12) % 12]}",
                position="Cán bộ đầu mối",
            )
            self.users[user.username] = user
        self.officers[unit.pk] = user
        return user


def load_people(units: dict[str, Unit]) -> People:
    leaders = {}
    for order, (key, (name, position, field_)) in enumerate(LEADERS.items()):
        leaders[key] = Leader.objects.create(name=name, position=position, field=field_, order=order)
    password_hash = make_password(DEMO_PASSWORD)  # hashed once: the same password for every demo login
    users = {}
    for username, role, unit_code, full_name, position, leader_key in USERS:
        user = User.objects.create(
            username=username,
            password=password_hash,
            role=role,
            unit=units[unit_code],
            full_name=full_name,
            position=position,
            is_staff=role == Role.ADMIN,
            is_superuser=role == Role.ADMIN,
        )
        users[username] = user
        if leader_key:
            leader = leaders[leader_key]
            leader.user = user
            leader.save(update_fields=["user"])
    return People(leaders=leaders, users=users, units=units, password_hash=password_hash)
