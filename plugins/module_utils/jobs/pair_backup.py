# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Back up both chassis of a pair before a pair transaction changes anything, and find a backup again.

The layout on the controller (docs/adopt.md), one directory per backup:

    <backup_dir>/<pair>/<UTC time>/          e.g. backups/cgnat-pair1/20250301T101502Z/
        meta.json                            what, when, which run, each chassis' newest commit
        <chassis>.xml                        the SRD hierarchies as the chassis returned them (the deploy's own
                                             filtered read: committed, groups applied), namespaces dropped
        <chassis>.full.xml                   with ``full``: the whole committed configuration, groups as written

The backup is taken by :class:`Backup`, a pair-transaction extension: ``before_push`` runs once the pair
is read and planned and before anything is sent but reads. It reads each chassis again (the XML the box
returns, never a re-rendering of the model), checks that this read equals what the transaction planned
from (a chassis changed in between stops the pair with nothing changed), reads the commit history's
newest entry (Junos identifies a commit by its time, user, client and log; the rollback number shifts
with every later commit), writes the files, then keeps only the newest ``keep`` backups of the pair.
A backup that cannot be written stops the pair before the push: no change without its backup.
"""
from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Optional

from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_chassis import StepFailed
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_deploy import Extension
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, errors_of, read_again, read_config_xml
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import ConfigSession
from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_xml
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES, ChassisConfig

SCHEMA = "mxha.srd/backup"
VERSION = 1
META = "meta.json"
STAMP = "%Y%m%dT%H%M%SZ"
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def utc_now() -> datetime.datetime:
    return datetime.datetime.now(datetime.timezone.utc)


def pair_dir_name(pair: str) -> str:
    """A pair's name as a directory name (anything but letters, digits, ``.``, ``_`` and ``-`` becomes ``_``)."""
    name = _UNSAFE.sub("_", pair).strip("._") or "pair"
    return name


def _commit_entry(reply: ET.Element) -> dict:
    """Entry 0 of ``get-commit-information``, every field the chassis gives (a revision id where Junos has one)."""
    for node in reply.iter("commit-history"):
        if (node.findtext("sequence-number") or "").strip() == "0":
            out = {child.tag: (child.text or "").strip() for child in node if len(child) == 0}
            seconds = node.find("date-time")
            if seconds is not None and seconds.get("seconds"):
                out["date-time-seconds"] = seconds.get("seconds")
            return out
    return {}


def _xml_text(element: ET.Element) -> str:
    tree = ET.ElementTree(element)
    try:
        ET.indent(tree, space="  ")
    except AttributeError:  # pragma: no cover  # Python < 3.9
        pass
    return ET.tostring(element, encoding="unicode") + "\n"


@dataclass
class BackupInfo:
    """One backup directory, from its meta.json."""

    path: str
    meta: dict = field(default_factory=dict)

    @property
    def name(self) -> str:
        return os.path.basename(self.path)

    @property
    def taken(self) -> str:
        return str(self.meta.get("taken", ""))

    @property
    def token(self) -> str:
        return str(self.meta.get("token", ""))

    @property
    def chassis(self) -> list:
        return list(self.meta.get("chassis", []))

    def describe(self) -> str:
        return "%s (taken %s by %s %s)" % (self.path, self.taken or "at an unknown time", self.meta.get("job", "a run"),
                                           self.token or "?")


def read_info(path: str) -> BackupInfo:
    """A backup directory's meta.json, checked (schema, version, the files it names)."""
    meta_path = os.path.join(path, META)
    try:
        with open(meta_path, encoding="utf-8") as handle:
            meta = json.load(handle)
    except (OSError, ValueError) as exc:
        raise InputError("%s is not a backup of mxha.srd (%s: %s)" % (path, META, exc)) from None
    if not isinstance(meta, dict) or meta.get("schema") != SCHEMA:
        raise InputError("%s is not a backup of mxha.srd (schema %r)" % (path, meta.get("schema")
                                                                         if isinstance(meta, dict) else None))
    if int(meta.get("version", 0)) > VERSION:
        raise InputError("%s is a backup of version %s, newer than this collection reads (%d)"
                         % (path, meta.get("version"), VERSION))
    return BackupInfo(os.path.abspath(path), meta)


def list_backups(root: str, pair: str) -> list:
    """The pair's backups under ``root``, oldest first (directories without a valid meta.json are skipped)."""
    folder = os.path.join(root, pair_dir_name(pair))
    if not os.path.isdir(folder):
        return []
    found = []
    for entry in sorted(os.listdir(folder)):
        path = os.path.join(folder, entry)
        if os.path.isdir(path) and os.path.isfile(os.path.join(path, META)):
            try:
                found.append(read_info(path))
            except InputError:
                continue
    return sorted(found, key=lambda b: (b.taken, b.name))


