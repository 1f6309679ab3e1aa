# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Action plugin for mxha.srd.merge_reports: merge the fleet reports of job slices, on the controller."""
from __future__ import annotations

import glob
import json
import os

from ansible.errors import AnsibleError
from ansible.module_utils.common.text.converters import to_bytes, to_text
from ansible.plugins.action import ActionBase

from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import merge

ARGUMENT_SPEC = {
    "reports": {"type": "list", "elements": "str", "required": True},
    "out_dir": {"type": "path"},
    "name": {"type": "str"},
    "fail_on_drift": {"type": "bool", "default": False},
}


class ActionModule(ActionBase):
    TRANSFERS_FILES = False
    _requires_connection = False
    _supports_check_mode = True
    _supports_async = False

    def run(self, tmp=None, task_vars=None):
        result = super().run(tmp, task_vars)
        result["changed"] = False
        try:
            _validation, args = self.validate_argument_spec(argument_spec=ARGUMENT_SPEC)
            files = sorted({path for pattern in args["reports"]
                            for path in glob.glob(os.path.expanduser(pattern), recursive=True)})
            if not files:
                raise ValueError("no report file matches %s" % ", ".join(args["reports"]))
            loaded = []
            for path in files:
                try:
                    with open(to_bytes(path), "rb") as handle:
                        loaded.append(json.loads(handle.read().decode("utf-8")))
                except (OSError, ValueError) as exc:
                    raise ValueError("%s cannot be read as JSON: %s" % (path, exc)) from None
            merged = merge(loaded)
        except (AnsibleError, ValueError, KeyError, TypeError) as exc:
            return dict(result, failed=True, msg="mxha.srd.merge_reports: %s" % to_text(exc))
        written = {}
        if args.get("out_dir") and not self._task.check_mode:
            folder = os.path.abspath(os.path.expanduser(args["out_dir"]))
            os.makedirs(folder, exist_ok=True)
            base = os.path.join(folder, args.get("name") or merged.job)
            texts = {"json": (".json", json.dumps(merged.to_dict(), indent=2, sort_keys=True) + "\n"),
                     "junit": (".junit.xml", merged.junit()), "text": (".txt", "\n".join(merged.table()) + "\n")}
            for kind, (suffix, text) in texts.items():
                with open(to_bytes(base + suffix), "wb") as handle:
                    handle.write(to_bytes(text))
                written[kind] = base + suffix
        fail_on_drift = args["fail_on_drift"]
        result.update(report=merged.to_dict(), table=merged.table(), msg=merged.summary(), merged=files, files=written,
                      ok=not merged.failed(fail_on_drift))
        return result
