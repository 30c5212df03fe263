"""The joint allocation proposal for a placement table (plaatsingstafel).

Many youths wait, few places are free: this module computes an assignment of youths to free
places, as *advice* for the people at the table. Nothing here sends a proposal; the pages only
link to the normal proposal flow.

The objective is lexicographic, because maximising the total fit alone leaves out the
lowest-scoring youths, usually the most complex ones, the very youths the field says end up
with no place at all:

1. **as many youths placed as possible**;
2. then **priority** for those who have waited longest or are most urgent (`voorrang`: the
   weeks since the place was needed; a youth whose place is not needed yet has none);
2b. then **siblings together**: as many sibling pairs (`Verzoek.samen`) in one home as
   possible, without costing anyone a place or priority;
3. only then the **total fit** (the engine's scores minus what newcomers sharing a home
   cost each other).

It is solved in two rounds: the first maximises 1 and 2 together (one extra youth placed is
worth more than all priority points together, so that is exactly "1, then 2"), the second
keeps the first round's numbers as constraints and maximises 3. The reported gap is the
second round's. Every youth left without a place gets the reason and a suggestion (escalate
to the regional expert team, widen the search).

Plain Python plus OR-Tools CP-SAT, no Django, like the engine it builds on:

* **Fit** is the matching engine's score (`rank_homes`), so every hard limit of the engine
  applies unchanged: only homes the engine calls eligible for a youth are candidates.
* **Capacity** per home is the number of places that can be filled in this round: its open
  vacancies, and never more than the room left under the home's maximum (and 6).
* **Youths placed together** count in each other's group. For every two candidates of the
  same home with room for both, the engine scores each of them once more with the other one
  added as a resident. When that blocks (the absolute incompatibility), the pair may not share
  the home; otherwise the points both lose (look-alike profiles, influence pairs, the safety
  rules, group size, developmental bands, staff ratio, the cap on a `hoog` group: the
  engine's own group rules) are subtracted when both go there. Effects of three newcomers in
  one home are the sum of the pairs.
* **Pruning** keeps the model small: per youth only the `top_k` best eligible homes, per
  home only the `top_m` best-fitting youths (a fixed choice is always kept). The optimum and
  the gap are those of this pruned model.

Bad input never reaches the solver as an exception: `AllocatieFout` carries a Dutch message
that says why (no places, no youths, conflicting fixed choices, an infeasible request).
"""

from __future__ import annotations

import time
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date

from ortools.graph.python import min_cost_flow
from ortools.sat.python import cp_model

from kern.publiek import Aanspreekvorm, Stem
from matching.engine import Audience, Home, HomeResult, Resident, Youth, best_homes, rank_homes
from matching.engine import config as engine_config
from matching.engine.group import age_on
from matching.engine.plekken import capaciteit

# Scores have one decimal: the solver works in tenths of a point, as whole numbers.
SCHAAL = 10
TOP_K = 8
TOP_M = 12
ALTERNATIEVEN = 3
# The whole advice, scoring included, within this many seconds: the two solver rounds share
# what the scoring left (and always get at least a moment each).
TIJDSLIMIET_SECONDEN = 9.0
MINSTE_SOLVERTIJD = 0.5
WORKERS = 2
# Stop searching once the answer is provably within 0.5% of the best possible.
RELATIEVE_GAP = 0.005
# The first round (placed, then priority) is an assignment problem the solver closes fast;
# it may take at most this share of the time limit, the rest is for the fit.
AANDEEL_EERSTE_RONDE = 0.4
# When the case goes to the region's expert table (DOMAIN.md, "Escalation").
ESCALATIE_WEKEN = 4
ESCALATIE_AFWIJZINGEN = 3

# The placement table is read by coordinators: explanations name no resident's signals.
PUBLIEK = Audience.COORDINATOR


def _stem(verzoek: Verzoek, youth_ref: str) -> Stem:
    """The table's coordinators read about each youth in the third person, by first name
    (docs/schrijfwijzer.md); "de jongere" when the request names none."""
    return Stem(Aanspreekvorm.PROFESSIONEEL, verzoek.namen.get(youth_ref, ""))


# Attention points that a second newcomer can add to a youth's placement: the engine's group
# composition codes (as coordinators read them, a point resting on the other newcomer's signals
# is the one group-level `groepsrisico`).
_PAAR_CODES = engine_config.GROUP_ATTENTION_CODES


class AllocatieFout(Exception):
    """A request the table cannot get an answer to, with a Dutch message saying why."""

    def __init__(self, message: str, *, code: str) -> None:
        super().__init__(message)
        self.message = message
        self.code = code


@dataclass(frozen=True)
class Verzoek:
    """What the table asks: who waits, which homes, and the choices already made.

    `vast` maps a youth's ref to a home's ref that is already decided; `uitgesloten` holds
    home refs the table leaves out. `iedereen` asks for a place for every youth (the request
    is infeasible when that cannot be). `namen` gives display names for refs, for messages.
    `afwijzingen` counts earlier declines per youth, for the suggestion to escalate.
    `tijdslimiet` is for the whole advice, the engine's scoring included.
    """

    youths: Sequence[Youth]
    homes: Sequence[Home]
    today: date
    vast: Mapping[str, str] = field(default_factory=dict)
    uitgesloten: frozenset[str] = frozenset()
    iedereen: bool = False
    namen: Mapping[str, str] = field(default_factory=dict)
    # How many homes declined each youth so far (by ref): part of when to escalate.
    afwijzingen: Mapping[str, int] = field(default_factory=dict)
    # Siblings to keep together where it can (pairs of youth refs).
    samen: Sequence[tuple[str, str]] = ()
    top_k: int = TOP_K
    top_m: int = TOP_M
    tijdslimiet: float = TIJDSLIMIET_SECONDEN
    workers: int = WORKERS

    def naam(self, ref: str) -> str:
        return self.namen.get(ref, ref)


