"""The cost of a Python call: replaying the shipped example log
(examples/data/abbey-ward.jsonl) to its report as JSON through
countroom.replay_json (bytes) and countroom.replay (parsed into dicts).

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


for name, fn in [
    ("countroom.replay_json(log) -> bytes", lambda: countroom.replay_json(LOG)),
    ("countroom.replay(log) -> dict", lambda: countroom.replay(LOG)),
]:
    median, low, high = per_call(fn)
    print(f"{name}: median {median / 1000:.1f} us per call (min {low / 1000:.1f}, max {high / 1000:.1f}; 7 rounds of 200)")
