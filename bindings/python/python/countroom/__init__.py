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
    "new_log",
    "public_key",
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
        _opt_text(value, name)
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
        _opt_text(value, name)
    r, r_name = _csv(results, "results", "<results>")
    c, c_name = (None, "<contests>") if contests is None else _csv(contests, "contests", "<contests>")
    p, p_name = (None, "<previous>") if previous is None else _csv(previous, "previous", "<previous>")
    return _check(_countroom.results_log(
        r, r_name, date, c, c_name, p, p_name, columns, bool(published), election))


def public_key(secret: str) -> str:
    """The public key of a checkpoint signing key, 64 lower-case hex
    digits, as the signer's ``officer_appointed`` entry takes it
    (``public_key``): ``secret`` is the secret, 64 lower-case hex digits (as
    ``countroom keygen`` writes it, or ``os.urandom(32).hex()``).
    countroom draws no random numbers and keeps no copy of the secret.

    Raises :class:`InputError` (``not_a_key``) for anything else.
    """
    return _check(_countroom.public_key(_text(secret, "secret"))).decode("ascii")


def new_log(by: str, election: str, name: str, poll_date: str,
            at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
    """The bytes of a new count log (version 2, hash-chained): its header,
    naming this countroom's version and the digest of its ruleset table,
    then the ``election_defined`` entry for ``election`` (an identifier),
    named ``name``, polled on ``poll_date`` (``YYYY-MM-DD``), recorded by
    ``by`` at ``at`` (RFC 3339) for ``reason``. Write them to the log file,
    open the count with :class:`Count` and go on with the contests and
    appointments (:meth:`Count.define_contest`, :meth:`Count.appoint`).

    Raises :class:`InputError` with every problem (``bad_id`` for the
    election, ``bad_date``, ``empty`` for the name, an ``at`` that is not
    RFC 3339).
    """
    return _check(_countroom.new_log(
        _text(by, "by"), _text(election, "election"), _text(name, "name"),
        _text(poll_date, "poll_date"), _opt_text(at, "at"), _opt_text(reason, "reason")))


class Count:
    """A count opened from the bytes of its log: append entries, get the
    documents. The log must read and replay without a problem.

    Raises :class:`InputError` (the log's problems) or
    :class:`InvalidArgumentError` (empty bytes).
    """

    def __init__(self, log: BytesLike) -> None:
        self._inner = _countroom.Count()
        _check(self._inner.open(_bytes(log, "log")))

    @classmethod
    def open_truncating_torn_tail(cls, log: BytesLike) -> "Tuple[Count, Optional[Dict[str, Any]]]":
        """Opens a count as ``Count(log)`` does, except that a last line
        cut short (no line feed after it, as a crash while writing leaves
        it), when it is the log's only problem, is left out: the count goes
        on from the last complete line. Returns the count and what was left
        out, ``{"line", "offset", "len", "problems"}``, or None: truncate
        the file to ``offset`` bytes before writing to it (``count.log`` is
        the log without the torn line). A complete line is never left out.

        Raises as ``Count(log)`` for any other problem.
        """
        count = cls.__new__(cls)
        count._inner = _countroom.Count()
        report = json.loads(_check(count._inner.open_truncating_torn_tail(_bytes(log, "log"))))
        return count, report["torn_tail"]

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
            data = _utf8(json.dumps(entry, ensure_ascii=False, separators=(",", ":")), "entry")
        elif isinstance(entry, str):
            data = _utf8(entry, "entry")
        else:
            data = _bytes(entry, "entry")
        return _check(self._inner.append(data))

    def documents_json(self, contest: Optional[str] = None) -> bytes:
        """The documents of every contest (or of ``contest``) as JSON: the
        same bytes as ``countroom count LOG --format json [--contest ID]``.

        Raises :class:`UnknownContestError` when the log has no such
        contest (the problem lists those it has).
        """
        return _check(self._inner.documents(_opt_text(contest, "contest")))

    def documents_in(self, format: str, contest: Optional[str] = None) -> bytes:
        """The documents in ``format``: ``"json"``, ``"text"`` (the
        declarations and statements as printed), ``"csv"``, ``"dc-json"``,
        ``"err-json"``, ``"err-xml"`` or ``"html"``: the bytes ``countroom
        count LOG --format FORMAT`` prints for the log (with ``contest``,
        the report holding that contest alone).

        Raises :class:`InvalidArgumentError` (``unknown_format``) for
        another format and :class:`UnknownContestError` as
        :meth:`documents_json`.
        """
        return _check(self._inner.documents_in(_text(format, "format"),
                                               _opt_text(contest, "contest")))

    def progress_json(self) -> bytes:
        """Where the count stands, cheaply (no document is projected): the
        log's ``entries``, its ``chain_head`` (hex, and
        ``chain_head_groups`` in groups of four as read aloud), whether it
        is ``tamper_evident``, and each contest's ``status``, ``run``,
        ``bundles``, ``batches``, ``papers_counted``, ``rejected`` and
        candidates' ``votes``, as JSON."""
        return _check(self._inner.progress())

    def progress(self) -> Dict[str, Any]:
        """:meth:`progress_json`, parsed."""
        return json.loads(self.progress_json())

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
              at: Optional[str] = None, reason: Optional[str] = None,
              counting_area: Optional[str] = None) -> bytes:
        """A batch of ballot papers held in memory: each paper the 0-based
        positions (in ballot-paper order) of the candidates it has a cross
        for (``[]``: unmarked), adjudicated under the contest's ruleset and
        tied to its papers by their content hash. Papers with other marks
        go through :meth:`marked_batch`. At a list contest,
        ``counting_area`` is the area whose list papers they are (its
        current run), the positions those of its parties and then its
        individual candidates, as the list contest lists them; adjudicated
        under the list ruleset's heads (refused, ``list_heads_not_read``,
        where they were not read)."""
        held = [[_figure(c, "papers") for c in paper] for paper in papers]
        return _check(self._inner.batch(
            _text(by, "by"), _text(contest, "contest"), _text(batch, "batch"), held,
            _opt_text(at, "at"), _opt_text(reason, "reason"),
            _opt_text(counting_area, "counting_area")))

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

    # Verification (PER r.45), doubtful papers (r.47), objections,
    # explanations and the collating officer's decisions.

    def receive_box(self, by: str, ballot_box: str, seals: Sequence[str],
                    at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A ballot box received at the count, with its seal numbers as
        read (``box_received``)."""
        return _check(self._inner.receive_box(
            _text(by, "by"), _text(ballot_box, "ballot_box"), _texts(seals, "seals"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def account(self, by: str, ballot_box: str, contest: str, issued: int, unused: int = 0,
                spoilt: int = 0, cancelled: int = 0, tendered: int = 0,
                entrusted: Iterable[Tuple[str, str]] = (), at: Optional[str] = None,
                reason: Optional[str] = None) -> bytes:
        """A presiding officer's ballot paper account for one poll at one
        box (``account_entered``): the figures, and the serial ranges
        entrusted as (first, last) pairs."""
        figures = tuple(_figure(n, name) for n, name in (
            (issued, "issued"), (unused, "unused"), (spoilt, "spoilt"),
            (cancelled, "cancelled"), (tendered, "tendered")))
        ranges = [(_text(a, "entrusted"), _text(b, "entrusted")) for a, b in entrusted]
        return _check(self._inner.account(
            _text(by, "by"), _text(ballot_box, "ballot_box"), _text(contest, "contest"),
            figures, ranges, _opt_text(at, "at"), _opt_text(reason, "reason")))

    def count_box(self, by: str, ballot_box: str, contest: str, attempt: int, papers: int,
                  at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A box's papers of one poll counted at verification: ``attempt``
        1 for the first count, then 2, 3, ... (``box_counted``)."""
        return _check(self._inner.count_box(
            _text(by, "by"), _text(ballot_box, "ballot_box"), _text(contest, "contest"),
            _small(attempt, "attempt"), _figure(papers, "papers"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def complete_verification(self, by: str, contest: str, at: Optional[str] = None,
                              reason: Optional[str] = None) -> bytes:
        """Verification of a poll completed (``verification_completed``)."""
        return _check(self._inner.complete_verification(
            _text(by, "by"), _text(contest, "contest"), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    def verify_papers(self, by: str, contest: str, papers: int, at: Optional[str] = None,
                      reason: Optional[str] = None) -> bytes:
        """The ballot papers verified for a poll, as one figure
        (``papers_verified``; entering it again replaces it)."""
        return _check(self._inner.verify_papers(
            _text(by, "by"), _text(contest, "contest"), _figure(papers, "papers"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def move_papers(self, by: str, from_box: str, from_contest: str, to_box: str,
                    to_contest: str, papers: int, at: Optional[str] = None,
                    reason: Optional[str] = None) -> bytes:
        """Papers of ``to_contest`` found in ``from_box`` among
        ``from_contest``'s papers, moved to ``to_box``'s account
        (``papers_moved``)."""
        return _check(self._inner.move_papers(
            _text(by, "by"), _text(from_box, "from_box"), _text(from_contest, "from_contest"),
            _text(to_box, "to_box"), _text(to_contest, "to_contest"), _figure(papers, "papers"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def postal_opening(self, by: str, opening: str, contest: str, boxes: "Votes",
                       rejected: "Votes", at: Optional[str] = None,
                       reason: Optional[str] = None) -> bytes:
        """A postal opening session (``postal_opening_recorded``): the
        papers placed in each postal ballot box (box id to papers), and the
        statements rejected by reason (RPR 2001 reg 87:
        ``signature_mismatch``, ``date_of_birth_mismatch``,
        ``signature_blank``, ``date_of_birth_blank``,
        ``paper_without_statement``, ``statement_without_paper``)."""
        return _check(self._inner.postal_opening(
            _text(by, "by"), _text(opening, "opening"), _text(contest, "contest"),
            _pairs(boxes, "boxes"), _pairs(rejected, "rejected"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def tendered_votes(self, by: str, ballot_box: str, contest: str, entries: int,
                       at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """The tendered votes list of a box's poll: its number of entries
        (``tendered_votes_listed``)."""
        return _check(self._inner.tendered_votes(
            _text(by, "by"), _text(ballot_box, "ballot_box"), _text(contest, "contest"),
            _figure(entries, "entries"), _opt_text(at, "at"), _opt_text(reason, "reason")))

    def set_aside(self, by: str, contest: str,
                  papers: Union[Mapping[str, Optional[str]], Iterable[Tuple[str, Optional[str]]]],
                  at: Optional[str] = None, reason: Optional[str] = None,
                  counting_area: Optional[str] = None) -> bytes:
        """Doubtful papers set aside in the current run for the returning
        officer (``papers_set_aside``): each paper's reference (never the
        ballot paper number) and why, or None. At a list contest,
        ``counting_area`` is the area whose list papers they are (its
        current run)."""
        items = papers.items() if isinstance(papers, Mapping) else papers
        held = [(_text(p, "papers"), _opt_text(why, "papers")) for p, why in items]
        return _check(self._inner.set_aside(
            _text(by, "by"), _text(contest, "contest"), held,
            _opt_text(at, "at"), _opt_text(reason, "reason"),
            _opt_text(counting_area, "counting_area")))

    def decide_doubtful(self, by: str, contest: str, paper: str, decision: str,
                        votes: Sequence[str] = (), head: Optional[str] = None,
                        rejection_objected: bool = False, at: Optional[str] = None,
                        reason: Optional[str] = None,
                        counting_area: Optional[str] = None) -> bytes:
        """The returning officer's decision on a doubtful paper
        (``doubtful_paper_decided``; PER r.47): ``decision`` ``valid``
        (``votes``: the candidates, or at an STV poll the preferences in
        order), ``rejected`` (under ``head``, its code) or
        ``rejected_in_part`` (``votes``: those counted);
        ``rejection_objected``: endorsed "rejection objected to"."""
        if not isinstance(rejection_objected, bool):
            raise TypeError("rejection_objected must be bool, "
                            f"not {type(rejection_objected).__name__}")
        return _check(self._inner.decide_doubtful(
            _text(by, "by"), _text(contest, "contest"), _text(paper, "paper"),
            _text(decision, "decision"), _texts(votes, "votes"), _opt_text(head, "head"),
            rejection_objected, _opt_text(at, "at"), _opt_text(reason, "reason"),
            _opt_text(counting_area, "counting_area")))

    def object_to_rejection(self, by: str, contest: str, paper: Optional[str] = None,
                            head: Optional[str] = None, papers: Optional[int] = None,
                            batch: Optional[str] = None, candidate: Optional[str] = None,
                            at: Optional[str] = None, reason: Optional[str] = None,
                            counting_area: Optional[str] = None) -> bytes:
        """A counting agent's objection to a rejection
        (``rejection_objected``; PER r.47(3)): of the doubtful paper
        ``paper``, or of ``papers`` papers under ``head`` in the current
        run (or its batch ``batch``), on behalf of ``candidate``."""
        return _check(self._inner.object(
            _text(by, "by"), _text(contest, "contest"), _opt_text(paper, "paper"),
            _opt_text(head, "head"), _opt_figure(papers, "papers"), _opt_text(batch, "batch"),
            _opt_text(candidate, "candidate"), _opt_text(at, "at"),
            _opt_text(reason, "reason"), _opt_text(counting_area, "counting_area")))

    def explain(self, by: str, contest: str, text: str, ballot_box: Optional[str] = None,
                at: Optional[str] = None, reason: Optional[str] = None,
                counting_area: Optional[str] = None) -> bytes:
        """An explanation (``explanation_recorded``): of ``ballot_box``'s
        variance at verification, or of the count's current run."""
        return _check(self._inner.explain(
            _text(by, "by"), _text(contest, "contest"), _text(text, "text"),
            _opt_text(ballot_box, "ballot_box"), _opt_text(at, "at"),
            _opt_text(reason, "reason"), _opt_text(counting_area, "counting_area")))

    def order_area_recount(self, by: str, contest: str, counting_area: str,
                           at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """The collating officer orders a re-count in one counting area
        (``area_recount_ordered``)."""
        return _check(self._inner.order_area_recount(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    # Papers: saved, rejected in part, papers with any marks, STV
    # preference papers.

    def saved(self, by: str, contest: str, saving_reason: str, papers: int,
              at: Optional[str] = None, reason: Optional[str] = None,
              counting_area: Optional[str] = None) -> bytes:
        """Valid papers of the current run counted only under the saving
        clause (``saved_counted``; PER r.47(2)), for one reason:
        ``outside_box``, ``tick``, ``figure`` or ``more_than_one_mark``."""
        return _check(self._inner.saved(
            _text(by, "by"), _text(contest, "contest"), _text(saving_reason, "saving_reason"),
            _figure(papers, "papers"), _opt_text(at, "at"), _opt_text(reason, "reason"),
            _opt_text(counting_area, "counting_area")))

    def rejected_in_part(self, by: str, contest: str, papers: int, at: Optional[str] = None,
                         reason: Optional[str] = None) -> bytes:
        """Papers of the current run rejected in part
        (``rejected_in_part_counted``)."""
        return _check(self._inner.rejected_in_part(
            _text(by, "by"), _text(contest, "contest"), _figure(papers, "papers"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def marked_batch(self, by: str, contest: str, batch: str, papers: Iterable["PaperLike"],
                     file: Optional[Tuple[str, str]] = None, at: Optional[str] = None,
                     reason: Optional[str] = None,
                     counting_area: Optional[str] = None) -> bytes:
        """A batch of ballot papers held in memory with any marks
        (``paper_batch_counted``), adjudicated under the contest's ruleset;
        doubtful papers are set aside for the returning officer, never
        decided here. Each paper is a dict: ``marks`` (candidate position,
        0-based in ballot-paper order, to the mark in the ballot-paper
        CSV's notation ``[COLUMN:]KIND[@PLACE]``: ``"X"``, ``"tick"``,
        ``"other"`` or a figure; ``@outside``, ``@straddle``; ``2:`` for
        the second-choice column), and optionally ``reference``,
        ``official_mark`` (default True) and ``identifying_mark`` (default
        False). ``file``: (name, SHA-256) of the file they came from;
        without it the batch is tied to the papers by their content
        hash. At a list contest, ``counting_area`` is the area whose list
        papers they are, as for :meth:`batch`."""
        return _check(self._inner.marked_batch(
            _text(by, "by"), _text(contest, "contest"), _text(batch, "batch"),
            _papers(papers), False, _file(file), _opt_text(at, "at"),
            _opt_text(reason, "reason"), _opt_text(counting_area, "counting_area")))

    def preference_batch(self, by: str, contest: str, batch: str,
                         papers: Iterable["PaperLike"], file: Optional[Tuple[str, str]] = None,
                         at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A single transferable vote batch of preference papers held in
        memory, each as :meth:`marked_batch` with figures (an ``int`` mark
        is its figure): the entry ``countroom tally-papers`` makes from the
        same papers in the preferential ballot-paper CSV."""
        return _check(self._inner.marked_batch(
            _text(by, "by"), _text(contest, "contest"), _text(batch, "batch"),
            _papers(papers), True, _file(file), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    # The supplementary vote's second count, and collation.

    def second_preferences(self, by: str, contest: str, bundle: str, votes: "Votes",
                           unmarked: int = 0, for_eliminated: int = 0, void: int = 0,
                           table: Optional[str] = None, at: Optional[str] = None,
                           reason: Optional[str] = None) -> bytes:
        """A bundle of the supplementary vote's second count
        (``second_preferences_counted``; PCCEO 2012 Sch 3 r.60): second
        preferences for each remaining candidate, and the papers not
        counted for one."""
        return _check(self._inner.second_preferences(
            _text(by, "by"), _text(contest, "contest"), _text(bundle, "bundle"),
            _pairs(votes, "votes"), _figure(unmarked, "unmarked"),
            _figure(for_eliminated, "for_eliminated"), _figure(void, "void"),
            _opt_text(table, "table"), _opt_text(at, "at"), _opt_text(reason, "reason")))

    def complete_second_count(self, by: str, contest: str, at: Optional[str] = None,
                              reason: Optional[str] = None) -> bytes:
        """The second count of the current run completed
        (``second_count_completed``)."""
        return _check(self._inner.complete_second_count(
            _text(by, "by"), _text(contest, "contest"), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    def direct_second_count(self, by: str, contest: str, remaining: Sequence[str],
                            at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """The collating officer directs the second count: the candidates
        remaining (``second_count_directed``)."""
        return _check(self._inner.direct_second_count(
            _text(by, "by"), _text(contest, "contest"), _texts(remaining, "remaining"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def local_second_count(self, by: str, contest: str, counting_area: str, votes: "Votes",
                           rejected: int, at: Optional[str] = None,
                           reason: Optional[str] = None) -> bytes:
        """A counting area's second count reported to the collating officer
        (``local_second_count_reported``; PCCEO 2012 Sch 3 r.60(5))."""
        return _check(self._inner.local_second_count(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _pairs(votes, "votes"), _figure(rejected, "rejected"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    # Definitions and appointments after the count has begun.

    def define_counting_area(self, by: str, id: str, name: str, region: Optional[str] = None,
                             electorate: Optional[int] = None, at: Optional[str] = None,
                             reason: Optional[str] = None) -> bytes:
        """A counting area defined (``counting_area_defined``)."""
        return _check(self._inner.define(
            _text(by, "by"), "counting_area", _text(id, "id"), name=_text(name, "name"),
            region=_opt_text(region, "region"), electorate=_opt_figure(electorate, "electorate"),
            at=_opt_text(at, "at"), reason=_opt_text(reason, "reason")))

    def define_region(self, by: str, id: str, name: str, at: Optional[str] = None,
                      reason: Optional[str] = None) -> bytes:
        """A region defined (``region_defined``)."""
        return _check(self._inner.define(
            _text(by, "by"), "region", _text(id, "id"), name=_text(name, "name"),
            at=_opt_text(at, "at"), reason=_opt_text(reason, "reason")))

    def define_polling_place(self, by: str, id: str, name: str,
                             counting_area: Optional[str] = None, at: Optional[str] = None,
                             reason: Optional[str] = None) -> bytes:
        """A polling place defined (``polling_place_defined``)."""
        return _check(self._inner.define(
            _text(by, "by"), "polling_place", _text(id, "id"), name=_text(name, "name"),
            counting_area=_opt_text(counting_area, "counting_area"),
            at=_opt_text(at, "at"), reason=_opt_text(reason, "reason")))

    def define_polling_station(self, by: str, id: str, polling_place: str, name: str,
                               at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A polling station defined in a polling place
        (``polling_station_defined``)."""
        return _check(self._inner.define(
            _text(by, "by"), "polling_station", _text(id, "id"), name=_text(name, "name"),
            polling_place=_text(polling_place, "polling_place"),
            at=_opt_text(at, "at"), reason=_opt_text(reason, "reason")))

    def define_ballot_box(self, by: str, id: str, contests: Sequence[str],
                          polling_station: Optional[str] = None, at: Optional[str] = None,
                          reason: Optional[str] = None) -> bytes:
        """A ballot box defined: a polling station's, or (none) a postal
        ballot box, holding the papers of ``contests``
        (``ballot_box_defined``)."""
        return _check(self._inner.define(
            _text(by, "by"), "ballot_box", _text(id, "id"),
            polling_station=_opt_text(polling_station, "polling_station"),
            contests=_texts(contests, "contests"),
            at=_opt_text(at, "at"), reason=_opt_text(reason, "reason")))

    def appoint(self, by: str, person: str, name: str, role: str,
                functions: Sequence[str] = (), contests: Sequence[str] = (),
                counting_area: Optional[str] = None, public_key: Optional[str] = None,
                at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """An officer appointed (``officer_appointed``): ``role`` by its
        code, a deputy's ``functions`` (none: all), the ``contests`` (none:
        all), the ``counting_area`` of a local returning officer, and the
        Ed25519 ``public_key`` they sign with. The Returning Officer, an
        acting or collating officer and a local returning officer record
        their own appointment (``by`` the person appointed)."""
        return _check(self._inner.appoint(
            _text(by, "by"), _text(person, "person"), _text(name, "name"), _text(role, "role"),
            _texts(functions, "functions"), _texts(contests, "contests"),
            _opt_text(counting_area, "counting_area"), _opt_text(public_key, "public_key"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def appoint_agent(self, by: str, person: str, name: str, role: str,
                      contest: Optional[str] = None, candidate: Optional[str] = None,
                      public_key: Optional[str] = None, at: Optional[str] = None,
                      reason: Optional[str] = None) -> bytes:
        """A candidate, an agent or an observer appointed
        (``agent_appointed``): ``role`` ``candidate``, ``election_agent``,
        ``counting_agent`` (each for ``contest`` and ``candidate``) or
        ``observer``."""
        return _check(self._inner.appoint_agent(
            _text(by, "by"), _text(person, "person"), _text(name, "name"), _text(role, "role"),
            _opt_text(contest, "contest"), _opt_text(candidate, "candidate"),
            _opt_text(public_key, "public_key"), _opt_text(at, "at"),
            _opt_text(reason, "reason")))

    # A list poll (docs/count-log.md, "List polls"): the list contest, each
    # counting area's count of its list papers, constituency returns, the
    # allocation's lots and recalculation, a later vacancy. A list contest
    # is declared with :meth:`declare`.

    def define_list_contest(self, by: str, election: str, id: str, area: str, office: str,
                            country: str, seats: int, parties: Iterable["PartyLike"],
                            individuals: Iterable[Tuple[str, str]] = (),
                            counting_areas: Sequence[str] = (),
                            constituencies: Sequence[str] = (),
                            constituency_parties: Iterable[Tuple[str, str, str]] = (),
                            title: Optional[str] = None, ruleset: Optional[str] = None,
                            at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A list contest defined (``list_contest_defined``; its counting
        areas defined before it): ``office`` a list office's code
        (``senedd_member``, ``scottish_parliament_regional_member``, ...),
        ``parties`` in ballot-paper order, each ``(id, name, list)`` or a
        dict with those keys, ``list`` its people in order (names, or dicts
        ``{"name", "withdrawn", "died"}``); ``individuals`` as ``(id,
        name)``; ``constituencies`` and ``constituency_parties``
        (``(constituency, candidate, party)``) under the additional member
        system."""
        return _check(self._inner.define_list_contest(
            _text(by, "by"), _text(election, "election"), _text(id, "id"), _text(area, "area"),
            _text(office, "office"), _text(country, "country"), _small(seats, "seats"),
            [_party(p) for p in parties],
            [(_text(i, "individuals"), _text(n, "individuals")) for i, n in individuals],
            _texts(counting_areas, "counting_areas"), _texts(constituencies, "constituencies"),
            [(_text(k, "constituency_parties"), _text(c, "constituency_parties"),
              _text(p, "constituency_parties")) for k, c, p in constituency_parties],
            _opt_text(title, "title"), _opt_text(ruleset, "ruleset"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def define_contest(self, by: str, election: str, id: str, area: str, office: str,
                       country: str, electorate: int,
                       seats: Iterable[Tuple[str, Optional[str]]],
                       candidates: Iterable[Sequence[Optional[str]]],
                       counting_areas: Sequence[str] = (),
                       title: Optional[str] = None, authority: Optional[str] = None,
                       ruleset: Optional[str] = None, at: Optional[str] = None,
                       reason: Optional[str] = None) -> bytes:
        """A contest (first past the post, a referendum, the supplementary
        vote, STV) defined after the count has begun (``contest_defined``):
        ``office`` by its code (a mayor with its kind of ``authority``),
        ``seats`` each ``(kind, term_ends)`` (``ordinary`` or ``casual``, the
        day ``YYYY-MM-DD`` or None), ``candidates`` (or a referendum's
        answers) each ``(id, name)`` or ``(id, name, description)``, and
        the ``counting_areas`` (defined before it) of a poll counted in
        areas and collated."""
        cands = []
        for c in candidates:
            c = tuple(c)
            if len(c) not in (2, 3):
                raise TypeError("a candidate is (id, name) or (id, name, description)")
            cands.append((_text(c[0], "candidates"), _text(c[1], "candidates"),
                          _opt_text(c[2] if len(c) == 3 else None, "candidates")))
        return _check(self._inner.define_contest(
            _text(by, "by"), _text(election, "election"), _text(id, "id"), _text(area, "area"),
            _text(office, "office"), _text(country, "country"),
            _figure(electorate, "electorate"),
            [(_text(k, "seats"), _opt_text(t, "seats")) for k, t in seats], cands,
            _texts(counting_areas, "counting_areas"), _opt_text(title, "title"), _opt_text(authority, "authority"),
            _opt_text(ruleset, "ruleset"), _opt_text(at, "at"), _opt_text(reason, "reason")))

    def area_bundle(self, by: str, contest: str, counting_area: str, bundle: str,
                    votes: "Votes", table: Optional[str] = None, at: Optional[str] = None,
                    reason: Optional[str] = None) -> bytes:
        """A bundle of a list area's papers counted by hand, in the area's
        current run: ``votes`` by party or individual candidate."""
        return _check(self._inner.area_bundle(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _text(bundle, "bundle"), _pairs(votes, "votes"), _opt_text(table, "table"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def area_rejected(self, by: str, contest: str, counting_area: str, head: str, papers: int,
                      at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A list area's papers rejected under a head of the list ruleset
        (``breakdown_not_given`` where its heads were not read)."""
        return _check(self._inner.area_rejected(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _text(head, "head"), _figure(papers, "papers"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def area_batch(self, by: str, contest: str, counting_area: str, batch: str,
                   valid_papers: int, votes: "Votes", rejected: "Votes" = (),
                   file: Optional[Tuple[str, str]] = None, at: Optional[str] = None,
                   reason: Optional[str] = None) -> bytes:
        """A batch of a list area's papers counted by figures: the valid
        papers, the votes, the rejected papers by head code, and the file
        read (``(name, sha256)``) if any."""
        return _check(self._inner.area_batch(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _text(batch, "batch"), _figure(valid_papers, "valid_papers"),
            _pairs(votes, "votes"), _pairs(rejected, "rejected"), _file(file),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def complete_area(self, by: str, contest: str, counting_area: str,
                      at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """The count of a list area's current run completed: the area's
        list total."""
        return _check(self._inner.complete_area(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def request_area_recount(self, by: str, contest: str, counting_area: str,
                             option: Optional[str] = None, at: Optional[str] = None,
                             reason: Optional[str] = None) -> bytes:
        """A re-count of a list area's completed run requested, on behalf
        of a party or individual candidate (or none)."""
        return _check(self._inner.request_area_recount(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            _opt_text(option, "option"), _opt_text(at, "at"), _opt_text(reason, "reason")))

    def decide_area_recount(self, by: str, contest: str, counting_area: str, granted: bool,
                            at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """A request for a re-count of a list area decided (granted: the
        area's next run begins)."""
        if not isinstance(granted, bool):
            raise TypeError(f"granted must be bool, not {type(granted).__name__}")
        return _check(self._inner.decide_area_recount(
            _text(by, "by"), _text(contest, "contest"), _text(counting_area, "counting_area"),
            granted, _opt_text(at, "at"), _opt_text(reason, "reason")))

    def constituency_return(self, by: str, contest: str, constituency: str, member: str,
                            party: Optional[str] = None, at: Optional[str] = None,
                            reason: Optional[str] = None) -> bytes:
        """A constituency's return reported to the regional returning
        officer (``constituency_return_reported``): the member and their
        party on the list ballot (None: an independent)."""
        return _check(self._inner.constituency_return(
            _text(by, "by"), _text(contest, "contest"), _text(constituency, "constituency"),
            _text(member, "member"), _opt_text(party, "party"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def list_lot(self, by: str, contest: str, round: int, tied: Sequence[str], winner: str,
                 draw: str, seeded: bool = False, at: Optional[str] = None,
                 reason: Optional[str] = None) -> bytes:
        """A lot at seat ``round`` of a list allocation between ``tied``
        that fell on ``winner``: drawn as ``draw`` describes, or (``seeded``)
        a rehearsal draw from the published seed ``draw``, recomputed (the
        contest is then never declared)."""
        if not isinstance(seeded, bool):
            raise TypeError(f"seeded must be bool, not {type(seeded).__name__}")
        return _check(self._inner.list_lot(
            _text(by, "by"), _text(contest, "contest"), _small(round, "round"),
            _texts(tied, "tied"), _text(winner, "winner"), _text(draw, "draw"), seeded,
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def request_recalculation(self, by: str, contest: str, party: Optional[str] = None,
                              at: Optional[str] = None, reason: Optional[str] = None) -> bytes:
        """The list allocation's recalculation asked for
        (``allocation_recalculation_requested``)."""
        return _check(self._inner.request_recalculation(
            _text(by, "by"), _text(contest, "contest"), _opt_text(party, "party"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def recalculate(self, by: str, contest: str, at: Optional[str] = None,
                    reason: Optional[str] = None) -> bytes:
        """The list allocation recalculated from the same totals
        (``allocation_recalculated``, outcome ``unchanged``)."""
        return _check(self._inner.recalculate(
            _text(by, "by"), _text(contest, "contest"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    def list_vacancy(self, by: str, contest: str, vacating: str, declined: Sequence[str] = (),
                     filled_by: Optional[str] = None, at: Optional[str] = None,
                     reason: Optional[str] = None) -> bytes:
        """A later vacancy in a list seat (``list_vacancy_filled``): those
        on the list who declined, and the new member (None: the seat
        remains vacant)."""
        return _check(self._inner.list_vacancy(
            _text(by, "by"), _text(contest, "contest"), _text(vacating, "vacating"),
            _texts(declined, "declined"), _opt_text(filled_by, "filled_by"),
            _opt_text(at, "at"), _opt_text(reason, "reason")))

    # A signed checkpoint.

    def sign_checkpoint(self, by: str, key: Union[str, BytesLike],
                        at: Optional[str] = None) -> bytes:
        """Signs a checkpoint over the log as it stands and appends it
        (``checkpoint_signed``): ``key`` is the signer's secret key, 64
        lower-case hex digits as ``countroom keygen`` writes it (the key
        file's text or bytes). Returns the line appended: the line
        ``countroom sign LOG --key FILE --by PERSON [--at TIME]`` appends to
        the same log. countroom keeps no copy of the key.

        Raises :class:`InputError` for a key that does not read
        (``not_a_key``) and :class:`RejectedError` when the replay would
        refuse the checkpoint (a log without a chain, a signer with no key
        appointed, a key not the one appointed), the count unchanged.
        """
        if isinstance(key, (bytes, bytearray, memoryview)):
            try:
                key = bytes(key).decode("ascii")
            except UnicodeDecodeError:
                key = ""
        return _check(self._inner.sign_checkpoint(
            _text(by, "by"), _text(key, "key"), _opt_text(at, "at")))


Votes = Union[Mapping[str, int], Iterable[Tuple[str, int]]]
PaperLike = Mapping[str, Any]
PartyLike = Union[Mapping[str, Any], Tuple[str, str, Sequence[Any]]]
_U32 = 2**32 - 1


def _texts(values: Any, what: str) -> List[str]:
    if isinstance(values, str):
        raise TypeError(f"{what} must be a sequence of str, not str")
    return [_text(v, what) for v in values]


def _small(value: Any, what: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"{what} must be int, not {type(value).__name__}")
    if not 0 <= value <= _U32:
        raise InvalidArgumentError([{
            "file": "<command>", "line": None, "entry": None, "field": what,
            "code": "figure_out_of_range",
            "message": f"{value} is not a number from 0 to {_U32}",
        }])
    return value


def _party(value: Any) -> Tuple[str, str, List[Tuple[str, bool, bool]]]:
    if isinstance(value, Mapping):
        unknown = set(value) - {"id", "name", "list"}
        if unknown:
            raise TypeError(f"a party has no {sorted(unknown)[0]!r} (id, name, list)")
        pid, name, people = value.get("id"), value.get("name"), value.get("list", ())
    else:
        pid, name, people = value
    out = []
    for person in people:
        if isinstance(person, Mapping):
            flags = []
            for key in ("withdrawn", "died"):
                flag = person.get(key, False)
                if not isinstance(flag, bool):
                    raise TypeError(f"{key} must be bool, not {type(flag).__name__}")
                flags.append(flag)
            out.append((_text(person.get("name"), "parties.list"), flags[0], flags[1]))
        else:
            out.append((_text(person, "parties.list"), False, False))
    return _text(pid, "parties.id"), _text(name, "parties.name"), out


def _file(value: Any) -> Optional[Tuple[str, str]]:
    if value is None:
        return None
    name, sha256 = value
    return _text(name, "file"), _text(sha256, "file")


def _mark(value: Any) -> str:
    if isinstance(value, bool):
        raise TypeError("a mark must be str or int, not bool")
    if isinstance(value, int):
        return str(_small(value, "papers.marks"))
    return _text(value, "papers.marks")


def _papers(papers: Any) -> List[Tuple[Optional[str], bool, bool, List[Tuple[int, str]]]]:
    out = []
    for paper in papers:
        if not isinstance(paper, Mapping):
            raise TypeError(f"a paper must be a dict, not {type(paper).__name__}")
        unknown = set(paper) - {"reference", "official_mark", "identifying_mark", "marks"}
        if unknown:
            raise TypeError(f"a paper has no {sorted(unknown)[0]!r} "
                            "(reference, official_mark, identifying_mark, marks)")
        flags = []
        for key, default in (("official_mark", True), ("identifying_mark", False)):
            flag = paper.get(key, default)
            if not isinstance(flag, bool):
                raise TypeError(f"{key} must be bool, not {type(flag).__name__}")
            flags.append(flag)
        marks = paper.get("marks", ())
        items = marks.items() if isinstance(marks, Mapping) else marks
        held = [(_small(c, "papers.marks"), _mark(m)) for c, m in items]
        out.append((_opt_text(paper.get("reference"), "papers.reference"),
                    flags[0], flags[1], held))
    return out

_LARGEST = 2**64 - 1


def _not_utf8(what: str) -> InvalidArgumentError:
    """Text Python holds but UTF-8 cannot write (a lone surrogate, as
    ``"\\ud800"``): refused as the C ABI refuses text that is not UTF-8."""
    return InvalidArgumentError([{
        "file": "", "line": None, "entry": None, "field": what, "code": "not_utf8",
        "message": f"{what} is not UTF-8 text (it holds a lone surrogate)",
    }])


def _utf8(text: str, what: str) -> bytes:
    try:
        return text.encode("utf-8")
    except UnicodeEncodeError:
        raise _not_utf8(what) from None


def _text(value: Any, what: str) -> str:
    if isinstance(value, str):
        _utf8(value, what)
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
