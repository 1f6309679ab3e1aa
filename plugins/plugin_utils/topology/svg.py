# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""Render a pair's topology graph as one self-contained SVG document, in pure Python.

Why our own layout: the graph is layered by construction (events -> policies -> sets ->
groups and service sets), so a column per layer with boxes stacked in the graph's order is
all the layout it needs; that keeps the collection free of graphviz and any font files.
Text is set in a monospace font so box widths can be computed from character counts.
Output is deterministic and well-formed XML (tests parse it).
"""

from __future__ import annotations

from dataclasses import dataclass
from xml.sax.saxutils import escape, quoteattr

from ansible_collections.mxha.srd.plugins.plugin_utils.topology.graph import (
    ALERT, MISSING, PLAIN, PRIMARY, Node, Topology,
)

__all__ = ["render", "STYLES"]

FONT = "ui-monospace, SFMono-Regular, Menlo, Consolas, 'DejaVu Sans Mono', 'Liberation Mono', monospace"
FONT_SIZE = 12
CHAR_W = 7.3          # a monospace character at 12 px is about 0.6 em wide
LINE_H = 16
PAD_X, PAD_Y = 10, 7
COL_GAP, ROW_GAP, SECTION_GAP = 64, 12, 26
MARGIN = 20
HEADER_H = 18         # a column or section title
EDGE = "#57606a"

STYLES = {   # class -> (fill, stroke, stroke width, dash)
    PLAIN: ("#f6f8fa", "#8c959f", 1, ""),
    PRIMARY: ("#dafbe1", "#1a7f37", 3, ""),
    ALERT: ("#ffebe9", "#cf222e", 3, ""),
    MISSING: ("#fff8c5", "#9a6700", 1, "4 3"),
}


@dataclass
class _Box:
    node: Node
    x: float = 0.0
    y: float = 0.0
    w: float = 0.0
    h: float = 0.0


def _width(node: Node) -> float:
    return max(len(text) for text in (node.title,) + node.lines) * CHAR_W + 2 * PAD_X


def _height(node: Node) -> float:
    return (1 + len(node.lines)) * LINE_H + 2 * PAD_Y


def _fmt(value: float) -> str:
    return ("%.1f" % value).rstrip("0").rstrip(".")


class _Canvas:
    def __init__(self) -> None:
        self.parts: list[str] = []

    def text(self, x: float, y: float, value: str, weight: str = "normal", size: int = FONT_SIZE,
             anchor: str = "start", fill: str = "#1f2328") -> None:
        self.parts.append('<text x="%s" y="%s" font-size="%d" font-weight="%s" text-anchor="%s" fill="%s">%s</text>'
                          % (_fmt(x), _fmt(y), size, weight, anchor, fill, escape(value)))

    def box(self, box: _Box) -> None:
        fill, stroke, width, dash = STYLES.get(box.node.css, STYLES[PLAIN])
        dash_attr = ' stroke-dasharray="%s"' % dash if dash else ""
        self.parts.append('<g id=%s class=%s>' % (quoteattr("node-" + box.node.id), quoteattr("node " + box.node.css)))
        self.parts.append('<rect x="%s" y="%s" width="%s" height="%s" rx="6" fill="%s" stroke="%s" stroke-width="%d"%s/>'
                          % (_fmt(box.x), _fmt(box.y), _fmt(box.w), _fmt(box.h), fill, stroke, width, dash_attr))
        baseline = box.y + PAD_Y + LINE_H - 4
        self.text(box.x + PAD_X, baseline, box.node.title, weight="bold")
        for index, line in enumerate(box.node.lines, start=1):
            self.text(box.x + PAD_X, baseline + index * LINE_H, line)
        self.parts.append("</g>")

    def edge(self, source: _Box, target: _Box, css: str = "edge") -> None:
        x1, y1 = source.x + source.w, source.y + source.h / 2
        x2, y2 = target.x, target.y + target.h / 2
        bend = max((x2 - x1) / 2, 20)
        self.parts.append('<path class=%s d="M%s,%s C%s,%s %s,%s %s,%s" fill="none" stroke="%s" stroke-width="1.4" '
                          'marker-end="url(#mxha-srd-arrow)"/>'
                          % (quoteattr(css), _fmt(x1), _fmt(y1), _fmt(x1 + bend), _fmt(y1), _fmt(x2 - bend), _fmt(y2),
                             _fmt(x2 - 2), _fmt(y2), EDGE))


def _sections(topology: Topology) -> list[list[tuple[str, tuple[Node, ...]]]]:
    """Layout columns, each a list of (title, nodes); groups and service sets share the last one
    because both hang off the redundancy sets."""
    by_key = {column.key: column for column in topology.columns}
    layout = [[by_key["events"]], [by_key["policies"]], [by_key["sets"]], [by_key["groups"], by_key["service_sets"]]]
    out = []
    for stack in layout:
        sections = [(column.title, column.nodes) for column in stack if column.nodes]
        if sections:
            out.append(sections)
    return out


def render(topology: Topology) -> str:
    """The SVG document (UTF-8 text, no external references)."""
    canvas = _Canvas()
    boxes: dict[str, _Box] = {}
    title = "%s: services redundancy topology" % topology.name if topology.name else "Services redundancy topology"

    # Header: title, then the two chassis side by side, joined by their ICCP groups.
    y = MARGIN + 16
    canvas.text(MARGIN, y, title, weight="bold", size=16)
    title_w = len(title) * 9.6
    if topology.has_state:
        legend = "green: holds the primary role now; red: no primary, or two"
        canvas.text(MARGIN + title_w + 24, y, legend, fill=EDGE)
        title_w += 24 + len(legend) * CHAR_W
    y += 14
    chassis = [_Box(node, w=_width(node), h=_height(node)) for node in topology.chassis]
    groups = sorted({topology.node(edge.source).title.split()[-1] for edge in topology.iccp
                     if topology.node(edge.source)}, key=lambda text: (len(text), text))
    link_label = "ICCP, redundancy %s %s" % ("group" if len(groups) == 1 else "groups", ", ".join(groups))
    link_w = max(len(link_label) * CHAR_W + 2 * PAD_X, 80)
    x = MARGIN
    header_bottom = y
    for index, box in enumerate(chassis):
        box.x, box.y = x, y
        x += box.w + (link_w if index == 0 else COL_GAP)
        header_bottom = max(header_bottom, box.y + box.h)
    if len(chassis) == 2 and groups:
        left, right = chassis
        middle = left.y + min(left.h, right.h) / 2
        canvas.parts.append('<path class="iccp" d="M%s,%s H%s" stroke="%s" stroke-width="2" stroke-dasharray="6 3"/>'
                            % (_fmt(left.x + left.w), _fmt(middle), _fmt(right.x), EDGE))
        canvas.text(left.x + left.w + link_w / 2, middle - 6, link_label, anchor="middle", fill=EDGE)
    for box in chassis:
        canvas.box(box)
    width = max([MARGIN + title_w] + [box.x + box.w for box in chassis])

    # Columns: each centred vertically against the tallest one.
    top = header_bottom + 28
    columns = _sections(topology)
    placed: list[tuple[float, float, list[tuple[str, list[_Box]]]]] = []
    x = MARGIN
    for sections in columns:
        stack = [(name, [_Box(node, w=_width(node), h=_height(node)) for node in nodes]) for name, nodes in sections]
        col_w = max(max(box.w for box in boxes_) for _name, boxes_ in stack)
        col_w = max(col_w, max(len(name) * CHAR_W for name, _boxes in stack))
        height = sum(HEADER_H + sum(box.h for box in boxes_) + ROW_GAP * (len(boxes_) - 1) for _n, boxes_ in stack)
        height += SECTION_GAP * (len(stack) - 1)
        placed.append((x, height, stack))
        for _name, boxes_ in stack:
            for box in boxes_:
                box.w = col_w
                boxes[box.node.id] = box
        x += col_w + COL_GAP
    tallest = max([height for _x, height, _s in placed] or [0])
    for col_x, height, stack in placed:
        y = top + (tallest - height) / 2
        for name, boxes_ in stack:
            canvas.text(col_x, y + 12, name, weight="bold", fill=EDGE)
            y += HEADER_H
            for box in boxes_:
                box.x, box.y = col_x, y
                y += box.h + ROW_GAP
            y += SECTION_GAP - ROW_GAP
    width = max(width, x - COL_GAP)
    height = top + tallest + MARGIN

    edges_svg = _Canvas()
    for edge in topology.edges:
        if edge.source in boxes and edge.target in boxes:
            edges_svg.edge(boxes[edge.source], boxes[edge.target])
    body = canvas.parts[:]
    canvas.parts = []
    for box in boxes.values():
        canvas.box(box)

    desc = _description(topology)
    head = [
        '<svg xmlns="http://www.w3.org/2000/svg" width="%s" height="%s" viewBox="0 0 %s %s" role="img" '
        'aria-labelledby="mxha-srd-title mxha-srd-desc" font-family=%s font-size="%d">'
        % (_fmt(width + MARGIN), _fmt(height), _fmt(width + MARGIN), _fmt(height), quoteattr(FONT), FONT_SIZE),
        '<title id="mxha-srd-title">%s</title>' % escape(title),
        '<desc id="mxha-srd-desc">%s</desc>' % escape(desc),
        '<defs><marker id="mxha-srd-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="7" markerHeight="7" '
        'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="%s"/></marker></defs>' % EDGE,
        '<rect width="100%" height="100%" fill="#ffffff"/>',
    ]
    return "\n".join(head + body + edges_svg.parts + canvas.parts + ["</svg>"]) + "\n"


def _description(topology: Topology) -> str:
    """A text alternative for screen readers and search: who is primary, for which sets."""
    sets = next((column.nodes for column in topology.columns if column.key == "sets"), ())
    parts = ["%s (%s)" % (node.title, "; ".join(node.lines)) if node.lines else node.title for node in sets]
    chassis = ["%s (%s)" % (node.title, ", ".join(node.lines)) for node in topology.chassis]
    return "Chassis: %s. Redundancy sets: %s." % (", ".join(chassis) or "none", ", ".join(parts) or "none")
