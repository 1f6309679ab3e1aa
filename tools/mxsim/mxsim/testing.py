"""pytest helpers for tests that talk to a live emulator.

Register the fixtures in a conftest.py with
    from mxsim.testing import mx, mx11, mxsim_emulator, mxsim_emulator_base11  # noqa: F401
and use them:

    def test_something(mx):                 # one shared emulator per test session, reset per test
        with mx.ncclient("pair1-mx1") as m:
            ...
        assert mx.rpc_names("pair1-mx1") == ["get-configuration", ...]
        mx.assert_clean("pair1-mx1")        # no lock, no uncommitted change, no pending confirm

Each test session (and each xdist worker) gets its own state dir and free ports. The shared
emulator runs with `--confirm-minute-seconds 1`: a confirm-timeout of N minutes lasts N seconds.
"""

from __future__ import annotations

import os
import random
import socket
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterator

import pytest

from . import daemon, rpclog
from .control import Control
from .netconf.framing import Framer
from .options import HOST, PASSWORD, USER, Options

FAST_TICK = 0.005
# SRD switchover time of the shared test emulator: long enough for a client to see INITIALIZING.
SWITCHOVER = 0.3


def fast_ncclient() -> None:
    """ncclient only sends queued requests between 100 ms polls; 5 ms makes tests fast."""
    import ncclient.transport.session as nc_session

    nc_session.TICK = FAST_TICK


def free_base_port(count: int, low: int = 20000, high: int = 60000, attempts: int = 200) -> int:
    """A base port with `count` consecutive free ports on 127.0.0.1."""
    rng = random.Random(os.getpid() ^ time.monotonic_ns())
    for _ in range(attempts):
        base = rng.randrange(low, high - count)
        socks = []
        try:
            for p in range(base, base + count):
                s = socket.socket()
                s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
                socks.append(s)
                s.bind((HOST, p))
            return base
        except OSError:
            continue
        finally:
            for s in socks:
                s.close()
    raise RuntimeError(f"no {count} consecutive free ports found")


