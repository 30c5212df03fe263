import rules

from accounts.rules import is_coordinator, is_functioneel_beheerder

# Searching is the coordinator's work; admins may look along. Which youths they may
# search for is decided by `Jongere.objects.for_user`.
rules.add_perm("matching.zoeken", is_coordinator | is_functioneel_beheerder)
