"""Shared plumbing of the benchmark scripts: a throwaway PostgreSQL database, gunicorn and a
Celery worker on loopback, and a small load driver built on the standard library only
(``http.client`` in threads), so the repository needs nothing beyond requirements.txt.

Nothing here runs as a test. Every process started is stopped by ``Stack.close()``.
"""

from __future__ import annotations

import http.client
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
PG = {"host": "127.0.0.1", "port": "5432", "user": "postgres"}
REDIS_URL = "redis://127.0.0.1:6379/9"


def bench_env(dbname: str) -> dict[str, str]:
    """Production-like settings for a throwaway run (plain HTTP on loopback, no HSTS)."""
    tag = f"bench-{os.getpid()}"
    env = dict(os.environ)
    env.update(
        DJANGO_SETTINGS_MODULE="mondinsieme.settings",
        DJANGO_DEBUG="0",
        DJANGO_HTTPS="0",
        # The signing rush plays many citizens from one machine: it writes X-Forwarded-For as a
        # proxy in front of the portal would, so the rate limits count per simulated address.
        PORTAL_TRUSTED_PROXIES="1",
        DJANGO_SECRET_KEY=secrets.token_urlsafe(50),
        DJANGO_ALLOWED_HOSTS="127.0.0.1",
        DATABASE_URL=f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{dbname}",
        REDIS_URL=REDIS_URL,
        DJANGO_CACHE_PREFIX=tag,  # our own keys in Redis db 9, removed at the end
        CELERY_QUEUE=tag,
        EMAIL_URL="dummymail://",
        DJANGO_MEDIA_ROOT=tempfile.mkdtemp(prefix="bench-media-"),
        PORTAL_BASE_URL="http://127.0.0.1",
        # DJANGO_DB_POOL=1 in the environment measures psycopg's pool (off by default: slower
        # with sync workers here, docs/performance.md).
        DJANGO_DB_POOL=os.environ.get("DJANGO_DB_POOL", "0"),
    )
    return env


def apply_env(env: dict[str, str]) -> None:
    """Make this process use the bench settings (call before django.setup())."""
    os.environ.update(env)
    sys.path.insert(0, str(ROOT))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def manage(env: dict[str, str], *args: str) -> None:
    subprocess.run(
        [str(VENV_BIN / "python"), "manage.py", *args],
        cwd=ROOT,
        env=env,
        check=True,
        stdout=subprocess.DEVNULL,
    )


