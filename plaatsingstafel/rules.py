import rules

from accounts.rules import is_coordinator, is_expertteam, is_functioneel_beheerder

# The placement table: the regional picture, the joint allocation, the outcomes and the
# stability figures. Which region and which youths: `plaatsingstafel.regio.regio_voor` and
# `Jongere.objects.for_user`.
rules.add_perm("plaatsingstafel.regio", is_coordinator | is_functioneel_beheerder)
# The region's expert table: the escalated cases of its own region, as a summary.
rules.add_perm("plaatsingstafel.expertteam", is_expertteam | is_functioneel_beheerder)
rules.add_perm("plaatsingstafel.stabiliteit", is_coordinator | is_functioneel_beheerder)
