#!/usr/bin/env python3
"""Time offline validation of a pair at the seed's maximum sizes.

256 redundancy policies (128 acquire, 128 release), 256 events, 256 monitored
interfaces, 100 redundancy sets (the schema's id range), 16 redundancy groups,
100 service sets, VRRP tracking: the largest pair the rules allow.  Prints
the median of several runs for: reading + deriving + validating the pair
intent, validating two ready models, and a render/parse round trip.

    .venv/bin/python tools/bench/bench_validate.py [--runs 20]
"""

from __future__ import annotations

import argparse
import statistics
import time

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.validate import validate_configs
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_xml
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.render import render_xml_string

SETS = 100
POLICIES = 256


def max_pair() -> dict:
    events, policies, sets = [], [], []
    per_set: dict[int, list[str]] = {set_id: [] for set_id in range(1, SETS + 1)}
    for index in range(POLICIES // 2):
        set_id = index % SETS + 1
        events.append({"name": "ACQU_EV_%d" % index, "peer": "primary-role-release"})
        policies.append({"name": "ACQU_POL_%d" % index, "events": ["ACQU_EV_%d" % index],
                         "then": "acquire-primary-role",
                         "add_signal_route": {"prefix": "203.0.113.%d/32" % (set_id % 250), "receive": True,
                                              "routing_instance": "HA"}})
        events.append({"name": "RELS_EV_%d" % index,
                       "link_down": ["xe-%d/%d/%d" % (index // 32, (index // 8) % 4, index % 8),
                                     "et-%d/%d/%d" % (index // 32, (index // 8) % 4, index % 8)]})
        policies.append({"name": "RELS_POL_%d" % index, "events": ["RELS_EV_%d" % index],
                         "then": "release-primary-role",
                         "delete_signal_route": {"prefix": "203.0.113.%d/32" % (set_id % 250),
                                                 "routing_instance": "HA"}})
        per_set[set_id] += ["ACQU_POL_%d" % index, "RELS_POL_%d" % index]
    for set_id in range(1, SETS + 1):
        sets.append({"id": set_id, "redundancy_group": (set_id - 1) % 16 + 1, "policies": per_set[set_id],
                     "service_sets": ["SS_%d" % set_id]})

    def chassis(number: int) -> dict:
        return {"iccp_address": "192.0.2.%d" % number,
                "services_interface": {"name": "vms-%d/0/0" % number, "local_data_address": "198.51.100.%d" % number},
                "vrrp_groups": [{"interface": "ge-0/0/%d" % number, "unit": 0, "address": "192.0.2.%d/26" % (64 + number),
                                 "group": 10, "priority": 210 - 10 * number,
                                 "track_routes": [{"prefix": "203.0.113.1/32", "routing_instance": "HA",
                                                   "priority_cost": 150}]}]}

    return {"chassis": {"pair1-mx1": chassis(1), "pair1-mx2": chassis(2)},
            "iccp": {"authentication_key": "bench-key"}, "routing_instances": [{"name": "HA"}],
            "services_redundancy": {"routing_instance": "HA"},
            "redundancy_events": events, "redundancy_policies": policies, "redundancy_sets": sets}


def median_ms(func, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        func()
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=20)
    args = parser.parse_args()
    data = max_pair()
    pair = intent.load(data)
    errors = [str(v) for v in pair.violations if v.is_error]
    assert not errors, errors[:5]
    config = pair.configs["pair1-mx1"]
    print("pair at the maxima: %d policies, %d events, %d sets, %d groups, %d link-down per chassis"
          % (len(config.redundancy_policies), len(config.redundancy_events), len(config.redundancy_sets),
             len(config.group_ids()), sum(len(e.link_down) for e in config.redundancy_events.values())))
    print("intent -> models -> all rules (both chassis + pair): %.1f ms" % median_ms(lambda: intent.load(data),
                                                                                         args.runs))
    print("all rules on two ready models:                      %.1f ms"
          % median_ms(lambda: validate_configs(pair.configs), args.runs))
    text = render_xml_string(config)
    print("render XML (one chassis, %d kB):                    %.1f ms"
          % (len(text) // 1024, median_ms(lambda: render_xml_string(config), args.runs)))
    print("parse XML (one chassis):                            %.1f ms"
          % median_ms(lambda: parse_xml(text), args.runs))


if __name__ == "__main__":
    main()
