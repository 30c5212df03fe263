import rules

from accounts.rules import is_beheerder, is_coordinator, is_functioneel_beheerder, is_gezin

# Searching is the coordinator's work; admins may look along. Which youths they may
# search for is decided by `Jongere.objects.for_user`.
rules.add_perm("matching.zoeken", is_coordinator | is_functioneel_beheerder)

# Proposals. Which proposals someone sees at all is `Voorstel.objects.for_user`; these
# role rules guard the pages and the menu. The services check the person per step again.
rules.add_perm("matching.voorstellen", is_coordinator | is_functioneel_beheerder)
rules.add_perm("matching.voorstellen_woning", is_beheerder)
rules.add_perm("matching.voorstellen_gezin", is_gezin)
rules.add_perm("matching.stabiliteit", is_coordinator | is_functioneel_beheerder)
rules.add_perm(
    "matching.voorstellen_lijst", is_coordinator | is_functioneel_beheerder | is_beheerder
)
rules.add_perm("matching.voorstel_afdruk", is_coordinator | is_functioneel_beheerder | is_beheerder)
# The placement table: the regional picture, the joint allocation and the outcomes.
# Which region and which youths: `matching.regio.regio_voor` and `Jongere.objects.for_user`.
rules.add_perm("matching.regio", is_coordinator | is_functioneel_beheerder)
