# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Violations and the exceptions of the SRD domain package.

A :class:`Violation` is data, not an exception, because validation reports
*every* problem at once.  Exceptions are for input that cannot be read at all
(broken YAML/XML): they carry a sentence for the user, never a traceback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"

VALUE_WIDTH = 100
"""A run of more characters than this in a message or a path is a value, not prose: it is cut."""
_LONG_RUN = re.compile(r"[^\s\[\]=,/'\"]{%d,}" % (VALUE_WIDTH + 1))


def shorten(text: str, total: int | None = None) -> str:
    """``text`` with every value too long to read cut to its start, its end and its length.

    Messages and paths quote the user's values (a name, a key), and a finding is repeated per rule and
    per chassis: a 5 MB event name once made 62 MB of output.  A run of more than ``VALUE_WIDTH``
    characters without a space, a quote or one of ``[]=,/`` (so the structure of a path and a sentence stays)
    becomes ``first 60...last 20 (N characters)``; then, if ``total`` is given and the text is still
    longer, its middle goes.  Short text comes back as it is; cutting twice changes nothing more.
    """
    if not isinstance(text, str) or len(text) <= VALUE_WIDTH:
        return text
    text = _LONG_RUN.sub(lambda m: "%s...%s (%d characters)" % (m.group()[:60], m.group()[-20:], len(m.group())),
                         text)
    if total is not None and len(text) > total:
        keep = max(total - 60, 40)
        text = "%s ... (%d characters left out) ... %s" % (text[: keep * 2 // 3], len(text) - keep,
                                                           text[len(text) - keep // 3:])
    return text


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (path), which rule (stable id), and why (a sentence)."""

    path: str
    rule: str
    message: str
    severity: str = ERROR
    chassis: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        # Long values are cut here, where every finding is made, so no message repeats a huge value.
        object.__setattr__(self, "path", shorten(self.path, 1000))
        object.__setattr__(self, "message", shorten(self.message, 2000))

    def to_dict(self) -> dict:
        out = {"path": self.path, "rule": self.rule, "message": self.message, "severity": self.severity}
        if self.chassis:
            out["chassis"] = list(self.chassis)
        return out

    def __str__(self) -> str:
        where = "%s: " % ",".join(self.chassis) if self.chassis else ""
        return "%s%s [%s] %s" % (where, self.path or "(top)", self.rule, self.message)

    @property
    def is_error(self) -> bool:
        return self.severity == ERROR


def errors(violations) -> list[Violation]:
    return [item for item in violations if item.is_error]


def warnings(violations) -> list[Violation]:
    return [item for item in violations if not item.is_error]


def merge_chassis(violations) -> list[Violation]:
    """Fold identical findings of several chassis into one, listing the chassis."""
    merged: dict[tuple, list[str]] = {}
    order: list[tuple] = []
    for item in violations:
        key = (item.path, item.rule, item.message, item.severity)
        if key not in merged:
            merged[key] = []
            order.append(key)
        for name in item.chassis:
            if name not in merged[key]:
                merged[key].append(name)
    return [Violation(path, rule, message, severity, tuple(merged[(path, rule, message, severity)]))
            for path, rule, message, severity in order]


def summarize(violations, limit: int = 50) -> str:
    """A readable multi-line summary (errors first)."""
    items = sorted(violations, key=lambda item: (item.severity != ERROR,))
    lines = [str(item) for item in items[:limit]]
    if len(items) > limit:
        lines.append("... and %d more" % (len(items) - limit))
    return "\n".join(lines)


class SrdError(Exception):
    """Base of the package's exceptions; ``str()`` is a sentence for the user."""


class InputError(SrdError):
    """Input that cannot be read (broken YAML/XML/set/text, wrong top-level shape)."""

    def __init__(self, message: str, source: str | None = None, line: int | None = None) -> None:
        self.source = source
        self.line = line
        where = ""
        if source:
            where = "%s%s: " % (source, ":%s" % (line,) if line else "")
        elif line:
            where = "line %s: " % (line,)
        super().__init__(shorten(where + message, 20000))


@dataclass
class ValidationFailed(SrdError):
    """Raised by helpers that must not continue with an invalid model."""

    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        count = len(errors(self.violations))
        return "%d SRD rule violation%s:\n%s" % (count, "" if count == 1 else "s", summarize(errors(self.violations)))
