"""Moved without touching the database: offers, team competences and admission rules point at
the vocabulary in kern."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0001_initial'),
        ('voorzieningen', '0008_woningprofiel_toelating_fotos'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.AlterField(
                    model_name='toelatingsregel',
                    name='kenmerk',
                    field=models.ForeignKey(blank=True, help_text='Alleen bij de regel over wat een jongere nodig heeft.', null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kern.kenmerk', verbose_name='wat wij niet kunnen bieden'),
                ),
                migrations.AlterField(
                    model_name='teamlid',
                    name='competenties',
                    field=models.ManyToManyField(blank=True, related_name='teamleden', to='kern.kenmerk', verbose_name='competenties'),
                ),
                migrations.AlterField(
                    model_name='voorziening',
                    name='aanbod',
                    field=models.ManyToManyField(blank=True, related_name='voorzieningen', to='kern.kenmerk', verbose_name='wat de woning biedt'),
                ),
            ],
            database_operations=[],
        ),
    ]
