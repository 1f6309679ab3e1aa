"""The collection's example pair (docs/examples/cgnat-pair.yml) as Junos XML per emulated chassis.

Derived the way the collection does it: intent.py reads the pair intent into one model per
chassis, xml_render.py renders each. The intent's hostnames are mapped onto the chassis of
emulated pair N in order (the first onto pairN-mx1). Each chassis also gets its ICCP local
address on lo0.0, as a real pair would have.
"""

from __future__ import annotations

import os
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Optional

EXAMPLE = Path("docs") / "examples" / "cgnat-pair.yml"


def find_example(start: Optional[Path] = None) -> Path:
    """docs/examples/cgnat-pair.yml of the repository (from $MXSIM_SRD_EXAMPLE, the cwd or this file up)."""
    env = os.environ.get("MXSIM_SRD_EXAMPLE")
    if env:
        return Path(env)
    for base in [start or Path.cwd(), Path(__file__).resolve()]:
        for d in [base, *base.parents]:
            if (d / EXAMPLE).is_file():
                return d / EXAMPLE
    raise FileNotFoundError(f"{EXAMPLE} not found above {start or Path.cwd()} nor above {__file__}")


def pair_configs(path: Optional[Path] = None, pair: int = 1) -> dict[str, str]:
    """{chassis name: <configuration> XML text} for emulated pair `pair`."""
    import yaml

    from ansible_collections.mxha.srd.plugins.module_utils.srd.intent import pair as intent
    from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.xml import render as xml_render

    data = yaml.safe_load(Path(path or find_example()).read_text())
    result = intent.load(data)
    if not result.ok:
        raise ValueError(f"the pair intent is not valid: {[str(v) for v in result.violations]}")
    out = {}
    for member, host in enumerate(result.hostnames, start=1):
        config = result.configs[host]
        root = xml_render.render_xml(config)
        address = config.local_iccp_address()
        if address:
            interfaces = root.find("interfaces")
            if interfaces is None:
                interfaces = ET.SubElement(root, "interfaces")
            lo0 = ET.fromstring(
                "<interface><name>lo0</name><unit><name>0</name><family><inet><address>"
                f"<name>{address}/32</name></address></inet></family></unit></interface>"
            )
            interfaces.insert(0, lo0)
        xml = xml_render.to_string(root)
        out[f"pair{pair}-mx{member}"] = xml
    return out
