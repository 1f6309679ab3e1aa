# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The intent file: YAML that reads back as written, comments where they help, the key never in clear unasked."""
from __future__ import annotations

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt import render
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent_mod

from .conftest import MX1, MX2, from_texts


@pytest.mark.parametrize("value", ["10", "1.5", "yes", "No", "on", "null", "~", "2024-01-02", "0x1f", "1_000",
                                   "a: b", "# not a comment", "-x", "[a]", "{a}", "it's", 'say "hi"', "", " lead",
                                   "xe-0/0/0", "203.0.113.100/32", "HA.inet.0", "acquire-primary-role", "pair1-mx1",
                                   "ÄÖ", "tab\there", 7, 0, True, False, None])
def test_every_scalar_reads_back_as_itself(value):
    assert yaml.safe_load("v: %s" % render.scalar(value))["v"] == value
    assert yaml.safe_load("v: [%s]" % render.scalar(value))["v"] == [value]


def test_plain_words_stay_plain():
    assert [render.scalar(v) for v in ("xe-0/0/0", "192.0.2.1", "HA.inet.0", "CRIT_EV")] == [
        "xe-0/0/0", "192.0.2.1", "HA.inet.0", "CRIT_EV"]


def test_lines_never_hold_a_newline_and_the_file_starts_as_a_document():
    lines = render.render(from_texts(), "placeholder", stamp="2025-01-01T00:00:00Z")
    assert lines[0] == "---" and all("\n" not in line for line in lines)
    assert "at 2025-01-01T00:00:00Z" in lines[1]


def test_the_placeholder_is_refused_by_the_intent_reader_with_a_reason():
    data = yaml.safe_load("\n".join(render.render(from_texts(), "placeholder")))
    loaded = intent_mod.load(data)
    assert not loaded.ok
    assert [v.path for v in loaded.violations if v.is_error] == ["iccp.authentication_key"]


def test_clear_writes_the_key_as_the_chassis_shows_it():
    adoption = from_texts()
    data = yaml.safe_load("\n".join(render.render(adoption, "clear")))
    assert data["iccp"]["authentication_key"].startswith("$9$")
    assert intent_mod.load(data).ok


def test_a_vaulted_key_is_written_as_an_ansible_vault_value():
    lines = render.render(from_texts(), "vault", vault_lines=["$ANSIBLE_VAULT;1.1;AES256", "6162", "6364"])
    at = lines.index("  authentication_key: !vault |")
    assert lines[at + 1:at + 4] == ["    $ANSIBLE_VAULT;1.1;AES256", "    6162", "    6364"]
    with pytest.raises(ValueError):
        render.render(from_texts(), "vault")
    with pytest.raises(ValueError):
        render.render(from_texts(), "plaintext")


def test_a_pair_without_a_key_writes_none():
    adoption = from_texts(MX1.replace('set protocols iccp authentication-key "$9$QQzFznCtpBSrvQF1Rhr8LxNdVwgGUHfTzgoDk'
                                      '.f6/"\n', ""),
                          MX2.replace('        authentication-key "$9$7NNVYg4Zk.57-GDi.zFn/CApBcSeLxNBIyKMLbw";\n', ""))
    assert adoption.exact and adoption.key is None
    assert "authentication_key" not in "\n".join(render.render(adoption, "vault"))
