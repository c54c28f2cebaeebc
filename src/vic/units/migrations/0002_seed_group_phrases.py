"""Seed the group phrases that documents use for "all units of a kind"; administrators extend the list."""

from django.db import migrations

from vic.core.text import fold

DEPARTMENTS = "department"
DISTRICTS = "district"
PHRASES = [
    ("các sở, ban, ngành tỉnh", DEPARTMENTS),
    ("các sở, ban, ngành", DEPARTMENTS),
    ("các sở, ngành tỉnh", DEPARTMENTS),
    ("các sở, ngành", DEPARTMENTS),
    ("các sở, ngành liên quan", DEPARTMENTS),
    ("các sở, ban, ngành liên quan", DEPARTMENTS),
    ("các sở, ban, ngành, đơn vị liên quan", DEPARTMENTS),
    ("thủ trưởng các sở, ban, ngành tỉnh", DEPARTMENTS),
    ("các cơ quan Trung ương đóng trên địa bàn tỉnh", "central_agency"),
    ("các hội, đoàn thể tỉnh", "mass_organisation"),
    ("các tổ chức chính trị - xã hội tỉnh", "mass_organisation"),
    ("Ủy ban nhân dân các huyện, thành phố", DISTRICTS),
    ("Ủy ban nhân dân các huyện, thị xã, thành phố", DISTRICTS),
    ("Ủy ban nhân dân thành phố và các huyện", DISTRICTS),
    ("Ủy ban nhân dân các huyện", DISTRICTS),
    ("Chủ tịch Ủy ban nhân dân các huyện, thành phố", DISTRICTS),
    ("Chủ tịch Ủy ban nhân dân các huyện, thị xã, thành phố", DISTRICTS),
    ("Ủy ban nhân dân các xã, phường, thị trấn", "commune"),
    ("Ủy ban nhân dân các xã, phường", "commune"),
]


def seed(apps, schema_editor):
    phrase = apps.get_model("units", "UnitGroupPhrase")
    for text, kinds in PHRASES:
        phrase.objects.get_or_create(phrase=text, defaults={"kinds": kinds, "folded": fold(text)})


class Migration(migrations.Migration):
    dependencies = [("units", "0001_initial")]
    operations = [migrations.RunPython(seed, migrations.RunPython.noop)]
