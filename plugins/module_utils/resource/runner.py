# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The runner every SRD resource module (and action plugin) shares.

Order of work, so that bad input never reaches the device and a no-op never locks it:

1. read the options and the input into the domain model and validate it **offline**; any violation
   fails here, before the connection is used at all;
2. ``rendered``/``parsed`` stop here (no device);
3. one filtered ``<get-configuration>`` of the committed configuration (``have``);
   ``gathered`` stops here;
4. compute ``want`` for the state, validate what the change would introduce, diff the two models;
   no difference, or check mode: stop here (no lock, candidate untouched). A change through
   ``redundancy_config`` reads every SRD resource (still one RPC), so the rules about references
   between resources are checked, in every state, against the configuration as it will be;
5. one transaction: lock, load (one payload), commit check, compare, commit, unlock.

The runner does not depend on AnsibleModule: it takes a plain params dict and a function that opens
the transport, and returns the result dict or raises :class:`RunFailed`.
"""
from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import scope
from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import (
    CONFIG_MODES, EXCLUSIVE, PRIVATE, ConfigSession, Transaction, TransactionFailed,
)
from ansible_collections.mxha.srd.plugins.module_utils.resource.payload import align_secrets, build_payload, masked, to_xml_text
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax
from ansible_collections.mxha.srd.plugins.module_utils.srd.diff import diff as model_diff
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, SrdError, Violation
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCE_FIELDS, RESOURCES, ChassisConfig, IccpPeer
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.rules import RULES
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import (
    COLLECTIONS, KEY_FIELDS, SPECS, Issues, chassis_from_dict, chassis_to_dict,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_chassis, vrrp_groups_to_create
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config, parse_element
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml
from ansible_collections.mxha.srd.plugins.module_utils.resource.states import compute_want, fields_of
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import NetconfError, Transport

STATES = ("merged", "replaced", "overridden", "deleted", "gathered", "rendered", "parsed")
CHANGING = ("merged", "replaced", "overridden", "deleted")
OFFLINE = ("rendered", "parsed")
COLLECTION = "mxha.srd"

# Rules whose verdict depends on resources a per-resource task does not read (checked only when the
# task covers every SRD resource, i.e. mxha.srd.redundancy_config).
CROSS_RESOURCE_RULES = frozenset({"EVENT-UNUSED", "POLICY-UNUSED", "SIGNAL-ROUTE-UNUSED", "ROUTING-INSTANCE-UNUSED"})
# Rules an entry given to ``merged`` may break on its own but not once merged with the device's entry.
COMPLETENESS_RULES = frozenset({"SET-ONE-GROUP", "POLICY-NEEDS-EVENTS", "POLICY-NEEDS-THEN", "POLICY-THEN-ROUTE",
                                "ICCP-LOCAL-ADDRESS", "SET-NO-POLICIES", "EMPTY-ENTRY"})


@dataclass(frozen=True)
class ModuleShape:
    """How a module's ``config`` maps onto the per-chassis dict of the domain."""

    name: str
    resources: tuple[str, ...]
    list_field: Optional[str] = None  # config is a list of this field's entries (else a dict of fields)

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(f for r in self.resources for f in RESOURCE_FIELDS[r])

    def to_chassis(self, config) -> dict:
        if config is None:
            return {}
        if self.list_field:
            return {self.list_field: config}
        return {k: v for k, v in dict(config).items() if v is not None}

    def from_chassis(self, data: dict):
        if self.list_field:
            return data.get(self.list_field, [])
        return {name: data.get(name) for name in self.fields}


MODULES: dict[str, ModuleShape] = {
    "redundancy_events": ModuleShape("redundancy_events", ("redundancy_events",), "redundancy_events"),
    "redundancy_policies": ModuleShape("redundancy_policies", ("redundancy_policies",), "redundancy_policies"),
    "redundancy_sets": ModuleShape("redundancy_sets", ("redundancy_sets",)),
    "redundancy_groups": ModuleShape("redundancy_groups", ("redundancy_groups",)),
    "route_tracking": ModuleShape("route_tracking", ("route_tracking",)),
    "redundancy_config": ModuleShape("redundancy_config", RESOURCES),
}


