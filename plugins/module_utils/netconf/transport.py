# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The only code in mxha.srd that speaks NETCONF.

Everything goes through ``Transport.rpc``, which counts and times each RPC (``rpc_stats`` in results)
and turns every ``<rpc-error>`` into structured data. ``Transaction`` wraps the configuration
steps so that a failure at any point discards what was loaded and releases the lock: no stale lock,
no dirty candidate, whatever went wrong.

The transport itself needs only a ``send(xml: str) -> str`` function: in modules and action plugins
that is the persistent ``ansible.netcommon.netconf`` connection (``connection_sender``); in tests it
can be any real NETCONF client.
"""
from __future__ import annotations

import re
import time
import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Callable, Optional

Sender = Callable[[str], str]

_RPC_ERROR_RE = re.compile(r"<(?:[\w.-]+:)?rpc-error\b.*?</(?:[\w.-]+:)?rpc-error>", re.S)


def local_name(tag: str) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def strip_namespaces(elem: ET.Element) -> ET.Element:
    """Drop namespaces from tags and attributes in place (Junos replies mix several)."""
    for node in elem.iter():
        if isinstance(node.tag, str):
            node.tag = local_name(node.tag)
        for key in list(node.attrib):
            if key.startswith("{"):
                node.attrib[local_name(key)] = node.attrib.pop(key)
    return elem


def _child_text(elem: ET.Element, name: str) -> Optional[str]:
    for node in elem.iter():
        if local_name(node.tag) == name and node.text and node.text.strip():
            return node.text.strip()
    return None


@dataclass(frozen=True)
class RpcErrorDetail:
    """One ``<rpc-error>`` as Junos reports it.

    ``info`` holds the children of ``<error-info>`` by name (RFC 6241 section 4.3: ``bad-element``,
    ``session-id`` of a lock's holder ...): the structured fields callers prefer to the message text.
    """

    severity: str
    message: str
    path: Optional[str] = None
    element: Optional[str] = None
    tag: Optional[str] = None
    type: Optional[str] = None
    info: tuple = ()

    @classmethod
    def from_element(cls, err: ET.Element) -> "RpcErrorDetail":
        info = []
        for node in err.iter():
            if local_name(node.tag) != "error-info":
                continue
            for item in node:
                text = " ".join((item.text or "").split())
                info.append((local_name(item.tag), text))
        return cls(
            severity=_child_text(err, "error-severity") or "error",
            message=_child_text(err, "error-message") or "(no error-message)",
            path=_child_text(err, "error-path"),
            element=_child_text(err, "bad-element"),
            tag=_child_text(err, "error-tag"),
            type=_child_text(err, "error-type"),
            info=tuple(info),
        )

    def info_value(self, name: str) -> Optional[str]:
        """The text of ``<error-info><NAME>``, None when the error has none."""
        for key, value in self.info:
            if key == name:
                return value
        return None

    def as_dict(self) -> dict:
        out = {k: v for k, v in self.__dict__.items() if v is not None and k != "info"}
        if self.info:
            out["info"] = dict(self.info)
        return out

    def __str__(self) -> str:
        where = " ".join(x for x in (self.path, self.element and f"'{self.element}'") if x)
        return f"{self.severity}: {where + ': ' if where else ''}{self.message}"


class NetconfError(Exception):
    """Base of the transport's errors; ``rpc`` names the RPC that failed."""

    def __init__(self, rpc: str, message: str):
        super().__init__(message)
        self.rpc = rpc


class RpcError(NetconfError):
    """The device answered with one or more ``<rpc-error>`` of severity error."""

    def __init__(self, rpc: str, errors: list[RpcErrorDetail]):
        self.errors = errors
        super().__init__(rpc, f"{rpc} failed: " + "; ".join(str(e) for e in errors))


class SessionLost(NetconfError):
    """The session broke (dropped, timed out, refused): the device state is unknown until re-read."""


def parse_rpc_errors(text: str) -> list[RpcErrorDetail]:
    """Every ``<rpc-error>`` in a reply or in a connection error message (which embeds the XML)."""
    found = []
    for chunk in _RPC_ERROR_RE.findall(text or ""):
        # The fragment may use a namespace prefix declared on an ancestor we did not capture.
        chunk = re.sub(r"<(/?)[\w.-]+:", r"<\1", chunk)
        chunk = re.sub(r"\s+xmlns(?::[\w.-]+)?=\"[^\"]*\"", "", chunk)
        try:
            found.append(RpcErrorDetail.from_element(ET.fromstring(chunk)))
        except ET.ParseError:
            found.append(RpcErrorDetail(severity="error", message=chunk))
    return found


@dataclass
class RpcStats:
    """What a task spent on the device, reported as ``rpc_stats``."""

    rpcs: int = 0
    seconds: float = 0.0
    by_rpc: dict = field(default_factory=dict)
    sent: list = field(default_factory=list)
    checks: int = 0  # commit-configuration <check/>: counted as an RPC, not as a commit

    def record(self, name: str, seconds: float, check: bool = False) -> None:
        self.checks += int(check)
        self.rpcs += 1
        self.seconds += seconds
        self.by_rpc[name] = self.by_rpc.get(name, 0) + 1
        self.sent.append(name)

    @property
    def locks(self) -> int:
        return sum(self.by_rpc.get(n, 0) for n in ("lock", "lock-configuration", "open-configuration"))

    @property
    def commits(self) -> int:
        return self.by_rpc.get("commit-configuration", 0) + self.by_rpc.get("commit", 0) - self.checks

    def as_dict(self) -> dict:
        return {"rpcs": self.rpcs, "seconds": round(self.seconds, 4), "locks": self.locks,
                "commits": self.commits, "commit_checks": self.checks, "by_rpc": dict(self.by_rpc), "sent": list(self.sent)}


def is_commit_check(elem: ET.Element) -> bool:
    """``<commit-configuration><check/>``: validates only, so it must not count as a commit."""
    return local_name(elem.tag) == "commit-configuration" and any(local_name(c.tag) == "check" for c in elem)


class Transport:
    """Raw Junos RPCs over one NETCONF session, counted."""

    def __init__(self, send: Sender, clock: Callable[[], float] = time.monotonic):
        self._send = send
        self._clock = clock
        self.stats = RpcStats()
        self.warnings: list[RpcErrorDetail] = []
        # The text of the last reply exactly as received (None after a send that raised): the
        # compatibility check keeps it, so that a user's report can be replayed against the parser.
        self.last_reply: Optional[str] = None

    def rpc(self, request: "str | ET.Element") -> ET.Element:
        """Send one RPC; return the reply's content (namespace-free), raise on any error."""
        if isinstance(request, ET.Element):
            elem, xml = request, ET.tostring(request, encoding="unicode")
        else:
            elem, xml = ET.fromstring(request), request
        name, check = local_name(elem.tag), is_commit_check(elem)
        start = self._clock()
        self.last_reply = None
        try:
            raw = self._send(xml)
        except RpcError:
            raise
        except Exception as exc:  # the connection plugin reports device errors as text
            errors = parse_rpc_errors(str(exc))
            self.stats.record(name, self._clock() - start, check)
            if not errors:
                raise SessionLost(name, f"{name}: NETCONF session failed: {exc}") from None
            self.last_reply = str(exc)
            return self._accept_warnings(name, errors, str(exc))
        self.stats.record(name, self._clock() - start, check)
        self.last_reply = raw
        reply = strip_namespaces(ET.fromstring(raw)) if raw and raw.strip() else ET.Element("ok")
        errors = [RpcErrorDetail.from_element(e) for e in reply.iter() if local_name(e.tag) == "rpc-error"]
        if errors:
            self._accept_warnings(name, errors, raw)
        return reply

    def _accept_warnings(self, name: str, errors: list[RpcErrorDetail], raw: str) -> ET.Element:
        fatal = [e for e in errors if e.severity != "warning"]
        if fatal:
            raise RpcError(name, errors)
        self.warnings.extend(errors)
        return ET.Element("ok")


def connection_sender(socket_path: str) -> Sender:
    """A sender over Ansible's persistent connection (modules: module._socket_path)."""
    from ansible.module_utils.connection import Connection  # imported here: tests use other senders

    return Connection(socket_path).rpc
