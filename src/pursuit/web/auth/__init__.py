"""Who is at the console or the API: signed sessions, CSRF tokens and route guards.

The operators themselves (accounts, roles, passwords, API tokens) are `pursuit.operators`.
"""
