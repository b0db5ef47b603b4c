"""Concerns from the public about an initiative (``/melden``): visible to inspectors only,
deleted after ``CONCERN_RETENTION_DAYS``."""
