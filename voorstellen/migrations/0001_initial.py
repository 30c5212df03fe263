"""Moved without touching the database: the proposal workflow (from matching) keeps its tables,
its history table and every row."""

import django.db.models.deletion
import django.utils.timezone
import simple_history.models
from django.conf import settings
from django.db import migrations, models

from kern.migraties import verhuis_inhoudstypen



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('matching', '0011_verdeling'),
        ('jongeren', '0006_kenmerk_in_kern'),
        ('voorzieningen', '0009_kenmerk_in_kern'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.CreateModel(
                    name='HistoricalVoorstel',
                    fields=[
                        ('id', models.BigIntegerField(auto_created=True, blank=True, db_index=True, verbose_name='ID')),
                        ('motivatie', models.TextField(blank=True, help_text='Kort: waarom deze woning bij deze jongere past. Het gezin leest dit; de woning pas als het gezin toestemming gaf om te delen.', verbose_name='motivatie')),
                        ('tekst_voor_woning', models.TextField(blank=True, help_text='Wat de woning over de jongere leest voordat het gezin toestemming gaf: zonder namen van mensen, plaatsen, scholen of afstanden.', verbose_name='tekst voor de woning')),
                        ('status', models.CharField(choices=[('concept', 'Concept'), ('verstuurd', 'Wacht op antwoord van de woning'), ('interesse', 'Woning heeft interesse'), ('kennismaking_gepland', 'Kennismaking gepland'), ('kennismaking_gehouden', 'Kennismaking gehouden'), ('akkoord', 'Iedereen zegt ja'), ('geplaatst', 'Geplaatst'), ('afgewezen', 'Afgewezen door de woning'), ('ingetrokken', 'Ingetrokken'), ('verlopen', 'Verlopen')], db_index=True, default='concept', max_length=30, verbose_name='status')),
                        ('uitleg_per_publiek', models.JSONField(blank=True, default=dict, verbose_name='uitleg van de matching, per lezer')),
                        ('verstuurd_op', models.DateTimeField(blank=True, null=True, verbose_name='verstuurd op')),
                        ('antwoord_uiterlijk', models.DateTimeField(blank=True, null=True, verbose_name='antwoord uiterlijk')),
                        ('te_laat_gemeld_op', models.DateTimeField(blank=True, help_text='Gezet als de woning niet op tijd antwoordde; de coördinator is dan gemeld.', null=True, verbose_name='te laat gemeld op')),
                        ('beantwoord_op', models.DateTimeField(blank=True, null=True, verbose_name='beantwoord op')),
                        ('afwijsreden', models.CharField(blank=True, choices=[('geen_personeel', 'Geen personele capaciteit'), ('impact_bewoners', 'Impact op de huidige bewoners'), ('veiligheid', 'Gezondheid en veiligheid'), ('buiten_expertise', 'Zorgvraag valt buiten onze expertise'), ('anders', 'Anders')], max_length=30, verbose_name='reden')),
                        ('antwoord_toelichting', models.TextField(blank=True, verbose_name='toelichting bij het antwoord')),
                        ('volledig_gedeeld_op', models.DateTimeField(blank=True, null=True, verbose_name='volledige analyse gedeeld sinds')),
                        ('aangemaakt_op', models.DateTimeField(blank=True, editable=False, verbose_name='aangemaakt op')),
                        ('gewijzigd_op', models.DateTimeField(blank=True, editable=False, verbose_name='gewijzigd op')),
                        ('history_id', models.AutoField(primary_key=True, serialize=False)),
                        ('history_date', models.DateTimeField(db_index=True)),
                        ('history_change_reason', models.CharField(max_length=100, null=True)),
                        ('history_type', models.CharField(choices=[('+', 'Created'), ('~', 'Changed'), ('-', 'Deleted')], max_length=1)),
                        ('analyse', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jongeren.verklarendeanalyse', verbose_name='analyseversie')),
                        ('gemaakt_door', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gemaakt door')),
                        ('history_user', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL)),
                        ('jongere', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='jongeren.jongere', verbose_name='jongere')),
                        ('plaatsing', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='voorzieningen.plaatsing', verbose_name='plaatsing')),
                        ('voorziening', models.ForeignKey(blank=True, db_constraint=False, null=True, on_delete=django.db.models.deletion.DO_NOTHING, related_name='+', to='voorzieningen.voorziening', verbose_name='voorziening')),
                    ],
                    options={
                        'verbose_name': 'historical voorstel',
                        'verbose_name_plural': 'historical voorstellen',
                        'db_table': 'matching_historicalvoorstel',
                        'ordering': ('-history_date', '-history_id'),
                        'get_latest_by': ('history_date', 'history_id'),
                    },
                    bases=(simple_history.models.HistoricalChanges, models.Model),
                ),
                migrations.CreateModel(
                    name='Voorstel',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('motivatie', models.TextField(blank=True, help_text='Kort: waarom deze woning bij deze jongere past. Het gezin leest dit; de woning pas als het gezin toestemming gaf om te delen.', verbose_name='motivatie')),
                        ('tekst_voor_woning', models.TextField(blank=True, help_text='Wat de woning over de jongere leest voordat het gezin toestemming gaf: zonder namen van mensen, plaatsen, scholen of afstanden.', verbose_name='tekst voor de woning')),
                        ('status', models.CharField(choices=[('concept', 'Concept'), ('verstuurd', 'Wacht op antwoord van de woning'), ('interesse', 'Woning heeft interesse'), ('kennismaking_gepland', 'Kennismaking gepland'), ('kennismaking_gehouden', 'Kennismaking gehouden'), ('akkoord', 'Iedereen zegt ja'), ('geplaatst', 'Geplaatst'), ('afgewezen', 'Afgewezen door de woning'), ('ingetrokken', 'Ingetrokken'), ('verlopen', 'Verlopen')], db_index=True, default='concept', max_length=30, verbose_name='status')),
                        ('uitleg_per_publiek', models.JSONField(blank=True, default=dict, verbose_name='uitleg van de matching, per lezer')),
                        ('verstuurd_op', models.DateTimeField(blank=True, null=True, verbose_name='verstuurd op')),
                        ('antwoord_uiterlijk', models.DateTimeField(blank=True, null=True, verbose_name='antwoord uiterlijk')),
                        ('te_laat_gemeld_op', models.DateTimeField(blank=True, help_text='Gezet als de woning niet op tijd antwoordde; de coördinator is dan gemeld.', null=True, verbose_name='te laat gemeld op')),
                        ('beantwoord_op', models.DateTimeField(blank=True, null=True, verbose_name='beantwoord op')),
                        ('afwijsreden', models.CharField(blank=True, choices=[('geen_personeel', 'Geen personele capaciteit'), ('impact_bewoners', 'Impact op de huidige bewoners'), ('veiligheid', 'Gezondheid en veiligheid'), ('buiten_expertise', 'Zorgvraag valt buiten onze expertise'), ('anders', 'Anders')], max_length=30, verbose_name='reden')),
                        ('antwoord_toelichting', models.TextField(blank=True, verbose_name='toelichting bij het antwoord')),
                        ('volledig_gedeeld_op', models.DateTimeField(blank=True, null=True, verbose_name='volledige analyse gedeeld sinds')),
                        ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('gewijzigd_op', models.DateTimeField(auto_now=True, verbose_name='gewijzigd op')),
                        ('analyse', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='voorstellen', to='jongeren.verklarendeanalyse', verbose_name='analyseversie')),
                        ('gemaakt_door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voorstellen_gemaakt', to=settings.AUTH_USER_MODEL, verbose_name='gemaakt door')),
                        ('jongere', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voorstellen', to='jongeren.jongere', verbose_name='jongere')),
                        ('plaatsing', models.OneToOneField(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='voorstel', to='voorzieningen.plaatsing', verbose_name='plaatsing')),
                        ('voorziening', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='voorstellen', to='voorzieningen.voorziening', verbose_name='voorziening')),
                    ],
                    options={
                        'verbose_name': 'voorstel',
                        'verbose_name_plural': 'voorstellen',
                        'db_table': 'matching_voorstel',
                        'ordering': ['-aangemaakt_op', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Toestemming',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rol', models.CharField(choices=[('jongere', 'Jongere'), ('ouder', 'Ouder'), ('overschreven', 'Coördinator (zonder toestemming, met reden)')], max_length=20, verbose_name='rol')),
                        ('reden', models.TextField(blank=True, verbose_name='reden')),
                        ('op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='op')),
                        ('persoon', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='door')),
                        ('voorstel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='toestemmingen', to='voorstellen.voorstel', verbose_name='voorstel')),
                    ],
                    options={
                        'verbose_name': 'toestemming om de analyse te delen',
                        'verbose_name_plural': 'toestemmingen om de analyse te delen',
                        'db_table': 'matching_toestemming',
                        'ordering': ['op', 'pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Tegenspraak',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('oordeel', models.CharField(choices=[('akkoord', 'Akkoord'), ('bezwaar', 'Bezwaar')], max_length=10, verbose_name='oordeel')),
                        ('toelichting', models.TextField(verbose_name='toelichting')),
                        ('op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='op')),
                        ('bewoners', models.JSONField(blank=True, help_text='De verblijven in de woning toen getekend werd (ids). Leeg: niet bekend.', null=True, verbose_name='bewoners bij het tekenen')),
                        ('risico_na', models.CharField(blank=True, choices=[('laag', 'Laag'), ('verhoogd', 'Verhoogd'), ('hoog', 'Hoog')], max_length=10, verbose_name='groepsrisico met de jongere erbij, bij het tekenen')),
                        ('door', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='door')),
                        ('voorstel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tegenspraken', to='voorstellen.voorstel', verbose_name='voorstel')),
                    ],
                    options={
                        'verbose_name': 'tegenspraak',
                        'verbose_name_plural': 'tegenspraken',
                        'db_table': 'matching_tegenspraak',
                        'ordering': ['-op', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='Kennismaking',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('soort', models.CharField(choices=[('bezoek', 'Op bezoek in de woning'), ('mee_eten', 'Mee-eten'), ('team_jongeren', 'Kennismaken met het team en de jongeren')], max_length=20, verbose_name='soort')),
                        ('datum', models.DateTimeField(verbose_name='datum en tijd')),
                        ('plaats', models.CharField(max_length=200, verbose_name='plaats')),
                        ('notitie_woning', models.TextField(blank=True, verbose_name='notities van de woning')),
                        ('notitie_coordinator', models.TextField(blank=True, verbose_name='notities van de coördinator')),
                        ('gehouden_op', models.DateTimeField(blank=True, null=True, verbose_name='gehouden op')),
                        ('voorstel', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='kennismaking', to='voorstellen.voorstel', verbose_name='voorstel')),
                    ],
                    options={
                        'verbose_name': 'kennismaking',
                        'verbose_name_plural': 'kennismakingen',
                        'db_table': 'matching_kennismaking',
                    },
                ),
                migrations.CreateModel(
                    name='Besluit',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rol', models.CharField(choices=[('jongere', 'Jongere'), ('ouder', 'Ouder')], max_length=10, verbose_name='rol')),
                        ('keuze', models.CharField(choices=[('ja', 'Ja'), ('twijfel', 'Ik twijfel'), ('nee', 'Nee')], max_length=10, verbose_name='keuze')),
                        ('opmerking', models.TextField(blank=True, verbose_name='opmerking')),
                        ('op', models.DateTimeField(default=django.utils.timezone.now, verbose_name='op')),
                        ('persoon', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='persoon')),
                        ('voorstel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='besluiten', to='voorstellen.voorstel', verbose_name='voorstel')),
                    ],
                    options={
                        'verbose_name': 'besluit',
                        'verbose_name_plural': 'besluiten',
                        'db_table': 'matching_besluit',
                        'ordering': ['-op', '-pk'],
                    },
                ),
                migrations.CreateModel(
                    name='VoorstelGebeurtenis',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('rol', models.CharField(blank=True, max_length=30, verbose_name='rol')),
                        ('wat', models.CharField(max_length=40, verbose_name='wat')),
                        ('van_status', models.CharField(blank=True, max_length=30, verbose_name='van')),
                        ('naar_status', models.CharField(blank=True, max_length=30, verbose_name='naar')),
                        ('waarom', models.TextField(blank=True, verbose_name='waarom')),
                        ('op', models.DateTimeField(db_index=True, default=django.utils.timezone.now, verbose_name='op')),
                        ('door', models.ForeignKey(blank=True, help_text='Leeg: het portaal zelf (bijvoorbeeld een verlopen termijn).', null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='door')),
                        ('voorstel', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='tijdlijn', to='voorstellen.voorstel', verbose_name='voorstel')),
                    ],
                    options={
                        'verbose_name': 'gebeurtenis bij een voorstel',
                        'verbose_name_plural': 'tijdlijn van voorstellen',
                        'db_table': 'matching_voorstelgebeurtenis',
                        'ordering': ['op', 'pk'],
                    },
                ),
                migrations.AddIndex(
                    model_name='voorstel',
                    index=models.Index(fields=['status', 'antwoord_uiterlijk'], name='matching_vo_status_3a9408_idx'),
                ),
                migrations.AddConstraint(
                    model_name='toestemming',
                    constraint=models.UniqueConstraint(fields=('voorstel', 'persoon', 'rol'), name='toestemming_eenmaal_per_persoon'),
                ),
                migrations.AddConstraint(
                    model_name='toestemming',
                    constraint=models.CheckConstraint(condition=models.Q(models.Q(('rol', 'overschreven'), _negated=True), models.Q(('reden', ''), _negated=True), _connector='OR'), name='toestemming_overschrijven_met_reden'),
                ),
            ],
            database_operations=[],
        ),
        # Permissions and admin history follow the models: their content types move too.
        migrations.RunPython(
            verhuis_inhoudstypen(
                'voorstellen', [('matching', 'voorstel'), ('matching', 'historicalvoorstel'), ('matching', 'voorstelgebeurtenis'), ('matching', 'besluit'), ('matching', 'kennismaking'), ('matching', 'toestemming'), ('matching', 'tegenspraak')]
            ), migrations.RunPython.noop
        ),
    ]
