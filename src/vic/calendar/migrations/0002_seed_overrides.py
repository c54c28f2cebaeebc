"""Seed the civil-servant calendar decisions that the `holidays` package (0.109, country VN) lacks.

Checked against `holidays.country_holidays("VN", years=...)` and its `weekend_workdays`, for the
official schedules of DOMAIN.md "Deadlines and the working-day calendar":

2024 (package has all of it — nothing seeded)
  - Tết Thu 8/2–Wed 14/2: package holidays 8/2–14/2 (Sat 10/2, Sun 11/2 are weekend anyway).
  - 27/4–1/5, Mon 29/4 off, Sat 4/5 worked: package has 29/4 "Ngày nghỉ (thay cho ngày 04/05/2024)"
    and 2024-05-04 in weekend_workdays; 30/4 and 1/5 are holidays.
  - National Day Sat 31/8–Tue 3/9: package has 2/9 and 3/9; 31/8 and 1/9 are weekend.
2025 (package has all of it — nothing seeded)
  - Tết Sat 25/1–Sun 2/2: package holidays Mon 27/1–Sat 1/2; 25/1, 26/1, 2/2 are weekend.
  - 30/4–4/5, Fri 2/5 off, Sat 26/4 worked: package has 2/5 "Ngày nghỉ (thay cho ngày 26/04/2025)"
    and 2025-04-26 in weekend_workdays.
  - National Day Sat 30/8–Tue 2/9 (Mon 1/9 off): package has 1/9 and 2/9.
2026
  - New Year Thu 1/1–Sun 4/1 with Fri 2/1 off and Sat 10/1 worked (Công văn 12729/VPCP-KGVX,
    25/12/2025): package only has 1/1 — 2/1 is a working day and 10/1 a weekend day there.
    -> SEEDED: 2026-01-02 day_off, 2026-01-10 working_day.
  - Tết Sat 14/2–Sun 22/2: package holidays Mon 16/2–Fri 20/2; the rest is weekend. Nothing seeded.
  - National Day Mon 31/8 off, Sat 22/8 worked: package has both. Nothing seeded.
  - 24/11 Vietnam Culture Day: package has it from 2026. Nothing seeded.

The rows are static data (not computed from the installed package) so the migration is deterministic.
"""

from django.db import migrations

LETTER_2026_NEW_YEAR = "Công văn 12729/VPCP-KGVX ngày 25/12/2025"

SEED = [
    ("2026-01-02", "day_off", LETTER_2026_NEW_YEAR),
    ("2026-01-10", "working_day", LETTER_2026_NEW_YEAR),
]


def seed(apps, schema_editor):
    DayOverride = apps.get_model("calendar", "DayOverride")
    for day, kind, reason in SEED:
        DayOverride.objects.get_or_create(day=day, defaults={"kind": kind, "reason": reason})


def unseed(apps, schema_editor):
    DayOverride = apps.get_model("calendar", "DayOverride")
    for day, kind, reason in SEED:
        DayOverride.objects.filter(day=day, kind=kind, reason=reason).delete()


class Migration(migrations.Migration):
    dependencies = [("calendar", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
