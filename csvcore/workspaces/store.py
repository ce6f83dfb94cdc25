"""Workspaces: a team's map saved under a name, one version per save, behind link tokens.

Storage is SQLAlchemy Core over SQLite (the default: one file, nothing to set
up) or PostgreSQL (when a database URL is configured; several app processes
can share it, since nothing is kept in process memory but the engine).

- **Versions.** Every save adds a version numbered 1, 2, 3… per workspace;
  nothing is overwritten or deleted. Saves to one workspace are serialised in
  the database: on PostgreSQL a save locks the workspace's row (``SELECT … FOR
  UPDATE``) before it chooses its number, on SQLite it holds the database's
  write lock from its first statement (``BEGIN IMMEDIATE``); so a save that
  arrives during another waits for it and takes the next number, and the
  numbers stay contiguous. (workspace_id, version) is the primary key besides.
  A save is one transaction: if it fails halfway, or its process is killed,
  the previous versions are all there is.
- **What a version holds.** The canonical workbook (:func:`csvcore.io.export.workbook.export_xlsx`)
  of a :class:`~csvcore.contract.dataset.Dataset`, plus its counts. Before saving, the
  workbook is read back through the importer and must give the same dataset
  (same fingerprint) within the upload limits, so a version always re-opens
  as it was saved. Opening a version reads it through the importer again.
- **Access.** Each workspace has an edit token and a view token, stored only as
  sha256 digests (see :mod:`csvcore.workspaces.access`). Every call takes the token and
  checks it in the same transaction as its work. A wrong token, a missing
  token and an unknown workspace raise the same :class:`InvalidLink`, by the
  same steps; a view token cannot save or rotate (:class:`ViewOnly`).
- **Schema.** :func:`migrate` applies :data:`MIGRATIONS` in order, once each,
  recording them in ``schema_version``; it runs whenever a :class:`Store` is made.
"""

from __future__ import annotations

import dataclasses
import os
import secrets
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

import pandas as pd
import sqlalchemy as sa

from ..contract.dataset import Dataset
from ..contract.schema import LIMITS
from ..io.export.workbook import export_xlsx
from ..io.importer import load_files
from .access import EDIT, LINK_NOT_VALID, NO_DIGEST, VIEW, new_token, role_for, token_digest

__all__ = ["Store", "Access", "Workspace", "Version", "Created", "Changes", "Comparison",
           "StoreError", "InvalidLink", "ViewOnly", "NotSaved", "LINK_NOT_VALID",
           "ENV_URL", "DEFAULT_PATH", "MIGRATIONS", "database_url", "make_engine", "migrate",
           "changes"]

ENV_URL = "SVN_DATABASE_URL"
DEFAULT_PATH = Path.home() / ".local" / "share" / "shared-value-navigator" / "workspaces.db"
NAME_CHARS, NOTE_CHARS, DATA_NAME_CHARS = 120, 500, 500
_ID_CHARS = 16
_SQLITE_WAIT_S = 60  # how long a SQLite save waits for the write lock
_WORKBOOK = "workspace.xlsx"
_MIGRATION_LOCK = 0x5356_4E00  # any constant: PostgreSQL advisory lock for migrations
_EXCLUSIVE = {}  # row lock (SELECT ... FOR UPDATE) on the workspace, until the transaction ends

_meta = sa.MetaData()
schema_version = sa.Table(
    "schema_version", _meta,
    sa.Column("version", sa.Integer, primary_key=True, autoincrement=False),
    sa.Column("applied_at", sa.DateTime(timezone=True), nullable=False))
workspaces = sa.Table(
    "workspaces", _meta,
    sa.Column("id", sa.String(_ID_CHARS), primary_key=True),
    sa.Column("name", sa.String(NAME_CHARS), nullable=False),
    sa.Column("edit_digest", sa.String(64), nullable=False),
    sa.Column("view_digest", sa.String(64), nullable=False),
    sa.Column("created_at", sa.DateTime(timezone=True), nullable=False))
