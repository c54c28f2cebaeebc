"""The report calendar's defaults (R-12, Decree 09/2019 art. 12), as rows an administrator can edit; and the
reminder rules that chase units whose periodic report is due and not sent."""

from django.db import migrations

# kind, start_day, end_day, end_month, unit_due_day, office_due_day, due_month
CALENDAR = [
    ("monthly", 15, 14, None, 20, 25, None),
    ("quarterly", 15, 14, None, 15, 20, None),
    ("half", 15, 14, None, 15, 20, None),
    ("nine-month", 15, 14, None, 15, 20, None),
    ("yearly", 15, 31, 10, 10, 15, 11),
]
RULES = [
    ("Báo cáo định kỳ: nhắc đơn vị trước hạn gửi 3 ngày làm việc", "before", 3, "lead_unit"),
    ("Báo cáo định kỳ: nhắc đúng ngày hạn gửi", "on_day", 0, "lead_unit,unit_head"),
    ("Báo cáo định kỳ: quá hạn chưa gửi, nhắc mỗi 2 ngày làm việc", "overdue_every", 2, "lead_unit,unit_head"),
]


def seed(apps, schema_editor):
    setting = apps.get_model("reporting", "PeriodSetting")
    for kind, start, end, end_month, unit_due, office_due, due_month in CALENDAR:
        setting.objects.get_or_create(
            kind=kind,
            defaults={
                "start_day": start,
                "end_day": end,
                "end_month": end_month,
                "unit_due_day": unit_due,
                "office_due_day": office_due,
                "due_month": due_month,
            },
        )
    rule = apps.get_model("urging", "ReminderRule")
    for name, timing, n, audiences in RULES:
        rule.objects.get_or_create(
            name=name,
            defaults={"date_field": "report_due", "timing": timing, "working_days": n, "audiences": audiences},
        )


class Migration(migrations.Migration):
    dependencies = [("reporting", "0001_initial"), ("urging", "0004_dispatch_report_reminders")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
