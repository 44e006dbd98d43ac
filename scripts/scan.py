#!/usr/bin/env python3
"""Security scans from outside (``make scan``): bandit on the code, wapiti3 and sqlmap against a
local server with the demo data.

1. bandit (pinned in requirements-dev.txt) on the portal's Python code;
2. a production-like server (``DJANGO_DEBUG=0``, gunicorn, WhiteNoise) on 127.0.0.1:8791 with a
   throwaway SQLite database seeded by ``seed_demo``, rate limits off (scripts/scan_settings.py);
3. wapiti3 3.2.x from its own virtualenv ``.venv-scan`` (its dependencies clash with ours),
   crawling the public site and attacking every form and parameter it finds;
4. Debian's sqlmap against the public forms: manifesto signing, search, directory filters,
   login, and course enrolment by a logged-in leader.

Reports go to ``scan-results/``; the findings are printed at the end. Nothing leaves loopback.
"""

# ruff: noqa: S603, S310 -- fixed local commands and URLs on loopback, never user input

from __future__ import annotations

import contextlib
import http.cookiejar
import json
import os
import re
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "scan-results"
PORT = int(os.environ.get("SCAN_PORT", "8791"))
BASE = f"http://127.0.0.1:{PORT}"
PYTHON = str(ROOT / ".venv" / "bin" / "python")
WAPITI_VERSION = "3.2.3"
DEMO_PASSWORD = "diaspore-demo-2026"  # noqa: S105 -- the public demo password of seed_demo


def say(message: str) -> None:
    print(f"\n=== {message}", flush=True)


def run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(command, cwd=ROOT, text=True, **kwargs)


# --- 1. bandit -----------------------------------------------------------------------------
def bandit() -> list[dict]:
    say("bandit")
    targets = [
        p.name for p in ROOT.iterdir() if (p / "__init__.py").exists() and p.name not in ("tests",)
    ]
    report = RESULTS / "bandit.json"
    run(
        [
            str(ROOT / ".venv" / "bin" / "bandit"),
            "-r",
            *targets,
            "scripts",
            "-x",
            "*/migrations/*,*/tests/*",
            "-f",
            "json",
            "-o",
            str(report),
            "-q",
        ],
    )
    results = json.loads(report.read_text())["results"]
    for item in results:
        print(
            f"  {item['issue_severity']:6} {item['issue_confidence']:6} {item['test_id']} "
            f"{item['filename']}:{item['line_number']} {item['issue_text']}"
        )
    print(f"  bandit: {len(results)} findings (report {report.relative_to(ROOT)})")
    return results


# --- 2. the server -------------------------------------------------------------------------
def server_env(database: Path) -> dict:
    return {
        **os.environ,
        "PYTHONPATH": f"{ROOT / 'scripts'}:{ROOT}",
        "DJANGO_SETTINGS_MODULE": "scan_settings",
        "DJANGO_DEBUG": "0",
        "DJANGO_HTTPS": "0",
        "DJANGO_SECRET_KEY": secrets.token_urlsafe(50),
        "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
        "DATABASE_URL": f"sqlite:///{database}",
        "REDIS_URL": "",
        "PORTAL_STAFF_MFA_REQUIRED": "1",
        "DJANGO_LOG_LEVEL": "ERROR",
    }


def start_server(env: dict) -> subprocess.Popen:
    say("server: migrate, seed_demo, collectstatic, gunicorn on " + BASE)
    manage = [PYTHON, "manage.py"]
    run([*manage, "migrate", "--noinput", "-v", "0"], env=env, check=True)
    run([*manage, "seed_demo", "--force"], env=env, check=True, stdout=subprocess.DEVNULL)
    run([*manage, "compilemessages", "-v", "0", "--ignore=.venv*"], env=env, check=False)
    run([*manage, "collectstatic", "--noinput", "-v", "0"], env=env, check=True)
    server = subprocess.Popen(
        [
            PYTHON,
            "-m",
            "gunicorn",
            "mondinsieme.wsgi",
            "--bind",
            f"127.0.0.1:{PORT}",
            "--workers",
            "2",
            "--timeout",
            "120",
            "--log-level",
            "warning",
            "--access-logfile",
            str(RESULTS / "access.log"),
        ],
        cwd=ROOT,
        env=env,
        start_new_session=True,
    )
    for _ in range(120):
        with contextlib.suppress(OSError):
            urllib.request.urlopen(BASE + "/healthz", timeout=2)
            return server
        time.sleep(0.5)
    raise RuntimeError("the scan server did not start")


