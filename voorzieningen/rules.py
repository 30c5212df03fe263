"""Who may see and manage homes (django-rules).

* Managing a home (its profile, team, residents with their attention signals, vacancies)
  is for the managers of the home's own care provider and for functional admins.
* Looking at a home as a searcher (profile, team summary, vacancies, the aggregated group
  picture, never individual residents) is for coordinators and admins; a manager may look
  at their own provider's homes this way too.
* Youths and parents see none of these pages.

Querysets do the scoping (`Voorziening.objects.managed_by` / `for_user`); these rules say
which roles may open a page at all, and check the single object once it is fetched.
"""

from __future__ import annotations

import rules

from accounts.rules import (
    hoort_bij_organisatie,
    is_beheerder,
    is_coordinator,
    is_functioneel_beheerder,
    is_jongere,
    is_ouder,
)


@rules.predicate
def hoort_bij_aanbieder_van(user: object, voorziening: object) -> bool:
    from voorzieningen.models import Voorziening

    return isinstance(voorziening, Voorziening) and hoort_bij_organisatie(
        user, voorziening.aanbieder_id
    )


# The home's managers: the managers of the home's own care provider.
is_beheerder_van_aanbieder = is_beheerder & hoort_bij_aanbieder_van


beheert_voorziening = is_beheerder_van_aanbieder | is_functioneel_beheerder

# Role-level: may open the manager's dashboard ("mijn voorzieningen").
rules.add_perm("voorzieningen.beheer_dashboard", is_beheerder)
# Role-level: may open manager pages at all; the object rule below decides per home.
rules.add_perm("voorzieningen.beheer", is_beheerder | is_functioneel_beheerder)
# Object-level: may manage this home, including its residents' attention signals.
rules.add_perm("voorzieningen.beheer_voorziening", beheert_voorziening)
# Role-level: may search the list of all homes.
rules.add_perm("voorzieningen.zoek_voorzieningen", is_coordinator | is_functioneel_beheerder)
# Role-level: may open a home's read-only page (managers: only their own, by queryset).
rules.add_perm(
    "voorzieningen.bekijk_voorziening", is_coordinator | is_functioneel_beheerder | is_beheerder
)
# Role-level: may open a stay's page (the perspective, the mentor, the transition
# checklist); `voorzieningen.verblijf.rol_bij` decides per stay.
rules.add_perm("voorzieningen.verblijf", is_jongere | is_ouder | is_coordinator | is_beheerder)
