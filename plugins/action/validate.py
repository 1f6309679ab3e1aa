# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.validate: offline SRD validation on the controller.

Runs entirely on the controller and never contacts a device, so it works in
check mode exactly as in normal mode and never reports a change.
"""

from __future__ import annotations

import os

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_text
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError, SrdError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.report import from_configs, from_intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy

FORMATS = ["auto", "xml", "set", "text"]

ARGUMENT_SPEC = {
    "intent": {"type": "raw"},
    "intent_file": {"type": "path"},
    "config": {"type": "str"},
    "config_file": {"type": "path"},
    "pair": {"type": "dict"},
    "hostname": {"type": "str", "default": "chassis"},
    "format": {"type": "str", "default": "auto", "choices": FORMATS},
}
SOURCES = ["intent", "intent_file", "config", "config_file", "pair"]


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        result["changed"] = False
        try:
            _validation, args = self.validate_argument_spec(
                argument_spec=ARGUMENT_SPEC, mutually_exclusive=[SOURCES], required_one_of=[SOURCES])
        except AnsibleError as exc:
            result.update(failed=True, msg=to_text(exc))
            return result
        try:
            report = self._report(args)
        except SrdError as exc:
            result.update(failed=True, msg=to_text(exc))
            return result
        result.update(report.to_result())
        warnings = ["%s: %s" % (v["rule"], (", ".join(v.get("chassis", [])) + ": " if v.get("chassis") else "")
                                + v["path"] + ": " + v["message"]) for v in result["findings"]]
        for name, items in report.unmodelled.items():
            if items:
                warnings.append("%s: %d SRD statement(s) not modelled (kept as they are): %s"
                                % (name, len(items), ", ".join(items[:10]) + (" ..." if len(items) > 10 else "")))
        if warnings:
            result["warnings"] = warnings
        result["msg"] = report.summary()
        if not report.ok:
            result["failed"] = True
        return result

    # -- inputs ---------------------------------------------------------------------

    def _file(self, path: str, what: str) -> str:
        """A file next to the playbook/role (``files/`` too), else relative to the working directory."""
        found = None
        try:
            found = self._find_needle("files", path)
        except AnsibleError:
            if os.path.exists(path):
                found = path
        if found is None or not os.path.isfile(found):
            raise InputError("%s %s not found" % (what, path))
        return os.path.abspath(found)  # later reads must not depend on the playbook's directory

    def _read_text(self, path: str, what: str) -> str:
        found = self._file(path, what)
        try:
            with open(found, "rb") as handle:
                return to_text(handle.read(), errors="surrogate_or_strict")
        except (OSError, UnicodeError) as exc:
            raise InputError("cannot read %s %s: %s" % (what, path, exc)) from None

    def _report(self, args):
        if args.get("intent") is not None or args.get("intent_file"):
            if args.get("intent_file"):
                found = self._file(args["intent_file"], "intent file")
                try:
                    data = self._loader.load_from_file(found)
                except AnsibleError as exc:
                    message = " ".join(line.strip() for line in to_text(exc).strip().splitlines()[:6])
                    raise InputError("the pair intent is not valid YAML: %s" % message,
                                     args["intent_file"]) from None
            else:
                data = args["intent"]
                if isinstance(data, str):
                    try:
                        data = self._loader.load(data)
                    except AnsibleError as exc:
                        raise InputError("the pair intent is not valid YAML: %s"
                                         % " ".join(to_text(exc).strip().splitlines()[:6])) from None
            if data is None:
                raise InputError("the pair intent is empty")
            return from_intent(plain_copy(data, path="intent_file %s" % args["intent_file"]
                                          if args.get("intent_file") else "intent"))
        fmt = args.get("format") or "auto"
        if args.get("pair"):
            texts = {}
            for hostname, value in args["pair"].items():
                if isinstance(value, dict):
                    unknown = set(value) - {"config", "config_file", "format"}
                    if unknown:
                        raise InputError("pair.%s: unknown key(s) %s; use config, config_file, format"
                                         % (hostname, ", ".join(sorted(unknown))))
                    text = value.get("config")
                    if value.get("config_file"):
                        text = self._read_text(value["config_file"], "configuration file")
                    texts[str(hostname)] = (plain_copy(text, path="pair.%s.config" % hostname),
                                            value.get("format") or fmt)
                else:
                    texts[str(hostname)] = (plain_copy(value, path="pair.%s" % hostname), fmt)
            if len(texts) != 2:
                raise InputError("pair must map exactly two hostnames to their configurations (%d given)"
                                 % len(texts))
            return from_configs(texts)
        text = args.get("config")
        if args.get("config_file"):
            text = self._read_text(args["config_file"], "configuration file")
        return from_configs({args["hostname"]: (plain_copy(text, path="config"), fmt)})
