# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render a pair's topology graph as Mermaid flowchart text.

Why Mermaid: GitHub, GitLab and most documentation sites draw a ```mermaid block in place,
so the picture lives next to the text as text (reviewable in a diff).  Output is
deterministic: the same intent and state always give the same lines.
"""

from __future__ import annotations

import json

from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import ALERT, MISSING, PRIMARY, Node, Topology

__all__ = ["render"]

CLASS_DEFS = {
    PRIMARY: "fill:#dafbe1,stroke:#1a7f37,stroke-width:3px,color:#0b3d1a",
    ALERT: "fill:#ffebe9,stroke:#cf222e,stroke-width:3px,color:#5c0a0a",
    MISSING: "fill:#fff8c5,stroke:#9a6700,stroke-width:1px,stroke-dasharray:4 3,color:#3d2b00",
}

# Characters that would end a quoted label or be read as markup; Mermaid's entity codes.
_ENTITIES = {"#": "#35;", '"': "#quot;", "<": "#lt;", ">": "#gt;", "&": "#amp;"}


def _text(value: str) -> str:
    return "".join(_ENTITIES.get(char, char) for char in str(value))


def _label(node: Node) -> str:
    return '"%s"' % "<br/>".join(["<b>%s</b>" % _text(node.title)] + [_text(line) for line in node.lines])


def render(topology: Topology) -> str:
    """The flowchart, left to right, one subgraph per column and one for the pair."""
    out = []
    if topology.name:
        out += ["---", "title: %s" % json.dumps(topology.name), "---"]  # a YAML double-quoted string
    out.append("flowchart LR")
    classes: dict[str, list[str]] = {}
    groups = [(column.key, column.title, column.nodes) for column in topology.columns if column.nodes]
    if topology.chassis:
        groups.append(("pair", "Chassis", topology.chassis))
    for key, title, nodes in groups:
        out.append('  subgraph %s["%s"]' % (key, _text(title)))
        out.append("    direction TB")
        for node in nodes:
            out.append("    %s[%s]" % (node.id, _label(node)))
            if node.css in CLASS_DEFS:
                classes.setdefault(node.css, []).append(node.id)
        out.append("  end")
    out += ["  %s --> %s" % (edge.source, edge.target) for edge in topology.edges]
    out += ["  %s ---|ICCP| %s" % (edge.source, edge.target) for edge in topology.iccp]
    for css, style in CLASS_DEFS.items():
        if css in classes:
            out.append("  classDef %s %s" % (css, style))
            out.append("  class %s %s" % (",".join(classes[css]), css))
    return "\n".join(out) + "\n"