def demo_targets(env: dict) -> dict:
    """Slugs and ids of the demo objects the forms point at."""
    code = """
import json
from forum.models import Manifesto
from training.models import Course
from associations.models import Membership
manifesto = Manifesto.objects.filter(status="open_for_signature").first()
course = Course.objects.filter(status="published").order_by("pk").first()
active = Membership.objects.filter(status="active")
lead = active.filter(role="leader", user__email__startswith="leader1@").first()
member = active.filter(association=lead.association).exclude(user=lead.user).first()
print(json.dumps({"manifesto": manifesto.slug, "course": course.slug, "leader": lead.user.email,
    "association": lead.association_id, "member": member.user_id if member else ""}))
"""
    out = run(
        [PYTHON, "manage.py", "shell", "-c", code], env=env, check=True, capture_output=True
    ).stdout
    return json.loads(out.strip().splitlines()[-1])


def logged_in_cookies(email: str) -> str:
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    opener.open(BASE + "/account/login/")
    token = next(c.value for c in jar if c.name == "csrftoken")
    data = urllib.parse.urlencode(
        {"login": email, "password": DEMO_PASSWORD, "csrfmiddlewaretoken": token}
    ).encode()
    request = urllib.request.Request(
        BASE + "/account/login/", data=data, headers={"Referer": BASE + "/account/login/"}
    )
    opener.open(request)
    return "; ".join(f"{c.name}={c.value}" for c in jar)


# --- 3. wapiti -----------------------------------------------------------------------------
def wapiti() -> list[tuple[str, str, str]]:
    say(f"wapiti3 {WAPITI_VERSION} (own virtualenv .venv-scan)")
    venv = ROOT / ".venv-scan"
    binary = venv / "bin" / "wapiti"
    if not binary.exists():
        run([sys.executable, "-m", "venv", str(venv)], check=True)
        run([str(venv / "bin" / "pip"), "install", "-q", f"wapiti3=={WAPITI_VERSION}"], check=True)
    report = RESULTS / "wapiti.json"
    run(
        [
            str(binary),
            "-u",
            BASE + "/",
            "--scope",
            "folder",
            "--flush-session",
            "-m",
            "common,csp,http_headers,cookieflags,redirect,methods,timesql",
            "-x",
            BASE + "/i18n/setlang/",
            "-x",
            BASE + "/account/logout/",
            "-x",
            BASE + "/gestione/*",
            "-x",
            BASE + "/en/*",
            "-d",
            "3",
            "--max-links-per-page",
            "30",
            "--max-files-per-dir",
            "40",
            "--max-scan-time",
            os.environ.get("SCAN_WAPITI_SECONDS", "900"),
            "--max-attack-time",
            "120",
            "--tasks",
            "4",
            "-f",
            "json",
            "-o",
            str(report),
            "--no-bugreport",
        ],
        stdout=subprocess.DEVNULL,
    )
    findings = []
    data = json.loads(report.read_text())
    for category, items in data.get("vulnerabilities", {}).items():
        for item in items:
            findings.append((category, item.get("path", ""), item.get("info", "")))
    for category, items in data.get("anomalies", {}).items():
        for item in items:
            findings.append((f"anomaly: {category}", item.get("path", ""), item.get("info", "")))
    for category, path, info in findings:
        print(f"  {category}: {path} — {info}")
    crawled = data.get("infos", {}).get("crawled_pages_nbr", "?")
    print(f"  wapiti: {len(findings)} findings, {crawled} pages crawled (report {report.name})")
    return findings