@dataclass
class Emu:
    """A running emulator and everything a test needs to reach and inspect it."""

    options: Options
    report: dict[str, Any] = field(default_factory=dict)

    @property
    def state_dir(self) -> Path:
        return self.options.state_dir

    @property
    def control(self) -> Control:
        return Control(self.state_dir)

    @property
    def inventory(self) -> Path:
        return self.state_dir / "inventory.yml"

    @property
    def chassis(self) -> list[str]:
        return [c[0] for c in self.options.chassis()]

    def port(self, chassis: str) -> int:
        for name, _pair, _member, port in self.options.chassis():
            if name == chassis:
                return port
        raise KeyError(chassis)

    def params(self, chassis: str) -> dict[str, Any]:
        return {"host": HOST, "port": self.port(chassis), "username": USER, "password": PASSWORD}

    # ---- clients ------------------------------------------------------------------------------

    def ncclient(self, chassis: str, **kw: Any) -> Any:
        """A connected ncclient manager (junos device handler); use as a context manager."""
        from ncclient import manager

        fast_ncclient()
        args = dict(
            hostkey_verify=False,
            device_params={"name": "junos"},
            look_for_keys=False,
            allow_agent=False,
            timeout=30,
        )
        args.update(kw)
        return manager.connect(**self.params(chassis), **args)

    def pyez(self, chassis: str, **kw: Any) -> Any:
        """An unopened PyEZ Device for the chassis."""
        from jnpr.junos import Device

        fast_ncclient()
        p = self.params(chassis)
        args: dict[str, Any] = dict(gather_facts=False, look_for_keys=False, allow_agent=False)
        args.update(kw)
        return Device(host=p["host"], port=p["port"], user=p["username"], passwd=p["password"], **args)

    def raw(self, chassis: str, **kw: Any) -> "RawNetconf":
        return RawNetconf(self.port(chassis), **kw)

    # ---- control ------------------------------------------------------------------------------

    def reset(self, chassis: str = "all") -> None:
        self.control.reset(chassis)

    def state(self, chassis: str) -> dict[str, Any]:
        return self.control.state(chassis)

    def inject(self, chassis: str, fault: str, **params: Any) -> dict[str, Any]:
        return self.control.inject(chassis, fault, **params)

    def assert_clean(self, chassis: str, sessions: bool = False) -> dict[str, Any]:
        """No stale lock, no uncommitted (shared or private) change, no pending confirmed commit."""
        st = self.state(chassis)
        assert st["lock"] is None, f"{chassis}: candidate still locked: {st['lock']}"
        assert not st["candidate_modified"], f"{chassis}: uncommitted changes left in the candidate"
        assert not any(st["private"].values()), f"{chassis}: private candidate left: {st['private']}"
        assert st["confirmed_pending"] is None, f"{chassis}: confirmed commit pending"
        if sessions:
            assert not st["sessions"], f"{chassis}: sessions still open: {st['sessions']}"
        return st

    def wait_event(self, chassis: str, event: str, count: int = 1, timeout: float = 10.0) -> None:
        """Wait until `event` happened `count` times since the last reset (no polling)."""
        assert self.control.wait(
            chassis, event=event, count=count, timeout=timeout
        ), f"{chassis}: {event!r} did not happen {count} time(s) within {timeout} s: {self.state(chassis)['events']}"

    def wait_idle(self, chassis: str, timeout: float = 10.0) -> None:
        """Wait until the server has noticed every client disconnect on this chassis."""
        assert self.control.wait(chassis, idle=True, timeout=timeout), f"{chassis}: sessions still open"

    # ---- RPC log ------------------------------------------------------------------------------

    def log(self, chassis: str, since: int = 0) -> list[dict[str, Any]]:
        return rpclog.read(self.state_dir, chassis, since)

    def mark(self, chassis: str) -> int:
        return rpclog.mark(self.state_dir, chassis)

    def rpcs(self, chassis: str, name: str | None = None, since: int = 0, **match: Any) -> list[dict[str, Any]]:
        return rpclog.rpcs(self.log(chassis, since), name, **match)

    def rpc_names(self, chassis: str, since: int = 0) -> list[str]:
        return rpclog.names(self.log(chassis, since))

    def events(self, chassis: str, name: str | None = None, since: int = 0) -> list[dict[str, Any]]:
        """Event lines of the RPC log (srd-decision, srd-switchover-done, link-down ...)."""
        return [e for e in self.log(chassis, since) if "event" in e and (name is None or e["event"] == name)]

    # ---- configuration ------------------------------------------------------------------------

    def commit_config(self, chassis: str, config_xml: str) -> None:
        """Merge a <configuration> into the candidate and commit it, over NETCONF (all checks run)."""
        from lxml import etree

        with self.ncclient(chassis) as m:
            m.lock()
            try:
                m.load_configuration(action="merge", format="xml", config=etree.fromstring(config_xml.encode()))
                m.commit()
            finally:
                m.unlock()


def start(state_dir: Path, pairs: int = 1, retries: int = 3, **opts: Any) -> Emu:
    """`mxsim up` into state_dir on free ports (retried if a port got taken meanwhile). The
    emulator stops by itself if this process dies without calling `stop`."""
    last: Exception | None = None
    opts.setdefault("owner_pid", os.getpid())
    for _ in range(retries):
        options = Options(state_dir=state_dir, pairs=pairs, base_port=free_base_port(2 * pairs), **opts)
        try:
            report = daemon.up(options)
            return Emu(options, report)
        except daemon.DaemonError as exc:
            last = exc
    raise RuntimeError(f"mxsim did not start: {last}")


def stop(emu: Emu) -> None:
    daemon.down(emu.state_dir)


# ---- a raw NETCONF client (for framing and malformed-input tests) ------------------------------


