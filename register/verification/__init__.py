"""Checking claims: association verifiers confirm or reject the memberships that name their
association (``/vereniging``), register staff check quality marks against the certificate
number (``/beheer/keurmerken``), and claims past their end date are reported as expired
(``expiry``). What counts as verified today is ``effective_claim_status``, read at the
moment of reading; nothing here has to run for a mark to show as expired."""
