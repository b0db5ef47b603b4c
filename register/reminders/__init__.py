"""Freshness reminders: editors of an entry not confirmed for 11 and 12 months get an e-mail
telling them to confirm it (``flask reminders send``, daily from cron, idempotent)."""
