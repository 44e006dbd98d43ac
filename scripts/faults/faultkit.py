# ruff: noqa: S603, S607, S310 -- fixed local commands and URLs on loopback, never user input
"""Private services for the fault scripts: a PostgreSQL cluster, a Redis, an SMTP sink, the portal.

Each script starts its OWN PostgreSQL (``initdb`` in a temporary folder, port 5440 by default)
and its OWN Redis (port 6390), never the shared ones on 5432/6379 that the test suite and CI
use, and stops them on exit. The SMTP sink counts what really left the portal.
"""

from __future__ import annotations

import atexit
import contextlib
import http.cookiejar
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PYTHON = str(ROOT / ".venv" / "bin" / "python") if (ROOT / ".venv").exists() else sys.executable
PG_PORT = int(os.environ.get("FAULTS_PG_PORT", "5440"))
REDIS_PORT = int(os.environ.get("FAULTS_REDIS_PORT", "6390"))
SMTP_PORT = int(os.environ.get("FAULTS_SMTP_PORT", "2526"))
WEB_PORT = int(os.environ.get("FAULTS_WEB_PORT", "8790"))
PG_BIN = Path(os.environ.get("FAULTS_PG_BIN", "/usr/lib/postgresql/15/bin"))

_cleanups: list = []


def _cleanup() -> None:
    while _cleanups:
        with contextlib.suppress(Exception):
            _cleanups.pop()()


atexit.register(_cleanup)
signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))


def say(message: str) -> None:
    print(f"[{time.strftime('%H:%M:%S')}] {message}", flush=True)


def wait_for_port(port: int, timeout: float = 30) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        with socket.socket() as sock:
            if sock.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.2)
    raise RuntimeError(f"nothing listens on port {port} after {timeout}s")


def _require_free(port: int) -> None:
    with socket.socket() as sock:
        if sock.connect_ex(("127.0.0.1", port)) == 0:
            sys.exit(f"Port {port} is taken: set FAULTS_*_PORT to a free one.")


# --- PostgreSQL ------------------------------------------------------------------------------
class PrivatePostgres:
    """A throwaway cluster owned by the ``postgres`` user (initdb refuses root)."""

    def __init__(self) -> None:
        _require_free(PG_PORT)
        self.dir = Path(tempfile.mkdtemp(prefix="faults-pg-"))
        self.data = self.dir / "data"
        self.url = f"postgres://postgres@127.0.0.1:{PG_PORT}/portale"
        shutil.chown(self.dir, "postgres", "postgres")
        self._as_postgres(PG_BIN / "initdb", "-D", self.data, "-U", "postgres", "-A", "trust")
        self.start()
        self._as_postgres(PG_BIN / "createdb", "-h", "127.0.0.1", "-p", PG_PORT, "portale")
        _cleanups.append(self.destroy)

    def _as_postgres(self, *command) -> None:
        subprocess.run(
            ["runuser", "-u", "postgres", "--", *map(str, command)],
            check=True,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )

    def _ctl(self, action: str, *extra) -> None:
        options = f"-p {PG_PORT} -k {self.dir} -c listen_addresses=127.0.0.1"
        self._as_postgres(
            PG_BIN / "pg_ctl",
            "-D",
            self.data,
            "-l",
            self.dir / "log",
            "-w",
            "-o",
            options,
            action,
            *extra,
        )

    def start(self) -> None:
        self._ctl("start")

    def restart(self) -> None:
        self._ctl("restart", "-m", "fast")

    def stop(self) -> None:
        self._ctl("stop", "-m", "fast")

    def destroy(self) -> None:
        with contextlib.suppress(Exception):
            self.stop()
        shutil.rmtree(self.dir, ignore_errors=True)


# --- Redis -----------------------------------------------------------------------------------
class PrivateRedis:
    def __init__(self) -> None:
        _require_free(REDIS_PORT)
        self.url = f"redis://127.0.0.1:{REDIS_PORT}/0"
        self.process: subprocess.Popen | None = None
        self.start()
        _cleanups.append(self.stop)

    def start(self) -> None:
        self.process = subprocess.Popen(
            [
                "redis-server",
                "--port",
                str(REDIS_PORT),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
            ],
            stdout=subprocess.DEVNULL,
        )
        wait_for_port(REDIS_PORT)

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=10)


