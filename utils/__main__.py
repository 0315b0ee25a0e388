# The project's one command line: python -m utils COMMAND ... (python -m utils --help lists
# the commands, python -m utils COMMAND --help each one's options).
from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from pathlib import Path

from utils.data.check import file_report, folder_report
from utils.data.coords import PLACE_ID, read_coords_rows
from utils.data.folder import COORDS_FILE, DEFAULT_DATA_DIR, HOME_FILE, REGISTRY_FILE, DataFolder
from utils.data.places import HomeConfigError, load_home
from utils.data.problems import Problem, ProblemError
from utils.data.provenance import has_provenance
from utils.data.reading import TableReadError
from utils.data.registry import PARTNER_ID, load_registry
from utils.data.writing import DataWriteError
from utils.editing.store import (
    FileStore,
    NothingChangedError,
    SqlStore,
    export_texts,
    import_texts,
    version_texts,
)
from utils.editing.store.backup import read_backup, write_backup
from utils.editing.store.schema import schema_version, upgrade_schema
from utils.editing.store.settings import DEFAULT_SECRETS, STORE_URL_VARIABLE, make_engine, store_url
from utils.editing.store.sql import database_errors
from utils.i18n import DEFAULT_LANGUAGE, LANGUAGES, count_of, t
from utils.map.assets import STATIC_DIR, publish_assets
from utils.sources.geocode import (
    DEFAULT_USER_AGENT,
    USER_AGENT_VARIABLE,
    Place,
    geocode_places,
    places_to_geocode,
)
from utils.sources.importer import import_published, read_existing
from utils.sources.published_cells import PublishedTableError

PROGRAM = "python -m utils"


def check(args: argparse.Namespace) -> int:
    """Check a registry file (CSV or XLSX), or every file of a data folder."""
    if args.path.is_dir():
        text, code = folder_report(DataFolder(args.path), args.lang, dt.date.today())
    elif args.path.is_file():
        text, code = file_report(args.path, args.lang, dt.date.today())
    else:
        sys.stderr.write(f"{PROGRAM} check: no such file or folder: {args.path}\n")
        return 2
    sys.stdout.write(text + "\n")
    return code


def import_page(args: argparse.Namespace) -> int:
    """Turn the administration's published table into the registry."""
    if not args.path.is_file():
        sys.stderr.write(f"{PROGRAM} import: no such file: {args.path}\n")
        return 2
    try:
        rows, new_ids = import_published(args.path, args.output)
    except PublishedTableError as error:
        sys.stderr.write("\n".join(p.describe(args.lang) for p in error.problems) + "\n")
        return 1
    partners = len({row[PARTNER_ID] for row in rows})
    documents = count_of("documents", len(rows), args.lang)
    message = t(
        "import.written",
        args.lang,
        documents=documents,
        partners=count_of("partners", partners, args.lang),
        path=args.output,
    )
    sys.stdout.write(message + "\n")
    other = sum(has_provenance(row) for row in read_existing(args.output)[0])
    if other:
        sys.stdout.write(t("import.kept_other", args.lang, count=other) + "\n")
    if new_ids:
        sys.stdout.write(t("import.new_partners", args.lang, ids=", ".join(new_ids)) + "\n")
    return 0


def geocode(args: argparse.Namespace) -> int:
    """Geocode with Nominatim the places that coords.csv lacks (the network's one step)."""
    partners, problems = load_registry(args.partners)
    for problem in problems:
        sys.stderr.write(f"{args.partners}: {problem.describe('en')}\n")
    try:
        home = load_home(args.home)
        known = {str(row[PLACE_ID]) for row in read_coords_rows(args.coords)}
    except HomeConfigError as error:
        sys.stderr.write(f"{error}\n")
        return 2
    except TableReadError as error:
        said = error.problem.describe("en")
        sys.stderr.write(f"{args.coords}: {said}; fix it before geocoding\n")
        return 2
    places = places_to_geocode(partners, home, known)
    if not places:
        sys.stdout.write(f"{args.coords}: every place has coordinates.\n")
        return 0

    from geopy.geocoders import Nominatim  # noqa: PLC0415 - only this command needs it

    def progress(index: int, total: int, place: Place) -> None:
        sys.stdout.write(f"[{index}/{total}] {place.place_id}: {place.query}\n")

    geocoder = Nominatim(user_agent=args.user_agent, timeout=args.timeout)
    report = geocode_places(places, geocoder, args.coords, on_progress=progress)
    sys.stdout.write(f"Resolved: {', '.join(report.resolved) or 'none'}\n")
    for place_id, reason in report.unresolved.items():
        sys.stdout.write(
            f"Not resolved: {place_id} ({reason}); add it to {args.coords} "
            f"by hand with source=manual\n"
        )
    return 1 if report.unresolved else 0