class RunFailed(Exception):
    """The task fails; ``details`` go into the result next to ``msg``."""

    def __init__(self, msg: str, **details):
        super().__init__(msg)
        self.details = details


@dataclass
class Request:
    """Everything a run needs, already type-checked (AnsibleModule or an action plugin did that)."""

    module: str
    state: str = "merged"
    config: object = None
    running_config: Optional[str] = None
    config_mode: str = EXCLUSIVE
    confirm_timeout: Optional[int] = None
    confirm: bool = False
    comment: Optional[str] = None
    check_mode: bool = False
    diff_mode: bool = False
    host: str = "the device"
    warnings: list = field(default_factory=list)

    @classmethod
    def from_params(cls, module: str, params: dict, check_mode: bool = False, diff_mode: bool = False,
                    host: str = "the device") -> "Request":
        return cls(module=module, state=params.get("state") or "merged", config=params.get("config"),
                   running_config=params.get("running_config"), config_mode=params.get("config_mode") or EXCLUSIVE,
                   confirm_timeout=params.get("confirm_timeout"), confirm=bool(params.get("confirm")),
                   comment=params.get("comment"), check_mode=check_mode, diff_mode=diff_mode, host=host)


# ---------------------------------------------------------------------------------------------- masking

_KEY_TEXT = re.compile(r'(authentication-key\s+)("(?:[^"\\]|\\.)*"|[^\s;]+)')


def mask_text(text: str) -> str:
    """Hide ICCP keys in set lines and compare text (Junos shows them as reversible ``$9$`` strings)."""
    return _KEY_TEXT.sub(lambda m: m.group(1) + MASK, text or "")


# ---------------------------------------------------------------------------------------------- input


def _violation_lines(violations: list[Violation]) -> list[str]:
    return [str(v) for v in violations]


def _fail_violations(what: str, violations: list[Violation], **details) -> None:
    errors = [v for v in violations if v.is_error]
    if errors:
        raise RunFailed("%s: %d violation%s, nothing was sent to the device:\n%s" % (
            what, len(errors), "" if len(errors) == 1 else "s", "\n".join(_violation_lines(errors))),
            violations=[v.to_dict() for v in violations], **details)


def read_keys(shape: ModuleShape, config) -> dict:
    """For ``deleted``: the Junos keys of the listed entries (other fields are ignored)."""
    data = shape.to_chassis(config)
    issues = Issues()
    keys: dict = {}
    for name in shape.fields:
        value = data.get(name)
        if value is None:
            continue
        if name == "iccp":
            peers = value.get("peers") if isinstance(value, dict) else None
            keys["iccp"] = None if not peers else [
                _entry_key(IccpPeer, peer, "iccp.peers[%d]" % index, issues) for index, peer in enumerate(peers)]
            continue
        cls = COLLECTIONS[name][0]
        if not isinstance(value, list):
            issues.add(name, "INPUT-TYPE", "expected a list of entries to delete.")
            continue
        keys[name] = [_entry_key(cls, entry, "%s[%d]" % (name, i), issues) for i, entry in enumerate(value)]
    _fail_violations("Invalid input for state deleted", issues.items)
    return keys


def _entry_key(cls, entry, path: str, issues: Issues):
    if not isinstance(entry, dict):
        issues.add(path, "INPUT-TYPE", "expected a mapping naming the entry to delete.")
        return None
    specs = {spec.name: spec for spec in SPECS[cls]}
    parts = []
    for name in KEY_FIELDS[cls]:
        if entry.get(name) is None:
            issues.add("%s.%s" % (path, name), "INPUT-REQUIRED", "%s is required to name the entry to delete." % name)
            return None
        parts.append(specs[name].read(entry[name], "%s.%s" % (path, name), issues))
    return parts[0] if len(parts) == 1 else tuple(parts)


