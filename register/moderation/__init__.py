"""``/beheer/wijzigingen``: register staff approve or reject the revisions editors submit."""
