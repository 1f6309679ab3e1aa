# -*- coding: utf-8 -*-
# Copyright: mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Run one job per pair, many pairs at once, from one controller process.

Why: Ansible pays about a second of CPU per host per task on a persistent connection; a pair job
that opens both chassis' sessions itself (the same ``Transport`` choke point) pays SSH and the RPCs
only. Concurrency is bounded by ``max_sessions`` (each pair holds two sessions). Isolation: a job
that raises, or a chassis that cannot be reached, makes that pair ``failed`` and nothing else; every
pair's sessions are closed whatever happens.
"""
from __future__ import annotations

import threading
import time
from concurrent.futures import ThreadPoolExecutor
from typing import Callable, Mapping, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.fleet.links import ChassisLink
from ansible_collections.mxha.srd.plugins.module_utils.fleet.report import FAILED, PairOutcome
from ansible_collections.mxha.srd.plugins.module_utils.netconf.ncclient_sender import ConnectError, ConnectionParams
from ansible_collections.mxha.srd.plugins.module_utils.srd.intent.fleet import PairSpec

PairJob = Callable[[PairSpec, Mapping[str, ChassisLink]], PairOutcome]
LinkFactory = Callable[[str, Mapping], ChassisLink]

DEFAULT_MAX_SESSIONS = 32


def default_link(name: str, variables: Mapping) -> ChassisLink:
    return ChassisLink(ConnectionParams.from_hostvars(name, variables))


def run_pair(spec: PairSpec, job: PairJob, link_factory: LinkFactory = default_link,
             clock: Callable[[], float] = time.monotonic) -> PairOutcome:
    """One pair: build both links, run the job, close both; a failure anywhere is this pair's outcome."""
    started = clock()
    links: dict[str, ChassisLink] = {}
    try:
        for name in spec.chassis:
            links[name] = link_factory(name, spec.connection.get(name, {}))
        outcome = job(spec, links)
    except ConnectError as exc:
        outcome = failed(spec, str(exc))
    except Exception as exc:  # pylint: disable=broad-except  # one pair's bug must not end the others
        outcome = failed(spec, "%s: %s" % (type(exc).__name__, exc))
    finally:
        for link in links.values():
            link.close()
    outcome.rpcs = {name: link.stats.rpcs for name, link in links.items()}
    outcome.details.setdefault("connect_seconds", {name: round(link.connect_seconds, 3) for name, link in links.items()})
    outcome.seconds = clock() - started
    if spec.via:
        outcome.details.setdefault("via", spec.via)
    return outcome


def failed(spec: PairSpec, message: str, **details) -> PairOutcome:
    return PairOutcome(spec.name, spec.chassis, FAILED, message, findings=[message], details=dict(details))


def run_fleet(pairs: Sequence[PairSpec], job: PairJob, max_sessions: int = DEFAULT_MAX_SESSIONS,
              link_factory: LinkFactory = default_link,
              progress: Optional[Callable[[PairOutcome], None]] = None) -> list[PairOutcome]:
    """Every pair's outcome, in the order of ``pairs``; at most ``max_sessions`` sessions open at once."""
    if not pairs:
        return []
    workers = max(1, min(len(pairs), int(max_sessions) // 2 or 1))
    results: list[Optional[PairOutcome]] = [None] * len(pairs)
    lock = threading.Lock()

    def one(index: int) -> None:
        outcome = run_pair(pairs[index], job, link_factory)
        with lock:
            results[index] = outcome
        if progress is not None:
            progress(outcome)

    if workers == 1:
        for index in range(len(pairs)):
            one(index)
    else:
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="mxha-srd-pair") as pool:
            for future in [pool.submit(one, i) for i in range(len(pairs))]:
                future.result()
    return [r for r in results if r is not None]


__all__ = ["PairJob", "LinkFactory", "DEFAULT_MAX_SESSIONS", "default_link", "run_pair", "run_fleet", "failed"]
