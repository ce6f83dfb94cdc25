"""Survey rounds: the organizations of a map report their own ties, one round per period.

A team with a workspace's edit link opens a **round** for a challenge and a
label, which becomes the round's period on the map. Each respondent
organization (from the map, or added by name) gets a personal link
``?survey=<link id>&token=<token>``. Respondents keep a draft as they go and
submit; they may come back and submit again until the round closes. The team
sees who answered, who started and who has not opened the link, makes a new
link for anyone (the old one stops working), closes the round and merges it
into a new version of the workspace (:mod:`csvcore.workspaces.agreement`: ties,
confidence from agreement, contradictions to resolve). The next round of the
same challenge starts with each respondent's previous answers, to confirm,
change or drop.

Respondent links work like the workspace links (:mod:`csvcore.workspaces.access`):
256-bit tokens from the operating system's generator, stored as sha256 digests
only, shown once, compared with :func:`hmac.compare_digest`. A link is valid
while its round is open (not closed, not past its closing time) and it is
neither revoked nor replaced; a wrong, expired, revoked or replaced link, or
an unknown link id, raises the same :class:`~csvcore.workspaces.store.InvalidLink`
by the same steps. A respondent call takes only the link id and token and reads
and writes only that respondent's own answers, in that round.

Bounds (:data:`~csvcore.workspaces.answers.SURVEY_LIMITS`): respondents per round,
open rounds per workspace, ties per answer, text lengths, and per link at
most so many submissions and draft saves per hour (counted in the database,
so every app process shares the count).

Concurrency: each respondent's answers are rows keyed (respondent, stage,
position) and replaced in one transaction, so saving twice at once cannot
duplicate them. On PostgreSQL a write holds its round's row in share mode and
closing takes it exclusively: a write either lands before the round closes
(and is merged) or is refused; on SQLite every write transaction takes the
database's write lock.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import secrets
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import datetime, timedelta

import pandas as pd
import sqlalchemy as sa
from sqlalchemy.exc import IntegrityError

from ..contract.dataset import Dataset
from ..io.readers.cells import id_key, id_text
from ..io.readers.periods import order_periods, period_label
from ..io.readers.repairs import sector_name
from .access import NO_DIGEST, new_token, token_digest
from .agreement import Merged, Reported, merge_round
from .answers import SURVEY_LIMITS, Answer, check_answers, one_line, organization_keys
from .store import (
    EDIT,
    InvalidLink,
    NotSaved,
    Store,
    StoreError,
    Version,
    ViewOnly,
    _authorize,
    _meta,
    _now,
    _utc,
)

__all__ = ["Surveys", "Round", "Invitation", "Opened", "Progress", "Questionnaire",
           "Preview", "TooMany", "NoSuchRound", "NOT_OPENED", "OPENED", "STARTED", "ANSWERED",
           "create_tables"]

NOT_OPENED, OPENED, STARTED, ANSWERED = "not opened", "opened", "started", "answered"
_DRAFT, _SUBMITTED = "draft", "submitted"
_ID_CHARS = 16
_WINDOW = timedelta(hours=1)
_SHARE, _EXCLUSIVE = {"read": True}, {}

rounds = sa.Table(
    "survey_rounds", _meta,
    sa.Column("id", sa.String(_ID_CHARS), primary_key=True),
    sa.Column("workspace_id", sa.String(_ID_CHARS), sa.ForeignKey("workspaces.id"),
              nullable=False, index=True),
    sa.Column("period", sa.String(SURVEY_LIMITS["label_chars"]), nullable=False),
    sa.Column("challenge", sa.Text, nullable=False),
    sa.Column("types", sa.Text, nullable=False),  # a JSON list
    sa.Column("previous_id", sa.String(_ID_CHARS), nullable=True),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("closes_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("closed_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("merged_version", sa.Integer, nullable=True),
    sa.UniqueConstraint("workspace_id", "period", name="survey_rounds_one_per_period"))
#: The organizations a round lists, numbered; digests index ids and names of any length.
listed = sa.Table(
    "survey_organizations", _meta,
    sa.Column("round_id", sa.String(_ID_CHARS), sa.ForeignKey("survey_rounds.id"),
              nullable=False),
    sa.Column("number", sa.Integer, nullable=False, autoincrement=False),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("sector", sa.Text, nullable=False),
    sa.Column("id_digest", sa.String(32), nullable=False),
    sa.Column("key_digest", sa.String(32), nullable=False),
    sa.Column("name_digest", sa.String(32), nullable=False),
    sa.PrimaryKeyConstraint("round_id", "number", name="survey_organizations_numbered"),
    sa.Index("survey_organizations_by_id", "round_id", "id_digest"),
    sa.Index("survey_organizations_by_key", "round_id", "key_digest"),
    sa.Index("survey_organizations_by_name", "round_id", "name_digest"))
people = sa.Table(
    "survey_respondents", _meta,
    sa.Column("id", sa.String(_ID_CHARS), primary_key=True),  # the link's id
    sa.Column("round_id", sa.String(_ID_CHARS), sa.ForeignKey("survey_rounds.id"),
              nullable=False, index=True),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("org_digest", sa.String(32), nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("token_digest", sa.String(64), nullable=False),
    sa.Column("link_made_at", sa.DateTime(timezone=True), nullable=False),
    sa.Column("revoked_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("opened_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("draft_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("submitted_at", sa.DateTime(timezone=True), nullable=True),
    sa.Column("window_start", sa.DateTime(timezone=True), nullable=True),
    sa.Column("window_drafts", sa.Integer, nullable=False),
    sa.Column("window_submissions", sa.Integer, nullable=False),
    sa.UniqueConstraint("round_id", "org_digest", name="survey_respondents_one_per_org"))
replies = sa.Table(
    "survey_answers", _meta,
    sa.Column("respondent_id", sa.String(_ID_CHARS), sa.ForeignKey("survey_respondents.id"),
              nullable=False),
    sa.Column("stage", sa.String(9), nullable=False),
    sa.Column("position", sa.Integer, nullable=False, autoincrement=False),
    sa.Column("organization", sa.Text, nullable=False),
    sa.Column("name", sa.Text, nullable=False),
    sa.Column("sector", sa.Text, nullable=False),
    sa.Column("type", sa.Text, nullable=False),
    sa.Column("strength", sa.Integer, nullable=False),
    sa.Column("direction", sa.String(10), nullable=False),
    sa.Column("note", sa.Text, nullable=False),
    sa.Column("carried", sa.Boolean, nullable=False),
    sa.PrimaryKeyConstraint("respondent_id", "stage", "position", name="survey_answers_key"))
_TABLES = [rounds, listed, people, replies]


def create_tables(conn: sa.Connection) -> None:
    """Migration 2 (:data:`~csvcore.workspaces.store.MIGRATIONS`): the survey tables as declared.

    Before a later migration changes these tables, copy their current
    declarations into this function, so that it keeps creating them as released.
    """
    _meta.create_all(conn, tables=_TABLES)


# --- errors and results --------------------------------------------------------


class TooMany(StoreError):
    """A link sent more submissions or drafts within the hour than the limit allows."""


class NoSuchRound(StoreError):
    """No such round (or respondent) in this workspace."""

    def __init__(self) -> None:
        super().__init__("There is no such survey round in this workspace.")


@dataclass(frozen=True)
class Round:
    """A round's facts, as the team sees them."""

    id: str
    period: str
    challenge: str
    types: tuple[str, ...]
    opened_at: datetime
    closes_at: datetime | None
    closed_at: datetime | None
    merged_version: int | None
    respondents: int
    answered: int

    @property
    def is_open(self) -> bool:
        return _is_open(self.closed_at, self.closes_at)


