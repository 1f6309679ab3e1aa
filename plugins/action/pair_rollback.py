# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.pair_rollback: put every pair of the play back to a backup, each as one pair
transaction (the deploy's, with the backup's configurations as the target).

The pairs, sessions and report are ``plugin_utils.fleet_action``'s; which backup is
``module_utils.jobs.pair_backup.find_backup``; one pair's rollback is ``module_utils.jobs.pair_rollback``.
A rollback needs the pairs, not their intents' content: an intent that no longer validates does not
stop its pair's rollback.
"""
from __future__ import annotations

import os
import uuid
from collections.abc import Mapping

from ansible_collections.mxha.srd.plugins.module_utils.fleet.executor import failed
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import find_backup, load_backup
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import DeployOptions
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_rollback import rollback_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.plugin_utils.backups import (
    BACKUP_SPEC, backup_for, backup_problems, backup_report_options,
)
from ansible_collections.mxha.srd.plugins.plugin_utils.fleet_action import FleetAction


class ActionModule(FleetAction):
    JOB = "rollback"
    DIFFS = True
    ARGUMENT_SPEC = {
        "backup": {"type": "raw"},
        "before": {"type": "str"},
        "confirm_timeout": {"type": "int", "default": 5},
        "confirm_minute_seconds": {"type": "float", "default": 60.0},
        "confirm_margin": {"type": "float", "default": 20.0},
        "health_timeout": {"type": "float", "default": 120.0},
        "health_interval": {"type": "float", "default": 5.0},
        "comment": {"type": "str", "default": ""},
        "takeover": {"type": "bool", "default": False},
        **BACKUP_SPEC,
    }

    def _options(self, args: dict, comment: str = "") -> DeployOptions:
        return DeployOptions(state="overridden", confirm_timeout=args["confirm_timeout"],
                             minute_seconds=args["confirm_minute_seconds"], margin=args["confirm_margin"],
                             health_timeout=args["health_timeout"], health_interval=args["health_interval"],
                             comment=args["comment"] or comment, takeover=args["takeover"],
                             check_mode=bool(self._task.check_mode))

    def check_args(self, args: dict) -> None:
        super().check_args(args)
        if (args.get("backup") in (None, "")) == (args.get("before") in (None, "")):
            raise ValueError("give the backup to roll back to (backup: a time stamp, latest, a backup directory, or a "
                             "mapping from pair name to one of those) or before: a deploy's token or a time; one of them")
        backup = args.get("backup")
        if backup not in (None, "") and not isinstance(backup, (str, Mapping)):
            raise ValueError("backup is a time stamp, latest, a backup directory, or a mapping from pair name to one of "
                             "those; got %s" % type(backup).__name__)
        if not args.get("backup_dir") and not isinstance(backup, str):
            raise ValueError("backup_dir is where the backups are; it is empty")
        problems = self._options(args).problems() + backup_problems(args)
        if problems:
            raise ValueError("; ".join(problems))

    def report_options(self, args: dict) -> dict:
        target = {"before": args["before"]} if args.get("before") else {"backup": args.get("backup")}
        return dict(super().report_options(args), confirm_timeout=args["confirm_timeout"], **target,
                    **backup_report_options(args))

    def _load_file(self, path: str) -> dict:
        # FleetAction hands a relative path to Ansible's loader, which resolves it against the playbook's directory,
        # not where ansible-playbook runs; a rollback must find the intent file the user names (docs: hooks wanted)
        found = os.path.expanduser(path)
        return super()._load_file(os.path.abspath(found) if os.path.isfile(found) else path)

    def _validate(self, pairs) -> tuple:
        """Every pair the inventory resolves is rolled back; its intent's content is not needed."""
        return [(spec, None) for spec in pairs], []

    def pair_job(self, args: dict, runnable: list):
        run_id = uuid.uuid4().hex[:8]
        root = args.get("backup_dir") or ""

        def target(spec):
            backup = args.get("backup")
            if isinstance(backup, Mapping):
                if spec.name not in backup:
                    raise InputError("backup names no backup for pair %s (it names %s)" % (
                        spec.name, ", ".join(sorted(str(k) for k in backup)) or "none"))
                backup = backup[spec.name]
            return find_backup(root, spec.name, backup=None if backup in (None, "") else str(backup),
                               before=args.get("before") or None)

        def job(spec, links):
            try:
                info = target(spec)
                configs = load_backup(info)
            except InputError as exc:
                return failed(spec, "%s; nothing was sent" % exc)
            token = "%s-%s" % (run_id, spec.chassis[0])
            backup = backup_for(args, "rollback", token, protect=[info.path])
            options = self._options(args, "mxha.srd rollback %s to %s" % (spec.name, info.name))
            return rollback_pair(spec, links, info, configs, options, token, backup)
        return job
