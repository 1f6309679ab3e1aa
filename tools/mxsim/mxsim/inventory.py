"""The Ansible inventory `mxsim up` writes (STATE_DIR/inventory.yml): pairs as groups under
`mx_pairs`, chassis as hosts, the netconf connection settings as group vars."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from .options import HOST, PASSWORD, USER, Options

FILE = "inventory.yml"


def build(options: Options) -> dict[str, Any]:
    pairs: dict[str, Any] = {}
    for name, pair, _member, port in options.chassis():
        group = pairs.setdefault(f"pair{pair}", {"hosts": {}})
        group["hosts"][name] = {"ansible_host": HOST, "ansible_port": port}
    return {
        "all": {
            "children": {
                "mx_pairs": {
                    "vars": {
                        "ansible_connection": "ansible.netcommon.netconf",
                        "ansible_network_os": options.network_os,
                        "ansible_user": USER,
                        "ansible_password": PASSWORD,
                        "ansible_host_key_checking": False,
                    },
                    "children": pairs,
                }
            }
        }
    }


def write(options: Options) -> Path:
    path = options.state_dir / FILE
    tmp = path.with_suffix(".tmp")
    tmp.write_text(
        "# written by `mxsim up`; regenerated on every start\n" + yaml.safe_dump(build(options), sort_keys=False)
    )
    tmp.replace(path)
    return path
