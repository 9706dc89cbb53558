"""Parse workout YAML with positions, so each validation error names its line and column.

ruamel.yaml keeps the position of every key and item; a pydantic error's
location is traced back through them to the line a runner has to fix.
"""

from __future__ import annotations

import difflib
import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, merge_attrib
from ruamel.yaml.error import MarkedYAMLError, YAMLError

from runstrong.workouts.model import Workout
from runstrong.workouts.problems import Problem, WorkoutFileError
from runstrong.workouts.yaml_limits import CheckedConstructor, LimitedComposer, YAMLLimitError

M = TypeVar("M", bound=BaseModel)


def parse_workout_yaml(
    text: str, name: str = "<workout>", *, context: dict[str, Any] | None = None
) -> Workout:
    """Parse and validate workout YAML; raise WorkoutFileError listing every problem.

    `context` reaches the validators: a workout finds its exercise catalog there.
    """
    return parse_model_yaml(text, name, Workout, context=context)


def parse_model_yaml(
    text: str, name: str, model: type[M], *, context: dict[str, Any] | None = None
) -> M:
    """Parse YAML holding one `model` (a workout, a figure, a catalog file); problems name
    their lines."""
    if not text.strip() or _only_comments(text):
        raise WorkoutFileError([Problem(name, 1, 1, "", "the file is empty")])
    yaml = YAML(typ="rt", pure=True)
    yaml.Composer = LimitedComposer
    yaml.Constructor = CheckedConstructor
    try:
        tree = yaml.load(text)
    except YAMLLimitError as err:
        line, col = err.problem_mark.line + 1, err.problem_mark.column + 1
        problem = f"{err.problem} (see Limits in docs/workout-format.md)"
        raise WorkoutFileError([Problem(name, line, col, "", problem)]) from None
    except MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        reason = err.problem or err.context or "invalid YAML"
        raise WorkoutFileError([Problem(name, line, col, "", f"invalid YAML: {reason}")]) from None
    except YAMLError as err:
        raise WorkoutFileError([Problem(name, 1, 1, "", f"invalid YAML: {err}")]) from None
    if not isinstance(tree, CommentedMap):
        raise WorkoutFileError(
            [Problem(name, 1, 1, "", "a workout file must be a mapping of fields (id, title, ...)")]
        )
    try:
        return model.model_validate(_plain(tree), context=context)
    except ValidationError as err:
        raise WorkoutFileError([_problem(name, tree, e, model) for e in err.errors()]) from None


def _only_comments(text: str) -> bool:
    return all(not ln.strip() or ln.lstrip().startswith("#") for ln in text.splitlines())


def _plain(node: Any) -> Any:
    """ruamel's round-trip types -> plain Python values pydantic treats normally."""
    if isinstance(node, CommentedMap):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, CommentedSeq):
        return [_plain(v) for v in node]
    if isinstance(node, bool):
        return bool(node)
    if isinstance(node, int):
        return int(node)
    if isinstance(node, float):
        return float(node)
    if isinstance(node, str):
        return str(node)
    return node


def _problem(
    name: str, tree: CommentedMap, error: dict[str, Any], model: type[BaseModel]
) -> Problem:
    loc = tuple(error["loc"])
    line, col = _position(tree, loc)
    message = error["msg"].removeprefix("Value error, ")
    if error["type"] == "extra_forbidden":
        message = f"unknown field {loc[-1]!r}"
        hint = _did_you_mean(loc, model)
        if hint:
            message += f"; did you mean {hint!r}?"
    elif error["type"] == "missing":
        message = "this field is required"
    return Problem(name, line, col, _field_path(loc), message)


def _position(tree: Any, loc: tuple[Any, ...]) -> tuple[int, int]:
    node, line, col = tree, 1, 1
    for part in loc:
        if isinstance(node, CommentedMap):
            found = _key_position(node, part)
            if found is None:
                break
            (line, col), node = found
        elif isinstance(node, CommentedSeq) and part in (node.lc.data or {}):
            line, col = node.lc.item(part)
            line, col = line + 1, col + 1
            node = node[part]
        else:
            break
    return line, col


def _key_position(node: CommentedMap, part: Any) -> tuple[tuple[int, int], Any] | None:
    """Where a key (as `_plain` spelled it) is written, following merges (`<<: *base`).

    Keys that are not strings (`1:`) reach pydantic as their text, so they are
    matched by their text too.
    """
    key = next((k for k in node if str(k) == part), None)
    if key is None:
        return None
    position = node.lc.key(key) if key in (node.lc.data or {}) else None
    if position is None:
        for merged in getattr(node, merge_attrib, ()):
            source = merged[1] if isinstance(merged, tuple) else merged  # ruamel < 0.19: pairs
            if isinstance(source, CommentedMap) and key in source:
                return _key_position(source, part)
        return None
    return (position[0] + 1, position[1] + 1), node[key]


def _field_path(loc: tuple[Any, ...]) -> str:
    text = ""
    for part in loc:
        if isinstance(part, int):
            text += f"[{part}]"
        elif not _looks_like_union_tag(part):
            text += f".{part}" if text else str(part)
    return text


def _looks_like_union_tag(part: str) -> bool:
    return part in {"int", "str", "float", "bool"} or part.startswith(("literal[", "function-"))


def _did_you_mean(loc: tuple[Any, ...], root: type[BaseModel]) -> str | None:
    model: type[BaseModel] | None = root
    for part in loc[:-1]:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(part)
        model = _model_in(field.annotation) if field else None
    if model is None:
        return None
    close = difflib.get_close_matches(str(loc[-1]), list(model.model_fields), n=1, cutoff=0.6)
    return close[0] if close else None


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    if typing.get_origin(annotation) in (list, typing.Union, types.UnionType, typing.Annotated):
        for arg in typing.get_args(annotation):
            found = _model_in(arg)
            if found:
                return found
    return None