def _database(args: argparse.Namespace) -> SqlStore:
    """Return the store of the database the options, the environment or secrets name."""
    url = store_url(args.url, args.secrets)
    if url is None:
        raise ProblemError(Problem("no_store_url"))
    return SqlStore(make_engine(url))


def _any_store(args: argparse.Namespace) -> SqlStore | FileStore:
    """Return the database's store if one is named, else the data folder's files."""
    url = store_url(args.url, args.secrets)
    return SqlStore(make_engine(url)) if url else FileStore(args.data)


def store_export(args: argparse.Namespace) -> int:
    """Write a version of the database's data (the latest by default) as CSV files."""
    names = export_texts(version_texts(_database(args), args.version), args.to)
    sys.stdout.write(f"{len(names)} file(s) written to {args.to}: {', '.join(names)}\n")
    return 0


def store_import(args: argparse.Namespace) -> int:
    """Store a data folder's CSV files in the database: version 0 if empty, else a new one."""
    store = _database(args)
    texts = import_texts(args.source, args.settings, dt.datetime.now(dt.UTC).date())
    if store.is_empty():
        version = store.start_with(texts, editor=args.editor, comment=args.comment)
    else:
        try:
            version = store.apply(
                texts, based_on=store.latest(), editor=args.editor, comment=args.comment
            )
        except NothingChangedError:
            latest = store.latest()
            sys.stdout.write(f"version {latest} already holds these files: nothing stored\n")
            return 0
    sys.stdout.write(
        f"version {version.number}: {version.added} added, {version.removed} removed, "
        f"{version.changed} changed ({', '.join(version.data_sets)})\n"
    )
    return 0


def store_backup(args: argparse.Namespace) -> int:
    """Write every version of the store, with its editor and comment, into one file."""
    store = _any_store(args)
    history = store.stored_versions()
    write_backup(history, args.file, dt.datetime.now(dt.UTC))
    sys.stdout.write(
        f"{len(history)} version(s), 0 to {history[-1].version.number}, written to {args.file}\n"
    )
    return 0


def store_restore(args: argparse.Namespace) -> int:
    """Put a backup's versions into an empty store: History as it was when backed up."""
    history = read_backup(args.file)
    store = _any_store(args)
    store.load_history(history)
    sys.stdout.write(
        f"{len(history)} version(s) restored, the latest {history[-1].version.number}\n"
    )
    return 0


def assets(_args: argparse.Namespace) -> int:
    """Publish the map's front-end files ahead of time (an app folder read-only at run time)."""
    copied = publish_assets(STATIC_DIR, DEFAULT_DATA_DIR / "basemap.geojson")
    sys.stdout.write(f"{len(copied)} file(s) copied into {STATIC_DIR}\n")
    return 0


def store_upgrade(args: argparse.Namespace) -> int:
    """Bring the database's schema to the newest version (the app also does it on start)."""
    url = store_url(args.url, args.secrets)
    if url is None:
        raise ProblemError(Problem("no_store_url"))
    engine = make_engine(url)
    with database_errors():
        before = schema_version(engine)
        upgrade_schema(engine)
        after = schema_version(engine)
    said = "already" if before == after else f"upgraded from {before or 'none'} to"
    sys.stdout.write(f"schema version: {said} {after} (the newest this code knows)\n")
    return 0


def _where(command: argparse.ArgumentParser, *, files: bool = False) -> None:
    """Add the options that name the store; the password never has to be typed here."""
    command.add_argument(
        "--url",
        default=None,
        help=f"SQLAlchemy URL of the database (default: ${STORE_URL_VARIABLE}, else the "
        "secrets file's [connections.registry] url)",
    )
    command.add_argument(
        "--secrets",
        type=Path,
        default=DEFAULT_SECRETS,
        help="the secrets file to read the URL from",
    )
    if files:
        command.add_argument(
            "--data",
            type=Path,
            default=DEFAULT_DATA_DIR,
            help="with no database named: the data folder whose files and history/ to use",
        )


