"""Moved without touching the database: the access log (from accounts) keeps its table, its
append-only trigger and every entry."""

import django.db.models.deletion
import django.utils.timezone
import uuid
from django.conf import settings
from django.db import migrations, models

from kern.migraties import verhuis_inhoudstypen



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0010_uitgestelde_taak_status'),
        ('voorzieningen', '0009_kenmerk_in_kern'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.CreateModel(
                    name='Inzage',
                    fields=[
                        ('id', models.UUIDField(default=uuid.uuid4, editable=False, primary_key=True, serialize=False, verbose_name='gebeurtenis')),
                        ('op', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='tijdstip')),
                        ('actie', models.CharField(choices=[('create', 'aangemaakt'), ('read', 'bekeken'), ('update', 'gewijzigd'), ('delete', 'verwijderd'), ('search', 'gezocht'), ('export', 'geëxporteerd'), ('print', 'afgedrukt')], max_length=10, verbose_name='actie')),
                        ('uitkomst', models.CharField(choices=[('gelukt', 'gelukt'), ('geweigerd', 'geweigerd')], max_length=10, verbose_name='uitkomst')),
                        ('gebruiker_naam', models.CharField(blank=True, max_length=300, verbose_name='naam gebruiker')),
                        ('rol', models.CharField(blank=True, choices=[('coordinator', 'Plaatsingscoördinator'), ('beheerder', 'KWV-beheerder'), ('jongere', 'Jongere'), ('ouder', 'Ouder of verzorger'), ('admin', 'Functioneel beheerder')], max_length=20, verbose_name='rol')),
                        ('jongere_ref', models.IntegerField(db_index=True, null=True, verbose_name='jongere (id)')),
                        ('soort', models.CharField(choices=[('profiel', 'profiel'), ('analyse', 'analyse'), ('analyseversie', 'versies van de analyse'), ('zoekresultaat', 'zoekresultaten'), ('voorstel', 'voorstel'), ('uitnodiging', 'uitnodiging'), ('bewoner', 'bewonersprofiel'), ('dossier', 'alle gegevens (inzage-export)')], max_length=20, verbose_name='soort gegevens')),
                        ('doel', models.CharField(choices=[('matching', 'een passende plek zoeken'), ('voorstel', 'een voorstel voor een plek'), ('zorg', 'zorg en begeleiding'), ('beheer', 'beheer van het portaal'), ('inzage-eigen-gegevens', 'eigen gegevens bekijken')], max_length=30, verbose_name='doel')),
                        ('adres', models.GenericIPAddressField(blank=True, null=True, verbose_name='adres van de client')),
                        ('pad', models.CharField(blank=True, max_length=300, verbose_name='pagina')),
                        ('na_signaalwijziging', models.BooleanField(default=False, help_text='De aandachtssignalen die dit zoeken sturen, veranderden sinds het vorige zoeken voor deze jongere.', verbose_name='zoeken na een wijziging van de aandachtssignalen')),
                        ('gebruiker', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gebruiker')),
                        ('organisatie', models.ForeignKey(db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='accounts.organisatie', verbose_name='organisatie')),
                        ('voorziening', models.ForeignKey(blank=True, db_constraint=False, help_text='Bij een KWV-beheerder: de woning waarvoor de gegevens bekeken zijn.', null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='voorzieningen.voorziening', verbose_name='woning')),
                    ],
                    options={
                        'verbose_name': 'inzage',
                        'verbose_name_plural': 'toegangslog',
                        'db_table': 'accounts_inzage',
                        'ordering': ['-op'],
                        'indexes': [models.Index(fields=['jongere_ref', '-op'], name='accounts_in_jongere_2fcaf5_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        # Permissions and admin history follow the models: their content types move too.
        migrations.RunPython(
            verhuis_inhoudstypen(
                'privacy', [('accounts', 'inzage')]
            ), migrations.RunPython.noop
        ),
    ]
