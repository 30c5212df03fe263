"""A proposal's explanation is kept once per reader (matching.engine.audience).

The column is renamed, not replaced, so every proposal keeps what it had. An explanation
kept before this change was one version for everybody, computed with every signal the
youth had; only a home's manager after the family's consent may read all of that, so it
is kept for that reader alone. The other readers' versions are computed from the current
group the first time they are asked for (`matching.voorstellen.uitleg_voor`).
"""

from django.db import migrations, models

NA_TOESTEMMING = "beheerder_na_toestemming"
LEZERS = {"coordinator", "gezin", "beheerder_voor_toestemming", NA_TOESTEMMING}


def per_lezer(apps, schema_editor):
    for name in ("Voorstel", "HistoricalVoorstel"):
        model = apps.get_model("matching", name)
        for row in model.objects.exclude(uitleg_per_publiek={}).iterator():
            uitleg = row.uitleg_per_publiek
            if isinstance(uitleg, dict) and uitleg and not set(uitleg) <= LEZERS:
                model.objects.filter(pk=row.pk).update(uitleg_per_publiek={NA_TOESTEMMING: uitleg})


def een_versie(apps, schema_editor):
    for name in ("Voorstel", "HistoricalVoorstel"):
        model = apps.get_model("matching", name)
        for row in model.objects.exclude(uitleg_per_publiek={}).iterator():
            uitleg = row.uitleg_per_publiek
            if isinstance(uitleg, dict) and uitleg and set(uitleg) <= LEZERS:
                eerste = uitleg.get(NA_TOESTEMMING) or next(iter(uitleg.values()))
                model.objects.filter(pk=row.pk).update(uitleg_per_publiek=eerste)


class Migration(migrations.Migration):
    dependencies = [
        ("matching", "0006_historicalvoorstel"),
    ]

    operations = [
        migrations.RenameField("voorstel", "uitleg", "uitleg_per_publiek"),
        migrations.RenameField("historicalvoorstel", "uitleg", "uitleg_per_publiek"),
        migrations.AlterField(
            model_name="voorstel",
            name="uitleg_per_publiek",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="uitleg van de matching, per lezer"
            ),
        ),
        migrations.AlterField(
            model_name="historicalvoorstel",
            name="uitleg_per_publiek",
            field=models.JSONField(
                blank=True, default=dict, verbose_name="uitleg van de matching, per lezer"
            ),
        ),
        migrations.RunPython(per_lezer, een_versie),
    ]
