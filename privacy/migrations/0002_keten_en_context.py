"""The access log gets its context (query string, session hash, browser, stated purpose) and
a hash chain; on PostgreSQL the trigger also refuses TRUNCATE and allows exactly one UPDATE:
pseudonymising the readable name. Existing entries are chained oldest first."""

import hashlib
import json

from django.db import migrations, models

# Kept here as it was when written: the model's function may change later.
KETEN_VELDEN = (
    "id", "volgnummer", "vorige_hash", "op", "actie", "uitkomst", "gebruiker_id", "rol",
    "organisatie_id", "voorziening_id", "jongere_ref", "soort", "doel", "doel_opgegeven",
    "reden", "adres", "pad", "querystring", "sessie", "user_agent", "na_signaalwijziging",
)


def _hash(regel):
    import datetime as dt
    import uuid

    def canoniek(waarde):
        if isinstance(waarde, uuid.UUID):
            return str(waarde)
        if hasattr(waarde, "isoformat"):
            return waarde.astimezone(dt.UTC).isoformat()
        return waarde

    tekst = json.dumps(
        {veld: canoniek(getattr(regel, veld)) for veld in KETEN_VELDEN},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(tekst.encode()).hexdigest()


def keten_bestaande_regels(apps, schema_editor):
    Inzage = apps.get_model("privacy", "Inzage")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(
            "ALTER TABLE accounts_inzage DISABLE TRIGGER accounts_inzage_alleen_toevoegen"
        )
    vorige = ""
    for nummer, regel in enumerate(Inzage.objects.order_by("op", "id").iterator(), start=1):
        regel.volgnummer = nummer
        regel.vorige_hash = vorige
        regel.hash = _hash(regel)
        # The historical model has none of the model's refusals: a plain UPDATE.
        Inzage.objects.filter(pk=regel.pk).update(
            volgnummer=nummer, vorige_hash=vorige, hash=regel.hash
        )
        vorige = regel.hash
    if postgres:
        schema_editor.execute(
            "ALTER TABLE accounts_inzage ENABLE TRIGGER accounts_inzage_alleen_toevoegen"
        )


TRIGGERS = """
CREATE OR REPLACE FUNCTION accounts_inzage_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    IF TG_OP = 'UPDATE' THEN
        -- The one sanctioned change: the readable name becomes a pseudonym.
        IF NEW.gebruiker_naam LIKE 'gewist-%'
           AND (to_jsonb(NEW) - 'gebruiker_naam') = (to_jsonb(OLD) - 'gebruiker_naam') THEN
            RETURN NEW;
        END IF;
    END IF;
    RAISE EXCEPTION 'accounts_inzage is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
DROP TRIGGER IF EXISTS accounts_inzage_geen_truncate ON accounts_inzage;
CREATE TRIGGER accounts_inzage_geen_truncate
    BEFORE TRUNCATE ON accounts_inzage
    FOR EACH STATEMENT EXECUTE FUNCTION accounts_inzage_alleen_toevoegen();
"""

ZONDER = """
DROP TRIGGER IF EXISTS accounts_inzage_geen_truncate ON accounts_inzage;
CREATE OR REPLACE FUNCTION accounts_inzage_alleen_toevoegen() RETURNS trigger AS $$
BEGIN
    RAISE EXCEPTION 'accounts_inzage is append-only: % refused', TG_OP;
END;
$$ LANGUAGE plpgsql;
"""


def _sql(sql):
    def run(apps, schema_editor):
        if schema_editor.connection.vendor == "postgresql":
            # No parameters: the % in RAISE and LIKE is SQL, not a placeholder.
            schema_editor.execute(sql, None)

    return run


DOEL_KEUZES = [
    ('matching', 'een passende plek zoeken'),
    ('voorstel', 'een voorstel voor een plek'),
    ('zorg', 'zorg en begeleiding'),
    ('beheer', 'beheer van het portaal'),
    ('inzage-eigen-gegevens', 'eigen gegevens bekijken'),
    ('storing', 'een fout of storing oplossen'),
    ('klacht', 'een klacht, incident of verzoek afhandelen'),
    ('controle', 'controle of kwaliteitsonderzoek'),
]


class Migration(migrations.Migration):

    dependencies = [
        ('privacy', '0001_initial'),
    ]

    operations = [
        migrations.AddField(
            model_name='inzage',
            name='querystring',
            field=models.CharField(blank=True, max_length=500, verbose_name='zoekvraag in het adres'),
        ),
        migrations.AddField(
            model_name='inzage',
            name='sessie',
            field=models.CharField(blank=True, help_text='Een hash van de sessiesleutel, niet de sleutel zelf.', max_length=64, verbose_name='sessie'),
        ),
        migrations.AddField(
            model_name='inzage',
            name='user_agent',
            field=models.CharField(blank=True, max_length=200, verbose_name='browser'),
        ),
        migrations.AddField(
            model_name='inzage',
            name='doel_opgegeven',
            field=models.BooleanField(default=False, help_text='De gebruiker gaf het doel zelf op; anders volgt het uit de rol.', verbose_name='doel opgegeven'),
        ),
        migrations.AddField(
            model_name='inzage',
            name='reden',
            field=models.CharField(blank=True, max_length=300, verbose_name='reden'),
        ),
        migrations.AddField(
            model_name='inzage',
            name='volgnummer',
            field=models.BigIntegerField(editable=False, null=True, verbose_name='volgnummer'),
        ),
        migrations.AddField(
            model_name='inzage',
            name='vorige_hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='hash van de vorige regel'),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name='inzage',
            name='hash',
            field=models.CharField(default='', editable=False, max_length=64, verbose_name='hash'),
            preserve_default=False,
        ),
        migrations.AlterField(
            model_name='inzage',
            name='doel',
            field=models.CharField(choices=DOEL_KEUZES, max_length=30, verbose_name='doel'),
        ),
        migrations.AlterField(
            model_name='inzage',
            name='soort',
            field=models.CharField(choices=[('profiel', 'profiel'), ('analyse', 'analyse'), ('analyseversie', 'versies van de analyse'), ('zoekresultaat', 'zoekresultaten'), ('voorstel', 'voorstel'), ('uitnodiging', 'uitnodiging'), ('bewoner', 'bewonersprofiel'), ('dossier', 'alle gegevens (inzage-export)'), ('toegangslog', 'het toegangslog')], max_length=20, verbose_name='soort gegevens'),
        ),
        migrations.RunPython(keten_bestaande_regels, migrations.RunPython.noop, elidable=False),
        migrations.AlterField(
            model_name='inzage',
            name='volgnummer',
            field=models.BigIntegerField(editable=False, unique=True, verbose_name='volgnummer'),
        ),
        migrations.RunPython(_sql(TRIGGERS), _sql(ZONDER)),
    ]
