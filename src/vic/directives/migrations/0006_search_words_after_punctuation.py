"""Search text again: punctuation separates words (core.text.search_text), so a word right after a quotation
mark (“Mỗi xã một sản phẩm”, "Chuyển đổi số") is found. Every stored search text is rebuilt: directives,
tasks, difficulties, inspections (here, one step for all, as tasks.0011 did for the first two). Historical
models: the parts are those of Directive.fill_derived, tasks.derived.search_parts,
Difficulty.compute_search_text and Inspection.compute_search_text."""

from django.db import migrations


def _names(unit):
    return [n for n in [unit.name, unit.short_name, *(a.strip() for a in unit.aliases.splitlines())] if n]


def _person(user):
    return user.full_name or user.username


def _reference(d):
    return [d.number, d.symbol, f"{d.number}/{d.symbol}"]


def rebuild(apps, schema_editor):
    from vic.core.text import search_text

    directive_model = apps.get_model("directives", "Directive")
    for d in directive_model.objects.all().iterator():
        directive_model.objects.filter(pk=d.pk).update(search_text=search_text([*_reference(d), d.issuer, d.abstract]))

    task_model = apps.get_model("tasks", "Task")
    tasks = task_model.objects.select_related("directive", "lead_unit").prefetch_related("coordinating_units")
    for t in tasks.iterator(chunk_size=2000):
        d = t.directive
        parts = [t.content, t.expected_output, *_reference(d), d.abstract, d.issuer]
        for unit in (t.lead_unit, *t.coordinating_units.all()):
            parts += _names(unit)
        task_model.objects.filter(pk=t.pk).update(search_text=search_text(parts))

    difficulty_model = apps.get_model("difficulties", "Difficulty")
    for f in difficulty_model.objects.select_related("unit").iterator():
        difficulty_model.objects.filter(pk=f.pk).update(
            search_text=search_text([f.subject, f.description, *_names(f.unit)])
        )

    inspection_model = apps.get_model("inspections", "Inspection")
    inspections = inspection_model.objects.select_related("leader").prefetch_related("units", "members")
    for i in inspections.iterator(chunk_size=500):
        leader = _person(i.leader) if i.leader else i.leader_name
        people = [_person(m) for m in i.members.all()] + [m.strip() for m in i.other_members.splitlines() if m.strip()]
        units = [n for u in i.units.all() for n in _names(u)]
        parts = [i.title, i.basis, leader, *people, *units, i.findings, i.conclusion]
        inspection_model.objects.filter(pk=i.pk).update(search_text=search_text(parts))


class Migration(migrations.Migration):
    dependencies = [
        ("directives", "0005_identity_without_invisible"),
        ("tasks", "0013_first_delivery"),
        ("difficulties", "0001_initial"),
        ("inspections", "0001_initial"),
    ]
    operations = [migrations.RunPython(rebuild, migrations.RunPython.noop)]
