# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The imported intent as YAML text, with comments saying where each part came from.

Written by hand (the domain uses the standard library only) for the one shape a pair intent has:
mappings, lists of mappings, short lists of scalars in flow style, and scalars quoted whenever YAML
could read them as anything but the string they are (``"10"``, ``"yes"``, a date). A test loads the
text back with a YAML parser and compares it with the intent.

The ICCP key is written one of three ways (``KEY_MODES``): ``vault`` (an ``!vault`` value the caller
encrypted: the domain never sees a vault secret), ``placeholder`` (the mask, which the intent reader
refuses, so nobody deploys a made-up key by accident) or ``clear`` (as the chassis shows it, only when
asked: Junos' ``$9$`` form is an obfuscation anyone can undo).
"""
from __future__ import annotations

import copy
import json
import re
import textwrap
from typing import Optional

from ansible_collections.mxha.srd.plugins.module_utils.srd.adopt.build import INFO, Adoption
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.secret import MASK, Secret

KEY_MODES = ("vault", "placeholder", "clear")
KEY_PATH = ("iccp", "authentication_key")
WIDTH = 110

_PLAIN = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_./-]*$")
_RESERVED = {"y", "n", "yes", "no", "true", "false", "on", "off", "null", "~"}
_DATE = re.compile(r"^\d{4}-\d\d?-\d\d?")


def _numberish(text: str) -> bool:
    for attempt in (lambda t: float(t.replace("_", "")), lambda t: int(t.replace("_", ""), 0)):
        try:
            attempt(text)
            return True
        except ValueError:
            continue
    return bool(_DATE.match(text))


def scalar(value) -> str:
    """A YAML scalar that reads back as exactly ``value``."""
    if value is True:
        return "true"
    if value is False:
        return "false"
    if value is None:
        return "null"
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _PLAIN.match(text) and text.lower() not in _RESERVED and not _numberish(text):
        return text
    return json.dumps(text)


def _is_scalar(value) -> bool:
    return value is None or isinstance(value, (str, int, bool))


class _Writer:
    def __init__(self, notes: dict, inline: dict, special: dict):
        self.notes, self.inline, self.special = notes, inline, special
        self.out: list[str] = []

    def comment(self, path: tuple, indent: int) -> None:
        text = self.notes.get(path)
        if text:
            for line in textwrap.wrap(text, max(40, WIDTH - indent - 2), break_on_hyphens=False,
                                      break_long_words=False):
                self.out.append("%s# %s" % (" " * indent, line))

    def line(self, text: str, path: tuple) -> str:
        note = self.inline.get(path)
        return "%s  # %s" % (text, note) if note else text

    def mapping(self, data: dict, path: tuple, indent: int) -> None:
        pad = " " * indent
        for key, value in data.items():
            here = path + (key,)
            self.comment(here, indent)
            head = "%s%s:" % (pad, scalar(key))
            if here in self.special:
                self.out.extend(self.special[here](head, indent))
            elif _is_scalar(value):
                self.out.append(self.line("%s %s" % (head, scalar(value)), here))
            elif isinstance(value, list) and all(_is_scalar(v) for v in value):
                self.out.append(self.line("%s [%s]" % (head, ", ".join(scalar(v) for v in value)), here))
            elif isinstance(value, dict) and not value:
                self.out.append(self.line("%s {}" % head, here))
            elif isinstance(value, dict):
                self.out.append(self.line(head, here))
                self.mapping(value, here, indent + 2)
            else:
                self.out.append(self.line(head, here))
                self.sequence(value, here, indent + 2)

    def sequence(self, items: list, path: tuple, indent: int) -> None:
        pad = " " * indent
        for index, item in enumerate(items):
            here = path + (index,)
            self.comment(here, indent)
            if isinstance(item, dict) and item:
                mark = len(self.out)
                self.mapping(item, here, indent + 2)
                first = next(i for i in range(mark, len(self.out)) if not self.out[i].lstrip().startswith("#"))
                self.out[first] = pad + "- " + self.out[first][indent + 2:]
            else:
                self.out.append("%s- %s" % (pad, scalar(item)))


def _wrapped(text: str, prefix: str) -> list[str]:
    """``text`` as comment lines: the first after ``prefix``, the rest aligned under its text."""
    lines = textwrap.wrap(text, WIDTH - len(prefix), break_on_hyphens=False, break_long_words=False)
    hang = "#" + " " * (len(prefix) - 1)
    return [(prefix if i == 0 else hang) + line for i, line in enumerate(lines)] or [prefix.rstrip()]


def key_lines(mode: str, secret: Optional[Secret], vault_lines: Optional[list] = None) -> tuple:
    """(comment lines, a writer for the key's own line) for one of KEY_MODES."""
    if mode not in KEY_MODES:
        raise ValueError("the ICCP key is written as one of %s, not %r" % (", ".join(KEY_MODES), mode))
    if mode == "vault" and not vault_lines:
        raise ValueError("a vaulted key needs its vault text")

    def write(head: str, indent: int) -> list[str]:
        pad = " " * indent
        if mode == "vault":
            return ["%s !vault |" % head] + ["%s  %s" % (pad, line) for line in vault_lines]
        if mode == "clear":
            return ["%s %s" % (head, json.dumps(secret.reveal() if secret is not None else ""))]
        return ["%s %s" % (head, json.dumps(MASK))]

    notes = {
        "vault": "the key both chassis hold, vaulted with this run's vault secret",
        "clear": "the key as the chassis show it, written because it was asked for (iccp_key: clear); Junos' $9$ "
                 "form is an obfuscation anyone can undo: keep this file as secret as the key",
        "placeholder": "PLACEHOLDER: both chassis hold an ICCP key, not written here. Put it in its place, vaulted "
                       "(ansible-vault encrypt_string --name authentication_key), or import again with a vault "
                       "secret; until then the collection refuses this intent rather than deploy a wrong key",
    }
    return notes[mode], write


def verdict(adoption: Adoption) -> str:
    """One sentence: what deploying the imported intent to the same pair would do."""
    if not adoption.reproduces:
        return ("this intent does NOT reproduce the pair: a deploy would change it (the findings say where and why, "
                "and which chassis).")
    if not adoption.exact:
        return ("this intent gives each chassis exactly what it holds, but the findings hold errors (rules the "
                "chassis' configuration breaks, or statements that could not be read): a deploy refuses an intent "
                "that breaks a rule before touching the pair.")
    return "deploying this intent to the same pair changes nothing (state overridden: zero changes, no lock)."


def plain_intent(adoption: Adoption, mode: str = "placeholder") -> dict:
    """The intent as plain data, the key as the rendered text says (the mask unless ``clear``)."""
    data = copy.deepcopy(dict(adoption.intent))
    if adoption.key is not None and "iccp" in data:
        data["iccp"]["authentication_key"] = adoption.key.reveal() if mode == "clear" else MASK
    return data


def render(adoption: Adoption, key_mode: str = "placeholder", vault_lines: Optional[list] = None,
           stamp: str = "", by: str = "mxha.srd.pair_import") -> list[str]:
    """The intent file as lines (no newline characters inside them)."""
    notes = dict(adoption.notes)
    special = {}
    if adoption.key is not None:
        text, write = key_lines(key_mode, adoption.key, vault_lines)
        notes[KEY_PATH] = text
        special[KEY_PATH] = write
    writer = _Writer(notes, adoption.inline, special)
    out = ["---"]
    out += _wrapped("Pair intent of %s, imported by %s%s (docs/adopt.md)." % (
        " and ".join(adoption.chassis), by, (" at %s" % stamp) if stamp else ""), "# ")
    for name in adoption.chassis:
        out += _wrapped("%s: %s" % (name, adoption.sources[name].origin or "read"), "#   ")
    out += _wrapped("Loaded back and compared with both chassis: %s" % verdict(adoption), "# ")
    shown = [f for f in adoption.findings if f.severity != INFO] + [f for f in adoption.findings if f.severity == INFO]
    if shown:
        out.append("# Findings:")
        for finding in shown:
            out += _wrapped("%s: %s" % (finding.severity if finding.severity != INFO else "note", finding), "#   - ")
    out.append("")
    writer.mapping(adoption.intent, (), 0)
    out += writer.out
    for title, lists in (("SRD statements the model does not cover, kept verbatim as each chassis has them (a deploy "
                          "leaves them as they are):", adoption.unmodelled()),
                         ("Inactive SRD statements (not in effect, so not in the intent; a deploy leaves them as they "
                          "are):", adoption.inactive())):
        if any(lists.values()):
            out.append("")
            out += _wrapped(title, "# ")
            for name in adoption.chassis:
                if lists[name]:
                    out.append("#   %s:" % name)
                    out += ["#     %s" % line for line in lists[name]]
    return out


__all__ = ["KEY_MODES", "render", "plain_intent", "scalar", "verdict"]
