"""The collection's example pair (docs/examples/cgnat-pair.yml) as Junos XML per emulated chassis.

Derived the way the collection does it: intent.py reads the pair intent into one model per
chassis, xml_render.py renders each. The intent's hostnames are mapped onto the chassis of
emulated pair N in order (the first onto pairN-mx1). Each chassis also gets its ICCP local
address on lo0.0, as a real pair would have.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Optional

EXAMPLE = Path("docs") / "examples" / "cgnat-pair.yml"


def find_example(start: Optional[Path] = None) -> Path:
    """docs/examples/cgnat-pair.yml of the repository (from $MXSIM_SRD_EXAMPLE, the cwd or this file up)."""
    env = os.environ.get("MXSIM_SRD_EXAMPLE")
    if env:
        return Path(env)
    for base in [start or Path.cwd(), Path(__file__).resolve()]:
        for d in [base, *base.parents]:
            if (d / EXAMPLE).is_file():
                return d / EXAMPLE
    raise FileNotFoundError(f"{EXAMPLE} not found above {start or Path.cwd()} nor above {__file__}")


def pair_configs(path: Optional[Path] = None, pair: int = 1) -> dict[str, str]:
    """{chassis name: <configuration> XML text} for emulated pair `pair`."""
    import yaml

    from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml import render as xml_render

    data = yaml.safe_load(Path(path or find_example()).read_text())
    result = intent.load(data)
    if not result.ok:
        raise ValueError(f"the pair intent is not valid: {[str(v) for v in result.violations]}")
    out = {}
    for member, host in enumerate(result.hostnames, start=1):
        config = result.configs[host]
        root = xml_render.render_xml(config)
        address = config.local_iccp_address()
        if address:
            interfaces = root.find("interfaces")
            if interfaces is None:
                interfaces = ET.SubElement(root, "interfaces")
            lo0 = ET.fromstring(
                "<interface><name>lo0</name><unit><name>0</name><family><inet><address>"
                f"<name>{address}/32</name></address></inet></family></unit></interface>"
            )
            interfaces.insert(0, lo0)
        xml = xml_render.to_string(root)
        out[f"pair{pair}-mx{member}"] = xml
    return out


def sets_intent(count: int, name: str = "sets-pair1", placement: Optional[dict] = None) -> dict:
    """A pair intent (docs/pair-intent.md) with `count` redundancy sets (1-16), set N in redundancy group N, each with
    its own signal route 10.200.N.1/32 (HA), bare manual events, peer reactions, a critical link (xe-0/0/N on
    pair1-mx1, xe-1/0/N on pair1-mx2) and a VRRP group N on xe-?/1/0 tracking its route. `placement` maps set ids
    to the chassis (pair1-mx1 / pair1-mx2) each should be primary on. For benchmarks and tests of many sets."""
    if not 1 <= count <= 16:
        raise ValueError("1 to 16 sets (16 redundancy groups at most)")
    chassis = {}
    for member, (address, slot) in enumerate((("192.0.2.1", 0), ("192.0.2.2", 1)), start=1):
        chassis[f"pair1-mx{member}"] = {
            "iccp_address": address,
            "services_interface": {"name": f"vms-{member}/0/0", "local_data_address": f"198.51.100.{member}"},
            "vrrp_groups": [{"interface": f"xe-{slot}/1/0", "unit": n, "address": f"10.201.{n}.{member}/24",
                             "group": n, "priority": 200 if member == 1 else 190,
                             "virtual_addresses": [f"10.201.{n}.254"],
                             "track_routes": [{"prefix": f"10.200.{n}.1/32", "routing_instance": "HA",
                                               "priority_cost": 150}]} for n in range(1, count + 1)],
            "interfaces": {f"crit{n}": f"xe-{slot}/0/{n}" for n in range(1, count + 1)},
        }
    events, policies, sets = [], [], []
    for n in range(1, count + 1):
        events += [{"name": f"REL_CRIT_{n}", "link_down": [f"crit{n}"]}, {"name": f"REL_MAN_{n}"},
                   {"name": f"REL_PEER_{n}", "peer": "primary-role-acquire"},
                   {"name": f"ACQ_PEER_{n}", "peer": "primary-role-release"}, {"name": f"ACQ_MAN_{n}"}]
        route = {"prefix": f"10.200.{n}.1/32", "routing_instance": "HA"}
        policies += [{"name": f"ACQ_POL_{n}", "events": [f"ACQ_PEER_{n}", f"ACQ_MAN_{n}"], "then": "acquire",
                      "add_signal_route": dict(route, receive=True)},
                     {"name": f"REL_POL_{n}", "events": [f"REL_CRIT_{n}", f"REL_MAN_{n}", f"REL_PEER_{n}"],
                      "then": "release", "delete_signal_route": route}]
        rset = {"id": n, "redundancy_group": n, "policies": [f"ACQ_POL_{n}", f"REL_POL_{n}"]}
        if placement and n in placement:
            rset["primary"] = placement[n]
        sets.append(rset)
    return {"name": name, "chassis": chassis, "iccp": {"authentication_key": "bench-key"},
            "services_redundancy": {"routing_instance": "HA"}, "routing_instances": [{"name": "HA",
                                                                                    "instance_type": "virtual-router"}],
            "redundancy_events": events, "redundancy_policies": policies, "redundancy_sets": sets}
