# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""What the drain and restore actions share: their options, and where the snapshots go.

The pairs, sessions and report are ``plugin_utils.fleet_action``'s; one pair's drain or restore is
``module_utils.jobs.pair_maintenance``. Snapshots go to I(snapshot_dir), by default ``snapshots/`` under the
report directory, one folder per pair (``drain-pre.json``, ``drain-post.json``, ``restore-pre.json`` ...).
"""
from __future__ import annotations

import os

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_maintenance import Options
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction

MAINTENANCE_SPEC = {
    "force": {"type": "bool", "default": False},
    "wait_timeout": {"type": "float", "default": 60.0},
    "poll_interval": {"type": "float", "default": 1.0},
    "vrrp": {"type": "bool", "default": True},
    "snapshot_dir": {"type": "path"},
}


class MaintenanceAction(FleetAction):
    """Base of mxha.srd.pair_drain and mxha.srd.pair_restore."""

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        if args["wait_timeout"] <= 0 or args["poll_interval"] <= 0:
            raise ValueError("wait_timeout and poll_interval must be positive")

    def snapshot_dir(self, args: dict):
        if args.get("snapshot_dir"):
            return args["snapshot_dir"]
        return os.path.join(args["report_dir"], "snapshots") if args.get("report_dir") else None

    def options(self, args: dict) -> Options:
        return Options(force=args["force"], wait_timeout=args["wait_timeout"], poll_interval=args["poll_interval"],
                       check_mode=bool(self._task.check_mode), snapshot_dir=self.snapshot_dir(args), vrrp=args["vrrp"])

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), force=args["force"], vrrp=args["vrrp"],
                    snapshot_dir=self.snapshot_dir(args))
