"""Junos variants: behaviours a release may show that the default chassis does not, as faults so a
test can give one chassis one variant.

- `verbosity-form`: Juniper's YANG models the verbosity of `show services redundancy-group` as a
  nokeyword enumeration leaf (`leaf verbose`), which an RPC may carry as an empty element
  (`<extensive/>`) or as the leaf (`<verbose>extensive</verbose>`); which one a release takes is not
  documented. With this fault the chassis takes only `accept` and answers any other form as Junos
  answers a request it cannot parse: `syntax error`, the refused element named in `bad-element`.
"""

from __future__ import annotations

from typing import Any, ClassVar

from ..state.faultset import FaultError, register
from .base import Fault

FORMS = ("empty-element", "verbose-leaf", "no-argument")


@register
class VerbosityForm(Fault):
    name = "verbosity-form"
    help = (
        "show services redundancy-group takes only one form of its verbosity argument: accept=empty-element "
        "(<extensive/>), verbose-leaf (<verbose>extensive</verbose>) or no-argument; other forms get a syntax error"
    )
    params: ClassVar[dict[str, Any]] = {"accept": "empty-element"}

    def __init__(self, chassis: Any, **params: Any) -> None:
        super().__init__(chassis, **params)
        if self.values["accept"] not in FORMS:
            raise FaultError(f"verbosity-form: accept is one of {', '.join(FORMS)}, not {self.values['accept']!r}")
