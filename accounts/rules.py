"""Role predicates and the permissions built on them (django-rules).

Object-level rules for homes, youths and proposals live in their own apps' rules.py;
these role predicates are the building blocks they combine.
"""

from __future__ import annotations

import rules

from accounts.models import Rol, User
from accounts.tweestaps import is_geverifieerd


def _has_role(role: Rol) -> rules.Predicate:
    @rules.predicate(name=f"is_{role.value}")
    def check(user: object) -> bool:
        # AnonymousUser is not a User, so it never has a role.
        return isinstance(user, User) and user.is_active and user.rol == role

    return check


is_coordinator = _has_role(Rol.COORDINATOR)
is_beheerder = _has_role(Rol.BEHEERDER)
is_jongere = _has_role(Rol.JONGERE)
is_ouder = _has_role(Rol.OUDER)
is_functioneel_beheerder = _has_role(Rol.FUNCTIONEEL_BEHEERDER)
is_jeugdbeschermer = _has_role(Rol.JEUGDBESCHERMER)
is_expertteam = _has_role(Rol.EXPERTTEAM)
is_gezin = is_jongere | is_ouder


@rules.predicate
def is_gedragswetenschapper(user: object) -> bool:
    """A coordinator who is also the organisation's behavioural scientist."""
    return isinstance(user, User) and user.is_active and user.is_gedragswetenschapper


def hoort_bij_organisatie(user: object, organisatie_id: int | None) -> bool:
    """The one test of "does this active person work at this organisation?", which every
    rule about a youth's coordinator or a home's manager builds on."""
    return (
        isinstance(user, User)
        and user.is_active
        and user.organisatie_id is not None
        and user.organisatie_id == organisatie_id
    )


rules.add_perm("accounts.beheer_start", is_functioneel_beheerder)
# The second login step was passed in this session (checked whatever the settings say).
heeft_tweede_stap_gedaan = rules.predicate(is_geverifieerd, name="heeft_tweede_stap_gedaan")


# The access log: admins only, and only after the second login step.
rules.add_perm("privacy.inzage_log", is_functioneel_beheerder & heeft_tweede_stap_gedaan)
