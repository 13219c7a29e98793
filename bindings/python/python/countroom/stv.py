"""Counting by the single transferable vote (Scottish and Northern Ireland
rules) from a BLT ballot file."""

import json
import os
from typing import Any, Dict, Union

from . import _countroom
from ._errors import _check

PathOrBytes = Union[str, "os.PathLike[str]", bytes, bytearray, memoryview]


def count_json(path_or_bytes: PathOrBytes, rules: str = "scotland") -> bytes:
    """Counts a BLT ballot file (a path, or the file's bytes) by ``rules``
    (``"scotland"`` or ``"ni"``) and returns the stage sheet as JSON: the
    same bytes as ``countroom stv FILE --rules RULES --format json``.

    Raises :class:`countroom.InputError` with every problem of the file
    (each with its line), :class:`countroom.CountroomIOError` when the file
    cannot be read, :class:`countroom.InvalidArgumentError` for unknown
    rules or empty bytes.
    """
    if not isinstance(rules, str):
        raise TypeError(f"rules must be str, not {type(rules).__name__}")
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        return _check(_countroom.stv_count(bytes(path_or_bytes), rules))
    if isinstance(path_or_bytes, (str, os.PathLike)):
        return _check(_countroom.stv_count_file(os.fspath(path_or_bytes), rules))
    raise TypeError(
        f"path_or_bytes must be a path or bytes, not {type(path_or_bytes).__name__}"
    )


def count(path_or_bytes: PathOrBytes, rules: str = "scotland") -> Dict[str, Any]:
    """:func:`count_json`, parsed."""
    return json.loads(count_json(path_or_bytes, rules))
