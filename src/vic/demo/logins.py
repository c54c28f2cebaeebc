"""Demo logins, shown on the login page and by `vic serve`. People in the demo are fictional.

Kept free of model imports so that any module may import it before the app registry is ready.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy

DEMO_PASSWORD = "VicDemo@2026"  # noqa: S105 — a published demo password, not a secret

# (username, role label, unit name); role labels are those of vic.units.models.Role.
DEMO_LOGINS: list[tuple[str, str, str]] = [
    ("admin", "Quản trị hệ thống", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("vanthu", "Văn thư, chuyên viên Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("cv.tonghop", "Chuyên viên theo dõi", "Phòng Tổng hợp"),
    ("cv.kinhte", "Chuyên viên theo dõi", "Phòng Kinh tế"),
    ("tp.tonghop", "Trưởng phòng thuộc Văn phòng", "Phòng Tổng hợp"),
    ("chanhvp", "Lãnh đạo Văn phòng", "Văn phòng Ủy ban nhân dân tỉnh"),
    ("chutich", "Lãnh đạo UBND tỉnh", "UBND tỉnh Cà Mau"),
    ("stc", "Cán bộ đầu mối đơn vị", "Sở Tài chính"),
    ("gd.stc", "Thủ trưởng đơn vị", "Sở Tài chính"),
    ("qlns.stc", "Cán bộ đầu mối đơn vị", "Phòng Quản lý ngân sách"),
    ("huyen.uminh", "Cán bộ đầu mối đơn vị", "UBND huyện U Minh"),
    ("skhdt", "Cán bộ đầu mối đơn vị", "Sở Kế hoạch và Đầu tư"),
]

DEMO_NOTICE = gettext_lazy(
    "Dữ liệu mẫu: tên đơn vị là tên thật của tỉnh Cà Mau (năm 2015); họ tên người dùng và lãnh đạo là hư cấu."
)
