"""Loaded by pytest (``-p coproduce.testing_env``) before Django starts: mark a test run.

Tests run with DEBUG off, as production does; only what cannot work inside a test
process changes (no HTTPS redirect for the test client, static files found without
``collectstatic``, tasks run at once).
"""

import os

os.environ["COPRODUCE_TESTING"] = "1"
