"""Read YAML content files, keeping the line number of every field for error messages."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .errors import Problem
from .text import FieldPath, describe, field_name

_TIMESTAMP_TAG = "tag:yaml.org,2002:timestamp"
# The largest starter file has under 2,000 values and 6 levels; these bounds only stop hostile
# documents (aliases of aliases expanding exponentially, nesting that exhausts the stack).
MAX_VALUES = 100_000
MAX_DEPTH = 50
MAX_FILE_BYTES = 1024 * 1024  # the largest starter file is about 10 kB
_COLLECTION_TAGS = ("tag:yaml.org,2002:map", "tag:yaml.org,2002:seq")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ParsedFile:
    """A content file as parsed: the data (None if unreadable), line marks and problems."""

    display: str
    data: Any = None
    marks: Mapping[FieldPath, int] = field(default_factory=lambda: MappingProxyType({}))
    problems: tuple[Problem, ...] = ()

    def line(self, path: FieldPath) -> int:
        """Return the line of `path`, or of its nearest recorded ancestor."""
        for end in range(len(path), -1, -1):
            if path[:end] in self.marks:
                return self.marks[path[:end]]
        return 1

    def problem(self, path: FieldPath, message: str) -> Problem:
        """Make a Problem located at `path` in this file."""
        return Problem(self.display, self.line(path), field_name(path), message)


def read_content_file(path: Path, display: str) -> ParsedFile:
    """Read and parse one YAML file; unreadable bytes and YAML syntax become problems."""
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            message = f"file is too large ({size:,} bytes; a content file may be at most {MAX_FILE_BYTES:,})"
            return ParsedFile(display, problems=(Problem(display, None, "", message),))
        raw = path.read_bytes()
    except OSError as exc:
        return ParsedFile(
            display, problems=(Problem(display, None, "", f"cannot read file: {exc.strerror}"),)
        )
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        message = f"file is not UTF-8 (invalid byte 0x{raw[exc.start]:02x}); save it as UTF-8"
        return ParsedFile(display, problems=(Problem(display, line, "", message),))
    return parse_yaml(text, display)


# libyaml's parser (when PyYAML was built with it) reads the starter content about four times
# faster, which `kohtaamo grade` feels on every start. A file with any problem is parsed again
# with the pure-Python parser, so error messages stay exactly as they were.
_FAST_LOADER = getattr(yaml, "CSafeLoader", None)


def parse_yaml(text: str, display: str) -> ParsedFile:
    """Parse YAML text that must hold one mapping."""
    if _FAST_LOADER is not None:
        parsed = _parse_with(_FAST_LOADER, text, display)
        if not parsed.problems:
            return parsed
    return _parse_with(yaml.SafeLoader, text, display)


def _parse_with(loader_class: type, text: str, display: str) -> ParsedFile:
    surrogate = _SURROGATE.search(text)
    if surrogate:  # only reachable from text (a draft), never from a file decoded as UTF-8
        line = text.count("\n", 0, surrogate.start()) + 1
        return _fail(display, line, "the text holds an invalid character (a lone UTF-16 surrogate)")
    loader = None
    try:
        loader = loader_class(text)  # the reader refuses control characters such as NUL here
        node = loader.get_single_node()
        if node is None:
            return _fail(display, 1, "file is empty; expected a mapping of fields")
        builder = _Builder(loader, display)
        data = builder.build(node, ())
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + 1 if mark else None
        return _fail(display, line, f"YAML syntax error: {exc.problem or exc.context}{_hint(exc)}")
    except yaml.reader.ReaderError as exc:
        line = text.count("\n", 0, exc.position) + 1
        character = exc.character if isinstance(exc.character, str) else chr(exc.character)
        return _fail(display, line, f"the text holds a control character (U+{ord(character):04X}) "
                                    "that YAML does not allow; remove it")
    except yaml.YAMLError as exc:
        return _fail(display, None, f"YAML syntax error: {exc}")
    except RecursionError:  # PyYAML composes nested lists and mappings recursively
        return _fail(display, None, f"lists or mappings are nested too deeply (at most {MAX_DEPTH} levels)")
    except _TooLarge as exc:
        return _fail(display, exc.line, str(exc))
    finally:
        if loader is not None:
            loader.dispose()
    if not isinstance(data, dict):
        message = f"the file must be a mapping of fields (got {describe(data)})"
        return ParsedFile(
            display, data, builder.marks, (*builder.problems, Problem(display, 1, "", message))
        )
    return ParsedFile(display, data, MappingProxyType(builder.marks), tuple(builder.problems))


def content_hash(data: Any) -> str:
    """Return the sha256 of a canonical JSON dump, so layout and comments do not matter."""
    canonical = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def _hint(exc: yaml.MarkedYAMLError) -> str:
    text = f"{exc.problem} {exc.context}"
    if "block" in text or "mapping values are not allowed" in text:
        return " (check the indentation, and quote text that contains ': ')"
    if "'\\t'" in text:
        return " (indent with spaces, not tabs)"
    if "another document" in text:
        return " (a file holds one scenario or rubric; remove the second '---')"
    return ""


def _fail(display: str, line: int | None, message: str) -> ParsedFile:
    return ParsedFile(display, problems=(Problem(display, line, "", message),))


def _short_tag(tag: str) -> str:
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


class _TooLarge(Exception):
    """The document expands to more values than any content file needs (e.g. nested aliases)."""

    def __init__(self, message: str, line: int) -> None:
        super().__init__(message)
        self.line = line


class _Builder:
    """Turn a composed YAML node tree into plain data, recording each field's line."""

    def __init__(self, loader: yaml.SafeLoader, display: str) -> None:
        self.loader = loader
        self.display = display
        self.marks: dict[FieldPath, int] = {}
        self.problems: list[Problem] = []
        self._active: set[int] = set()
        self._built = 0

    def build(self, node: Node, path: FieldPath) -> Any:
        self.marks.setdefault(path, node.start_mark.line + 1)
        self._built += 1
        if self._built > MAX_VALUES:  # aliases of aliases ("billion laughs") grow exponentially
            raise _TooLarge(f"the file expands to more than {MAX_VALUES} values "
                            "(check aliases that repeat other aliases)", node.start_mark.line + 1)
        if len(path) > MAX_DEPTH:
            self._problem(node, path, f"nested too deeply (at most {MAX_DEPTH} levels)")
            return None
        if id(node) in self._active:
            self._problem(node, path, "an alias refers to itself; remove the loop")
            return None
        if not isinstance(node, ScalarNode) and node.tag not in _COLLECTION_TAGS:
            # The builder makes plain lists and mappings itself, so a tag such as
            # !!python/object/apply on a collection would be dropped silently: refuse it instead.
            self._problem(node, path, f"the YAML tag '{_short_tag(node.tag)}' is not allowed here")
            return None
        self._active.add(id(node))
        try:
            if isinstance(node, MappingNode):
                return self._mapping(node, path)
            if isinstance(node, SequenceNode):
                return [self.build(child, (*path, index)) for index, child in enumerate(node.value)]
            return self._scalar(node, path)
        finally:
            self._active.discard(id(node))

    def _mapping(self, node: MappingNode, path: FieldPath) -> dict[str, Any]:
        self.loader.flatten_mapping(node)  # resolves `<<: *anchor` merge keys
        result: dict[str, Any] = {}
        first_line: dict[str, int] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, ScalarNode):
                self._problem(key_node, path, "a key must be a plain name")
                continue
            # Keys keep their source text: `no:` or `1:` stay the strings "no" and "1".
            key, line = key_node.value, key_node.start_mark.line + 1
            if key in first_line:
                self._problem(
                    key_node,
                    (*path, key),
                    f"duplicate key '{key}' (first at line {first_line[key]})",
                )
            first_line.setdefault(key, line)
            self.marks[(*path, key)] = line
            result[key] = self.build(value_node, (*path, key))
        return result

    def _scalar(self, node: ScalarNode, path: FieldPath) -> Any:
        if node.tag == _TIMESTAMP_TAG:
            return node.value  # dates stay text, as written
        try:
            return self.loader.construct_object(node)
        except ValueError as exc:  # e.g. an integer of more than 4300 digits
            self._problem(node, path, f"cannot read the value ({str(exc).split(';')[0]})")
            return None

    def _problem(self, node: Node, path: FieldPath, message: str) -> None:
        self.problems.append(
            Problem(self.display, node.start_mark.line + 1, field_name(path), message)
        )
