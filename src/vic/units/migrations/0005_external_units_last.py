"""Units outside the tree (a ministry, another province's bodies) come after the province's own units in
lists and pickers (they sorted first, with order 0)."""

from django.db import migrations


def last(apps, schema_editor):
    apps.get_model("units", "Unit").objects.filter(kind="external", order=0).update(order=10_000)


class Migration(migrations.Migration):
    dependencies = [("units", "0004_labels")]
    operations = [migrations.RunPython(last, migrations.RunPython.noop)]
