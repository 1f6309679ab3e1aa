# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Filters that draw a pair's redundancy topology: mxha.srd.topology_mermaid and mxha.srd.topology_svg.

Documentation: topology_mermaid.yml and topology_svg.yml next to this file.  The picture is
decided in plugin_utils/topology_graph.py so both filters draw the same one.
"""

from __future__ import annotations

from ansible.errors import AnsibleFilterError

from ansible_collections.mxha.srd.plugins.plugin_utils.topology import mermaid as topology_mermaid, svg as topology_svg
from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import TopologyError, build


def _draw(renderer, name: str, intent, state=None) -> str:
    try:
        return renderer.render(build(intent, state))
    except TopologyError as exc:
        raise AnsibleFilterError("%s: %s" % (name, exc)) from None


def topology_mermaid_filter(intent, state=None) -> str:
    """Mermaid flowchart text of the pair intent (roles highlighted from ``state``)."""
    return _draw(topology_mermaid, "mxha.srd.topology_mermaid", intent, state)


def topology_svg_filter(intent, state=None) -> str:
    """A self-contained SVG document of the same picture."""
    return _draw(topology_svg, "mxha.srd.topology_svg", intent, state)


class FilterModule:
    """mxha.srd topology filters."""

    def filters(self):
        return {
            "topology_mermaid": topology_mermaid_filter,
            "topology_svg": topology_svg_filter,
        }
