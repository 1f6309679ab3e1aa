"""The emulator process: every chassis of every pair in one asyncio loop, plus the control socket.

`serve(options, ready)` is what the daemon runs: it loads the YANG schema (in a thread, while the
listeners come up), starts one SSH listener per chassis and the control socket, calls `ready`
and runs until `request_stop` (control `shutdown`, SIGTERM or SIGINT).

This is the wiring: the layers below never import it. Each chassis gets its SSH listener factory
(with mxsim.rpc.dispatch as the sessions' dispatcher) and its peer; srd is attached to each pair
as a chassis daemon; mxsim.builtin registers the built-in RPCs, commands, checks and faults.
"""

from __future__ import annotations

import asyncio
import copy
import importlib
import logging
import os
import signal
import time
from typing import Any, Callable

from . import builtin  # noqa: F401  (registers the built-in RPCs, commands, checks and faults)
from . import checks, control, rpc, srd
from .netconf.server import host_key, listen, ssh_options
from .options import Options, peer_name
from .state.chassis import Chassis
from .xmlutil import parse, strip_ns

log = logging.getLogger(__name__)


class Emulator:
    def __init__(self, options: Options) -> None:
        self.options = options
        self.started = time.time()
        self.chassis: dict[str, Chassis] = {}
        self.ssh_options: Any = None
        self.schema_seconds: float | None = None
        self.schema_error: str | None = None
        self._stop = asyncio.Event()
        self._control: asyncio.AbstractServer | None = None
        self.startup_seconds: float | None = None

    async def start(self) -> None:
        t0 = time.monotonic()
        opts = self.options
        opts.state_dir.mkdir(parents=True, exist_ok=True)
        schema = asyncio.get_running_loop().run_in_executor(None, self._load_schema) if opts.schema else None
        for name in opts.enable_checks:
            checks.set_enabled(name, True)
        for name in opts.disable_checks:
            checks.set_enabled(name, False)
        self.ssh_options = ssh_options(host_key(opts.state_dir))
        for name, pair, member, port in opts.chassis():
            self.chassis[name] = Chassis(opts, name, pair, member, port, self.started)
            self.chassis[name].listen_with(self._listen)
        for c in self.chassis.values():
            if c.member == 1:
                c.pair_with(self.chassis[peer_name(c.name)])
        srd.attach(self.chassis.values())
        for mod in opts.plugins:
            plugin = importlib.import_module(mod)
            if hasattr(plugin, "setup"):
                plugin.setup(self)
        await asyncio.gather(*(c.start_listening() for c in self.chassis.values()))
        self._control = await control.serve(self)
        if schema is not None:
            await schema
            if self.schema_error:
                raise RuntimeError(f"YANG schema checks requested but unavailable ({self.schema_error}); use --no-schema")
        self.startup_seconds = time.monotonic() - t0

    async def _listen(self, chassis: Chassis) -> Any:
        return await listen(chassis, self.ssh_options, rpc.dispatch)

    def _load_schema(self) -> None:
        from .checks import schema

        try:
            self.schema_seconds = schema.load()
        except Exception as exc:  # models or mxsim.yang missing or broken: start() refuses to go on
            self.schema_error = f"{type(exc).__name__}: {exc}"
        else:
            _install_grammar_shape()

    def request_stop(self) -> None:
        self._stop.set()

    async def wait(self) -> None:
        await self._stop.wait()

    async def stop(self) -> None:
        for c in self.chassis.values():
            for s in list(c.sessions.values()):
                s.abort()
            await c.stop_listening()
            c.log.close()
        if self._control is not None:
            self._control.close()
        try:
            control.socket_path(self.options.state_dir).unlink()
        except FileNotFoundError:
            pass

    def set_committed(self, chassis: Chassis, xml: str) -> int:
        config = strip_ns(parse(xml))
        if config.tag != "configuration":
            raise ValueError("set-committed needs a <configuration> document")
        rev = chassis.store.push(config, "root", "set by mxsim control")
        chassis.store.set_candidate(copy.deepcopy(rev.config))
        chassis.committed_changed()
        return rev.sequence

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "options": self.options.to_json(),
            "uptime": round(time.time() - self.started, 3),
            "startup_seconds": self.startup_seconds,
            "schema_seconds": self.schema_seconds,
            "schema_error": self.schema_error,
            "checks": checks.names(),
            "rss_kb": rss_kb(),
            "chassis": {n: c.state(full=False) for n, c in self.chassis.items()},
        }


def _install_grammar_shape() -> None:
    """Use the YANG grammar for list keys / leaf-lists once it is loaded (if it offers them)."""
    try:
        from . import syntax
        from .grammar_shape import GrammarShape
        from .shape import install
        from .yang import JunosYang

        grammar = JunosYang.shared().grammar
        syntax.use_grammar(grammar)
        install(GrammarShape(grammar))
    except Exception as exc:  # the heuristic shape stays in use
        log.info("grammar-backed shape unavailable: %s", exc)


def rss_kb() -> int:
    """Resident set size of this process (Linux /proc)."""
    try:
        with open("/proc/self/status") as fh:
            for line in fh:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def _watch_owner(loop: asyncio.AbstractEventLoop, pid: int, emu: Emulator) -> None:
    """Stop when the owning process exits (a pidfd becomes readable then)."""
    try:
        fd = os.pidfd_open(pid)
    except (AttributeError, OSError):  # owner already gone, or no pidfd support
        log.warning("cannot watch owner pid %s; stopping only on request", pid)
        return
    loop.add_reader(fd, emu.request_stop)


def serve(options: Options, ready: Callable[[Emulator], None] | None = None) -> None:
    """Run the emulator in this process until stopped."""

    async def main() -> None:
        emu = Emulator(options)
        loop = asyncio.get_running_loop()
        for sig in (signal.SIGTERM, signal.SIGINT):
            loop.add_signal_handler(sig, emu.request_stop)
        if options.owner_pid:
            _watch_owner(loop, options.owner_pid, emu)
        try:
            await emu.start()
            if ready is not None:
                ready(emu)
            await emu.wait()
        finally:
            await emu.stop()

    asyncio.run(main())
