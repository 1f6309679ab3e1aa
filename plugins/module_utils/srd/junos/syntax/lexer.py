# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Junos CLI quoting and tokenising (set lines and curly-brace text).

Punctuation is returned as ``Punct`` (a str subclass) so that a quoted "{" or ";" stays a value.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import JunosSyntaxError

# Characters that make Junos print a value in double quotes (and that our parser would otherwise split on).
_NEEDS_QUOTES = re.compile(r"""[\s;{}\[\]#"'\\()|&<>*!$^?~`]""")


class Punct(str):
    """Unquoted punctuation: one of { } ; [ ]."""


def quote(value: str) -> str:
    """Quote a value as the Junos CLI prints it: only when empty or containing special characters."""
    if value == "" or _NEEDS_QUOTES.search(value):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


@dataclass
class Token:
    value: str
    line_no: int
    quoted: bool = False


def _read_quoted(text: str, pos: int, line_no: int, line: str) -> tuple[str, int, int]:
    """Read a double-quoted string starting at text[pos] == '"'; returns (value, next pos, newlines)."""
    out = []
    i = pos + 1
    newlines = 0
    while i < len(text):
        ch = text[i]
        if ch == "\\" and i + 1 < len(text):
            out.append(text[i + 1])
            i += 2
            continue
        if ch == '"':
            return "".join(out), i + 1, newlines
        if ch == "\n":
            newlines += 1
        out.append(ch)
        i += 1
    raise JunosSyntaxError("unterminated quoted string", line_no, line)


def split_set_line(line: str, line_no: int = 0) -> list[str]:
    """Split one set/delete/... line into tokens; ``[`` and ``]`` become Punct."""
    tokens: list[str] = []
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch.isspace():
            i += 1
        elif ch == '"':
            value, i, _newlines = _read_quoted(line, i, line_no, line)
            tokens.append(value)
        elif ch in "[]":
            tokens.append(Punct(ch))
            i += 1
        else:
            j = i
            while j < n and not line[j].isspace() and line[j] not in '[]"':
                j += 1
            tokens.append(line[i:j])
            i = j
    return tokens


def tokenize_text(text: str) -> list[Token]:
    """Tokenise curly-brace configuration text, dropping /* */ and # comments."""
    tokens: list[Token] = []
    lines = text.split("\n")
    i = 0
    n = len(text)
    line_no = 1
    while i < n:
        ch = text[i]
        if ch == "\n":
            line_no += 1
            i += 1
        elif ch.isspace():
            i += 1
        elif text.startswith("/*", i):
            end = text.find("*/", i + 2)
            if end < 0:
                raise JunosSyntaxError("unterminated /* comment", line_no, lines[line_no - 1])
            line_no += text.count("\n", i, end)
            i = end + 2
        elif ch == "#":
            end = text.find("\n", i)
            i = n if end < 0 else end
        elif ch == '"':
            value, i, newlines = _read_quoted(text, i, line_no, lines[line_no - 1])
            tokens.append(Token(value, line_no, True))
            line_no += newlines
        elif ch in "{};[]":
            tokens.append(Token(Punct(ch), line_no))
            i += 1
        else:
            j = i
            while j < n and not text[j].isspace() and text[j] not in '{};[]"':
                j += 1
            tokens.append(Token(text[i:j], line_no))
            i = j
    return tokens
