"""A computation's answer is its advice (`advies`), and each youth's proposed home is their
`kandidaat`: the words the placement table uses. The stored answers are renamed with it."""

from django.db import migrations, models


def hernoem(apps, schema_editor, van: str, naar: str) -> None:
    Verdeling = apps.get_model("plaatsingstafel", "Verdeling")
    for verdeling in Verdeling.objects.filter(advies__isnull=False).only("pk", "advies"):
        for toewijzing in verdeling.advies.get("toewijzingen", []):
            if van in toewijzing:
                toewijzing[naar] = toewijzing.pop(van)
        verdeling.save(update_fields=["advies"])


def vooruit(apps, schema_editor):
    hernoem(apps, schema_editor, "voorstel", "kandidaat")


def terug(apps, schema_editor):
    hernoem(apps, schema_editor, "kandidaat", "voorstel")


class Migration(migrations.Migration):

    dependencies = [
        ('plaatsingstafel', '0001_initial'),
    ]

    operations = [
        migrations.RenameField(model_name='verdeling', old_name='uitkomst', new_name='advies'),
        migrations.AlterField(
            model_name='verdeling',
            name='advies',
            field=models.JSONField(
                blank=True, null=True, verbose_name='advies'
            ),
        ),
        migrations.RunPython(vooruit, terug),
    ]
