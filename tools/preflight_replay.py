#!/usr/bin/env python3
"""Replay a compatibility report (reports/preflight.json from a user's pair) against this tree's parser.

Every chassis' check is run again on a NETCONF transport that answers each RPC with the reply the report
recorded, so what the collection makes of that chassis can be reproduced, and a fix tried, offline:

    .venv/bin/python tools/preflight_replay.py reports/preflight.json      # the lines, as the play showed them
    .venv/bin/python tools/preflight_replay.py --json reports/preflight.json

Exit 1 when a chassis is not compatible with this tree. A report made with keep_replies false holds no
replies and cannot be replayed.
"""
from __future__ import annotations

import argparse
import json
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

from ansible_collections.mxha.srd.plugins.module_utils.jobs import preflight
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport


def replaying(reads: list) -> Transport:
    """A Transport whose device answers each RPC with the next recorded reply to that RPC."""
    queues: dict = {}
    for read in reads:
        if read.get("reply") is None:
            raise SystemExit("the report holds no reply for %s (made with keep_replies: false?)" % read["read"])
        name = "get-configuration" if read["read"] == "configuration" else read["rpc"]
        queues.setdefault(name, []).append(read["reply"])
        if read.get("text_reply"):
            queues.setdefault("command", []).append(read["text_reply"])

    def send(xml: str) -> str:
        name = ET.fromstring(xml).tag
        if not queues.get(name):
            raise RuntimeError("the report recorded no (further) reply to %s" % name)
        return queues[name].pop(0)
    return Transport(send)


def replay(report: dict) -> list:
    out = []
    for pair in report.get("pairs", []):
        for name, chassis in sorted((pair.get("details") or {}).get("chassis", {}).items()):
            if not chassis.get("reads"):
                out.append({"chassis": name, "compatible": False, "problems": chassis.get("problems", [])})
                continue
            out.append(preflight.check_chassis(name, replaying(chassis["reads"])))
    return out


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("report", type=Path)
    parser.add_argument("--json", action="store_true", help="print the replayed chassis reports as JSON")
    args = parser.parse_args()
    report = json.loads(args.report.read_text())
    if report.get("job") != "preflight":
        raise SystemExit("%s is not a compatibility report (job %r)" % (args.report, report.get("job")))
    chassis = replay(report)
    if args.json:
        print(json.dumps(chassis, indent=2, sort_keys=True))
    else:
        for entry in chassis:
            print("\n".join(preflight.lines_of(entry)) if entry.get("reads") else "%s: not read: %s" % (
                entry["chassis"], "; ".join(entry["problems"])))
            for note in entry.get("notes", []):
                print("note: %s" % note)
    return 0 if all(c.get("compatible") for c in chassis) else 1


if __name__ == "__main__":
    sys.exit(main())
