"""Operational faults srd monitors or suffers, registered in the fault registry (mxsim.state.faultset).

Each one changes what the chassis reports (interfaces, ICCP, srd states) and, where srd
monitors it, fires the redundancy events that monitor it; the engine decides what follows
(e.g. the primary releases and the peer takes over by itself). Every fault leaves a line in the
chassis' RPC log (`event`: link-down, link-up, pic-reboot, rpd-restart, ...), next to srd's own
lines (srd-decision, srd-switchover-start/-done, iccp-up/-down).
"""

from __future__ import annotations

import asyncio
import re
from typing import TYPE_CHECKING, Any, ClassVar

from ..srd import domain, vrrp
from ..srd.view import is_down, links_down
from ..state.faultset import FaultError, register
from .base import Fault

if TYPE_CHECKING:
    from ..state.chassis import Chassis


def _srd(chassis: "Chassis") -> Any:
    if chassis.srd is None:
        raise FaultError(f"{chassis.name}: srd emulation is unavailable (the collection cannot be imported)")
    return chassis.srd


def _events(chassis: "Chassis", pred) -> list[str]:  # type: ignore[no-untyped-def]
    cfg = chassis.srd.configs[chassis.name]
    return [name for name, e in cfg.redundancy_events.items() if pred(e)]


class _LinkFault(Fault):
    """Base: holds some interfaces down while active; fires the events that monitor them."""

    interfaces: list[str]

    def take_down(self, interfaces: list[str]) -> None:
        srd = _srd(self.chassis)
        down = links_down(self.chassis)
        new = [i for i in interfaces if i not in down]
        for i in new:
            down.add(i)
            self.chassis.event("link-down", interface=i, fault=self.name)
        if new:
            gone = set(new)
            srd.fire(self.chassis.name, _events(self.chassis, lambda e: any(is_down(m, gone) for m in e.link_down)))

    def bring_up(self) -> None:
        down = links_down(self.chassis)
        for i in self.interfaces:
            held = any(
                isinstance(f, _LinkFault) and f is not self and i in f.interfaces for f in self.chassis.faults.active
            )
            if i in down and not held:
                down.discard(i)
                self.chassis.event("link-up", interface=i, fault=self.name)

    async def deactivate(self) -> None:
        if self.chassis.srd is not None and self.chassis.name in self.chassis.srd.resetting:
            return
        self.bring_up()


@register
class LinkDown(_LinkFault):
    name = "link-down"
    help = (
        "interface `interface` goes down (fires the redundancy events monitoring it); clearing brings it up. "
        "With `on_rpc=NAME` it goes down only when the chassis next receives that RPC (before running it)"
    )
    params = {"interface": "", "on_rpc": ""}

    async def activate(self) -> None:
        iface = self.values["interface"]
        if not iface:
            raise FaultError("link-down needs interface=NAME")
        self.interfaces = [iface]
        if not self.values["on_rpc"]:
            self.take_down(self.interfaces)

    def before_rpc(self, session: Any, rpc: str) -> str | None:
        if self.values["on_rpc"] == rpc:
            self.values["on_rpc"] = ""
            self.take_down(self.interfaces)
        return None


@register
class LinkUp(Fault):
    name = "link-up"
    help = "interface `interface` comes back up (ends the link-down / pic-reboot faults holding it)"
    params = {"interface": ""}

    async def activate(self) -> None:
        iface = self.values["interface"]
        holding = [f for f in self.chassis.faults.active if isinstance(f, _LinkFault) and iface in f.interfaces]
        for f in holding:
            if isinstance(f, LinkDown):
                self.chassis.faults.active.remove(f)
            else:
                f.interfaces = [i for i in f.interfaces if i != iface]
        down = links_down(self.chassis)
        if iface in down:
            down.discard(iface)
            self.chassis.event("link-up", interface=iface, fault=self.name)
        self.done = True


def _card_interfaces(chassis: "Chassis", fpc: int, pic: int | None) -> list[str]:
    """Interfaces on an FPC (and PIC): configured ones and those srd monitors."""
    names = {(n.text or "").strip() for n in chassis.store.committed.config.findall("interfaces/interface/name")}
    for e in chassis.srd.configs[chassis.name].redundancy_events.values():
        names.update(i.split(".", 1)[0] for i in e.link_down)
    slot = rf"{fpc}/{pic}/" if pic is not None else rf"{fpc}/\d+/"
    pattern = re.compile(rf"^[a-z]+-{slot}\d+$")
    return sorted(n for n in names if pattern.match(n))


class _CardReboot(_LinkFault):
    """An FPC or PIC reboots: its interfaces go down, then come up after `seconds`."""

    params: ClassVar[dict[str, Any]] = {}

    def card(self) -> tuple[int, int | None]:
        raise NotImplementedError

    async def activate(self) -> None:
        _srd(self.chassis)
        fpc, pic = self.card()
        self.interfaces = _card_interfaces(self.chassis, fpc, pic)
        if not self.interfaces:
            raise FaultError(
                f"{self.chassis.name}: no interface on FPC {fpc}" + (f" PIC {pic}" if pic is not None else "")
            )
        self.chassis.event(self.name, fpc=fpc, pic=pic, interfaces=self.interfaces, seconds=self.values["seconds"])
        self.take_down(self.interfaces)
        self._timer = asyncio.get_running_loop().call_later(self.values["seconds"], self._online)

    def _online(self) -> None:
        if self in self.chassis.faults.active:
            self.chassis.faults.active.remove(self)
        self.bring_up()
        self.done = True

    async def deactivate(self) -> None:
        self._timer.cancel()
        await super().deactivate()


