"""Switchovers in progress: what a client sees while the primary role of a set moves.

The engine's decision is applied at once to the pair's state (the releasing chassis is STANDBY
and has deleted its signal route at once: seed order, routes first, then services switch over).
The chassis taking over shows INITIALIZING, and keeps the signal routes it had, until the
switchover time has elapsed; then it shows MASTER and its new routes. So for the duration of a
switchover no chassis shows MASTER for the set: there are never two MASTER at any instant.
"""

from __future__ import annotations

import asyncio
import time
from dataclasses import dataclass, field
from typing import Optional


@dataclass
class Move:
    """One set whose primary role moves."""

    set_id: int
    from_chassis: Optional[str]
    to_chassis: str


@dataclass
class Transition:
    """The switchover(s) one decision started; all of them finish together."""

    moves: list[Move]
    seconds: float
    # Routes the decision added to / removed from a chassis taking over: hidden / still shown
    # until the transition ends.
    hidden: dict[str, frozenset] = field(default_factory=dict)
    shown: dict[str, frozenset] = field(default_factory=dict)
    started: float = field(default_factory=time.monotonic)
    handle: Optional[asyncio.TimerHandle] = None

    def covers(self, set_id: int) -> bool:
        return any(m.set_id == set_id for m in self.moves)

    def taking_over(self, chassis: str, set_id: int) -> bool:
        return any(m.set_id == set_id and m.to_chassis == chassis for m in self.moves)

    def cancel(self) -> None:
        if self.handle is not None:
            self.handle.cancel()
            self.handle = None


def moves_between(before, after) -> list[Move]:
    """Sets whose primary differs between two engine PairStates (and that have a new primary)."""
    sets: set[int] = set()
    for name in after.chassis:
        sets.update(after[name].roles)
    out = []
    for s in sorted(sets):
        old, new = before.primary_of(s), after.primary_of(s)
        if new is not None and new != old:
            out.append(Move(s, old, new))
    return out


def route_overlay(before, after, moves: list[Move]) -> tuple[dict[str, frozenset], dict[str, frozenset]]:
    """(hidden, shown) routes per chassis taking over: its route changes wait for the end."""
    hidden: dict[str, frozenset] = {}
    shown: dict[str, frozenset] = {}
    for name in {m.to_chassis for m in moves}:
        old, new = before[name].signal_routes, after[name].signal_routes
        hidden[name] = frozenset(new - old)
        shown[name] = frozenset(old - new)
    return hidden, shown
