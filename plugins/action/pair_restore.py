# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_restore: put every redundancy set of every pair back, in one task.

Back where the intent places it, or where the pre-drain snapshot shows it (``restore_from: snapshot``, read
from I(snapshot_dir)). One pair's restore is ``module_utils.jobs.pair_maintenance.restore``.
"""
from __future__ import annotations

from ansible_collections.mxha.srd.plugins.module_utils.jobs import pair_maintenance
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_snapshot import load_snapshot, snapshot_path
from ansible_collections.mxha.srd.plugins.plugin_utils.maintenance_action import MAINTENANCE_SPEC, MaintenanceAction


class ActionModule(MaintenanceAction):
    JOB = "restore"
    ARGUMENT_SPEC = dict(MAINTENANCE_SPEC, restore_from={"type": "str", "default": pair_maintenance.FROM_INTENT,
                                                         "choices": [pair_maintenance.FROM_INTENT,
                                                                     pair_maintenance.FROM_SNAPSHOT]})

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        if args["restore_from"] == pair_maintenance.FROM_SNAPSHOT and not self.snapshot_dir(args):
            raise ValueError("restore_from: snapshot reads each pair's pre-drain snapshot from snapshot_dir (or "
                             "report_dir/snapshots); give one of them")

    def report_options(self, args: dict) -> dict:
        return dict(super().report_options(args), restore_from=args["restore_from"])

    def pair_job(self, args: dict, runnable: list):
        intents = {spec.name: loaded for spec, loaded in runnable}
        options = self.options(args)
        source = args["restore_from"]

        def job(spec, links):
            before = None
            if source == pair_maintenance.FROM_SNAPSHOT:
                path = snapshot_path(options.snapshot_dir, spec.name, "drain-pre")
                try:
                    before = load_snapshot(path)
                except (OSError, ValueError) as exc:
                    before = "%s could not be read: %s" % (path, exc)
            return pair_maintenance.restore(spec, intents[spec.name], links, source, before, options)
        return job
