"""countroom's exception classes: every failure carries the problem list."""

from typing import Any, Dict, List, Optional

Problem = Dict[str, Any]


class CountroomError(Exception):
    """A countroom call failed.

    ``problems`` is every problem found, each a dict in countroom's one
    problem shape: ``file``, ``line``, ``entry``, ``field`` (each ``None``
    when not known), ``code`` (stable, snake_case: match on it) and
    ``message``. ``status`` is the C ABI's status name (``"input"``,
    ``"rejected"``, ...).
    """

    status = "error"

    def __init__(self, problems: Optional[List[Problem]] = None) -> None:
        self.problems: List[Problem] = list(problems or [])
        super().__init__(self._summary())

    def _summary(self) -> str:
        if not self.problems:
            return self.status
        first = self.problems[0]
        where = first.get("file") or ""
        if first.get("line") is not None:
            where += f":{first['line']}"
        if first.get("entry") is not None:
            where += f": entry {first['entry']}"
        if first.get("field"):
            where += f": field `{first['field']}`"
        text = f"{where}: {first.get('message', '')}" if where else str(first.get("message", ""))
        more = len(self.problems) - 1
        return text + (f" (and {more} more problem{'s' if more > 1 else ''})" if more else "")

    def __str__(self) -> str:
        return self._summary()


class InvalidArgumentError(CountroomError, ValueError):
    """The call was wrong: empty bytes, unknown STV rules, a count not open."""

    status = "invalid_argument"


class InputError(CountroomError):
    """The input has problems: a log that does not read or replay, an entry
    that is not JSON, a BLT file with problems."""

    status = "input"


class RejectedError(InputError):
    """The count refused the entry: nothing was appended, the count is
    unchanged."""

    status = "rejected"


class UnknownContestError(CountroomError, LookupError):
    """The contest asked for is not in the log."""

    status = "not_found"


class CountroomIOError(CountroomError):
    """A file could not be read."""

    status = "io"


class InternalError(CountroomError):
    """countroom failed inside (a panic, caught): a bug, to be reported."""

    status = "internal"


# The C ABI's status numbers (CountroomStatus), as the extension gives them.
_BY_STATUS = {
    1: InvalidArgumentError,
    2: InputError,
    3: RejectedError,
    4: UnknownContestError,
    5: CountroomIOError,
    6: InternalError,
}


def _check(outcome: "tuple[int, bytes]") -> bytes:
    """The bytes of a successful call, or the exception of a failed one."""
    import json

    status, payload = outcome
    if status == 0:
        return payload
    cls = _BY_STATUS.get(status, InternalError)
    try:
        problems = json.loads(payload)
    except ValueError:
        problems = [{"file": "", "line": None, "entry": None, "field": None,
                     "code": "internal", "message": payload.decode("utf-8", "replace")}]
    raise cls(problems)
