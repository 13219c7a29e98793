"""Shared fixtures: the repository, its example data and the `countroom`
command (the CLI whose JSON output the bindings must match byte for byte).

The CLI is `$COUNTROOM_BIN`, else `target/debug/countroom` in the
repository (`cargo build --bin countroom`; `.ci/run` builds it first)."""

import os
import pathlib
import subprocess

import pytest

REPO = pathlib.Path(__file__).resolve().parents[3]
DATA = REPO / "examples" / "data"


@pytest.fixture(scope="session")
def cli():
    path = pathlib.Path(os.environ.get("COUNTROOM_BIN", REPO / "target" / "debug" / "countroom"))
    if not path.is_file():
        pytest.fail(f"the countroom CLI is not built at {path}: run `cargo build --bin countroom` "
                    "or set COUNTROOM_BIN")

    def run(*args, check=True):
        done = subprocess.run([str(path), *map(str, args)], capture_output=True, cwd=REPO)
        if check and done.returncode != 0:
            raise AssertionError(f"countroom {' '.join(map(str, args))} exited "
                                 f"{done.returncode}: {done.stderr.decode()}")
        return done

    return run


@pytest.fixture
def data():
    return DATA
