"""The built-in registrations: importing this module registers every RPC family, CLI command,
commit check and fault mxsim ships.

The registries (mxsim.rpc, mxsim.commands, mxsim.checks, mxsim.state.faultset) never import
their members; this module, at the top with the emulator, is the one place that does. `--plugin`
modules are imported after it and may add or replace entries. Every import is here for its
registrations only.
"""

# pylint: disable=unused-import

from .checks import srd_rules  # noqa: F401  (the schema check registers once the YANG models load)

# CLI commands in this order: among commands of the same length, the first registered wins an
# abbreviation ("show v" is show version, not show vrrp).
from .commands import show_version  # noqa: F401  isort: skip
from .commands import show_configuration  # noqa: F401  isort: skip
from .commands import misc  # noqa: F401  isort: skip
from .commands import srd as srd_commands  # noqa: F401  isort: skip
from .commands import routing as routing_commands  # noqa: F401  isort: skip
from .commands import command_rpc  # noqa: F401  (the <command> RPC)
from .faults import transport  # noqa: F401  (drop-session, fail-commit, hold-lock, delay, refuse-connections)
from .faults import srd as srd_faults  # noqa: F401  (link-down, peer-unreachable, srd-disable ...)
from .faults import variants  # noqa: F401  (verbosity-form)
from .rpc import commit_ops, config_edit, config_get, config_load, files, interfaces  # noqa: F401
from .rpc import locking, session_ops, system_info  # noqa: F401
from .rpc import routing as routing_rpc  # noqa: F401
from .rpc import srd as srd_rpc  # noqa: F401
