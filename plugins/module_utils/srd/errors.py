# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Violations and the exceptions of the SRD domain package.

A :class:`Violation` is data, not an exception, because validation reports
*every* problem at once.  Exceptions are for input that cannot be read at all
(broken YAML/XML): they carry a sentence for the user, never a traceback.
"""

from __future__ import annotations

from dataclasses import dataclass, field

ERROR = "error"
WARNING = "warning"


@dataclass(frozen=True)
class Violation:
    """One broken rule: where (path), which rule (stable id), and why (a sentence)."""

    path: str
    rule: str
    message: str
    severity: str = ERROR
    chassis: tuple[str, ...] = ()

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
            where = source + (":%d" % line if line else "") + ": "
        elif line:
            where = "line %d: " % line
        super().__init__(where + message)


@dataclass
class ValidationFailed(SrdError):
    """Raised by helpers that must not continue with an invalid model."""

    violations: list[Violation] = field(default_factory=list)

    def __str__(self) -> str:
        count = len(errors(self.violations))
        return "%d SRD rule violation%s:\n%s" % (count, "" if count == 1 else "s", summarize(errors(self.violations)))
