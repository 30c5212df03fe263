"""Moved without touching the database: proposals now belong to voorstellen, allocations to
plaatsingstafel, the vocabulary to kern."""

from django.db import migrations


class Migration(migrations.Migration):

    dependencies = [
        ('kern', '0001_initial'),
        ('plaatsingstafel', '0001_initial'),
        ('voorstellen', '0001_initial'),
        ('jongeren', '0006_kenmerk_in_kern'),
        ('matching', '0011_verdeling'),
        ('voorzieningen', '0009_kenmerk_in_kern'),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            # The tables stay as they are (see db_table); only Django's picture of them moves.
            state_operations=[
                migrations.RemoveField(
                    model_name='besluit',
                    name='persoon',
                ),
                migrations.RemoveField(
                    model_name='besluit',
                    name='voorstel',
                ),
                migrations.RemoveField(
                    model_name='historicalvoorstel',
                    name='analyse',
                ),
                migrations.RemoveField(
                    model_name='historicalvoorstel',
                    name='gemaakt_door',
                ),
                migrations.RemoveField(
                    model_name='historicalvoorstel',
                    name='history_user',
                ),
                migrations.RemoveField(
                    model_name='historicalvoorstel',
                    name='jongere',
                ),
                migrations.RemoveField(
                    model_name='historicalvoorstel',
                    name='plaatsing',
                ),
                migrations.RemoveField(
                    model_name='historicalvoorstel',
                    name='voorziening',
                ),
                migrations.DeleteModel(
                    name='Kenmerk',
                ),
                migrations.RemoveField(
                    model_name='kennismaking',
                    name='voorstel',
                ),
                migrations.RemoveField(
                    model_name='tegenspraak',
                    name='door',
                ),
                migrations.RemoveField(
                    model_name='tegenspraak',
                    name='voorstel',
                ),
                migrations.RemoveConstraint(
                    model_name='toestemming',
                    name='toestemming_eenmaal_per_persoon',
                ),
                migrations.RemoveConstraint(
                    model_name='toestemming',
                    name='toestemming_overschrijven_met_reden',
                ),
                migrations.RemoveIndex(
                    model_name='verdeling',
                    name='verdeling_sleutel_idx',
                ),
                migrations.RemoveIndex(
                    model_name='voorstel',
                    name='matching_vo_status_3a9408_idx',
                ),
                migrations.RemoveField(
                    model_name='voorstelgebeurtenis',
                    name='voorstel',
                ),
                migrations.RemoveField(
                    model_name='voorstelgebeurtenis',
                    name='door',
                ),
                migrations.DeleteModel(
                    name='Besluit',
                ),
                migrations.DeleteModel(
                    name='HistoricalVoorstel',
                ),
                migrations.DeleteModel(
                    name='Kennismaking',
                ),
                migrations.DeleteModel(
                    name='Tegenspraak',
                ),
                migrations.RemoveField(
                    model_name='toestemming',
                    name='persoon',
                ),
                migrations.RemoveField(
                    model_name='toestemming',
                    name='voorstel',
                ),
                migrations.RemoveField(
                    model_name='verdeling',
                    name='gevraagd_door',
                ),
                migrations.RemoveField(
                    model_name='verdeling',
                    name='jongeren',
                ),
                migrations.RemoveField(
                    model_name='verdeling',
                    name='regio',
                ),
                migrations.RemoveField(
                    model_name='voorstel',
                    name='analyse',
                ),
                migrations.RemoveField(
                    model_name='voorstel',
                    name='gemaakt_door',
                ),
                migrations.RemoveField(
                    model_name='voorstel',
                    name='jongere',
                ),
                migrations.RemoveField(
                    model_name='voorstel',
                    name='plaatsing',
                ),
                migrations.RemoveField(
                    model_name='voorstel',
                    name='voorziening',
                ),
                migrations.DeleteModel(
                    name='VoorstelGebeurtenis',
                ),
                migrations.DeleteModel(
                    name='Toestemming',
                ),
                migrations.DeleteModel(
                    name='Verdeling',
                ),
                migrations.DeleteModel(
                    name='Voorstel',
                ),
            ],
            database_operations=[],
        ),
    ]
