import os
from typing import Any, Dict, List, Optional, Union

from . import stv as stv

__version__: str

BytesLike = Union[bytes, bytearray, memoryview]
PathOrBytes = Union[str, os.PathLike[str], bytes, bytearray, memoryview]
Problem = Dict[str, Any]

class CountroomError(Exception):
    status: str
    problems: List[Problem]
    def __init__(self, problems: Optional[List[Problem]] = ...) -> None: ...

class InvalidArgumentError(CountroomError, ValueError): ...
class InputError(CountroomError): ...
class RejectedError(InputError): ...
class UnknownContestError(CountroomError, LookupError): ...
class CountroomIOError(CountroomError): ...
class InternalError(CountroomError): ...

def replay_json(log: BytesLike) -> bytes: ...
def replay(log: BytesLike) -> Dict[str, Any]: ...

def results_json(
    results: PathOrBytes,
    contests: Optional[PathOrBytes] = ...,
    previous: Optional[PathOrBytes] = ...,
    columns: Optional[str] = ...,
    date: Optional[str] = ...,
    published: bool = ...,
) -> bytes: ...
def results(
    results: PathOrBytes,
    contests: Optional[PathOrBytes] = ...,
    previous: Optional[PathOrBytes] = ...,
    columns: Optional[str] = ...,
    date: Optional[str] = ...,
    published: bool = ...,
) -> Dict[str, Any]: ...

def results_log(
    results: PathOrBytes,
    date: str,
    contests: Optional[PathOrBytes] = ...,
    previous: Optional[PathOrBytes] = ...,
    columns: Optional[str] = ...,
    published: bool = ...,
    election: str = ...,
) -> bytes: ...

class Count:
    def __init__(self, log: BytesLike) -> None: ...
    def append(self, entry: Union[Dict[str, Any], str, BytesLike]) -> bytes: ...
    def documents_json(self, contest: Optional[str] = ...) -> bytes: ...
    def documents(self, contest: Optional[str] = ...) -> Dict[str, Any]: ...
    @property
    def log(self) -> bytes: ...
