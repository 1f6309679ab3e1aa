"""One NETCONF session: hello exchange, framing, RPC dispatch, Junos-shaped replies, cleanup.

Runs as an asyncssh process (subsystem `netconf` or exec `xml-mode netconf need-trailer`) read
with encoding=None so base:1.1 chunk sizes count bytes. What the session is to the chassis (its
candidate, lock rules) is mxsim.state.session.SessionState; each RPC goes to the `dispatch`
callback the server was given at wiring time (mxsim.rpc.dispatch).
"""

from __future__ import annotations

import asyncio
import inspect
import logging
import re
import time
from typing import TYPE_CHECKING, Any, Callable
from xml.sax.saxutils import escape, quoteattr

from lxml import etree

from ..errors import Error, RpcFailure
from ..rpc.replies import Ok, RawText
from ..state.session import SessionState
from ..xmlutil import JUNOS_NS, NETCONF_NS, child, children, local, parse, strip_ns
from .framing import FramingError, Framer

if TYPE_CHECKING:
    import asyncssh

    from ..state.chassis import Chassis

log = logging.getLogger(__name__)

BASE10 = "urn:ietf:params:netconf:base:1.0"
BASE11 = "urn:ietf:params:netconf:base:1.1"
CAPABILITIES = [
    BASE10,
    "urn:ietf:params:netconf:capability:candidate:1.0",
    "urn:ietf:params:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:netconf:capability:validate:1.0",
    "urn:ietf:params:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:netconf:base:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:candidate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:confirmed-commit:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:validate:1.0",
    "urn:ietf:params:xml:ns:netconf:capability:url:1.0?scheme=http,ftp,file",
    "urn:ietf:params:xml:ns:yang:ietf-netconf-monitoring",
    "http://xml.juniper.net/netconf/junos/1.0",
    "http://xml.juniper.net/dmi/system/1.0",
]
_MESSAGE_ID = re.compile(rb"<(?:[\w.-]+:)?rpc\b[^>]*?\bmessage-id\s*=\s*(\"[^\"]*\"|'[^']*')")

# What runs one RPC: (session, operation name, namespace-free operation element) -> reply body,
# or an awaitable of it. The emulator passes mxsim.rpc.dispatch.
Dispatch = Callable[[SessionState, str, etree._Element], Any]


