"""Red Hat resource-module semantics of each state, on the model."""
from __future__ import annotations

import dataclasses
import xml.etree.ElementTree as ET

from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import (
    ChassisConfig, RedundancyEvent, RedundancySet, RoutingInstance, TrackedRoute, VrrpGroup,
)
from ansible_collections.mxha.srd.plugins.module_utils.resource.payload import build_payload
from ansible_collections.mxha.srd.plugins.module_utils.resource.states import compute_want

EV = ("redundancy_events",)


def events(*items):
    return ChassisConfig.build(redundancy_events=items)


HAVE = events(RedundancyEvent("A", link_down=("xe-0/0/0",), process_routing_restart=True), RedundancyEvent("B"))


def test_merged_unites_lists_keeps_unset_fields_and_adds_entries():
    want = compute_want("merged", HAVE, events(RedundancyEvent("A", link_down=("xe-0/0/1",)), RedundancyEvent("C")), EV)
    assert want.redundancy_events["A"] == RedundancyEvent("A", ("xe-0/0/0", "xe-0/0/1"), process_routing_restart=True)
    assert set(want.redundancy_events) == {"A", "B", "C"}


def test_merged_tracked_routes_merge_by_their_key():
    group = VrrpGroup("xe-0/0/1", 0, "192.0.2.66/26", 10, 200, (TrackedRoute("203.0.113.1/32", "HA", 10),))
    have = ChassisConfig.build(vrrp_groups=[group])
    given = ChassisConfig.build(vrrp_groups=[dataclasses.replace(group, priority=None, track_routes=(
        TrackedRoute("203.0.113.1/32", "HA", 20), TrackedRoute("203.0.113.2/32", "HA", 5)))])
    want = compute_want("merged", have, given, ("route_tracking",))
    merged = want.vrrp_groups[group.key]
    assert merged.priority == 200
    assert [(r.prefix, r.priority_cost) for r in merged.track_routes] == [("203.0.113.1/32", 20), ("203.0.113.2/32", 5)]


def test_replaced_replaces_named_entries_only():
    want = compute_want("replaced", HAVE, events(RedundancyEvent("A", link_down=("xe-0/0/1",))), EV)
    assert want.redundancy_events["A"] == RedundancyEvent("A", ("xe-0/0/1",))
    assert "B" in want.redundancy_events


def test_overridden_is_exactly_the_input_but_never_removes_routing_instances():
    have = HAVE.replace(routing_instances={"HA": RoutingInstance("HA", "virtual-router")},
                        redundancy_sets={1: RedundancySet(1, 1)})
    want = compute_want("overridden", have, events(RedundancyEvent("C")), EV + ("route_tracking",))
    assert set(want.redundancy_events) == {"C"}
    assert want.redundancy_sets == have.redundancy_sets, "resources not involved are untouched"
    # HA is no longer named by any SRD statement: it leaves the model, but no payload deletes it.
    assert "HA" not in want.routing_instances
    assert "routing-instances" not in ET.tostring(build_payload(have, want), encoding="unicode")


def test_deleted_by_key_or_everything():
    assert set(compute_want("deleted", HAVE, {"redundancy_events": ["B"]}, EV).redundancy_events) == {"A"}
    assert compute_want("deleted", HAVE, None, EV).redundancy_events == {}


def test_deleted_with_an_empty_config_deletes_nothing():
    assert compute_want("deleted", HAVE, {}, EV).redundancy_events == HAVE.redundancy_events
    assert compute_want("deleted", HAVE, {"redundancy_events": []}, EV).redundancy_events == HAVE.redundancy_events


# ---------------------------------------------------------------- VRRP virtual addresses: add-only

GROUP = VrrpGroup("xe-0/0/1", 0, "192.0.2.66/26", 10, 200, (TrackedRoute("203.0.113.100/32", "HA", 150),))
RT = ("route_tracking",)


def test_virtual_addresses_the_device_holds_stay_whatever_the_state():
    have = ChassisConfig.build(vrrp_groups=[dataclasses.replace(GROUP, virtual_addresses=("192.0.2.65",))])
    bare = ChassisConfig.build(vrrp_groups=[dataclasses.replace(GROUP, priority=190)])
    for state in ("merged", "replaced", "overridden"):
        want = compute_want(state, have, bare, RT)
        assert want.vrrp_groups[GROUP.key].virtual_addresses == ("192.0.2.65",), state
        payload = ET.tostring(build_payload(have, want), encoding="unicode")
        assert "virtual-address" not in payload and "<priority>190</priority>" in payload, state


def test_a_virtual_address_given_is_added_and_none_is_ever_deleted():
    have = ChassisConfig.build(vrrp_groups=[dataclasses.replace(GROUP, virtual_addresses=("192.0.2.65",))])
    given = ChassisConfig.build(vrrp_groups=[dataclasses.replace(GROUP, virtual_addresses=("192.0.2.70",))])
    want = compute_want("overridden", have, given, RT)
    assert want.vrrp_groups[GROUP.key].virtual_addresses == ("192.0.2.65", "192.0.2.70")
    payload = ET.tostring(build_payload(have, want), encoding="unicode")
    assert "<virtual-address>192.0.2.70</virtual-address>" in payload and "delete" not in payload
    gone = ET.tostring(build_payload(have, compute_want("deleted", have, None, RT)), encoding="unicode")
    assert "virtual-address" not in gone and 'delete="delete"' in gone, "the group loses its SRD part only"
