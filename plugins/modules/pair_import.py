# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/pair_import.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: pair_import
short_description: Import a running MX pair's SRD configuration as a pair intent (YAML), proved to deploy as a no-op
version_added: "0.2.0"
description:
  - Reads both chassis of a pair and writes the pair intent (docs/pair-intent.md) that reproduces them, so a pair
    configured by hand can be adopted by the collection's jobs (docs/adopt.md).
  - "Live: one filtered C(get-configuration) of each chassis' committed configuration (groups applied), the deploy's
    own read, both chassis at once, no lock, nothing else sent. Offline: two configuration backups (XML, C(set) lines
    or curly-brace text, as C(mxha.srd.validate) reads them), or a backup directory C(mxha.srd.pair_deploy) wrote."
  - "The intent holds the chassis with their ICCP addresses, interface aliases derived from what differs between the
    two chassis (C(services: vms-1/0/0) on one, C(vms-2/0/0) on the other; then VRRP groups; then the interfaces each
    redundancy event monitors, paired by likeness), the shared sections once, C(only_on) for events and policies only
    one chassis has, comments saying where each part came from (the read or file, configuration groups), and at its
    end, verbatim as C(set) lines, the SRD statements the model does not cover and the inactive ones (a deploy leaves
    both as they are)."
  - "The proof: the intent is loaded back exactly as a deploy loads it and compared with each chassis. When nothing
    differs, deploying it to the same pair is a no-op (zero changes, no lock) and drift against it is clean; the file
    and the report say so. Otherwise every difference the format cannot express is said precisely (the path, both
    chassis' values, what the intent keeps) along with exactly what a deploy of the intent would change on which
    chassis, and the pair's outcome is C(drift) (a failure with I(strict))."
  - "The ICCP key is never written in clear unless asked: I(iccp_key)."
  - Check mode reads (or opens the files) and reports, but writes nothing.
author: mxha.srd maintainers (@mxha)
extends_documentation_fragment:
  - mxha.srd.fleet
options:
  pair:
    description:
      - The inventory group holding the pair's two chassis (hosts with their NETCONF connection variables, as the
        fleet jobs use them; docs/fleet.md). Its name is the intent's C(name) unless I(name) is given.
      - Give one of I(pair), I(chassis), I(backup), I(config_files).
    type: str
  chassis:
    description: The pair's two chassis by inventory name (instead of I(pair)).
    type: list
    elements: str
  backup:
    description:
      - Import offline from a backup directory a deploy or rollback wrote (C(backups/PAIR/UTC-TIME)); the chassis and the
        pair's name come from its C(meta.json).
    type: path
  config_files:
    description:
      - Import offline from one configuration file per chassis, a mapping from inventory name to a path, or to
        C({file, format}). The whole configuration or only its SRD part; XML, C(set) or text.
    type: dict
  format:
    description: The format of I(config_files) (C(auto) tells them apart by their content).
    type: str
    choices: [auto, xml, set, text]
    default: auto
  name:
    description: The intent's C(name) (also the directory name of the pair's backups). Default, the group's name.
    type: str
  dest:
    description:
      - Write the intent there (YAML). A file that already holds this intent is left as it is (C(ok)); one that holds
        something else is only overwritten with I(force). Without I(dest) the intent is returned in RV(intent_lines).
    type: path
  iccp_key:
    description:
      - How the ICCP authentication key both chassis hold is written.
      - C(vault), an C(!vault) value encrypted with the run's vault secret (C(--ask-vault-pass),
        C(--vault-password-file), C(--vault-id); see I(vault_id)).
      - C(placeholder), the mask C("********"), which the intent reader refuses, so the intent cannot be deployed
        until the real key is put in.
      - C(clear), as the chassis show it (Junos' C($9$) form, an obfuscation anyone can undo); the file is written
        readable by its owner only.
      - C(auto), C(vault) when the run has a vault secret, else C(placeholder).
    type: str
    choices: [auto, vault, placeholder, clear]
    default: auto
  vault_id:
    description: The vault id whose secret encrypts the key (default, the first secret the run has).
    type: str
  force:
    description: Overwrite I(dest) when it holds something else.
    type: bool
    default: false
  strict:
    description: Fail the run when the intent does not reproduce the pair exactly (outcome C(drift)).
    type: bool
    default: false
notes:
  - I(intent), I(intent_file), I(intent_dir) and I(hosts) of the fleet options do not apply (there is no intent yet).
"""

EXAMPLES = r"""
- name: Import the pair of inventory group pair1 into an intent file, the key vaulted with the run's vault secret
  mxha.srd.pair_import:
    pair: pair1
    dest: intents/pair1.yml
  run_once: true
  register: imported

- name: Import offline from two configuration backups
  mxha.srd.pair_import:
    config_files:
      pair1-mx1: backups/pair1-mx1.conf
      pair1-mx2: {file: backups/pair1-mx2.xml, format: xml}
    name: cgnat-pair1
    dest: intents/cgnat-pair1.yml
  run_once: true
  register: imported

- name: Import from a backup a deploy took
  mxha.srd.pair_import:
    backup: backups/cgnat-pair1/20250301T101502Z
    dest: intents/cgnat-pair1.yml
    force: true
  run_once: true
  register: imported

- name: Fail when it could not be imported (or, with strict, when the intent does not reproduce the pair)
  ansible.builtin.fail:
    msg: "{{ imported.failure }}"
  run_once: true
  when: not imported.ok
"""

RETURN = r"""
dest:
  description: Where the intent was written (or would be, in check mode); null without I(dest).
  returned: when the pair was read
  type: str
exact:
  description: Whether deploying the intent to the same pair changes nothing and nothing stands in its way.
  returned: when the pair was read
  type: bool
intent:
  description: The intent as data (the ICCP key masked).
  returned: when the pair was read
  type: dict
intent_lines:
  description: The intent file's text, one line per element.
  returned: when the pair was read
  type: list
  elements: str
findings:
  description:
    - "What the import found: C(kind) (C(asymmetric), C(default), C(change), C(rule), C(unreadable), C(unmodelled),
      C(inactive), C(groups)), C(path), C(message), C(severity), C(chassis)."
  returned: when the pair was read
  type: list
  elements: dict
