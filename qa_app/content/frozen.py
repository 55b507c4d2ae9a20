"""Read-only copies of parsed YAML that still serialise as plain JSON."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any, NoReturn


class FrozenDict(dict):
    """A dict that refuses changes, so `json.dumps(rubric.raw)` works as for any dict."""

    def _read_only(self, *args: Any, **kwargs: Any) -> NoReturn:
        raise TypeError("content loaded from YAML is read-only")

    __setitem__ = __delitem__ = __ior__ = _read_only
    clear = pop = popitem = setdefault = update = _read_only

    def __reduce__(self) -> tuple[type, tuple[dict]]:
        return (FrozenDict, (dict(self),))


def freeze(value: Any) -> Any:
    """Return a read-only copy: mappings become FrozenDict, lists tuples."""
    if isinstance(value, Mapping):
        return FrozenDict({key: freeze(item) for key, item in value.items()})
    if isinstance(value, list | tuple):
        return tuple(freeze(item) for item in value)
    return value
