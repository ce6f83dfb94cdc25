"""Session state has one owner (ui/state.py) and every key the app uses is registered there."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from ui import state

ROOT = Path(__file__).resolve().parents[1]
SOURCES = sorted([ROOT / "app.py", *(ROOT / "pages").glob("*.py"), *(ROOT / "ui").rglob("*.py"),
                  *(ROOT / "csvcore").rglob("*.py")])
#: Calls whose first argument is a state key.
STATE_CALLS = {"get", "set", "pop", "has", "default"}
#: Keyword arguments that name a state key.
KEY_KEYWORDS = {"key", "state_key"}
KEY_LIKE = re.compile(r"(?:%s)\w+\Z" % "|".join(state.PREFIXES))


def relative(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


def parsed() -> list[tuple[Path, ast.AST]]:
    return [(p, ast.parse(p.read_text(), filename=str(p))) for p in SOURCES]


def key_text(node: ast.AST) -> str | None:
    """A string constant as it is, an f-string with ``{}`` for each value; else None."""
    if isinstance(node, ast.Constant) and isinstance(node.value, str):
        return node.value
    if isinstance(node, ast.JoinedStr):
        return "".join(v.value if isinstance(v, ast.Constant) else "{}" for v in node.values)
    return None


def used_keys() -> dict[str, list[str]]:
    """Every key the code names: key=/state_key= arguments, state.get/set/... arguments, and
    string constants shaped like a key (prefix + name). Key text -> where."""
    found: dict[str, list[str]] = {}
    for path, tree in parsed():
        parts = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr)
                 for v in node.values}  # the pieces of an f-string are not keys of their own
        for node in ast.walk(tree):
            if id(node) in parts:
                continue
            texts = []
            if isinstance(node, ast.Call):
                texts += [key_text(k.value) for k in node.keywords if k.arg in KEY_KEYWORDS]
                func = node.func
                if (isinstance(func, ast.Attribute) and func.attr in STATE_CALLS
                        and isinstance(func.value, ast.Name) and func.value.id == "state"
                        and node.args):
                    texts.append(key_text(node.args[0]))
            elif isinstance(node, (ast.Constant, ast.JoinedStr)):
                text = key_text(node)
                if text and KEY_LIKE.match(text.replace("{}", "x")):
                    texts.append(text)
            for text in filter(None, texts):
                found.setdefault(text, []).append(f"{relative(path)}:{node.lineno}")
    return found


def family(name: str) -> str:
    """A registered name with each ``{placeholder}`` as ``{}``."""
    return re.sub(r"\{\w+\}", "{}", name)


def test_only_the_state_module_touches_session_state():
    offenders = []
    for path, tree in parsed():
        if relative(path) == "ui/state.py":
            continue
        for node in ast.walk(tree):
            named = (isinstance(node, ast.Attribute) and node.attr == "session_state") or \
                    (isinstance(node, ast.Name) and node.id == "session_state") or \
                    (isinstance(node, ast.alias) and node.name.endswith("session_state"))
            if named:
                offenders.append(f"{relative(path)}:{getattr(node, 'lineno', '?')}")
    assert not offenders, f"st.session_state outside ui/state.py: {offenders}"


def test_every_key_the_code_uses_is_registered():
    families = {family(k.name) for k in state.KEYS}
    unregistered = {}
    for text, where in used_keys().items():
        if "{}" in text:
            known = text in families or any(
                re.fullmatch(re.escape(text).replace(r"\{\}", ".+"), name) for name in families)
        else:
            known = state.registered(text)
        if not known:
            unregistered[text] = where
    assert not unregistered, f"keys used but not registered in ui/state.py: {unregistered}"


def test_every_registered_key_is_used():
    used = {family(text) for text in used_keys()}
    unused = [k.name for k in state.KEYS if family(k.name) not in used]
    assert not unused, f"registered in ui/state.py but never used: {unused}"


def test_every_key_has_its_places_prefix_an_owner_and_a_meaning():
    pages = {place: prefix for prefix, place in state.PREFIXES.items()}
    for key in state.KEYS:
        prefix = next((p for p in state.PREFIXES if key.name.startswith(p)), None)
        assert prefix, f"{key.name}: no prefix of {list(state.PREFIXES)}"
        assert (ROOT / key.owner).exists(), f"{key.name}: owner {key.owner} is not a file"
        if key.owner in pages:  # drawn by a page: that page's prefix
            assert prefix == pages[key.owner], (key.name, key.owner)
        assert key.meaning.strip().endswith((".", ")")), key.name
    assert len({k.name for k in state.KEYS}) == len(state.KEYS), "a key is registered twice"


def test_families_match_their_members_only():
    assert state.registered("bc_map_0") and state.registered("ls_kind_2_scale")
    assert state.registered("net_dl_gexf")
    assert not state.registered("bc_map_") and not state.registered("net_dl")
    assert not state.registered("challenge") and not state.registered("app_datasets")


def test_an_unregistered_key_is_refused_before_session_state_is_touched():
    for call in (lambda: state.get("dataset"), lambda: state.set("f_sector", []),
                 lambda: state.pop("nothing"), lambda: state.has("link")):
        with pytest.raises(KeyError, match="not registered in ui/state.py"):
            call()


def test_defaults_are_fresh_copies():
    first = state.default("app_filters")
    first["sectors"] = ("NGO",)
    assert state.default("app_filters") == {} and state.REGISTRY["app_filters"].default == {}
    assert state.default("bc_edit_version") == 0
