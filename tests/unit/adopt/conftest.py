# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Helpers of the import tests: a pair from two configuration texts, or from an intent's rendering."""
from __future__ import annotations

import xml.etree.ElementTree as ET
from pathlib import Path

import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import build, render, source
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml

ROOT = Path(__file__).resolve().parents[3]
DATA = ROOT / "docs" / "examples" / "adopt"
# pair1-mx1 inherits redundancy set 1's keepalive from a group; here through a wildcard, as Junos allows
# (the emulator, which the shipped example also serves, matches "<*>" only below the top of a hierarchy)
MX1 = (DATA / "pair1-mx1.set").read_text().replace("redundancy-set 1 keepalive 10", "redundancy-set <*> keepalive 10")
MX2 = (DATA / "pair1-mx2.conf").read_text()


def from_texts(mx1: str = MX1, mx2: str = MX2, name: str = "pair1", fmt: str = "auto") -> build.Adoption:
    return build.adopt(source.read_text("pair1-mx1", mx1, fmt, "file mx1"),
                       source.read_text("pair1-mx2", mx2, fmt, "file mx2"), name=name)


def from_intent(data: dict) -> tuple[build.Adoption, dict]:
    """Render each chassis of an intent as Junos XML, import the pair back; also the original models."""
    loaded = intent_mod.load(data)
    sources = []
    for name, config in loaded.configs.items():
        element = render_xml(config)
        if isinstance(element, str):
            element = ET.fromstring(element)
        sources.append(source.read_element(name, element, "rendered from the intent"))
    return build.adopt(*sources, name=data.get("name")), loaded.configs


def reloaded(adoption: build.Adoption, mode: str = "clear") -> dict:
    """The rendered YAML read back with a YAML parser, as plain data."""
    return yaml.safe_load("\n".join(render.render(adoption, mode)))


def kinds(adoption: build.Adoption, severity: str | None = None) -> list:
    return sorted({f.kind for f in adoption.findings if severity is None or f.severity == severity})
