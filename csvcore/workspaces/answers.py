"""What a respondent answers in a survey round: one :class:`Answer` per tie, checked and bounded.

A respondent names the organizations their own organization works with on the
round's challenge. Per tie: the other organization (one the round lists, or one
"not listed", given by name and sector), the type (one of the round's types),
the strength (1 weak to 5 strong), the direction as seen from the respondent
(:data:`DIRECTIONS`) and an optional note.

:func:`check_answers` is the one gate every draft and submission passes
before it is stored. Sizes are checked before anything is looked at (at most
``SURVEY_LIMITS["ties"]`` ties; text is cut to its limit), then each tie:

- text follows the importer's rules for cells (control characters removed,
  whitespace runs made one space; HTML and leading ``=+-@`` kept as plain text,
  to be escaped where shown and neutralised in exports, as every cell is);
- a "not listed" name that is a listed organization's name or id (ignoring case
  and spacing) becomes that organization;
- the same organization with the same type twice, the respondent's own
  organization, an unknown type, strength or direction are refused with a
  message naming the tie's number.

>>> listed = {"a": "Acme", "b": "Basin Authority", "c": "City Water"}
>>> checked = check_answers([Answer("", "collaboration", 4, "both", name=" city  WATER ")],
...                         listed=listed, types=("collaboration",), respondent="a")
>>> checked[0].organization, checked[0].name
('c', '')
>>> check_answers([Answer("a", "collaboration", 4, "both")], listed=listed,
...               types=("collaboration",), respondent="a")
Traceback (most recent call last):
...
csvcore.workspaces.answers.AnswerRejected: Tie 1: that is your own organization.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace

from ..io.readers.cells import clean_text, id_key, id_text
from ..io.readers.repairs import sector_name
from .store import StoreError

__all__ = ["Answer", "AnswerRejected", "DIRECTIONS", "GIVE", "RECEIVE", "BOTH", "STRENGTHS",
           "SURVEY_LIMITS", "check_answers", "one_line", "organization_keys"]

GIVE, RECEIVE, BOTH = "we give", "we receive", "both"
#: Directions as the respondent sees them: from us to them, from them to us, both ways.
DIRECTIONS = (GIVE, RECEIVE, BOTH)
#: Strengths a respondent chooses from: 1 (weak) to 5 (strong).
STRENGTHS = (1, 2, 3, 4, 5)

#: What a survey round may hold; stated on the pages and enforced here and in the store.
SURVEY_LIMITS = {
    "respondents": 300,  # per round
    "open_rounds": 5,  # per workspace at one time
    "ties": 150,  # per respondent's answer
    "types": 12,  # tie types a round offers
    "label_chars": 40,  # the round's label (its period)
    "type_chars": 40,
    "name_chars": 120,  # an organization added by name
    "sector_chars": 60,
    "note_chars": 500,
    "submissions_per_hour": 20,  # per respondent link
    "drafts_per_hour": 1_000,  # per respondent link
}


class AnswerRejected(StoreError):
    """An answer that cannot be stored as given; the message says which tie and why."""


@dataclass(frozen=True)
class Answer:
    """One tie as a respondent reports it.

    ``organization`` is the id of a listed organization, or ``""`` for one that
    is not listed, then given by ``name`` and ``sector``. ``carried`` marks a tie
    copied from the respondent's answer in the previous round, not yet confirmed.
    """

    organization: str
    type: str
    strength: int
    direction: str
    note: str = ""
    name: str = ""
    sector: str = ""
    carried: bool = False

    @property
    def listed(self) -> bool:
        return self.organization != ""


def one_line(value, limit: int) -> str:
    """Return text cut to ``limit`` characters, on one line, as the importer cleans cells.

    >>> one_line("  =HYPERLINK(\\"x\\")\\n<b>hi</b>\\x07 ", 100)
    '=HYPERLINK("x") <b>hi</b>'
    """
    raw = value if isinstance(value, str) else "" if value is None else str(value)
    return id_text(clean_text(raw[:limit * 4]))[:limit]


def organization_keys(ids: Iterable[str], names: Iterable[str]) -> dict[str, str]:
    """Return the matching keys of ids and names (case and spacing ignored), to their ids.

    An id wins over another organization's name.

    >>> organization_keys(["a", "B"], ["Acme", "a"])
    {'acme': 'a', 'a': 'a', 'b': 'B'}
    """
    ids = list(ids)
    keys = {id_key(name): i for i, name in zip(ids, names) if name}
    return keys | {id_key(i): i for i in ids}


def check_answers(answers: Sequence[Answer], *, listed: Mapping[str, str],
                  types: Sequence[str], respondent: str) -> tuple[Answer, ...]:
    """Return the answers cleaned, or raise :class:`AnswerRejected` (nothing is stored).

    ``listed`` maps the round's organization ids to their names (at least those
    the answers name, by id or by name, and the respondent's own, so that naming
    it is caught); ``respondent`` is the respondent's organization id.
    """
    limit = SURVEY_LIMITS["ties"]
    if not isinstance(answers, Sequence) or len(answers) > limit:
        raise AnswerRejected(f"An answer can name at most {limit} ties; remove some.")
    by_key = organization_keys(listed, listed.values())
    seen: set[tuple[str, str]] = set()
    checked = []
    for number, answer in enumerate(answers, start=1):
        tie = _checked(number, answer, listed, by_key, types, respondent)
        key = (tie.organization or id_key(tie.name), tie.type)
        if key in seen:
            shown = listed.get(tie.organization) or tie.organization or tie.name
            raise AnswerRejected(f"Tie {number}: {shown} is already named as '{tie.type}'; "
                                 "keep one of the two.")
        seen.add(key)
        checked.append(tie)
    return tuple(checked)


def _checked(number: int, answer, listed, by_key, types, respondent) -> Answer:
    def refuse(why: str):
        raise AnswerRejected(f"Tie {number}: {why}")

    if not isinstance(answer, Answer):
        refuse("this is not an answer.")
    tie_type = one_line(answer.type, SURVEY_LIMITS["type_chars"])
    if tie_type not in types:
        refuse(f"choose the kind of tie among: {', '.join(types)}.")
    if answer.strength not in STRENGTHS or isinstance(answer.strength, bool):
        refuse("choose a strength from 1 (weak) to 5 (strong).")
    if answer.direction not in DIRECTIONS:
        refuse(f"choose a direction: {', '.join(DIRECTIONS)}.")
    organization = answer.organization if isinstance(answer.organization, str) else None
    name = one_line(answer.name, SURVEY_LIMITS["name_chars"])
    sector = one_line(answer.sector, SURVEY_LIMITS["sector_chars"])
    if organization == "":
        organization = by_key.get(id_key(name), "")
        if not organization and not name:
            refuse("choose an organization, or give the name of one that is not listed.")
    elif organization is None:
        refuse("choose an organization.")
    if organization == respondent:
        refuse("that is your own organization.")
    if organization and organization not in listed:
        refuse("that organization is not on the list; add it as one that is not listed.")
    listed_one = organization != ""
    return replace(answer, organization=organization, type=tie_type,
                   strength=int(answer.strength),
                   note=one_line(answer.note, SURVEY_LIMITS["note_chars"]),
                   name="" if listed_one else name,
                   sector="" if listed_one else sector_name(sector) if sector else "",
                   carried=bool(answer.carried))
