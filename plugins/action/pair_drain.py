# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_drain: move every redundancy set off one chassis of every pair, in one task.

One pair's drain is ``module_utils.jobs.pair_maintenance.drain`` (checks of both peers, every move decided
offline by the engine, pre/post snapshots and their diff); the options are ``plugin_utils.maintenance_action``'s.
"""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_maintenance
from ansible_collections.mxha.srd.plugins.plugin_utils.maintenance_action import MAINTENANCE_SPEC, MaintenanceAction


class ActionModule(MaintenanceAction):
    JOB = "drain"
    ARGUMENT_SPEC = dict(MAINTENANCE_SPEC, drain={"type": "list", "elements": "str", "required": True})

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        if not args["drain"]:
            raise ValueError("drain names the chassis to drain (one per pair), or gateway1 / gateway2")

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), drain=list(args["drain"]))

    def pair_job(self, args: dict, runnable: list):
        intents = {spec.name: loaded for spec, loaded in runnable}
        options = self.options(args)

        def job(spec, links):
            return pair_maintenance.drain(spec, intents[spec.name], links, args["drain"], options)
        return job
