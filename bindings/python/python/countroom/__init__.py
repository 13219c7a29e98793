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
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence, Tuple, Union

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

    # Typed commands: plain Python values, each checked (every problem
    # listed), applied through the library's typed commands; each returns
    # the line appended (numbered, chained in a version 2 log), ending in a
    # line feed. ``by`` is the person recording it (their id, appointed
    # once the log records appointments); ``at`` an RFC 3339 date and
    # time; ``reason`` why. Raises :class:`InputError` for a value that
    # does not read (an id that is not an identifier, an unknown head
    # code, a time that is not RFC 3339), :class:`RejectedError` when the
    # count refuses the command (the count unchanged), and
    # :class:`InvalidArgumentError` for a figure below 0 or past 2**64 - 1.

    def bundle(self, by: str, contest: str, bundle: str, votes: "Votes",
               papers: Optional[int] = None, table: Optional[str] = None,
               at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A bundle (or a table's tally) counted by hand: ``votes`` a dict
        (or pairs) of candidate id to votes; ``papers`` the papers in it
        (required at a poll of several seats)."""
        return _check(self._inner.bundle(
            _text(by, "by"), _text(contest, "contest"), _text(bundle, "bundle"),
            _pairs(votes, "votes"), _opt_figure(papers, "papers"), _opt_text(table, "table"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def rejected(self, by: str, contest: str, head: str, papers: int,
                 at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """Papers rejected under a head of the contest's ruleset, by its
        code (``no_official_mark``, ``too_many_votes``, ...)."""
        return _check(self._inner.rejected(
            _text(by, "by"), _text(contest, "contest"), _text(head, "head"),
            _figure(papers, "papers"), _opt_text(at, "at"), _opt_text(reason, "reason")))

    def batch(self, by: str, contest: str, batch: str, papers: Iterable[Sequence[int]],
              at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A batch of ballot papers held in memory: each paper the 0-based
        positions (in ballot-paper order) of the candidates it has a cross
        for (``[]``: unmarked), adjudicated under the contest's ruleset and
        tied to its papers by their content hash. Papers with other marks
        go through :meth:`append`."""
        held = [[_figure(c, "papers") for c in paper] for paper in papers]
        return _check(self._inner.batch(
            _text(by, "by"), _text(contest, "contest"), _text(batch, "batch"), held,
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def complete(self, by: str, contest: str, at: Optional[str] = None,
                 reason: Optional[str] = None) -> bytes:
        """The count of the current run completed."""
        return _check(self._inner.complete(
            _text(by, "by"), _text(contest, "contest"), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    def request_recount(self, by: str, contest: str, candidate: Optional[str] = None,
                        at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A re-count of the completed run requested (on behalf of
        ``candidate``, or by the returning officer of their own motion)."""
        return _check(self._inner.request_recount(
            _text(by, "by"), _text(contest, "contest"), _opt_text(candidate, "candidate"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def decide_recount(self, by: str, contest: str, granted: bool,
                       at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """The returning officer's decision on a request for a re-count."""
        if not isinstance(granted, bool):
            raise TypeError(f"granted must be bool, not {type(granted).__name__}")
        return _check(self._inner.decide_recount(
            _text(by, "by"), _text(contest, "contest"), granted,
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def lot(self, by: str, contest: str, purpose: str, tied: Sequence[str],
            winners: Sequence[str], description: str, at: Optional[str] = None,
            reason: Optional[str] = None) -> bytes:
        """A lot the Returning Officer drew between ``tied`` that fell on
        ``winners``, as described (``purpose``: ``election``,
        ``longer_term``, ``surplus_order``, ``exclusion``). countroom never
        draws a lot."""
        return _check(self._inner.lot(
            _text(by, "by"), _text(contest, "contest"), _text(purpose, "purpose"),
            [_text(t, "tied") for t in tied], [_text(w, "winners") for w in winners],
            _text(description, "description"), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    def declare(self, by: str, contest: str, at: Optional[str] = None,
                reason: Optional[str] = None) -> bytes:
        """The result of the current run declared."""
        return _check(self._inner.declare(
            _text(by, "by"), _text(contest, "contest"), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    def local_total(self, by: str, contest: str, counting_area: str, papers_forward: int,
                    votes: "Votes", rejected: "Votes", explanation: Optional[str] = None,
                    at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A counting area's local total reported to the collating officer
        (or a constituency's list total at a list poll): ``votes`` by
        candidate (or party) id, ``rejected`` by head code."""
        return _check(self._inner.local_total(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _figure(papers_forward, "papers_forward"), _pairs(votes, "votes"),
            _pairs(rejected, "rejected"), _opt_text(explanation, "explanation"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def authorise(self, by: str, contest: str, counting_area: str,
                  at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A counting area's local total authorised by the collating
        officer (or the regional returning officer)."""
        return _check(self._inner.authorise(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))


Votes = Union[Mapping[str, int], Iterable[Tuple[str, int]]]

_LARGEST = 2**64 - 1


def _text(value: Any, what: str) -> str:
    if isinstance(value, str):
        return value
    raise TypeError(f"{what} must be str, not {type(value).__name__}")


def _opt_text(value: Any, what: str) -> Optional[str]:
    return None if value is None else _text(value, what)


def _figure(value: Any, what: str) -> int:
    """A count: an int from 0 to 2**64 - 1 (a larger figure is refused,
    never wrapped)."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    if not 0 <= value <= _LARGEST:
        raise InvalidArgumentError([{
            "file": "<command>", "line": None, "entry": None, "field": what,
            "code": "figure_out_of_range",
            "message": f"{value} is not a count from 0 to {_LARGEST}",
        }])
    return value


def _opt_figure(value: Any, what: str) -> Optional[int]:
    return None if value is None else _figure(value, what)


def _pairs(value: Any, what: str) -> List[Tuple[str, int]]:
    items = value.items() if isinstance(value, Mapping) else value
    return [(_text(k, what), _figure(v, what)) for k, v in items]
