# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
# The work is done by the action plugin plugins/action/merge_reports.py on the controller;
# this file holds the documentation only.
from __future__ import annotations

DOCUMENTATION = r"""
---
module: merge_reports
short_description: Merge the fleet reports of several runs (job slices) into one
version_added: "0.2.0"
description:
  - Reads the fleet reports (JSON, schema C(mxha.srd/fleet-report)) that several runs of one job over disjoint pairs
    wrote - the slices of an AWX sliced job, or several ansible-runner invocations - and returns the report one run
    over every pair would have written; with I(out_dir) it writes it as JSON, JUnit XML and text too.
  - Fails when two reports hold the same pair (the runs were not over disjoint pairs), when they come from
    different jobs, or when a file is not a fleet report. No device is contacted.
author: mxha.srd maintainers (@mxha)
options:
  reports:
    description: Paths or glob patterns of the report files (C(**) matches directories at any depth).
    type: list
    elements: str
    required: true
  out_dir:
    description: Write the merged report there, as C(NAME.json), C(NAME.junit.xml) and C(NAME.txt).
    type: path
  name:
    description: The base name of the files written. Default, the job's name.
    type: str
  fail_on_drift:
    description: Count drifted pairs as failing in RV(ok).
    type: bool
    default: false
"""

EXAMPLES = r"""
- name: Merge the drift reports every slice of a sliced job wrote
  mxha.srd.merge_reports:
    reports: [reports/slice-*/drift.json]
    out_dir: reports/merged
  register: merged
"""

RETURN = r"""
report:
  description: The merged fleet report.
  returned: success
  type: dict
table:
  description: The merged report as lines.
  returned: success
  type: list
  elements: str
msg:
  description: One line summing up the merged report.
  returned: success
  type: str
merged:
  description: The files that were merged.
  returned: success
  type: list
  elements: str
files:
  description: The files written, by kind.
  returned: success
  type: dict
ok:
  description: Whether every pair succeeded (and did not drift, with I(fail_on_drift)) and no problem was reported.
  returned: success
  type: bool
"""
