"""What the matching app tells the apps above it."""

from django.dispatch import Signal

# A home's stored group picture changed materially (`services.groepsbeeld_veranderd`).
# Sent with `voorziening_id`; the proposal workflow re-evaluates the open proposals to it.
groepsbeeld_veranderd = Signal()