class RawNetconf:
    """Minimal NETCONF-over-SSH client that sends bytes exactly as given (paramiko)."""

    HELLO10 = (
        b'<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
        b"<capabilities><capability>urn:ietf:params:netconf:base:1.0</capability></capabilities></hello>"
    )
    HELLO11 = (
        b'<?xml version="1.0" encoding="UTF-8"?><hello xmlns="urn:ietf:params:xml:ns:netconf:base:1.0">'
        b"<capabilities><capability>urn:ietf:params:netconf:base:1.0</capability>"
        b"<capability>urn:ietf:params:netconf:base:1.1</capability></capabilities></hello>"
    )

    def __init__(self, port: int, exec_command: str | None = None, timeout: float = 10.0) -> None:
        import paramiko

        self.client = paramiko.SSHClient()
        self.client.set_missing_host_key_policy(paramiko.AutoAddPolicy())
        self.client.connect(HOST, port, USER, PASSWORD, look_for_keys=False, allow_agent=False, timeout=timeout)
        transport = self.client.get_transport()
        assert transport is not None
        self.chan = transport.open_session(timeout=timeout)
        self.chan.settimeout(timeout)
        if exec_command:
            self.chan.exec_command(exec_command)
        else:
            self.chan.invoke_subsystem("netconf")
        self.framer = Framer()
        self.server_hello = self.recv()

    def hello(self, base11: bool = False) -> None:
        self.send(self.HELLO11 if base11 else self.HELLO10)
        self.framer.chunked = base11 and b"urn:ietf:params:netconf:base:1.1" in self.server_hello

    def send(self, payload: bytes) -> None:
        """One message, framed for the current mode."""
        self.chan.sendall(self.framer.encode(payload))

    def send_raw(self, data: bytes) -> None:
        self.chan.sendall(data)

    def recv(self) -> bytes:
        while (msg := self.framer.next_message()) is None:
            data = self.chan.recv(65536)
            if not data:
                raise EOFError("connection closed by the server")
            self.framer.feed(data)
        return msg

    def rpc(self, body: str, message_id: str = "101") -> bytes:
        self.send(f'<rpc message-id="{message_id}">{body}</rpc>'.encode())
        return self.recv()

    def close(self) -> None:
        self.client.close()

    def __enter__(self) -> "RawNetconf":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


# ---- fixtures ------------------------------------------------------------------------------------


@pytest.fixture(scope="session")
def mxsim_emulator(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emu]:
    """One pair with schema checks, EOM framing, 1 s confirm-minutes; for the whole session."""
    emu = start(tmp_path_factory.mktemp("mxsim"), pairs=1, confirm_minute_seconds=1.0, switchover_seconds=SWITCHOVER)
    yield emu
    stop(emu)


@pytest.fixture(scope="session")
def mxsim_emulator_base11(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Emu]:
    """One pair offering base:1.1 (chunked framing); no schema (starts in under a second)."""
    emu = start(tmp_path_factory.mktemp("mxsim11"), pairs=1, base11=True, schema=False, confirm_minute_seconds=1.0)
    yield emu
    stop(emu)


@pytest.fixture
def mx(mxsim_emulator: Emu) -> Emu:
    """The shared emulator, reset to factory state for this test."""
    mxsim_emulator.reset()
    return mxsim_emulator


@pytest.fixture
def mx11(mxsim_emulator_base11: Emu) -> Emu:
    mxsim_emulator_base11.reset()
    return mxsim_emulator_base11


@pytest.fixture
def srd_pair(mx: Emu) -> Emu:
    """The shared emulator with the collection's CGNAT example pair (docs/examples/cgnat-pair.yml)
    committed on pair1 over NETCONF: set 1 is MASTER on pair1-mx1 (gateway 1), STANDBY on pair1-mx2."""
    from .srd.example import pair_configs

    global _PAIR_CONFIGS
    if _PAIR_CONFIGS is None:
        _PAIR_CONFIGS = pair_configs()
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(2) as pool:  # both chassis at once: the election waits for the second
        list(pool.map(lambda item: mx.commit_config(*item), _PAIR_CONFIGS.items()))
    return mx


_PAIR_CONFIGS: dict[str, str] | None = None
