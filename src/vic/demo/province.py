"""The demo province's unit tree: Cà Mau as Decree 24/2014/NĐ-CP shaped it (2015), see DEMO-PROVINCE.md.

Unit names are public facts. Each row: name, short name, aliases, code (a stable slug).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils.text import slugify

from vic.core.text import fold
from vic.units.models import Unit, UnitKind

PROVINCE_CODE = "ubnd-tinh-ca-mau"
OFFICE_CODE = "vp-ubnd-tinh"


@dataclass(frozen=True)
class UnitRow:
    name: str
    short_name: str = ""
    aliases: tuple[str, ...] = ()
    code: str = ""

    @property
    def slug(self) -> str:
        return self.code or slugify(fold(self.name))[:50]


PROVINCE = UnitRow(
    "UBND tỉnh Cà Mau",
    "UBND tỉnh",
    ("Ủy ban nhân dân tỉnh Cà Mau", "Ủy ban nhân dân tỉnh"),
    PROVINCE_CODE,
)
OFFICE = UnitRow(
    "Văn phòng Ủy ban nhân dân tỉnh",
    "VP UBND",
    ("Văn phòng UBND tỉnh", "Văn phòng Ủy ban nhân dân tỉnh Cà Mau", "VP UBND tỉnh"),
    OFFICE_CODE,
)

# The Office's departments that monitor tasks; the short names are the suffixes of letters' symbols.
OFFICE_DEPARTMENTS = [
    UnitRow("Phòng Tổng hợp", "TH", ("Phòng TH",), "vp-tong-hop"),
    UnitRow("Phòng Kinh tế", "KT", ("Phòng KT",), "vp-kinh-te"),
    UnitRow("Phòng Nội chính", "NC", ("Phòng NC",), "vp-noi-chinh"),
    UnitRow("Phòng Khoa giáo - Văn xã", "KGVX", ("Phòng KGVX",), "vp-khoa-giao-van-xa"),
    UnitRow("Phòng Hành chính - Tổ chức", "HCTC", ("Phòng HCTC",), "vp-hanh-chinh-to-chuc"),
    UnitRow("Ban Tiếp công dân", "TCD", ("Ban Tiếp công dân tỉnh",), "vp-tiep-cong-dan"),
]

DEPARTMENTS = [
    UnitRow("Sở Nội vụ", "SNV", ("Sở NV",), "so-noi-vu"),
    UnitRow("Sở Tư pháp", "STP", (), "so-tu-phap"),
    UnitRow(
        "Sở Kế hoạch và Đầu tư",
        "SKHĐT",
        ("Sở KH&ĐT", "Sở KHĐT", "Sở Kế hoạch - Đầu tư", "Sở Kế hoạch Đầu tư"),
        "so-ke-hoach-va-dau-tu",
    ),
    UnitRow("Sở Tài chính", "STC", ("Sở TC",), "so-tai-chinh"),
    UnitRow("Sở Công Thương", "SCT", ("Sở CT",), "so-cong-thuong"),
    UnitRow(
        "Sở Nông nghiệp và Phát triển nông thôn",
        "SNN&PTNT",
        ("Sở NN&PTNT", "Sở Nông nghiệp - Phát triển nông thôn", "Sở Nông nghiệp"),
        "so-nong-nghiep-va-ptnt",
    ),
    UnitRow(
        "Sở Giao thông vận tải",
        "SGTVT",
        ("Sở GTVT", "Sở Giao thông - Vận tải", "Sở Giao thông"),
        "so-giao-thong-van-tai",
    ),
    UnitRow("Sở Xây dựng", "SXD", ("Sở XD",), "so-xay-dung"),
    UnitRow(
        "Sở Tài nguyên và Môi trường",
        "STN&MT",
        ("Sở TN&MT", "Sở TNMT", "Sở Tài nguyên - Môi trường"),
        "so-tai-nguyen-va-moi-truong",
    ),
    UnitRow(
        "Sở Thông tin và Truyền thông",
        "STT&TT",
        ("Sở TT&TT", "Sở Thông tin - Truyền thông"),
        "so-thong-tin-va-truyen-thong",
    ),
    UnitRow(
        "Sở Lao động - Thương binh và Xã hội",
        "SLĐTB&XH",
        ("Sở LĐTB&XH", "Sở Lao động, Thương binh và Xã hội", "Sở Lao động Thương binh và Xã hội"),
        "so-lao-dong-thuong-binh-va-xa-hoi",
    ),
    UnitRow(
        "Sở Văn hóa, Thể thao và Du lịch",
        "SVHTT&DL",
        ("Sở VHTT&DL", "Sở Văn hóa - Thể thao và Du lịch", "Sở Văn hóa Thể thao và Du lịch"),
        "so-van-hoa-the-thao-va-du-lich",
    ),
    UnitRow(
        "Sở Khoa học và Công nghệ",
        "SKH&CN",
        ("Sở KH&CN", "Sở Khoa học - Công nghệ"),
        "so-khoa-hoc-va-cong-nghe",
    ),
    UnitRow(
        "Sở Giáo dục và Đào tạo",
        "SGD&ĐT",
        ("Sở GD&ĐT", "Sở Giáo dục - Đào tạo"),
        "so-giao-duc-va-dao-tao",
    ),
    UnitRow("Sở Y tế", "SYT", (), "so-y-te"),
    UnitRow("Sở Ngoại vụ", "SNgV", (), "so-ngoai-vu"),
    UnitRow("Thanh tra tỉnh", "TTr", ("Thanh tra tỉnh Cà Mau",), "thanh-tra-tinh"),
    UnitRow("Ban Dân tộc", "BDT", ("Ban Dân tộc tỉnh",), "ban-dan-toc"),
    UnitRow(
        "Ban Quản lý Khu kinh tế",
        "BQLKKT",
        ("Ban Quản lý Khu kinh tế tỉnh", "BQL Khu kinh tế"),
        "ban-quan-ly-khu-kinh-te",
    ),
]

CENTRAL_AGENCIES = [
    UnitRow("Công an tỉnh", "CA tỉnh", ("Công an tỉnh Cà Mau",), "cong-an-tinh"),
    UnitRow("Bộ Chỉ huy Quân sự tỉnh", "BCHQS tỉnh", ("Bộ CHQS tỉnh",), "bo-chi-huy-quan-su-tinh"),
    UnitRow(
        "Bộ Chỉ huy Bộ đội Biên phòng tỉnh",
        "BĐBP tỉnh",
        ("Bộ CHBĐBP tỉnh", "Bộ đội Biên phòng tỉnh"),
        "bo-chi-huy-bo-doi-bien-phong-tinh",
    ),
    UnitRow("Cục Thuế tỉnh", "CT tỉnh", ("Cục Thuế tỉnh Cà Mau",), "cuc-thue-tinh"),
    UnitRow("Kho bạc Nhà nước tỉnh", "KBNN tỉnh", ("Kho bạc Nhà nước Cà Mau",), "kho-bac-nha-nuoc-tinh"),
    UnitRow(
        "Ngân hàng Nhà nước chi nhánh tỉnh",
        "NHNN tỉnh",
        ("Ngân hàng Nhà nước Chi nhánh tỉnh Cà Mau",),
        "ngan-hang-nha-nuoc-chi-nhanh-tinh",
    ),
    UnitRow("Cục Thống kê tỉnh", "CTK tỉnh", ("Cục Thống kê Cà Mau",), "cuc-thong-ke-tinh"),
    UnitRow("Bảo hiểm xã hội tỉnh", "BHXH tỉnh", ("Bảo hiểm xã hội tỉnh Cà Mau",), "bao-hiem-xa-hoi-tinh"),
    UnitRow(
        "Đài Phát thanh - Truyền hình tỉnh",
        "Đài PT-TH tỉnh",
        ("Đài Phát thanh và Truyền hình tỉnh", "Đài PT-TH Cà Mau"),
        "dai-phat-thanh-truyen-hinh-tinh",
    ),
    UnitRow("Báo Cà Mau", "Báo Cà Mau", (), "bao-ca-mau"),
]

MASS_ORGANISATIONS = [
    UnitRow(
        "Ủy ban Mặt trận Tổ quốc Việt Nam tỉnh",
        "UBMTTQVN tỉnh",
        ("Ủy ban MTTQ Việt Nam tỉnh", "Mặt trận Tổ quốc tỉnh"),
        "uy-ban-mttq-viet-nam-tinh",
    ),
    UnitRow("Tỉnh đoàn", "Tỉnh đoàn", ("Tỉnh Đoàn Cà Mau",), "tinh-doan"),
    UnitRow("Hội Liên hiệp Phụ nữ tỉnh", "HLHPN tỉnh", ("Hội LHPN tỉnh",), "hoi-lien-hiep-phu-nu-tinh"),
    UnitRow("Hội Nông dân tỉnh", "HND tỉnh", (), "hoi-nong-dan-tinh"),
    UnitRow("Hội Cựu chiến binh tỉnh", "HCCB tỉnh", (), "hoi-cuu-chien-binh-tinh"),
    UnitRow("Liên đoàn Lao động tỉnh", "LĐLĐ tỉnh", (), "lien-doan-lao-dong-tinh"),
]


def _district(kind_word: str, place: str, code: str) -> UnitRow:
    # "UBND huyện Thới Bình" — also "Ủy ban nhân dân huyện Thới Bình" and "huyện Thới Bình".
    return UnitRow(
        f"UBND {kind_word} {place}",
        place if kind_word == "huyện" else f"TP {place}",
        (f"Ủy ban nhân dân {kind_word} {place}", f"{kind_word.capitalize()} {place}"),
        code,
    )


# 8 districts and 1 city; "UBND các huyện, thành phố Cà Mau" means all nine.
DISTRICTS = [
    _district("thành phố", "Cà Mau", "ubnd-tp-ca-mau"),
    _district("huyện", "Thới Bình", "ubnd-huyen-thoi-binh"),
    _district("huyện", "U Minh", "ubnd-huyen-u-minh"),
    _district("huyện", "Trần Văn Thời", "ubnd-huyen-tran-van-thoi"),
    _district("huyện", "Cái Nước", "ubnd-huyen-cai-nuoc"),
    _district("huyện", "Đầm Dơi", "ubnd-huyen-dam-doi"),
    _district("huyện", "Năm Căn", "ubnd-huyen-nam-can"),
    _district("huyện", "Phú Tân", "ubnd-huyen-phu-tan"),
    _district("huyện", "Ngọc Hiển", "ubnd-huyen-ngoc-hien"),
]


def _create(row: UnitRow, kind: str, parent: Unit | None, order: int) -> Unit:
    return Unit.objects.create(
        name=row.name,
        short_name=row.short_name,
        aliases="\n".join(row.aliases),
        kind=kind,
        parent=parent,
        code=row.slug,
        order=order,
    )


def load_units() -> dict[str, Unit]:
    """Create the tree; returns every unit by code. Seeding writes directly (no unit actions exist yet)."""
    units: dict[str, Unit] = {}
    root = _create(PROVINCE, UnitKind.PROVINCE, None, 0)
    office = _create(OFFICE, UnitKind.OFFICE, root, 1)
    units[root.code] = root
    units[office.code] = office
    order = 2
    groups = [
        (OFFICE_DEPARTMENTS, UnitKind.OFFICE_DEPARTMENT, office),
        (DEPARTMENTS, UnitKind.DEPARTMENT, root),
        (CENTRAL_AGENCIES, UnitKind.CENTRAL_AGENCY, root),
        (MASS_ORGANISATIONS, UnitKind.MASS_ORGANISATION, root),
        (DISTRICTS, UnitKind.DISTRICT, root),
    ]
    for rows, kind, parent in groups:
        for row in rows:
            unit = _create(row, kind, parent, order)
            units[unit.code] = unit
            order += 1
    return units


def office_department(units: dict[str, Unit], short_name: str) -> Unit | None:
    """The Office department whose short name is `short_name` (a letter symbol's suffix), if any."""
    wanted = fold(short_name)
    for row in OFFICE_DEPARTMENTS:
        if fold(row.short_name) == wanted:
            return units[row.slug]
    return None
