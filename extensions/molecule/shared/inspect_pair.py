#!/usr/bin/env python3
"""What the emulated pair of a scenario saw and holds, as JSON, for the scenarios' verify steps.

    inspect_pair.py STATE_DIR

Per chassis: the RPCs of each NETCONF session in order (from the emulator's own RPC log), the events
(commit, confirmed-rollback, ...), and the state that matters after a deploy: lock, uncommitted change,
pending commit confirmed, number of commits, SRD roles and signal routes, and whether the committed
configuration holds any SRD statement. Asserting on this (not on what Ansible reports) is the point.
"""
from __future__ import annotations

import json
import sys
from collections import OrderedDict


def chassis_report(state: str, name: str, control) -> dict:
    from mxsim import rpclog

    sessions: "OrderedDict[int, list[str]]" = OrderedDict()
    events = []
    for entry in rpclog.read(state, name):
        if "rpc" in entry:
            sessions.setdefault(entry.get("session", 0), []).append(entry["rpc"])
        elif "event" in entry:
            events.append(entry["event"])
    dump = control.state(name)
    srd = (dump.get("srd") or {}).get("state", {}).get(name, {})
    committed = dump.get("committed", "")
    return {
        "sessions": [{"id": sid, "rpcs": rpcs} for sid, rpcs in sessions.items()],
        "rpcs": [r for rpcs in sessions.values() for r in rpcs],
        "events": events,
        "lock": dump.get("lock"),
        "candidate_modified": dump.get("candidate_modified"),
        "confirmed_pending": dump.get("confirmed_pending"),
        "commits": dump.get("commits"),
        "roles": srd.get("roles", {}),
        "signal_routes": srd.get("signal_routes", []),
        "committed_has_srd": "<redundancy-set>" in committed or "<iccp>" in committed,
        "committed": committed,
    }


def main(state: str) -> int:
    from mxsim.control import Control

    control = Control(state)
    names = sorted(c for c in control.status().get("chassis", {}))
    json.dump({name: chassis_report(state, name, control) for name in names}, sys.stdout, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
