"""module_utils.drift: intent models vs read models -> findings (per chassis x resource, symmetry, live state)."""
from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.drift import compare as drift
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

from .conftest import ROUTE, live


def test_a_pair_that_holds_the_intent_has_no_drift(configs, devices, same_key, healthy):
    report = drift.check_pair("p", configs, devices, healthy, key_verdicts=same_key)
    assert not report.drift
    assert report.counts() == {"config": 0, "symmetry": 0, "operational": 0, "placement": 0, "unread": 0}
    assert set(report.config["pair1-mx1"]) == set(RESOURCES)
    assert report.symmetry == [] and report.operational == []


def test_a_changed_value_is_found_on_that_chassis_and_between_the_chassis(configs, devices, same_key, copy_of):
    devices = copy_of(devices)
    devices["pair1-mx2"]["redundancy_sets"][0]["keepalive"] = 5
    report = drift.check_pair("p", configs, devices, key_verdicts=same_key)
    found = report.config["pair1-mx2"]["redundancy_sets"]
    assert [(f.path, f.change, f.device, f.intent) for f in found] == [
        ("redundancy_sets[id=1].keepalive", drift.DIFFERS, 5, 10)]
    assert all(not items for items in report.config["pair1-mx1"].values())
    assert [f.path for f in report.symmetry] == ["redundancy_sets[id=1].keepalive"]
    assert report.symmetry[0].device == {"pair1-mx1": 10, "pair1-mx2": 5}


def test_missing_and_unexpected_entries_are_named_from_the_device_side(configs, devices, same_key, copy_of):
    devices = copy_of(devices)
    devices["pair1-mx1"]["redundancy_events"] = [e for e in devices["pair1-mx1"]["redundancy_events"]
                                                 if e["name"] != "ACQU_MSHIP_MANUAL_EV"]
    devices["pair1-mx1"]["redundancy_events"].append({"name": "EXTRA_EV"})
    found = {f.path: f.change for f in drift.check_pair("p", configs, devices, key_verdicts=same_key)
             .config["pair1-mx1"]["redundancy_events"]}
    assert found == {"redundancy_events[name=ACQU_MSHIP_MANUAL_EV]": drift.MISSING,
                     "redundancy_events[name=EXTRA_EV]": drift.UNEXPECTED}


def test_extra_routing_instances_on_the_device_are_not_drift(configs, devices, same_key, copy_of):
    devices = copy_of(devices)
    devices["pair1-mx1"]["routing_instances"].append({"name": "CUSTOMER_VRF", "instance_type": "vrf"})
    assert not drift.check_pair("p", configs, devices, key_verdicts=same_key).config["pair1-mx1"]["route_tracking"]


def test_the_iccp_key_follows_the_modules_verdict_and_is_never_shown(configs, devices):
    clean = drift.check_pair("p", configs, devices, key_verdicts={"pair1-mx1": False, "pair1-mx2": False})
    assert not clean.drift
    wrong = drift.check_pair("p", configs, devices, key_verdicts={"pair1-mx1": True, "pair1-mx2": False})
    found = wrong.config["pair1-mx1"]["redundancy_groups"]
    assert [f.path for f in found] == ["iccp.authentication_key"]
    assert "values not shown" in found[0].message
    assert "example-iccp-key" not in repr(found[0].to_dict())


def test_without_a_verdict_the_key_is_taken_as_equal_and_the_report_says_so(configs, devices):
    report = drift.check_pair("p", configs, devices)
    assert not report.drift
    assert any("ICCP key was not compared" in note for note in report.notes)


def test_key_verdict_reads_the_modules_changes():
    assert drift.key_verdict(None) is None
    assert drift.key_verdict([{"path": "redundancy_sets[id=1].keepalive"}]) is False
    assert drift.key_verdict([{"path": "iccp.authentication_key"}]) is True
    assert drift.key_verdict([{"path": "iccp"}]) is True


def test_a_chassis_not_read_is_reported_and_symmetry_is_not_checked(configs, devices, same_key):
    devices = {"pair1-mx1": devices["pair1-mx1"], "pair1-mx2": "unreachable: no route to host"}
    report = drift.check_pair("p", configs, devices, key_verdicts=same_key)
    assert report.unread == {"pair1-mx2": "unreachable: no route to host"}
    assert report.drift and report.symmetry is None
    assert "pair1-mx2" not in report.config


def test_unreadable_device_data_is_an_input_error():
    with pytest.raises(InputError):
        drift.device_model(["not", "a", "mapping"], None)


def test_symmetry_ignores_what_the_intent_itself_makes_different(configs, devices, same_key):
    # the two chassis monitor different interfaces (aliases) and have different VRRP groups by design
    assert drift.check_pair("p", configs, devices, key_verdicts=same_key).symmetry == []


def test_symmetry_ignores_the_order_one_chassis_lists_its_monitored_interfaces_in(configs, devices, same_key,
                                                                                   copy_of):
    # a chassis configured by hand lists the same link-down interfaces in another order: the diff ignores
    # leaf-list order, and so must the comparison with what the intent makes different
    devices = copy_of(devices)
    [event] = [e for e in devices["pair1-mx2"]["redundancy_events"] if e["name"] == "RELS_MSHIP_CRIT_EV"]
    event["link_down"] = list(reversed(event["link_down"]))
    report = drift.check_pair("p", configs, devices, key_verdicts=same_key)
    assert report.symmetry == [] and not report.drift


