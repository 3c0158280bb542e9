"""WSGI entry point. Refuses to start in production with the development secret key."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "coproduce.settings")

application = get_wsgi_application()

from coproduce.core.startup import assert_safe_to_serve  # noqa: E402

assert_safe_to_serve()
