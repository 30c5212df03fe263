"""A home's own admission policy: which of its rules stop an admission, which only weigh.

DOMAIN.md names the hard limits every home shares. A home may state rules of its own, in its
own words: girls only, no youths with a court authorisation for closed care, a need it cannot
meet. The engine respects them without hiding them:

* a **hard** rule that the youth does not fit makes the home not eligible, and the blocking
  reason (`toelatingsbeleid`) quotes the home's own reason;
* a **preference** the youth does not fit is an attention point (`voorkeur_woning`) with the
  home's reason, and costs points: a preference about who lives in the group (gender, a
  closed-care authorisation) takes `POLICY_PREFERENCE_PENALTY` of the group factor each, a
  need the home says it cannot meet counts as not met in the needs factor.

A rule about a need blocks only when the youth's analysis calls that need essential
(importance 3). For a need that is nice to have or important, the same rule weighs like a
preference: thinking in exclusion criteria is what leaves the most complex youths without a
place, so a home's "we cannot offer that" excludes only where the need truly decides.

No rule reads the youth's attention signals, so what a rule does is the same for every
audience, including a home's manager before the family agreed to share.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from kern.publiek import JONGERE, Stem
from matching.engine import config
from matching.engine.i18n import _, gettext_noop
from matching.engine.stem import zeg
from matching.engine.types import AdmissionPolicy, Factor, Reason, Youth
from matching.engine.vocabulary import importance_label, need_label

# Per gender a home may take: (the hard rule, the preference in the group factor, the
# preference as an attention point); the home's own reason follows each.
_GENDER_RULES: dict[str, tuple[str, str, str]] = {
    "v": (
        gettext_noop(
            "Deze woning neemt alleen meisjes op. %(quote)s Dit is een eigen regel van de "
            "woning; alleen de woning kan die veranderen."
        ),
        gettext_noop("De woning heeft liever alleen meisjes."),
        gettext_noop(
            "De woning heeft liever alleen meisjes. %(quote)s Bespreek vooraf of het toch past."
        ),
    ),
    "m": (
        gettext_noop(
            "Deze woning neemt alleen jongens op. %(quote)s Dit is een eigen regel van de "
            "woning; alleen de woning kan die veranderen."
        ),
        gettext_noop("De woning heeft liever alleen jongens."),
        gettext_noop(
            "De woning heeft liever alleen jongens. %(quote)s Bespreek vooraf of het toch past."
        ),
    ),
}
_ESSENTIAL = 3


@dataclass(frozen=True, slots=True)
class PolicyOutcome:
    """What a home's rules mean for one youth."""

    blocking: tuple[Reason, ...] = ()
    attention: tuple[Reason, ...] = ()
    # Preferences about the group the youth does not fit: each costs part of the group factor.
    group_preferences: tuple[str, ...] = ()
    # Needs the home says it cannot meet: they count as not met, whatever the home offers.
    unmet_needs: frozenset[str] = frozenset()


NO_POLICY = PolicyOutcome()


def _quote(reason: str) -> str:
    return _("De woning zegt daarover: “%(reden)s”") % {"reden": reason.strip()}


def assess_policies(
    youth: Youth, policies: tuple[AdmissionPolicy, ...], stem: Stem = JONGERE
) -> PolicyOutcome:
    """The blocking reasons, attention points and costs of `policies` for `youth`, written
    in the voice `stem`."""
    if not policies:
        return NO_POLICY
    blocking: list[Reason] = []
    attention: list[Reason] = []
    group: list[str] = []
    unmet: set[str] = set()
    importance = {need.code: need.importance for need in youth.needs}
    for policy in policies:
        if policy.kind == "gender":
            if youth.gender == policy.value or policy.value not in _GENDER_RULES:
                continue
            hard_rule, preference, preference_reason = _GENDER_RULES[policy.value]
            quote = {"quote": _quote(policy.reason)}
            if policy.hard:
                blocking.append(Reason("toelatingsbeleid", _(hard_rule) % quote))
            else:
                group.append(_(preference))
                attention.append(Reason("voorkeur_woning", _(preference_reason) % quote))
        elif policy.kind == "no_closed_authorisation":
            if not youth.machtiging_gesloten:
                continue
            if policy.hard:
                blocking.append(
                    Reason(
                        "toelatingsbeleid",
                        _(
                            "Deze woning neemt geen jongeren op met een machtiging gesloten "
                            "jeugdhulp. %(quote)s Dit is een eigen regel van de woning; alleen "
                            "de woning kan die veranderen."
                        )
                        % {"quote": _quote(policy.reason)},
                    )
                )
            else:
                group.append(
                    _(
                        "De woning neemt liever geen jongeren op met een machtiging gesloten "
                        "jeugdhulp."
                    )
                )
                attention.append(
                    Reason(
                        "voorkeur_woning",
                        _(
                            "De woning neemt liever geen jongeren op met een machtiging gesloten "
                            "jeugdhulp. %(quote)s Bespreek vooraf of het toch past."
                        )
                        % {"quote": _quote(policy.reason)},
                    )
                )
        elif policy.kind == "need":
            needed = importance.get(policy.value)
            if needed is None:
                continue
            label = need_label(policy.value)
            if policy.hard and needed >= _ESSENTIAL:
                blocking.append(
                    Reason(
                        "toelatingsbeleid",
                        zeg(
                            stem,
                            _(
                                "Deze woning kan geen %(behoefte)s bieden, en dat is voor jou "
                                "heel belangrijk. %(quote)s Dit is een eigen regel van de "
                                "woning; alleen de woning kan die veranderen."
                            ),
                            _(
                                "Deze woning kan geen %(behoefte)s bieden, en dat is voor "
                                "%(naam)s heel belangrijk. %(quote)s Dit is een eigen regel van "
                                "de woning; alleen de woning kan die veranderen."
                            ),
                            {"behoefte": label, "quote": _quote(policy.reason)},
                        ),
                    )
                )
            else:
                unmet.add(policy.value)
                attention.append(
                    Reason(
                        "voorkeur_woning",
                        zeg(
                            stem,
                            _(
                                "De woning zegt dat ze geen %(behoefte)s kan bieden; dat vroeg "
                                "je analyse wel (%(belang)s). %(quote)s"
                            ),
                            _(
                                "De woning zegt dat ze geen %(behoefte)s kan bieden; dat vroeg "
                                "de analyse van %(naam)s wel (%(belang)s). %(quote)s"
                            ),
                            {
                                "behoefte": label,
                                "belang": importance_label(needed),
                                "quote": _quote(policy.reason),
                            },
                        ),
                    )
                )
    return PolicyOutcome(
        blocking=tuple(blocking),
        attention=tuple(attention),
        group_preferences=tuple(group),
        unmet_needs=frozenset(unmet),
    )


def with_group_preferences(factor: Factor, outcome: PolicyOutcome) -> Factor:
    """The group factor after the home's preferences about its group that the youth does not
    fit: each costs `POLICY_PREFERENCE_PENALTY` of the factor's maximum, and is said."""
    if not outcome.group_preferences:
        return factor
    penalty = config.POLICY_PREFERENCE_PENALTY * len(outcome.group_preferences)
    return replace(
        factor,
        points=round(max(0.0, factor.points - penalty * factor.max_points), 1),
        explanation=" ".join((factor.explanation, *outcome.group_preferences)),
    )
