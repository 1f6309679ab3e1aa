"""Junos-shaped <rpc-error> elements and the exception handlers raise to produce them."""

from __future__ import annotations

from dataclasses import dataclass, field

from lxml import etree


@dataclass
class Error:
    """One <rpc-error>, in the element order Junos (and RFC 6241) uses."""

    message: str
    tag: str = "operation-failed"
    type: str = "application"
    severity: str = "error"
    path: str | None = None
    bad_element: str | None = None
    info: dict[str, str] = field(default_factory=dict)

    def to_element(self) -> etree._Element:
        e = etree.Element("rpc-error")
        etree.SubElement(e, "error-type").text = self.type
        etree.SubElement(e, "error-tag").text = self.tag
        etree.SubElement(e, "error-severity").text = self.severity
        if self.path:
            etree.SubElement(e, "error-path").text = self.path
        etree.SubElement(e, "error-message").text = self.message
        if self.bad_element or self.info:
            info = etree.SubElement(e, "error-info")
            if self.bad_element:
                etree.SubElement(info, "bad-element").text = self.bad_element
            for k, v in self.info.items():
                etree.SubElement(info, k).text = v
        return e

    def as_dict(self) -> dict[str, object]:
        return {k: v for k, v in self.__dict__.items() if v}


class RpcFailure(Exception):
    """Raised by an RPC handler: the reply carries `errors`, optionally inside `wrapper`.

    Junos wraps commit errors in <commit-results> and load errors in <load-configuration-results>;
    `trailer` elements (e.g. <load-error-count>) follow the errors inside the wrapper.
    """

    def __init__(
        self,
        errors: Error | list[Error],
        wrapper: str | None = None,
        trailer: list[etree._Element] | None = None,
    ) -> None:
        self.errors = [errors] if isinstance(errors, Error) else list(errors)
        self.wrapper = wrapper
        self.trailer = trailer or []
        super().__init__("; ".join(e.message for e in self.errors))

    def body(self) -> list[etree._Element]:
        elems = [e.to_element() for e in self.errors]
        if not self.wrapper:
            return elems + self.trailer
        w = etree.Element(self.wrapper)
        for e in elems + self.trailer:
            w.append(e)
        return [w]


def fail(message: str, **kw: object) -> RpcFailure:
    """Shorthand: `raise fail("...", path=..., bad_element=...)`."""
    return RpcFailure(Error(message, **kw))  # type: ignore[arg-type]


def edit_path(tags: list[str] | tuple[str, ...]) -> str:
    """Junos error-path text, e.g. ['services', 'service-set SS1'] -> '[edit services service-set SS1]'."""
    return "[edit" + "".join(" " + t for t in tags) + "]"
