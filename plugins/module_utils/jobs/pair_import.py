# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Import a running pair as a pair intent: read both chassis (live, one read each, no lock; or two backup
files), hand them to the domain (``srd.adopt``), and say what came of it as one pair's outcome.

Why a job of its own: the live read is the deploy's own read (``pair_reads.read_config_xml``: one filtered
``get-configuration`` of the committed configuration, groups applied), so what the import turns into an
intent is exactly what a deploy compares the intent with; and the outcome goes into the fleet report
like every other job's.
"""
from __future__ import annotations

import datetime
import os
from typing import Mapping, Optional

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import CHANGED, DRIFT, FAILED, OK, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.jobs.pair_reads import both, errors_of, read_again, read_config_xml
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import source as adopt_source
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt.build import Adoption
from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt.render import verdict
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import detect_format


def _stamp() -> str:
    return datetime.datetime.now(datetime.timezone.utc).replace(microsecond=0).isoformat().replace("+00:00", "Z")


def live_origin(link: ChassisLink, element, stamp: str) -> str:
    """Where a live read came from, with the commit the configuration carries when the chassis says so
    (Junos puts ``junos:commit-localtime`` and ``junos:commit-user`` on a committed configuration)."""
    params = link.params
    text = "read over NETCONF from %s:%s at %s (committed configuration, groups applied)" % (
        params.host, params.port, stamp)
    when, who = element.get("commit-localtime"), element.get("commit-user")
    if when:
        text += ", last committed %s%s" % (when, " by %s" % who if who else "")
    return text


def read_live(names, links: Mapping[str, ChassisLink]) -> dict:
    """Both chassis, concurrently: one ``get-configuration`` each, no lock. Raises when either was not read."""
    stamp = _stamp()

    def one(name: str):
        element, _parsed = read_again(links[name], lambda transport: read_config_xml(transport, name))
        return adopt_source.read_element(name, element, live_origin(links[name], element, stamp))

    results = both(names, one)
    failed = errors_of(results)
    if failed:
        raise InputError("could not read %s" % "; ".join("%s (%s)" % (n, e) for n, e in sorted(failed.items())))
    return results


def read_files(files: Mapping[str, tuple]) -> dict:
    """Both chassis from backups: ``{chassis: (path, format)}`` (XML, set or curly-brace text)."""
    out = {}
    for name, (path, fmt) in files.items():
        try:
            with open(path, encoding="utf-8") as handle:
                text = handle.read()
        except (OSError, UnicodeError) as exc:
            raise InputError("cannot read the configuration of %s from %s: %s" % (name, path, exc)) from None
        if fmt == "auto":
            fmt = detect_format(text.lstrip("\ufeff"))
        out[name] = adopt_source.read_text(name, text, fmt, "file %s (%s)" % (os.path.abspath(path), fmt))
    return out


def outcome(adoption: Adoption, dest: Optional[str], state: str) -> PairOutcome:
    """The pair's outcome: ``state`` is ``written``, ``unchanged`` (the file already held this intent),
    ``check`` (check mode: not written) or ``shown`` (no dest)."""
    said = {"written": "written to %s" % dest, "unchanged": "%s already holds this intent (not rewritten)" % dest,
            "check": "would be written to %s (check mode)" % dest, "shown": "returned (no dest given)"}[state]
    lines = ["intent: %s" % said, verdict(adoption)]
    lines += ["%s: %s" % ("note" if f.severity == "info" else f.severity, f) for f in adoption.findings]
    for name, statements in adoption.unmodelled().items():
        lines += ["unmodelled on %s: %s" % (name, line) for line in statements]
    for name, statements in adoption.inactive().items():
        lines += ["inactive on %s: %s" % (name, line) for line in statements]
    errors = adoption.errors()
    if errors:
        result = DRIFT
        why = "this intent does NOT reproduce the pair" if not adoption.reproduces else \
            "the collection would refuse this intent"
        summary = "imported (%s), but %d finding%s: %s" % (said, len(errors), "" if len(errors) == 1 else "s", why)
    else:
        result = OK if state == "unchanged" else CHANGED
        summary = "imported (%s): deploying it to the same pair changes nothing" % said
    details = {"intent_file": dest, "exact": adoption.exact, "reproduces": adoption.reproduces,
               "changes": adoption.changes, "findings": [f.to_dict() for f in adoption.findings],
               "unmodelled": adoption.unmodelled(), "inactive": adoption.inactive()}
    return PairOutcome(adoption.name, adoption.chassis, result, summary,
                       findings=[str(f) for f in errors], lines=lines, details=details)


def failed(name: str, chassis, message: str) -> PairOutcome:
    return PairOutcome(name, tuple(chassis), FAILED, message, findings=[message])