def read_given(shape: ModuleShape, config, state: str, all_resources: bool) -> tuple[ChassisConfig, list[Violation]]:
    """The input as a model, validated offline as far as the input alone allows."""
    model, issues = chassis_from_dict(shape.to_chassis(config))
    # Entries with unreadable fields are still validated (every violation at once), but only for the
    # value checks of their other fields: rules about the whole entry would only echo the input error.
    tainted = {_entry_of(issue.path) for issue in issues}
    keep = list(issues)
    for violation in validate_chassis(model):
        rule = RULES.get(violation.rule)
        category = rule.category if rule else ""
        if _entry_of(violation.path) in tainted and category != "value":
            continue
        if not all_resources and (category == "reference" or violation.rule in CROSS_RESOURCE_RULES):
            continue
        if state in ("merged", "replaced") and (category == "reference" or violation.rule in CROSS_RESOURCE_RULES):
            continue  # completed by what the device already has: checked after the read
        if state == "merged" and violation.rule in COMPLETENESS_RULES:
            continue
        keep.append(violation)
    _fail_violations("Invalid input", keep)
    return model, [v for v in keep if not v.is_error]


def _entry_of(path: str) -> str:
    """``redundancy_policies[name=P1].action`` -> ``redundancy_policies[name=P1]``."""
    end = path.find("]")
    return path[: end + 1] if end >= 0 else path.split(".", 1)[0]


def involved_resources(shape: ModuleShape, state: str, config) -> tuple[str, ...]:
    """The resources a run reads and may change (narrower for redundancy_config merged/replaced/deleted)."""
    if shape.name != "redundancy_config" or state in ("overridden", "gathered") or not config:
        return shape.resources
    given = {k for k, v in dict(config).items() if v is not None}
    picked = tuple(r for r in shape.resources if given & set(RESOURCE_FIELDS[r]))
    return picked or shape.resources


def read_resources(shape: ModuleShape, state: str, resources: tuple[str, ...]) -> tuple[str, ...]:
    """The resources the one read fetches: a change through a module that covers every resource reads every
    resource, whatever part of it the input names, so references into the rest can be checked (the read
    costs one RPC either way); other modules and states read what they manage."""
    if set(shape.resources) == set(RESOURCES) and state in CHANGING:
        return shape.resources
    return resources


def after_change(device: ChassisConfig, want: ChassisConfig, resources) -> ChassisConfig:
    """The whole configuration read (``device``) once ``want`` replaces its ``resources``."""
    return device.replace(**{name: getattr(want, name) for name in fields_of(resources)})


def check_options(req: Request) -> None:
    """Option combinations that cannot work, refused before anything else (sentence-long errors)."""
    if req.state not in STATES:
        raise RunFailed("state must be one of %s, not %s." % (", ".join(STATES), req.state))
    if req.config_mode not in CONFIG_MODES:
        raise RunFailed("config_mode must be one of %s." % ", ".join(CONFIG_MODES))
    if req.state in ("merged", "replaced", "overridden", "rendered") and not req.config and not req.confirm:
        raise RunFailed("state %s needs config: the SRD statements to %s." % (
            req.state, {"rendered": "render"}.get(req.state, "apply")))
    if req.state == "parsed" and not req.running_config:
        raise RunFailed("state parsed needs running_config: the Junos configuration text, set lines or XML to parse.")
    if req.state in ("gathered", "rendered", "parsed") and (req.confirm_timeout or req.confirm):
        raise RunFailed("confirm_timeout and confirm only apply to states that change the device, not %s." % req.state)
    if req.confirm_timeout and req.config_mode == PRIVATE:
        raise RunFailed("confirm_timeout (commit confirmed) is not possible with config_mode: private; Junos "
                        "refuses commit confirmed in a private candidate. Use config_mode: exclusive.")
    if req.confirm and req.config:
        raise RunFailed("confirm: true only confirms a pending commit confirmed; give it without config "
                        "(push the change first with confirm_timeout, then confirm in a later task).")
    if req.confirm and req.confirm_timeout:
        raise RunFailed("confirm and confirm_timeout exclude each other: the first confirms a pending "
                        "commit confirmed, the second starts one.")
    if req.confirm_timeout is not None and not 1 <= req.confirm_timeout <= 65535:
        raise RunFailed("confirm_timeout is in minutes, 1-65535 (Junos commit confirmed).")


