# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The switchover's before/after table: lines (one per list item, for any callback), columns in line
however many signal routes there are."""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.srd.live.table import pair_table

PAIR = ("pair1-mx1", "pair1-mx2")


def state(role, *routes):
    return {"redundancy_sets": {"1": role, "2": role},
            "signal_routes": [{"prefix": p, "routing_instance": ri} for p, ri in routes]}


def test_columns_stay_in_line_with_several_routes():
    before = {PAIR[0]: state("primary", ("203.0.113.100/32", "HA"), ("198.51.100.0/24", "HA"), ("192.0.2.9/32", None)),
              PAIR[1]: state("standby")}
    after = {PAIR[0]: state("standby"),
             PAIR[1]: state("primary", ("203.0.113.100/32", "HA"), ("198.51.100.0/24", "HA"), ("192.0.2.9/32", None))}
    lines = pair_table("pair1-mx2 is primary for redundancy set(s) 1, 2", PAIR, [1, 2], before, after)
    assert lines[0].startswith("pair1-mx2 is primary") and all("\n" not in line for line in lines)
    header, rows = lines[1], [line for line in lines[2:] if line.strip() != "signal route"]
    columns = [header.index(name) for name in PAIR]
    assert len(rows) == 2 + 3
    for row in rows:  # every cell starts where its heading does
        for column in columns:
            assert row[column - 2:column] == "  " and row[column] != " ", row
    by_route = {row.split()[0]: row.split()[-6:] for row in rows if row.startswith("  ")}
    assert by_route == {route: ["present", "->", "absent", "absent", "->", "present"]
                        for route in ("192.0.2.9/32", "198.51.100.0/24", "203.0.113.100/32")}


def test_an_unread_after_state_shows_question_marks():
    before = {PAIR[0]: state("primary", ("203.0.113.100/32", "HA")), PAIR[1]: state("standby")}
    after = {PAIR[0]: {"redundancy_sets": {"1": "standby"}, "signal_routes": None}}
    lines = pair_table("", PAIR, [1], before, after)
    assert lines[0].split() == ["set", "pair1-mx1", "pair1-mx2"]
    assert lines[1].split() == ["1", "primary", "->", "standby", "standby", "->", "?"]
    assert lines[-1].split() == ["203.0.113.100/32", "(HA)", "present", "->", "?", "absent", "->", "?"]


def test_no_route_anywhere_says_so():
    lines = pair_table("t", PAIR, [1], {PAIR[0]: state("primary"), PAIR[1]: state("standby")}, None)
    assert lines[-1].split() == ["signal", "route", "none", "none"]
