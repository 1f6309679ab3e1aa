"""ansible-playbook over ansible.netcommon.netconf against the emulator (netconf_rpc, netconf_get,
netconf_config), with EOM and chunked framing, for each Junos netconf plugin available."""

from __future__ import annotations

import pytest
from lxml import etree

CH = "pair1-mx1"


def _params():
    # Our own netconf plugin in both framings; junipernetworks.junos.junos (what many inventories
    # name today) must keep working too.
    for framing in ("eom", "chunked"):
        yield pytest.param(framing, "mxha.srd.junos", id=f"{framing}-mxha")
    yield pytest.param("eom", "junipernetworks.junos.junos", id="eom-junipernetworks")


@pytest.fixture
def emulators(mx, mx11):
    return {"eom": mx, "chunked": mx11}


@pytest.mark.slow
@pytest.mark.parametrize("framing,os_name", list(_params()))
def test_generic_netconf_modules(emulators, playbook, framing, os_name):
    emu = emulators[framing]
    playbook("netconf_clients.yml", emu, os_name=os_name)
    committed = etree.fromstring(emu.state(CH)["committed"])
    assert committed.findtext("system/domain-name") == "ansible.example"
    names = emu.rpc_names(CH)
    assert "get-software-information" in names and "get-config" in names and "get-configuration" not in names
    assert names.count("edit-config") == 2
    assert names.count("validate") == 1
    assert names.count("commit-configuration") == 2  # netconf_config commits even when nothing changed
    locks = emu.rpcs(CH, "lock")
    assert len(locks) == 2 and all(e["target"] == "candidate" for e in locks)
    assert names.count("unlock") == 2
    assert names[-1] == "close-session"
    emu.wait_idle(CH)
    emu.assert_clean(CH)
