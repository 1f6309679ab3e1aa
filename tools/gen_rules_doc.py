#!/usr/bin/env python3
"""Regenerate docs/rules.md from the rule table (plugins/module_utils/srd/model/rules.py).

A unit test (tests/unit/srd/test_rules.py) fails when the doc is stale.
"""

from __future__ import annotations

import sys
from pathlib import Path

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.rules import rules_markdown

ROOT = Path(__file__).resolve().parents[1]
HEADER = """# SRD rules

Every rule `mxha.srd.validate` (and every deploy) checks, with its stable id. Errors fail
validation; warnings are reported and do not. The limits and ranges are data in
`plugins/module_utils/srd/model/rules.py`; this page is generated from it by `tools/gen_rules_doc.py`.

Sources: *seed* is Juniper's "Inter-Chassis Services Redundancy Overview for Next Gen Services";
*ref §* points into the project's Junos SRD reference ([Y] = Juniper's published YANG 24.4R1,
[D] = Juniper documentation).

On the two set limits: the seed allows 128 redundancy sets, but the schema numbers sets 1-100, so
at most 100 sets can exist. Both are enforced; `RANGE-SET-ID` is the one a real configuration hits.

"""


def main() -> int:
    target = ROOT / "docs" / "rules.md"
    target.write_text(HEADER + rules_markdown())
    print("wrote", target)
    return 0


if __name__ == "__main__":
    sys.exit(main())
