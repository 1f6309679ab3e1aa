# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_switchover: move the primary role in every pair of the play, in one task.

The pairs, sessions and report are ``plugin_utils.fleet_action``'s; one pair's switchover is
``module_utils.jobs.pair_switchover`` (the engine decides offline before anything is sent).
"""
from __future__ import annotations

import os

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_switchover
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction


class ActionModule(FleetAction):
    JOB = "switchover"
    ARGUMENT_SPEC = {
        "primary": {"type": "list", "elements": "str", "required": True},
        "redundancy_sets": {"type": "list", "elements": "int"},
        "force": {"type": "bool", "default": False},
        "wait_timeout": {"type": "float", "default": 60.0},
        "poll_interval": {"type": "float", "default": 1.0},
        "snapshot_dir": {"type": "path"},
    }

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        if not args["primary"]:
            raise ValueError("primary names the chassis to make primary (one per pair), or gateway1 / gateway2")
        if args["wait_timeout"] <= 0 or args["poll_interval"] <= 0:
            raise ValueError("wait_timeout and poll_interval must be positive")
        if any(s < 1 for s in args.get("redundancy_sets") or []):
            raise ValueError("redundancy_sets lists redundancy-set ids (positive numbers)")

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), primary=list(args["primary"]), force=args["force"],
                    redundancy_sets=args.get("redundancy_sets"))

    def pair_job(self, args: dict, runnable: list):
        intents = {spec.name: loaded for spec, loaded in runnable}
        check_mode = bool(self._task.check_mode)
        folder = args.get("snapshot_dir") or (os.path.join(args["report_dir"], "snapshots") if args.get("report_dir")
                                              else None)

        def job(spec, links):
            return pair_switchover.switch(spec, intents[spec.name], links, args["primary"], args.get("redundancy_sets"),
                                          args["force"], args["wait_timeout"], args["poll_interval"], check_mode,
                                          folder)
        return job
