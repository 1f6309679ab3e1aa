"""The modules' documented options are the domain's input format, field for field, and the
argument_spec is built from those docs (so spec, docs and model cannot drift apart)."""
from __future__ import annotations

import importlib

import pytest
import yaml

from ansible_collections.mxha.srd.plugins.module_utils.resource.argspec import spec_from_doc
from ansible_collections.mxha.srd.plugins.module_utils.resource.docs import SHARED_DOC
from ansible_collections.mxha.srd.plugins.module_utils.resource.runner import MODULES
from ansible_collections.mxha.srd.plugins.module_utils.srd.model import serialize
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCE_FIELDS, ChassisConfig, Iccp

MODULE_NAMES = sorted(MODULES)


def _module(name):
    return importlib.import_module("ansible_collections.mxha.srd.plugins.modules." + name)


def _doc(name) -> dict:
    return yaml.safe_load(_module(name).DOCUMENTATION)


def _expected_type(spec: serialize.F) -> tuple:
    """(type, elements) the docs must use for a serialize field."""
    if spec.nested is not None:
        return ("dict", None)
    if spec.list_of is not None:
        return ("list", "dict")
    if spec.items is not None:
        return ("list", {serialize.read_int: "int", serialize.read_str: "str"}[spec.items])
    return ({serialize.read_int: "int", serialize.read_bool: "bool"}.get(spec.read, "str"), None)


def _check_entry(cls, options: dict, where: str) -> None:
    specs = serialize.SPECS[cls]
    assert list(options) == [s.name for s in specs], "%s: documented fields differ from serialize.SPECS[%s]" % (
        where, cls.__name__)
    keys = serialize.KEY_FIELDS.get(cls, ())
    for spec in specs:
        doc = options[spec.name]
        assert (doc["type"], doc.get("elements")) == _expected_type(spec), "%s.%s" % (where, spec.name)
        # In keyed lists only the Junos keys are required: state=deleted names entries by key alone.
        if keys:
            expected_required = spec.name in keys and spec.required
        else:
            expected_required = spec.required
        assert bool(doc.get("required")) == expected_required, "%s.%s required" % (where, spec.name)
        child = spec.nested or spec.list_of
        if child is not None:
            _check_entry(child, doc["suboptions"], "%s.%s" % (where, spec.name))
        else:
            assert "suboptions" not in doc


def _field_class(name):
    return Iccp if name == "iccp" else serialize.COLLECTIONS[name][0]


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_documented_config_is_the_serialize_format(name):
    shape = MODULES[name]
    config = _doc(name)["options"]["config"]
    if shape.list_field:
        assert (config["type"], config["elements"]) == ("list", "dict")
        _check_entry(_field_class(shape.list_field), config["suboptions"], name)
    else:
        assert config["type"] == "dict"
        assert list(config["suboptions"]) == list(shape.fields)
        for field_name, doc in config["suboptions"].items():
            _check_entry(_field_class(field_name), doc["suboptions"], "%s.%s" % (name, field_name))


def test_redundancy_config_takes_the_per_resource_configs_together():
    """Same field docs in redundancy_config as in the per-resource module owning the field."""
    together = _doc("redundancy_config")["options"]["config"]["suboptions"]
    assert list(together) == list(ChassisConfig.__dataclass_fields__)
    for name, shape in MODULES.items():
        if name == "redundancy_config":
            continue
        own = _doc(name)["options"]["config"]
        for field_name in shape.fields:
            subs = own["suboptions"] if shape.list_field else own["suboptions"][field_name]["suboptions"]
            assert together[field_name]["suboptions"] == subs, field_name
    assert {f for r in RESOURCE_FIELDS.values() for f in r} == set(together)


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_argument_spec_comes_from_the_docs_and_hides_keys(name):
    spec = spec_from_doc(_module(name).DOCUMENTATION, SHARED_DOC)
    assert set(spec) == {"config", "state", "running_config", "config_mode", "confirm_timeout", "confirm", "comment"}
    assert spec["state"]["choices"] == ["merged", "replaced", "overridden", "deleted", "gathered", "rendered", "parsed"]
    assert spec["state"]["default"] == "merged"
    found = []

    def walk(options, path):
        for key, value in options.items():
            if key == "authentication_key":
                assert value.get("no_log") is True, path + key
                found.append(path + key)
            walk(value.get("options", {}), path + key + ".")
    walk(spec, "")
    assert bool(found) == (name in ("redundancy_groups", "redundancy_config"))


@pytest.mark.parametrize("name", MODULE_NAMES)
def test_docs_examples_and_return_are_yaml_and_examples_use_the_module(name):
    module = _module(name)
    doc = _doc(name)
    assert doc["module"] == name
    assert "mxha.srd.resource" in doc["extends_documentation_fragment"]
    examples = yaml.safe_load(module.EXAMPLES)
    used = [t for t in examples if "mxha.srd." + name in t]
    states = {t["mxha.srd." + name].get("state", "merged") for t in used}
    assert states >= {"merged", "gathered", "rendered", "parsed", "deleted"}, states
    returned = yaml.safe_load(module.RETURN)
    assert {"before", "after", "commands", "gathered", "rendered", "parsed", "rpc_stats"} <= set(returned)


def test_every_shared_description_is_text():
    """A ': ' in a plain YAML scalar silently turns a sentence into a mapping."""
    doc = yaml.safe_load(SHARED_DOC)
    for name, option in doc["options"].items():
        assert all(isinstance(line, str) for line in option["description"]), name
    assert all(isinstance(note, str) for note in doc["notes"])


def test_return_docs_are_one_text():
    """ansible-doc takes no doc fragments for RETURN, so every resource module carries the same
    literal: the per-resource ones differ from redundancy_config's only where a resource's config
    is a list rather than a dict. Edit them together (this test names the one that drifted)."""
    reference = yaml.safe_load(_module("redundancy_config").RETURN)
    for name in MODULE_NAMES:
        returned = yaml.safe_load(_module(name).RETURN)
        assert set(returned) == set(reference), name
        for key, entry in returned.items():
            expected = dict(reference[key])
            if entry.get("type") == "list" and expected.get("type") == "dict":
                expected["type"] = "list"
            assert entry == expected, "%s: RETURN.%s differs from redundancy_config's" % (name, key)


FLEET_MODULES = ("pair_deploy", "pair_drift", "pair_switchover")


def test_fleet_return_docs_are_one_text():
    """The fleet actions return one shape (plugin_utils/fleet_action.py builds it for all of them), and
    RETURN takes no doc fragment: the literals must stay the same (this test names the one that drifted)."""
    reference = yaml.safe_load(_module(FLEET_MODULES[0]).RETURN)
    assert {"report", "table", "msg", "ok", "failure", "failed_hosts", "pairs", "files"} <= set(reference)
    for name in FLEET_MODULES[1:]:
        assert yaml.safe_load(_module(name).RETURN) == reference, "%s: RETURN differs from %s's" % (
            name, FLEET_MODULES[0])
