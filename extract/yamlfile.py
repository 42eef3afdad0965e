"""Load a pattern YAML file and validate it with a pydantic model, reporting file and line on error."""
from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, ValidationError

ModelT = TypeVar("ModelT", bound=BaseModel)

LINE_KEY = "__line__"
PATTERNS_DIR = Path(__file__).resolve().parent.parent / "patterns"


class PatternError(ValueError):
    """A pattern file is malformed: the message names the file, the line and the problem."""


# libyaml's parser when PyYAML was built with it: the same safe loading, some 10x faster.
class _LineLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # type: ignore[misc]
    """A safe loader that remembers the line on which every mapping starts."""


def _construct_mapping(loader: _LineLoader, node: yaml.MappingNode) -> dict[str, Any]:
    # A repeated key would silently drop the first entry's words: refuse it, naming its line.
    first_lines: dict[Any, int] = {}
    for key_node, _ in node.value:
        key = loader.construct_object(key_node, deep=True)
        try:
            seen = first_lines.get(key)
        except TypeError:  # an unhashable key: construct_mapping says what is wrong with it
            continue
        if seen is not None:
            raise yaml.constructor.ConstructorError(
                None, None, f"duplicate key {key!r} (first given on line {seen})", key_node.start_mark)
        first_lines[key] = key_node.start_mark.line + 1
    mapping = loader.construct_mapping(node, deep=True)
    mapping[LINE_KEY] = node.start_mark.line + 1
    return mapping


_LineLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _construct_mapping)


def strip_lines(value: Any) -> Any:
    """Return a copy of loaded YAML without the line markers."""
    if isinstance(value, dict):
        return {key: strip_lines(item) for key, item in value.items() if key != LINE_KEY}
    if isinstance(value, list):
        return [strip_lines(item) for item in value]
    return value


def read_yaml(path: Path) -> Any:
    """Parse a YAML file safely; mappings carry their line number under LINE_KEY."""
    try:
        with open(path, encoding="utf-8") as handle:
            return yaml.load(handle, Loader=_LineLoader)  # noqa: S506 - SafeLoader subclass
    except yaml.YAMLError as error:
        mark = getattr(error, "problem_mark", None)
        line = mark.line + 1 if mark else "?"
        raise PatternError(f"{path}:{line}: not valid YAML: {getattr(error, 'problem', error)}") from None


def _first_error_line(raw: Any, error: ValidationError, default: int) -> int:
    """Walk the error's location into the raw YAML to find the nearest line number."""
    location = error.errors()[0].get("loc", ()) if error.errors() else ()
    line = default
    node = raw
    for key in location:
        try:
            node = node[key]
        except (KeyError, IndexError, TypeError):
            break
        if isinstance(node, dict) and LINE_KEY in node:
            line = node[LINE_KEY]
    return line


def _describe(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first.get("loc", ()))
    return f"{where}: {first.get('msg')}" if where else str(first.get("msg"))


def load_model(path: Path, model: type[ModelT]) -> ModelT:
    """Load a whole YAML file into `model`; errors name the file and the line of the bad entry."""
    raw = read_yaml(path)
    if not isinstance(raw, dict):
        raise PatternError(f"{path}:1: expected a mapping at the top level")
    try:
        return model.model_validate(strip_lines(raw))
    except ValidationError as error:
        line = _first_error_line(raw, error, raw.get(LINE_KEY, 1))
        raise PatternError(f"{path}:{line}: {_describe(error)}") from None
