# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""docs/topology.md shows the example pair's picture: it must be what the filter draws today."""

from __future__ import annotations

import re

from ansible_collections.mxha.srd.plugins.plugin_utils.topology import mermaid as topology_mermaid
from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import build

from .conftest import ROOT


def test_docs_mermaid_block_is_the_filter_output(cgnat):
    page = (ROOT / "docs" / "topology.md").read_text()
    block = re.search(r"^```mermaid\n(.*?)^```$", page, flags=re.S | re.M)
    assert block, "docs/topology.md has no mermaid block"
    assert block.group(1) == topology_mermaid.render(build(cgnat)), (
        "docs/topology.md is out of date: paste the output of "
        "`lookup('file', 'docs/examples/cgnat-pair.yml') | from_yaml | mxha.srd.topology_mermaid`, and re-check it by hand")
