"""Injectable faults: the Fault base class (base.py) and the built-in faults, one module per
family: transport.py (drop-session, fail-commit, hold-lock, delay, refuse-connections) and srd.py
(link-down, peer-unreachable, srd-disable ...). The registry and a chassis' active set live below,
in mxsim.state.faultset; this package re-exports `Fault`, `register`, `FAULTS` and `FaultError` for
plugins (`@faults.register class MyFault(faults.Fault)`).

May import: srd (mxsim.srd), chassis state (mxsim.state) and the layers below them. The built-in
modules register when mxsim.builtin imports them.
"""

from ..state.faultset import FAULTS, FaultError, register
from .base import Fault

__all__ = ["FAULTS", "Fault", "FaultError", "register"]
