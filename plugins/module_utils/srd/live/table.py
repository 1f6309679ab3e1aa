# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A pair's roles and signal routes, before and after, as lines: what the switchover shows an operator.

Why lines (a list of strings) and not one text: under Ansible's default callback, and so in AWX's job
output, a string with line breaks prints as one JSON string full of ``\\n``; a list prints one line per
item under every callback. Why one row per signal route: a cell holding several routes would push the
next column out of line; every column is as wide as its widest cell.

Input: states in the facts shape (``srd.live.facts``: per chassis ``redundancy_sets`` and
``signal_routes``); a missing or unread state shows as ``?``.
"""
from __future__ import annotations

from typing import Iterable, Mapping, Optional, Sequence

ARROW = " -> "


def _sets(state: Optional[Mapping]) -> Mapping:
    return (state or {}).get("redundancy_sets") or {}


def _routes(state: Optional[Mapping]) -> Optional[set]:
    routes = (state or {}).get("signal_routes")
    if routes is None:
        return None
    return {(str(r.get("prefix")), str(r.get("routing_instance") or "default")) for r in routes}


def _route_label(key) -> str:
    prefix, instance = key
    return prefix if instance == "default" else "%s (%s)" % (prefix, instance)


def _presence(routes: Optional[set], key) -> str:
    if routes is None:
        return "?"
    return "present" if key in routes else "absent"


def pair_table(title: str, pair: Sequence[str], sets: Iterable, before: Mapping, after: Optional[Mapping]) -> list:
    """``title``, then a header (the two chassis), one row per redundancy set (``before -> after`` role per
    chassis), and one row per signal route either side knows (``present -> absent``), in aligned columns."""
    a, b = pair
    after = after or {}
    rows = [("set", a, b)]
    for set_id in sets:
        key = str(set_id)
        cells = ["%s%s%s" % (_sets(before.get(n)).get(key, "-"), ARROW, _sets(after.get(n)).get(key, "?"))
                 for n in (a, b)]
        rows.append((key, cells[0], cells[1]))
    keys: set = set()
    for state in (before.get(a), before.get(b), after.get(a), after.get(b)):
        keys |= _routes(state) or set()
    if keys:
        rows.append(("signal route", "", ""))
        for key in sorted(keys):
            rows.append(("  " + _route_label(key),) + tuple(
                _presence(_routes(before.get(n)), key) + ARROW + _presence(_routes(after.get(n)), key) for n in (a, b)))
    else:
        rows.append(("signal route", "none", "none"))
    widths = [max(len(row[i]) for row in rows) for i in range(3)]
    lines = [title] if title else []
    lines += ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(row)).rstrip() for row in rows]
    return lines


__all__ = ["pair_table"]
