"""Who may do what with youths and their analysis.

Which youths someone sees at all is decided by `Jongere.objects.for_user`; these rules
decide which pages a role may open and who may see the sensitive attention signals.
"""

from __future__ import annotations

import rules

from accounts.rules import (
    hoort_bij_organisatie,
    is_coordinator,
    is_functioneel_beheerder,
    is_gezin,
    is_jongere,
    is_ouder,
)
from jongeren.models import Jongere


@rules.predicate
def werkt_bij_organisatie_van(user: object, jongere: Jongere | None) -> bool:
    return jongere is not None and hoort_bij_organisatie(user, jongere.organisatie_id)


# The youth's coordinators: the coordinators of the youth's own organisation.
is_coordinator_van = is_coordinator & werkt_bij_organisatie_van


# The coordinator's pages: the list, profiles, analyses, invitations.
rules.add_perm("jongeren.coordinator", is_coordinator)
# The family's pages: "Mijn analyse".
rules.add_perm("jongeren.gezin", is_gezin)
rules.add_perm("jongeren.jongere", is_jongere)
rules.add_perm("jongeren.ouder", is_ouder)
# Attention signals: the youth's coordinator and colleagues, and admins. Never homes,
# coordinators elsewhere or the family.
rules.add_perm("jongeren.zie_signalen", is_coordinator_van | is_functioneel_beheerder)
