"""How Koers runs under gunicorn (``bin/demo``, ``koers bench load``; the same for production):
``gunicorn -c gunicorn.conf.py koers.wsgi --bind …``.

Threads rather than one request per process: a sync worker waits for a request on a connection it
accepted, so a browser that keeps its connection open between two clicks (or a client that
reconnects and then pauses) holds the whole worker; the threaded worker watches idle connections
together and gives a thread only to a request that has arrived. Requests spend part of their time
waiting for PostgreSQL, so a few threads per process keep the cores busy.

The application is loaded once, in the master process, and warmed up there (``koers.lib.warm``: every
view imported, every template compiled, every language's URLs and translations read) before the
workers are forked: they share it, and none spends its first requests on it.

Each can be overridden on the command line or with ``KOERS_GUNICORN_WORKERS``/``KOERS_GUNICORN_THREADS``.
"""

import os

worker_class = "gthread"
workers = int(os.environ.get("KOERS_GUNICORN_WORKERS", 2 * (os.cpu_count() or 1)))
threads = int(os.environ.get("KOERS_GUNICORN_THREADS", 4))
keepalive = 5
preload_app = True
timeout = 60
