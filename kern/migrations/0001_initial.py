"""Moved without touching the database: the shared vocabulary (from matching) and the outbox (from accounts)
keep their tables."""

from django.db import migrations, models

from kern.migraties import verhuis_inhoudstypen



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0010_uitgestelde_taak_status'),
        ('matching', '0011_verdeling'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.CreateModel(
                    name='Kenmerk',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('code', models.SlugField(unique=True, verbose_name='code')),
                        ('naam', models.CharField(help_text="Kort, in gewone taal: 'rust en structuur'.", max_length=120, verbose_name='naam')),
                        ('aanbod_zin', models.CharField(blank=True, help_text="Bijvoorbeeld: 'De woning biedt rust en structuur'.", max_length=200, verbose_name='zin als het aanbod er is')),
                        ('actief', models.BooleanField(default=True, verbose_name='actief')),
                        ('volgorde', models.PositiveSmallIntegerField(default=100, verbose_name='volgorde')),
                    ],
                    options={
                        'verbose_name': 'kenmerk (behoefte of aanbod)',
                        'verbose_name_plural': 'kenmerken (behoeften en aanbod)',
                        'db_table': 'matching_kenmerk',
                        'ordering': ['volgorde', 'naam'],
                    },
                ),
                migrations.CreateModel(
                    name='UitgesteldeTaak',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('taak', models.CharField(max_length=200, verbose_name='taak')),
                        ('argumenten', models.JSONField(default=list, verbose_name='argumenten')),
                        ('status', models.CharField(choices=[('wacht', 'wacht op de takenwachtrij'), ('mislukt', 'mislukt, niet meer geprobeerd')], default='wacht', max_length=10, verbose_name='status')),
                        ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('pogingen', models.PositiveIntegerField(default=0, verbose_name='mislukte pogingen')),
                        ('laatste_poging_op', models.DateTimeField(blank=True, null=True, verbose_name='laatste poging op')),
                        ('laatste_fout', models.CharField(blank=True, max_length=300, verbose_name='laatste fout')),
                        ('request_id', models.CharField(blank=True, max_length=64, verbose_name='request-id')),
                    ],
                    options={
                        'verbose_name': 'uitgestelde taak',
                        'verbose_name_plural': 'uitgestelde taken',
                        'db_table': 'accounts_uitgesteldetaak',
                        'ordering': ['pk'],
                        'indexes': [models.Index(fields=['status', 'laatste_poging_op'], name='accounts_ui_status_df15a2_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(
            verhuis_inhoudstypen("kern", [("matching", "kenmerk"), ("accounts", "uitgesteldetaak")]),
            migrations.RunPython.noop,
        ),
    ]
