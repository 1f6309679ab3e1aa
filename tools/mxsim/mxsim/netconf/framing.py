"""NETCONF message framing: base:1.0 end-of-message and base:1.1 chunked (RFC 6242).

Works on bytes: chunk sizes count bytes, so the SSH channel is read with encoding=None.
"""

from __future__ import annotations

import re

EOM = b"]]>]]>"
MAX_CHUNK = 65536
_CHUNK_HEADER = re.compile(rb"\n#([1-9][0-9]{0,9})\n")


class FramingError(Exception):
    """The peer broke the framing; the session cannot continue."""


class Framer:
    """Incremental decoder/encoder; `chunked` flips to True after a base:1.1 hello exchange."""

    def __init__(self) -> None:
        self.buf = bytearray()
        self.chunked = False

    def feed(self, data: bytes) -> None:
        self.buf += data

    def next_message(self) -> bytes | None:
        """Return one complete message, or None when more bytes are needed."""
        return self._next_chunked() if self.chunked else self._next_eom()

    def _next_eom(self) -> bytes | None:
        i = self.buf.find(EOM)
        if i < 0:
            return None
        msg = bytes(self.buf[:i])
        del self.buf[: i + len(EOM)]
        return msg.strip()

    def _next_chunked(self) -> bytes | None:
        # Leading whitespace between messages is tolerated (some clients send "\n" after ##).
        pos = 0
        n = len(self.buf)
        while pos < n and self.buf[pos] in b" \r\t\n":
            if self.buf[pos] == 0x0A and (pos + 1 >= n or self.buf[pos + 1] == 0x23):
                break
            pos += 1
        parts: list[bytes] = []
        while True:
            if len(self.buf) - pos < 4:
                return None
            if self.buf[pos : pos + 4] == b"\n##\n":
                del self.buf[: pos + 4]
                return b"".join(parts)
            m = _CHUNK_HEADER.match(self.buf, pos)
            if m is None:
                if b"\n" in self.buf[pos + 1 : pos + 13] or len(self.buf) - pos > 13:
                    raise FramingError("bad chunk header")
                return None
            size = int(m.group(1))
            start = m.end()
            if len(self.buf) < start + size:
                return None
            parts.append(bytes(self.buf[start : start + size]))
            pos = start + size

    def encode(self, msg: bytes) -> bytes:
        if not self.chunked:
            return msg + b"\n" + EOM + b"\n"
        out = bytearray()
        for i in range(0, len(msg), MAX_CHUNK):
            piece = msg[i : i + MAX_CHUNK]
            out += b"\n#%d\n" % len(piece) + piece
        out += b"\n##\n"
        return bytes(out)
