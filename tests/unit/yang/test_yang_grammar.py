"""The libyang-backed grammar: any modelled configuration converts to and from set/text, and the
hand-written SRD_GRAMMAR agrees with the models (names, kinds, keys, presence, order, enumerations)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import (
    SRD_GRAMMAR,
    JunosSyntaxError,
    canonical,
    compare_text,
    parse_set,
    parse_text,
    to_set,
    to_text,
)
from mxsim.yang import YangGrammarNode

from .conftest import fixture

NON_SRD_SET = """\
set system host-name mx-lab
set system domain-name lab.example.net
set chassis aggregated-devices ethernet device-count 4
set chassis fpc 1 pic 0 adaptive-services service-package extension-provider
set interfaces ge-0/0/0 description "to core"
set interfaces ge-0/0/0 unit 0 family inet address 10.0.0.1/24
set interfaces ge-0/0/0 unit 0 family inet6 address 2001:db8::1/64
set interfaces ae0 aggregated-ether-options lacp active
set routing-options router-id 10.255.0.1
set routing-options autonomous-system 64500
set routing-options static route 0.0.0.0/0 next-hop 10.0.0.254
set routing-options static route 0.0.0.0/0 preference 200
set protocols bgp group UPSTREAM type external
set protocols bgp group UPSTREAM neighbor 10.0.0.2 peer-as 64501
set protocols ospf area 0.0.0.0 interface lo0.0 passive
set policy-options prefix-list LOOPBACKS 10.255.0.0/24
set policy-options policy-statement P term T from protocol static
set policy-options policy-statement P term T then local-preference 200
set policy-options policy-statement P term T then accept
set snmp community public authorization read-only
set routing-instances HA instance-type virtual-router
set routing-instances HA route-distinguisher 10.255.0.1:1
set services nat pool POOL address 203.0.113.0/26
set services nat pool POOL address-range low 203.0.113.64 high 203.0.113.70
set services nat rule R term T then translated translation-type napt-44
"""


def same(a: ET.Element, b: ET.Element) -> bool:
    return canonical(a, keep_order=True) == canonical(b, keep_order=True)


def test_arbitrary_configuration_round_trips(yang):
    grammar = yang.grammar
    config = parse_set(NON_SRD_SET, grammar)
    assert to_set(config, grammar) == NON_SRD_SET.splitlines()
    assert same(parse_text(to_text(config, grammar), grammar), config)
    assert yang.validate(config) == []
    # shapes only a schema knows: key-only list entries, value containers, presence containers
    assert config.findtext("protocols/bgp/group/neighbor/name") == "10.0.0.2"
    assert config.findtext("policy-options/prefix-list/prefix-list-item/name") == "10.255.0.0/24"
    assert config.findtext("routing-options/static/route/preference/metric-value") == "200"
    assert config.findtext("routing-options/autonomous-system/as-number") == "64500"
    assert config.find("services/nat/rule/term/then/translated/translation-type/napt-44") is not None
    assert config.findtext("policy-options/policy-statement/term/then/local-preference/local-preference") == "200"


def test_text_layout_with_yang_grammar(yang):
    config = parse_set(NON_SRD_SET, yang.grammar)
    text = to_text(config, yang.grammar)
    assert "        unit 0 {\n            family inet {\n                address 10.0.0.1/24;\n" in text
    assert "    autonomous-system 64500;\n" in text
    assert "            preference 200;\n" in text
    assert "            neighbor 10.0.0.2 {\n                peer-as 64501;\n" in text


@pytest.mark.parametrize("name", ["srd-reference.xml", "cgnat-mx-a.xml", "cgnat-mx-b.xml"])
def test_fixture_configs_round_trip_with_yang_grammar(yang, name):
    config = fixture(name)
    grammar = yang.grammar
    assert same(parse_set(to_set(config, grammar), grammar), config)
    assert same(parse_text(to_text(config, grammar), grammar), config)
    assert compare_text(config, parse_text(to_text(config, grammar), grammar), grammar) == ""


@pytest.mark.parametrize("name", ["srd-reference.xml", "cgnat-mx-a.xml"])
def test_both_grammars_print_srd_statements_alike(yang, name):
    """The emulator (YANG grammar) and the modules (SRD_GRAMMAR) show the same SRD lines."""
    config = fixture(name)
    yang_lines = set(to_set(config, yang.grammar))
    srd_lines = [line for line in to_set(config, SRD_GRAMMAR) if " bgp " not in line and " nat " not in line
                 and " chassis " not in line]
    assert srd_lines and all(line in yang_lines for line in srd_lines)


def test_unknown_statement_is_refused_with_the_schema_alternatives(yang):
    with pytest.raises(JunosSyntaxError) as err:
        parse_set("set protocols iccp peer 10.0.0.2 liveness-detection minimum-intervl 300", yang.grammar)
    assert "minimum-intervl" in err.value.message and "minimum-interval" in err.value.message


def test_node_kinds_come_from_the_schema(yang):
    root = yang.grammar
    vrrp = root.child("interfaces").child("interface").child("unit").child("family").child("inet") \
        .child("address").child("vrrp-group")
    assert vrrp.kind == "list" and vrrp.keys == ("name",)
    assert vrrp.child("accept-data").kind == "flag"
    assert vrrp.child("preempt").kind == "container" and vrrp.child("preempt").presence
    assert vrrp.child("virtual-address").kind == "leaf-list"
    route = vrrp.child("track").child("route")
    assert route.keys == ("route_address", "routing-instance")
    assert route.child("route_address").nokeyword and not route.child("routing-instance").nokeyword
    then = root.child("policy-options").child("redundancy-policy").child("then")
    assert [c.name for c in then.nokeyword_children()] == ["mship-actions"]
    assert "broadcast-warning" in then.child("mship-actions").values
    assert root.child("system").child("host-name").kind == "leaf"  # the hand-made overlay
    assert root.child("groups").child("system") is root.child("system")


def _walk(srd_node, yang_node, path, problems):
    for child in srd_node.children():
        where = "/".join(path + (child.name,))
        if where in ("system", "groups/system"):
            assert yang_node.child(child.name) is child  # no model: the YANG grammar reuses this node
            continue
        other = yang_node.child(child.name)
        if not isinstance(other, YangGrammarNode):
            problems.append(f"{where}: not in the 24.4R1 models")
            continue
        for attr in ("kind", "keys", "presence", "ordered", "nokeyword", "oneliner", "flatten"):
            if getattr(child, attr) != getattr(other, attr):
                problems.append(f"{where}: {attr} {getattr(child, attr)!r} != YANG {getattr(other, attr)!r}")
        if child.values and set(child.values) != set(other.values):
            problems.append(f"{where}: values {child.values} != YANG {other.values}")
        _walk(child, other, path + (child.name,), problems)


def test_srd_grammar_agrees_with_yang(yang):
    problems: list[str] = []
    _walk(SRD_GRAMMAR, yang.grammar, (), problems)
    assert problems == []


def test_agreement_check_catches_a_wrong_grammar(yang):
    """Negative control for the walk above: a misspelt name and a wrong kind are reported."""
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax import container, flag, keyed_list

    wrong = container("configuration", container("services", container(
        "redundancy-set", keyed_list("rs-id-object", flag("redundancy-group"), flag("hold-tim"), nokeyword=True,
                                     ordered=True))))
    problems: list[str] = []
    _walk(wrong, yang.grammar, (), problems)
    assert problems == [
        "services/redundancy-set/rs-id-object/redundancy-group: kind 'flag' != YANG 'leaf'",
        "services/redundancy-set/rs-id-object/hold-tim: not in the 24.4R1 models",
    ]
