"""Moved without touching the database: the joint allocations (from matching) keep their table."""

import django.db.models.deletion
from django.conf import settings
from django.db import migrations, models

from kern.migraties import verhuis_inhoudstypen



class Migration(migrations.Migration):

    initial = True

    dependencies = [
        ('contenttypes', '0002_remove_content_type_name'),
        ('accounts', '0010_uitgestelde_taak_status'),
        ('matching', '0011_verdeling'),
        ('jongeren', '0006_kenmerk_in_kern'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.CreateModel(
                    name='Verdeling',
                    fields=[
                        ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                        ('sleutel', models.CharField(help_text='Vingerafdruk van de invoer: dezelfde invoer geeft dezelfde verdeling.', max_length=64, verbose_name='sleutel')),
                        ('invoer', models.JSONField(verbose_name='invoer')),
                        ('status', models.CharField(choices=[('wachtend', 'Wacht op een rekenproces'), ('bezig', 'Bezig met rekenen'), ('klaar', 'Klaar'), ('onmogelijk', 'Geen verdeling mogelijk'), ('mislukt', 'Mislukt'), ('gestopt', 'Gestopt')], default='wachtend', max_length=20, verbose_name='status')),
                        ('uitkomst', models.JSONField(blank=True, null=True, verbose_name='uitkomst')),
                        ('melding', models.TextField(blank=True, help_text='Waarom er geen verdeling is of wat er misging.', verbose_name='melding')),
                        ('aangemaakt_op', models.DateTimeField(auto_now_add=True, verbose_name='aangemaakt op')),
                        ('gestart_op', models.DateTimeField(blank=True, null=True, verbose_name='gestart op')),
                        ('klaar_op', models.DateTimeField(blank=True, null=True, verbose_name='klaar op')),
                        ('gevraagd_door', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='gevraagd door')),
                        ('jongeren', models.ManyToManyField(related_name='verdelingen', to='jongeren.jongere', verbose_name='jongeren')),
                        ('regio', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='verdelingen', to='accounts.regio', verbose_name='regio')),
                    ],
                    options={
                        'verbose_name': 'verdeling',
                        'verbose_name_plural': 'verdelingen',
                        'db_table': 'matching_verdeling',
                        'ordering': ['-aangemaakt_op', '-pk'],
                        'indexes': [models.Index(fields=['regio', 'sleutel'], name='verdeling_sleutel_idx')],
                    },
                ),
            ],
            database_operations=[],
        ),
        # Permissions and admin history follow the models: their content types move too.
        migrations.RunPython(
            verhuis_inhoudstypen(
                'plaatsingstafel', [('matching', 'verdeling')]
            ), migrations.RunPython.noop
        ),
    ]
