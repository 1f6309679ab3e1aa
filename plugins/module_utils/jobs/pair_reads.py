# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The reads every pair job makes, and a way to make them on both chassis at once.

Why one place: drift, deploy, its health gate and the switchover read the same things (the SRD
configuration in one filtered ``get-configuration``; the live state in at most three RPCs), and a
pair job waits for the slower chassis, not for the sum of both.
"""
from __future__ import annotations

import threading
import xml.etree.ElementTree as ET
from typing import Callable, Mapping, TypeVar

from ansible_collections.mxha.srd.plugins.module_utils.netconf.config_session import ConfigSession
from ansible_collections.mxha.srd.plugins.module_utils.netconf.live_reader import read_live
from ansible_collections.mxha.srd.plugins.module_utils.netconf.transport import SessionLost, Transport
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.scope import read_filter
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml.parse import ParseResult, parse_element
from ansible_collections.mxha.srd.plugins.module_utils.srd.live.facts import chassis_facts
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.config import RESOURCES

T = TypeVar("T")


def read_config(transport: Transport, host: str) -> ParseResult:
    """The chassis' committed SRD configuration (one ``get-configuration``, no lock), parsed."""
    return read_config_xml(transport, host)[1]


def read_candidate(transport: Transport, host: str) -> ParseResult:
    """The candidate as loaded, groups applied, parsed: what a commit would make the chassis hold."""
    reply = ConfigSession(transport, host).get_configuration(read_filter(RESOURCES), database="candidate")
    parsed = parse_element(reply)
    parsed.config = parsed.config.only(*RESOURCES)
    return parsed


def read_config_xml(transport: Transport, host: str) -> tuple[ET.Element, ParseResult]:
    """The same read, with the ``<configuration>`` the chassis returned (for a backup, or an import that
    must quote what the model leaves out)."""
    reply = ConfigSession(transport, host).get_configuration(read_filter(RESOURCES))
    parsed = parse_element(reply)
    parsed.config = parsed.config.only(*RESOURCES)
    return reply, parsed


def read_state(transport: Transport) -> dict:
    """The chassis' live SRD state as ``redundancy_state`` facts (three RPCs)."""
    return chassis_facts(read_live(transport))


def read_again(link, read: Callable):
    """``read(transport)``, once more on a fresh session if the session was lost: a read changes
    nothing, so repeating it is always safe (writes are never repeated this way)."""
    try:
        return read(link.transport)
    except SessionLost:
        return read(link.reopen())


def both(names, work: Callable[[str], T]) -> dict:
    """``work(name)`` for each chassis, concurrently; a result, or the exception it raised."""
    results: dict = {}

    def run(name: str) -> None:
        try:
            results[name] = work(name)
        except Exception as exc:  # pylint: disable=broad-except  # returned to the caller, per chassis
            results[name] = exc

    names = list(names)
    threads = [threading.Thread(target=run, args=(name,), name="mxha-srd-%s" % name) for name in names[1:]]
    for thread in threads:
        thread.start()
    run(names[0])
    for thread in threads:
        thread.join()
    return {name: results[name] for name in names}


def errors_of(results: Mapping[str, object]) -> dict:
    return {name: value for name, value in results.items() if isinstance(value, Exception)}
