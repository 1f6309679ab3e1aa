# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backup options the changing fleet actions share (mxha.srd.pair_deploy, mxha.srd.pair_rollback).

Why one place: a deploy and a rollback back up both chassis the same way into the same layout
(``module_utils.jobs.pair_backup``), so that a rollback finds what a deploy left, with the same
options and the same documentation (doc fragment ``mxha.srd.backup``).
"""
from __future__ import annotations

from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import Backup

DEFAULT_KEEP = 50

BACKUP_SPEC = {
    "backup_dir": {"type": "path", "default": "backups"},
    "backup_full": {"type": "bool", "default": False},
    "backup_keep": {"type": "int", "default": DEFAULT_KEEP},
}


def backup_problems(args: dict) -> list:
    if args["backup_keep"] < 0:
        return ["backup_keep is how many backups of each pair to keep (0: all of them), got %d" % args["backup_keep"]]
    return []


def backup_for(args: dict, job: str, token: str, protect=()) -> Optional[Backup]:
    """The pair's backup extension, or None when ``backup_dir`` is empty (no backups)."""
    if not args.get("backup_dir"):
        return None
    return Backup(args["backup_dir"], job=job, token=token, full=args["backup_full"], keep=args["backup_keep"],
                  protect=protect)


def backup_report_options(args: dict) -> dict:
    return {"backup_dir": args.get("backup_dir") or "", "backup_full": args["backup_full"],
            "backup_keep": args["backup_keep"]}