versions = sa.Table(
    "versions", _meta,
    sa.Column("workspace_id", sa.String(_ID_CHARS), sa.ForeignKey("workspaces.id"),
              nullable=False),
    sa.Column("version", sa.Integer, nullable=False, autoincrement=False),
    sa.Column("saved_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("data_name", sa.String(DATA_NAME_CHARS), nullable=False),
    sa.Column("note", sa.String(NOTE_CHARS), nullable=False),
    sa.Column("organizations", sa.Integer, nullable=False),
    sa.Column("ties", sa.Integer, nullable=False),
    sa.Column("periods", sa.Integer, nullable=False),
    sa.Column("fingerprint", sa.String(64), nullable=False),
    sa.Column("workbook", sa.LargeBinary, nullable=False),
    sa.PrimaryKeyConstraint("workspace_id", "version", name="versions_number_per_workspace"))


# --- errors and results --------------------------------------------------------


class StoreError(Exception):
    """A workspace operation that did not happen; the message is for the user."""


class InvalidLink(StoreError):
    """Wrong or missing token, or no such workspace: one message for all three."""

    def __init__(self) -> None:
        super().__init__(LINK_NOT_VALID)


class ViewOnly(StoreError):
    """A view token was used to change something."""

    def __init__(self) -> None:
        super().__init__("This link is view-only: it cannot save or change links.")


class NotSaved(StoreError):
    """The data or the name cannot become a version (nothing was written)."""


@dataclass(frozen=True)
class Workspace:
    id: str
    name: str
    created_at: datetime


@dataclass(frozen=True)
class Version:
    """One saved version's facts (without its data)."""

    number: int
    saved_at: datetime
    data_name: str
    note: str
    organizations: int
    ties: int
    periods: int
    fingerprint: str


@dataclass(frozen=True)
class Access:
    """What a valid link opens: role (EDIT or VIEW), workspace, versions (oldest first)."""

    role: str
    workspace: Workspace
    versions: tuple[Version, ...]

    @property
    def latest(self) -> Version:
        return self.versions[-1]


@dataclass(frozen=True)
class Created:
    """A new workspace's id, name and two tokens (shown once: only digests are stored)."""

    workspace_id: str
    name: str
    edit_token: str
    view_token: str


@dataclass(frozen=True)
class Changes:
    """What differs between two datasets: organizations (id, name) and ties added or removed."""

    orgs_added: pd.DataFrame
    orgs_removed: pd.DataFrame
    ties_added: pd.DataFrame
    ties_removed: pd.DataFrame


@dataclass(frozen=True)
class Comparison:
    old: Version
    new: Version
    changes: Changes


# --- configuration, engine, migrations -----------------------------------------


def database_url(configured: str | None = None) -> str:
    """Return the database URL: $SVN_DATABASE_URL, else ``configured``, else the SQLite file."""
    return os.environ.get(ENV_URL) or configured or f"sqlite:///{DEFAULT_PATH}"


def make_engine(url: str) -> sa.Engine:
    """Return an engine for ``url``; ``postgresql://`` URLs use the psycopg 3 driver."""
    parsed = sa.make_url(url)
    if parsed.drivername in ("postgres", "postgresql"):
        parsed = parsed.set(drivername="postgresql+psycopg")
    if parsed.get_backend_name() == "sqlite":
        return _sqlite_engine(parsed)
    return sa.create_engine(parsed, pool_pre_ping=True)


def _sqlite_engine(url: sa.URL) -> sa.Engine:
    """Return a SQLite engine whose transactions are real and take the write lock at once.

    BEGIN IMMEDIATE makes concurrent writers wait (up to the timeout) instead of
    failing with 'database is locked' when a read turns into a write.
    """
    if url.database and url.database != ":memory:":
        _private_file(Path(url.database).expanduser())
    engine = sa.create_engine(url, connect_args={"timeout": _SQLITE_WAIT_S})

    @sa.event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        dbapi_connection.isolation_level = None  # the driver's own BEGIN is replaced below
        dbapi_connection.execute("PRAGMA foreign_keys=ON")
        dbapi_connection.execute("PRAGMA journal_mode=WAL")

    @sa.event.listens_for(engine, "begin")
    def _on_begin(connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")

    return engine


def _private_file(path: Path) -> None:
    """Create the database file (and its folder) readable and writable by its owner only.

    SQLite gives its -wal and -shm files the database file's permissions.
    """
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))


