"""Moved without touching the database: the access log now belongs to privacy, the outbox to kern."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0001_initial'),
        ('privacy', '0001_initial'),
        ('accounts', '0010_uitgestelde_taak_status'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.RemoveIndex(
                    model_name='inzage',
                    name='accounts_in_jongere_2fcaf5_idx',
                ),
                migrations.RemoveIndex(
                    model_name='uitgesteldetaak',
                    name='accounts_ui_status_df15a2_idx',
                ),
                migrations.DeleteModel(
                    name='UitgesteldeTaak',
                ),
                migrations.DeleteModel(
                    name='Inzage',
                ),
            ],
            database_operations=[],
        ),
    ]
