"""`mxsim` command line: up, down, status, inject, clear, reset, state, faults, serve."""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
from pathlib import Path
from typing import Any

from .options import DEFAULT_BASE_PORT, DEFAULT_NETWORK_OS, Options

DEFAULT_STATE_DIR = os.environ.get("MXSIM_STATE_DIR", ".mxsim")


def _state_dir(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--state-dir", type=Path, default=Path(DEFAULT_STATE_DIR), help="default: $MXSIM_STATE_DIR or .mxsim"
    )


def _server_options(p: argparse.ArgumentParser) -> None:
    _state_dir(p)
    p.add_argument("--pairs", type=int, default=1, help="number of MX pairs (2 chassis each)")
    p.add_argument("--base-port", type=int, default=DEFAULT_BASE_PORT, help="port of pair1-mx1; the rest follow")
    p.add_argument("--base11", action="store_true", help="also offer NETCONF base:1.1 (chunked framing)")
    p.add_argument("--no-schema", dest="schema", action="store_false", help="skip YANG schema checks (faster start)")
    p.add_argument(
        "--confirm-minute-seconds",
        type=float,
        default=60.0,
        help="real seconds per Junos minute of confirm-timeout (tests use 1)",
    )
    p.add_argument(
        "--switchover-seconds",
        type=float,
        default=2.0,
        help="how long an SRD switchover takes; the chassis taking over shows INITIALIZING meanwhile (tests use 0.3)",
    )
    p.add_argument("--network-os", default=DEFAULT_NETWORK_OS, help="ansible_network_os written to the inventory")
    p.add_argument(
        "--plugin", action="append", default=[], help="Python module to import at start (may call setup(emulator))"
    )
    p.add_argument("--enable-check", action="append", default=[], help="enable a commit check by name")
    p.add_argument("--disable-check", action="append", default=[], help="disable a commit check by name")
    p.add_argument("--owner-pid", type=int, help="stop when this process exits (used by test fixtures)")


def _options(a: argparse.Namespace) -> Options:
    if a.pairs < 1:
        raise ValueError("--pairs must be at least 1")
    if not 1024 <= a.base_port <= 65536 - 2 * a.pairs:
        raise ValueError(f"--base-port {a.base_port} leaves no room for {2 * a.pairs} ports below 65536")
    if a.confirm_minute_seconds <= 0:
        raise ValueError("--confirm-minute-seconds must be positive")
    if a.switchover_seconds < 0:
        raise ValueError("--switchover-seconds must not be negative")
    return Options(
        state_dir=a.state_dir.resolve(),
        pairs=a.pairs,
        base_port=a.base_port,
        base11=a.base11,
        schema=a.schema,
        confirm_minute_seconds=a.confirm_minute_seconds,
        switchover_seconds=a.switchover_seconds,
        network_os=a.network_os,
        plugins=a.plugin,
        enable_checks=a.enable_check,
        disable_checks=a.disable_check,
        owner_pid=a.owner_pid,
    )


def _value(text: str) -> Any:
    if text.lower() in ("true", "false"):
        return text.lower() == "true"
    try:
        return int(text)
    except ValueError:
        return text


def parser() -> argparse.ArgumentParser:
    ap = argparse.ArgumentParser(prog="mxsim", description="Emulated Juniper MX pairs speaking NETCONF over SSH")
    sp = ap.add_subparsers(dest="cmd", required=True)
    up = sp.add_parser("up", help="start in the background; returns when every chassis accepts connections")
    _server_options(up)
    up.add_argument("--timeout", type=float, default=60.0)
    serve = sp.add_parser("serve", help="run in the foreground")
    _server_options(serve)
    serve.add_argument("--options-json", help=argparse.SUPPRESS)
    serve.add_argument("--ready-fd", type=int, help=argparse.SUPPRESS)
    down = sp.add_parser("down", help="stop and wait")
    _state_dir(down)
    down.add_argument("--timeout", type=float, default=15.0)
    st = sp.add_parser("status", help="what runs where")
    _state_dir(st)
    st.add_argument("--json", action="store_true")
    inj = sp.add_parser("inject", help="inject a fault: mxsim inject CHASSIS FAULT [key=value ...]")
    _state_dir(inj)
    inj.add_argument("chassis")
    inj.add_argument("fault")
    inj.add_argument("params", nargs="*", metavar="key=value")
    clr = sp.add_parser("clear", help="clear faults of a chassis (all, or one by name)")
    _state_dir(clr)
    clr.add_argument("chassis")
    clr.add_argument("fault", nargs="?")
    rst = sp.add_parser("reset", help="factory state: baseline config, no sessions, no faults, empty RPC log")
    _state_dir(rst)
    rst.add_argument("chassis", nargs="?", default="all")
    state = sp.add_parser("state", help="dump one chassis' state as JSON")
    _state_dir(state)
    state.add_argument("chassis")
    lab = sp.add_parser("intents", help="one pair intent per emulated pair, from an example (group_vars, pair hosts)")
    _state_dir(lab)
    lab.add_argument("example", type=Path, help="a pair intent naming two chassis (e.g. docs/examples/cgnat-pair.yml)")
    flt = sp.add_parser("faults", help="list the faults that can be injected")
    _state_dir(flt)
    return ap


