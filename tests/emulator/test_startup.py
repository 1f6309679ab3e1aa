"""`mxsim up/status/down` through the real CLI: inventory, host keys, startup time and memory."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
import time

import paramiko
import pytest
import yaml

from mxsim.daemon import alive
from mxsim.testing import free_base_port

CLI = [sys.executable, "-m", "mxsim.cli"]


def mxsim(*args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    return subprocess.run(CLI + list(args), capture_output=True, text=True, check=check, timeout=120)


def accepts(port: int) -> bool:
    with socket.socket() as s:
        s.settimeout(2)
        return s.connect_ex(("127.0.0.1", port)) == 0


def host_key_of(port: int) -> str:
    t = paramiko.Transport(("127.0.0.1", port))
    try:
        t.start_client(timeout=10)
        return t.get_remote_server_key().get_base64()
    finally:
        t.close()


def test_one_pair_up_status_down(tmp_path, record_property):
    state = tmp_path / "one"
    base = free_base_port(2)
    t0 = time.monotonic()
    mxsim("up", "--state-dir", str(state), "--base-port", str(base))
    record_property("up_seconds_1_pair", round(time.monotonic() - t0, 2))
    try:
        inv = yaml.safe_load((state / "inventory.yml").read_text())
        group = inv["all"]["children"]["mx_pairs"]
        assert group["vars"]["ansible_connection"] == "ansible.netcommon.netconf"
        assert group["vars"]["ansible_network_os"] == "mxha.srd.junos"
        assert group["vars"]["ansible_host_key_checking"] is False
        hosts = group["children"]["pair1"]["hosts"]
        assert hosts == {
            "pair1-mx1": {"ansible_host": "127.0.0.1", "ansible_port": base},
            "pair1-mx2": {"ansible_host": "127.0.0.1", "ansible_port": base + 1},
        }
        assert accepts(base) and accepts(base + 1)
        status = json.loads(mxsim("status", "--state-dir", str(state), "--json").stdout)
        assert sorted(status["chassis"]) == ["pair1-mx1", "pair1-mx2"]
        key = host_key_of(base)
        again = mxsim("up", "--state-dir", str(state), "--base-port", str(base))
        assert "already running" in again.stdout
        clash = mxsim("up", "--state-dir", str(state), "--base-port", str(base), "--pairs", "2", check=False)
        assert clash.returncode == 1 and "already runs" in clash.stderr
    finally:
        pid = int((state / "mxsim.pid").read_text())
        mxsim("down", "--state-dir", str(state))
    assert not alive(pid)  # down waited for the process to exit
    assert not accepts(base)
    assert mxsim("status", "--state-dir", str(state), check=False).returncode == 3
    # a second start reuses the state dir's host key
    mxsim("up", "--state-dir", str(state), "--base-port", str(base), "--no-schema")
    try:
        assert host_key_of(base) == key
    finally:
        mxsim("down", "--state-dir", str(state))


@pytest.mark.slow
def test_fifty_pairs_start_time_and_memory(tmp_path, record_property):
    state = tmp_path / "fifty"
    base = free_base_port(100)
    t0 = time.monotonic()
    mxsim("up", "--state-dir", str(state), "--base-port", str(base), "--pairs", "50")
    up_seconds = time.monotonic() - t0
    try:
        assert all(accepts(p) for p in range(base, base + 100))
        inv = yaml.safe_load((state / "inventory.yml").read_text())
        pairs = inv["all"]["children"]["mx_pairs"]["children"]
        assert len(pairs) == 50 and pairs["pair50"]["hosts"]["pair50-mx2"]["ansible_port"] == base + 99
        status = json.loads(mxsim("status", "--state-dir", str(state), "--json").stdout)
        rss_mb = status["rss_kb"] / 1024
    finally:
        mxsim("down", "--state-dir", str(state))
    record_property("up_seconds_50_pairs", round(up_seconds, 2))
    record_property("idle_rss_mb_50_pairs", round(rss_mb, 1))
    print(f"\n50 pairs: up in {up_seconds:.2f} s, idle RSS {rss_mb:.0f} MB")
    # Issue targets: < 10 s and < 500 MB. Measured ~2-4.5 s and ~150 MB on 2 cores; the time bound
    # is doubled so a loaded CI machine does not make it flaky.
    assert rss_mb < 500
    assert up_seconds < 20


@pytest.mark.parametrize("bad", [["--pairs", "0"], ["--confirm-minute-seconds", "0"]])
def test_up_refuses_nonsense(tmp_path, bad):
    res = mxsim("up", "--state-dir", str(tmp_path / "bad"), "--base-port", str(free_base_port(2)), *bad, check=False)
    assert res.returncode == 1 and res.stderr.startswith("mxsim up:")
    assert not (tmp_path / "bad" / "mxsim.pid").exists()
