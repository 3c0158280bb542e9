"""Production settings plus one trivial signed-in page, for the page benchmark.

Everything else is ``coproduce.settings`` exactly as a provider runs it.
"""

from coproduce.settings import *  # noqa: F403

ROOT_URLCONF = "bench_urls"
