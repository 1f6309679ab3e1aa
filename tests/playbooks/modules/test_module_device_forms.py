"""What the device returns in another form than the input (statements inherited from groups, the
Junos keyword for a primary-role spelling, another order, a $9$ key) is not drift: no change, one
RPC, no lock."""
from __future__ import annotations

HOST = "pair1-mx1"
DEVICE = (  # committed as XML: the group holds one event, the rest is plain configuration
    "<configuration><groups><name>SRD</name><event-options><redundancy-event><name>RELS_MSHIP_CRIT_EV</name>"
    "<monitor><link-down><name>xe-0/0/1</name></link-down><link-down><name>xe-0/0/0</name></link-down></monitor>"
    "</redundancy-event></event-options></groups><apply-groups>SRD</apply-groups>"
    "<event-options><redundancy-event><name>ACQU_MSHIP_CRIT_EV</name><monitor><peer><event>mastership-release</event>"
    "</peer></monitor></redundancy-event></event-options>"
    "<policy-options><redundancy-policy><name>ACQU_MSHIP_POL</name><redundancy-events>ACQU_MSHIP_CRIT_EV"
    "</redundancy-events><then><mship-actions>acquire-mastership</mship-actions><add-static-route>"
    "<name>203.0.113.100/32</name><receive/></add-static-route></then></redundancy-policy>"
    "<redundancy-policy><name>RELS_MSHIP_POL</name><redundancy-events>RELS_MSHIP_CRIT_EV</redundancy-events><then>"
    "<mship-actions>release-mastership</mship-actions><delete-static-route><name>203.0.113.100/32</name>"
    "</delete-static-route></then></redundancy-policy></policy-options>"
    "<services><redundancy-set><rs-id-object><name>1</name><redundancy-group>1</redundancy-group>"
    "<redundancy-policy>RELS_MSHIP_POL</redundancy-policy><redundancy-policy>ACQU_MSHIP_POL</redundancy-policy>"
    "</rs-id-object></redundancy-set></services></configuration>")
INPUT = {
    "redundancy_events": [
        {"name": "RELS_MSHIP_CRIT_EV", "link_down": ["xe-0/0/0", "xe-0/0/1"]},
        {"name": "ACQU_MSHIP_CRIT_EV", "peer": "primary-role-release"},
    ],
    "redundancy_policies": [
        {"name": "ACQU_MSHIP_POL", "events": ["ACQU_MSHIP_CRIT_EV"], "action": "acquire-primary-role",
         "add_signal_route": {"prefix": "203.0.113.100/32"}},
        {"name": "RELS_MSHIP_POL", "events": ["RELS_MSHIP_CRIT_EV"], "action": "release",
         "delete_signal_route": {"prefix": "203.0.113.100/32"}},
    ],
    "redundancy_sets": [{"id": 1, "redundancy_group": 1, "policies": ["ACQU_MSHIP_POL", "RELS_MSHIP_POL"]}],
}


def test_other_forms_on_the_device_are_not_drift(mx, playbook):
    from ncclient.xml_ import to_ele

    with mx.ncclient(HOST) as m:
        m.load_configuration(action="merge", config=to_ele(DEVICE))
        m.commit()
    mark = mx.mark(HOST)
    tasks = [
        {"name": "gathered", "mxha.srd.redundancy_config": {"state": "gathered"}},
        {"name": "merged", "mxha.srd.redundancy_config": {"config": INPUT, "state": "merged"}},
        {"name": "replaced", "mxha.srd.redundancy_config": {"config": INPUT, "state": "replaced"}},
        {"name": "drift check", "mxha.srd.redundancy_config": {"config": INPUT, "state": "replaced"},
         "check_mode": True},
    ]
    run = playbook(tasks)
    assert run.rc == 0, run.output[-3000:]
    gathered = run["gathered"]["gathered"]
    assert [e["name"] for e in gathered["redundancy_events"]] == ["ACQU_MSHIP_CRIT_EV", "RELS_MSHIP_CRIT_EV"]
    for name in ("merged", "replaced", "drift check"):
        result = run[name]
        assert result["changed"] is False, (name, result.get("changes"))
        assert result["rpc_stats"]["sent"] == ["get-configuration"], name
    mx.wait_idle(HOST)
    assert not [e for e in mx.log(HOST, mark) if e.get("rpc") in ("lock", "load-configuration", "commit-configuration")]
