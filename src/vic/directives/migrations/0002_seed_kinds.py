"""Seed the document kinds: Decree 30/2020 art. 7, plus normative decisions and meeting conclusions."""

from django.db import migrations

KINDS = [
    ("Nghị quyết", "NQ", False), ("Quyết định", "QĐ", False), ("Quyết định (quy phạm pháp luật)", "QĐ", True),
    ("Chỉ thị", "CT", False), ("Quy chế", "QC", False), ("Quy định", "QyĐ", False), ("Thông cáo", "TC", False),
    ("Thông báo", "TB", False), ("Thông báo kết luận", "TB", False), ("Hướng dẫn", "HD", False),
    ("Chương trình", "CTr", False), ("Kế hoạch", "KH", False), ("Phương án", "PA", False), ("Đề án", "ĐA", False),
    ("Dự án", "DA", False), ("Báo cáo", "BC", False), ("Biên bản", "BB", False), ("Tờ trình", "TTr", False),
    ("Hợp đồng", "HĐ", False), ("Công văn", "", False), ("Công điện", "CĐ", False), ("Bản ghi nhớ", "BGN", False),
    ("Bản thỏa thuận", "BTT", False), ("Giấy ủy quyền", "GUQ", False), ("Giấy mời", "GM", False),
    ("Giấy giới thiệu", "GGT", False), ("Giấy nghỉ phép", "GNP", False), ("Phiếu gửi", "PG", False),
    ("Phiếu chuyển", "PC", False), ("Phiếu báo", "PB", False), ("Thư công", "", False),
    ("Nghị quyết (quy phạm pháp luật)", "NQ", True),
]


def seed(apps, schema_editor):
    kind = apps.get_model("directives", "DirectiveKind")
    for order, (name, abbreviation, normative) in enumerate(KINDS, start=1):
        kind.objects.get_or_create(
            name=name, defaults={"abbreviation": abbreviation, "is_normative": normative, "order": order}
        )


class Migration(migrations.Migration):
    dependencies = [("directives", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
