"""Parsing hand-written set lines and curly-brace text: edits, tags, quoting, comments and errors."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import (
    JunosSyntaxError,
    canonical,
    iter_set_commands,
    parse_set,
    parse_text,
    quote,
    strip_namespaces,
    to_set,
    to_text,
)

SRD_SET = """
# SRD on gateway A
set event-options redundancy-event RELS_EV monitor link-down xe-0/0/1
set event-options redundancy-event RELS_EV monitor link-down xe-0/0/2

set event-options redundancy-event ACQU_EV monitor peer mastership-release
set policy-options redundancy-policy ACQU_POL redundancy-events [ ACQU_EV MANUAL_EV ]
set policy-options redundancy-policy ACQU_POL then acquire-mastership
set policy-options redundancy-policy ACQU_POL then add-static-route 203.0.113.100/32 receive routing-instance HA
set services redundancy-set 1 redundancy-group 1 redundancy-policy ACQU_POL
set interfaces xe-0/0/1 unit 0 family inet address 192.0.2.2/24 vrrp-group 10 track route 203.0.113.100/32 routing-instance HA priority-cost 150
"""

SRD_TEXT = """\
## Last changed: 2025-01-10 10:00:00 UTC
event-options {
    /* critical links */
    redundancy-event RELS_EV {
        monitor {
            link-down xe-0/0/1;
            link-down xe-0/0/2;
        }
    }
    redundancy-event ACQU_EV {
        monitor {
            peer mastership-release;
        }
    }
}
policy-options {
    redundancy-policy ACQU_POL {
        redundancy-events [ ACQU_EV MANUAL_EV ];
        then {
            acquire-mastership;
            add-static-route 203.0.113.100/32 {
                receive;
                routing-instance HA;
            }
        }
    }
}
services {
    redundancy-set {
        1 {
            redundancy-group 1;
            redundancy-policy ACQU_POL;
        }
    }
}
interfaces {
    xe-0/0/1 {
        unit 0 {
            family inet {
                address 192.0.2.2/24 {
                    vrrp-group 10 {
                        track {
                            route 203.0.113.100/32 routing-instance HA priority-cost 150;
                        }
                    }
                }
            }
        }
    }
}
"""


def test_hand_written_set_and_text_give_the_same_xml():
    from_set = parse_set(SRD_SET)
    from_text = parse_text(SRD_TEXT)
    assert canonical(from_set, keep_order=True) == canonical(from_text, keep_order=True)
    then = from_set.find("policy-options/redundancy-policy/then")
    assert then.findtext("mship-actions") == "acquire-mastership"
    route = then.find("add-static-route")
    assert [c.tag for c in route] == ["name", "receive", "routing-instance"]
    assert [e.text for e in from_set.findall("policy-options/redundancy-policy/redundancy-events")] == [
        "ACQU_EV", "MANUAL_EV"]
    # several statements on one set line continue at the same level
    rs = from_set.find("services/redundancy-set/rs-id-object")
    assert rs.findtext("redundancy-group") == "1" and rs.findtext("redundancy-policy") == "ACQU_POL"


def test_lines_may_be_a_list_and_repeated_statements_merge():
    config = parse_set(["set services redundancy-set 1 redundancy-group 1",
                        "set services redundancy-set 1 redundancy-group 2",
                        "set services redundancy-set 1 redundancy-policy A",
                        "set services redundancy-set 1 redundancy-policy A"])
    rs = config.findall("services/redundancy-set/rs-id-object")
    assert len(rs) == 1
    assert rs[0].findtext("redundancy-group") == "2"  # a leaf is replaced
    assert len(rs[0].findall("redundancy-policy")) == 1  # a leaf-list value is not duplicated


def test_delete_deactivate_activate_become_load_attributes():
    config = parse_set("""
