"""Accounts, roles and log-in (Flask-Security) for the people who maintain the register:
initiative editors, association verifiers, register staff and inspectors. Public visitors
never need an account."""
