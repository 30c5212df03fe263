"""The need "gezinsgerichte aanpak" in the words the family reads (docs/schrijfwijzer.md):
"samenwerking met de familie". Only where the starting wording is still there: a label an
administrator already changed stays as it is."""

from django.db import migrations

# code: (old name, old sentence) -> (new name, new sentence). Frozen here on purpose.
HERNOEMD = {
    "gezinsgericht": (
        ("gezinsgerichte aanpak", "Het team werkt samen met je familie"),
        ("samenwerking met de familie", "Het team werkt samen met de familie"),
    ),
}


def hernoem(apps, schema_editor, terug=False):
    kenmerk = apps.get_model("kern", "Kenmerk")
    for code, (oud, nieuw) in HERNOEMD.items():
        van, naar = (nieuw, oud) if terug else (oud, nieuw)
        kenmerk.objects.filter(code=code, naam=van[0]).update(naam=naar[0])
        kenmerk.objects.filter(code=code, aanbod_zin=van[1]).update(aanbod_zin=naar[1])


def terugzetten(apps, schema_editor):
    hernoem(apps, schema_editor, terug=True)


class Migration(migrations.Migration):
    dependencies = [
        ("kern", "0001_initial"),
        ("matching", "0012_voorstellen_verdeling_kenmerk_verhuisd"),
    ]

    operations = [migrations.RunPython(hernoem, terugzetten)]
