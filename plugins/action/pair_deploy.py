# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_deploy: deploy every pair of the play, each as one pair transaction.

The pairs, sessions and report are ``plugin_utils.fleet_action``'s; one pair's transaction is
``module_utils.jobs.pair_deploy``.
"""
from __future__ import annotations

import uuid

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import note_backup
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import STATES, DeployOptions, PairDeploy
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_placement import Placement
from ansible_collections.mxha.srd.plugins.plugin_utils.backups import (
    BACKUP_SPEC, backup_for, backup_problems, backup_report_options,
)
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction


class ActionModule(FleetAction):
    JOB = "deploy"
    DIFFS = True
    ARGUMENT_SPEC = {
        "state": {"type": "str", "default": "overridden", "choices": list(STATES)},
        "confirm_timeout": {"type": "int", "default": 5},
        "confirm_minute_seconds": {"type": "float", "default": 60.0},
        "confirm_margin": {"type": "float", "default": 20.0},
        "health_timeout": {"type": "float", "default": 120.0},
        "health_interval": {"type": "float", "default": 5.0},
        "comment": {"type": "str", "default": ""},
        "takeover": {"type": "bool", "default": False},
        "place_roles": {"type": "bool"},
        **BACKUP_SPEC,
    }

    def _options(self, args: dict) -> DeployOptions:
        return DeployOptions(state=args["state"], confirm_timeout=args["confirm_timeout"],
                             minute_seconds=args["confirm_minute_seconds"], margin=args["confirm_margin"],
                             health_timeout=args["health_timeout"], health_interval=args["health_interval"],
                             comment=args["comment"], takeover=args["takeover"],
                             check_mode=bool(self._task.check_mode))

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        problems = self._options(args).problems() + backup_problems(args)
        if problems:
            raise ValueError("; ".join(problems))

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), state=args["state"], confirm_timeout=args["confirm_timeout"],
                    **backup_report_options(args))

    def pair_job(self, args: dict, runnable: list):
        intents = {spec.name: loaded for spec, loaded in runnable}
        options = self._options(args)
        run_id = uuid.uuid4().hex[:8]
        place = args["place_roles"]   # default: on when an intent of the run places its sets
        place = any(loaded.placement for loaded in intents.values()) if place is None else place

        def job(spec, links):
            token = "%s-%s" % (run_id, spec.chassis[0])
            backup = backup_for(args, "deploy", token)
            placement = Placement(intents[spec.name].placement, wait_timeout=options.health_timeout,
                                  poll_interval=min(options.health_interval, 1.0)) if place else None
            extensions = [e for e in (backup, placement) if e]
            return note_backup(PairDeploy(spec, intents[spec.name].configs, links, options, token=token,
                                          extensions=extensions).run(), backup)
        return job