@dataclass
class Stack:
    """The throwaway database and the processes serving it; ``close()`` undoes everything."""

    dbname: str
    env: dict[str, str]
    processes: list[subprocess.Popen] = field(default_factory=list)
    port: int = 0
    db_created: bool = False
    logdir: Path = field(default_factory=lambda: Path(tempfile.mkdtemp(prefix="bench-logs-")))

    def create_db(self) -> None:
        args = ["-h", PG["host"], "-p", PG["port"], "-U", PG["user"]]
        subprocess.run(["dropdb", *args, "--if-exists", self.dbname], check=True)
        subprocess.run(["createdb", *args, self.dbname], check=True)
        self.db_created = True

    def migrate(self) -> None:
        manage(self.env, "migrate", "--noinput", "-v", "0")

    def prepare(self) -> None:
        """A fresh database with the migrations applied, Django set up, static files collected."""
        self.create_db()
        self.migrate()
        import django

        django.setup()
        self.collectstatic()

    def seed(self, scale: int) -> None:
        manage(self.env, "seed_demo", "--scale", str(scale), "--force")

    def collectstatic(self) -> None:
        manage(self.env, "collectstatic", "--noinput", "-v", "0")

    def _spawn(self, name: str, argv: list[str]) -> subprocess.Popen:
        log = open(self.logdir / f"{name}.log", "wb")  # noqa: SIM115 - closed with the process
        process = subprocess.Popen(
            argv,
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        self.processes.append(process)
        return process

    def start_gunicorn(self, workers: int, threads: int) -> None:
        self.port = free_port()
        # The production configuration (gunicorn.conf.py), with the workers and threads asked.
        argv = [
            str(VENV_BIN / "gunicorn"),
            "mondinsieme.wsgi",
            "--config",
            str(ROOT / "gunicorn.conf.py"),
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--threads",
            str(threads),
            "--worker-class",
            "gthread" if threads > 1 else "sync",
            "--log-level",
            "warning",
            "--access-logfile",
            "/dev/null",
        ]
        self._spawn("gunicorn", argv)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            try:
                status, _ = request("127.0.0.1", self.port, "/healthz")
                if status == 200:
                    return
            except OSError:
                pass
            time.sleep(0.2)
        raise RuntimeError(f"gunicorn did not answer; see {self.logdir / 'gunicorn.log'}")

    def start_worker(self) -> None:
        self._spawn(
            "celery",
            [
                str(VENV_BIN / "celery"),
                "-A",
                "mondinsieme",
                "worker",
                "-Q",
                self.env["CELERY_QUEUE"],
                "--concurrency",
                "1",
                "-l",
                "warning",
                "--without-gossip",
                "--without-mingle",
                "--without-heartbeat",
            ],
        )

    def close(self) -> None:
        for process in reversed(self.processes):
            if process.poll() is None:
                os.killpg(process.pid, signal.SIGTERM)
        for process in reversed(self.processes):
            try:
                process.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait(timeout=5)
        self.processes.clear()
        try:  # our cache keys and the queue in Redis db 9
            import redis

            client = redis.Redis.from_url(REDIS_URL)
            tag = self.env["DJANGO_CACHE_PREFIX"]
            for key in client.scan_iter(match=f"{tag}*", count=1000):
                client.delete(key)
            queue = self.env["CELERY_QUEUE"]
            client.delete(queue, f"_kombu.binding.{queue}", f"_kombu.binding_permanent.{queue}")
        except Exception as error:  # cleaning up: report and go on
            print(f"  (could not clean Redis: {error})", file=sys.stderr)
        if self.db_created:
            from django.db import connections

            connections.close_all()
            subprocess.run(
                [
                    "dropdb",
                    "-h",
                    PG["host"],
                    "-p",
                    PG["port"],
                    "-U",
                    PG["user"],
                    "--force",
                    "--if-exists",
                    self.dbname,
                ],
                check=False,
            )
        shutil.rmtree(self.env["DJANGO_MEDIA_ROOT"], ignore_errors=True)


def request(
    host: str,
    port: int,
    path: str,
    *,
    method: str = "GET",
    body: bytes | None = None,
    headers: dict[str, str] | None = None,
    conn: http.client.HTTPConnection | None = None,
) -> tuple[int, bytes]:
    own = conn is None
    conn = conn or http.client.HTTPConnection(host, port, timeout=30)
    try:
        conn.request(method, path, body=body, headers=headers or {})
        response = conn.getresponse()
        return response.status, response.read()
    finally:
        if own:
            conn.close()


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies_ms: list[float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        if not self.latencies_ms:
            return float("nan")
        data = sorted(self.latencies_ms)
        return data[min(len(data) - 1, round(p / 100 * len(data) + 0.5) - 1)]


def drive(
    port: int,
    path: str,
    *,
    clients: int,
    seconds: float,
    headers: dict[str, str] | None = None,
    expect: int = 200,
    max_requests: int = 200_000,
) -> LoadResult:
    """``clients`` threads GET ``path`` in a closed loop for ``seconds`` (bounded by
    ``max_requests``); a request is an error if it fails or answers another status."""
    lock = threading.Lock()
    latencies: list[float] = []
    errors = [0]
    stop = time.monotonic() + seconds
    budget = [max_requests]

    def client() -> None:
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        mine: list[float] = []
        bad = 0
        while time.monotonic() < stop:
            with lock:
                if budget[0] <= 0:
                    break
                budget[0] -= 1
            start = time.perf_counter()
            try:
                conn.request("GET", path, headers=headers or {})
                response = conn.getresponse()
                response.read()
                ok = response.status == expect
                if response.will_close:
                    conn.close()
            except (OSError, http.client.HTTPException):
                ok = False
                conn.close()
            mine.append((time.perf_counter() - start) * 1000)
            bad += not ok
        conn.close()
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    started = time.monotonic()
    threads = [threading.Thread(target=client, daemon=True) for _ in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(seconds + 60)
    elapsed = time.monotonic() - started
    return LoadResult(len(latencies), errors[0], elapsed, latencies)


@dataclass
class WrkResult:
    """What ``drive_wrk`` read from wrk: the same questions ``LoadResult`` answers."""

    requests: int
    errors: int
    seconds: float
    percentiles: dict[int, float]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def pct(self, p: float) -> float:
        return self.percentiles.get(int(p), float("nan"))


def drive_wrk(
    port: int, path: str, *, clients: int, seconds: float, headers: dict[str, str] | None = None
) -> WrkResult:
    """The same closed loop with wrk (Debian package ``wrk``), a load tool in C that leaves more
    of the two CPUs to the server than Python threads do. Answers of 400 and above count as
    errors (wrk's own rule; the Python driver also counts a redirect)."""
    argv = ["wrk", f"-t{min(2, clients)}", f"-c{clients}", f"-d{max(1, round(seconds))}s"]
    argv += ["--timeout", "30s", "-s", str(ROOT / "bench" / "wrk_report.lua")]
    for name, value in (headers or {}).items():
        argv += ["-H", f"{name}: {value}"]
    argv.append(f"http://127.0.0.1:{port}{path}")
    output = subprocess.run(argv, capture_output=True, text=True, check=True).stdout
    line = next(row for row in output.splitlines() if row.startswith("WRK "))
    requests, duration, p50, p95, p99, errors = line.split()[1:]
    return WrkResult(
        requests=int(requests),
        errors=int(errors),
        seconds=float(duration),
        percentiles={50: float(p50), 95: float(p95), 99: float(p99)},
    )


def machine() -> str:
    mem = "?"
    try:
        with open("/proc/meminfo") as meminfo:
            mem = f"{int(meminfo.readline().split()[1]) // 1024} MiB"
    except OSError:
        pass
    pg = subprocess.run(
        ["psql", "-h", PG["host"], "-U", PG["user"], "-Atc", "show server_version"],
        capture_output=True,
        text=True,
        check=False,
    ).stdout.strip()
    return f"{os.cpu_count()} CPU, {mem} RAM, Python {sys.version.split()[0]}, PostgreSQL {pg}"


def loadavg() -> str:
    """1/5/15-minute load: other work on the machine skews every figure."""
    return " ".join(f"{value:.2f}" for value in os.getloadavg())


_TICKS = os.sysconf("SC_CLK_TCK")


def _proc_cpu(pid: int) -> tuple[int, str, float]:
    """(process group, command name, CPU seconds) of one process, from /proc."""
    with open(f"/proc/{pid}/stat") as stat:
        raw = stat.read()
    name = raw[raw.index("(") + 1 : raw.rindex(")")]
    fields = raw[raw.rindex(")") + 2 :].split()
    # fields[2] is pgrp; [11] utime, [12] stime; [13] cutime, [14] cstime: the time of children
    # already reaped (gunicorn recycles its workers after max_requests) (stat(5), after the name)
    return int(fields[2]), name, sum(int(value) for value in fields[11:15]) / _TICKS


def cpu_by_component(stack: Stack) -> dict[str, float]:
    """CPU seconds used so far by each part of the stack: gunicorn, the Celery worker,
    PostgreSQL, Redis and this process (the load driver). Exited processes are not counted,
    so take a reading before and after and subtract."""
    groups = {}
    for process in stack.processes:
        groups[process.pid] = Path(process.args[0]).name  # started in their own session
    totals = dict.fromkeys([*groups.values(), "postgres", "redis", "driver"], 0.0)
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            group, name, seconds = _proc_cpu(int(entry))
        except (OSError, ValueError, IndexError):
            continue  # gone meanwhile
        if group in groups:
            totals[groups[group]] += seconds
        elif name.startswith("postgres"):
            totals["postgres"] += seconds
        elif name.startswith("redis-server"):
            totals["redis"] += seconds
    own = os.times()
    totals["driver"] = own.user + own.system
    return totals


def print_cpu(before: dict[str, float], after: dict[str, float], per: int, unit: str) -> None:
    """CPU milliseconds per ``unit`` by component (all PostgreSQL and Redis processes on the
    machine are counted: run on an otherwise idle machine)."""
    used = {name: after[name] - before.get(name, 0.0) for name in after}
    total = sum(used.values())
    parts = ", ".join(
        f"{name} {seconds * 1000 / max(per, 1):.1f}" for name, seconds in used.items()
    )
    print(f"CPU ms per {unit}: {parts}; total {total * 1000 / max(per, 1):.1f}")