@dataclass(frozen=True)
class Invitation:
    """A respondent's personal link: shown once (only its token's digest is stored)."""

    respondent_id: str
    organization: str
    name: str
    token: str


@dataclass(frozen=True)
class Opened:
    round: Round
    invitations: tuple[Invitation, ...]
    carried: int  # respondents whose previous answers start their draft


@dataclass(frozen=True)
class Progress:
    """One respondent's progress: status is NOT_OPENED, OPENED, STARTED or ANSWERED."""

    respondent_id: str
    organization: str
    name: str
    status: str
    ties: int  # in the submission (ANSWERED) or the draft
    link_made_at: datetime
    opened_at: datetime | None
    draft_at: datetime | None
    submitted_at: datetime | None
    revoked: bool


@dataclass(frozen=True)
class Questionnaire:
    """All a respondent's link opens: the round's words, the list, their own answers."""

    period: str
    challenge: str
    organization: str
    name: str
    types: tuple[str, ...]
    organizations: tuple[tuple[str, str, str], ...]  # (id, name, sector), theirs left out
    draft: tuple[Answer, ...]
    submitted: tuple[Answer, ...]
    submitted_at: datetime | None
    closes_at: datetime | None


@dataclass(frozen=True)
class Preview:
    """What merging a round would save: ``merged`` onto version ``base_version``."""

    round: Round
    base_version: int
    merged: Merged
    respondents: int  # whose submissions are merged