def _store_commands(commands: argparse._SubParsersAction) -> None:
    """Add `store export`, `import`, `backup` and `restore`."""
    store = commands.add_parser("store", help="move the data between CSV folders and a database")
    actions = store.add_subparsers(dest="action", required=True, metavar="ACTION")
    export = actions.add_parser("export", help="write a version of the database's data as CSV")
    _where(export)
    export.add_argument("--to", type=Path, required=True, help="folder to write into")
    export.add_argument("--version", type=int, default=None, help="a version (default: latest)")
    export.set_defaults(run=store_export)
    load = actions.add_parser("import", help="store a folder's CSV files as a new version")
    _where(load)
    load.add_argument("--from", dest="source", type=Path, required=True, help="the folder")
    load.add_argument("--editor", default="import", help="who is recorded as the editor")
    load.add_argument("--comment", default="", help="why, as the History section shows it")
    load.add_argument(
        "--settings",
        type=Path,
        default=DEFAULT_DATA_DIR,
        help=f"the data folder whose {HOME_FILE} checks a folder that has none (default: data)",
    )
    load.set_defaults(run=store_import)
    backup = actions.add_parser("backup", help="write every version, with History, to one file")
    _where(backup, files=True)
    backup.add_argument("file", type=Path, help="the backup file to write (JSON)")
    backup.set_defaults(run=store_backup)
    restoring = actions.add_parser("restore", help="restore a backup into an empty store")
    _where(restoring, files=True)
    restoring.add_argument("file", type=Path, help="a file written by store backup")
    restoring.set_defaults(run=store_restore)
    upgrading = actions.add_parser("upgrade", help="bring the database's schema up to date")
    _where(upgrading)
    upgrading.set_defaults(run=store_upgrade)


def parser() -> argparse.ArgumentParser:
    """The command line: a subcommand per task, each with --help."""
    root = argparse.ArgumentParser(prog=PROGRAM, description="The partners dashboard's data tools.")
    commands = root.add_subparsers(dest="command", required=True, metavar="COMMAND")
    checking = commands.add_parser(
        "check", help="check a registry file (CSV or XLSX) or every file of a data folder"
    )
    checking.add_argument("path", type=Path, help="a partners file, or a data folder")
    checking.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    checking.set_defaults(run=check)
    importing = commands.add_parser(
        "import", help="turn the administration's published table into partners.csv"
    )
    importing.add_argument("path", type=Path, help="the published table as text (UTF-8)")
    importing.add_argument("-o", "--output", type=Path, default=DEFAULT_DATA_DIR / REGISTRY_FILE)
    importing.add_argument("--lang", choices=LANGUAGES, default=DEFAULT_LANGUAGE)
    importing.set_defaults(run=import_page)
    geocoding = commands.add_parser(
        "geocode", help="geocode the places coords.csv lacks (Nominatim, one request a second)"
    )
    geocoding.add_argument("--partners", type=Path, default=DEFAULT_DATA_DIR / REGISTRY_FILE)
    geocoding.add_argument("--coords", type=Path, default=DEFAULT_DATA_DIR / COORDS_FILE)
    geocoding.add_argument("--home", type=Path, default=DEFAULT_DATA_DIR / HOME_FILE)
    geocoding.add_argument(
        "--user-agent",
        default=os.environ.get(USER_AGENT_VARIABLE, DEFAULT_USER_AGENT),
        help=f"identifies the app to Nominatim (or set {USER_AGENT_VARIABLE})",
    )
    geocoding.add_argument("--timeout", type=float, default=10.0, help="seconds per request")
    geocoding.set_defaults(run=geocode)
    _store_commands(commands)
    publishing = commands.add_parser(
        "assets", help="copy Leaflet, the map's script and the basemap into static/"
    )
    publishing.set_defaults(run=assets)
    return root


def main(argv: list[str] | None = None) -> int:
    """Run one command; say a refusal in the reader's words and exit 1, never a traceback."""
    args = parser().parse_args(argv)
    run: Callable[[argparse.Namespace], int] = args.run
    try:
        return run(args)
    except (ProblemError, DataWriteError) as error:
        sys.stderr.write(f"{error.problem.describe(getattr(args, 'lang', 'en'))}\n")
        return 1


def run_alias(old: str, command: list[str], new: str) -> int:
    """Run an old module's command as the one command line does, saying its new name."""
    sys.stderr.write(f"python -m {old} is now {PROGRAM} {new}: the old name goes next release.\n")
    return main([*command, *sys.argv[1:]])


if __name__ == "__main__":
    raise SystemExit(main())
