"""CLI commands for the <command> RPC: a registry of `show ...`/`request ...` handlers and pipes.

A handler is registered with `@command("show version")`, gets the session and a Request (the
remaining words, the display: "xml", "text", "json" or "set", and any `| compare`) and returns
an Output. Words may be abbreviated as on Junos ("sh ver"). The registry does not import its
members: mxsim.builtin imports the command modules (and command_rpc.py, the <command> RPC);
a plugin registers its own.

May import: the RPC handlers (mxsim.rpc) and everything below them.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Callable

from lxml import etree

from ..errors import Error, RpcFailure, fail
from ..rpc.replies import RawText
from ..xmlutil import children

if TYPE_CHECKING:
    from ..state.session import SessionState


@dataclass
class Output:
    """What a command produced. `xml` for format xml; `text` (wrapped in <output>) or a ready
    `text_element` for format text; `raw` for replies that already are the final body."""

    xml: etree._Element | None = None
    text: str | None = None
    text_element: etree._Element | None = None
    raw: Any = None


@dataclass
class Request:
    """One parsed command line: words after the command, display format, `| compare` words."""

    args: list[str]
    display: str
    compare: list[str] | None = None


CommandFn = Callable[["SessionState", Request], Output]


@dataclass
class Command:
    words: tuple[str, ...]
    fn: CommandFn


_COMMANDS: list[Command] = []


def command(line: str) -> Callable[[CommandFn], CommandFn]:
    def deco(fn: CommandFn) -> CommandFn:
        _COMMANDS.append(Command(tuple(line.split()), fn))
        _COMMANDS.sort(key=lambda c: -len(c.words))
        return fn

    return deco


def match(words: list[str]) -> tuple[Command, list[str]]:
    """Longest registered command whose words the input starts with (abbreviations allowed)."""
    for cmd in _COMMANDS:
        n = len(cmd.words)
        if len(words) >= n and all(cmd.words[i].startswith(words[i]) for i in range(n)):
            return cmd, words[n:]
    known = {c.words[0] for c in _COMMANDS}
    bad = next((w for w in words if w not in known), words[0] if words else "")
    raise RpcFailure(Error(f"syntax error, expecting <command>: {bad}", type="protocol", bad_element=bad))


def run(session: "SessionState", line: str, fmt: str) -> Any:
    """Execute one CLI line with pipes; returns the reply body."""
    parts = [p.strip() for p in line.split("|")]
    words = parts[0].split()
    if not words:
        raise fail("syntax error, expecting <command>", type="protocol")
    display = fmt
    compare = None
    filters: list[list[str]] = []
    for pipe in parts[1:]:
        pw = pipe.split()
        if not pw:
            raise fail("syntax error after '|'", type="protocol")
        if "display".startswith(pw[0]) and len(pw) > 1 and pw[1] in ("xml", "json", "set"):
            display = pw[1]
        elif pw[0] in ("no-more", "display"):
            continue
        elif "compare".startswith(pw[0]) and len(pw[0]) >= 4:
            compare = pw[1:]
        else:
            filters.append(pw)
    cmd, args = match(words)
    out = cmd.fn(session, Request(args, display, compare))
    if out.raw is not None:
        return out.raw
    if display == "json" and out.xml is not None:
        return RawText(json.dumps(op_json(out.xml), indent=4))
    if display in ("xml", "json") and out.xml is not None:
        return out.xml
    if out.text_element is not None and not filters:
        return out.text_element
    text = out.text
    if text is None and out.text_element is not None:
        text = "".join(out.text_element.itertext())
    if text is None:
        return out.xml
    el = etree.Element("output")
    el.text = apply_filters(text, filters)
    return el


def apply_filters(text: str, filters: list[list[str]]) -> str:
    lines = text.splitlines()
    for f in filters:
        name, arg = f[0], " ".join(f[1:]).strip('"')
        if "match".startswith(name):
            lines = [ln for ln in lines if re.search(arg, ln)]
        elif "except".startswith(name):
            lines = [ln for ln in lines if not re.search(arg, ln)]
        elif "count".startswith(name):
            lines = [f"Count: {len(lines)} lines"]
        elif "last".startswith(name):
            lines = lines[-int(arg or 1) :]
        else:
            raise fail(f"syntax error, unsupported pipe: {name}", type="protocol", bad_element=name)
    return "\n".join(lines) + "\n"


def op_json(e: etree._Element) -> dict[str, Any]:
    """Junos JSON for operational output: every element a list, leaves as {"data": text}."""

    def conv(x: etree._Element) -> dict[str, Any]:
        kids = children(x)
        if not kids:
            return {"data": x.text or ""}
        out: dict[str, Any] = {}
        for k in kids:
            out.setdefault(etree.QName(k).localname, []).append(conv(k))
        return out

    return {etree.QName(e).localname: [conv(e)]}