def main(argv: list[str] | None = None) -> None:
    a = parser().parse_args(argv)
    from .control import Control, ControlError
    from .daemon import DaemonError

    try:
        sys.exit(_run(a, Control) or 0)
    except (ControlError, DaemonError, ConnectionError, FileNotFoundError, ValueError) as exc:
        print(f"mxsim {a.cmd}: {exc}", file=sys.stderr)
        sys.exit(1)


def _run(a: argparse.Namespace, Control: Any) -> int | None:  # noqa: N803
    from . import daemon

    if a.cmd == "up":
        report = daemon.up(_options(a), timeout=a.timeout)
        verb = "already running" if report.get("already_running") else f"up in {report.get('up_seconds')} s"
        print(
            f"mxsim {verb}: {len(report['chassis'])} chassis, pid {report['pid']}, "
            f"inventory {a.state_dir / 'inventory.yml'}"
        )
        return None
    if a.cmd == "serve":
        return _serve(a)
    if a.cmd == "down":
        stopped = daemon.down(a.state_dir, timeout=a.timeout)
        print("mxsim stopped" if stopped else "mxsim was not running")
        return None
    if daemon.running(a.state_dir) is None:
        print(f"mxsim is not running in {a.state_dir}", file=sys.stderr)
        return 3
    if a.cmd == "intents":
        from . import lab

        options = Options.from_json(json.loads((a.state_dir / daemon.OPTIONS_FILE).read_text()))
        written = lab.write(options, a.example)
        print("mxsim intents: %s/ (one file per pair), %s" % (written["group_vars"], written["pair_hosts"]))
        return None
    ctl = Control(a.state_dir)
    if a.cmd == "status":
        st = ctl.status()
        if a.json:
            print(json.dumps(st, indent=2))
        else:
            print(
                f"pid {st['pid']}, up {st['uptime']} s, rss {st['rss_kb'] // 1024} MB, schema {'on' if st['schema_seconds'] else 'off'}"
            )
            for name, c in st["chassis"].items():
                lock = c["lock"]["session"] if c["lock"] else "-"
                faults = ",".join(f["fault"] for f in c["faults"]) or "-"
                print(f"  {name:14} port {c['port']:5}  sessions {len(c['sessions'])}  lock {lock}  faults {faults}")
        return None
    if a.cmd == "inject":
        params = {}
        for kv in a.params:
            k, sep, v = kv.partition("=")
            if not sep:
                raise daemon.DaemonError(f"parameter {kv!r} is not key=value")
            params[k] = _value(v)
        print(json.dumps(ctl.inject(a.chassis, a.fault, **params)))
        return None
    if a.cmd == "clear":
        print(f"cleared {ctl.clear(a.chassis, a.fault)} fault(s)")
        return None
    if a.cmd == "reset":
        ctl.reset(a.chassis)
        return None
    if a.cmd == "state":
        print(json.dumps(ctl.state(a.chassis), indent=2))
        return None
    if a.cmd == "faults":
        for name, info in ctl.faults().items():
            print(f"{name}: {info['help']}\n    params: {info['params']}")
        return None
    return 2


def _serve(a: argparse.Namespace) -> None:
    from . import emulator, inventory, statedir
    from .daemon import write_pid_and_options

    options = Options.from_json(json.loads(a.options_json)) if a.options_json else _options(a)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s %(levelname)s %(message)s")
    logging.getLogger("asyncssh").setLevel(logging.WARNING)
    statedir.prepare(options.state_dir)  # refuses a dir a collection build would pack; marks it
    write_pid_and_options(options)

    def ready(emu: "emulator.Emulator") -> None:
        inventory.write(options)
        report = emu.status()
        logging.getLogger("mxsim").info(
            "ready: %d chassis in %.2f s (schema %s)", len(emu.chassis), emu.startup_seconds, emu.schema_seconds
        )
        if a.ready_fd is not None:
            os.write(a.ready_fd, json.dumps(report).encode())
            os.close(a.ready_fd)
        else:
            print(f"mxsim serving {len(emu.chassis)} chassis; Ctrl-C stops", flush=True)

    try:
        emulator.serve(options, ready)
    except RuntimeError as exc:  # a clear startup refusal (e.g. schema requested but unavailable)
        print(f"mxsim serve: {exc}", file=sys.stderr, flush=True)
        sys.exit(1)


if __name__ == "__main__":
    main()
