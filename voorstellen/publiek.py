"""Which reader a page speaks to: the one decision every page showing matching output makes.

The engine writes each explanation for one audience (`kern.publiek`); this is
where a request's user, and for a proposal its stage, become that audience. Pages call it
instead of deciding for themselves, and hand the engine only the audience it returns.
"""

from __future__ import annotations

from accounts.models import User
from kern import publiek
from kern.publiek import Audience
from voorstellen.models import Voorstel


def publiek_voor(user: User, voorstel: Voorstel | None = None) -> Audience:
    """The audience `user` reads matching output as.

    A home's manager reads a proposal before the family agreed to share as
    `BEHEERDER_VOOR_TOESTEMMING` (the youth's signals play no part) and after it as
    `BEHEERDER_NA_TOESTEMMING`; their own home's group as `BEHEERDER`. Youths and parents
    read as `GEZIN`; coordinators, behavioural scientists and admins as `COORDINATOR`.
    """
    if voorstel is None or not user.is_beheerder:
        return publiek.publiek_voor(user)
    if voorstel.volledig_gedeeld_op is None:
        return Audience.BEHEERDER_VOOR_TOESTEMMING
    return Audience.BEHEERDER_NA_TOESTEMMING
