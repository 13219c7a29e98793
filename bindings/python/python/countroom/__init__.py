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
    "results",
    "results_json",
    "results_log",
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


PathOrBytes = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def _csv(value: Any, what: str, default_name: str):
    """A CSV input as (bytes, name): a path is read and named as given (as
    the CLI names it); bytes are named ``default_name``."""
    if isinstance(value, (bytes, bytearray, memoryview)):
        return bytes(value), default_name
    if isinstance(value, (str, os.PathLike)):
        path = os.fspath(value)
        try:
            with open(path, "rb") as f:
                return f.read(), str(path)
        except OSError as e:
            raise CountroomIOError([{
                "file": str(path), "line": None, "entry": None, "field": None,
                "code": "io", "message": str(e),
            }]) from e
    raise TypeError(f"{what} must be a path or bytes, not {type(value).__name__}")


def results_json(
    results: PathOrBytes,
    contests: Optional[PathOrBytes] = None,
    previous: Optional[PathOrBytes] = None,
    columns: Optional[str] = None,
    date: Optional[str] = None,
    published: bool = False,
) -> bytes:
    """Checks published results: the same bytes as ``countroom results
    RESULTS [--contests C] [--previous P] [--columns SPEC] [--date D]
    [--published] --format json``. Each file is a path (named in problems
    as given) or its bytes (named ``<results>``, ``<contests>``,
    ``<previous>``).

    The problems the check finds (a winner who is not the candidate with
    most votes, a tie only a lot decides, ...) are in the report's
    ``problems``, not raised (the CLI prints the same report and exits 1).
    Raises :class:`InputError` with every problem of a file (and, without
    ``published``, figures that disagree with one another),
    :class:`InvalidArgumentError` for a ``columns`` spec or ``date`` that
    does not read, :class:`CountroomIOError` for a file that cannot be
    read.
    """
    for name, value in (("columns", columns), ("date", date)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be str, not {type(value).__name__}")
    r, r_name = _csv(results, "results", "<results>")
    c, c_name = (None, "<contests>") if contests is None else _csv(contests, "contests", "<contests>")
    p, p_name = (None, "<previous>") if previous is None else _csv(previous, "previous", "<previous>")
    return _check(_countroom.results(r, r_name, c, c_name, p, p_name, columns, date, bool(published)))


def results(
    results: PathOrBytes,
    contests: Optional[PathOrBytes] = None,
    previous: Optional[PathOrBytes] = None,
    columns: Optional[str] = None,
    date: Optional[str] = None,
    published: bool = False,
) -> Dict[str, Any]:
    """:func:`results_json`, parsed."""
    return json.loads(results_json(results, contests, previous, columns, date, published))


def results_log(
    results: PathOrBytes,
    date: str,
    contests: Optional[PathOrBytes] = None,
    previous: Optional[PathOrBytes] = None,
    columns: Optional[str] = None,
    published: bool = False,
    election: str = "published",
) -> bytes:
    """The count log (version 2) the published figures imply: the same
    bytes as ``countroom results RESULTS --log OUT.jsonl --date DATE
    [--contests C] [--previous P] [--columns SPEC] [--published]
    [--election ID]`` writes, after the same checks as :func:`results_json`
    (files named as there). The log is replayed before it is returned;
    ``countroom count`` (or :func:`replay`) replays it to the published
    result.

    Raises as :func:`results_json`, and :class:`InputError` when the
    figures do not make a log (a contest without its electorate, ...).
    """
    for name, value in (("date", date), ("columns", columns), ("election", election)):
        if value is not None and not isinstance(value, str):
            raise TypeError(f"{name} must be str, not {type(value).__name__}")
    r, r_name = _csv(results, "results", "<results>")
    c, c_name = (None, "<contests>") if contests is None else _csv(contests, "contests", "<contests>")
    p, p_name = (None, "<previous>") if previous is None else _csv(previous, "previous", "<previous>")
    return _check(_countroom.results_log(
        r, r_name, date, c, c_name, p, p_name, columns, bool(published), election))


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