def _create_tables(conn: sa.Connection) -> None:
    """Migration 1: workspaces and their versions, as declared above.

    Before a later migration changes these tables, copy their current
    declarations into this function, so that it keeps creating them as released.
    """
    _meta.create_all(conn, tables=[workspaces, versions])


def _create_survey_tables(conn: sa.Connection) -> None:
    """Migration 2: survey rounds, the organizations they list, respondents, answers."""
    from .surveys import create_tables  # the survey module builds on this one

    create_tables(conn)


#: The schema's history, oldest first: migration N brings the schema to version N.
#: Append new steps; never change or reorder released ones.
MIGRATIONS: tuple[Callable[[sa.Connection], None], ...] = (_create_tables,
                                                           _create_survey_tables)


def migrate(engine: sa.Engine,
            migrations: Sequence[Callable[[sa.Connection], None]] = MIGRATIONS) -> int:
    """Apply the migrations the database lacks, in one transaction; return its schema version.

    Safe to repeat and to run from several processes at once (PostgreSQL: an
    advisory lock; SQLite: the write lock taken at BEGIN).
    """
    with engine.begin() as conn:
        if conn.dialect.name == "postgresql":
            conn.execute(sa.text("SELECT pg_advisory_xact_lock(:key)"), {"key": _MIGRATION_LOCK})
        schema_version.create(conn, checkfirst=True)
        current = conn.scalar(sa.select(sa.func.max(schema_version.c.version))) or 0
        for number in range(current + 1, len(migrations) + 1):
            migrations[number - 1](conn)
            conn.execute(schema_version.insert().values(version=number, applied_at=_now()))
    return max(current, len(migrations))


# --- the store -----------------------------------------------------------------


class Store:
    """Workspaces in one database. Holds only the engine: share it between sessions freely."""

    def __init__(self, url: str):
        self.engine = make_engine(url)
        migrate(self.engine)

    def create_workspace(self, name: str, dataset: Dataset, note: str = "") -> Created:
        """Save ``dataset`` as version 1 of a new workspace; return its id and tokens."""
        name = _one_line(name, NAME_CHARS)
        if not name:
            raise NotSaved("Give the workspace a name.")
        workbook = _checked_workbook(dataset)
        created = Created(secrets.token_urlsafe(12), name, new_token(), new_token())
        with self.engine.begin() as conn:
            conn.execute(workspaces.insert().values(
                id=created.workspace_id, name=created.name, created_at=_now(),
                edit_digest=token_digest(created.edit_token),
                view_digest=token_digest(created.view_token)))
            _insert_version(conn, created.workspace_id, 1, dataset, workbook, note)
        return created

    def open(self, workspace_id: str, token: str | None) -> Access:
        """Return what ``token`` opens in the workspace, or raise :class:`InvalidLink`."""
        with self.engine.begin() as conn:
            role, row = _authorize(conn, workspace_id, token)
            found = conn.execute(sa.select(*_FACTS).where(versions.c.workspace_id == row.id)
                                 .order_by(versions.c.version)).all()
        return Access(role, Workspace(row.id, row.name, _utc(row.created_at)),
                      tuple(_version(r) for r in found))

    def role(self, workspace_id: str, token: str | None) -> str:
        """Return EDIT or VIEW for a token (a cheap re-check), or raise :class:`InvalidLink`."""
        with self.engine.begin() as conn:
            return _authorize(conn, workspace_id, token)[0]

    def save_version(self, workspace_id: str, token: str | None, dataset: Dataset,
                     note: str = "",
                     then: Callable[[sa.Connection, Version], None] | None = None) -> Version:
        """Save ``dataset`` as the workspace's next version (edit token only); return it.

        ``then(conn, version)`` runs inside the save's transaction: what it writes
        lands with the version, and if it raises, neither does.
        """
        workbook = _checked_workbook(dataset)
        with self.engine.begin() as conn:
            row = _authorize(conn, workspace_id, token, EDIT, _EXCLUSIVE)[1]  # saves queue here
            number = conn.scalar(sa.select(sa.func.max(versions.c.version))
                                 .where(versions.c.workspace_id == row.id)) or 0
            version = _insert_version(conn, row.id, number + 1, dataset, workbook, note)
            if then is not None:
                then(conn, version)
            return version

    def load_version(self, workspace_id: str, token: str | None,
                     number: int | None = None) -> Dataset:
        """Return a version's dataset (the latest when ``number`` is None), read by the importer."""
        with self.engine.begin() as conn:
            row = _authorize(conn, workspace_id, token)[1]
            query = (sa.select(versions.c.workbook, versions.c.data_name)
                     .where(versions.c.workspace_id == row.id)
                     .order_by(versions.c.version.desc()).limit(1))
            if number is not None:
                query = query.where(versions.c.version == number)
            found = conn.execute(query).first()
        if found is None:
            raise StoreError(f"There is no version {number}.")
        return _dataset(found.workbook, found.data_name)

    def compare_versions(self, workspace_id: str, token: str | None, old: int,
                         new: int) -> Comparison:
        """Return the counts of two versions and what changed from ``old`` to ``new``."""
        access = self.open(workspace_id, token)
        by_number = {v.number: v for v in access.versions}
        if old not in by_number or new not in by_number:
            raise StoreError("Choose two saved versions.")
        before, after = (self.load_version(workspace_id, token, n) for n in (old, new))
        return Comparison(by_number[old], by_number[new], changes(before, after))

    def rotate_tokens(self, workspace_id: str, token: str | None,
                      roles: Sequence[str] = (EDIT, VIEW)) -> dict[str, str]:
        """Replace the tokens of ``roles`` (edit token only): old links stop working.

        Returns the new tokens by role; they are not stored, only their digests.
        """
        if not roles or set(roles) - {EDIT, VIEW}:
            raise ValueError(f"roles must be among {EDIT!r} and {VIEW!r}")
        fresh = {role: new_token() for role in roles}
        with self.engine.begin() as conn:
            row = _authorize(conn, workspace_id, token, EDIT, _EXCLUSIVE)[1]
            conn.execute(workspaces.update().where(workspaces.c.id == row.id).values(
                {f"{role}_digest": token_digest(t) for role, t in fresh.items()}))
        return fresh


