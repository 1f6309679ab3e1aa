"""validate / commit check / commit reject what Junos would, with Junos-shaped errors."""

from __future__ import annotations

import pytest
from jnpr.junos.exception import CommitError
from jnpr.junos.utils.config import Config
from lxml import etree

from emulator_helpers import config_of, srd_config

CH = "pair1-mx1"
NS = {"nc": "urn:ietf:params:xml:ns:netconf:base:1.0"}


def commit_errors(nc, config: str, op: str = "<commit-configuration/>") -> list[dict[str, str | None]]:
    reply = nc.rpc(f'<load-configuration action="merge" format="xml">{config}</load-configuration>')
    assert b"<ok/>" in reply, reply
    root = etree.fromstring(nc.rpc(op))
    out = []
    for e in root.iterfind(".//nc:rpc-error", NS):
        out.append(
            {
                "type": e.findtext("nc:error-type", namespaces=NS),
                "severity": e.findtext("nc:error-severity", namespaces=NS),
                "path": e.findtext("nc:error-path", namespaces=NS),
                "bad": e.findtext("nc:error-info/nc:bad-element", namespaces=NS),
                "message": (e.findtext("nc:error-message", namespaces=NS) or "").strip(),
                "parent": etree.QName(e.getparent()).localname,
            }
        )
    return out


def srd_with(old: str, new: str) -> str:
    cfg = srd_config()
    assert old in cfg
    return cfg.replace(old, new)


@pytest.fixture
def nc(mx):
    with mx.raw(CH) as client:
        client.hello()
        yield client


def test_valid_srd_configuration_commits(mx, nc):
    assert commit_errors(nc, srd_config()) == []
    assert config_of(mx, CH).findtext("services/service-set/redundancy-set-id") == "1"


def test_redundancy_set_must_be_defined(mx, nc):
    errs = commit_errors(
        nc, srd_with("<redundancy-set-id>1</redundancy-set-id>", "<redundancy-set-id>7</redundancy-set-id>")
    )
    first = errs[0]
    assert first["message"] == "Referenced redundancy set must be defined"
    assert first["path"] == "[edit services service-set SS1]"
    assert first["bad"] == "redundancy-set-id 7"
    assert first["type"] == "application" and first["severity"] == "error"
    assert first["parent"] == "commit-results"
    assert errs[-1]["message"] == "configuration check-out failed"
    assert mx.state(CH)["commits"] == 1 and mx.state(CH)["candidate_modified"]


def test_policy_then_needs_redundancy_events(nc):
    cfg = srd_with("<redundancy-events>ACQU_MSHIP_MANUAL_EV</redundancy-events>", "")
    errs = commit_errors(nc, cfg, "<commit-configuration><check/></commit-configuration>")
    assert errs[0]["message"] == "Redundancy policy needs to have a redundancy-events-then condition"
    assert errs[0]["path"] == "[edit policy-options redundancy-policy ACQU_MSHIP_POL]"


def test_redundancy_options_routing_instance_must_exist(nc):
    cfg = srd_with(
        "<routing-instances><instance><name>HA</name><instance-type>vrf</instance-type></instance></routing-instances>",
        "",
    )
    errs = commit_errors(nc, cfg, "<validate><source><candidate/></source></validate>")
    assert errs[0]["message"] == "referenced routing-instance must be defined"
    assert errs[0]["path"] == "[edit interfaces vms-1/0/0 redundancy-options]"


def test_yang_range_error_names_the_path(nc):
    errs = commit_errors(
        nc, srd_with("<redundancy-group>1</redundancy-group>", "<redundancy-group>99</redundancy-group>")
    )
    assert "redundancy-group" in (errs[0]["bad"] or "")
    assert errs[0]["path"].startswith("[edit services redundancy-set")
    assert errs[-1]["message"] == "configuration check-out failed"


def test_every_violation_is_reported(nc):
    cfg = srd_with("<redundancy-set-id>1</redundancy-set-id>", "<redundancy-set-id>7</redundancy-set-id>")
    cfg = cfg.replace("<redundancy-events>ACQU_MSHIP_MANUAL_EV</redundancy-events>", "")
    messages = [e["message"] for e in commit_errors(nc, cfg)]
    assert "Referenced redundancy set must be defined" in messages
    assert "Redundancy policy needs to have a redundancy-events-then condition" in messages


def test_inactive_statements_are_not_checked(nc):
    cfg = srd_with(
        "<service-set><name>SS1</name><redundancy-set-id>1</redundancy-set-id>",
        '<service-set inactive="inactive"><name>SS1</name><redundancy-set-id>7</redundancy-set-id>',
    )
    assert commit_errors(nc, cfg) == []


def test_pyez_commit_check_raises(mx):
    with mx.pyez(CH) as dev:
        cu = Config(dev)
        cu.load(
            srd_with("<redundancy-set-id>1</redundancy-set-id>", "<redundancy-set-id>7</redundancy-set-id>"),
            format="xml",
        )
        with pytest.raises(CommitError) as err:
            cu.commit_check()
        assert "Referenced redundancy set must be defined" in str(err.value)
        cu.rollback(0)
    mx.assert_clean(CH)