# --- the surveys ----------------------------------------------------------------


class Surveys:
    """Survey rounds in a workspace store. Holds only the store: share it freely."""

    def __init__(self, store: Store):
        self.store = store
        self.engine = store.engine

    # --- the team (a workspace's edit token) ---------------------------------

    def open_round(self, workspace_id: str, token: str | None, *, period: str,
                   challenge: str, respondents: Sequence[str],
                   sectors: Mapping[str, str] | None = None,
                   types: Sequence[str] | None = None,
                   closes_at: datetime | None = None) -> Opened:
        """Open a round on the latest version; return the respondents' links (shown once).

        ``respondents`` are organization ids or names of the map; any other name
        is an organization added by name (its sector from ``sectors``, by name).
        ``types`` default to the map's tie types of the challenge.
        """
        access = self.store.open(workspace_id, token)
        if access.role != EDIT:
            raise ViewOnly()
        base = self.store.load_version(workspace_id, token, access.latest.number)
        label = _label(period, base)
        challenge = _challenge(challenge, base)
        offered = _types(types, base, challenge)
        who = _respondents(respondents, sectors or {}, base)
        roster = _roster(base, who)
        opened_at = _now()
        round_id = secrets.token_urlsafe(12)
        closes_at = _utc(closes_at) if closes_at else None
        if closes_at and closes_at <= opened_at:
            raise StoreError("Choose a closing time in the future.")
        invitations = tuple(Invitation(secrets.token_urlsafe(12), org, name, new_token())
                            for org, name, _sector in who)
        try:
            with self.engine.begin() as conn:
                _authorize(conn, workspace_id, token, EDIT, _SHARE)
                _check_open_rounds(conn, workspace_id)
                previous = _previous_round(conn, workspace_id, challenge)
                conn.execute(rounds.insert().values(
                    id=round_id, workspace_id=workspace_id, period=label, challenge=challenge,
                    types=json.dumps(offered), previous_id=previous, opened_at=opened_at,
                    closes_at=closes_at))
                conn.execute(listed.insert(), [_listed_row(round_id, n, *org)
                                               for n, org in enumerate(roster)])
                conn.execute(people.insert(), [
                    _respondent_row(round_id, invitation, opened_at)
                    for invitation in invitations])
                carried = _carry(conn, previous, invitations, roster)
        except IntegrityError:
            raise StoreError(f"This workspace already has a survey round '{label}'. Give the "
                             "round another label.") from None
        made = Round(round_id, label, challenge, offered, opened_at, closes_at, None, None,
                     len(invitations), 0)
        return Opened(made, invitations, carried)

    def rounds(self, workspace_id: str, token: str | None) -> tuple[Round, ...]:
        """Return the workspace's rounds, newest first."""
        with self.engine.begin() as conn:
            _authorize(conn, workspace_id, token, EDIT)
            found = conn.execute(_ROUND_FACTS.where(rounds.c.workspace_id == workspace_id)
                                 .order_by(rounds.c.opened_at.desc())).all()
        return tuple(map(_round, found))

    def progress(self, workspace_id: str, token: str | None,
                 round_id: str) -> tuple[Progress, ...]:
        """Return each respondent's progress in a round, in the order they were invited."""
        with self.engine.begin() as conn:
            _team_round(conn, workspace_id, token, round_id)
            ties = (sa.select(sa.func.count()).where(replies.c.respondent_id == people.c.id)
                    .where(replies.c.stage == sa.case((people.c.submitted_at.is_(None),
                                                       _DRAFT), else_=_SUBMITTED))
                    .scalar_subquery())
            found = conn.execute(sa.select(people, ties.label("ties"))
                                 .where(people.c.round_id == round_id)
                                 .order_by(people.c.link_made_at, people.c.name)).all()
        return tuple(_progress(row) for row in found)

    def remind(self, workspace_id: str, token: str | None, round_id: str,
               respondent_id: str) -> Invitation:
        """Make a new link for a respondent of an open round; the old one stops working."""
        fresh = new_token()
        with self.engine.begin() as conn:
            row = _team_round(conn, workspace_id, token, round_id, _SHARE)
            if not _is_open(row.closed_at, row.closes_at):
                raise StoreError("This round is closed: its links cannot be renewed.")
            person = _team_respondent(conn, round_id, respondent_id)
            conn.execute(people.update().where(people.c.id == person.id).values(
                token_digest=token_digest(fresh), link_made_at=_now(), revoked_at=None))
        return Invitation(person.id, person.organization, person.name, fresh)

    def revoke(self, workspace_id: str, token: str | None, round_id: str,
               respondent_id: str) -> None:
        """Make a respondent's link stop working (a new link can be made with :meth:`remind`)."""
        with self.engine.begin() as conn:
            _team_round(conn, workspace_id, token, round_id, _SHARE)
            person = _team_respondent(conn, round_id, respondent_id)
            conn.execute(people.update().where(people.c.id == person.id).values(
                token_digest=NO_DIGEST, revoked_at=_now()))

    def close_round(self, workspace_id: str, token: str | None, round_id: str) -> Round:
        """Close a round: every link of it stops working; what was submitted can be merged."""
        with self.engine.begin() as conn:
            row = _team_round(conn, workspace_id, token, round_id, _EXCLUSIVE)
            if row.closed_at is None:
                conn.execute(rounds.update().where(rounds.c.id == round_id)
                             .values(closed_at=_now()))
            return _round(conn.execute(_ROUND_FACTS.where(rounds.c.id == round_id)).one())

    def discard_round(self, workspace_id: str, token: str | None, round_id: str) -> None:
        """Delete a round not merged, with its links and answers (its label is free again)."""
        with self.engine.begin() as conn:
            row = _team_round(conn, workspace_id, token, round_id, _EXCLUSIVE)
            if row.merged_version is not None:
                raise StoreError(f"This round is version {row.merged_version} of the workspace: "
                                 "it stays.")
            theirs = sa.select(people.c.id).where(people.c.round_id == round_id)
            conn.execute(replies.delete().where(replies.c.respondent_id.in_(theirs)))
            conn.execute(people.delete().where(people.c.round_id == round_id))
            conn.execute(listed.delete().where(listed.c.round_id == round_id))
            conn.execute(rounds.delete().where(rounds.c.id == round_id))

    def answers_table(self, workspace_id: str, token: str | None,
                      round_id: str) -> pd.DataFrame:
        """Return every submitted tie of a round as reported, notes included (for review)."""
        with self.engine.begin() as conn:
            _team_round(conn, workspace_id, token, round_id)
            found = conn.execute(
                sa.select(people.c.name.label("respondent"), replies)
                .join(people, replies.c.respondent_id == people.c.id)
                .where(people.c.round_id == round_id, replies.c.stage == _SUBMITTED,
                       people.c.submitted_at.is_not(None))
                .order_by(people.c.name, replies.c.position)).all()
        frame = pd.DataFrame([r._mapping for r in found],
                             columns=["respondent", "organization", "name", "sector", "type",
                                      "strength", "direction", "note"])
        return frame.rename(columns={"organization": "other (listed)",
                                     "name": "other (not listed)"})

    def preview_merge(self, workspace_id: str, token: str | None, round_id: str,
                      resolutions: Mapping[str, str] | None = None) -> Preview:
        """Return what merging the round's submissions onto the latest version would save."""
        access = self.store.open(workspace_id, token)
        if access.role != EDIT:
            raise ViewOnly()
        with self.engine.begin() as conn:
            row = _team_round(conn, workspace_id, token, round_id)
            reports, answered = _submitted(conn, round_id)
            roster = _roster_names(conn, round_id)
            made = _round(conn.execute(_ROUND_FACTS.where(rounds.c.id == round_id)).one())
        if row.merged_version is not None:
            raise NotSaved(f"This round is already version {row.merged_version}.")
        base = self.store.load_version(workspace_id, token, access.latest.number)
        if row.period in base.periods:
            raise StoreError(f"The workspace already has a period '{row.period}': open the "
                             "version before it was added, or give the round another label.")
        merged = merge_round(base, reports, period=row.period, challenge=row.challenge,
                             roster=roster, resolutions=resolutions)
        return Preview(made, access.latest.number, merged, answered)

    def merge(self, workspace_id: str, token: str | None, round_id: str,
              resolutions: Mapping[str, str] | None = None, note: str = "") -> Version:
        """Save a closed round's submissions as the workspace's next version; return it.

        The round is marked merged in the same transaction as the save, so a round
        becomes one version, once.
        """
        preview = self.preview_merge(workspace_id, token, round_id, resolutions)
        if preview.round.is_open:
            raise StoreError("Close the round before merging it.")
        if not preview.respondents:
            raise NotSaved("Nobody has sent answers in this round: there is nothing to merge.")
        if preview.merged.dataset is None:
            raise NotSaved("The merged data is not usable: " + preview.merged.report.as_text())

        def mark_merged(conn: sa.Connection, version: Version) -> None:
            done = conn.execute(rounds.update().where(
                rounds.c.id == round_id, rounds.c.merged_version.is_(None)).values(
                merged_version=version.number))
            if done.rowcount != 1:
                raise NotSaved("This round was merged by someone else meanwhile.")

        note = note or f"Survey round {preview.round.period}"
        return self.store.save_version(workspace_id, token, preview.merged.dataset, note,
                                       then=mark_merged)

    # --- a respondent (a personal link) ------------------------------------

    def questionnaire(self, link_id: str, token: str | None) -> Questionnaire:
        """Return what a respondent's link shows; the first call marks the link opened."""
        with self.engine.begin() as conn:
            row, person = _respondent(conn, link_id, token)
            if person.opened_at is None:
                conn.execute(people.update().where(people.c.id == person.id)
                             .values(opened_at=_now()))
            orgs = conn.execute(sa.select(listed.c.organization, listed.c.name, listed.c.sector)
                                .where(listed.c.round_id == row.id)
                                .order_by(listed.c.number)).all()
            draft, submitted = (_answers(conn, person.id, stage) for stage in (_DRAFT,
                                                                            _SUBMITTED))
        return Questionnaire(
            period=row.period, challenge=row.challenge, organization=person.organization,
            name=person.name, types=tuple(json.loads(row.types)),
            organizations=tuple(tuple(o) for o in orgs if o.organization != person.organization),
            draft=draft, submitted=submitted if person.submitted_at else (),
            submitted_at=_when(person.submitted_at), closes_at=_when(row.closes_at))

    def check(self, link_id: str, token: str | None) -> None:
        """Raise :class:`InvalidLink` unless the link is valid now (a cheap re-check)."""
        with self.engine.begin() as conn:
            _respondent(conn, link_id, token)

    def save_draft(self, link_id: str, token: str | None,
                   given: Sequence[Answer]) -> datetime:
        """Keep a respondent's answers as their draft; return when it was saved."""
        return self._write(link_id, token, given, submit=False)

    def submit(self, link_id: str, token: str | None, given: Sequence[Answer]) -> datetime:
        """Submit a respondent's answers (replacing an earlier submission); return when.

        Ties carried over from the previous round must be confirmed (or dropped) first.
        """
        return self._write(link_id, token, given, submit=True)

    def _write(self, link_id, token, given, submit: bool) -> datetime:
        with self.engine.begin() as conn:
            row, person = _respondent(conn, link_id, token, lock=True)
            checked = check_answers(given, listed=_names_for(conn, row.id, person, given),
                                    types=tuple(json.loads(row.types)),
                                    respondent=person.organization)
            if submit and any(a.carried for a in checked):
                raise StoreError("Confirm, change or drop each tie from your last answers "
                                 "before sending.")
            now = _now()
            values = _spend(person, "submissions" if submit else "drafts", now)
            stages = (_DRAFT, _SUBMITTED) if submit else (_DRAFT,)
            for stage in stages:
                _replace_answers(conn, person.id, stage, checked)
            values |= {"draft_at": now} | ({"submitted_at": now} if submit else {})
            conn.execute(people.update().where(people.c.id == person.id)
                         .values(**values))
        return now


