"""Commit-time checks: a registry of functions that look at the configuration a commit would apply.

Each check gets the effective configuration (groups inherited, inactive statements removed) and
returns Junos-shaped errors naming the offending path. The YANG schema check (checks.schema),
the SRD `junos:must` rules (checks.srd_rules) and, later, the domain's cross-reference rules all
register here; `mxsim up --plugin MODULE` imports extra modules that call `register`. The
registry does not import its members: the emulator wiring (mxsim.builtin) does.

May import: the configuration language (confops, yang ...) and the foundation. Not chassis state.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable, Iterable

from lxml import etree

from ..confops import inherit, strip_inactive
from ..errors import Error

CommitCheck = Callable[[etree._Element], Iterable[Error]]


@dataclass
class Check:
    name: str
    fn: CommitCheck
    enabled: bool = True


_CHECKS: dict[str, Check] = {}


def register(name: str, fn: CommitCheck | None = None, *, enabled: bool = True):  # type: ignore[no-untyped-def]
    """Register a check (usable as a decorator); a later registration under a name replaces it."""

    def deco(f: CommitCheck) -> CommitCheck:
        _CHECKS[name] = Check(name, f, enabled)
        return f

    return deco(fn) if fn is not None else deco


def set_enabled(name: str, enabled: bool) -> None:
    if name not in _CHECKS:
        raise KeyError(f"unknown commit check {name!r}; known: {', '.join(sorted(_CHECKS))}")
    _CHECKS[name].enabled = enabled


def names() -> dict[str, bool]:
    return {c.name: c.enabled for c in _CHECKS.values()}


def effective(config: etree._Element) -> etree._Element:
    """What the router would apply: groups inherited, inactive statements dropped."""
    return inherit(strip_inactive(config))


def run(config: etree._Element) -> list[Error]:
    """All errors of all enabled checks (Junos reports every violation, not only the first)."""
    eff = effective(config)
    errors: list[Error] = []
    for check in list(_CHECKS.values()):
        if check.enabled:
            errors.extend(check.fn(eff))
    return errors
