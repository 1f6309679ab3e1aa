# -*- coding: utf-8 -*-
# Copyright: (c) 2025, mxha.srd contributors
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""``set`` lines and curly-brace text -> Junos XML (a <configuration> element).

Edits are expressed the way a Junos XML load expresses them: ``delete`` gives the addressed element
operation="delete", ``deactivate``/``activate`` give inactive="inactive"/active="active", and the text
tags ``delete:``/``replace:``/``inactive:`` do the same for the statement they precede.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from dataclasses import dataclass, field
from typing import Iterable, Optional, Union

from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.core import (
    JunosSyntaxError,
    accepts,
    key_is_positional,
    looks_like_keyword,
    nokeyword_children,
)
from ansible_collections.mxha.srd.plugins.module_utils.srd.junos.syntax.lexer import (
    Punct,
    split_set_line,
    tokenize_text,
)

VERBS = ("set", "delete", "deactivate", "activate")
TEXT_TAGS = ("inactive:", "active:", "delete:", "replace:", "protect:", "unprotect:")
_VERB_ATTRIBUTE = {"delete": ("operation", "delete"), "deactivate": ("inactive", "inactive"),
                   "activate": ("active", "active")}


@dataclass
class _Position:
    """Where a statement walk stands: grammar node, element, and the CLI words so far."""

    gnode: object
    elem: ET.Element
    words: list[str] = field(default_factory=list)


@dataclass
class _Walked:
    first: Optional[ET.Element] = None   # the element the statement names (gets text tags)
    target: Optional[ET.Element] = None  # the last element addressed (gets the verb's attribute)
    target_kind: str = ""
    position: Optional[_Position] = None  # deepest container/list reached (a "{" opens it)


class _EntryIndex:
    """List entries by (parent, name, key values): keeps parsing linear for configurations with
    hundreds of entries under one parent (every line re-walks the path from the top)."""

    def __init__(self) -> None:
        self._entries: dict[tuple[int, str, tuple[str, ...]], ET.Element] = {}
        self._keep: list[ET.Element] = []  # the ids above stay valid while the parents live

    def find(self, parent: ET.Element, name: str, values: tuple[str, ...]) -> Optional[ET.Element]:
        return self._entries.get((id(parent), name, values))

    def add(self, parent: ET.Element, name: str, values: tuple[str, ...], entry: ET.Element) -> None:
        self._entries[(id(parent), name, values)] = entry
        self._keep.append(parent)