_FACTS = (versions.c.version, versions.c.saved_at, versions.c.data_name, versions.c.note,
          versions.c.organizations, versions.c.ties, versions.c.periods, versions.c.fingerprint)


def _authorize(conn: sa.Connection, workspace_id, token, need: str = VIEW,
               lock: dict | None = None):
    """Return (role, workspace row) for a token, or raise :class:`InvalidLink`/:class:`ViewOnly`.

    An unknown id is checked against :data:`NO_DIGEST`, so it fails by the same
    steps as a wrong token; so are an id or a token that is not a string. ``lock``
    (PostgreSQL) keeps the row locked until the transaction ends: saves and
    rotations of one workspace wait for each other, and the token stays valid
    for the work that follows.
    """
    wanted = workspace_id if isinstance(workspace_id, str) else ""
    wanted = wanted if len(wanted) <= _ID_CHARS else ""  # too long: matches no workspace
    token = token if isinstance(token, str) else None
    query = sa.select(workspaces).where(workspaces.c.id == wanted)
    row = conn.execute(query if lock is None else query.with_for_update(**lock)).first()
    role = role_for(token, row.edit_digest if row else NO_DIGEST,
                    row.view_digest if row else NO_DIGEST)
    if role is None:
        raise InvalidLink()
    if need == EDIT and role != EDIT:
        raise ViewOnly()
    return role, row


def _insert_version(conn: sa.Connection, workspace_id: str, number: int, dataset: Dataset,
                    workbook: bytes, note: str) -> Version:
    version = Version(number=number, saved_at=_now(),
                      data_name=_one_line(dataset.name, DATA_NAME_CHARS) or "unnamed",
                      note=_one_line(note, NOTE_CHARS),
                      organizations=len(dataset.organizations), ties=len(dataset.relationships),
                      periods=len(dataset.periods), fingerprint=dataset.fingerprint)
    values = dataclasses.asdict(version)
    values["version"] = values.pop("number")
    conn.execute(versions.insert().values(workspace_id=workspace_id, workbook=workbook,
                                          **values))
    return version


