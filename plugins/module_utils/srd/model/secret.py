# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""A value that must never be printed: the ICCP authentication key.

The key is wrapped rather than stored as ``str`` so that every accidental way of
showing it (repr of a dataclass, an f-string, ``str()``, a log line, a diff, a
pytest assertion message) shows a mask instead.  ``json.dumps`` refuses it outright.
The only way to the plaintext is the explicit :meth:`Secret.reveal`, which the
XML renderer calls when it builds the payload for the device.

Junos returns the key obfuscated as ``$9$...``.  That scheme is a reversible
encoding (not encryption), so equality decodes it: a plaintext key in the intent
compares equal to the ``$9$`` form read back from the box and an unchanged key is
not reported as drift.
"""

from __future__ import annotations

import hmac

MASK = "********"

# Juniper "$9$" obfuscation tables (public, see e.g. the junosdecode tools).
_FAMILY = (
    "QzF3n6/9CAtpu0O",
    "B1IREhcSyrleKvMW8LXx",
    "7N-dVbwsY2g4oaJZGUDj",
    "iHkq.mPf5T",
)
_EXTRA: dict[str, int] = {}
for _index, _chars in enumerate(_FAMILY):
    for _char in _chars:
        _EXTRA[_char] = 3 - _index
_ALPHABET = "".join(_FAMILY)
_NUM_ALPHA = {char: index for index, char in enumerate(_ALPHABET)}
_ENCODING = (
    (1, 4, 32),
    (1, 16, 32),
    (1, 8, 32),
    (1, 64),
    (1, 32),
    (1, 4, 16, 128),
    (1, 32, 64),
)


def decode_junos9(value: str) -> str | None:
    """Decode a Junos ``$9$`` string; None if it is not one (or is malformed)."""
    if not value.startswith("$9$") or len(value) < 5:
        return None
    chars = value[3:]
    try:
        first = chars[0]
        chars = chars[1 + _EXTRA[first]:]
        prev = first
        out = []
        while chars:
            decode = _ENCODING[len(out) % len(_ENCODING)]
            nibble, chars = chars[: len(decode)], chars[len(decode):]
            if len(nibble) != len(decode):
                return None
            gaps = []
            for char in nibble:
                distance = (_NUM_ALPHA[char] - _NUM_ALPHA[prev]) % len(_ALPHABET) - 1
                gaps.append(distance)
                prev = char
            number = sum(gap * mult for gap, mult in zip(gaps, decode))
            out.append(chr(number % 256))
        return "".join(out)
    except (KeyError, IndexError, ValueError):
        return None


class Secret:
    """An opaque secret string: masked in repr/str/format, compared by meaning."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if isinstance(value, Secret):
            value = value.reveal()
        if not isinstance(value, str):
            raise TypeError("Secret wraps a string")
        object.__setattr__(self, "_value", value)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError("Secret is immutable")

    def reveal(self) -> str:
        """The plaintext (or the device's ``$9$`` form): only for the device payload."""
        return self._value

    def plaintext(self) -> str:
        """The key with any ``$9$`` obfuscation undone (used for comparison and checks)."""
        decoded = decode_junos9(self._value)
        return self._value if decoded is None else decoded

    def __len__(self) -> int:
        return len(self.plaintext())

    def __repr__(self) -> str:
        return "Secret(%r)" % MASK

    def __str__(self) -> str:
        return MASK

    def __format__(self, spec: str) -> str:
        return format(MASK, spec)

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Secret):
            return NotImplemented
        return hmac.compare_digest(self.plaintext().encode("utf-8"), other.plaintext().encode("utf-8"))

    def __ne__(self, other: object) -> bool:
        result = self.__eq__(other)
        return result if result is NotImplemented else not result

    def __hash__(self) -> int:
        return hash(("Secret", self.plaintext()))

    def __reduce__(self):  # keeps copy/deepcopy/pickle working with __slots__
        return (Secret, (self._value,))


def encode_junos9(plaintext: str, salt: str = "Q") -> str:
    """Obfuscate like Junos does (deterministic for a given salt; Junos picks it at random).

    Used by tests and by the emulator to return keys the way a real box shows them.
    """
    if not salt or any(char not in _NUM_ALPHA for char in salt):
        raise ValueError("salt must use the $9$ alphabet")
    first = salt[0]
    filler = (salt[1:] + _ALPHABET)[: _EXTRA[first]]
    out = ["$9$", first, filler]
    prev = first
    for position, char in enumerate(plaintext):
        encode = _ENCODING[position % len(_ENCODING)]
        value = ord(char)
        gaps = []
        for mult in reversed(encode):
            gaps.insert(0, value // mult)
            value %= mult
        for gap in gaps:
            prev = _ALPHABET[(_NUM_ALPHA[prev] + gap + 1) % len(_ALPHABET)]
            out.append(prev)
    return "".join(out)