class _Walker:
    """Apply the words of one statement below a position, creating elements as needed."""

    def __init__(self, tokens: list[str], verb: str, line_no: int, line: str, block: bool = False,
                 index: Optional[_EntryIndex] = None):
        self.index = index if index is not None else _EntryIndex()
        self.tokens = tokens
        self.verb = verb
        self.line_no = line_no
        self.line = line
        self.block = block
        self.i = 0
        self.result = _Walked()

    # -- helpers --------------------------------------------------------------------------
    def fail(self, message: str, words: Optional[list[str]] = None, token: Optional[str] = None) -> None:
        raise JunosSyntaxError(message, self.line_no, self.line, path=words, token=token)

    def peek(self) -> Optional[str]:
        return self.tokens[self.i] if self.i < len(self.tokens) else None

    def take_value(self, what: str, required: bool) -> Optional[str]:
        token = self.peek()
        if token is None or isinstance(token, Punct):
            if required:
                self.fail(f"missing value for {what}")
            return None
        self.i += 1
        return token

    def note(self, elem: ET.Element, kind: str) -> None:
        if self.result.first is None:
            self.result.first = elem
        self.result.target = elem
        self.result.target_kind = kind

    @staticmethod
    def _edit_path(words: list[str]) -> str:
        return "[edit" + "".join(" " + w for w in words) + "]"

    def _expected(self, gnode) -> str:
        if gnode is None:
            return "nothing (no grammar)"
        keys = tuple(getattr(gnode, "keys", ()) or ())
        names = sorted(c.name for c in gnode.children() if not c.nokeyword and c.name not in keys)
        names += [f"<{c.name}>" for c in nokeyword_children(gnode)]
        if len(names) > 15:
            names = names[:15] + ["..."]
        return ", ".join(names) if names else "end of statement"

    # -- the walk ---------------------------------------------------------------------------
    def run(self, pos: _Position) -> _Walked:
        gnode, elem, words = pos.gnode, pos.elem, list(pos.words)
        self.result.position = _Position(gnode, elem, words)
        while self.i < len(self.tokens):
            token = self.tokens[self.i]
            if isinstance(token, Punct):
                self.fail(f"unexpected '{token}' at {self._edit_path(words)}", words, token)
            node = gnode.child(token) if gnode is not None else None
            if node is not None and (node.nokeyword or token in tuple(getattr(gnode, "keys", ()) or ())):
                node = None
            if node is not None:
                self.i += 1
            else:
                candidates = [c for c in nokeyword_children(gnode) if accepts(c, token)]
                if candidates:
                    node = candidates[0]
                elif gnode is None or getattr(gnode, "passthrough", False):
                    self._heuristic(elem)
                    return self.result
                else:
                    self.fail(f"syntax error, unknown statement '{token}' at {self._edit_path(words)}; "
                              f"expected one of: {self._expected(gnode)}", words, token)
            start = self.i
            child = self._consume(node, elem)
            if node.kind in ("container", "list"):
                words = words + ([] if node.nokeyword else [node.name]) + list(self.tokens[start:self.i])
                gnode, elem = node, child
                self.result.position = _Position(gnode, elem, words)
        return self.result

    def _consume(self, node, elem: ET.Element) -> ET.Element:
        kind = node.kind
        if kind in ("container", "flag"):
            child = elem.find(node.name)
            if child is None:
                child = ET.SubElement(elem, node.name)
            self.note(child, kind)
            return child
        if kind == "leaf":
            value = self.take_value(node.name, required=self.verb == "set")
            child = elem.find(node.name)
            if child is None:
                child = ET.SubElement(elem, node.name)
            if value is not None:
                child.text = value
            self.note(child, kind)
            return child
        if kind == "leaf-list":
            values = self._leaf_list_values(node)
            child = None
            for value in values:
                child = next((c for c in elem.findall(node.name) if (c.text or "") == value), None)
                if child is None:
                    child = ET.SubElement(elem, node.name)
                    child.text = value
            if child is None:  # delete/deactivate the whole leaf-list
                child = ET.SubElement(elem, node.name)
            self.note(child, kind)
            return child
        return self._list_entry(node, elem)

    def _leaf_list_values(self, node) -> list[str]:
        token = self.peek()
        if isinstance(token, Punct) and token == "[":
            self.i += 1
            values = []
            while True:
                token = self.peek()
                if token is None:
                    self.fail(f"missing ']' after values of {node.name}")
                self.i += 1
                if isinstance(token, Punct):
                    if token == "]":
                        return values
                    self.fail(f"unexpected '{token}' in values of {node.name}")
                values.append(token)
        value = self.take_value(node.name, required=self.verb == "set")
        return [value] if value is not None else []

    def _list_entry(self, node, elem: ET.Element) -> ET.Element:
        keys = tuple(node.keys)
        values: list[str] = []
        for index, key in enumerate(keys):
            if not key_is_positional(node, index, key):
                if self.peek() != key:
                    if index == 0 and self.verb != "set" and self.peek() is None:
                        break  # `delete ... address-range`: the whole list
                    self.fail(f"{' '.join([node.name] + values)}: expected '{key} <value>'")
                self.i += 1
            value = self.take_value(f"{node.name} {key}", required=self.verb == "set" or index > 0)
            if value is None:
                break
            values.append(value)
        if len(values) < len(keys):  # delete/deactivate of all entries: `delete interfaces`
            child = ET.SubElement(elem, node.name)
            self.note(child, "list")
            return child
        found = self.index.find(elem, node.name, tuple(values))
        if found is not None:
            self.note(found, "list")
            return found
        child = ET.SubElement(elem, node.name)
        for key, value in zip(keys, values):
            ET.SubElement(child, key).text = value
        self.index.add(elem, node.name, tuple(values), child)
        self.note(child, "list")
        return child

    def _heuristic(self, elem: ET.Element) -> None:
        """Convert words the grammar does not know: ``word value`` at the end is a leaf, a word followed
        by a non-keyword is a list entry keyed by name, other words are containers; a last lone word is
        a flag (or a container when a block follows)."""
        tokens = self.tokens
        while self.i < len(tokens):
            word = tokens[self.i]
            if isinstance(word, Punct) or not looks_like_keyword(word):
                self.fail(f"cannot place '{word}' without a grammar")
            rest = len(tokens) - self.i
            nxt = tokens[self.i + 1] if rest > 1 else None
            if rest == 1:
                child = elem.find(word)
                if child is None:
                    child = ET.SubElement(elem, word)
                self.note(child, "container" if self.block else "flag")
                self.i += 1
                elem = child
            elif isinstance(nxt, Punct) and nxt == "[":
                self.i += 1
                values = self._leaf_list_values(_Named(word))
                for value in values:
                    child = ET.SubElement(elem, word)
                    child.text = value
                    self.note(child, "leaf-list")
            elif rest == 2 and not self.block:
                # A repeated `word value` adds a value (a listing repeats leaf-list and list statements).
                child = next((c for c in elem.findall(word) if not len(c) and c.text in (None, nxt)), None)
                if child is None:
                    child = ET.SubElement(elem, word)
                child.text = nxt
                self.note(child, "leaf")
                self.i += 2
            elif not looks_like_keyword(nxt) or rest == 2:
                child = next((c for c in elem.findall(word) if c.findtext("name") == nxt), None)
                if child is None:
                    child = ET.SubElement(elem, word)
                    ET.SubElement(child, "name").text = nxt
                self.note(child, "list")
                self.i += 2
                elem = child
            else:
                child = elem.find(word)
                if child is None:
                    child = ET.SubElement(elem, word)
                self.note(child, "container")
                self.i += 1
                elem = child
            if self.result.target_kind in ("container", "list"):
                self.result.position = _Position(None, elem, [])


