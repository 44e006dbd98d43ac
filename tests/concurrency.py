"""Race tests: many threads released at the same instant against PostgreSQL.

Use with ``pytestmark = [pytest.mark.django_db(transaction=True),
pytest.mark.usefixtures("postgresql_only")]`` (the fixture lives in tests/conftest.py).
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable

import pytest
from django.db import connection


def require_postgresql() -> None:
    """Skip off PostgreSQL (SQLite has no row locks nor parallel writers); fail in CI."""
    if connection.vendor != "postgresql":
        reason = (
            "concurrency needs PostgreSQL row locks and parallel connections "
            f"(running on {connection.vendor}); set DATABASE_URL=postgres://..."
        )
        if os.environ.get("CI"):
            pytest.fail(f"CI must run the concurrency tests: {reason}")
        pytest.skip(reason)


def run_at_once(work: Callable[[int], object], count: int) -> tuple[list, list]:
    """Run ``work(i)`` in ``count`` threads released together; return results and errors."""
    barrier = threading.Barrier(count)
    results, errors = [], []
    lock = threading.Lock()

    def target(index: int) -> None:
        try:
            barrier.wait(timeout=30)
            result = work(index)
            with lock:
                results.append(result)
        except Exception as error:  # collected and asserted on in the main thread
            with lock:
                errors.append(error)
        finally:
            # Each thread has its own connection: close it or the test database can't be dropped.
            connection.close()

    threads = [threading.Thread(target=target, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert not any(thread.is_alive() for thread in threads), "a thread hung"
    return results, errors
