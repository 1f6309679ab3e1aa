"""Bridge to the collection's Junos text/set syntax and the YANG-backed grammar.

The conversions (`to_set`, `to_text`, `parse_set`, `parse_text`, `compare_text`) live in the
collection (plugins/module_utils/srd/junos/syntax/__init__.py, stdlib ElementTree) so the emulator and
the modules agree on one grammar; the grammar comes from mxsim.yang (JunosYang.shared()) when
the schema is loaded.
This module converts lxml <-> ElementTree and turns their exceptions into Junos rpc-errors.
"""

from __future__ import annotations

import importlib
import re
from types import ModuleType
from typing import Any

from lxml import etree

from .errors import Error, RpcFailure
from .xmlutil import from_et, strip_ns, to_et

SYNTAX_MODULE = "ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax"
_COMMENT = re.compile(r"^\s*(##.*|/\*.*\*/)\s*$")

_module: ModuleType | None = None


def _syntax() -> ModuleType:
    global _module
    if _module is None:
        try:
            _module = importlib.import_module(SYNTAX_MODULE)
        except ImportError as exc:
            raise RpcFailure(
                Error(f"text and set formats are unavailable in this emulator: {exc}", tag="operation-not-supported")
            ) from exc
    return _module


_grammar: Any = None


def use_grammar(yang_grammar: Any) -> None:
    """Switch to the YANG-backed grammar once the models are loaded (mxsim.yang)."""
    global _grammar
    _grammar = yang_grammar


def active_yang_grammar() -> Any:
    """The YANG grammar if the schema is loaded, else None (no load-time statement checks)."""
    return _grammar


def grammar() -> Any:
    """The YANG grammar when loaded; else the collection's hand-written SRD grammar (which also
    converts unknown hierarchies heuristically), so `--no-schema` keeps text and set formats."""
    return _grammar if _grammar is not None else _syntax().SRD_GRAMMAR


def to_text(config: etree._Element) -> str:
    return _call("to_text", to_et(config), grammar())


def to_set(config: etree._Element) -> str:
    lines = _call("to_set", to_et(config), grammar())
    return "".join(line + "\n" for line in lines) if not isinstance(lines, str) else lines


def compare_text(old: etree._Element, new: etree._Element) -> str:
    return _call("compare_text", to_et(old), to_et(new), grammar())


def parse_text(text: str) -> etree._Element:
    """Junos curly-brace text (with replace:/delete: tags) -> <configuration> with load attributes."""
    lines = [ln for ln in text.splitlines() if not _COMMENT.match(ln)]
    return _as_configuration(_call("parse_text", "\n".join(lines), grammar()))


def parse_set(text: str) -> list[etree._Element]:
    """set/delete/activate/deactivate lines -> one <configuration> per line, in order (a later
    `delete` undoes an earlier `set`, as `load set` does)."""
    commands = _call("iter_set_commands", text, grammar())
    return [_as_configuration(c.config) for c in commands]


def _as_configuration(root: Any) -> etree._Element:
    e = strip_ns(from_et(root))
    if e.tag != "configuration":
        wrapper = etree.Element("configuration")
        wrapper.append(e)
        e = wrapper
    return e


def _call(name: str, *args: Any) -> Any:
    fn = getattr(_syntax(), name)
    try:
        return fn(*args)
    except RpcFailure:
        raise
    except Exception as exc:  # the syntax module reports user errors with exceptions
        raise RpcFailure(syntax_error(exc)) from exc


_AT_PATH = re.compile(r" at (\[edit[^\]]*\])")
_QUOTED = re.compile(r"'([^']+)'")


def syntax_error(exc: Exception) -> Error:
    """A Junos-shaped syntax error from a JunosSyntaxError (message, line_no, line): the edit
    path and the offending statement are pulled out of the message when it names them."""
    message = str(exc) or "syntax error"
    core = getattr(exc, "message", message)
    m = _AT_PATH.search(core)
    q = _QUOTED.search(core)
    bad = q.group(1) if q else (getattr(exc, "line", "") or "").strip() or None
    return Error(message, tag="invalid-value", path=m.group(1) if m else "[edit]", bad_element=bad)
