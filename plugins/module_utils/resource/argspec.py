# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Build a module's ``argument_spec`` from its DOCUMENTATION, so the two cannot drift apart.

Only what ``AnsibleModule`` understands is kept (type, elements, choices, default, required,
aliases, suboptions -> options); descriptions stay in the docs. Options that hold secrets get
``no_log`` from :data:`NO_LOG_OPTIONS` because the documentation schema has no such key.
"""
from __future__ import annotations

from ansible.module_utils.common.yaml import HAS_YAML, yaml_load

__all__ = ["HAS_YAML", "NO_LOG_OPTIONS", "options_spec", "spec_from_doc"]

NO_LOG_OPTIONS = frozenset({"authentication_key"})
_SPEC_KEYS = ("type", "elements", "choices", "default", "required", "aliases")


def _option_spec(name: str, doc: dict) -> dict:
    spec = {key: doc[key] for key in _SPEC_KEYS if key in doc}
    spec.setdefault("type", "str")
    if name in NO_LOG_OPTIONS:
        spec["no_log"] = True
    elif spec["type"] in ("str", "raw") and name.endswith(("_key", "password")):
        spec["no_log"] = False
    if "suboptions" in doc:
        spec["options"] = options_spec(doc["suboptions"])
    return spec


def options_spec(options: dict) -> dict:
    return {name: _option_spec(name, doc or {}) for name, doc in (options or {}).items()}


def spec_from_doc(*documentation: str) -> dict:
    """The argument_spec of every ``options`` in the given DOCUMENTATION strings (later ones win)."""
    spec: dict = {}
    for text in documentation:
        doc = yaml_load(text) or {}
        spec.update(options_spec(doc.get("options") or {}))
    return spec