delete services redundancy-set 1 redundancy-policy OLD_POL
delete services redundancy-set 2
delete policy-options redundancy-policy P then add-static-route 203.0.113.1/32
deactivate event-options redundancy-event E
activate event-options redundancy-event F
deactivate system host-name
delete event-options redundancy-event
""")
    rs_sets = config.findall("services/redundancy-set/rs-id-object")
    assert rs_sets[0].find("redundancy-policy").attrib == {"operation": "delete"}
    assert rs_sets[0].findtext("redundancy-policy") == "OLD_POL"
    assert rs_sets[1].get("operation") == "delete" and rs_sets[1].findtext("name") == "2"
    assert config.find("policy-options/redundancy-policy/then/add-static-route").get("operation") == "delete"
    events = config.findall("event-options/redundancy-event")
    assert events[0].get("inactive") == "inactive" and events[1].get("active") == "active"
    assert events[2].get("operation") == "delete" and len(events[2]) == 0  # the whole list
    assert config.find("system/host-name").attrib == {"inactive": "inactive"}
    assert to_set(config) == [
        "delete services redundancy-set 1 redundancy-policy OLD_POL",
        "delete services redundancy-set 2",
        "delete policy-options redundancy-policy P then add-static-route 203.0.113.1/32",
        "set event-options redundancy-event E",
        "deactivate event-options redundancy-event E",
        "set event-options redundancy-event F",
        "activate event-options redundancy-event F",
        "delete event-options redundancy-event",
        "deactivate system host-name",
    ]


def test_inactive_statements_in_set_and_text():
    config = ET.fromstring(
        "<configuration><services><redundancy-set><rs-id-object inactive='inactive'><name>1</name>"
        "<redundancy-group>1</redundancy-group><hold-time inactive='inactive'>30</hold-time></rs-id-object>"
        "</redundancy-set></services></configuration>")
    assert to_set(config) == [
        "set services redundancy-set 1 redundancy-group 1",
        "set services redundancy-set 1 hold-time 30",
        "deactivate services redundancy-set 1 hold-time",
        "deactivate services redundancy-set 1",
    ]
    text = to_text(config)
    assert "    inactive: 1 {\n" in text and "inactive: hold-time 30;" in text
    for parsed in (parse_set(to_set(config)), parse_text(text)):
        assert canonical(parsed) == canonical(config)


def test_text_tags_replace_and_delete():
    config = parse_text("""
services {
    replace: redundancy-set {
        1 {
            redundancy-group 1;
        }
    }
}
policy-options {
    delete: redundancy-policy OLD_POL;
    redundancy-policy P {
        delete: redundancy-events;
    }
}
""")
    assert config.find("services/redundancy-set").get("operation") == "replace"
    old = config.find("policy-options/redundancy-policy")
    assert old.get("operation") == "delete" and old.findtext("name") == "OLD_POL"
    events = config.find("policy-options/redundancy-policy[name='P']/redundancy-events")
    assert events.get("operation") == "delete" and not events.text


def test_quoting_of_values():
    assert quote("xe-0/0/1") == "xe-0/0/1"
    assert quote("10.0.0.0/8") == "10.0.0.0/8"
    assert quote("uplink to core") == '"uplink to core"'
    assert quote("") == '""'
    assert quote('say "hi"') == '"say \\"hi\\""'
    assert quote("$9$abc") == '"$9$abc"'
    assert quote("a;b") == '"a;b"' and quote("{x}") == '"{x}"'
    config = ET.fromstring('<configuration><interfaces><interface><name>xe-0/0/0</name>'
                           '<description>to "core" {1}; #2</description></interface></interfaces>'
                           '</configuration>')
    lines = to_set(config)
    assert lines == ['set interfaces xe-0/0/0 description "to \\"core\\" {1}; #2"']
    assert parse_set(lines).findtext("interfaces/interface/description") == 'to "core" {1}; #2'
    assert parse_text(to_text(config)).findtext("interfaces/interface/description") == 'to "core" {1}; #2'


def test_comments_and_blank_lines_are_ignored():
    text = """
/* a
   multi-line comment */
