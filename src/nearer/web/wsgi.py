"""WSGI entry point: ``nearer serve`` hands this to waitress; hosted set-ups may use gunicorn."""

from __future__ import annotations

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nearer.web.settings")
application = get_wsgi_application()