# --- opening a round: label, challenge, types, respondents, the list -----------


def _label(period, base: Dataset) -> str:
    """Return the round's period label as the importer will read it, or raise StoreError."""
    limit = SURVEY_LIMITS["label_chars"]
    label = period_label(one_line(period, limit))[0] if one_line(period, limit) else ""
    if not label:
        raise StoreError("Give the round a label: it becomes its period on the map, "
                         "e.g. 2026.")
    if label in base.periods:
        raise StoreError(f"The map already has a period '{label}': give the round a new one.")
    kinds = {period_label(p)[1] for p in base.periods}
    kind = period_label(label)[1]
    if {kind} | kinds >= {"year", "date"}:
        example = "a year, e.g. 2026" if "year" in kinds else "a date, e.g. 2026-06-30"
        raise StoreError(f"The map's periods are {'years' if 'year' in kinds else 'dates'}: "
                         f"give the round {example}.")
    if base.periods and order_periods([*base.periods, label])[-1] != label:
        raise StoreError(f"'{label}' would come before the map's last period "
                         f"({base.periods[-1]}): periods are ordered by their year or number. "
                         "Give the round a label that comes after it.")
    return label


def _challenge(challenge, base: Dataset) -> str:
    names = base.challenge_names
    chosen = "" if challenge is None else str(challenge)
    if names and chosen not in names:
        raise StoreError("Choose one of the map's challenges for the round.")
    return chosen if names else ""


