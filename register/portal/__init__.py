"""``/portaal``: initiative editors keep their own entry true. Edits become pending revisions
for register staff (``register.moderation``); vacancy and "still correct" go live at once."""
