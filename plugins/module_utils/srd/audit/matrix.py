# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The scenario matrix: one row per starting state and set, one column per class of failure.

Why classes and not every scenario: a pair at the seed's limits has thousands of single failures;
what a reviewer reads is "a link of the primary fails: the set switches", so scenarios are grouped
by kind and by whether they hit the set's primary or the other chassis. A cell counts the outcomes
of the scenarios of its class that act on the set, names them, and says whether any shows a finding.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Dict, List, Mapping, Optional, Tuple

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.outcome import OUTCOMES, SetOutcome
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.scenarios import Failure
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import PairState, RoleState

__all__ = ["COLUMNS", "Cell", "Row", "column_of", "Matrix"]

COLUMNS: Tuple[Tuple[str, str, str], ...] = (
    # (id, short label for the text table, label)
    ("steady", "start", "starting state"),
    ("link-down@primary", "link@P", "a monitored link of the primary fails"),
    ("link-down@standby", "link@S", "a monitored link of the other chassis fails"),
    ("card-down@primary", "card@P", "a PIC or FPC of the primary fails"),
    ("card-down@standby", "card@S", "a PIC or FPC of the other chassis fails"),
    ("rpd-restart@primary", "rpdR@P", "rpd restarts on the primary"),
    ("rpd-restart@standby", "rpdR@S", "rpd restarts on the other chassis"),
    ("rpd-abort@primary", "rpdA@P", "rpd aborts on the primary"),
    ("rpd-abort@standby", "rpdA@S", "rpd aborts on the other chassis"),
    ("srd-disable@primary", "srd@P", "srd deactivated on the primary"),
    ("srd-disable@standby", "srd@S", "srd deactivated on the other chassis"),
    ("iccp-down", "iccp", "ICCP lost"),
    ("hold-wait@standby", "wait@S", "the other chassis in wait"),
    ("hold-warned@standby", "warn@S", "the other chassis warned"),
    ("peer-event@primary", "peer@P", "the primary receives a peer event"),
    ("peer-event@standby", "peer@S", "the other chassis receives a peer event"),
    ("trigger@primary", "req@P", "a request on the primary"),
    ("trigger@standby", "req@S", "a request on the other chassis"),
    ("trigger-force@primary", "reqF@P", "a forced request on the primary"),
    ("trigger-force@standby", "reqF@S", "a forced request on the other chassis"),
)
COLUMN_IDS = tuple(c[0] for c in COLUMNS)
SHORT = {"switches": "S", "stays": "=", "refused": "R", "flaps": "~", "lost": "!"}


def column_of(failure: Failure, set_id: int, start: PairState) -> str:
    """The class of ``failure`` as seen by ``set_id``: its kind, and where it hits."""
    kind = failure.kind
    if kind in ("steady", "iccp-down"):
        return kind
    if kind in ("pic-down", "fpc-down"):
        kind = "card-down"
    if kind == "trigger" and failure.force:
        kind = "trigger-force"
    role = start[failure.chassis].role(set_id) if failure.chassis in start.chassis else None
    return "%s@%s" % (kind, "primary" if role is RoleState.PRIMARY else "standby")


@dataclass
class Cell:
    counts: Dict[str, int] = field(default_factory=dict)
    scenarios: List[str] = field(default_factory=list)
    finding: bool = False

    @property
    def worst(self) -> Optional[str]:
        return next((o for o in OUTCOMES if self.counts.get(o)), None)

    def short(self) -> str:
        if not self.counts:
            return "."
        text = "".join("%s%s" % (SHORT[o], self.counts[o] if self.counts[o] > 1 else "")
                       for o in OUTCOMES if self.counts.get(o))
        return text + ("*" if self.finding else "")

    def to_dict(self) -> dict:
        return {"outcomes": {o: self.counts[o] for o in OUTCOMES if self.counts.get(o)}, "worst": self.worst,
                "finding": self.finding, "scenarios": list(self.scenarios)}


@dataclass
class Row:
    start: str
    set_id: int
    primary: Optional[str]
    cells: Dict[str, Cell] = field(default_factory=dict)

    def to_dict(self) -> dict:
        return {"start": self.start, "redundancy_set": self.set_id, "primary": self.primary,
                "cells": {c: self.cells[c].to_dict() for c in COLUMN_IDS if c in self.cells}}


class Matrix:
    """Rows by (start id, set id), filled scenario by scenario."""

    def __init__(self) -> None:
        self.rows: Dict[Tuple[str, int], Row] = {}

    def add(self, start_id: str, start: PairState, failure: Failure, scenario: str, outcome: SetOutcome,
            finding: bool) -> None:
        key = (start_id, outcome.set_id)
        row = self.rows.get(key)
        if row is None:
            prim = [n for n in sorted(start.chassis) if start[n].role(outcome.set_id) is RoleState.PRIMARY]
            row = self.rows[key] = Row(start_id, outcome.set_id, "+".join(prim) or None)
        cell = row.cells.setdefault(column_of(failure, outcome.set_id, start), Cell())
        cell.counts[outcome.outcome] = cell.counts.get(outcome.outcome, 0) + 1
        cell.scenarios.append(scenario)
        cell.finding = cell.finding or finding

    def ordered(self) -> List[Row]:
        return [self.rows[k] for k in sorted(self.rows, key=lambda k: (k[1], k[0]))]

    def used_columns(self) -> List[Tuple[str, str, str]]:
        used = {c for row in self.rows.values() for c in row.cells}
        return [col for col in COLUMNS if col[0] in used]

    def cell(self, start_id: str, set_id: int, column: str) -> Optional[Cell]:
        row = self.rows.get((start_id, set_id))
        return row.cells.get(column) if row else None

    def to_dict(self, columns: Optional[Mapping] = None) -> dict:
        cols = columns or self.used_columns()
        return {"columns": [{"id": c[0], "short": c[1], "label": c[2]} for c in cols],
                "rows": [row.to_dict() for row in self.ordered()]}