def _as_utc(text: str) -> Optional[datetime.datetime]:
    """A time a user gives: ISO 8601 (``2025-03-01T10:15``, ``2025-03-01 10:15:02+01:00``, a date) or a backup's
    directory name (``20250301T101502Z``); without a zone it is UTC."""
    text = str(text).strip()
    stamp = re.match(r"^(\d{8}T\d{6}Z)(?:-\d+)?$", text)
    try:
        value = datetime.datetime.strptime(stamp.group(1), STAMP) if stamp else \
            datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return value.replace(tzinfo=datetime.timezone.utc) if value.tzinfo is None else value.astimezone(
        datetime.timezone.utc)


def find_backup(root: str, pair: str, backup: Optional[str] = None, before: Optional[str] = None) -> BackupInfo:
    """The backup a rollback of ``pair`` goes back to.

    ``backup``: a backup directory (a path holding meta.json), a directory name under ``root/<pair>``, or
    ``latest``. ``before``: a deploy's token, or its run id (the part before the chassis name: every pair of
    that run), meaning the backup that deploy took, so the configuration from just before it; or a time: the
    first backup taken at or after it, which holds what the pair ran at that time if every change since went
    through this collection. Raises InputError saying what was there.
    """
    if (backup is None) == (before is None):
        raise InputError("give a backup to roll back to, or before: a deploy's token or a time (one of them)")
    if backup is not None and os.path.isfile(os.path.join(str(backup), META)):
        return read_info(str(backup))
    known = list_backups(root, pair)
    where = os.path.join(root, pair_dir_name(pair))
    if not known:
        raise InputError("no backup of %s under %s" % (pair, where))
    listing = "; ".join("%s (%s)" % (b.name, b.token) for b in known[-5:])
    if backup is not None:
        if backup == "latest":
            return known[-1]
        for info in known:
            if info.name == backup:
                return info
        raise InputError("no backup %s of %s under %s (the newest: %s)" % (backup, pair, where, listing))
    matches = [b for b in known if before and (b.token == before or b.token.startswith(before + "-"))]
    if matches:
        return matches[-1]
    when = _as_utc(before)
    if when is None:
        raise InputError("before: %s is neither the token of a deploy with a backup of %s nor a time (the newest "
                         "backups: %s)" % (before, pair, listing))
    later = [b for b in known if (_as_utc(b.taken) or when) >= when]
    if not later:
        raise InputError("no backup of %s was taken at or after %s, so no deploy changed it since (the newest "
                         "backup: %s)" % (pair, when.isoformat(), known[-1].describe()))
    return later[0]


def load_backup(info: BackupInfo) -> dict:
    """Each chassis' SRD model from a backup's files (the SRD read, not the full configuration)."""
    configs: dict[str, ChassisConfig] = {}
    files = info.meta.get("files", {})
    for name in info.chassis:
        path = os.path.join(info.path, (files.get(name) or {}).get("srd") or "%s.xml" % name)
        try:
            with open(path, encoding="utf-8") as handle:
                parsed = parse_xml(handle.read(), path)
        except OSError as exc:
            raise InputError("the backup %s lacks %s: %s" % (info.path, name, exc)) from None
        configs[name] = parsed.config.only(*RESOURCES)
    return configs


def prune(root: str, pair: str, keep: int, protect=()) -> list:
    """Remove all but the newest ``keep`` backups of the pair (0 keeps them all), never one in ``protect``
    (the backup a rollback goes back to); the removed paths."""
    if keep <= 0:
        return []
    gone = []
    kept = {os.path.abspath(p) for p in protect}
    for info in list_backups(root, pair)[:-keep]:
        if info.path in kept:
            continue
        shutil.rmtree(info.path, ignore_errors=True)
        gone.append(info.path)
    return gone


