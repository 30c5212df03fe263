"""The matching engine: plain Python, no Django. Typed records in, explained results out.

The ORM adapter and the JSON scenario adapter (`matching.scenario`) both feed it; this package
is the one place where "a good fit" is defined. Weights and thresholds: `config.py`.
"""

from kern.publiek import Audience
from matching.engine.group import assess_group, group_summary
from matching.engine.rank import best_homes, evaluate_home, max_points_for, rank_homes
from matching.engine.types import (
    AdmissionPolicy,
    Factor,
    GroupMember,
    GroupRisk,
    GroupSummary,
    Home,
    HomeResult,
    Need,
    Point,
    Priorities,
    ProtectiveZone,
    Reason,
    Resident,
    ResidentImpact,
    Vacancy,
    WrongAudience,
    Youth,
)

__all__ = [
    "AdmissionPolicy",
    "Audience",
    "Factor",
    "GroupMember",
    "GroupRisk",
    "GroupSummary",
    "Home",
    "HomeResult",
    "Need",
    "Point",
    "Priorities",
    "ProtectiveZone",
    "Reason",
    "Resident",
    "ResidentImpact",
    "Vacancy",
    "WrongAudience",
    "Youth",
    "assess_group",
    "best_homes",
    "evaluate_home",
    "group_summary",
    "max_points_for",
    "rank_homes",
]
