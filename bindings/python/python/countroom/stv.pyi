import os
from typing import Any, Dict, Union

PathOrBytes = Union[str, os.PathLike[str], bytes, bytearray, memoryview]

def count_json(path_or_bytes: PathOrBytes, rules: str = ...) -> bytes: ...
def count(path_or_bytes: PathOrBytes, rules: str = ...) -> Dict[str, Any]: ...
