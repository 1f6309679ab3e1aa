# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Every audit rule against a design that triggers it and a design that must not.

The designs are the ones docs/audit.md explains (docs/examples/audit), so the documentation and
the rules cannot drift apart; the expectations were written from the designs' flaws, not copied
from the audit's output.
"""

from __future__ import annotations

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.findings import RULES
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.state import ChassisState, PairState, RoleState, route_key

from .audit_helpers import MX1, MX2, audit, by_rule, configs, data, rules

SIGNAL = route_key("203.0.113.100/32", "HA")


def live(role1: RoleState, role2: RoleState) -> PairState:
    return PairState({MX1: ChassisState(True, {1: role1}, frozenset({SIGNAL}) if role1 is RoleState.PRIMARY else frozenset()),
                      MX2: ChassisState(True, {1: role2}, frozenset({SIGNAL}) if role2 is RoleState.PRIMARY else frozenset())})


P, S = RoleState.PRIMARY, RoleState.STANDBY

# rule -> (design that triggers it, options), (design that must not, options)
CASES = {
    "AUDIT-BLACKHOLE": (("blackhole", {}), ("clean-pair", {})),
    "AUDIT-PRIMARY-COUNT": (("clean-pair", {"live": live(P, P)}), ("clean-pair", {"live": live(S, P)})),
    "AUDIT-VRRP-ORDER": (("vrrp-cost-too-small", {}), ("advertise-wrong-route-no-vrrp", {})),
    "AUDIT-ADVERTISE-ORDER": (("advertise-wrong-route", {}), ("vrrp-cost-too-small", {})),
    "AUDIT-NO-MANUAL-MOVE": (("one-way", {}), ("clean-pair", {})),
    "AUDIT-ASYMMETRY": (("asymmetric-monitors", {}), ("clean-pair", {})),
    "AUDIT-FLAP": (("flap", {}), ("clean-pair", {})),
    "AUDIT-GW2-DISABLE": (("clean-pair", {"placement": {1: MX2}}), ("clean-pair", {"placement": {1: MX1}})),
    "AUDIT-PLACEMENT-UNRECOVERABLE": (("one-way", {"placement": {1: MX1}}), ("one-way", {"placement": {1: MX2}})),
}


def _design(name: str) -> dict:
    if name == "advertise-wrong-route-no-vrrp":   # the same flaw, without VRRP: nothing for VRRP-ORDER to see
        design = data("advertise-wrong-route")
        for chassis in design["chassis"].values():
            chassis.pop("vrrp_groups")
        return design
    return data(name)


def test_every_rule_has_a_case():
    assert set(CASES) == set(RULES)


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_is_triggered(rule_id):
    (name, options), unused = CASES[rule_id]
    found = by_rule(audit(_design(name), **options), rule_id)
    assert found, "%s: %s did not trigger it" % (rule_id, name)
    for finding in found:
        assert finding.scenarios and finding.count >= len(finding.scenarios)
        assert finding.hint and RULES[rule_id].source.startswith(("seed", "Juniper"))


@pytest.mark.parametrize("rule_id", sorted(CASES))
def test_rule_is_not_triggered(rule_id):
    unused, (name, options) = CASES[rule_id]
    assert rule_id not in rules(audit(_design(name), **options))


def test_the_clean_pair_audits_clean_at_depth_1():
    assert audit("clean-pair").findings == []


def test_the_shipped_example_lacks_the_peer_acquire_event():
    """docs/examples/cgnat-pair.yml: a manual or forced acquire on the standby leaves the old primary its
    signal route (no policy of its releases on the peer's mastership-acquire), so VRRP and the pool's
    advertisement stay with the old primary (docs/audit.md explains it; clean-pair.yml is the fix)."""
    result = audit("cgnat-pair")
    assert {(f.rule_id, f.severity) for f in result.findings} == {("AUDIT-VRRP-ORDER", "error"),
                                                                 ("AUDIT-ADVERTISE-ORDER", "error")}
    vrrp = by_rule(result, "AUDIT-VRRP-ORDER")[0]
    assert vrrp.chassis == MX1 and "primary:pair1-mx1/trigger(pair1-mx2,1,ACQU_MSHIP_MANUAL_EV)" in vrrp.scenarios
    assert not any("RELS" in s for f in result.findings for s in f.scenarios)  # releases are fine


def test_blackhole_causes_and_severities():
    found = {f.cause: f for f in by_rule(audit("blackhole"), "AUDIT-BLACKHOLE")}
    assert found["acquire.already-primary"].severity == "error"      # the primary stays on its dead uplink
    assert found["acquired on its own link failure"].severity == "error"   # the standby takes it onto its own
    assert "release policy" in found["acquire.already-primary"].hint


def test_blackhole_of_a_warning_only_link_is_a_warning():
    design = data("clean-pair")
    design["redundancy_events"].append({"name": "WARN_EV", "link_down": ["uplink"]})
    design["redundancy_events"][0]["link_down"].remove("uplink")
    design["redundancy_policies"].append({"name": "WARN_POL", "events": ["WARN_EV"], "then": "broadcast-warning",
                                          "add_signal_route": {"prefix": "203.0.113.200/32", "receive": True,
                                                               "routing_instance": "HA"}})
    design["redundancy_sets"][0]["policies"].append("WARN_POL")
    found = by_rule(audit(design), "AUDIT-BLACKHOLE")
    assert [(f.severity, f.cause) for f in found] == [("warning", "warning.on-primary")] * 2


def test_double_failures_are_at_most_warnings_and_inherent_ones_info():
    result = audit("clean-pair", depth=2)
    assert result.findings and {f.rule_id for f in result.findings} == {"AUDIT-BLACKHOLE"}
    severity = {(f.chassis, f.cause): f.severity for f in result.findings}
    assert severity[(MX1, "release.peer-warned")] == "warning"       # release-mastership-force would avoid it
    assert severity[(MX1, "release.peer-wait")] == "info"            # nothing overrides wait (S14, R3)
    assert severity[(MX1, "release.no-peer")] == "info"              # the peer cannot act (ICCP down, srd off)
    assert severity[(MX2, "daemon.disabled")] == "warning"           # srd off on gateway 2, then its link fails
    assert severity[(MX1, "moved onto a failed link")] == "info"
    assert all(f.depth == 2 for f in result.findings)


def test_force_release_policy_removes_the_warned_double_failure():
    design = data("clean-pair")
    design["redundancy_policies"][1]["then"] = "release-primary-role-force"
    causes = {f.cause for f in audit(design, depth=2).findings}
    assert "release.peer-warned" not in causes and "release.peer-wait" in causes


def test_no_manual_move_in_either_direction_is_an_error():
    design = data("clean-pair")
    design["redundancy_events"] = [e for e in design["redundancy_events"] if "MANUAL" not in e["name"]]
    for policy in design["redundancy_policies"]:
        policy["events"] = [e for e in policy["events"] if "MANUAL" not in e]
    design["redundancy_events"][0].pop("link_down")   # nothing left that a request could trigger on a release
    design["redundancy_events"][0].pop("process_routing")
    design["redundancy_policies"][1]["events"].remove("RELS_MSHIP_CRIT_EV")
    design["redundancy_events"].pop(0)
    found = by_rule(audit(design), "AUDIT-NO-MANUAL-MOVE")
    assert sorted((f.chassis, f.severity) for f in found) == [(MX1, "error"), (MX2, "error")]


def test_gw2_disable_from_the_live_state():
    result = audit("clean-pair", live=live(S, P))
    assert [(f.chassis, f.scenarios) for f in by_rule(result, "AUDIT-GW2-DISABLE")] == [
        (MX2, ["primary:pair1-mx2/srd-disable(pair1-mx2)"])]


def test_split_brain_is_reported_once_by_the_starting_state():
    found = by_rule(audit("clean-pair", live=live(P, P)), "AUDIT-PRIMARY-COUNT")
    assert [f.scenarios for f in found] == [["live/steady"]] and found[0].depth == 0


def test_configs_from_other_forms_audit_alike():
    from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import run_audit

    base = configs("cgnat-pair")
    reference = [f.to_dict() for f in run_audit(base).findings]
    assert [f.to_dict() for f in run_audit({name: base[name] for name in reversed(list(base))}).findings] == reference
