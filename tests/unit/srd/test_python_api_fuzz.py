# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The domain's entry points for user data, fuzzed with what a Python caller can pass, not only what YAML
gives: tuples, sets, frozensets, bytes, NaN, huge integers, booleans for numbers, odd keys, nesting. Each
either returns or raises SrdError (InputError); any other exception is a crash.

Most examples are the shipped pair (or its model, or a state) with a few values or keys replaced deep
inside, where the readers format what they read into messages; the rest are arbitrary values.
"""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from ansible_collections.mxha.srd.plugins.action.simulate import load_pair, simulate
from ansible_collections.mxha.srd.plugins.module_utils.srd.drift.compare import device_model
from ansible_collections.mxha.srd.plugins.module_utils.srd.engine.index import compile_pair
from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import SrdError
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.report import from_configs, from_intent
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import parse_config
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import pair_state_from_facts
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_from_dict, chassis_to_dict
from ansible_collections.mxha.srd.plugins.module_utils.srd.plain import plain_copy

from .helpers import example_data, load_example
from .strategies import PYTHON_VALUES, mutations_of

FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow,
                                                                         HealthCheck.data_too_large])
INTENT = example_data()
PAIR = load_example()
COMPILED = compile_pair(PAIR.configs)
MODEL = {name: chassis_to_dict(config, reveal=True) for name, config in PAIR.configs.items()}
STATE = {"pair1-mx1": {"daemon": "enabled", "redundancy_sets": {"1": "primary"},
                       "signal_routes": [{"prefix": "203.0.113.100/32", "routing_instance": "HA"}]},
         "pair1-mx2": {"daemon": "enabled", "redundancy_sets": {"1": "standby"}}}
RELEASE = {"trigger": {"chassis": "pair1-mx1", "redundancy_set": 1, "event": "RELS_MSHIP_MANUAL_EV", "force": False}}


def returns_or_refuses(call) -> None:
    """``call()`` returns, or raises SrdError; anything else fails the test with the exception."""
    try:
        call()
    except SrdError:
        pass


def _with(data: dict, path: tuple, value) -> dict:
    """``data`` with the value at ``path`` replaced (a copy)."""
    if len(path) == 1:
        return dict(data, **{path[0]: value}) if isinstance(path[0], str) else {**data, path[0]: value}
    inner = data[path[0]]
    if isinstance(inner, list):
        inner = list(inner)
        inner[path[1]] = _with(inner[path[1]], path[2:], value) if len(path) > 2 else value
        return dict(data, **{path[0]: inner})
    return dict(data, **{path[0]: _with(inner, path[1:], value)})


# What the fuzzing found (20,000 examples, 21 crashes): %-formatting a tuple in the intent reader.
TUPLE_PROCESS_EVENT = _with(INTENT, ("redundancy_events", 0, "process_routing"), [("restart", "abort")])
TUPLE_HOSTNAME = dict(INTENT, chassis={("pair1", "mx1"): INTENT["chassis"]["pair1-mx1"],
                                       "pair1-mx2": INTENT["chassis"]["pair1-mx2"]})
TUPLE_ALIAS = _with(INTENT, ("chassis", "pair1-mx1", "interfaces"), {("a", "b"): "xe-0/0/1"})


@FUZZ
@given(mutations_of(INTENT) | PYTHON_VALUES)
@example(TUPLE_PROCESS_EVENT)
@example(TUPLE_HOSTNAME)
@example(TUPLE_ALIAS)
def test_the_intent_readers(data):
    returns_or_refuses(lambda: intent.read(data))
    returns_or_refuses(lambda: intent.load(data))
    returns_or_refuses(lambda: from_intent(data))
    returns_or_refuses(lambda: from_intent(plain_copy(data)))      # what mxha.srd.validate does
    returns_or_refuses(lambda: load_pair(data))                     # what mxha.srd.simulate does


@FUZZ
@given(mutations_of(MODEL["pair1-mx1"]) | PYTHON_VALUES)
@example(dict(MODEL["pair1-mx1"], iccp=dict(MODEL["pair1-mx1"]["iccp"], peers=[("192.0.2.2",)])))
def test_the_model_readers(data):
    returns_or_refuses(lambda: chassis_from_dict(data))
    returns_or_refuses(lambda: chassis_from_dict(data, "config.pair1-mx1"))
    returns_or_refuses(lambda: load_pair({"pair1-mx1": data, "pair1-mx2": MODEL["pair1-mx2"]}))
    returns_or_refuses(lambda: device_model(data, PAIR.configs["pair1-mx1"]))      # mxha.srd.drift_report


@FUZZ
@given(mutations_of(STATE) | PYTHON_VALUES)
def test_the_state_reader_and_simulate(state):
    returns_or_refuses(lambda: pair_state_from_facts(state, COMPILED))
    returns_or_refuses(lambda: pair_state_from_facts(state, COMPILED, default_routes=False))
    returns_or_refuses(lambda: simulate(INTENT, state, RELEASE))


@FUZZ
@given(mutations_of(MODEL) | mutations_of(INTENT, max_changes=1))
def test_simulate_on_any_config(config):
    returns_or_refuses(lambda: simulate(config, None, {"disable_daemon": "pair1-mx1"}))
    returns_or_refuses(lambda: simulate(config, STATE, RELEASE, check_config=False))


@FUZZ
@given(PYTHON_VALUES, PYTHON_VALUES | st.sampled_from(["auto", "xml", "set", "text"]))
@example({("pair", 1): ("set event-options redundancy-event E1 monitor sideways", "set")}, "auto")
def test_the_configuration_readers(texts, fmt):
    returns_or_refuses(lambda: from_configs(texts))
    returns_or_refuses(lambda: from_configs({"pair1-mx1": (texts, fmt)}))
    returns_or_refuses(lambda: from_configs({"pair1-mx1": (plain_copy(texts), fmt)}))  # mxha.srd.validate
    returns_or_refuses(lambda: parse_config(texts, fmt))


@FUZZ
@given(PYTHON_VALUES, st.integers(-1, 1000), st.integers(-1, 100))
def test_plain_copy(value, max_nodes, max_depth):
    returns_or_refuses(lambda: plain_copy(value))
    returns_or_refuses(lambda: plain_copy(value, max_nodes=max_nodes, max_depth=max_depth, path="x"))