def _types(types, base: Dataset, challenge: str) -> tuple[str, ...]:
    limit, chars = SURVEY_LIMITS["types"], SURVEY_LIMITS["type_chars"]
    if types is None:
        ties = base.ties(challenge=challenge or None)
        types = list(ties["type"].value_counts().index[:limit])
    if len(types) > limit * 4:
        raise StoreError(f"A round offers at most {limit} kinds of tie.")
    offered = tuple(dict.fromkeys(t for t in (one_line(t, chars) for t in types) if t))
    if not offered or len(offered) > limit:
        raise StoreError(f"Give the round one to {limit} kinds of tie to ask about.")
    return offered


def _respondents(given: Sequence[str], sectors: Mapping[str, str],
                 base: Dataset) -> list[tuple[str, str, str]]:
    """Return (id, name, sector) per respondent: an organization of the map, or one by name."""
    limit = SURVEY_LIMITS["respondents"]
    if isinstance(given, str) or len(given) > limit:
        raise StoreError(f"A round can have at most {limit} respondents.")
    orgs = base.organizations
    by_id = {i: (n or i, s) for i, n, s in zip(orgs["id"], orgs["name"], orgs["sector"])}
    by_key = organization_keys(orgs["id"], orgs["name"])
    sectors = {id_key(k): v for k, v in sectors.items()}
    chosen: dict[str, tuple[str, str]] = {}
    for value in given:
        raw = value if isinstance(value, str) else ""
        found = raw if raw in by_id else by_key.get(id_key(one_line(raw, 2_000)))
        if found is not None:
            chosen.setdefault(found, by_id[found])
            continue
        name = one_line(raw, SURVEY_LIMITS["name_chars"])
        if name:
            sector = sector_name(one_line(sectors.get(id_key(name), ""),
                                          SURVEY_LIMITS["sector_chars"]))
            chosen.setdefault(id_text(name), (name, sector))
    if not chosen:
        raise StoreError("Choose at least one respondent organization.")
    return [(i, name, sector) for i, (name, sector) in chosen.items()]


