"""Search text again: the parts of a reference ("2019/QĐ-UBND") are words of their own, and units are found
by their aliases too ("Sở KH&ĐT"). Historical models (the code's own may have columns this step lacks);
the same parts as tasks.derived.search_parts."""

from django.db import migrations


def _names(unit):
    return [n for n in [unit.name, unit.short_name, *(a.strip() for a in unit.aliases.splitlines())] if n]


def recompute(apps, schema_editor):
    from vic.core.text import search_text

    directive_model = apps.get_model("directives", "Directive")
    task_model = apps.get_model("tasks", "Task")
    for d in directive_model.objects.all().iterator():
        parts = [d.number, d.symbol, f"{d.number}/{d.symbol}", d.issuer, d.abstract]
        directive_model.objects.filter(pk=d.pk).update(search_text=search_text(parts))
    tasks = task_model.objects.select_related("directive", "lead_unit").prefetch_related("coordinating_units")
    for t in tasks.iterator(chunk_size=2000):
        d = t.directive
        parts = [t.content, t.expected_output, d.number, d.symbol, f"{d.number}/{d.symbol}", d.abstract, d.issuer]
        for unit in (t.lead_unit, *t.coordinating_units.all()):
            parts += _names(unit)
        task_model.objects.filter(pk=t.pk).update(search_text=search_text(parts))


class Migration(migrations.Migration):
    dependencies = [("tasks", "0010_event_kind_urging_notice"), ("directives", "0004_intake_token")]
    operations = [migrations.RunPython(recompute, migrations.RunPython.noop)]
