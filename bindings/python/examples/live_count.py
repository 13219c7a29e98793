"""Drive a count from Python: open it from its log, record bundles as they
are counted with the typed commands (``Count.bundle``, then
``Count.complete`` and ``Count.declare``), write each line to the log file,
and show the progress. A command the count refuses changes nothing; its
problems say why.

    python bindings/python/examples/live_count.py examples/data/westbury.jsonl /tmp/westbury.jsonl
"""

import shutil
import sys

import countroom

RO = "ro"  # the person recording: an id (appointed, once the log records appointments)
BUNDLES = [
    ("B1", 25, {"WB-ALLEN": 12, "WB-BAKER": 9, "WB-COLE": 4}),
    ("B2", 20, {"WB-ALLEN": 8, "WB-BAKER": 9, "WB-NOBODY": 3}),  # refused: unknown candidate
    ("B2", 20, {"WB-ALLEN": 8, "WB-BAKER": 9, "WB-COLE": 3}),
]


def main(source: str, target: str) -> int:
    shutil.copyfile(source, target)
    with open(target, "rb") as f:
        count = countroom.Count(f.read())
    def record(what, command):
        try:
            line = command()
        except countroom.RejectedError as e:
            print(f"{what} refused: {e.problems[0]['message']}")
            return
        with open(target, "ab") as f:
            f.write(line)
        contest = count.documents("westbury")["contests"][0]
        print(f"{what} recorded; status: {contest['status']}")

    for name, papers, votes in BUNDLES:
        record(f"bundle {name}", lambda: count.bundle(RO, "westbury", name, votes, papers=papers, table="T1"))
    record("completion", lambda: count.complete(RO, "westbury"))
    record("declaration", lambda: count.declare(RO, "westbury"))
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:3] if len(sys.argv) > 2
                    else ["examples/data/westbury.jsonl", "/tmp/westbury-live.jsonl"])))