# --- 4. sqlmap -----------------------------------------------------------------------------
def sqlmap(targets: dict) -> list[tuple[str, str]]:
    say("sqlmap (Debian package)")
    if shutil.which("sqlmap") is None:
        sys.exit("sqlmap is not installed: apt-get install -y sqlmap")
    leader_cookies = logged_in_cookies(targets["leader"])
    manifesto = f"/forum/manifesto/{targets['manifesto']}/"
    course = f"/formazione/{targets['course']}/"
    jobs = {
        "manifesto-sign": {
            "url": BASE + manifesto + "firma/",
            "data": "name=Awa&email=awa%40example.org&residence_city=Reggio&country=SN&consent=on",
        },
        "search": {"url": BASE + "/programma/cerca/?q=corso"},
        "directory-filter": {"url": BASE + "/associazioni/?q=ghana&country=GH&legal_form=aps"},
        "course-filter": {"url": BASE + "/formazione/?q=progettazione&language=it"},
        "login": {
            "url": BASE + "/account/login/",
            "data": "login=nobody%40example.org&password=wrong-password",
        },
        "course-enrolment": {
            "url": BASE + course + "iscrivi/",
            "data": f"association={targets['association']}&participant={targets['member']}&email=",
            "cookie": leader_cookies,
        },
    }
    found = []
    for name, job in jobs.items():
        command = [
            "sqlmap",
            "-u",
            job["url"],
            "--batch",
            "--flush-session",
            "--level",
            "2",
            "--risk",
            "1",
            "--output-dir",
            str(RESULTS / "sqlmap"),
            "--disable-coloring",
            # The session and CSRF cookies are the scan's own credentials, not inputs.
            "--skip=csrfmiddlewaretoken,sessionid,csrftoken",
        ]
        if "data" in job:
            command += ["--data", job["data"]]
        if "cookie" in job:
            command += ["--cookie", job["cookie"]]
        output = run(command, capture_output=True).stdout
        (RESULTS / f"sqlmap-{name}.log").write_text(output)
        injectable = re.findall(r"Parameter: (.+?) \(", output)
        tested = sorted(set(re.findall(r"(?:POST|GET) parameter '([^']+)'", output)))
        verdict = f"INJECTABLE: {', '.join(injectable)}" if injectable else "no injection found"
        print(f"  {name}: tested {', '.join(tested) or 'nothing (see log)'} -> {verdict}")
        found += [(name, parameter) for parameter in injectable]
    return found


def main() -> int:
    """``scan.py [bandit] [wapiti] [sqlmap]``: the scanners named, or all three."""
    chosen = set(sys.argv[1:]) or {"bandit", "wapiti", "sqlmap"}
    RESULTS.mkdir(exist_ok=True)
    bandit_findings = bandit() if "bandit" in chosen else []
    wapiti_findings, sqlmap_findings = [], []
    if not chosen & {"wapiti", "sqlmap"}:
        return 0
    workdir = Path(tempfile.mkdtemp(prefix="scan-"))
    env = server_env(workdir / "db.sqlite3")
    server = start_server(env)
    try:
        targets = demo_targets(env)
        wapiti_findings = wapiti() if "wapiti" in chosen else []
        sqlmap_findings = sqlmap(targets) if "sqlmap" in chosen else []
    finally:
        with contextlib.suppress(ProcessLookupError):
            os.killpg(server.pid, 15)
        server.wait(timeout=30)
        shutil.rmtree(workdir, ignore_errors=True)
    say("summary")
    high = [f for f in bandit_findings if f["issue_severity"] in ("HIGH", "MEDIUM")]
    print(f"  bandit: {len(bandit_findings)} findings, {len(high)} of medium or high severity")
    print(f"  wapiti: {len(wapiti_findings)} findings")
    print(f"  sqlmap: {len(sqlmap_findings)} injectable parameters")
    print("  triage: docs/security.md, section Scans")
    return 0


if __name__ == "__main__":
    sys.exit(main())
