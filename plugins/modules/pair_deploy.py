# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_deploy.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_deploy
short_description: Deploy pair intents to MX pairs, each pair as one transaction (both chassis or neither)
version_added: "0.2.0"
description:
  - Deploys the SRD configuration of every pair among the play's hosts, many pairs at once, each pair as one pair
    transaction (docs/pair-transaction.md); one pair failing never touches another.
  - "Per pair, holding both chassis' sessions from the first read to the last:"
  - "1. validates the pair's intent offline (an invalid intent fails that pair before its chassis are touched);"
  - "2. reads each chassis once (one filtered C(get-configuration)); a chassis that already holds the intent gets
    nothing more, and a pair where both do is C(ok) with no lock taken;"
  - "3. refuses when a chassis to change has a commit confirmed pending that this run did not make (it would
    become permanent), unless I(takeover);"
  - "4. on each chassis to change: C(lock), C(load-configuration), commit check, compare (nothing but our change
    may be in the candidate), the candidate read back (it must hold exactly what is wanted: a statement a
    configuration group provides cannot be removed by a load), commit confirmed, keeping the lock;"
  - "5. a health gate over the pair: srd running, ICCP up, each redundancy set of the intent primary on exactly one
    chassis, signal routes where the roles say; polled until settled, never past the confirmation deadline; an
    error that waiting cannot mend (a session lost, an rpc-error) ends it at once;"
  - "6. confirms each chassis with more than I(confirm_margin) seconds left (measured on the controller from the
    moment the commit confirmed was sent, checked again after the commit history answers), proves it from the
    commit history (our confirmation is entry 0, our commit confirmed entry 1), releases the lock, and re-reads it;"
  - "7. if anything fails after a commit: every chassis holding the new configuration is brought back (the reverse
    change with commit confirmed, a re-read, a confirmation), both are re-read, and the pair fails saying what each
    chassis holds, verified."
  - In check mode it reads each chassis once and predicts, per chassis, the statements that would change; with
    C(--diff) the result carries each chassis' compare text.
  - "Before it changes a pair it backs up both chassis (I(backup_dir); docs/adopt.md): 2 more RPCs per chassis
    (C(get-configuration), C(get-commit-information)), 3 with I(backup_full)."
  - "RPCs per chassis for a change: 13 plus 3 per health-gate read (get-configuration, get-commit-information,
    lock, load, commit check, compare, the candidate read back, commit confirmed, get-commit-information, commit,
    unlock, get-commit-information, get-configuration); for a chassis already as intended: 1."
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
  - mxha.srd.backup
options:
  state:
    description: How each chassis' SRD statements are made to match the intent (as C(mxha.srd.redundancy_config)).
    type: str
    choices: [overridden, replaced, merged]
    default: overridden
  confirm_timeout:
    description: The commit confirmed timeout, in Junos minutes (1 to 65535).
    type: int
    default: 5
  confirm_minute_seconds:
    description: Seconds in one of those minutes; 60 on Junos (the emulator can run faster).
    type: float
    default: 60
  confirm_margin:
    description: Never start a confirmation with fewer seconds than this left before the automatic rollback.
    type: float
    default: 20
  health_timeout:
    description: Seconds the health gate waits for a pair to settle.
    type: float
    default: 120
  health_interval:
    description: Seconds between two reads of the live state during the health gate.
    type: float
    default: 5
  comment:
    description: The commit log comment. Default C(mxha.srd deploy <pair>); the run's token is always appended.
    type: str
    default: ""
  takeover:
    description:
      - Deploy over a commit confirmed someone else left pending on a chassis to change. Their change is committed
        along with ours and becomes permanent whatever happens.
    type: bool
    default: false
  place_roles:
    description:
      - Put every redundancy set where its pair's intent places it (C(redundancy_sets[].primary), docs/pair-intent.md)
        once both chassis hold the configuration. The engine plans every move offline from both chassis' live state
        and the pair fails, its configuration kept, before any request is sent if one would be refused; then the
        requests are sent, and both chassis are read back until they show the predicted roles and signal routes.
        In check mode the moves are predicted.
      - Also, between the push and the health gate, a primary whose signal route the deploy changed gets its
        acquire policy run again in place (srd adds a signal route only when that policy runs), so the gate does
        not roll the deploy back for a route that could not have appeared yet.
      - Default, on when an intent of the run places a set.
    type: bool
"""

EXAMPLES = r"""
- name: Deploy every pair of the play, intents from the inventory (group_vars of each pair's group)
  mxha.srd.pair_deploy:
  run_once: true
  register: deployed

- name: Deploy the pairs described in a directory of intent files, writing the report
  mxha.srd.pair_deploy:
    intent_dir: intents/
    confirm_timeout: 5
    report_dir: reports
  run_once: true
  register: deployed

- name: Deploy an A/B pair (set 1 primary on one chassis, set 2 on the other, as its intent places them)
  mxha.srd.pair_deploy:
    intent_file: docs/examples/ab-pair.yml
    place_roles: true
  run_once: true
  register: deployed

- name: Fail the run when a pair did not succeed (the report printed above says which)
  ansible.builtin.fail:
    msg: "{{ deployed.failure }}"
  run_once: true
  when: not deployed.ok
"""

RETURN = r"""
report:
  description:
    - The fleet report (schema C(mxha.srd/fleet-report), version 1; docs/fleet.md), with each pair's C(details) only
      for pairs that failed or drifted (the files under I(report_dir) hold them all).
  returned: always
  type: dict
  contains:
    pairs:
      description: One entry per pair, sorted by name.
      type: list
      elements: dict
      sample: [{"pair": "cgnat-pair1", "chassis": ["pair1-mx1", "pair1-mx2"], "outcome": "ok", "summary": "...",
                "findings": [], "lines": [], "rpcs": {"pair1-mx1": 1, "pair1-mx2": 1}, "seconds": 0.2, "details": {}}]
    problems:
      description: What the run could not take, by name (unclaimed hosts, missing chassis, double claims).
      type: list
      elements: dict
    summary:
      description: Counts of pairs per outcome, and of problems.
      type: dict
table:
  description: The report as lines (a header, a row per pair, then what went wrong), for any callback.
  returned: always
  type: list
  elements: str
msg:
  description: One line summing up the run.
  returned: always
  type: str
pairs:
  description: Each pair's outcome (C(ok), C(changed), C(drift), C(failed)), by pair name.
  returned: always
  type: dict
failed_hosts:
  description: The play's hosts (chassis or pair hosts) of the pairs that failed, and those named by a problem.
  returned: always
  type: list
  elements: str
failure:
  description: Why the run failed, one line per pair that failed and per inventory problem; empty when RV(ok).
  returned: always
  type: str
ok:
  description: Whether every pair succeeded and no problem was found.
  returned: always
  type: bool
files:
  description: The report files written, by kind (C(json), C(junit), C(text)).
  returned: always
  type: dict
"""
