# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Test-only callback: every task result as one JSON line (host, task, status, result) in
$MXHA_RESULTS, so the module tests assert on structured results instead of screen output."""

from __future__ import annotations

DOCUMENTATION = """
name: jsonl_results
type: aggregate
short_description: write every task result as a JSON line (tests only)
description: Writes one JSON object per task result to the file named by MXHA_RESULTS.
requirements: [enable in callbacks_enabled]
"""

import json
import os

from ansible.plugins.callback import CallbackBase


class CallbackModule(CallbackBase):
    CALLBACK_VERSION = 2.0
    CALLBACK_TYPE = "aggregate"
    CALLBACK_NAME = "jsonl_results"
    CALLBACK_NEEDS_ENABLED = True

    def _write(self, result, status: str) -> None:
        path = os.environ.get("MXHA_RESULTS")
        if not path:
            return
        data = self._convert(result._result)
        play = result._task.get_play()
        line = {
            "host": result._host.get_name(),
            "play": play.get_name() if play else "",
            "task": result._task.get_name(),
            "status": status,
            "result": data,
        }
        with open(path, "a", encoding="utf-8") as fh:
            fh.write(json.dumps(line, default=str) + "\n")

    @staticmethod
    def _convert(value):
        return json.loads(json.dumps(value, default=str))

    def v2_runner_on_ok(self, result):
        self._write(result, "ok")

    def v2_runner_on_failed(self, result, ignore_errors=False):
        self._write(result, "failed")

    def v2_runner_on_skipped(self, result):
        self._write(result, "skipped")

    def v2_runner_on_unreachable(self, result):
        self._write(result, "unreachable")
