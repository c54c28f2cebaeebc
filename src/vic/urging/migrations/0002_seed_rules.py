"""Default reminder rules (administrators edit them): before, on the day, while overdue, escalation, and
the Office's own one-working-day delivery duty (R-5.1, R-7.1)."""

from django.db import migrations

RULES = [
    ("Nhắc trước hạn 2 ngày làm việc", "effective_deadline", "before", 2, "lead_unit,monitors"),
    ("Nhắc đúng ngày đến hạn", "effective_deadline", "on_day", 0, "lead_unit,coordinators"),
    ("Nhắc khi quá hạn, mỗi 3 ngày làm việc", "effective_deadline", "overdue_every", 3, "lead_unit,monitors"),
    ("Leo thang: quá hạn 5 ngày làm việc, báo thủ trưởng đơn vị", "effective_deadline", "overdue_after", 5,
     "unit_head"),
    ("Leo thang: quá hạn 10 ngày làm việc, báo lãnh đạo Văn phòng", "effective_deadline", "overdue_after", 10,
     "office_leaders"),
    ("Văn phòng: nhiệm vụ chưa chuyển giao đúng hạn 1 ngày làm việc", "delivery_due_on", "overdue_every", 1,
     "registrars"),
]


def seed(apps, schema_editor):
    rule = apps.get_model("urging", "ReminderRule")
    for name, field, timing, n, audiences in RULES:
        rule.objects.get_or_create(
            name=name, defaults={"date_field": field, "timing": timing, "working_days": n, "audiences": audiences}
        )


class Migration(migrations.Migration):
    dependencies = [("urging", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
