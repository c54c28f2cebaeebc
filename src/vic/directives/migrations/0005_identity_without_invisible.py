"""Identities ignore invisible characters (zero-width space, BOM, direction marks, soft hyphen…): the
symbols and issuers registered with them lose them and get their keys again (core.text.fold)."""

from django.db import migrations


def rekey(apps, schema_editor):
    """A document registered twice that way keeps a key of its own (suffixed with its id, as in 0003), so
    nothing is merged or lost; the clerk sees both and can withdraw the copy."""
    from vic.core.text import canon, fold, search_text, visible

    Directive = apps.get_model("directives", "Directive")
    rows = list(Directive.objects.order_by("pk"))
    marked = [d for d in rows if visible(d.symbol) != d.symbol or visible(d.issuer) != d.issuer]
    # Keys of the others hold no invisible character: they stay, and the cleaned rows make room for them.
    cleaned = {d.pk for d in marked}
    taken = {(d.issuer_key, d.year, d.number, d.symbol_key) for d in rows if d.pk not in cleaned and d.number}
    for d in marked:
        d.symbol, d.issuer = visible(d.symbol), visible(d.issuer)
        d.issuer_key, d.symbol_key = canon(d.issuer), fold(d.symbol).replace(" ", "")
        identity = (d.issuer_key, d.year, d.number, d.symbol_key)
        if d.number and identity in taken:
            d.symbol_key = f"{d.symbol_key}#{d.pk}"[:60]
        taken.add((d.issuer_key, d.year, d.number, d.symbol_key))
        d.search_text = search_text([d.number, d.symbol, f"{d.number}/{d.symbol}", d.issuer, d.abstract])
        d.save(update_fields=["symbol", "issuer", "issuer_key", "symbol_key", "search_text"])


class Migration(migrations.Migration):
    dependencies = [("directives", "0004_intake_token")]
    operations = [migrations.RunPython(rekey, migrations.RunPython.noop)]