system {
    host-name mx-a; ## trailing comment
    # full-line comment
}
"""
    assert parse_text(text).findtext("system/host-name") == "mx-a"
    assert parse_set("\n  # only a comment\n\nset system host-name r1\n").findtext("system/host-name") == "r1"


def test_primary_role_spellings_are_not_keywords():
    """Only the mastership spellings exist in 24.4R1 (reference §2.10); anything else is refused."""
    with pytest.raises(JunosSyntaxError) as err:
        parse_set("set policy-options redundancy-policy P then acquire-primary-role")
    assert "acquire-primary-role" in err.value.message


@pytest.mark.parametrize("lines, line_no, fragment", [
    ("set services redundancy-set 1 redundancy-grop 1", 1, "unknown statement 'redundancy-grop'"),
    ("set system host-name r1\nset services redundancy-set 1 redundancy-group", 2,
     "missing value for redundancy-group"),
    ("# header\nsett services", 2, "unknown command 'sett'"),
    ("set", 1, "needs a statement"),
    ("set interfaces ge-0/0/0 unit 0 family inet address 192.0.2.1/24 vrrp-group 1 track route 10.0.0.1/32"
     " priority-cost 3", 1, "expected 'routing-instance <value>'"),
    ("\n\nset event-options redundancy-event E monitor peer broadcast-warning", 3,
     "unknown statement 'broadcast-warning'"),
    ('set system host-name "unterminated', 1, "unterminated quoted string"),
    ("set policy-options redundancy-policy P redundancy-events [ A B", 1, "missing ']'"),
])
def test_set_errors_name_the_line(lines, line_no, fragment):
    with pytest.raises(JunosSyntaxError) as err:
        parse_set(lines)
    assert err.value.line_no == line_no
    assert fragment in err.value.message
    assert err.value.line == lines.splitlines()[line_no - 1]
    assert f"line {line_no}" in str(err.value)


def test_set_error_reports_edit_path_and_expected_statements():
    with pytest.raises(JunosSyntaxError) as err:
        parse_set("set services redundancy-set 1 bogus 3")
    assert err.value.path == ["services", "redundancy-set", "1"]
    assert err.value.token == "bogus"
    assert "[edit services redundancy-set 1]" in err.value.message
    assert "redundancy-group" in err.value.message and "hold-time" in err.value.message


@pytest.mark.parametrize("text, line_no, fragment", [
    ("services {\n    redundancy-set {\n        1 {\n            redundancy-group 1\n        }\n    }\n}\n", 5,
     "missing ';'"),
    ("services {\n    redundancy-set {\n        1 {\n            frobnicate 1;\n        }\n    }\n}\n", 4,
     "unknown statement 'frobnicate'"),
    ("services {\n    redundancy-set {\n", 3, "missing '}'"),
    ("services {\n}\n}\n", 3, "unbalanced '}'"),
    ("system {\n    host-name r1 {\n    }\n}\n", 2, "cannot open a block"),
])
def test_text_errors_name_the_line(text, line_no, fragment):
    with pytest.raises(JunosSyntaxError) as err:
        parse_text(text)
    assert fragment in err.value.message
    assert err.value.line_no == line_no


def test_iter_set_commands_keeps_each_line_separate():
    commands = iter_set_commands("set services redundancy-set 1 redundancy-group 1\n\n"
                                 "delete services redundancy-set 1\nset services redundancy-set 1 hold-time 5\n")
    assert [(c.line_no, c.verb) for c in commands] == [(1, "set"), (3, "delete"), (4, "set")]
    assert commands[1].config.find("services/redundancy-set/rs-id-object").get("operation") == "delete"
    assert commands[2].config.find("services/redundancy-set/rs-id-object/hold-time").text == "5"


def test_device_xml_is_accepted_after_stripping_namespaces():
    reply = ET.fromstring(
        '<rpc-reply xmlns="urn:ietf:params:xml:ns:netconf:base:1.0" '
        'xmlns:junos="http://xml.juniper.net/junos/24.4R1/junos">'
        '<configuration junos:changed-seconds="1700000000" junos:changed-localtime="2023-11-14">'
        '<services><redundancy-set><rs-id-object inactive="inactive"><name>1</name>'
        '<redundancy-group>1</redundancy-group></rs-id-object></redundancy-set></services>'
        '</configuration></rpc-reply>')
    rs = reply.find(".//{urn:ietf:params:xml:ns:netconf:base:1.0}rs-id-object")
    note = ET.Element("{http://xml.juniper.net/junos/24.4R1/junos}comment")
    note.text = "/* primary */"
    rs.insert(0, note)  # what `annotate` adds to | display xml
    plain = strip_namespaces(reply.find("{urn:ietf:params:xml:ns:netconf:base:1.0}configuration"))
    assert plain.tag == "configuration" and plain.attrib == {}
    assert plain.find("services/redundancy-set/rs-id-object").attrib == {"inactive": "inactive"}
    assert to_set(reply) == ["set services redundancy-set 1 redundancy-group 1",
                             "deactivate services redundancy-set 1"]


def test_a_bare_hierarchy_element_is_accepted():
    services = ET.fromstring("<services><redundancy-set><rs-id-object><name>3</name>"
                             "<redundancy-group>2</redundancy-group></rs-id-object></redundancy-set></services>")
    assert to_set(services) == ["set services redundancy-set 3 redundancy-group 2"]
    assert to_text(services).startswith("services {\n    redundancy-set {\n        3 {\n")


def test_groups_hold_the_srd_hierarchies():
    lines = ["set groups SRD services redundancy-set 1 redundancy-group 1",
             "set groups SRD event-options redundancy-event E monitor peer mastership-release",
             "set apply-groups SRD"]
    config = parse_set(lines)
    assert config.findtext("groups/services/redundancy-set/rs-id-object/name") == "1"
    assert config.findtext("groups/event-options/redundancy-event/monitor/peer/event") == "mastership-release"
    assert to_set(config) == lines
    assert to_text(config).startswith("groups SRD {\n    services {\n        redundancy-set {\n            1 {\n")


def test_an_lxml_element_is_copied_without_its_comments():
    """PyEZ and ncclient hand out lxml elements; the domain takes them without importing lxml."""
    from lxml import etree

    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import as_element

    foreign = etree.fromstring(b'<configuration><!-- c --><services a="1">x<redundancy-set/>t</services></configuration>')
    copied = as_element(foreign)
    assert ET.tostring(copied) == b'<configuration><services a="1">x<redundancy-set />t</services></configuration>'
