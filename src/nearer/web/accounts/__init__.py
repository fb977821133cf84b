"""Accounts: sign-up with email, Argon2 passwords, throttled log-in, API tokens."""
