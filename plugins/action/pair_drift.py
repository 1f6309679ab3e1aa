# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_drift: the drift check of every pair of the play, in one task.

The pairs, sessions and report are ``plugin_utils.fleet_action``'s; the check of one pair is
``module_utils.jobs.pair_drift``. Read-only.
"""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_drift
from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction


class ActionModule(FleetAction):
    JOB = "drift"
    ARGUMENT_SPEC = {
        "checks": {"type": "list", "elements": "str", "choices": list(drift.KINDS),
                   "default": [drift.CONFIG, drift.SYMMETRY, drift.OPERATIONAL, drift.PLACEMENT]},
        "fail_on_drift": {"type": "bool", "default": False},
        "unread_is_failure": {"type": "bool", "default": True},
    }

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), checks=list(args["checks"]),
                    unread_is_failure=args["unread_is_failure"])

    def pair_job(self, args: dict, runnable: list):
        intents = {spec.name: loaded for spec, loaded in runnable}
        checks = tuple(args["checks"])

        def job(spec, links):
            return pair_drift.check(spec, intents[spec.name], links, checks, args["unread_is_failure"])
        return job
