"""``/beheer``: the register staff's side of the site. This package holds the staff's start
page, users and roles (invite, change roles and assignments, deactivate, reset two-factor)
and the handling of access requests (``register.access`` holds their model and rules)."""