def _roster(base: Dataset, who: list[tuple[str, str, str]]) -> list[tuple[str, str, str]]:
    """Return the round's list: every organization of the map, then respondents added by name."""
    orgs = base.organizations
    roster = list(zip(orgs["id"], orgs["name"], orgs["sector"]))
    known = set(orgs["id"])
    return roster + [entry for entry in who if entry[0] not in known]


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:32]


def _listed_row(round_id: str, number: int, organization: str, name: str, sector: str) -> dict:
    return {"round_id": round_id, "number": number, "organization": organization,
            "name": name, "sector": sector, "id_digest": _digest(organization),
            "key_digest": _digest(id_key(organization)),
            "name_digest": _digest(id_key(name)) if name else ""}


def _respondent_row(round_id: str, invitation: Invitation, now: datetime) -> dict:
    return {"id": invitation.respondent_id, "round_id": round_id,
            "organization": invitation.organization,
            "org_digest": _digest(invitation.organization), "name": invitation.name,
            "token_digest": token_digest(invitation.token), "link_made_at": now,
            "window_drafts": 0, "window_submissions": 0}


def _check_open_rounds(conn: sa.Connection, workspace_id: str) -> None:
    now = _now()
    found = conn.execute(sa.select(rounds.c.closed_at, rounds.c.closes_at)
                         .where(rounds.c.workspace_id == workspace_id,
                                rounds.c.closed_at.is_(None))).all()
    limit = SURVEY_LIMITS["open_rounds"]
    if sum(_is_open(None, r.closes_at, now) for r in found) >= limit:
        raise StoreError(f"This workspace has {limit} open survey rounds, the most it can "
                         "have: close one first.")


def _previous_round(conn: sa.Connection, workspace_id: str, challenge: str) -> str | None:
    """Return the latest closed round of the same challenge (its answers start the new drafts)."""
    found = conn.execute(sa.select(rounds.c.id, rounds.c.closed_at, rounds.c.closes_at)
                         .where(rounds.c.workspace_id == workspace_id,
                                rounds.c.challenge == challenge)
                         .order_by(rounds.c.opened_at.desc())).all()
    return next((r.id for r in found if not _is_open(r.closed_at, r.closes_at)), None)


