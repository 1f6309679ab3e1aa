"""The runner without a device: rendered/parsed never connect, invalid input fails before the
connection is opened, option combinations that cannot work are refused with a sentence."""
from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import Request, RunFailed, mask_text, run
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import Transport


def no_device():
    raise AssertionError("the device must not be contacted")


def test_rendered_never_connects_and_masks_the_key(cgnat):
    data = chassis_to_dict(cgnat, reveal=True)
    result = run(Request("redundancy_config", "rendered", data), no_device)
    rendered = result["rendered"]
    assert "set services redundancy-set 1 redundancy-group 1" in rendered["set"]
    assert "example-iccp-key" not in rendered["xml"] + "".join(rendered["set"])
    assert "set protocols iccp authentication-key ********" in rendered["set"]
    assert result["rpc_stats"]["rpcs"] == 0


@pytest.mark.parametrize("fmt", ["xml", "set", "text"])
def test_parsed_reads_every_format_without_a_device(cgnat, fmt):
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos import syntax as junos_syntax
    xml = render_xml(cgnat)
    text = {"xml": ET.tostring(xml, encoding="unicode"), "set": "\n".join(junos_syntax.to_set(xml)),
            "text": junos_syntax.to_text(xml)}[fmt]
    result = run(Request("redundancy_sets", "parsed", running_config=text), no_device)
    assert result["parsed"] == {"redundancy_sets": chassis_to_dict(cgnat)["redundancy_sets"],
                                "service_sets": chassis_to_dict(cgnat)["service_sets"]}


def test_every_violation_is_reported_before_any_connection():
    bad = [{"name": "E1", "link_down": ["not-an-interface"]},
           {"name": "E2", "link_down": ["xe-0/0/1"], "peer": "maybe"},
           {"name": "E3", "link_down": ["xe-0/0/1"]}]
    with pytest.raises(RunFailed) as info:
        run(Request("redundancy_events", "merged", bad), no_device)
    rules = sorted(v["rule"] for v in info.value.details["violations"])
    assert "VALUE-ENUM" in rules
    assert "nothing was sent to the device" in str(info.value)
    with pytest.raises(RunFailed) as info:
        run(Request("redundancy_events", "merged", [bad[0], bad[2], {"name": "E4", "link_down": ["xe-0/0/1"]}]),
            no_device)
    rules = sorted(v["rule"] for v in info.value.details["violations"])
    assert rules == ["UNIQUE-INTERFACE-EVENT", "VALUE-INTERFACE-NAME"], rules
    assert info.value.details["rpc_stats"]["rpcs"] == 0


def test_references_to_other_resources_wait_for_the_device_read():
    policies = [{"name": "P1", "events": ["NOT_HERE"], "action": "acquire", "add_signal_route": {"prefix": "203.0.113.1/32"}}]
    reads = []

    def device(xml):
        reads.append(xml)
        return "<rpc-reply><configuration/></rpc-reply>"
    result = run(Request("redundancy_policies", "merged", policies, check_mode=True), lambda: Transport(device))
    assert result["changed"] is True and len(reads) == 1


@pytest.mark.parametrize("request_args, words", [
    (dict(state="merged"), "needs config"),
    (dict(state="parsed"), "needs running_config"),
    (dict(state="gathered", confirm=True), "only apply to states that change"),
    (dict(state="merged", config=[{"name": "E"}], confirm=True), "confirm: true only confirms"),
    (dict(state="merged", config=[{"name": "E"}], confirm_timeout=5, config_mode="private"), "not possible with config_mode: private"),
    (dict(state="merged", config=[{"name": "E"}], confirm_timeout=0), "1-65535"),
    (dict(state="merged", config=[{"name": "E"}], confirm_timeout=70000), "1-65535"),
])
def test_impossible_options_fail_with_a_sentence(request_args, words):
    with pytest.raises(RunFailed) as info:
        run(Request("redundancy_events", **request_args), no_device)
    assert words in str(info.value)


def test_deleted_reads_only_keys_and_needs_them():
    with pytest.raises(RunFailed) as info:
        run(Request("route_tracking", "deleted", {"vrrp_groups": [{"interface": "xe-0/0/1", "unit": 0}]}), no_device)
    assert {v["rule"] for v in info.value.details["violations"]} == {"INPUT-REQUIRED"}

    def device(xml):
        return "<rpc-reply><configuration/></rpc-reply>"
    # A condition is named by its name alone (prefix and table are not needed to delete it).
    result = run(Request("route_tracking", "deleted", {"conditions": [{"name": "C1"}]}), lambda: Transport(device))
    assert result["changed"] is False and result["rpc_stats"]["rpcs"] == 1


def test_keys_are_masked_in_compare_and_set_text():
    text = 'set protocols iccp authentication-key "$9$abc def"\n+    authentication-key "$9$x"; ## SECRET-DATA'
    masked = mask_text(text)
    assert "$9$" not in masked and masked.count("********") == 2


def _device(config_xml: str):
    sent = []

    def send(xml):
        sent.append(ET.fromstring(xml).tag)
        return "<rpc-reply>%s</rpc-reply>" % config_xml
    return send, sent


GROUP = {"interface": "xe-0/0/1", "unit": 0, "address": "192.0.2.66/26", "group": 10, "priority": 200,
         "track_routes": [{"prefix": "203.0.113.100/32", "routing_instance": "HA", "priority_cost": 150}]}
BASE_GROUP = ("<configuration><interfaces><interface><name>xe-0/0/1</name><unit><name>0</name><family><inet><address>"
              "<name>192.0.2.66/26</name><vrrp-group><name>10</name><virtual-address>192.0.2.65</virtual-address>"
              "</vrrp-group></address></inet></family></unit></interface></interfaces></configuration>")


def test_a_vrrp_group_the_device_lacks_is_not_created_without_a_virtual_address():
    send, sent = _device("<configuration/>")
    with pytest.raises(RunFailed) as info:
        run(Request("route_tracking", "merged", {"vrrp_groups": [GROUP]}), lambda: Transport(send))
    assert sent == ["get-configuration"], "refused after the read, before any lock"
    assert [v["rule"] for v in info.value.details["violations"]] == ["VRRP-GROUP-NEEDS-ADDRESS"]
    assert "give virtual_addresses in the intent" in str(info.value)


def test_a_vrrp_group_of_the_base_configuration_or_one_given_an_address_is_fine():
    send, _sent = _device(BASE_GROUP)  # the group is there, untracked: only its SRD part is added
    result = run(Request("route_tracking", "merged", {"vrrp_groups": [GROUP]}, check_mode=True), lambda: Transport(send))
    assert result["changed"] and not any("virtual-address" in line for line in result["commands"]["set"])
    send, _sent = _device("<configuration/>")
    result = run(Request("route_tracking", "merged", {"vrrp_groups": [dict(GROUP, virtual_addresses=["192.0.2.65"])]},
                         check_mode=True), lambda: Transport(send))
    assert "set interfaces xe-0/0/1 unit 0 family inet address 192.0.2.66/26 vrrp-group 10 virtual-address " \
           "192.0.2.65" in result["commands"]["set"]