@dataclass(frozen=True)
class Kandidaat:
    home_ref: str
    score: float
    result: HomeResult


@dataclass(frozen=True)
class Paareffect:
    """What placing this youth together with another newcomer in one home does."""

    ander_ref: str
    punten: float  # points the two lose together
    uitleg: tuple[str, ...]


@dataclass(frozen=True)
class Toewijzing:
    """The advice for one youth: the proposed home (or none), why, and the alternatives."""

    youth: Youth
    kandidaat: Kandidaat | None
    alternatieven: tuple[Kandidaat, ...]
    samen_met: tuple[Paareffect, ...]
    vast: bool
    waarom_geen: str = ""
    suggestie: str = ""
    voorrang: int = 0


@dataclass(frozen=True)
class Advies:
    """The advice, with the objective in its three parts (placed, priority, fit)."""

    toewijzingen: tuple[Toewijzing, ...]
    totale_fit: float  # the third part: sum of scores minus what pairs cost
    grens: float  # the solver's bound on the fit, given the first two parts
    gap: float  # |fit - bound| / max(1, |fit|)
    optimaal: bool  # the fit proven optimal, or within RELATIEVE_GAP of the best possible
    seconden: float
    seconden_solver: float
    plekken: int
    kandidaten: int
    paren: int
    verboden_paren: int
    voorrang_totaal: int = 0  # the second part: priority points of the placed youths
    voorrang_bewezen: bool = True  # the first two parts proven the best possible
    seconden_eerste_ronde: float = 0.0  # of `seconden_solver`: placed and priority

    @property
    def geplaatst(self) -> int:
        return sum(1 for t in self.toewijzingen if t.kandidaat is not None)

    @property
    def doel(self) -> tuple[int, int, float]:
        """The lexicographic objective: (placed, priority, fit), compared in that order."""
        return (self.geplaatst, self.voorrang_totaal, self.totale_fit)


def voorrang(youth: Youth, today: date) -> int:
    """Priority points: 1 plus a point per whole week since the place was needed; 0 while
    the place is not needed yet. Waiting longest and being most urgent come to the same
    thing here: a crisis has today's date, and every week without a place adds a point."""
    if youth.needed_from > today:
        return 0
    return 1 + (today - youth.needed_from).days // 7


