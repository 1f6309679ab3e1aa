"""srd CLI: `show services redundancy-group [ID] [terse|brief|extensive]` and
`request services redundancy-set id N trigger redundancy-event E [force]`."""

from __future__ import annotations

from typing import TYPE_CHECKING, Optional

from ..errors import fail
from ..rpc import srd as srd_rpc
from ..srd import show, text
from . import Output, Request, command

if TYPE_CHECKING:
    from ..state.session import SessionState


def pick_level(word: str, levels: tuple[str, ...]) -> Optional[str]:
    """A display level given in full or abbreviated (`ext` for extensive), as the CLI allows."""
    found = [lv for lv in levels if lv.startswith(word)]
    return found[0] if len(found) == 1 else None


def syntax_error(word: str) -> Exception:
    return fail(f"syntax error, expecting <command>: {word}", type="protocol", bad_element=word)


@command("show services redundancy-group")
def show_redundancy_group(session: "SessionState", req: Request) -> Output:
    level, group = "terse", None
    for word in req.args:
        if word.isdigit() and group is None:
            group = int(word)
        elif (lv := pick_level(word, show.LEVELS)) is not None:
            level = lv
        else:
            raise syntax_error(word)
    xml = srd_rpc.redundancy_group(session, level, group)
    return Output(xml=xml, text=text.redundancy_group(xml, level))


@command("request services redundancy-set")
def request_redundancy_set(session: "SessionState", req: Request) -> Output:
    args = list(req.args)
    set_text: Optional[str] = None
    event: Optional[str] = None
    force = trig = False
    while args:
        word = args.pop(0)
        if word == "id" and args:
            set_text = args.pop(0)
        elif word == "trigger":
            trig = True
        elif word == "redundancy-event" and args:
            event = args.pop(0)
        elif word == "force":
            force = True
        else:
            raise syntax_error(word)
    if not trig:
        raise fail("syntax error, expecting 'trigger'", type="protocol", bad_element="trigger")
    out = srd_rpc.trigger(session, set_text, event, force)
    return Output(xml=out, text=(out.text or "") + "\n")
