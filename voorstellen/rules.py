import rules

from accounts.rules import (
    is_beheerder,
    is_coordinator,
    is_functioneel_beheerder,
    is_gezin,
    is_jeugdbeschermer,
)

# Which proposals someone sees at all is `Voorstel.objects.for_user`; these role rules
# guard the pages and the menu. The services check the person per step again.
rules.add_perm("voorstellen.coordinator", is_coordinator | is_functioneel_beheerder)
rules.add_perm("voorstellen.woning", is_beheerder)
# The family and the youth protection worker: "Voorstellen voor jou" and their decision.
rules.add_perm("voorstellen.gezin", is_gezin | is_jeugdbeschermer)
rules.add_perm("voorstellen.lijst", is_coordinator | is_functioneel_beheerder | is_beheerder)
rules.add_perm("voorstellen.afdruk", is_coordinator | is_functioneel_beheerder | is_beheerder)
