"""Load the field's starting vocabulary of needs and offers (DOMAIN.md)."""

from django.db import migrations

# Frozen here on purpose: later edits to the engine's labels must not rewrite history.
STARTSET = [
    ("rust_structuur", "rust en structuur", "De woning biedt rust en structuur"),
    ("een_op_een_aandacht", "één-op-één aandacht", "Er is tijd voor één-op-één aandacht"),
    ("traumasensitief", "traumasensitieve aanpak", "Het team werkt traumasensitief"),
    ("lvb_passend", "aanpak die past bij een licht verstandelijke beperking (LVB)",
     "Het team weet hoe je werkt met jongeren met een licht verstandelijke beperking (LVB)"),
    ("autisme_passend", "autismevriendelijke aanpak", "De woning en het team zijn autismevriendelijk"),
    ("gezinsgericht", "gezinsgerichte aanpak", "Het team werkt samen met je familie"),
    ("onderwijs_op_maat", "onderwijs op maat", "Er is hulp bij onderwijs op maat"),
    ("buitenruimte", "buitenruimte", "De woning heeft buitenruimte"),
    ("terugtrekplek", "plek om je terug te trekken", "Er is een plek om je terug te trekken"),
    ("cultuursensitief", "cultuursensitieve aanpak", "Het team werkt cultuursensitief"),
    ("mensenhandel_expertise", "kennis van mensenhandel", "Het team heeft kennis van mensenhandel"),
    ("delictgedrag_expertise", "kennis van delictgedrag", "Het team heeft ervaring met delictgedrag"),
    ("psychiatrie_expertise", "psychiatrische kennis",
     "Het team heeft psychiatrische kennis of een vaste GGZ-partner"),
    ("verslavingszorg", "hulp bij verslaving", "Er is hulp bij verslaving"),
    ("zelfstandigheidstraining", "training in zelfstandig wonen",
     "Je kunt hier oefenen met zelfstandig wonen"),
]


def load(apps, schema_editor):  # type: ignore[no-untyped-def]
    Kenmerk = apps.get_model("matching", "Kenmerk")
    for volgorde, (code, naam, zin) in enumerate(STARTSET, start=1):
        Kenmerk.objects.update_or_create(
            code=code, defaults={"naam": naam, "aanbod_zin": zin, "volgorde": volgorde * 10}
        )


class Migration(migrations.Migration):
    dependencies = [("matching", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