class Backup(Extension):
    """Save both chassis before the push (see the module's docstring); ``written`` is the directory."""

    def __init__(self, root: str, job: str = "deploy", token: str = "", full: bool = False, keep: int = 0,
                 clock: Callable[[], datetime.datetime] = utc_now, extra: Optional[dict] = None, protect=()):
        self.root = os.path.abspath(root)
        self.job = job
        self.token = token
        self.full = full
        self.keep = keep
        self.clock = clock
        self.extra = dict(extra or {})
        self.protect = tuple(protect)
        self.written: Optional[str] = None

    def where(self, pair: str) -> str:
        return os.path.join(self.root, pair_dir_name(pair))

    def predict(self, deploy) -> tuple:
        if not any(plan.changing for plan in deploy.plans.values()):
            return False, []
        what = "SRD hierarchies and the whole configuration" if self.full else "SRD hierarchies"
        return False, ["backup: the %s would first save both chassis under %s/<UTC time>/ (%s)"
                       % (self.job, self.where(deploy.spec.name), what)]

    def _read(self, deploy, name: str) -> dict:
        link = deploy.links[name]
        element, parsed = read_again(link, lambda transport: read_config_xml(transport, name))
        history = read_again(link, lambda transport: transport.rpc("<get-commit-information/>"))
        out = {"srd": element, "parsed": parsed, "commit": _commit_entry(history)}
        if self.full:
            out["full"] = read_again(link, lambda transport: ConfigSession(transport, name).get_configuration(
                None, inherit=False))
        return out

    def before_push(self, deploy) -> list:
        names = list(deploy.names)
        reads = both(names, lambda name: self._read(deploy, name))
        failed = errors_of(reads)
        if failed:
            raise StepFailed("the backup could not be read (%s); nothing was changed" % "; ".join(
                "%s: %s" % (n, e) for n, e in sorted(failed.items())), "backup-failed")
        moved = [n for n in names if diff(reads[n]["parsed"].config, deploy.plans[n].before, RESOURCES)]
        if moved:
            raise StepFailed("%s changed between the deploy's read and its backup (someone committed meanwhile); "
                             "nothing was changed: run again" % ", ".join(moved), "changed-meanwhile")
        try:
            folder = self._write(deploy, names, reads)
        except OSError as exc:
            raise StepFailed("the backup could not be written under %s (%s); nothing was changed"
                             % (self.where(deploy.spec.name), exc), "backup-failed") from exc
        self.written = folder
        gone = prune(self.root, deploy.spec.name, self.keep, self.protect)
        what = "SRD hierarchies and the whole configuration" if self.full else "SRD hierarchies"
        lines = ["backup: both chassis saved in %s (%s, commit ids in meta.json)" % (folder, what)]
        if gone:
            lines.append("backup: %d older backup%s of %s removed (backup_keep %d)" % (
                len(gone), "" if len(gone) == 1 else "s", deploy.spec.name, self.keep))
        return lines

    def _write(self, deploy, names, reads) -> str:
        now = self.clock()
        base = os.path.join(self.where(deploy.spec.name), now.strftime(STAMP))
        folder, n = base, 1
        while os.path.exists(folder):
            n += 1
            folder = "%s-%d" % (base, n)
        os.makedirs(folder)
        files = {}
        for name in names:
            files[name] = {"srd": "%s.xml" % name}
            with open(os.path.join(folder, files[name]["srd"]), "w", encoding="utf-8") as handle:
                handle.write(_xml_text(reads[name]["srd"]))
            if self.full:
                files[name]["full"] = "%s.full.xml" % name
                with open(os.path.join(folder, files[name]["full"]), "w", encoding="utf-8") as handle:
                    handle.write(_xml_text(reads[name]["full"]))
        meta = {
            "schema": SCHEMA, "version": VERSION, "pair": deploy.spec.name, "chassis": names,
            "taken": now.isoformat(), "job": self.job, "token": self.token, "log": deploy.logs.base,
            "changing": [n for n in names if deploy.plans[n].changing],
            "read": {"srd": "get-configuration, committed, inherit (groups applied), SRD hierarchies (the deploy's "
                            "read filter)",
                     "full": "get-configuration, committed, groups as written" if self.full else None},
            "files": files,
            "commit": {name: reads[name]["commit"] for name in names},
            "configuration": {name: {k: v for k, v in reads[name]["srd"].attrib.items()
                                     if k.startswith("commit-")} for name in names},
        }
        meta.update(self.extra)
        with open(os.path.join(folder, META), "w", encoding="utf-8") as handle:
            json.dump(meta, handle, indent=2, sort_keys=True)
            handle.write("\n")
        return folder


def note_backup(outcome, backup: Optional[Backup]):
    """Name the backup in a pair's outcome; a failed pair's summary says where its backup is."""
    if backup is not None and backup.written:
        outcome.details["backup"] = backup.written
        if outcome.outcome == "failed":
            outcome.summary = "%s (backup of both chassis from before: %s)" % (outcome.summary, backup.written)
    return outcome
