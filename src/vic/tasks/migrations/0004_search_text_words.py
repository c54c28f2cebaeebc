"""Search text becomes canonical padded words (UBND = Ủy ban nhân dân; whole-word match for short words)."""

from django.db import migrations

from vic.core.text import search_text


def recompute(apps, schema_editor):
    directive_model = apps.get_model("directives", "Directive")
    task_model = apps.get_model("tasks", "Task")
    for d in directive_model.objects.all().iterator():
        d.search_text = search_text([d.number, d.symbol, f"{d.number}/{d.symbol}", d.issuer, d.abstract])
        d.save(update_fields=["search_text"])
    tasks = task_model.objects.select_related("directive", "lead_unit").prefetch_related("coordinating_units")
    for t in tasks.iterator(chunk_size=2000):
        d = t.directive
        parts = [t.content, t.expected_output, d.number, d.symbol, f"{d.number}/{d.symbol}", d.abstract, d.issuer,
                 t.lead_unit.name, t.lead_unit.short_name]
        parts += [n for u in t.coordinating_units.all() for n in (u.name, u.short_name)]
        t.search_text = search_text(parts)
        t.save(update_fields=["search_text"])


class Migration(migrations.Migration):
    dependencies = [("tasks", "0003_workflow"), ("directives", "0002_seed_kinds")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