def _checked_workbook(dataset: Dataset) -> bytes:
    """Return the dataset's canonical workbook, or raise :class:`NotSaved`.

    The workbook must fit the upload limit and read back, through the importer,
    as the very same dataset.
    """
    # Duck-typed rather than isinstance: Streamlit reloads edited modules, and their classes.
    if not isinstance(getattr(dataset, "fingerprint", None), str):
        raise NotSaved("Only data read by the importer can be saved.")
    workbook = export_xlsx(dataset)
    if len(workbook) > LIMITS["upload_mb"] * 2**20:
        raise NotSaved(f"This data makes a workbook over {LIMITS['upload_mb']} MB, the upload "
                       "limit, so it could not be opened again: it was not saved.")
    reread, _report = load_files([(_WORKBOOK, workbook)])
    if reread is None or reread.fingerprint != dataset.fingerprint:
        raise NotSaved("This data does not read back exactly as it is, so it was not saved. "
                       "Download the workbook from the business case page and report it.")
    return workbook


def _dataset(workbook: bytes, name: str) -> Dataset:
    dataset, report = load_files([(_WORKBOOK, workbook)])
    if dataset is None:
        raise StoreError("This version could not be read: " + report.as_text())
    return dataclasses.replace(dataset, name=name)


def _version(row) -> Version:
    return Version(row.version, _utc(row.saved_at), row.data_name, row.note, row.organizations,
                   row.ties, row.periods, row.fingerprint)


def _one_line(text, limit: int) -> str:
    """Return text on one line, spaces collapsed, control characters dropped, cut to ``limit``."""
    return " ".join("".join(c if c.isprintable() else " " for c in str(text or "")).split())[:limit]


def _now() -> datetime:
    return datetime.now(timezone.utc)


def _utc(moment: datetime) -> datetime:
    """Return a stored time in UTC (SQLite gives it back without a time zone)."""
    return moment.astimezone(timezone.utc) if moment.tzinfo else moment.replace(tzinfo=timezone.utc)


# --- what changed between versions ---------------------------------------------

_TIE_KEY = ["source", "target", "period", "type", "challenge"]


def changes(old: Dataset, new: Dataset) -> Changes:
    """Return the organizations and ties in one dataset and not the other.

    A tie is its endpoints, period, type and challenge; an undirected tie is the
    same whichever endpoint comes first. Strength and the other columns are not compared.

    >>> a = Dataset.from_frames(relationships=pd.DataFrame({"source": ["x"], "target": ["y"]}))
    >>> b = Dataset.from_frames(relationships=pd.DataFrame({"source": ["y", "y"],
    ...                                                     "target": ["x", "z"]}))
    >>> d = changes(a, b)
    >>> list(d.orgs_added["id"]), len(d.ties_added), len(d.ties_removed)
    (['z'], 1, 0)
    """
    orgs_old, orgs_new = (ds.organizations[["id", "name"]] for ds in (old, new))
    ties_old, ties_new = _tie_keys(old), _tie_keys(new)
    return Changes(orgs_added=_only_in(orgs_new, orgs_old, ["id"]),
                   orgs_removed=_only_in(orgs_old, orgs_new, ["id"]),
                   ties_added=_only_in(ties_new, ties_old, _TIE_KEY),
                   ties_removed=_only_in(ties_old, ties_new, _TIE_KEY))


def _tie_keys(ds: Dataset) -> pd.DataFrame:
    """Return each distinct tie once, undirected ties with their endpoints in sorted order."""
    rel = ds.relationships
    swap = ~rel["directed"] & (rel["source"] > rel["target"])
    keys = rel[_TIE_KEY].copy()
    keys.loc[swap, ["source", "target"]] = rel.loc[swap, ["target", "source"]].to_numpy()
    return keys.drop_duplicates(ignore_index=True)


def _only_in(frame: pd.DataFrame, other: pd.DataFrame, key: list[str]) -> pd.DataFrame:
    """Return the rows of ``frame`` whose key is not in ``other``."""
    merged = frame.merge(other[key].drop_duplicates(), on=key, how="left", indicator=True)
    return merged.loc[merged["_merge"] == "left_only", list(frame.columns)].reset_index(drop=True)
