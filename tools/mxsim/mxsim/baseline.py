"""The factory configuration each emulated chassis boots with (and returns to on reset)."""

from __future__ import annotations

from lxml import etree

from .xmlutil import JUNOS_VERSION, parse

_TEMPLATE = """
<configuration>
  <version>{version}</version>
  <system>
    <host-name>{name}</host-name>
    <root-authentication>
      <encrypted-password>$6$mxsim$emulatedrootpasswordhashnotreal</encrypted-password>
    </root-authentication>
    <services>
      <ssh/>
      <netconf><ssh/></netconf>
    </services>
  </system>
  <interfaces>
    <interface>
      <name>fxp0</name>
      <unit><name>0</name><family><inet><address><name>10.0.{pair}.{member}/24</name></address></inet></family></unit>
    </interface>
    <interface>
      <name>lo0</name>
      <unit><name>0</name><family><inet><address><name>10.255.{pair}.{member}/32</name></address></inet></family></unit>
    </interface>
  </interfaces>
</configuration>
"""


def baseline(name: str, pair: int, member: int) -> etree._Element:
    xml = _TEMPLATE.format(version=JUNOS_VERSION, name=name, pair=pair % 256, member=member)
    root = parse(xml)
    for e in root.iter():
        if len(e):
            e.text = None
        e.tail = None
    return root
