# -*- coding: utf-8 -*-
# GNU General Public License v3.0+ (see LICENSE or https://www.gnu.org/licenses/gpl-3.0.txt)
"""The audit as a document for a design review: self-contained HTML, or Markdown.

Both hold the verdict, the pair's picture (drawn by the caller: SVG for HTML, Mermaid for Markdown,
since the topology renderers live with the plugins), the findings with their source and fix, and
the scenario matrix (sets x classes of failure, coloured by outcome). HTML also lists every
single-failure scenario, folded. No script, no external file: the HTML opens from a mail or a CI
artefact store as it is.
"""
from __future__ import annotations

from html import escape
from typing import List, Optional, Sequence

from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.findings import RULES
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.matrix import SHORT
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.render import scenario_to_dict, summary
from ansible_collections.mxha.srd.plugins.module_utils.srd.audit.run import Audit

__all__ = ["to_html", "to_markdown", "COLOURS"]

COLOURS = {   # outcome -> (background, text)
    "switches": ("#ddf4ff", "#0a3069"),
    "stays": ("#f6f8fa", "#24292f"),
    "refused": ("#fff1e5", "#762c00"),
    "flaps": ("#ffebe9", "#82071e"),
    "lost": ("#ff8182", "#4c0010"),
}
_SEVERITY = {"error": "#cf222e", "warning": "#9a6700", "info": "#0969da"}
_EMOJI = {"switches": "\U0001f7e6", "stays": "\u2b1c", "refused": "\U0001f7e7", "flaps": "\U0001f7e5", "lost": "\U0001f7e5"}
_STYLE = """
body{font-family:-apple-system,'Segoe UI',Helvetica,Arial,sans-serif;margin:2em;color:#24292f;max-width:90em}
h1{font-size:1.5em}h2{font-size:1.2em;margin-top:1.6em;border-bottom:1px solid #d0d7de}
table{border-collapse:collapse;font-size:.85em}td,th{border:1px solid #d0d7de;padding:.25em .45em;vertical-align:top}
th{background:#f6f8fa;text-align:left}.m td{text-align:center;font-family:ui-monospace,Menlo,monospace}
.hit{outline:2px solid #cf222e;outline-offset:-2px;font-weight:bold}.sev{color:#fff;border-radius:3px;padding:0 .3em}
.muted{color:#57606a}details{margin:.2em 0}summary{cursor:pointer}code{font-size:.95em}
.legend span{display:inline-block;padding:0 .5em;margin-right:.4em;border:1px solid #d0d7de}
"""


def _cell_html(cell) -> str:
    if cell is None:
        return '<td class="muted">\u00b7</td>'
    bg, fg = COLOURS[cell.worst]
    title = "; ".join("%d %s" % (n, o) for o, n in cell.counts.items()) + ("; shows a finding" if cell.finding else "")
    return '<td style="background:%s;color:%s"%s title="%s">%s</td>' % (
        bg, fg, ' class="hit"' if cell.finding else "", escape(title), escape(cell.short()))


def _matrix_html(audit: Audit) -> List[str]:
    columns = audit.matrix.used_columns()
    out = ['<p class="legend">' + "".join('<span style="background:%s;color:%s">%s %s</span>' % (
        COLOURS[o][0], COLOURS[o][1], SHORT[o], o) for o in COLOURS) +
        '<span class="hit">* shows a finding</span> counts follow the letter; \u00b7 nothing of that class acts on '
        'the set</p>', '<table class="m"><tr><th>set</th><th>starting state</th>' +
        "".join('<th title="%s">%s</th>' % (escape(label), escape(short)) for unused, short, label in columns) + "</tr>"]
    for row in audit.matrix.ordered():
        out.append("<tr><th>%d</th><td>%s</td>%s</tr>" % (row.set_id, escape("%s (primary %s)" % (
            row.start, row.primary or "none")), "".join(_cell_html(row.cells.get(cid)) for cid, unused, unused2 in columns)))
    out.append("</table>")
    legend = "; ".join("<b>%s</b> %s" % (escape(short), escape(label)) for unused, short, label in columns)
    out.append('<p class="muted">Columns: %s.</p>' % legend)
    return out


def _findings_html(audit: Audit) -> List[str]:
    if not audit.findings:
        return ["<p>No findings.</p>"]
    out = ["<table><tr><th>severity</th><th>rule</th><th>set</th><th>chassis</th><th>what</th><th>scenarios</th>"
           "<th>fix</th><th>source</th></tr>"]
    for f in audit.findings:
        out.append("<tr><td><span class=\"sev\" style=\"background:%s\">%s</span></td><td><code>%s</code><br>%s</td>"
                   "<td>%d</td><td>%s</td><td>%s</td><td>%d, e.g.<br><code>%s</code></td><td>%s</td><td>%s</td></tr>" % (
                       _SEVERITY[f.severity], f.severity, f.rule_id, escape(f.title), f.redundancy_set,
                       escape(f.chassis or ""), escape(f.message), f.count, escape(f.scenarios[0]), escape(f.hint),
                       escape(RULES[f.rule_id].source)))
    out.append("</table>")
    return out


LISTED = 500
"""Above this many single-failure scenarios the HTML lists only those with a finding (the JSON has all)."""


