"""The audit log: who did what to which entry or account, when, with the values before and
after. Every staff, verifier and editor action writes one entry through ``services.record``.
Internal: never on a public page, in open data, the API, the change feed or the index."""
