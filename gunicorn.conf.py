"""gunicorn settings for the portal (used by `make serve`, the Dockerfile and docker compose).

The defaults were chosen by measurement with bench/run.py on the 2-CPU development machine
(docs/performance.md, "gunicorn workers and threads"). Override them with the environment:
WEB_CONCURRENCY (worker processes), GUNICORN_THREADS (threads per worker; more than 1 uses
the gthread worker), BIND (address:port).
"""

import os

bind = os.environ.get("BIND", "0.0.0.0:8000")
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread" if threads > 1 else "sync"
# A PDF or an export can take a while; anything longer belongs in a Celery task.
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "60"))
graceful_timeout = 30
keepalive = 5
# Workers are not recycled (gunicorn's own default). Recycling after N requests costs each new
# worker about a second of imports and first renders, during which its connections wait: with
# 2,000 it happened every few seconds under load and made the p95 of every page 10-20 times the
# p50 (docs/performance.md, "gunicorn"). Set GUNICORN_MAX_REQUESTS (e.g. 50000) to bound a leak.
max_requests = int(os.environ.get("GUNICORN_MAX_REQUESTS", "0"))
max_requests_jitter = max_requests // 10
accesslog = os.environ.get("GUNICORN_ACCESSLOG", "-")
errorlog = "-"
loglevel = os.environ.get("GUNICORN_LOGLEVEL", "info")
forwarded_allow_ips = os.environ.get("FORWARDED_ALLOW_IPS", "127.0.0.1")
