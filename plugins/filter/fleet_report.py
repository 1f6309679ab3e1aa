# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters over fleet reports: merge the reports of job slices, and render a report as lines or JUnit.

Why filters: a sliced job (AWX, several ansible-runner invocations) leaves one report per slice;
``playbooks/merge_reports.yml`` merges them with these on any controller, no device contacted.
"""
from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FleetReport, merge


def _loaded(report) -> FleetReport:
    try:
        return FleetReport.from_dict(report)
    except (ValueError, KeyError, TypeError) as exc:
        raise AnsibleFilterError("mxha.srd: not a fleet report: %s" % exc) from None


def merge_fleet_reports_filter(reports) -> dict:
    """One report from the reports of several runs over disjoint pairs."""
    if not isinstance(reports, list):
        raise AnsibleFilterError("mxha.srd.merge_fleet_reports takes a list of fleet reports")
    try:
        return merge(reports).to_dict()
    except (ValueError, KeyError, TypeError) as exc:
        raise AnsibleFilterError("mxha.srd.merge_fleet_reports: %s" % exc) from None


def fleet_table_filter(report) -> list:
    """The report as lines: a header, a row per pair, then what went wrong."""
    return _loaded(report).table()


def fleet_junit_filter(report) -> str:
    """The report as JUnit XML, one test case per pair."""
    return _loaded(report).junit()


class FilterModule:
    """mxha.srd fleet report filters."""

    def filters(self):
        return {
            "merge_fleet_reports": merge_fleet_reports_filter,
            "fleet_table": fleet_table_filter,
            "fleet_junit": fleet_junit_filter,
        }