def _carry(conn: sa.Connection, previous: str | None, invitations, roster) -> int:
    """Start each respondent's draft with their submission in ``previous``; return how many."""
    if previous is None:
        return 0
    ids = {o for o, _n, _s in roster}
    by_key = organization_keys((o for o, _n, _s in roster), (n for _o, n, _s in roster))
    new_ids = {id_key(i.organization): i.respondent_id for i in invitations}
    before = conn.execute(sa.select(people.c.id, people.c.organization)
                          .where(people.c.round_id == previous,
                                 people.c.submitted_at.is_not(None))).all()
    carried = 0
    for old in before:
        new_id = new_ids.get(id_key(old.organization))
        if new_id is None:
            continue
        kept = []
        for answer in _answers(conn, old.id, _SUBMITTED):
            other = answer.organization if answer.organization in ids else \
                by_key.get(id_key(answer.organization or answer.name), "")
            kept.append(replace(answer, organization=other,
                                name="" if other else answer.name or answer.organization,
                                sector="" if other else answer.sector, carried=True))
        _replace_answers(conn, new_id, _DRAFT, kept)
        carried += bool(kept)
    return carried


# --- reading and writing answers -----------------------------------------------


def _answers(conn: sa.Connection, respondent_id: str, stage: str) -> tuple[Answer, ...]:
    found = conn.execute(sa.select(replies).where(replies.c.respondent_id == respondent_id,
                                                  replies.c.stage == stage)
                         .order_by(replies.c.position)).all()
    return tuple(Answer(r.organization, r.type, r.strength, r.direction, r.note, r.name,
                        r.sector, r.carried) for r in found)


def _replace_answers(conn: sa.Connection, respondent_id: str, stage: str,
                     given: Sequence[Answer]) -> None:
    conn.execute(replies.delete().where(replies.c.respondent_id == respondent_id,
                                        replies.c.stage == stage))
    if given:
        conn.execute(replies.insert(), [
            {"respondent_id": respondent_id, "stage": stage, "position": n,
             "organization": a.organization, "name": a.name, "sector": a.sector,
             "type": a.type, "strength": a.strength, "direction": a.direction, "note": a.note,
             "carried": a.carried} for n, a in enumerate(given)])


def _names_for(conn: sa.Connection, round_id: str, person,
               given: Sequence[Answer]) -> dict[str, str]:
    """Return id -> name of the listed organizations the answers name (by id, or by name)."""
    if not isinstance(given, Sequence) or len(given) > SURVEY_LIMITS["ties"]:
        return {}  # check_answers refuses it
    chars = SURVEY_LIMITS["name_chars"]
    ids = {_digest(a.organization) for a in given
           if isinstance(a, Answer) and isinstance(a.organization, str) and a.organization}
    keys = {_digest(id_key(one_line(a.name, chars))) for a in given
            if isinstance(a, Answer) and not a.organization}
    found = conn.execute(sa.select(listed.c.organization, listed.c.name).where(
        listed.c.round_id == round_id,
        listed.c.id_digest.in_(ids) | listed.c.key_digest.in_(keys)
        | listed.c.name_digest.in_(keys))).all()
    return {person.organization: person.name} | {o: n for o, n in found}