def wachtweken(youth: Youth, today: date) -> int:
    return max(0, (today - youth.needed_from).days // 7)


def als_bewoner(youth: Youth, index: int) -> Resident:
    """A youth of this round as a resident of the home the other one would join."""
    return Resident(
        ref=f"nieuwe bewoner {index}",
        birth_date=youth.birth_date,
        gender=youth.gender,
        care_profile=youth.care_profile,
        care_intensity=youth.care_intensity,
        attention=youth.attention,
    )


def _niet_uitgesloten(youth: Youth, homes: list[Home], verzoek: Verzoek) -> list[Home]:
    """The homes that the engine's cheapest hard limits (closed home without authorisation,
    age outside the home's range) do not already rule out, so the engine scores fewer homes.

    Only a shortcut: the engine checks the same limits again, and all the others. A home with
    a fixed choice is always kept, so a conflict gets the engine's own explanation.
    """
    age = age_on(youth.birth_date, max(youth.needed_from, verzoek.today))
    if not engine_config.KWV_AGE_MIN <= age <= engine_config.KWV_AGE_MAX:
        return homes  # the engine explains this one for every home
    vaste = verzoek.vast.get(youth.ref)
    machtiging = youth.machtiging_gesloten
    return [
        home
        for home in homes
        if (home.age_min <= age <= home.age_max and (machtiging or not home.closed))
        or home.ref == vaste
    ]


def _met_nieuwkomer(home: Home, youth: Youth, youth_ref: str) -> Home:
    """The home as it would be with this newcomer already living there. Its ref carries
    the newcomer's, so the results of one batch can be told apart."""
    return replace(
        home, ref=f"{home.ref}+{youth_ref}", residents=(*home.residents, als_bewoner(youth, 1))
    )


def _onverenigbaar(a: Youth, b: Youth) -> bool:
    sgg, smh = engine_config.INCOMPATIBLE_PAIR
    return (sgg in a.attention and smh in b.attention) or (
        smh in a.attention and sgg in b.attention
    )


def _blokkade(result: HomeResult) -> str:
    return " ".join(reason.explanation for reason in result.blocking)


def _nieuwe_punten(voor: HomeResult, na: HomeResult) -> tuple[str, ...]:
    bekend = {reason.code for reason in voor.attention}
    return tuple(
        reason.explanation
        for reason in na.attention
        if reason.code in _PAAR_CODES and reason.code not in bekend
    )


@dataclass
class _Model:
    verzoek: Verzoek
    homes: dict[str, Home]
    cap: dict[str, int]
    kandidaten: dict[str, list[Kandidaat]]  # per youth, best first
    alle_geschikt: dict[str, list[Kandidaat]]  # per youth, every eligible home, best first
    paar_verlies: dict[tuple[str, str, str], tuple[int, Paareffect, Paareffect]]
    verboden: set[tuple[str, str, str]]
    voorrang: dict[str, int]  # priority points per youth


def stel_voor(verzoek: Verzoek) -> Advies:
    """The best joint assignment for this request, or `AllocatieFout` saying why not."""
    start = time.perf_counter()
    model = _bouw(verzoek)
    return _los_op(model, start)


def _bouw(verzoek: Verzoek) -> _Model:
    youths = {youth.ref: youth for youth in verzoek.youths}
    if not youths:
        raise AllocatieFout(
            "Er wachten geen jongeren in deze regio: er valt niets te verdelen.",
            code="geen_jongeren",
        )
    for youth_ref, home_ref in verzoek.vast.items():
        if youth_ref not in youths:
            raise AllocatieFout(
                f"{verzoek.naam(youth_ref)} staat niet op de lijst van wachtende jongeren, "
                "dus die keuze kan niet worden vastgezet.",
                code="vast_onbekend",
            )
        if home_ref in verzoek.uitgesloten:
            raise AllocatieFout(
                f"{verzoek.naam(home_ref)} is uitgesloten, maar ook vastgezet voor "
                f"{verzoek.naam(youth_ref)}. Kies één van de twee.",
                code="vast_uitgesloten",
            )
    homes = {
        home.ref: home
        for home in verzoek.homes
        if home.ref not in verzoek.uitgesloten and capaciteit(home) > 0
    }
    for youth_ref, home_ref in verzoek.vast.items():
        if home_ref not in homes:
            raise AllocatieFout(
                f"{verzoek.naam(home_ref)} heeft nu geen vrije plek, dus "
                f"{verzoek.naam(youth_ref)} kan daar niet worden vastgezet.",
                code="vast_geen_plek",
            )
    if not homes:
        raise AllocatieFout(
            "Er zijn geen vrije plekken in deze regio"
            + (" (na het uitsluiten van woningen)" if verzoek.uitgesloten else "")
            + ": er valt niets te verdelen.",
            code="geen_plekken",
        )
    cap = {ref: capaciteit(home) for ref, home in homes.items()}

    per_woning: dict[str, int] = defaultdict(int)
    for home_ref in verzoek.vast.values():
        per_woning[home_ref] += 1
    for home_ref, aantal in per_woning.items():
        if aantal > cap[home_ref]:
            raise AllocatieFout(
                f"Voor {verzoek.naam(home_ref)} zijn {aantal} jongeren vastgezet, maar er "
                f"{'is' if cap[home_ref] == 1 else 'zijn'} maar {cap[home_ref]} "
                f"{'plek' if cap[home_ref] == 1 else 'plekken'} vrij.",
                code="vast_te_veel",
            )

    # The best eligible homes per youth, from the engine (`best_homes` scores only homes
    # that can still reach the top); a fixed choice is scored on its own when it is not there.
    home_list = list(homes.values())
    alle_geschikt: dict[str, list[Kandidaat]] = {}
    for youth in youths.values():
        vaste = verzoek.vast.get(youth.ref)
        beste = best_homes(
            youth,
            _niet_uitgesloten(youth, home_list, verzoek),
            verzoek.today,
            verzoek.top_k + ALTERNATIEVEN + 1,
            audience=PUBLIEK,
            stem=_stem(verzoek, youth.ref),
        )
        if vaste is not None and not any(r.home.ref == vaste for r in beste):
            eigen = rank_homes(
                youth,
                [homes[vaste]],
                verzoek.today,
                audience=PUBLIEK,
                stem=_stem(verzoek, youth.ref),
            )[0]
            if not eigen.eligible:
                raise AllocatieFout(
                    f"{verzoek.naam(youth.ref)} kan niet naar {verzoek.naam(vaste)}: "
                    f"{_blokkade(eigen)}",
                    code="vast_niet_geschikt",
                )
            beste.append(eigen)
        alle_geschikt[youth.ref] = [
            Kandidaat(r.home.ref, r.score, r) for r in beste if r.score is not None
        ]

    # Prune: per youth the best `top_k`; per home its best `top_m` youths. Fixed choices stay.
    per_youth = {
        ref: [
            k
            for i, k in enumerate(lijst)
            if i < verzoek.top_k or verzoek.vast.get(ref) == k.home_ref
        ]
        for ref, lijst in alle_geschikt.items()
    }
    per_home: dict[str, list[tuple[float, str]]] = defaultdict(list)
    for ref, lijst in per_youth.items():
        for kandidaat in lijst:
            per_home[kandidaat.home_ref].append((kandidaat.score, ref))
    houden: set[tuple[str, str]] = set()
    for home_ref, gegadigden in per_home.items():
        gegadigden.sort(key=lambda item: (-item[0], item[1]))
        for index, (_score, youth_ref) in enumerate(gegadigden):
            if index < verzoek.top_m or verzoek.vast.get(youth_ref) == home_ref:
                houden.add((youth_ref, home_ref))
    kandidaten = {
        ref: [k for k in lijst if (ref, k.home_ref) in houden] for ref, lijst in per_youth.items()
    }

    if verzoek.iedereen:
        zonder = [ref for ref, lijst in kandidaten.items() if not lijst]
        if zonder:
            namen = ", ".join(verzoek.naam(ref) for ref in zonder[:5])
            raise AllocatieFout(
                "Niet iedereen kan een plek krijgen: voor "
                f"{namen}{' en anderen' if len(zonder) > 5 else ''} is geen enkele vrije plek "
                "in de regio mogelijk (de harde grenzen staan het niet toe). Vraag het voorstel "
                "zonder de eis 'iedereen een plek'.",
                code="onhaalbaar",
            )

    # Youths of this round who could end up in the same home: score each with the other in.
    paar_verlies: dict[tuple[str, str, str], tuple[int, Paareffect, Paareffect]] = {}
    verboden: set[tuple[str, str, str]] = set()
    per_home_kandidaten: dict[str, list[tuple[str, Kandidaat]]] = defaultdict(list)
    for ref, lijst in kandidaten.items():
        for kandidaat in lijst:
            per_home_kandidaten[kandidaat.home_ref].append((ref, kandidaat))
    # Per youth, every home it could share with another newcomer, with that newcomer in:
    # one engine call per youth (the engine prepares a youth once for many homes).
    te_scoren: dict[str, list[Home]] = defaultdict(list)
    paren: list[tuple[str, str, str, Kandidaat, Kandidaat]] = []
    for home_ref, nieuwkomers in per_home_kandidaten.items():
        if cap[home_ref] < 2 or len(nieuwkomers) < 2:
            continue
        home = homes[home_ref]
        nieuwkomers.sort(key=lambda item: item[0])
        for a_index, (a_ref, a_kand) in enumerate(nieuwkomers):
            for b_ref, b_kand in nieuwkomers[a_index + 1 :]:
                if _onverenigbaar(youths[a_ref], youths[b_ref]):
                    verboden.add((a_ref, b_ref, home_ref))
                    continue
                paren.append((a_ref, b_ref, home_ref, a_kand, b_kand))
                te_scoren[a_ref].append(_met_nieuwkomer(home, youths[b_ref], b_ref))
                te_scoren[b_ref].append(_met_nieuwkomer(home, youths[a_ref], a_ref))
    samen_score: dict[tuple[str, str, str], HomeResult] = {}
    for youth_ref, varianten in te_scoren.items():
        for result in rank_homes(
            youths[youth_ref],
            varianten,
            verzoek.today,
            audience=PUBLIEK,
            stem=_stem(verzoek, youth_ref),
        ):
            home_ref, _sep, ander = result.home.ref.partition("+")
            samen_score[youth_ref, ander, home_ref] = result
    for a_ref, b_ref, home_ref, a_kand, b_kand in paren:
        key = (a_ref, b_ref, home_ref)
        a_met_b = samen_score[a_ref, b_ref, home_ref]
        b_met_a = samen_score[b_ref, a_ref, home_ref]
        if not a_met_b.eligible or not b_met_a.eligible:
            verboden.add(key)
            continue
        verlies_a = max(0.0, a_kand.score - (a_met_b.score or 0.0))
        verlies_b = max(0.0, b_kand.score - (b_met_a.score or 0.0))
        verlies = round((verlies_a + verlies_b) * SCHAAL)
        if verlies <= 0:
            continue
        punten = verlies / SCHAAL
        paar_verlies[key] = (
            verlies,
            Paareffect(b_ref, punten, _nieuwe_punten(a_kand.result, a_met_b)),
            Paareffect(a_ref, punten, _nieuwe_punten(b_kand.result, b_met_a)),
        )

    vaste_per_woning: dict[str, list[str]] = defaultdict(list)
    for youth_ref, home_ref in verzoek.vast.items():
        vaste_per_woning[home_ref].append(youth_ref)
    for home_ref, refs in vaste_per_woning.items():
        refs.sort()
        for i, a_ref in enumerate(refs):
            for b_ref in refs[i + 1 :]:
                if (a_ref, b_ref, home_ref) in verboden:
                    raise AllocatieFout(
                        f"{verzoek.naam(a_ref)} en {verzoek.naam(b_ref)} zijn allebei "
                        f"vastgezet in {verzoek.naam(home_ref)}, maar mogen niet samen in één "
                        "groep wonen (harde grens). Zet één van beiden los.",
                        code="vast_onverenigbaar",
                    )

    return _Model(
        verzoek,
        homes,
        cap,
        kandidaten,
        alle_geschikt,
        paar_verlies,
        verboden,
        {ref: voorrang(youth, verzoek.today) for ref, youth in youths.items()},
    )


Keuze = dict[tuple[str, str], cp_model.IntVar]


def _basis(model: _Model, cp: cp_model.CpModel) -> Keuze:
    """What every round must respect: one home per youth at most (exactly one when everyone
    must get a place), the fixed choices, the places per home, the forbidden pairs."""
    verzoek = model.verzoek
    x: Keuze = {}
    per_home: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    for youth_ref, lijst in model.kandidaten.items():
        youth_vars = []
        for kandidaat in lijst:
            var = cp.new_bool_var(f"x_{youth_ref}_{kandidaat.home_ref}")
            x[youth_ref, kandidaat.home_ref] = var
            youth_vars.append(var)
            per_home[kandidaat.home_ref].append(var)
        if verzoek.iedereen:
            cp.add_exactly_one(youth_vars)
        elif youth_vars:
            cp.add_at_most_one(youth_vars)
        vaste = verzoek.vast.get(youth_ref)
        if vaste is not None:
            cp.add(x[youth_ref, vaste] == 1)
    for home_ref, variables in per_home.items():
        if len(variables) > model.cap[home_ref]:
            cp.add(sum(variables) <= model.cap[home_ref])
    for a_ref, b_ref, home_ref in model.verboden:
        cp.add(x[a_ref, home_ref] + x[b_ref, home_ref] <= 1)
    return x


def _samen(model: _Model, cp: cp_model.CpModel, x: Keuze) -> list[cp_model.IntVar]:
    """One variable per sibling pair and home both could go to: 1 only when both go there."""
    variabelen = []
    for a_ref, b_ref in model.verzoek.samen:
        for kandidaat in model.kandidaten.get(a_ref, []):
            home_ref = kandidaat.home_ref
            if (b_ref, home_ref) not in x:
                continue
            samen = cp.new_bool_var(f"s_{a_ref}_{b_ref}_{home_ref}")
            cp.add(samen <= x[a_ref, home_ref])
            cp.add(samen <= x[b_ref, home_ref])
            variabelen.append(samen)
    return variabelen


def _solver(model: _Model, seconden: float, gap: float) -> cp_model.CpSolver:
    verzoek = model.verzoek
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = verzoek.workers
    solver.parameters.max_time_in_seconds = seconden
    solver.parameters.random_seed = 1
    # With only two workers, the default portfolio hardly moves the bound on this model.
    # One worker on the full LP relaxation and one on an LP-guided tree search close the
    # gap within seconds (measured on the 300 x 1000 benchmark).
    if verzoek.workers == 2:
        solver.parameters.subsolvers.append("max_lp")
        solver.parameters.subsolvers.append("lb_tree_search")
    solver.parameters.relative_gap_limit = gap
    return solver


def _geen_oplossing(model: _Model, status: object) -> AllocatieFout:
    if status == cp_model.INFEASIBLE:
        plekken = sum(model.cap.values())
        return AllocatieFout(
            "Niet iedere jongere kan tegelijk een plek krijgen"
            + (
                f": er zijn {plekken} vrije plekken voor {len(model.kandidaten)} jongeren."
                if plekken < len(model.kandidaten)
                else ": meerdere jongeren zijn op dezelfde paar woningen aangewezen, of mogen "
                "daar niet samen wonen."
            )
            + " Vraag het voorstel zonder de eis 'iedereen een plek', of zet minder keuzes vast.",
            code="onhaalbaar",
        )
    return AllocatieFout(
        "De berekening vond binnen de tijd geen oplossing. Probeer het opnieuw met minder "
        "jongeren of zonder de eis 'iedereen een plek'.",
        code="geen_oplossing",
    )


def _los_op(model: _Model, start: float) -> Advies:
    verzoek = model.verzoek
    solve_start = time.perf_counter()
    budget = max(2 * MINSTE_SOLVERTIJD, verzoek.tijdslimiet - (solve_start - start))
    p = model.voorrang

    # Round 1: as many placed as possible, then as much priority as possible. One placed
    # youth is worth more than all priority points together, so this one objective is
    # exactly that order.
    # Siblings together come after priority: one point of priority outweighs every pair.
    eerste = cp_model.CpModel()
    x1 = _basis(model, eerste)
    samen1 = _samen(model, eerste, x1)
    per_voorrang = len(samen1) + 1
    per_plaatsing = (sum(p.values()) + 1) * per_voorrang
    eerste.maximize(
        sum((per_plaatsing + per_voorrang * p[ref]) * var for (ref, _h), var in x1.items())
        + sum(samen1)
    )
    start_keuze = _startpunt(model)
    for key, waarde in _hint(model, start_keuze).items():
        eerste.add_hint(x1[key], waarde)
    solver = _solver(model, budget * AANDEEL_EERSTE_RONDE, 0.0)
    status = solver.solve(eerste)
    if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        raise _geen_oplossing(model, status)
    seconden_eerste_ronde = time.perf_counter() - solve_start
    ronde1 = {ref: h for (ref, h), var in x1.items() if solver.boolean_value(var)}
    geplaatst = len(ronde1)
    voorrang_totaal = sum(p[ref] for ref in ronde1)
    samen_totaal = sum(1 for var in samen1 if solver.boolean_value(var))
    voorrang_bewezen = status == cp_model.OPTIMAL

    # Round 2: the fit, keeping round 1's numbers of placed youths and priority.
    tweede = cp_model.CpModel()
    x = _basis(model, tweede)
    tweede.add(sum(x.values()) >= geplaatst)
    tweede.add(sum(p[ref] * var for (ref, _h), var in x.items()) >= voorrang_totaal)
    if samen_totaal:
        tweede.add(sum(_samen(model, tweede, x)) >= samen_totaal)
    objective: list[cp_model.LinearExprT] = [
        round(kandidaat.score * SCHAAL) * x[ref, kandidaat.home_ref]
        for ref, lijst in model.kandidaten.items()
        for kandidaat in lijst
    ]
    paar_vars: dict[str, list[cp_model.IntVar]] = defaultdict(list)
    paar_leden: dict[str, set[str]] = defaultdict(set)
    for (a_ref, b_ref, home_ref), (verlies, _pa, _pb) in model.paar_verlies.items():
        samen = tweede.new_bool_var(f"y_{a_ref}_{b_ref}_{home_ref}")
        # Both there means `samen`; maximising keeps it 0 otherwise.
        tweede.add(x[a_ref, home_ref] + x[b_ref, home_ref] - samen <= 1)
        objective.append(-verlies * samen)
        paar_vars[home_ref].append(samen)
        paar_leden[home_ref].update((a_ref, b_ref))
    # A redundant cut that tightens the bound: n newcomers in one home form at least n - 1
    # pairs. (Pairs without any cost are not variables, so this only counts costly ones;
    # it is applied where every two candidates of the home form a costly or forbidden pair.)
    for home_ref, leden in paar_leden.items():
        kandidaten = [ref for ref in model.kandidaten if (ref, home_ref) in x]
        if len(kandidaten) < 2 or set(kandidaten) != leden:
            continue
        n = len(kandidaten)
        forbidden = sum(1 for (a, b, h) in model.verboden if h == home_ref)
        if len(paar_vars[home_ref]) + forbidden != n * (n - 1) // 2:
            continue
        tweede.add(sum(paar_vars[home_ref]) >= sum(x[ref, home_ref] for ref in kandidaten) - 1)
    tweede.maximize(sum(objective))
    # Start from the flow's assignment when it already reaches round 1's numbers (steered
    # away from costly pairs by `_met_paren`), else from round 1's own; both improved by a
    # short local search that counts the pair effects.
    # (Round 1's own when it keeps siblings together: the flow does not know them.)
    if (
        not samen_totaal
        and len(start_keuze) == geplaatst
        and sum(p[r] for r in start_keuze) == voorrang_totaal
    ):
        keuze = _met_paren(model, start_keuze) if model.paar_verlies else dict(start_keuze)
    else:
        keuze = dict(ronde1)
    _verbeter(model, keuze)
    for key, waarde in _hint(model, keuze).items():
        tweede.add_hint(x[key], waarde)
    over = max(MINSTE_SOLVERTIJD, budget - (time.perf_counter() - solve_start))
    solver = _solver(model, over, RELATIEVE_GAP)
    status = solver.solve(tweede)
    seconden_solver = time.perf_counter() - solve_start

    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        gekozen = {ref: h for (ref, h), var in x.items() if solver.boolean_value(var)}
        objective_value = solver.objective_value / SCHAAL
        bound = solver.best_objective_bound / SCHAAL
        gap = abs(objective_value - bound) / max(1.0, abs(objective_value))
        optimaal = status == cp_model.OPTIMAL
    else:
        # No time left for the fit: round 1's assignment stands, improved locally; how far
        # it is from the best fit is not known.
        gekozen = keuze
        objective_value = bound = _fit(model, gekozen) / SCHAAL
        gap = 1.0
        optimaal = False

    return Advies(
        toewijzingen=_toewijzingen(model, gekozen),
        totale_fit=round(objective_value, 1),
        grens=round(bound, 1),
        gap=gap,
        optimaal=optimaal,
        seconden=time.perf_counter() - start,
        seconden_solver=seconden_solver,
        plekken=sum(model.cap.values()),
        kandidaten=len(x),
        paren=len(model.paar_verlies),
        verboden_paren=len(model.verboden),
        voorrang_totaal=sum(p[ref] for ref in gekozen),
        voorrang_bewezen=voorrang_bewezen,
        seconden_eerste_ronde=seconden_eerste_ronde,
    )


def _fit(model: _Model, gekozen: Mapping[str, str]) -> int:
    """The fit of an assignment in tenths: its scores minus what its pairs cost."""
    score = {
        (ref, k.home_ref): round(k.score * SCHAAL)
        for ref, lijst in model.kandidaten.items()
        for k in lijst
    }
    totaal = sum(score[ref, home_ref] for ref, home_ref in gekozen.items())
    for (a_ref, b_ref, home_ref), (verlies, _pa, _pb) in model.paar_verlies.items():
        if gekozen.get(a_ref) == home_ref and gekozen.get(b_ref) == home_ref:
            totaal -= verlies
    return totaal


def _hint(model: _Model, gekozen: Mapping[str, str]) -> dict[tuple[str, str], int]:
    return {
        (youth_ref, k.home_ref): int(gekozen.get(youth_ref) == k.home_ref)
        for youth_ref, lijst in model.kandidaten.items()
        for k in lijst
    }


def _startpunt(model: _Model, straf: Mapping[tuple[str, str], int] | None = None) -> dict[str, str]:
    """A good starting assignment: the lexicographic optimum *without* the pair effects —
    most youths placed, then most priority, then the highest total score — which is a
    min-cost flow (exact and fast), repaired so that no forbidden pair shares a home.

    `straf` lowers the score of youth-home pairs (in tenths; `_met_paren` uses it to steer
    the flow away from costly pairs). It only moves the score tier: the number placed and
    the priority stay the flow's optimum."""
    verzoek = model.verzoek
    p = model.voorrang
    youth_refs = list(model.kandidaten)
    home_refs = list(model.cap)
    youth_node = {ref: 1 + i for i, ref in enumerate(youth_refs)}
    home_node = {ref: 1 + len(youth_refs) + i for i, ref in enumerate(home_refs)}
    bron, put = 0, 1 + len(youth_refs) + len(home_refs)
    # Weights in three tiers, each larger than everything the tiers below can add up to.
    per_voorrang = 1 + sum(
        max((round(k.score * SCHAAL) for k in lijst), default=0)
        for lijst in model.kandidaten.values()
    )
    if straf:
        per_voorrang += sum(straf.values())
    per_plaatsing = per_voorrang * (1 + sum(p.values()))
    flow = min_cost_flow.SimpleMinCostFlow()
    bogen: dict[int, tuple[str, str]] = {}
    for ref in youth_refs:
        flow.add_arc_with_capacity_and_unit_cost(bron, youth_node[ref], 1, 0)
        vaste = verzoek.vast.get(ref)
        if vaste is None:
            # Staying without a place in this round is allowed, at no gain.
            flow.add_arc_with_capacity_and_unit_cost(youth_node[ref], put, 1, 0)
        for kandidaat in model.kandidaten[ref]:
            if vaste is not None and kandidaat.home_ref != vaste:
                continue
            winst = per_plaatsing + per_voorrang * p[ref] + round(kandidaat.score * SCHAAL)
            if straf:
                winst -= straf.get((ref, kandidaat.home_ref), 0)
            boog = flow.add_arc_with_capacity_and_unit_cost(
                youth_node[ref], home_node[kandidaat.home_ref], 1, -winst
            )
            bogen[boog] = (ref, kandidaat.home_ref)
    for ref in home_refs:
        flow.add_arc_with_capacity_and_unit_cost(home_node[ref], put, model.cap[ref], 0)
    flow.set_node_supply(bron, len(youth_refs))
    flow.set_node_supply(put, -len(youth_refs))
    if flow.solve() != flow.OPTIMAL:
        return {}
    gekozen: dict[str, str] = {}
    for boog, (youth_ref, home_ref) in bogen.items():
        if flow.flow(boog):
            gekozen[youth_ref] = home_ref
    for a_ref, b_ref, home_ref in model.verboden:
        if gekozen.get(a_ref) == home_ref and gekozen.get(b_ref) == home_ref:
            weg = b_ref if b_ref not in verzoek.vast else a_ref
            del gekozen[weg]
    return gekozen


# Rounds and step of `_met_paren` (measured on the 300 x 1,000 benchmark: about half a
# second, and within 1 % of the best fit where the flow alone was 1.5 % off).
PAAR_RONDES = 30
PAAR_STAP = 0.6
PAAR_KRIMP = 0.9
# What a forbidden pair weighs in `_met_paren`: more than any pair effect, in tenths.
VERBODEN_GEWICHT = 20_000


def _met_paren(model: _Model, start: dict[str, str]) -> dict[str, str]:
    """A starting assignment for round 2 that counts the pair effects.

    `start` (the flow without them) and a series of flows in which each pair that shares a
    home carries a price: raised while the flow puts the two together, lowered while it
    does not, never above what the pair costs (a Lagrangian relaxation of the pair terms,
    with a shrinking step). Each flow is improved by `_verbeter`; the one with the best fit
    wins. Every flow keeps `start`'s number placed and priority (the prices only move the
    score tier; one that loses a place to a forbidden pair is skipped), so any may start
    round 2.

    Needed where pairs cost a lot, such as two newcomers who together make a group `hoog`:
    the flow that ignores them fills homes with such pairs, and moving one youth at a time
    cannot undo that.
    """
    p = model.voorrang
    doel = (len(start), sum(p[ref] for ref in start))
    beste = dict(start)
    _verbeter(model, beste)
    beste_fit = _fit(model, beste)
    gewicht = {key: verlies for key, (verlies, _pa, _pb) in model.paar_verlies.items()}
    gewicht.update(dict.fromkeys(model.verboden, VERBODEN_GEWICHT))
    prijs: dict[tuple[str, str, str], float] = defaultdict(float)
    gekozen = start
    for ronde in range(PAAR_RONDES):
        stap = PAAR_STAP * PAAR_KRIMP**ronde
        for (a_ref, b_ref, home_ref), verlies in gewicht.items():
            nu = prijs[a_ref, b_ref, home_ref]
            if gekozen.get(a_ref) == home_ref and gekozen.get(b_ref) == home_ref:
                prijs[a_ref, b_ref, home_ref] = min(verlies, nu + stap * verlies)
            elif nu:
                prijs[a_ref, b_ref, home_ref] = max(0.0, nu - stap * verlies / 2)
        straf: dict[tuple[str, str], int] = defaultdict(int)
        for (a_ref, b_ref, home_ref), waarde in prijs.items():
            if waarde:
                straf[a_ref, home_ref] += round(waarde / 2)
                straf[b_ref, home_ref] += round(waarde / 2)
        gekozen = _startpunt(model, straf)
        if (len(gekozen), sum(p[ref] for ref in gekozen)) != doel:
            continue
        kandidaat = dict(gekozen)
        _verbeter(model, kandidaat)
        fit = _fit(model, kandidaat)
        if fit > beste_fit:
            beste, beste_fit = kandidaat, fit
    return beste


def _verbeter(model: _Model, gekozen: dict[str, str], rondes: int = 5) -> None:
    """Local search on the starting point, now counting the pair effects: move a youth to
    a candidate home with room where it adds more (taking a place when it had none), or swap
    two placed youths' homes when that adds more, as long as that helps. Fixed choices stay.
    Nobody loses a place, so the number placed and the priority never go down. (Swaps
    matter where pairs cost a lot: two newcomers who together make a group `hoog`.)"""
    in_woning: dict[str, list[str]] = defaultdict(list)
    for youth_ref, home_ref in gekozen.items():
        in_woning[home_ref].append(youth_ref)
    verlies: dict[tuple[str, str, str], int] = {}
    for (a_ref, b_ref, home_ref), (punten, _pa, _pb) in model.paar_verlies.items():
        verlies[a_ref, b_ref, home_ref] = verlies[b_ref, a_ref, home_ref] = punten
    verboden = model.verboden | {(b, a, h) for a, b, h in model.verboden}
    score = {
        (ref, k.home_ref): round(k.score * SCHAAL)
        for ref, lijst in model.kandidaten.items()
        for k in lijst
    }

    def bijdrage(youth_ref: str, home_ref: str) -> int | None:
        waarde = score[youth_ref, home_ref]
        for ander in in_woning[home_ref]:
            if ander == youth_ref:
                continue
            if (youth_ref, ander, home_ref) in verboden:
                return None
            waarde -= verlies.get((youth_ref, ander, home_ref), 0)
        return waarde

    _ruil = _ruil_zoeker(model, gekozen, in_woning, score, bijdrage)
    for _ronde in range(rondes):
        beter = False
        for youth_ref, lijst in model.kandidaten.items():
            if youth_ref in model.verzoek.vast:
                continue
            huidig = gekozen.get(youth_ref)
            nu = bijdrage(youth_ref, huidig) if huidig is not None else 0
            beste, beste_waarde = huidig, nu if nu is not None else 0
            for kandidaat in lijst:
                home_ref = kandidaat.home_ref
                if home_ref == huidig or len(in_woning[home_ref]) >= model.cap[home_ref]:
                    continue
                waarde = bijdrage(youth_ref, home_ref)
                if waarde is not None and waarde > beste_waarde:
                    beste, beste_waarde = home_ref, waarde
            if beste != huidig and beste is not None:
                if huidig is not None:
                    in_woning[huidig].remove(youth_ref)
                in_woning[beste].append(youth_ref)
                gekozen[youth_ref] = beste
                beter = True
            elif huidig is not None and _ruil(youth_ref, huidig):
                beter = True
        if not beter:
            break


def _ruil_zoeker(
    model: _Model,
    gekozen: dict[str, str],
    in_woning: dict[str, list[str]],
    score: Mapping[tuple[str, str], int],
    bijdrage: Callable[[str, str], int | None],
) -> Callable[[str, str], bool]:
    """A swap step for `_verbeter`: `youth_ref` (now in `huidig`) trades homes with a youth
    of one of its candidate homes, when both can live in the other's home and it adds more."""
    vast = model.verzoek.vast

    def zonder(youth_ref: str, home_ref: str, weg: str) -> int | None:
        in_woning[home_ref].remove(weg)
        try:
            return bijdrage(youth_ref, home_ref)
        finally:
            in_woning[home_ref].append(weg)

    def ruil(youth_ref: str, huidig: str) -> bool:
        nu_a = bijdrage(youth_ref, huidig)
        for kandidaat in model.kandidaten[youth_ref]:
            home_ref = kandidaat.home_ref
            if home_ref == huidig:
                continue
            for ander in list(in_woning[home_ref]):
                if ander in vast or (ander, huidig) not in score:
                    continue
                nu_b = bijdrage(ander, home_ref)
                if nu_a is None or nu_b is None:
                    continue
                straks_a = zonder(youth_ref, home_ref, ander)
                straks_b = zonder(ander, huidig, youth_ref)
                if straks_a is None or straks_b is None:
                    continue
                if straks_a + straks_b > nu_a + nu_b:
                    in_woning[huidig].remove(youth_ref)
                    in_woning[home_ref].remove(ander)
                    in_woning[huidig].append(ander)
                    in_woning[home_ref].append(youth_ref)
                    gekozen[youth_ref], gekozen[ander] = home_ref, huidig
                    return True
        return False

    return ruil


# Why a home is not eligible, in words that name no attention signal (the table reads them);
# a code not listed here is explained with the engine's own words.
_BLOKKADE_WOORDEN = {
    "geen_plek": "geen plek vrij",
    "groep_vol": "de groep is vol",
    "leeftijd_woning": "de leeftijd past niet bij de woning",
    "leeftijd_kwv": "de leeftijd valt buiten 8 tot en met 23 jaar",
    "gesloten_zonder_machtiging": "een gesloten woning, zonder machtiging",
    "onverenigbare_combinatie": "een combinatie in de groep die nooit samen mag wonen",
    "groepssamenstelling": "de samenstelling van de groep laat het niet toe",
    "beschermde_zone": "de woning ligt in een beschermde zone",
}
# What widens the search, by the reason that blocks most homes.
_VERBREDEN = {
    "geen_plek": "kijk ook naar plekken die binnenkort vrijkomen, en naar woningen buiten de regio",
    "groep_vol": "kijk ook naar plekken die binnenkort vrijkomen, en naar woningen buiten de regio",
    "leeftijd_woning": "vraag woningen met een leeftijdsgrens vlak bij de leeftijd van deze "
    "jongere of ze een uitzondering maken, en kijk buiten de regio",
    "gesloten_zonder_machtiging": "zoek open woningen, ook buiten de regio",
}
_VERBREDEN_ANDERS = (
    "kijk ook naar woningen buiten de regio en naar plekken die binnenkort vrijkomen"
)


def _waarom_geen_woning(model: _Model, youth: Youth) -> tuple[str, str | None]:
    """Why no free place in the region fits this youth: the blocking reasons counted over
    the homes with a free place, most common first, and the most common one's code."""
    per_code: dict[str, list[str]] = defaultdict(list)
    for result in rank_homes(
        youth,
        list(model.homes.values()),
        model.verzoek.today,
        audience=PUBLIEK,
        stem=_stem(model.verzoek, youth.ref),
    ):
        for reason in result.blocking:
            per_code[reason.code].append(reason.explanation)
    if not per_code:
        return "Geen enkele vrije plek in de regio past binnen de harde grenzen.", None
    volgorde = sorted(per_code, key=lambda code: (-len(per_code[code]), code))
    delen = []
    for code in volgorde:
        aantal = len(per_code[code])
        woorden = _BLOKKADE_WOORDEN.get(code, per_code[code][0].rstrip("."))
        delen.append(f"bij {aantal} {'woning' if aantal == 1 else 'woningen'} {woorden}")
    return (
        "Geen enkele vrije plek in de regio past binnen de harde grenzen: "
        + "; ".join(delen)
        + ".",
        volgorde[0],
    )


def _suggestie(
    model: _Model, youth: Youth, *, zonder_passende_woning: bool, code: str | None
) -> str:
    """What the table can do for a youth left without a place: escalate to the regional
    expert team when the field's criteria say so, and how to widen the search."""
    weken = wachtweken(youth, model.verzoek.today)
    afwijzingen = model.verzoek.afwijzingen.get(youth.ref, 0)
    redenen = []
    if weken >= ESCALATIE_WEKEN:
        redenen.append(f"wacht al {weken} weken")
    if afwijzingen >= ESCALATIE_AFWIJZINGEN:
        redenen.append(f"is al {afwijzingen} keer afgewezen")
    verbreden = _VERBREDEN.get(code or "", _VERBREDEN_ANDERS)
    if redenen:
        return (
            "Escaleer naar het regionale expertteam: deze jongere "
            + " en ".join(redenen)
            + f". Verbreed intussen de zoektocht: {verbreden}."
        )
    tekst = f"Verbreed de zoektocht: {verbreden}."
    if zonder_passende_woning:
        tekst += " Levert dat niets op, escaleer dan naar het regionale expertteam."
    return tekst


def _toewijzingen(model: _Model, gekozen: Mapping[str, str]) -> tuple[Toewijzing, ...]:
    verzoek = model.verzoek
    samen: dict[str, list[Paareffect]] = defaultdict(list)
    for (a_ref, b_ref, home_ref), (_v, voor_a, voor_b) in model.paar_verlies.items():
        if gekozen.get(a_ref) == home_ref and gekozen.get(b_ref) == home_ref:
            samen[a_ref].append(voor_a)
            samen[b_ref].append(voor_b)
    toewijzingen = []
    for youth in verzoek.youths:
        lijst = model.alle_geschikt[youth.ref]
        gekozen_ref = gekozen.get(youth.ref)
        voorstel = next((k for k in lijst if k.home_ref == gekozen_ref), None)
        alternatieven = tuple(k for k in lijst if k.home_ref != gekozen_ref)[:ALTERNATIEVEN]
        waarom = suggestie = ""
        if voorstel is None:
            if lijst:
                waarom = (
                    "Er zijn passende woningen met een vrije plek (de beste staan hieronder), "
                    "maar die plekken gaan in dit voorstel naar andere jongeren: eerst krijgen "
                    "zoveel mogelijk jongeren een plek, daarna gaat wie het langst wacht voor."
                )
                code = None
            else:
                waarom, code = _waarom_geen_woning(model, youth)
            suggestie = _suggestie(model, youth, zonder_passende_woning=not lijst, code=code)
        toewijzingen.append(
            Toewijzing(
                youth=youth,
                kandidaat=voorstel,
                alternatieven=alternatieven,
                samen_met=tuple(samen.get(youth.ref, ())),
                vast=youth.ref in verzoek.vast,
                waarom_geen=waarom,
                suggestie=suggestie,
                voorrang=model.voorrang[youth.ref],
            )
        )
    return tuple(toewijzingen)


__all__ = [
    "Advies",
    "AllocatieFout",
    "Kandidaat",
    "Paareffect",
    "Toewijzing",
    "Verzoek",
    "capaciteit",
    "stel_voor",
    "voorrang",
    "wachtweken",
]
