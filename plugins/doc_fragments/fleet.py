# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Options every fleet action shares (mxha.srd.pair_deploy, pair_drift, pair_switchover ...)."""
from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  intent:
    description:
      - A pair intent (docs/pair-intent.md) as a mapping, or a list of them.
      - Give at most one of I(intent), I(intent_file) and I(intent_dir). With none, each pair's intent is read from
        the inventory variables of its chassis (group_vars of the pair's group, as the intent's keys or as one mapping
        in C(srd_intent)), or of its pair host (see I(hosts)).
    type: raw
  intent_file:
    description: Path of a YAML file holding one pair intent (vault-encrypted files and values are decrypted).
    type: path
  intent_dir:
    description:
      - A directory of intent files (C(*.yml), C(*.yaml)), one pair each, matched to the play's hosts by the chassis
        each names.
    type: path
  hosts:
    description:
      - The hosts to work on. Default, every host of the play (C(ansible_play_hosts_all), so C(--limit) applies).
      - A host is a chassis, or a I(pair host) whose variable C(srd_chassis) maps the pair's two chassis to their
        connection variables (the pair host's own variables apply to both). Pair hosts keep a pair in one piece when
        AWX job slicing deals hosts out to slices (docs/fleet.md).
      - Every pair whose two chassis are among these hosts is worked on. A host no intent names, an intent naming a
        chassis missing from the inventory or from these hosts (C(--limit) to one chassis of a pair), and a chassis
        two intents claim are reported by name in RV(report.problems); they make the run fail, the other pairs go on.
    type: list
    elements: str
  max_sessions:
    description:
      - NETCONF sessions open at once on the controller; each pair holds two, so about half as many pairs run at
        once. Sessions are built from each chassis' inventory variables (C(ansible_host), C(ansible_port),
        C(ansible_user), C(ansible_password) or C(ansible_ssh_pass), C(ansible_ssh_private_key_file),
        C(ansible_host_key_checking), C(ansible_connect_timeout), C(ansible_command_timeout),
        C(ansible_netconf_ssh_config) for a jump host through an SSH config file).
    type: int
    default: 32
  report_dir:
    description:
      - Write the fleet report there on the controller, as C(NAME.json) (schema C(mxha.srd/fleet-report) version 1,
        docs/fleet.md), C(NAME.junit.xml) (one test case per pair) and C(NAME.txt).
    type: path
  report_name:
    description: The base name of the report files. Default, the job's name.
    type: str
  quiet:
    description: Do not print the fleet report (it is still in RV(table) and the files).
    type: bool
    default: false
notes:
  - Runs once on the controller for every pair (use C(run_once)); it opens the sessions itself (ncclient) and never
    uses the task host's connection.
  - It prints the fleet report itself (lines that read the same under every callback, AWX's too) unless I(quiet).
  - The task does not fail for a pair; its result says whether the run succeeded (RV(ok)) and, if not, why, one line
    per pair (RV(failure)). The job roles fail the run on that with one more C(run_once) task (see EXAMPLES).
requirements:
  - ncclient (on the controller)
"""
