"""Register staff manage the catalogues: branch associations, quality marks and the question
bank of the question-list builder. Every edit is audited and noted in ``CatalogueEdit``, which
the seed loaders read (staff edits win over the YAML files) and caches check (no restart)."""