# ---------------------------------------------------------------------------------------------- output


def commands_of(payload: Optional[ET.Element]) -> dict:
    if payload is None:
        return {"xml": "", "set": []}
    shown = masked(payload)
    return {"xml": to_xml_text(shown), "set": [mask_text(line) for line in junos_syntax.to_set(shown)]}


def _plain(shape: ModuleShape, config: ChassisConfig, resources) -> object:
    data = chassis_to_dict(config.only(*resources))
    return shape.from_chassis(data)


def model_compare(have: ChassisConfig, want: ChassisConfig) -> str:
    """The compare text check mode shows, from the models (keys aligned, then masked)."""
    return mask_text(junos_syntax.compare_text(render_xml(have), render_xml(align_secrets(have, want))))


def _structured(changes) -> dict:
    before = {c.path: c.before for c in changes.changes if c.kind != "added"}
    after = {c.path: c.after for c in changes.changes if c.kind != "removed"}
    return {"before": before, "after": after}


# ---------------------------------------------------------------------------------------------- the run


class Runner:
    """One task on one chassis."""

    def __init__(self, req: Request, connect: Callable[[], Transport], clock=time.monotonic):
        self.req = req
        self.shape = MODULES[req.module]
        self._connect = connect
        self._transport: Optional[Transport] = None
        self._clock = clock
        self.result: dict = {"changed": False}

    # -- device access, lazily: offline states and invalid input never open it -----------------------

    @property
    def transport(self) -> Transport:
        if self._transport is None:
            self._transport = self._connect()
        return self._transport

    def stats(self) -> dict:
        if self._transport is None:
            return {"rpcs": 0, "seconds": 0.0, "locks": 0, "commits": 0, "commit_checks": 0, "by_rpc": {}, "sent": []}
        return self._transport.stats.as_dict()

    # -- entry point -----------------------------------------------------------------------------

    def run(self) -> dict:
        started = self._clock()
        try:
            self._run()
        except RunFailed as exc:
            exc.details.setdefault("rpc_stats", self._stats(started))
            raise
        except NetconfError as exc:
            raise RunFailed("%s: %s" % (self.req.host, exc), rpc_stats=self._stats(started),
                            rpc_errors=[e.as_dict() for e in getattr(exc, "errors", [])]) from exc
        except SrdError as exc:  # a reply the domain could not read
            raise RunFailed("%s: the configuration read from the device could not be understood: %s"
                            % (self.req.host, exc), rpc_stats=self._stats(started)) from exc
        self.result["rpc_stats"] = self._stats(started)
        if self._transport is not None and self._transport.warnings:
            self.result["device_warnings"] = [w.as_dict() for w in self._transport.warnings]
        return self.result

    def _stats(self, started: float) -> dict:
        stats = self.stats()
        stats["wall_seconds"] = round(self._clock() - started, 4)
        return stats

    def _run(self) -> None:
        req, shape = self.req, self.shape
        check_options(req)
        if req.confirm:
            return self._confirm()
        if req.state == "parsed":
            return self._parsed()
        resources = involved_resources(shape, req.state, req.config)
        read = read_resources(shape, req.state, resources)
        all_resources = set(read) == set(RESOURCES)
        given = keys = None
        offline_warnings: list[Violation] = []
        if req.state == "deleted":
            # Only an omitted config deletes everything; an empty one (say, an empty variable) deletes nothing.
            keys = read_keys(shape, req.config) if req.config is not None else None
        elif req.state != "gathered":
            given, offline_warnings = read_given(shape, req.config, req.state, all_resources)
        if req.state == "rendered":
            self.result["rendered"] = commands_of(render_xml(given))
            self._warn(offline_warnings)
            return None
        session = ConfigSession(self.transport, req.host)
        reply = session.get_configuration(scope.read_filter(read))
        parsed = parse_element(reply)
        device = parsed.config.only(*read)
        have = device.only(*resources)
        if req.state == "gathered":
            self.result["gathered"] = _plain(shape, have, resources)
            self._note_unmodelled(parsed)
            return None
        want = self._want(have, given if given is not None else keys, resources)
        self._validate_change(device, after_change(device, want, resources), all_resources, offline_warnings)
        created = vrrp_groups_to_create(have, want, parsed.vrrp_groups_present)
        if created:
            raise RunFailed("The change would create %d VRRP group%s without a virtual address on %s; nothing was "
                            "changed:\n%s" % (len(created), "" if len(created) == 1 else "s", self.req.host,
                                              "\n".join(_violation_lines(created))),
                            violations=[v.to_dict() for v in created])
        changes = model_diff(have, want, resources)
        payload = build_payload(have, want) if changes else None
        self.result.update(before=_plain(shape, have, resources), commands=commands_of(payload),
                           changes=changes.to_list())
        if payload is None:
            self.result["after"] = self.result["before"]
            return None
        self.result["after"] = _plain(shape, want, resources)
        if req.check_mode:
            self.result["changed"] = True
            self._set_diff(model_compare(have, want), changes)
            return None
        self._apply(session, payload, resources, have, want, changes)
        return None

    def _want(self, have: ChassisConfig, given, resources) -> ChassisConfig:
        return compute_want(self.req.state, have, given, resources)

    def _validate_change(self, before_config, after_config, all_resources, offline_warnings) -> None:
        """Violations the change would introduce (e.g. deleting an event a policy still lists), found by
        validating the configuration read and the same configuration after the change."""
        before = {(v.path, v.rule) for v in validate_chassis(before_config)}
        new = []
        for violation in validate_chassis(after_config):
            rule = RULES.get(violation.rule)
            if (violation.path, violation.rule) in before:
                continue
            if not all_resources and (violation.rule in CROSS_RESOURCE_RULES or (rule and rule.category == "reference")):
                continue
            new.append(violation)
        errors = [v for v in new if v.is_error]
        if errors:
            raise RunFailed("The change would leave %s with %d SRD rule violation%s; nothing was changed:\n%s" % (
                self.req.host, len(errors), "" if len(errors) == 1 else "s", "\n".join(_violation_lines(errors))),
                violations=[v.to_dict() for v in new])
        seen = {(v.path, v.rule) for v in offline_warnings}
        self._warn(offline_warnings + [v for v in new if (v.path, v.rule) not in seen])

    def _warn(self, violations) -> None:
        for violation in violations:
            self.req.warnings.append(str(violation))

    def _note_unmodelled(self, parsed) -> None:
        if parsed.unmodelled:
            self.result["unmodelled"] = list(parsed.unmodelled)

    def _set_diff(self, prepared: str, changes) -> None:
        self.result["diff"] = dict(prepared=prepared, **_structured(changes))

    def _log(self) -> str:
        return self.req.comment or "%s.%s" % (COLLECTION, self.req.module)

    def _apply(self, session: ConfigSession, payload, resources, have, want, changes) -> None:
        req = self.req
        tx = Transaction(session, resources, req.config_mode)
        try:
            with tx:
                tx.load(payload)
                tx.check()
                device_compare = tx.compare()
                if not device_compare.strip():
                    # The model saw a difference the device does not: commit nothing.
                    tx.session.discard()
                    tx.steps.append("discard-changes")
                    self.req.warnings.append(
                        "The device reports no difference after loading the change (%s); nothing was committed. "
                        "A value is probably stored in another form on the device." % ", ".join(
                            c.path for c in changes.changes[:5]))
                else:
                    tx.commit(self._log(), req.confirm_timeout)
        except TransactionFailed as exc:
            raise RunFailed(str(exc), failed_step=exc.step, reason=exc.reason,
                            rpc_errors=[e.as_dict() for e in exc.errors], cleanup=exc.cleanup,
                            transaction=tx.steps, commands=self.result.get("commands")) from exc
        self.result["transaction"] = tx.steps
        if tx.committed:
            self.result["changed"] = True
            if req.confirm_timeout:
                self.result["commit_confirmed"] = {"timeout_minutes": req.confirm_timeout, "pending": True}
            self._set_diff(mask_text(device_compare), changes)
        else:
            self.result["after"] = self.result["before"]

    def _confirm(self) -> None:
        """Confirm a pending commit confirmed: read the commit history, lock, plain commit, unlock (4 RPCs).

        Refuse when nothing awaits confirmation: after the automatic rollback, a plain commit would
        commit the rolled-back configuration and report success for a change that is gone.
        """
        req = self.req
        session = ConfigSession(self.transport, req.host)
        newest = session.newest_commit()
        if newest is None or not newest.awaits_confirmation:
            raise RunFailed(
                "confirm: true found no commit confirmed waiting on %s: the newest commit is %s. Either it "
                "was confirmed already, or Junos rolled the change back because the confirm-timeout ran out "
                "(or the session that made it ended). Nothing was committed; push the change again with "
                "confirm_timeout, check it, then confirm." % (
                    req.host, newest.describe() if newest else "missing (empty commit history)"),
                reason="no-pending-commit-confirmed", newest_commit=newest.as_dict() if newest else None,
                transaction=["get-commit-information"])
        if req.check_mode:
            self.result.update(changed=True, commit_confirmed={"pending": True, "commit": newest.as_dict()})
            return
        tx = Transaction(session, self.shape.resources, req.config_mode)
        try:
            with tx:
                tx.commit(self._log() + " (confirm)")
        except TransactionFailed as exc:
            raise RunFailed(str(exc), failed_step=exc.step, reason=exc.reason,
                            rpc_errors=[e.as_dict() for e in exc.errors], cleanup=exc.cleanup,
                            transaction=tx.steps) from exc
        self.result.update(changed=True, transaction=tx.steps, commit_confirmed={"pending": False})

    def _parsed(self) -> None:
        try:
            parsed = parse_config(self.req.running_config)
        except InputError as exc:
            raise RunFailed("running_config could not be parsed: %s" % exc) from exc
        _fail_violations("running_config holds values the model cannot take", parsed.violations)
        self.result["parsed"] = _plain(self.shape, parsed.config, self.shape.resources)
        self._note_unmodelled(parsed)


