"""Operators: users and roles kept as events, argon2 passwords, signed sessions, API tokens."""