@dataclass
class _Named:
    name: str


def _lines(text_or_lines: Union[str, Iterable[str]]) -> list[str]:
    if isinstance(text_or_lines, str):
        return text_or_lines.splitlines()
    return [str(x) for x in text_or_lines]


@dataclass
class SetCommand:
    """One parsed line, for callers that apply lines one at a time (as ``load set`` does)."""

    line_no: int
    line: str
    verb: str
    config: ET.Element


def iter_set_commands(text_or_lines, grammar) -> list[SetCommand]:
    """Parse each line into its own <configuration> (verb attribute applied), keeping line order."""
    commands = []
    for line_no, raw in enumerate(_lines(text_or_lines), 1):
        root = ET.Element("configuration")
        verb = _apply_set_line(root, grammar, raw, line_no)
        if verb:
            commands.append(SetCommand(line_no, raw, verb, root))
    return commands


def parse_set(text_or_lines, grammar) -> ET.Element:
    """Parse set/delete/deactivate/activate lines into one <configuration> element."""
    root = ET.Element("configuration")
    index = _EntryIndex()
    for line_no, raw in enumerate(_lines(text_or_lines), 1):
        _apply_set_line(root, grammar, raw, line_no, index)
    return root


def _apply_set_line(root: ET.Element, grammar, raw: str, line_no: int,
                    index: Optional[_EntryIndex] = None) -> Optional[str]:
    stripped = raw.strip()
    if not stripped or stripped.startswith("#"):
        return None
    tokens = split_set_line(stripped, line_no)
    verb = tokens[0]
    if verb not in VERBS:
        raise JunosSyntaxError(f"unknown command '{verb}'; expected one of: {', '.join(VERBS)}", line_no, raw)
    if len(tokens) < 2:
        raise JunosSyntaxError(f"'{verb}' needs a statement", line_no, raw)
    walked = _Walker(tokens[1:], verb, line_no, raw, index=index).run(_Position(grammar, root))
    if verb in _VERB_ATTRIBUTE and walked.target is not None:
        name, value = _VERB_ATTRIBUTE[verb]
        walked.target.set(name, value)
    return verb


def parse_text(text: str, grammar) -> ET.Element:
    """Parse curly-brace configuration text into a <configuration> element."""
    root = ET.Element("configuration")
    index = _EntryIndex()
    lines = text.split("\n")
    stack = [_Position(grammar, root)]
    statement: list[str] = []
    tags: list[str] = []
    first_line = 0

    def line_of(no: int) -> str:
        return lines[no - 1] if 0 < no <= len(lines) else ""

    for token in tokenize_text(text):
        value = token.value
        if not statement and not tags:
            first_line = token.line_no
        if isinstance(value, Punct) and value in "{;":
            if not statement:
                if value == ";":
                    continue
                raise JunosSyntaxError("'{' without a statement", token.line_no, line_of(token.line_no))
            verb = "delete" if "delete:" in tags else "set"
            walker = _Walker(statement, verb, first_line, line_of(first_line), block=value == "{", index=index)
            walked = walker.run(stack[-1])
            _apply_tags(walked.first, tags)
            if value == "{":
                if walked.target_kind not in ("container", "list") or walked.position is None:
                    raise JunosSyntaxError(f"'{' '.join(statement)}' cannot open a block",
                                           first_line, line_of(first_line))
                stack.append(walked.position)
            statement, tags = [], []
        elif isinstance(value, Punct) and value == "}":
            if statement or tags:
                raise JunosSyntaxError("missing ';' before '}'", token.line_no, line_of(token.line_no))
            if len(stack) == 1:
                raise JunosSyntaxError("unbalanced '}'", token.line_no, line_of(token.line_no))
            stack.pop()
        elif not token.quoted and not statement and value in TEXT_TAGS:
            tags.append(value)
        else:
            statement.append(value)
    if statement or tags:
        raise JunosSyntaxError("missing ';' at end of input", first_line, line_of(first_line))
    if len(stack) > 1:
        raise JunosSyntaxError(f"missing '}}' ({len(stack) - 1} block(s) left open)", len(lines), "")
    return root


def _apply_tags(elem: Optional[ET.Element], tags: list[str]) -> None:
    if elem is None:
        return
    for tag in tags:
        if tag == "inactive:":
            elem.set("inactive", "inactive")
        elif tag == "active:":
            elem.set("active", "active")
        elif tag == "delete:":
            elem.set("operation", "delete")
        elif tag == "replace:":
            elem.set("operation", "replace")
