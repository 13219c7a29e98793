"""The cost of a Python call: replaying the shipped example log
(examples/data/abbey-ward.jsonl) to its report as JSON through
countroom.replay_json (bytes) and countroom.replay (parsed into dicts);
and appending one entry (JSON bytes) to a count after 3 and after 10,003
entries.

Build the extension in release first, as the Rust and C figures are:

    cd bindings/python && maturin develop --release && python bench/replay.py

Compare with `cargo bench -p countroom-ffi --bench ffi` (BENCHMARKS.md)."""

import pathlib
import statistics
import time

import countroom

LOG = (pathlib.Path(__file__).resolve().parents[3] / "examples" / "data" / "abbey-ward.jsonl").read_bytes()


def per_call(fn, calls=200, rounds=7):
    fn()  # warm up
    times = []
    for _ in range(rounds):
        start = time.perf_counter_ns()
        for _ in range(calls):
            fn()
        times.append((time.perf_counter_ns() - start) // calls)
    return statistics.median(times), min(times), max(times)


WESTBURY = (pathlib.Path(__file__).resolve().parents[3] / "examples" / "data" / "westbury.jsonl").read_bytes()


def bundle(i):
    """A westbury bundle entry (JSON bytes) of one vote, bundle id `i`."""
    return (b'{"by":"Acting Returning Officer (Sam Okafor)","event":{"bundle_counted":'
            b'{"contest":"westbury","run":1,"bundle":"B%d","votes":[{"candidate":"WB-ALLEN","votes":1}]}}}' % i)


def appender(after):
    """count.append of a new bundle, to a count of westbury with `after`
    bundles already appended: the cost of an append through Python."""
    count = countroom.Count(WESTBURY)
    for i in range(after):
        count.append(bundle(1_000_000_000 + i))
    state = {"next": 0}

    def append():
        state["next"] += 1
        return count.append(bundle(state["next"]))
    return append


for name, fn in [
    ("countroom.replay_json(log) -> bytes", lambda: countroom.replay_json(LOG)),
    ("countroom.replay(log) -> dict", lambda: countroom.replay(LOG)),
    ("Count.append(bytes), after 3 entries", appender(0)),
    ("Count.append(bytes), after 10,003 entries", appender(10_000)),
]:
    median, low, high = per_call(fn)
    print(f"{name}: median {median / 1000:.1f} us per call (min {low / 1000:.1f}, max {high / 1000:.1f}; 7 rounds of 200)")
