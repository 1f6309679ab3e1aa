#!/usr/bin/env python3
"""Benchmark: the same one-pair jobs with each Junos netconf plugin an inventory may name.

Existing Junos inventories name ``ansible_network_os: junipernetworks.junos.junos``, whose netconf
plugin leaves ncclient polling every 100 ms in Ansible's persistent connection; ``mxha.srd.junos``
polls every 10 ms. Run as a user would: from a directory outside the repository, with no
``NCCLIENT_TICK`` (make's environment lowers ncclient's polling in every process of the venv),
against the emulated pair (tools/mxsim, started here on free ports). Per netconf plugin:

* the deploy playbook (``mxha.srd.deploy``): the pair job opens its own sessions from the
  controller, so the netconf plugin named should not matter;
* the drift playbook (``mxha.srd.drift``), the same;
* ``mxha.srd.redundancy_config`` per chassis (deploy, re-run, check mode): the persistent connection,
  where the plugin's polling counts on every RPC.

Median wall time of --rounds rounds, the plugins interleaved so that the machine's noise falls on
both alike; each round starts from the factory configuration.

    .venv/bin/python tools/bench/bench_network_os.py [--rounds 3] [--json FILE]
"""
from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tools" / "mxsim"))

from mxsim import rpclog  # noqa: E402
from mxsim.testing import start, stop  # noqa: E402

from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent  # noqa: E402
from ansible_collections.mxha.srd.plugins.module_utils.srd.model.serialize import chassis_to_dict  # noqa: E402

EXAMPLE = ROOT / "docs" / "examples" / "cgnat-pair.yml"
NETWORK_OS = ("mxha.srd.junos", "junipernetworks.junos.junos")
JOBS = ("deploy playbook", "drift playbook", "redundancy_config x3")


def inventory(emu, network_os: str, path: Path) -> Path:
    lines = ["[pair1]"]
    for name in emu.chassis:
        lines.append("%s ansible_host=127.0.0.1 ansible_port=%d" % (name, emu.port(name)))
    lines += ["", "[pair1:vars]", "ansible_connection=ansible.netcommon.netconf",
              "ansible_network_os=%s" % network_os, "ansible_user=lab", "ansible_password=lab123",
              "ansible_host_key_checking=false"]
    path.write_text("\n".join(lines) + "\n")
    return path


def resource_play(work: Path) -> Path:
    configs = intent.load(yaml.safe_load(EXAMPLE.read_text())).configs
    task = {"name": "SRD configuration", "mxha.srd.redundancy_config": {"config": "{{ srd[inventory_hostname] }}",
                                                                         "state": "overridden"}}
    play = [{"hosts": "pair1", "gather_facts": False,
             "vars": {"srd": {h: chassis_to_dict(c, reveal=True) for h, c in configs.items()}},
             "tasks": [dict(task, name="deploy"), dict(task, name="re-run"), dict(task, name="check", check_mode=True)]}]
    book = work / "resource.yml"
    book.write_text(yaml.safe_dump(play, sort_keys=False))
    return book


def run(cmd: list, work: Path) -> tuple[float, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("NCCLIENT_TICK", "MXHA_NCCLIENT_POLL_INTERVAL")}
    env.update(ANSIBLE_CONFIG=str(ROOT / "ansible.cfg"), ANSIBLE_PERSISTENT_CONTROL_PATH_DIR=str(work / "pc"),
               ANSIBLE_LOCAL_TEMP=str(work / "tmp"), ANSIBLE_NOCOLOR="1")
    started = time.monotonic()
    proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, check=False)
    wall = time.monotonic() - started
    if proc.returncode != 0:
        raise SystemExit("%s failed (rc %d):\n%s" % (" ".join(map(str, cmd[:4])), proc.returncode,
                                                      proc.stdout[-4000:] + proc.stderr[-2000:]))
    return wall, proc.stdout


def one_round(emu, network_os: str, work: Path) -> dict:
    playbook = str(Path(sys.executable).parent / "ansible-playbook")
    inv = str(inventory(emu, network_os, work / ("inventory-%s.ini" % network_os.split(".")[0])))
    out = {}
    emu.reset()
    marks = {h: emu.mark(h) for h in emu.chassis}
    wall, _ = run([playbook, "-i", inv, "mxha.srd.deploy", "-e", "intent_file=%s" % EXAMPLE,
                   "-e", "report_dir=%s" % work], work)
    report = json.loads((work / "deploy.json").read_text())
    pair = report["pairs"][0]
    out["deploy playbook"] = {"wall": wall, "job": pair["seconds"], "rpcs": pair["rpcs"], "outcome": pair["outcome"]}
    wall, _ = run([playbook, "-i", inv, "mxha.srd.drift", "-e", "intent_file=%s" % EXAMPLE,
                   "-e", "report_dir=%s" % work], work)
    pair = json.loads((work / "drift.json").read_text())["pairs"][0]
    out["drift playbook"] = {"wall": wall, "job": pair["seconds"], "rpcs": pair["rpcs"], "outcome": pair["outcome"]}
    emu.reset()
    marks = {h: emu.mark(h) for h in emu.chassis}
    wall, _ = run([playbook, "-i", inv, str(resource_play(work))], work)
    for host in emu.chassis:
        emu.wait_idle(host)
    rpcs = {h: len([e for e in rpclog.read(emu.state_dir, h, marks[h]) if "rpc" in e and e["rpc"] != "close-session"])
            for h in emu.chassis}
    out["redundancy_config x3"] = {"wall": wall, "job": None, "rpcs": rpcs, "outcome": "ok"}
    return out


def median(values: list) -> float:
    values = sorted(values)
    return values[len(values) // 2]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--rounds", type=int, default=3)
    ap.add_argument("--json", type=Path, help="also write the raw figures here")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="mxha-bench-nos-") as tmp:
        work = Path(tmp)
        emu = start(work / "mxsim", pairs=1)
        try:
            rounds = {nos: [] for nos in NETWORK_OS}
            for _ in range(args.rounds):
                for nos in NETWORK_OS:
                    rounds[nos].append(one_round(emu, nos, work))
        finally:
            stop(emu)
    print("One pair, from a directory outside the repository, no NCCLIENT_TICK (median of %d round%s):"
          % (args.rounds, "" if args.rounds == 1 else "s"))
    header = "%-22s %-30s %8s %9s  %s" % ("job", "ansible_network_os", "wall s", "job s", "RPCs per chassis")
    print(header)
    print("-" * len(header))
    figures = {}
    for job in JOBS:
        for nos in NETWORK_OS:
            entries = [r[job] for r in rounds[nos]]
            wall = median([e["wall"] for e in entries])
            inner = [e["job"] for e in entries if e["job"] is not None]
            rpcs = "/".join(str(v) for v in entries[0]["rpcs"].values())
            figures.setdefault(job, {})[nos] = {"wall": wall, "job": median(inner) if inner else None,
                                                "all": [e["wall"] for e in entries]}
            print("%-22s %-30s %8.2f %9s  %s" % (job, nos, wall, "%.2f" % median(inner) if inner else "-", rpcs))
    print()
    for job in JOBS:
        fast, slow = (figures[job][nos]["wall"] for nos in NETWORK_OS)
        print("%-22s junipernetworks.junos.junos takes %+.2f s (%.0f%%) over mxha.srd.junos"
              % (job, slow - fast, 100.0 * (slow - fast) / fast))
    if args.json:
        args.json.write_text(json.dumps({"rounds": rounds, "figures": figures}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
