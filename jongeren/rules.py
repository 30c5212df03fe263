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
    is_jeugdbeschermer,
    is_jongere,
    is_ouder,
)
from jongeren.models import GezinsRol, Jongere


@rules.predicate
def werkt_bij_organisatie_van(user: object, jongere: Jongere | None) -> bool:
    return jongere is not None and hoort_bij_organisatie(user, jongere.organisatie_id)


# The youth's coordinators: the coordinators of the youth's own organisation.
is_coordinator_van = is_coordinator & werkt_bij_organisatie_van


# --- The family and the youth protection worker (DOMAIN.md, "Who decides") -----------------
#
# What a parent may read follows gezag and the youth's age: a parent without gezag gets
# general information only; from 16 the youth decides whether parents read the analysis and
# its attention signals. Every page and the "Mijn gegevens" export ask these predicates.


@rules.predicate
def is_de_jongere_zelf(user: object, jongere: Jongere | None) -> bool:
    return jongere is not None and jongere.rol_van(user) == GezinsRol.JONGERE  # type: ignore[arg-type]


@rules.predicate
def is_ouder_van(user: object, jongere: Jongere | None) -> bool:
    return jongere is not None and jongere.rol_van(user) == GezinsRol.OUDER  # type: ignore[arg-type]


@rules.predicate
def is_ouder_met_gezag(user: object, jongere: Jongere | None) -> bool:
    return (
        jongere is not None
        and jongere.rol_van(user) == GezinsRol.OUDER  # type: ignore[arg-type]
        and jongere.heeft_gezag(user)  # type: ignore[arg-type]
    )


@rules.predicate
def is_jeugdbeschermer_van(user: object, jongere: Jongere | None) -> bool:
    return (
        jongere is not None
        and is_jeugdbeschermer(user)
        and jongere.jeugdbeschermer_id == getattr(user, "pk", None)
    )


@rules.predicate
def jongere_is_16_plus(user: object, jongere: Jongere | None) -> bool:
    return jongere is not None and jongere.leeftijd >= 16


@rules.predicate
def jongere_deelt_met_ouders(user: object, jongere: Jongere | None) -> bool:
    return jongere is not None and jongere.ouders_zien_analyse


@rules.predicate
def ouder_leest_dossier(user: object, jongere: Jongere | None) -> bool:
    """A parent reads the file (the analysis, its signals in "Mijn gegevens", the
    proposals) with gezag, and from the youth's 16th birthday only when the youth shares
    it (`Jongere.ouder_leest_dossier`)."""
    return bool(is_ouder_van(user, jongere)) and jongere.ouder_leest_dossier(user)  # type: ignore[arg-type, union-attr]


leest_dossier = is_de_jongere_zelf | ouder_leest_dossier | is_jeugdbeschermer_van


# The coordinator's pages: the list, profiles, analyses, invitations.
rules.add_perm("jongeren.coordinator", is_coordinator)
# The family's pages: "Mijn analyse".
rules.add_perm("jongeren.gezin", is_gezin)
rules.add_perm("jongeren.jongere", is_jongere)
rules.add_perm("jongeren.ouder", is_ouder)
rules.add_perm("jongeren.jeugdbeschermer", is_jeugdbeschermer)
# The family's file of one youth: the analysis and what the portal holds. Everyone else in
# the family (a parent without gezag, or whom a 16+ youth does not share with) reads general
# information only.
rules.add_perm("jongeren.lees_dossier", leest_dossier)
# From 16 the youth chooses what parents read.
rules.add_perm("jongeren.kies_wat_ouders_zien", is_de_jongere_zelf & jongere_is_16_plus)
# Attention signals: the youth's coordinator and colleagues, and admins. Never homes,
# coordinators elsewhere or the family.
rules.add_perm("jongeren.zie_signalen", is_coordinator_van | is_functioneel_beheerder)
