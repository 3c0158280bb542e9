"""Production settings with one test-only URL that fails, for the production-mode test.

Everything else is ``coproduce.settings`` exactly as a provider runs it.
"""

from coproduce.settings import *  # noqa: F403

ROOT_URLCONF = "production_urls"
