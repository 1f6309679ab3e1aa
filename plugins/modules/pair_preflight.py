# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_preflight.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_preflight
short_description: Read-only compatibility check of MX pairs with mxha.srd, before a first deploy
version_added: "0.2.0"
description:
  - Runs, on both chassis of every pair among the play's hosts, every read the collection depends on, and reports how
    each reply matches what the collection's parser expects. Read-only; never locks, loads or commits anything.
  - "The reads, per chassis, each timed: C(get-software-information) (model, Junos version), the filtered
    C(get-configuration) of the committed SRD configuration, C(get-commit-information),
    C(get-services-redundancy-group-information) terse and extensive, C(get-inter-chassis-control-protocol-information)
    and C(get-route-information) for the static (signal) routes."
  - "Per chassis it reports the Junos version and model; for each read whether it succeeded and parsed, every element
    the reply held that the parser does not expect, and every expected element that was missing (the vocabulary is
    the collection's one list of reply names); whether SRD is configured and running; and which form of the verbosity
    argument of C(show services redundancy-group) the chassis accepted (C(<extensive/>), C(<verbose>extensive</verbose>)
    or none; each is tried in turn after a syntax error)."
  - A reply of C(show services redundancy-group) that holds none of the names the parser knows is read again as CLI
    text and parsed by the field labels of Juniper's documentation; the report says so.
  - A pair is C(ok) when both chassis answered every read as expected (unexpected extra elements are listed but do not
    fail it), C(failed) when a chassis could not be reached, a read failed or did not parse, or an expected element was
    missing. SRD not configured or not running is reported, not a failure.
  - The JSON report (I(report_dir)) keeps every reply as received, with the ICCP authentication key masked, so that it
    can be attached to a bug report and replayed against the parser. It holds the chassis' addresses and SRD
    configuration, so read it before sending it.
  - Pairs come from the intents when there are any (given, or in the inventory; they add the signal routes to look
    for), else from I(pairs), pair hosts (C(srd_chassis)), or the two-host inventory groups holding the play's hosts.
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
options:
  pairs:
    description:
      - The pairs to check, each as two inventory hostnames (C([pair1-mx1, pair1-mx2]) or C("pair1-mx1,pair1-mx2")).
        Not with an intent.
      - Default, the pairs of the intents if there are any, else each play host's two-host inventory group.
    type: list
    elements: raw
  keep_replies:
    description: Keep each reply as received in the report (the ICCP key masked), so it can be replayed.
    type: bool
    default: true
"""

EXAMPLES = r"""
- name: Check every pair of the play before a first deploy (pairs from the two-host inventory groups)
  mxha.srd.pair_preflight:
    report_dir: reports
  run_once: true
  register: preflight

- name: Fail the run when a pair is not compatible (the report printed above says why)
  ansible.builtin.fail:
    msg: "{{ preflight.failure }}"
  run_once: true
  when: not preflight.ok

- name: One pair, named explicitly
  mxha.srd.pair_preflight:
    pairs:
      - [edge-mx1, edge-mx2]
  run_once: true
"""

RETURN = r"""
report:
  description:
    - The fleet report (schema C(mxha.srd/fleet-report), version 1). Each pair's C(details) holds the compatibility
      report (schema C(mxha.srd/preflight), version 1) per chassis under C(chassis), docs/preflight.md.
  returned: always
  type: dict
  contains:
    pairs:
      description: One entry per pair, sorted by name.
      type: list
      elements: dict
      sample: [{"pair": "pair1", "chassis": ["pair1-mx1", "pair1-mx2"], "outcome": "ok", "summary": "compatible: ...",
                "findings": [], "lines": [], "rpcs": {"pair1-mx1": 8, "pair1-mx2": 8}, "seconds": 0.3,
                "details": {"schema": "mxha.srd/preflight", "version": 1, "chassis": {}}}]
    problems:
      description: What the run could not take, by name (a host in no pair, a pair missing a chassis).
      type: list
      elements: dict
    summary:
      description: Counts of pairs per outcome, and of problems.
      type: dict
table:
  description: The report as lines (a header, a row per pair, then each chassis' reads), for any callback.
  returned: always
  type: list
  elements: str
msg:
  description: One line summing up the run.
  returned: always
  type: str
pairs:
  description: Each pair's outcome (C(ok) or C(failed)), by pair name.
  returned: always
  type: dict
failed_hosts:
  description: The hosts of the pairs that are not compatible or could not be read, and those named by a problem.
  returned: always
  type: list
  elements: str
failure:
  description: Why the run failed, one line per pair that is not compatible and per inventory problem; empty when RV(ok).
  returned: always
  type: str
ok:
  description: Whether every pair is compatible and no problem was found.
  returned: always
  type: bool
files:
  description: The report files written, by kind (C(json), C(junit), C(text)).
  returned: always
  type: dict
"""
