"""YANG schema check through mxsim.yang (JunosYang.shared().validate), loaded once per process."""

from __future__ import annotations

import logging
import time
from typing import Any, Iterator

from lxml import etree

from ..errors import Error
from ..xmlutil import to_et
from . import register

log = logging.getLogger(__name__)


def load() -> float:
    """Load the Junos YANG models (seconds taken); raises ImportError until mxsim.yang exists."""
    start = time.monotonic()
    from ..yang import JunosYang

    JunosYang.shared()
    register("schema", check)
    return time.monotonic() - start


def check(cfg: etree._Element) -> Iterator[Error]:
    from ..yang import JunosYang

    for err in JunosYang.shared().validate(to_et(cfg)):
        yield _to_error(err)


def _to_error(err: Any) -> Error:
    """mxsim.yang.YangError (path, message, edit_path, bad_element) -> Junos rpc-error."""
    return Error(
        str(getattr(err, "message", err)),
        tag="invalid-value",
        path=getattr(err, "edit_path", None) or "[edit]",
        bad_element=getattr(err, "bad_element", None),
    )