unmodelled:
  description: Per chassis, the SRD statements the model does not cover, as C(set) lines.
  returned: when the pair was read
  type: dict
inactive:
  description: Per chassis, the inactive SRD statements, as C(set) and C(deactivate) lines.
  returned: when the pair was read
  type: dict
iccp_key:
  description: How the key was written (C(vault), C(placeholder), C(clear)).
  returned: when the pair was read
  type: str
report:
  description: The fleet report (schema C(mxha.srd/fleet-report), version 1; docs/fleet.md), job C(import).
  returned: always
  type: dict
  contains:
    pairs:
      description: One entry per pair, sorted by name.
      type: list
      elements: dict
    problems:
      description: What the run could not take, by name (unclaimed hosts, missing chassis, double claims).
      type: list
      elements: dict
    summary:
      description: Counts of pairs per outcome, and of problems.
      type: dict
table:
  description: The report as lines.
  returned: always
  type: list
  elements: str
msg:
  description: One line summing up the run.
  returned: always
  type: str
pairs:
  description: The pair's outcome (C(changed) written, C(ok) already held, C(drift) not exact, C(failed)).
  returned: always
  type: dict
failed_hosts:
  description: The chassis of a pair that failed.
  returned: always
  type: list
  elements: str
failure:
  description: Why the run failed; empty when RV(ok).
  returned: always
  type: str
ok:
  description: Whether the import succeeded (and, with I(strict), is exact).
  returned: always
  type: bool
files:
  description: The report files written, by kind.
  returned: always
  type: dict
"""
