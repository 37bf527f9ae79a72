"""How Koers runs under gunicorn (``bin/demo``, ``koers bench load``; the same for production):
``gunicorn -c gunicorn.conf.py koers.wsgi --bind …``.

Threads rather than one request per process: a sync worker waits for a request on a connection it
accepted, so a browser that keeps its connection open between two clicks (or a client that
reconnects and then pauses) holds the whole worker; the threaded worker watches idle connections
together and gives a thread only to a request that has arrived. Requests spend part of their time
waiting for PostgreSQL, so a few threads per process keep the cores busy.

Each can be overridden on the command line or with ``KOERS_GUNICORN_WORKERS``/``KOERS_GUNICORN_THREADS``.
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("KOERS_GUNICORN_WORKERS", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("KOERS_GUNICORN_THREADS", 4))
keepalive = 5
timeout = 60