# --- SMTP sink -------------------------------------------------------------------------------
class SmtpSink:
    """Counts every message the portal really handed over, by recipient and by Message-ID.

    ``delay`` slows each message down before it is accepted (in RCPT), as a distant mail
    server does, so that a worker killed "in the middle of sending" is killed mid-conversation.
    """

    def __init__(self, delay: float = 0.0) -> None:
        from aiosmtpd.controller import Controller

        _require_free(SMTP_PORT)
        self.delay = delay
        self.recipients: Counter = Counter()
        self.message_ids: Counter = Counter()
        self.lock = threading.Lock()
        sink = self

        class Handler:
            async def handle_RCPT(self, server, session, envelope, address, options):
                import asyncio

                if sink.delay:
                    await asyncio.sleep(sink.delay)
                envelope.rcpt_tos.append(address)
                return "250 OK"

            async def handle_DATA(self, server, session, envelope):
                content = envelope.content.decode("utf-8", "replace")
                match = re.search(r"^Message-ID:\s*(\S+)", content, re.MULTILINE | re.IGNORECASE)
                with sink.lock:
                    for rcpt in envelope.rcpt_tos:
                        sink.recipients[rcpt.lower()] += 1
                    sink.message_ids[match.group(1) if match else "?"] += 1
                return "250 Message accepted for delivery"

        self.controller = Controller(Handler(), hostname="127.0.0.1", port=SMTP_PORT)
        self.controller.start()
        self.url = f"smtp://127.0.0.1:{SMTP_PORT}"
        _cleanups.append(self.controller.stop)

    @property
    def total(self) -> int:
        with self.lock:
            return sum(self.recipients.values())

    def duplicates(self) -> dict[str, int]:
        with self.lock:
            return {rcpt: n for rcpt, n in self.recipients.items() if n > 1}


# --- the portal ------------------------------------------------------------------------------
def portal_env(*, database_url: str, redis_url: str = "", email_url: str = "dummymail://") -> dict:
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "mondinsieme.settings",
        "DJANGO_DEBUG": "1",
        "DJANGO_HTTPS": "0",
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": database_url,
        "REDIS_URL": redis_url,
        "EMAIL_URL": email_url,
        "DJANGO_LOG_LEVEL": "WARNING",
        "PORTAL_STAFF_MFA_REQUIRED": "1",
        # The load comes from one address: each request says which client it stands for.
        "PORTAL_TRUSTED_PROXIES": "1",
        "CELERY_QUEUE": "faults",
        # A task taken by a killed worker goes back to the queue after this many seconds.
        "CELERY_VISIBILITY_TIMEOUT": "10",
        "PYTHONUNBUFFERED": "1",
    }
    return env


def use_portal(env: dict) -> None:
    """Set up Django in this process against the private services."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))
    import django

    django.setup()


def manage(env: dict, *args: str) -> str:
    return subprocess.run(
        [PYTHON, "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout


def start_web(env: dict, workers: int = 2) -> subprocess.Popen:
    _require_free(WEB_PORT)
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "mondinsieme.wsgi",
            "--bind",
            f"127.0.0.1:{WEB_PORT}",
            "--workers",
            str(workers),
            "--timeout",
            "60",
            "--log-level",
            "warning",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    _cleanups.append(lambda: stop_process(process))
    wait_for_port(WEB_PORT, timeout=60)
    return process


def start_worker(env: dict, name: str) -> subprocess.Popen:
    process = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "celery",
            "-A",
            "mondinsieme",
            "worker",
            "--pool=solo",
            "-n",
            f"{name}@%h",
            "-Q",
            env["CELERY_QUEUE"],
            "--without-gossip",
            "--without-mingle",
            "-l",
            "WARNING",
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    _cleanups.append(lambda: stop_process(process))
    return process


def stop_process(process: subprocess.Popen, sig: int = signal.SIGTERM) -> None:
    if process.poll() is None:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(process.pid, sig)
        with contextlib.suppress(subprocess.TimeoutExpired):
            process.wait(timeout=15)


class Browser:
    """A cookie-keeping HTTP client that sends the CSRF token like a browser form does."""

    def __init__(self, client_ip: str = "203.0.113.1") -> None:
        self.jar = http.cookiejar.CookieJar()
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(self.jar), _NoRedirect()
        )
        self.client_ip = client_ip
        self.base = f"http://127.0.0.1:{WEB_PORT}"

    def _csrf(self) -> str:
        return next((c.value for c in self.jar if c.name == "csrftoken"), "")

    def request(self, path: str, data: dict | None = None, timeout: float = 30) -> tuple[int, str]:
        body = None
        headers = {"X-Forwarded-For": self.client_ip}
        if data is not None:
            body = urllib.parse.urlencode({**data, "csrfmiddlewaretoken": self._csrf()}).encode()
            headers["Referer"] = self.base + path
        request = urllib.request.Request(self.base + path, data=body, headers=headers)
        try:
            with self.opener.open(request, timeout=timeout) as response:
                return response.status, response.read().decode("utf-8", "replace")
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode("utf-8", "replace")
        except (urllib.error.URLError, ConnectionError, TimeoutError) as error:
            return 0, str(error)

    def login(self, email: str, password: str) -> int:
        self.request("/account/login/")
        status, _body = self.request("/account/login/", {"login": email, "password": password})
        return status


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None

    def http_error_302(self, req, fp, code, msg, headers):
        return fp

    http_error_301 = http_error_303 = http_error_307 = http_error_302
