"""The JSON API under /api/, with its OpenAPI document at /api/openapi.json.

Same rules as the pages: every endpoint reaches objects through ``nearer.web.access``, so a
partner's private item and anything of another couple answer 404. Log in with a session
(``POST /api/auth/login``; then send the CSRF token on writes) or a bearer token
(``POST /api/auth/token``). Bad input answers 400 with ``detail`` (one line) and ``errors``
(per field), and nothing is saved. docs/api.md has curl examples.
"""
