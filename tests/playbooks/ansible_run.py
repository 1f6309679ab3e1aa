"""The environment every test's ansible-playbook subprocess runs in: the repository's ansible.cfg, its
own persistent-connection and temp directories, and optionally the test-only ``jsonl_results``
callback (tests/playbooks/callback_plugins) writing each task's result to ``results``."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parents[2]
CALLBACKS = Path(__file__).resolve().parent / "callback_plugins"


def ansible_env(tmp_path: Path, results: Optional[Path] = None, **extra: str) -> dict:
    env = dict(os.environ)
    env.update(
        ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"),
        ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(tmp_path / "pc"),
        ANSIBLE_LOCAL_TEMP=str(tmp_path / "tmp"),
        ANSIBLE_NOCOLOR="1",
        ANSIBLE_LOCALHOST_WARNING="0",
        NCCLIENT_TICK=os.environ.get("NCCLIENT_TICK", "0.005"),
    )
    if results is not None:
        env.update(ANSIBLE_CALLBACK_PLUGINS=str(CALLBACKS), ANSIBLE_CALLBACKS_ENABLED="jsonl_results",
                   MXHA_RESULTS=str(results))
    env.update(extra)
    return env
