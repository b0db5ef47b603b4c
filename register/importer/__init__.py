"""CSV bulk import of initiatives by register staff (``/beheer/import``).

An upload is read (``reading``), every row is classified against the register as it is
(``dry_run``: add, change, unchanged, probable duplicate or reject, with reasons) and kept
with its report in an ``ImportBatch``. Nothing public changes until staff apply the batch
(``services.apply_batch``), which first classifies the stored rows again and refuses when
the result differs from what was shown. Batches are internal: no public page, open data,
API, change feed or search document reads them.
"""