def run(req: Request, connect: Callable[[], Transport]) -> dict:
    """Run one task; returns the result (``warnings`` collected in ``req.warnings``)."""
    return Runner(req, connect).run()


# Option rules AnsibleModule (module) and ArgumentSpecValidator (action plugin) both apply.
ARGSPEC_RULES = {
    "required_if": [("state", "parsed", ("running_config",))],
    "mutually_exclusive": [("confirm", "confirm_timeout"), ("config", "running_config")],
}


def run_module(module, name: str) -> None:
    """main() of every resource module: AnsibleModule in, exit_json/fail_json out."""
    from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import connection_sender

    def connect() -> Transport:
        socket_path = getattr(module, "_socket_path", None)
        if not socket_path:
            raise RunFailed("mxha.srd.%s needs the persistent NETCONF connection for state %s: set "
                            "ansible_connection=ansible.netcommon.netconf (rendered and parsed work without a device)."
                            % (name, module.params.get("state")))
        return Transport(connection_sender(socket_path))

    req = Request.from_params(name, module.params, check_mode=module.check_mode, diff_mode=module._diff)
    try:
        result = run(req, connect)
    except RunFailed as exc:
        for warning in req.warnings:
            module.warn(warning)
        module.fail_json(msg=str(exc), **exc.details)
    for warning in req.warnings:
        module.warn(warning)
    module.exit_json(**result)
