# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""tools/gen_plugin_docs.py: a reference page for every plugin, generated from the plugins' own docs."""

from __future__ import annotations

import subprocess
import sys

from .conftest import ROOT, load_tool


def test_every_plugin_gets_a_page(tmp_path):
    dest = tmp_path / "plugins"
    proc = subprocess.run([sys.executable, str(ROOT / "tools" / "gen_plugin_docs.py"), "--dest", str(dest)], cwd=ROOT,
                          capture_output=True, text=True, timeout=600, check=False)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    pages = load_tool("gen_plugin_docs").expected_pages()
    assert {"validate_module.rst", "topology_mermaid_filter.rst", "topology_svg_filter.rst",
            "junos_netconf.rst"} <= set(pages)
    index = (dest / "index.rst").read_text()
    for page, plugin in pages.items():
        text = (dest / page).read_text()
        name = plugin.split()[1]
        assert name in text.splitlines()[2], page        # the title names the plugin
        assert page[:-len(".rst")] in index, page         # and the index links it
    validate = (dest / "validate_module.rst").read_text()
    assert "intent_file" in validate and "Return Values" in validate   # options and returns come from the code


def test_expected_pages_follow_the_plugin_files(tmp_path):
    (tmp_path / "plugins" / "modules").mkdir(parents=True)
    (tmp_path / "plugins" / "filter").mkdir()
    for name in ("plugins/modules/thing.py", "plugins/modules/__init__.py", "plugins/filter/pair.py",
                 "plugins/filter/pair_graph.yml"):
        (tmp_path / name).write_text("")
    assert load_tool("gen_plugin_docs").expected_pages(tmp_path) == {
        "thing_module.rst": "module mxha.srd.thing", "pair_graph_filter.rst": "filter mxha.srd.pair_graph"}