class Session(SessionState):
    def __init__(
        self, chassis: "Chassis", process: "asyncssh.SSHServerProcess[bytes]", user: str, dispatch: Dispatch
    ) -> None:
        super().__init__(chassis, user)
        self.process = process
        self.framer = Framer()
        self.aborted = False
        self.detached = False
        self.started = time.time()
        self._dispatch = dispatch

    # ---- connection -----------------------------------------------------------------------

    def abort(self) -> None:
        """Drop the connection abruptly (no SSH disconnect, no reply): a fault or a reset."""
        self.aborted = True
        self.closing = True
        conn = self.process.get_extra_info("connection")
        if conn is not None:
            conn.abort()

    def _write(self, data: bytes) -> None:
        self.process.stdout.write(self.framer.encode(data))

    def hello(self) -> bytes:
        caps = list(CAPABILITIES)
        if self.chassis.options.base11:
            caps.insert(1, BASE11)
        body = "".join(f"    <capability>{c}</capability>\n" for c in caps)
        return (
            "<!-- No zombies were killed during the creation of this user interface -->\n"
            f"<!-- user {self.user}, class j-super-user -->\n"
            f'<hello xmlns="{NETCONF_NS}">\n  <capabilities>\n{body}  </capabilities>\n'
            f"  <session-id>{self.id}</session-id>\n</hello>"
        ).encode()

    async def run(self) -> None:
        chassis = self.chassis
        chassis.sessions[self.id] = self
        chassis.event("session-start", session=self.id, user=self.user)
        try:
            self._write(self.hello())
            if not await self._client_hello():
                return
            while not self.closing:
                msg = self.framer.next_message()
                if msg is None:
                    data = await self.process.stdin.read(65536)
                    if not data:
                        break
                    self.framer.feed(data)
                    continue
                if msg:
                    await self.handle(msg)
        except FramingError as exc:
            chassis.event("framing-error", session=self.id, error=str(exc))
        except (ConnectionError, asyncio.IncompleteReadError, BrokenPipeError):
            pass
        finally:
            if not self.detached:
                chassis.session_ended(self)
                chassis.event("session-end", session=self.id, aborted=self.aborted or None)
            if not self.aborted:
                try:
                    self.process.exit(0)
                except Exception:  # the channel may already be gone
                    pass

    async def _client_hello(self) -> bool:
        while True:
            msg = self.framer.next_message()
            if msg is not None:
                break
            data = await self.process.stdin.read(65536)
            if not data:
                return False
            self.framer.feed(data)
        try:
            hello = parse(msg)
        except etree.XMLSyntaxError:
            return False
        if local(hello.tag) != "hello":
            return False
        caps_el = child(hello, "capabilities")
        caps = {(c.text or "").strip() for c in children(caps_el)} if caps_el is not None else set()
        self.framer.chunked = self.chassis.options.base11 and BASE11 in caps
        self.chassis.event("hello", session=self.id, framing="chunked" if self.framer.chunked else "eom")
        return True

    # ---- one RPC --------------------------------------------------------------------------

    async def handle(self, raw: bytes) -> None:
        start = time.perf_counter()
        self.extras = {}
        attrs: dict[str, str] = {}
        name = "(malformed)"
        verdict = None
        try:
            root = parse(raw)
            attrs = {k: v for k, v in root.attrib.items() if not k.startswith("{")}
            if local(root.tag) != "rpc":
                raise RpcFailure(Error("syntax error, expecting <rpc>", type="protocol", bad_element=local(root.tag)))
            ops = children(root)
            if not ops:
                raise RpcFailure(Error("syntax error, expecting <rpc> to contain an operation", type="protocol"))
            op = strip_ns(ops[0])
            name = op.tag
            verdict = self.chassis.faults.before_rpc(self, name)
            if verdict == "drop":
                self._dropped(name, start)
                return
            rejected = self.chassis.faults.reject(self, name)
            if rejected is not None:
                raise RpcFailure(rejected)
            result = self.dispatch(name, op)
            if inspect.isawaitable(result):
                result = await result
            body, ok = result, True
        except etree.XMLSyntaxError as exc:
            m = _MESSAGE_ID.search(raw)
            if m:
                attrs = {"message-id": m.group(1)[1:-1].decode("utf-8", "replace")}
            body, ok = RpcFailure(Error(f"XML parse error: {exc}", tag="malformed-message", type="rpc")).body(), False
        except RpcFailure as exc:
            body, ok = exc.body(), False
        except Exception as exc:  # a bug in a handler must not kill the session
            log.exception("%s: %s failed", self.chassis.name, name)
            body, ok = RpcFailure(Error(f"mxsim internal error: {exc!r}")).body(), False
        if verdict == "drop-after":
            self._dropped(name, start)
            return
        await self.chassis.faults.delay(self, name)
        if self.aborted or self.detached:
            return
        self._write(self.reply(attrs, body))
        self.chassis.log.write(
            session=self.id, rpc=name, ms=round((time.perf_counter() - start) * 1000, 3), ok=ok, **self.extras
        )

    def dispatch(self, name: str, op: etree._Element) -> Any:
        return self._dispatch(self, name, op)

    def _dropped(self, name: str, start: float) -> None:
        self.chassis.log.write(
            session=self.id, rpc=name, ms=round((time.perf_counter() - start) * 1000, 3), ok=False, dropped=True
        )
        self.abort()

    def reply(self, attrs: dict[str, str], body: Any) -> bytes:
        head = f'<rpc-reply xmlns="{NETCONF_NS}" xmlns:junos="{JUNOS_NS}"'
        head += "".join(f" {k}={quoteattr(v)}" for k, v in attrs.items()) + ">\n"
        if body is None:
            inner = b""
        elif isinstance(body, Ok):
            inner = b"<ok/>\n"
        elif isinstance(body, RawText):
            inner = escape(str(body)).encode("utf-8") + b"\n"
        else:
            elems = body if isinstance(body, list) else [body]
            inner = b"".join(etree.tostring(e, encoding="utf-8", pretty_print=True) for e in elems)
        return head.encode() + inner + b"</rpc-reply>"
