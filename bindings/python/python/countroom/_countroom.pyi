# The extension module: (status, bytes) pairs; the package wraps it.
import os
from typing import Optional, Tuple, Union

__version__: str

def replay(log: bytes) -> Tuple[int, bytes]: ...
def stv_count(blt: bytes, rules: str) -> Tuple[int, bytes]: ...
def results(
    results: bytes,
    results_name: str,
    contests: Optional[bytes] = ...,
    contests_name: str = ...,
    previous: Optional[bytes] = ...,
    previous_name: str = ...,
    columns: Optional[str] = ...,
    date: Optional[str] = ...,
    published: bool = ...,
) -> Tuple[int, bytes]: ...
def results_log(
    results: bytes,
    results_name: str,
    date: str,
    contests: Optional[bytes] = ...,
    contests_name: str = ...,
    previous: Optional[bytes] = ...,
    previous_name: str = ...,
    columns: Optional[str] = ...,
    published: bool = ...,
    election: str = ...,
) -> Tuple[int, bytes]: ...
def stv_count_file(path: Union[str, os.PathLike[str]], rules: str) -> Tuple[int, bytes]: ...

class Count:
    def __init__(self) -> None: ...
    def open(self, log: bytes) -> Tuple[int, bytes]: ...
    def append(self, entry: bytes) -> Tuple[int, bytes]: ...
    def documents(self, contest: Optional[str] = ...) -> Tuple[int, bytes]: ...
    def log(self) -> Tuple[int, bytes]: ...
