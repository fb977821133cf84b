"""The Django web app both partners use: server-rendered pages, a JSON API under ``/api/``.

``nearer.web.settings`` reads everything from the environment (see ``nearer.web.config``);
each domain is one Django app: accounts, couples, checkins, journal, assessments.
"""
