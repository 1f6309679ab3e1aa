"""Small helpers shared by the emulator tests (raw RPCs through ncclient, config lookups)."""

from __future__ import annotations

from pathlib import Path

from lxml import etree

FILES = Path(__file__).parent / "files"


def rpc(m, xml: str) -> etree._Element:
    """Send an RPC given as XML text; returns the <rpc-reply> as a plain lxml element."""
    reply = m.rpc(etree.fromstring(xml))
    return etree.fromstring(reply.tostring)


def config_of(mx, chassis: str, which: str = "committed") -> etree._Element:
    return etree.fromstring(mx.state(chassis)[which])


def srd_config() -> str:
    return (FILES / "srd.xml").read_text()
