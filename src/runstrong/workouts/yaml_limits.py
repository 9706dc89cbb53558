"""Limits enforced while YAML is read, so no file can blow up memory or the stack.

An alias (`*name`) reuses an anchored node without copying it, so a few
hundred bytes of aliases to aliases stand for billions of values once turned
into plain data; deep nesting exhausts Python's stack in every recursive step
that follows. The composer below counts as it builds the node tree: nesting
depth, aliases, and the number of values the document stands for with every
alias expanded. It stops at the first node past a limit, naming its line.

Scalars that Python cannot turn into values (a date like 2026-02-30, an
integer of 5,000 digits, `!!int 0x`) are reported at their own line too,
instead of escaping as bare exceptions.
"""

from __future__ import annotations

from typing import Any

from ruamel.yaml.composer import Composer
from ruamel.yaml.constructor import ConstructorError, RoundTripConstructor
from ruamel.yaml.error import MarkedYAMLError
from ruamel.yaml.events import AliasEvent

#: Levels of nested mappings and lists; a workout needs about twelve.
MAX_DEPTH = 40
#: Aliases (`*name`) in one file.
MAX_ALIASES = 200
#: Values the file stands for once every alias is expanded; the built-in has about 800.
MAX_NODES = 50_000


_WRITE_OUT = "write the values out instead of aliasing aliases"


class YAMLLimitError(MarkedYAMLError):
    """The file breaks one of the limits above; `problem_mark` is where."""


class LimitedComposer(Composer):
    """ruamel's composer, counting depth, aliases and expanded size as it goes."""

    def __init__(self, loader: Any = None) -> None:
        super().__init__(loader)
        self.warn_double_anchors = False  # a reused anchor is legal YAML: the later one wins
        self._aliases = 0
        self._expanded = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: Any, index: Any) -> Any:
        event = self.parser.peek_event()
        if isinstance(event, AliasEvent):
            return self._alias(parent, index, event)
        if self.depth >= MAX_DEPTH:
            self._refuse(
                event,
                f"the data is nested more than {MAX_DEPTH} levels deep; "
                "a workout needs far fewer: look for brackets that are never closed",
            )
        before = self._expanded
        self._expanded += 1
        self._check_size(event)
        node = super().compose_node(parent, index)
        self._sizes[id(node)] = self._expanded - before
        return node

    def _alias(self, parent: Any, index: Any, event: Any) -> Any:
        self._aliases += 1
        if self._aliases > MAX_ALIASES:
            self._refuse(event, f"more than {MAX_ALIASES} aliases (*name); {_WRITE_OUT}")
        node = super().compose_node(parent, index)
        size = self._sizes.get(id(node))
        if size is None:
            self._refuse(
                event,
                f"the alias *{event.anchor} is inside the value it stands for; "
                "an alias can only repeat a value that is already complete",
            )
        self._expanded += size
        self._check_size(event)
        return node

    def _check_size(self, event: Any) -> None:
        if self._expanded > MAX_NODES:
            self._refuse(
                event,
                f"with its aliases expanded, the file stands for over {MAX_NODES:,} values; "
                f"{_WRITE_OUT}",
            )

    @staticmethod
    def _refuse(event: Any, problem: str) -> None:
        raise YAMLLimitError(problem=problem, problem_mark=event.start_mark)


class CheckedConstructor(RoundTripConstructor):
    """ruamel's round-trip constructor; a node it cannot turn into a value becomes a marked error.

    Every node is built in full before its parent is done (`deep`), so an error
    is caught at the innermost node it comes from, with that node's line.
    """

    def construct_object(self, node: Any, deep: bool = False) -> Any:
        try:
            return super().construct_object(node, deep=True)
        except (ValueError, OverflowError, LookupError, AssertionError, TypeError, AttributeError):
            raise ConstructorError(
                problem=f"{_shown(node)} is not a valid {_kind(node)}; correct it, or quote it "
                "if it is meant as text",
                problem_mark=node.start_mark,
            ) from None


def _shown(node: Any) -> str:
    if not isinstance(node.value, str):
        return "this value"
    text = node.value if len(node.value) <= 40 else node.value[:39] + "…"
    return repr(text)


def _kind(node: Any) -> str:
    tag = str(getattr(node.tag, "value", node.tag) or "").rpartition(":")[2]
    return {"int": "number", "float": "number", "timestamp": "date"}.get(tag, "YAML value")
