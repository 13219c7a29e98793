"""countroom: verify and count UK elections exactly as the law requires.

The Python binding of the countroom Rust library. It speaks JSON at the
boundary: a count is opened from the bytes of its log, entries are
appended as the JSON objects ``countroom append`` reads, and the documents
are the JSON the ``countroom`` command prints, byte for byte (the ``*_json``
functions give those bytes; the others parse them into dicts).

    >>> import countroom
    >>> report = countroom.replay(open("examples/data/abbey-ward.jsonl", "rb").read())
    >>> report["contests"][0]["status"]
    'declared'

Every failure raises a :class:`CountroomError` (a subclass by kind) whose
``problems`` lists every problem found.
"""

import json
import os
from typing import Any, Dict, Optional, Union

from . import _countroom, stv
from ._errors import (
    CountroomError,
    CountroomIOError,
    InputError,
    InternalError,
    InvalidArgumentError,
    RejectedError,
    UnknownContestError,
    _check,
)

__version__: str = _countroom.__version__

__all__ = [
    "Count",
    "CountroomError",
    "CountroomIOError",
    "InputError",
    "InternalError",
    "InvalidArgumentError",
    "RejectedError",
    "UnknownContestError",
    "replay",
    "replay_json",
    "stv",
]

BytesLike = Union[bytes, bytearray, memoryview]


def _bytes(value: Any, what: str) -> bytes:
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value)
    raise TypeError(f"{what} must be bytes, not {type(value).__name__}")


def replay_json(log: BytesLike) -> bytes:
    """Replays a count log (its bytes) and returns the report of every
    contest as JSON: the same bytes as ``countroom count LOG --format json``.

    Raises :class:`InputError` with every problem of the log.
    """
    return _check(_countroom.replay(_bytes(log, "log")))


def replay(log: BytesLike) -> Dict[str, Any]:
    """:func:`replay_json`, parsed."""
    return json.loads(replay_json(log))


class Count:
    """A count opened from the bytes of its log: append entries, get the
    documents. The log must read and replay without a problem.

    Raises :class:`InputError` (the log's problems) or
    :class:`InvalidArgumentError` (empty bytes).
    """

    def __init__(self, log: BytesLike) -> None:
        self._inner = _countroom.Count()
        _check(self._inner.open(_bytes(log, "log")))

    def append(self, entry: Union[Dict[str, Any], str, BytesLike]) -> bytes:
        """Appends one entry, ``{"by": ..., "at": ..., "reason": ...,
        "event": {...}}`` without ``seq`` or ``prev`` (a dict, or its JSON as
        text or bytes; several, one a line, all or nothing), and returns the
        lines appended exactly as they now stand in the log (numbered, and
        chained in a version 2 log), each ending in a line feed: write them
        to the log file.

        Raises :class:`RejectedError` when the count refuses the entry and
        :class:`InputError` when it is not an entry; either way the count
        is unchanged.
        """
        if isinstance(entry, dict):
            data = json.dumps(entry, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
        elif isinstance(entry, str):
            data = entry.encode("utf-8")
        else:
            data = _bytes(entry, "entry")
        return _check(self._inner.append(data))

    def documents_json(self, contest: Optional[str] = None) -> bytes:
        """The documents of every contest (or of ``contest``) as JSON: the
        same bytes as ``countroom count LOG --format json [--contest ID]``.

        Raises :class:`UnknownContestError` when the log has no such
        contest (the problem lists those it has).
        """
        if contest is not None and not isinstance(contest, str):
            raise TypeError(f"contest must be str, not {type(contest).__name__}")
        return _check(self._inner.documents(contest))

    def documents(self, contest: Optional[str] = None) -> Dict[str, Any]:
        """:meth:`documents_json`, parsed."""
        return json.loads(self.documents_json(contest))

    @property
    def log(self) -> bytes:
        """The whole log as it stands: the bytes opened, then every line
        appended."""
        return _check(self._inner.log())