def _spend(person, kind: str, now: datetime) -> dict:
    """Count one write of ``kind`` against the link's hourly limit; return the new counts."""
    start = _utc(person.window_start) if person.window_start else None
    fresh = start is None or now - start >= _WINDOW
    used = 0 if fresh else getattr(person, f"window_{kind}")
    limit = SURVEY_LIMITS[f"{kind}_per_hour"]
    if used >= limit:
        wait = max(1, int((start + _WINDOW - now).total_seconds() // 60) + 1)
        what = "sent" if kind == "submissions" else "saved"
        raise TooMany(f"Your answers were {what} {limit} times within the hour, the most "
                      f"this link allows: try again in {wait} minutes. Nothing was lost: "
                      "what was saved before is kept.")
    counts = {"window_drafts": 0, "window_submissions": 0} if fresh else {}
    counts[f"window_{kind}"] = used + 1
    return counts | ({"window_start": now} if fresh else {})


def _submitted(conn: sa.Connection, round_id: str) -> tuple[list[Reported], int]:
    """Return every submitted tie of a round with its reporter, and how many respondents."""
    found = conn.execute(
        sa.select(people.c.organization.label("reporter"), replies)
        .join(people, replies.c.respondent_id == people.c.id)
        .where(people.c.round_id == round_id, people.c.submitted_at.is_not(None),
               replies.c.stage == _SUBMITTED)
        .order_by(people.c.organization, replies.c.position)).all()
    reports = [Reported(r.reporter, Answer(r.organization, r.type, r.strength, r.direction,
                                           r.note, r.name, r.sector)) for r in found]
    answered = conn.scalar(sa.select(sa.func.count()).where(
        people.c.round_id == round_id, people.c.submitted_at.is_not(None)))
    return reports, answered


def _roster_names(conn: sa.Connection, round_id: str) -> dict[str, tuple[str, str]]:
    found = conn.execute(sa.select(listed.c.organization, listed.c.name, listed.c.sector)
                         .where(listed.c.round_id == round_id)).all()
    return {o: (n, s) for o, n, s in found}


# --- authorization -------------------------------------------------------------


def _team_round(conn: sa.Connection, workspace_id, token, round_id, lock: dict | None = None):
    """Return a round of the workspace for its edit token, or raise (InvalidLink, ViewOnly,
    NoSuchRound). ``lock`` (PostgreSQL) locks the round's row until the transaction ends."""
    _authorize(conn, workspace_id, token, EDIT)
    query = sa.select(rounds).where(rounds.c.id == _short(round_id),
                                    rounds.c.workspace_id == str(workspace_id))
    row = conn.execute(query if lock is None else query.with_for_update(**lock)).first()
    if row is None:
        raise NoSuchRound()
    return row


def _team_respondent(conn: sa.Connection, round_id: str, respondent_id):
    row = conn.execute(sa.select(people).where(
        people.c.id == _short(respondent_id), people.c.round_id == round_id)).first()
    if row is None:
        raise NoSuchRound()
    return row


def _respondent(conn: sa.Connection, link_id, token, lock: bool = False):
    """Return (round row, respondent row) for a valid respondent link, or raise InvalidLink.

    The same two reads and one comparison whatever is wrong: an unknown link id,
    a closed or expired round, a revoked link or a wrong token. ``lock`` holds the
    round in share mode and the respondent exclusively (PostgreSQL), in that order.
    """
    wanted = _short(link_id)
    round_query = (sa.select(rounds).join(people, people.c.round_id == rounds.c.id)
                   .where(people.c.id == wanted))
    person_query = sa.select(people).where(people.c.id == wanted)
    if lock:
        round_query = round_query.with_for_update(of=rounds, **_SHARE)
        person_query = person_query.with_for_update()
    row = conn.execute(round_query).first()
    person = conn.execute(person_query).first()
    valid = row is not None and person is not None and _is_open(row.closed_at, row.closes_at)
    digest = person.token_digest if valid else NO_DIGEST
    presented = token_digest(token if isinstance(token, str) else "")
    if not hmac.compare_digest(presented, digest):
        raise InvalidLink()
    return row, person


def _short(value) -> str:
    """Return an id as given when it could be one (a string of at most 16 characters), else ''."""
    return value if isinstance(value, str) and len(value) <= _ID_CHARS else ""


def _is_open(closed_at, closes_at, now: datetime | None = None) -> bool:
    return closed_at is None and (closes_at is None or (now or _now()) < _utc(closes_at))


# --- results -------------------------------------------------------------------

_answered = (sa.select(sa.func.count()).where(people.c.round_id == rounds.c.id,
                                              people.c.submitted_at.is_not(None))
             .scalar_subquery())
_invited = (sa.select(sa.func.count()).where(people.c.round_id == rounds.c.id)
            .scalar_subquery())
_ROUND_FACTS = sa.select(rounds, _invited.label("invited"), _answered.label("answered_count"))


def _when(moment: datetime | None) -> datetime | None:
    return _utc(moment) if moment else None


def _round(row) -> Round:
    return Round(row.id, row.period, row.challenge, tuple(json.loads(row.types)),
                 _utc(row.opened_at), _when(row.closes_at), _when(row.closed_at),
                 row.merged_version, row.invited, row.answered_count)


def _progress(row) -> Progress:
    status = (ANSWERED if row.submitted_at else STARTED if row.draft_at
              else OPENED if row.opened_at else NOT_OPENED)
    return Progress(row.id, row.organization, row.name, status, row.ties,
                    _utc(row.link_made_at), _when(row.opened_at), _when(row.draft_at),
                    _when(row.submitted_at), row.revoked_at is not None)
