"""Moved without touching the database: needs point at the vocabulary in kern."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ('jongeren', '0005_beschermde_zone'),
        ('kern', '0001_initial'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.AlterField(
                    model_name='analysebehoefte',
                    name='kenmerk',
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='+', to='kern.kenmerk', verbose_name='behoefte'),
                ),
            ],
            database_operations=[],
        ),
    ]
