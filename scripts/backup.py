#!/usr/bin/env python3
"""Back up and restore the portal's PostgreSQL database (``make backup`` / ``make restore``).

    python scripts/backup.py dump [--dir backups]          -> backups/<db>-<UTC timestamp>.dump
    python scripts/backup.py restore FILE --yes            -> FILE replaces the database's contents

The database is the one the portal uses: ``DATABASE_URL`` from the environment or ``.env``
(``--database-url`` overrides it). SQLite is refused: copy ``db.sqlite3`` instead. The dump is
``pg_dump -Fc`` (compressed, restorable table by table); the restore is ``pg_restore --clean
--if-exists --no-owner`` in one transaction, so a failed restore leaves the database as it was.
Uploaded files live in ``MEDIA_ROOT`` and are backed up with the file system, not here.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent


def database_url(explicit: str | None) -> str:
    if explicit:
        return explicit
    if os.environ.get("DATABASE_URL"):
        return os.environ["DATABASE_URL"]
    env_file = ROOT / ".env"
    if env_file.is_file():
        for line in env_file.read_text().splitlines():
            key, _, value = line.partition("=")
            if key.strip() == "DATABASE_URL":
                return value.strip().strip("'\"")
    return ""


def require_postgresql(url: str) -> str:
    scheme = urlsplit(url).scheme
    if scheme not in ("postgres", "postgresql", "pgsql", "postgis"):
        where = f"'{scheme}' database" if url else "SQLite database (no DATABASE_URL)"
        sys.exit(
            f"Backups need PostgreSQL; this portal uses a {where}. For SQLite, stop the "
            "server and copy db.sqlite3."
        )
    for tool in ("pg_dump", "pg_restore"):
        if shutil.which(tool) is None:
            sys.exit(f"{tool} is not installed (Debian: apt-get install postgresql-client).")
    # libpq does not know the Django-only scheme aliases.
    return "postgresql" + url[len(scheme) :]


def _tool(name: str) -> str:
    return shutil.which(name) or name


def dump(url: str, directory: Path) -> Path:
    """Write a custom-format dump named after the database and the UTC time; return its path."""
    url = require_postgresql(url)
    directory.mkdir(parents=True, exist_ok=True)
    name = urlsplit(url).path.lstrip("/") or "portale"
    stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
    target = directory / f"{name}-{stamp}.dump"
    # Fixed argument list, no shell: the URL and the path are single arguments.
    subprocess.run(  # noqa: S603
        [
            _tool("pg_dump"),
            "--format=custom",
            "--no-owner",
            "--no-privileges",
            f"--file={target}",
            url,
        ],
        check=True,
    )
    return target


def restore(url: str, source: Path) -> None:
    """Replace the database's contents with the dump ``source`` (one transaction)."""
    url = require_postgresql(url)
    if not source.is_file():
        sys.exit(f"No such backup: {source}")
    subprocess.run(  # noqa: S603
        [
            _tool("pg_restore"),
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            f"--dbname={url}",
            str(source),
        ],
        check=True,
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--database-url", help="default: DATABASE_URL from the environment")
    commands = parser.add_subparsers(dest="command", required=True)
    dump_parser = commands.add_parser("dump", help="write backups/<db>-<time>.dump")
    dump_parser.add_argument("--dir", type=Path, default=ROOT / "backups")
    restore_parser = commands.add_parser("restore", help="replace the database with a dump")
    restore_parser.add_argument("file", type=Path)
    restore_parser.add_argument("--yes", action="store_true", help="I know it replaces the data")
    args = parser.parse_args(argv)

    url = database_url(args.database_url)
    if args.command == "dump":
        target = dump(url, args.dir)
        print(f"Backup written: {target} ({target.stat().st_size:,} bytes)")
        return 0
    require_postgresql(url)
    if not args.yes:
        sys.exit(
            f"This replaces every table of {urlsplit(url).path.lstrip('/')} with {args.file}. "
            "Stop the web server and the workers, then run again with --yes "
            "(make restore FILE=... YES=1)."
        )
    restore(url, args.file)
    print(f"Restored {args.file} into {urlsplit(url).path.lstrip('/')}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