def test_symmetry_reports_a_pair_rule_the_devices_break(configs, devices, same_key, copy_of):
    devices = copy_of(devices)
    devices["pair1-mx2"]["iccp"]["peers"][0]["address"] = "192.0.2.9"   # no longer points at pair1-mx1
    report = drift.check_pair("p", configs, devices, key_verdicts=same_key)
    assert "PAIR-ICCP-MIRROR" in {f.change for f in report.symmetry}


# ---------------------------------------------------------------------------------------- live state


def _changes(report):
    return sorted((f.change, f.chassis) for f in report.operational)


def test_two_primaries_no_primary_and_iccp_down_are_errors(configs):
    two = drift.check_pair("p", configs, {}, {"pair1-mx1": live("primary", [ROUTE]), "pair1-mx2": live("primary", [ROUTE])},
                           checks=[drift.OPERATIONAL])
    assert ("two-primaries", ("pair1-mx1", "pair1-mx2")) in _changes(two)
    none = drift.check_pair("p", configs, {}, {"pair1-mx1": live("standby"), "pair1-mx2": live("standby")},
                            checks=[drift.OPERATIONAL])
    assert ("no-primary", ("pair1-mx1", "pair1-mx2")) in _changes(none)
    down = drift.check_pair("p", configs, {}, {"pair1-mx1": live("primary", [ROUTE], iccp=False),
                                               "pair1-mx2": live("standby")}, checks=[drift.OPERATIONAL])
    assert _changes(down) == [("iccp-down", ("pair1-mx1",))]
    assert len(down.errors()) == 1


def test_signal_routes_must_follow_the_roles(configs):
    report = drift.check_pair("p", configs, {}, {"pair1-mx1": live("primary"), "pair1-mx2": live("standby", [ROUTE])},
                              checks=[drift.OPERATIONAL])
    assert _changes(report) == [("signal-route", ("pair1-mx1",)), ("signal-route", ("pair1-mx2",))]


def test_a_standby_in_wait_is_a_warning_not_an_error(configs):
    report = drift.check_pair("p", configs, {}, {"pair1-mx1": live("primary", [ROUTE]), "pair1-mx2": live("wait")},
                              checks=[drift.OPERATIONAL])
    assert _changes(report) == [("standby-not-ready", ("pair1-mx2",))]
    assert report.errors() == [] and report.drift


def test_srd_not_running_and_state_not_read(configs):
    report = drift.check_pair("p", configs, {}, {"pair1-mx1": live("", daemon="disabled"),
                                                 "pair1-mx2": "unreachable: timed out"}, checks=[drift.OPERATIONAL])
    assert _changes(report) == [("srd-not-running", ("pair1-mx1",)), ("state-unread", ("pair1-mx2",))]
    assert "timed out" in report.operational[1].message


def test_a_registered_redundancy_state_result_is_accepted(configs, healthy):
    wrapped = {name: {"changed": False, "ansible_facts": {"srd_state": facts}} for name, facts in healthy.items()}
    report = drift.check_pair("p", configs, {}, wrapped, checks=[drift.OPERATIONAL])
    assert report.operational == []
    assert report.live["pair1-mx1"] == "set 1 primary; ICCP up; signal routes: 203.0.113.100/32 (HA)"


def test_only_the_asked_checks_run(configs, devices, healthy):
    report = drift.check_pair("p", configs, devices, healthy, checks=[drift.OPERATIONAL])
    assert report.config == {} and report.symmetry is None and report.operational == []


def test_virtual_addresses_are_add_only_for_drift_too(configs, devices, copy_of):
    """A device address the intent does not give is not drift; an address the intent gives and the
    device lacks is."""
    import dataclasses

    base = drift.check_pair("p", configs, copy_of(devices), key_verdicts={"pair1-mx1": True, "pair1-mx2": True})
    base_paths = {f.path for f in base.findings()}
    intent = dict(configs)
    one = intent["pair1-mx1"]
    intent["pair1-mx1"] = one.replace(vrrp_groups={
        k: dataclasses.replace(g, virtual_addresses=()) for k, g in one.vrrp_groups.items()})
    quiet = drift.check_pair("p", intent, copy_of(devices), key_verdicts={"pair1-mx1": True, "pair1-mx2": True})
    assert {f.path for f in quiet.findings()} == base_paths
    intent["pair1-mx1"] = one.replace(vrrp_groups={
        k: dataclasses.replace(g, virtual_addresses=g.virtual_addresses + ("192.0.2.99",))
        for k, g in one.vrrp_groups.items()})
    loud = drift.check_pair("p", intent, copy_of(devices), key_verdicts={"pair1-mx1": True, "pair1-mx2": True})
    new = [f for f in loud.findings() if f.path not in base_paths]
    assert [f.path.rsplit(".", 1)[-1] for f in new] == ["virtual_addresses"] and "192.0.2.99" in str(new[0].intent)
