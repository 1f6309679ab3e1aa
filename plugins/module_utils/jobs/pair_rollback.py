# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Put a pair back to a backup, as one pair transaction.

A rollback is a deploy whose target is a backup's configurations: :class:`PairDeploy` with each chassis'
SRD model read from the backup's files and ``state: overridden``, so it has the deploy's guarantee (both
chassis on the backup or both on what they held, verified, commit confirmed on both, the health gate,
confirmations proved from the commit history) and its cost (a chassis already as in the backup gets one
read). It takes a backup of its own first, like a deploy, so a rollback can be rolled back.

What it restores: the SRD hierarchies the collection manages. Routing instances are never deleted (other
configuration lives in them), so one added since the backup stays; that is said in the outcome. A
backup taken with the whole configuration is rolled back the same way (its SRD hierarchies only): the
full file is a record, to compare or to load by hand.
"""
from __future__ import annotations

from typing import Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FAILED, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_backup import Backup, BackupInfo, note_backup
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import DeployOptions, Extension, PairDeploy
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec


class RollbackTarget(Extension):
    """Says what the rollback goes back to, and what a rollback leaves as it is."""

    def __init__(self, info: BackupInfo, configs: Mapping):
        self.info = info
        self.configs = configs

    def _lines(self, deploy) -> list:
        lines = ["rollback: to %s" % self.info.describe()]
        for name in deploy.names:
            plan = deploy.plans.get(name)
            if plan is None:
                continue
            extra = sorted(set(plan.before.routing_instances) - set(self.configs[name].routing_instances))
            if extra:
                lines.append("rollback: %s keeps routing instance%s %s, added after the backup (the collection never "
                             "deletes a routing instance)" % (name, "" if len(extra) == 1 else "s", ", ".join(extra)))
        return lines

    def predict(self, deploy) -> tuple:
        return False, self._lines(deploy)

    def before_push(self, deploy) -> list:
        return self._lines(deploy)


def rollback_pair(spec: PairSpec, links: Mapping[str, ChassisLink], info: BackupInfo, configs: Mapping,
                  options: DeployOptions, token: str, backup: Optional[Backup] = None) -> PairOutcome:
    """One pair back to ``configs`` (each chassis' model from ``info``), as one pair transaction."""
    if set(configs) != set(spec.chassis):
        message = "the backup %s holds %s, not this pair's chassis %s; nothing was sent" % (
            info.path, " + ".join(sorted(configs)) or "no chassis", " + ".join(spec.chassis))
        return PairOutcome(spec.name, spec.chassis, FAILED, message, findings=[message])
    extensions = [RollbackTarget(info, configs)] + ([backup] if backup is not None else [])
    result = PairDeploy(spec, configs, links, options, token=token, extensions=extensions).run()
    # PairDeploy names its target "the intent"; here the target is the backup
    result.summary = "rollback to %s: %s" % (info.name, result.summary.replace("the intent", "the backup"))
    result.lines = [line.replace("already held the intent", "already held the backup") for line in result.lines]
    result.details["rollback_to"] = info.path
    return note_backup(result, backup) if backup is not None else result
