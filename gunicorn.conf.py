"""gunicorn's settings for Coproduce (``gunicorn -c gunicorn.conf.py coproduce.wsgi:application``).

Address, worker count and logs stay on the command line (``make serve``, docs/deploy.md).
This file adds what every worker process does before it serves: build the matching
worker index of every organisation and start the thread that keeps it current
(``coproduce.matching.index_keeper``), so no person's request waits for a build.
"""

from __future__ import annotations

import threading
from typing import Any


def post_worker_init(worker: Any) -> None:
    """Build the matching indexes before this worker serves its first request.

    The build (seconds on large data) runs in a helper thread while this one tells the
    arbiter the worker is alive, so gunicorn's ``timeout`` does not take the build for a
    hung worker and kill it.
    """
    from django.db import connections

    from coproduce.matching import index_keeper

    done = threading.Event()

    def build() -> None:
        try:
            index_keeper.start()
        finally:
            connections.close_all()  # the helper thread's own connection
            done.set()

    threading.Thread(target=build, name="matching-index-build", daemon=True).start()
    while not done.wait(1.0):
        worker.notify()
    worker.log.info("Matching index ready in worker %s", worker.pid)
