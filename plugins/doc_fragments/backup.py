# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The backup options of the actions that change pairs (mxha.srd.pair_deploy, mxha.srd.pair_rollback)."""
from __future__ import annotations


class ModuleDocFragment:
    DOCUMENTATION = r"""
options:
  backup_dir:
    description:
      - "Before it changes a pair (once the pair is read, before the lock), the run saves both chassis' configuration
        on the controller under C(BACKUP_DIR/PAIR/UTC-TIME/) (C(20250301T101502Z)): C(CHASSIS.xml), the SRD hierarchies
        as the chassis returned them (committed, groups applied), and C(meta.json) (the pair, its chassis, the run's
        token and commit log, each chassis' newest commit from C(get-commit-information)). Layout and use:
        docs/adopt.md. A relative path is relative to where C(ansible-playbook) runs."
      - A pair whose backup cannot be read or written is not changed. A pair where nothing changes takes no backup.
      - A failed pair's summary names its backup. C(mxha.srd.pair_rollback) puts a pair back to one.
      - Empty turns backups off (not recommended).
    type: path
    default: backups
  backup_full:
    description:
      - Also save each chassis' whole committed configuration (C(CHASSIS.full.xml), groups as written), one more
        C(get-configuration) per chassis. A rollback still restores the SRD hierarchies only; the full file is a record.
    type: bool
    default: false
  backup_keep:
    description:
      - Keep the newest this many backups of each pair (older ones are removed after a new one is written, never the
        backup a rollback goes back to). C(0) keeps them all.
    type: int
    default: 50
"""