def _scenarios_html(audit: Audit) -> List[str]:
    out, chosen = [], audit.scenarios
    if len(chosen) > LISTED:
        chosen = [s for s in chosen if s.findings]
        out.append('<p class="muted">%d scenarios: only the %d that show a finding are listed here; the JSON report '
                   'has every one.</p>' % (len(audit.scenarios), len(chosen)))
    for scenario in chosen:
        data = scenario_to_dict(scenario)
        sets = "; ".join("set %s %s (%s)" % (sid, s["outcome"], s["rule_id"])
                         for sid, s in data["redundancy_sets"].items()) or "no set acted on"
        mark = " \u26a0 " + ", ".join(data["findings"]) if data["findings"] else ""
        body = ["<li>%s</li>" % escape("%s: %s (%s)" % (s["failure"], s["reason"], ", ".join(s["rule_ids"])))
                for s in data["steps"]]
        for name, routes in sorted(data["signal_routes"].items()):
            body.append("<li>signal routes on %s: %s</li>" % (escape(name), escape(
                ", ".join(["+" + r for r in routes["added"]] + ["-" + r for r in routes["removed"]]))))
        body += ["<li>VRRP group %d: %s wins (%s)</li>" % (v["group"], escape(str(v["winner"])), escape(
            ", ".join("%s %d" % kv for kv in v["priorities"].items()))) for v in data["vrrp"]]
        body += ["<li>%s %s under %s</li>" % (
            escape(a["chassis"]), "advertises" if a["advertises"] else "does not advertise", escape(a["condition"]))
            for a in data["advertisement"]]
        body += ["<li>stateful sync of set %d: %s \u2192 %s</li>" % (
            s["redundancy_set"], escape(str(s["source"])), escape(str(s["target"]))) for s in data["sync_roles"]]
        out.append("<details><summary><code>%s</code>: %s%s</summary><ul>%s</ul></details>" % (
            escape(scenario.id), escape(sets), escape(mark), "".join(body)))
    return out


def to_html(audit: Audit, pair: str, topology_svg: Optional[str] = None, generated: Optional[str] = None,
            validation: Sequence[dict] = ()) -> str:
    """A self-contained HTML page (``topology_svg``: the pair's picture, an SVG document)."""
    out = ["<!DOCTYPE html>", '<html lang="en"><head><meta charset="utf-8">',
           "<title>SRD audit %s</title><style>%s</style></head><body>" % (escape(pair), _STYLE),
           "<h1>SRD failure audit: %s</h1>" % escape(pair), "<p>%s</p>" % escape(summary(audit, pair))]
    if generated:
        out.append('<p class="muted">generated %s by mxha.srd.audit</p>' % escape(generated))
    out.append("<h2>The pair</h2>")
    out.append(_strip_xml_declaration(topology_svg) if topology_svg else
               '<p class="muted">No picture: the audit was given configurations, not a pair intent.</p>')
    if validation:
        out.append("<h2>SRD rules</h2><ul>" + "".join("<li>%s</li>" % escape("%s %s: %s" % (
            v.get("severity"), v.get("rule"), v.get("text") or v.get("message"))) for v in validation) + "</ul>")
    out.append("<h2>Findings</h2>")
    out += _findings_html(audit)
    out.append("<h2>Scenario matrix</h2>")
    out += _matrix_html(audit)
    out.append("<h2>Single-failure scenarios</h2>")
    out += _scenarios_html(audit)
    out.append("</body></html>")
    return "\n".join(out) + "\n"


def _strip_xml_declaration(svg: str) -> str:
    return svg.split("?>", 1)[1].strip() if svg.lstrip().startswith("<?xml") else svg


def _md(text: str) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def to_markdown(audit: Audit, pair: str, topology_mermaid: Optional[str] = None, generated: Optional[str] = None,
                validation: Sequence[dict] = ()) -> str:
    """Markdown with a Mermaid picture; the matrix coloured with squares (GitHub renders both)."""
    out = ["# SRD failure audit: %s" % pair, "", summary(audit, pair) + ".", ""]
    if generated:
        out += ["Generated %s by mxha.srd.audit." % generated, ""]
    out += ["## The pair", ""]
    out += ["```mermaid", topology_mermaid.rstrip("\n"), "```", ""] if topology_mermaid else [
        "No picture: the audit was given configurations, not a pair intent.", ""]
    if validation:
        out += ["## SRD rules", ""] + ["- %s `%s`: %s" % (v.get("severity"), v.get("rule"), _md(
            v.get("text") or v.get("message"))) for v in validation] + [""]
    out += ["## Findings", ""]
    if not audit.findings:
        out += ["No findings.", ""]
    else:
        out += ["| severity | rule | set | chassis | what | scenarios | fix |", "|---|---|---|---|---|---|---|"]
        out += ["| %s | `%s` | %d | %s | %s | %d, e.g. `%s` | %s |" % (
            f.severity, f.rule_id, f.redundancy_set, f.chassis or "", _md(f.message), f.count, f.scenarios[0],
            _md(f.hint)) for f in audit.findings]
        out.append("")
    columns = audit.matrix.used_columns()
    out += ["## Scenario matrix", "", " ".join("%s %s %s" % (_EMOJI[o], SHORT[o], o) for o in COLOURS) +
            "; `*` shows a finding; `.` nothing of that class acts on the set.", "",
            "| set | starting state | %s |" % " | ".join(short for unused, short, unused2 in columns),
            "|---|---|%s" % "---|" * len(columns)]
    for row in audit.matrix.ordered():
        cells = []
        for cid, unused, unused2 in columns:
            cell = row.cells.get(cid)
            cells.append("." if cell is None else "%s %s" % (_EMOJI[cell.worst], cell.short()))
        out.append("| %d | %s (primary %s) | %s |" % (row.set_id, row.start, row.primary or "none", " | ".join(cells)))
    out += ["", "Columns: " + "; ".join("**%s** %s" % (short, label) for unused, short, label in columns) + ".", ""]
    return "\n".join(out)
