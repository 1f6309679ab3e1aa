"""Schema validation of native Junos XML against the 24.4R1 models."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from mxsim.yang import JunosYang, YangModelsMissing

from .conftest import fixture


def config(body: str) -> ET.Element:
    return ET.fromstring(f"<configuration>{body}</configuration>")


@pytest.mark.parametrize("name", ["srd-reference.xml", "cgnat-mx-a.xml", "cgnat-mx-b.xml"])
def test_fixture_configs_validate(yang, name):
    errors = yang.validate(fixture(name))
    assert errors == []
    if name.startswith("cgnat"):
        assert errors.unchecked == ("system",)  # no published model: skipped, not failed


def test_shared_loads_once(yang):
    assert JunosYang.shared() is yang
    assert set(yang.modules) >= {"root", "interfaces", "event-options", "policy-options", "services",
                                 "protocols", "routing-instances", "routing-options", "chassis", "snmp"}


def test_redundancy_set_id_above_100_is_refused(yang):
    errors = yang.validate(config(
        "<services><redundancy-set><rs-id-object><name>101</name><redundancy-group>1</redundancy-group>"
        "</rs-id-object></redundancy-set></services>"))
    assert len(errors) == 1
    assert errors[0].path == "/configuration/services/redundancy-set/rs-id-object[name='101']"
    assert "101" in errors[0].message
    assert errors[0].edit_path == "[edit services redundancy-set]"
    assert errors[0].bad_element == "101"


def test_bad_mship_action_enum(yang):
    errors = yang.validate(config(
        "<policy-options><redundancy-policy><name>P</name><redundancy-events>E</redundancy-events><then>"
        "<mship-actions>acquire-primary-role</mship-actions></then></redundancy-policy></policy-options>"))
    assert [e.path for e in errors] == ["/configuration/policy-options/redundancy-policy[name='P']/then/mship-actions"]
    assert "enumeration" in errors[0].message
    assert errors[0].edit_path == "[edit policy-options redundancy-policy P then]"


@pytest.mark.parametrize("prefix", ["203.0.113.100", "2001:db8::1/128", "203.0.113.300/32"])
def test_signal_route_must_be_an_ipv4_prefix(yang, prefix):
    errors = yang.validate(config(
        "<policy-options><redundancy-policy><name>P</name><redundancy-events>E</redundancy-events><then>"
        f"<add-static-route><name>{prefix}</name><receive/></add-static-route></then></redundancy-policy>"
        "</policy-options>"))
    assert len(errors) == 1
    assert errors[0].path == (f"/configuration/policy-options/redundancy-policy[name='P']/then/"
                              f"add-static-route[name='{prefix}']")


def test_unknown_element_is_refused_with_its_path(yang):
    errors = yang.validate(config("<services><redundancy-set><rs-id-object><name>1</name>"
                                  "<redundancy-grop>1</redundancy-grop></rs-id-object></redundancy-set></services>"))
    assert [e.path for e in errors] == ["/configuration/services/redundancy-set/rs-id-object[name='1']/redundancy-grop"]
    assert "not found" in errors[0].message


def test_only_one_signal_route_per_policy(yang):
    errors = yang.validate(config(
        "<policy-options><redundancy-policy><name>P</name><redundancy-events>E</redundancy-events><then>"
        "<add-static-route><name>10.0.0.1/32</name><receive/></add-static-route>"
        "<add-static-route><name>10.0.0.2/32</name><receive/></add-static-route>"
        "</then></redundancy-policy></policy-options>"))
    assert len(errors) == 1 and "Too many" in errors[0].message


def test_several_errors_are_collected(yang):
    errors = yang.validate(config(
        "<services><redundancy-set><rs-id-object><name>101</name></rs-id-object>"
        "<rs-id-object><name>5</name><redundancy-group>17</redundancy-group></rs-id-object>"
        "<bogus/></redundancy-set></services>"
        "<event-options><redundancy-event><name>E</name><monitor><peer><event>broadcast-warning</event></peer>"
        "</monitor></redundancy-event></event-options>"))
    assert [e.path for e in errors] == [
        "/configuration/services/redundancy-set/rs-id-object[name='101']",
        "/configuration/services/redundancy-set/rs-id-object[name='5']/redundancy-group",
        "/configuration/services/redundancy-set/bogus",
        "/configuration/event-options/redundancy-event[name='E']/monitor/peer/event",
    ]


def test_unmodelled_hierarchies_are_reported_not_failed(yang):
    errors = yang.validate(config("<system><host-name>r1</host-name></system>"
                                  "<logical-systems><name>LS</name></logical-systems>"))
    assert errors == [] and errors.unchecked == ("logical-systems", "system")


def test_inputs_in_any_form(yang):
    from lxml import etree

    body = ("<configuration><services><redundancy-set><rs-id-object><name>200</name></rs-id-object>"
            "</redundancy-set></services></configuration>")
    for given in (body, body.encode(), ET.fromstring(body), etree.fromstring(body),
                  ET.fromstring(body).find("services")):
        assert [e.path for e in yang.validate(given)] == [
            "/configuration/services/redundancy-set/rs-id-object[name='200']"]


def test_edit_attributes_and_deleted_statements_are_ignored(yang):
    errors = yang.validate(config(
        "<services><redundancy-set><rs-id-object inactive='inactive'><name>1</name>"
        "<redundancy-group>1</redundancy-group></rs-id-object>"
        "<rs-id-object operation='delete'><name>300</name></rs-id-object></redundancy-set></services>"))
    assert errors == []


def test_missing_models_give_a_clear_error(tmp_path):
    with pytest.raises(YangModelsMissing, match="MXHA_JUNOS_YANG"):
        JunosYang(tmp_path)


@pytest.mark.parametrize("body, path", [
    ("<protocols><iccp><local-ip-addr>10.255.0.300</local-ip-addr></iccp></protocols>",
     "/configuration/protocols/iccp/local-ip-addr"),
    ("<protocols><iccp><peer><name>2001:db8::2</name></peer></iccp></protocols>",
     "/configuration/protocols/iccp/peer[name='2001:db8::2']"),
    ("<interfaces><interface><name>ge-0/0/0</name><unit><name>0</name><family><inet><address><name>192.0.2.2/24"
     "</name><vrrp-group><name>1</name><track><route><route_address>203.0.113.1</route_address>"
     "<routing-instance>HA</routing-instance></route></track></vrrp-group></address></inet></family></unit>"
     "</interface></interfaces>",
     "/configuration/interfaces/interface[name='ge-0/0/0']/unit[name='0']/family/inet/address[name='192.0.2.2/24']"
     "/vrrp-group[name='1']/track/route[route_address='203.0.113.1'][routing-instance='HA']"),
])
def test_address_types_are_checked_although_the_models_leave_them_strings(yang, body, path):
    errors = yang.validate(config(body))
    assert [e.path for e in errors] == [path]
    assert "Invalid value" in errors[0].message


def test_group_hierarchies_are_validated_too(yang):
    errors = yang.validate(config(
        "<groups><name>SRD</name><system><host-name>x</host-name></system><services><redundancy-set>"
        "<rs-id-object><name>0</name></rs-id-object></redundancy-set></services></groups>"
        "<apply-groups>SRD</apply-groups>"))
    assert [e.path for e in errors] == ["/configuration/groups[name='SRD']/services/redundancy-set/rs-id-object[name='0']"]
    assert errors.unchecked == ("groups/system",)


def test_error_paths_survive_a_logging_reset(yang):
    import libyang

    libyang.configure_logging(False)  # what another libyang user in the process might do
    errors = yang.validate(config("<services><redundancy-set><rs-id-object><name>0</name></rs-id-object>"
                                  "</redundancy-set></services>"))
    assert [e.path for e in errors] == ["/configuration/services/redundancy-set/rs-id-object[name='0']"]


def test_models_are_found_beside_the_repository_a_clone_came_from(tmp_path):
    from mxsim.yang import yang_dir_candidates

    origin = tmp_path / "work" / "main"
    models = tmp_path / "work" / "shared" / "junos-yang" / "24.4R1"
    origin.mkdir(parents=True)
    models.mkdir(parents=True)
    clone = tmp_path / "tmp" / "clone"
    (clone / ".git").mkdir(parents=True)
    (clone / ".git" / "config").write_text(
        '[core]\n\tbare = false\n[remote "origin"]\n\turl = %s\n\tfetch = +refs/heads/*:refs/remotes/origin/*\n' % origin)
    assert yang_dir_candidates(clone) == [tmp_path / "tmp" / "shared" / "junos-yang" / "24.4R1", models]
    (clone / ".git" / "config").write_text('[remote "origin"]\n\turl = https://example.com/mxha/srd.git\n')
    assert yang_dir_candidates(clone) == [tmp_path / "tmp" / "shared" / "junos-yang" / "24.4R1"]