@register
class PicReboot(_CardReboot):
    name = "pic-reboot"
    help = (
        "PIC `fpc`/`pic` reboots: its interfaces (e.g. the vms- services interface) go down, up again after `seconds`"
    )
    params = {"fpc": 0, "pic": 0, "seconds": 2.0}

    def card(self) -> tuple[int, int | None]:
        return self.values["fpc"], self.values["pic"]


@register
class FpcReboot(_CardReboot):
    name = "fpc-reboot"
    help = "FPC `slot` reboots: the interfaces of all its PICs go down, up again after `seconds`"
    params = {"slot": 0, "seconds": 2.0}

    def card(self) -> tuple[int, int | None]:
        return self.values["slot"], None


@register
class RpdRestart(Fault):
    name = "rpd-restart"
    help = "the routing protocol daemon restarts: fires the events that monitor `process routing restart`"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        srd = _srd(self.chassis)
        self.chassis.event("rpd-restart")
        srd.fire(self.chassis.name, _events(self.chassis, lambda e: e.process_routing_restart))
        self.done = True


@register
class RpdAbort(Fault):
    name = "rpd-abort"
    help = "the routing protocol daemon aborts: fires the events that monitor `process routing abort`"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        srd = _srd(self.chassis)
        self.chassis.event("rpd-abort")
        srd.fire(self.chassis.name, _events(self.chassis, lambda e: e.process_routing_abort))
        self.done = True


@register
class PeerUnreachable(Fault):
    name = "peer-unreachable"
    help = (
        "the ICCP peer is unreachable: ICCP Closed, peer state UNKNOWN, manual switchovers refused; clear to reconnect"
    )
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        _srd(self.chassis).set_isolated(self.chassis.name, True)

    async def deactivate(self) -> None:
        if self.chassis.srd is not None:
            self.chassis.srd.set_isolated(self.chassis.name, False)


class _Hold(Fault):
    """The chassis is held in a non-ready state for set `set` (0: every set where it is not primary)."""

    role: ClassVar[str] = ""
    params = {"set": 0}

    @property  # type: ignore[override]
    def done(self) -> bool:
        """Over once srd moved every held set on (a forced acquire, becoming primary ...)."""
        srd = self.chassis.srd
        if srd is None or not hasattr(self, "sets"):
            return False
        held = srd.held_wait if self.role == "wait" else srd.held_warned
        return not any((self.chassis.name, s) in held for s in self.sets)

    @done.setter
    def done(self, value: bool) -> None:  # Fault.__init__ sets it; the held sets decide
        pass

    async def activate(self) -> None:
        srd = _srd(self.chassis)
        try:
            self.sets = srd.hold(self.chassis.name, self.values["set"], domain.RoleState(self.role))
        except ValueError as exc:
            raise FaultError(f"{self.chassis.name}: {exc}") from None
        self.chassis.event(self.name, sets=self.sets)

    async def deactivate(self) -> None:
        if self.chassis.srd is not None:
            self.chassis.srd.unhold(self.chassis.name, self.sets, domain.RoleState(self.role))


@register
class SrdWait(_Hold):
    name = "srd-wait"
    role = "wait"
    help = "srd is stuck in wait (INITIALIZING) for set `set` (0: every set where not primary); clear: STANDBY again"


@register
class SrdWarned(_Hold):
    name = "srd-warned"
    role = "warned"
    help = "srd is warned (STANDBY (WARNED)) for set `set` (0: every set where not primary); clear: STANDBY again"


@register
class SrdStall(Fault):
    name = "srd-stall"
    help = "a switchover onto this chassis does not complete: it shows INITIALIZING until cleared, then completes"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        _srd(self.chassis).set_stalled(self.chassis.name, True)
        self.chassis.event("srd-stall")

    async def deactivate(self) -> None:
        if self.chassis.srd is not None:
            self.chassis.srd.set_stalled(self.chassis.name, False)


@register
class RouteHold(Fault):
    name = "route-hold"
    help = (
        "the routing table takes no new signal route srd adds on this chassis (the ones shown stay, deleted ones go); "
        "VRRP then sees them absent. Clearing installs what srd's state says"
    )
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        _srd(self.chassis).set_route_hold(self.chassis.name, True)
        self.chassis.event("route-hold")

    async def deactivate(self) -> None:
        if self.chassis.srd is not None:
            self.chassis.srd.set_route_hold(self.chassis.name, False)


@register
class VrrpFreeze(Fault):
    name = "vrrp-freeze"
    help = "VRRP on this chassis stops following tracked routes: each group keeps its state and priority until cleared"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        _srd(self.chassis)
        self.chassis.ops["vrrp_frozen"] = vrrp.groups(self.chassis)
        self.chassis.event("vrrp-freeze")

    async def deactivate(self) -> None:
        self.chassis.ops.pop("vrrp_frozen", None)


@register
class SrdDisable(Fault):
    name = "srd-disable"
    help = "the services redundancy daemon is disabled (gateway 1 primary: switchover to gateway 2); clear enables it"
    params: ClassVar[dict[str, Any]] = {}

    async def activate(self) -> None:
        srd = _srd(self.chassis)
        if not srd.daemon_running(self.chassis.name):
            raise FaultError(f"{self.chassis.name}: srd is already disabled")
        self.chassis.event("srd-disable")
        srd.set_daemon(self.chassis.name, False)

    async def deactivate(self) -> None:
        if self.chassis.srd is not None and self.chassis.name not in self.chassis.srd.resetting:
            self.chassis.event("srd-enable")
            self.chassis.srd.set_daemon(self.chassis.name, True)
