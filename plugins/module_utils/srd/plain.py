# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""User input as plain Python data, with a bound on what it may expand to.

Every plugin that hands user input to the domain first copies it into plain ``dict``, ``list``,
``str``, ``int``, ``float``, ``bool`` and ``None``: Ansible passes its own subclasses (data tagging
in ansible-core 2.19: ``_AnsibleTaggedStr`` ...), vaulted values that decrypt on ``str()``, and
mappings such as hostvars.  That copy is the one place where input can *grow*: YAML anchors and
aliases load as shared references (a few hundred bytes of nested aliases are billions of nodes once
walked), so a naive copy hangs and eats memory long before anything reads the data.
:func:`plain_copy` counts every node it visits, shared references included, and stops with an
:class:`~errors.InputError` naming where and the limit as soon as the input is bigger than any
real pair intent or registered result.  It lives in the domain (standard library only) so that
every action plugin, and the fleet actions to come, share one bound rather than one each.
"""

from __future__ import annotations

from collections.abc import Mapping

from ansible_collections.mxha.srd.plugins.module_utils.srd.errors import InputError

MAX_NODES = 200_000
"""Values a copy may visit: a 128-set pair intent is a few thousand; a registered read about as many."""
MAX_DEPTH = 64
"""Nesting a copy may enter: a pair intent nests about 6 deep; a recursive structure never ends."""

_SCALARS = (str, bool, int, float, type(None))


class _TooBig(Exception):
    """Raised down the copy; each level adds its key on the way up, so the message says where."""

    def __init__(self, what: str) -> None:
        super().__init__(what)
        self.what = what
        self.parts: list[str] = []


def plain_copy(value, *, max_nodes: int = MAX_NODES, max_depth: int = MAX_DEPTH, path: str = "the input"):
    """``value`` as plain Python data; InputError if it holds more than ``max_nodes`` values or nests
    deeper than ``max_depth``.

    Mappings become ``dict`` (keys plain scalars, other keys their ``str()``), lists, tuples and sets
    become ``list``, ``bool``/``int``/``float``/``str`` subclasses their base type, ``None`` stays, and
    anything else its ``str()`` (a vaulted value decrypts; one that cannot is an InputError).  Every
    node visited counts, so an aliased structure is measured as it would be expanded, and the copy
    stops as soon as it passes the bound: it costs at most ``max_nodes`` steps whatever the input.
    ``path`` names the input in the message (``"intent"``, ``"configs.pair1-mx1"``).
    """
    budget = [max_nodes]
    try:
        return _copy(value, budget, max_depth)
    except _TooBig as exc:
        where = "".join(reversed(exc.parts)).lstrip(".") or "the top"
        if len(where) > 120:
            where = where[:117] + "..."
        if exc.what == "depth":
            raise InputError("%s nests deeper than %d levels, the limit (does it contain itself?); stopped at %s."
                             % (path, max_depth, where)) from None
        raise InputError("%s expands to more than %d values, the limit (YAML aliases count every time they are "
                         "used); stopped at %s." % (path, max_nodes, where)) from None


def _copy(value, budget: list, depth: int):
    budget[0] -= 1
    if budget[0] < 0:
        raise _TooBig("nodes")
    if isinstance(value, _SCALARS):
        return _scalar(value)
    if depth <= 0:
        raise _TooBig("depth")
    if isinstance(value, Mapping):
        out = {}
        for key, item in value.items():
            plain_key = _scalar(key) if isinstance(key, _SCALARS) else _text(key)
            try:
                out[plain_key] = _copy(item, budget, depth - 1)
            except _TooBig as exc:
                exc.parts.append(".%s" % _short_key(plain_key))
                raise
        return out
    if isinstance(value, (list, tuple, set, frozenset)):
        out_list = []
        for index, item in enumerate(value):
            try:
                out_list.append(_copy(item, budget, depth - 1))
            except _TooBig as exc:
                exc.parts.append("[%d]" % index)
                raise
        return out_list
    return _text(value)


def type_name(value) -> str:
    """The name of ``value``'s type as a user knows it, for messages.

    ansible-core 2.19 hands plugins its own subclasses of the standard types (``_AnsibleTaggedInt``,
    ``_AnsibleTaggedList``, ``_AnsibleTaggedStr`` ...), whose names mean nothing to a user: the first
    standard type a value's type derives from is named instead (``int``, ``list``, ``str``); a type that
    derives from none keeps its own name.
    """
    cls = type(value)
    for base in cls.__mro__:
        if base.__module__ == "builtins" and base is not object:
            return base.__name__
    return cls.__name__


def _scalar(value):
    """A tagged or subclassed scalar as its plain type (``bool`` before ``int``: it is one)."""
    if value is None or type(value) in _SCALARS:
        return value
    if isinstance(value, bool):
        return bool(value)
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return float(value)
    return _text(value)


def _text(value) -> str:
    try:
        return str(value)
    except Exception as exc:  # pylint: disable=broad-except  # a vaulted value that cannot be decrypted
        raise InputError("cannot read a value of the input (%s): %s" % (type_name(value), exc)) from None


def _short_key(key) -> str:
    text = str(key)
    return text if len(text) <= 40 else text[:37] + "..."
