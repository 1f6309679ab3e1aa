"""Pair intents for a lab of N emulated pairs, written beside the inventory `mxsim up` writes.

`mxsim intents EXAMPLE` turns one pair intent (naming pair1-mx1 and pair1-mx2) into one intent per
emulated pair, as the inventory's group_vars (the chassis-host layout: each pair group holds its intent in
`srd_intent`) and as an inventory of pair hosts (`inventory-pairs.yml`: one host per pair,
listing its chassis in `srd_chassis`, the layout that keeps a pair in one AWX job slice). This is
what a user's own inventory looks like; the fleet tests and benchmarks start from it.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from .inventory import FILE, build
from .options import Options

PAIRS_FILE = "inventory-pairs.yml"


def pair_intent(example: dict[str, Any], pair: int) -> dict[str, Any]:
    """The example intent for emulated pair `pair` (its chassis renamed pairN-mx1 / pairN-mx2)."""
    data = copy.deepcopy(example)
    names = sorted(data.get("chassis") or {})
    if len(names) != 2:
        raise ValueError("the example intent must name two chassis under 'chassis'")
    renamed = {old: f"pair{pair}-mx{i + 1}" for i, old in enumerate(names)}
    data["chassis"] = {renamed[old]: data["chassis"][old] for old in names}
    for key in ("redundancy_events", "redundancy_policies"):   # per-chassis entries name chassis too
        for entry in data.get(key) or []:
            if isinstance(entry, dict) and entry.get("only_on") is not None:
                only = entry["only_on"]
                entry["only_on"] = renamed.get(only, only) if isinstance(only, str) else [renamed.get(n, n) for n in only]
    for rset in data.get("redundancy_sets") or []:   # where each set belongs (redundancy_sets[].primary)
        if isinstance(rset, dict) and rset.get("primary") in renamed:
            rset["primary"] = renamed[rset["primary"]]
    base = str(data.get("name") or "pair").rstrip("0123456789")
    data["name"] = f"{base}{pair}" if base.endswith("pair") else f"{base}-pair{pair}"
    return data


def write(options: Options, example_path: Path) -> dict[str, Path]:
    """group_vars/pairN.yml for every pair, and inventory-pairs.yml; returns what was written."""
    example = yaml.safe_load(example_path.read_text())
    state = options.state_dir
    group_vars = state / "group_vars"
    group_vars.mkdir(exist_ok=True)
    inventory = build(options)
    conn = inventory["all"]["children"]["mx_pairs"]["vars"]
    pair_hosts: dict[str, Any] = {}
    for group, members in inventory["all"]["children"]["mx_pairs"]["children"].items():
        number = int(group.removeprefix("pair"))
        intent = pair_intent(example, number)
        (group_vars / f"{group}.yml").write_text(
            f"# written by `mxsim intents` from {example_path.name}: pair {number}'s intent\n"
            + yaml.safe_dump({"srd_intent": intent}, sort_keys=False))
        pair_hosts[group] = {"srd_intent": intent, "srd_chassis": dict(members["hosts"])}
    pairs = {"all": {"children": {"mx_pair_hosts": {"vars": dict(conn, ansible_connection="local"),
                                                    "hosts": pair_hosts}}}}
    (state / PAIRS_FILE).write_text("# written by `mxsim intents`: one host per pair (the layout for job slicing)\n"
                                    + yaml.safe_dump(pairs, sort_keys=False))
    return {"group_vars": group_vars, "pair_hosts": state / PAIRS_FILE, "inventory": state / FILE}
