"""Drive a count from Python: open it from its log, append bundles as they
are counted, write each line to the log file, and show the progress. A
bundle the count refuses changes nothing; its problems say why.

    python bindings/python/examples/live_count.py examples/data/westbury.jsonl /tmp/westbury.jsonl
"""

import shutil
import sys

import countroom

RO = "Acting Returning Officer (Sam Okafor)"
BUNDLES = [
    ("B1", 25, {"WB-ALLEN": 12, "WB-BAKER": 9, "WB-COLE": 4}),
    ("B2", 20, {"WB-ALLEN": 8, "WB-BAKER": 9, "WB-NOBODY": 3}),  # refused: unknown candidate
    ("B2", 20, {"WB-ALLEN": 8, "WB-BAKER": 9, "WB-COLE": 3}),
]


def main(source: str, target: str) -> int:
    shutil.copyfile(source, target)
    with open(target, "rb") as f:
        count = countroom.Count(f.read())
    for name, papers, votes in BUNDLES:
        entry = {"by": RO, "event": {"bundle_counted": {
            "contest": "westbury", "run": 1, "bundle": name, "table": "T1", "papers": papers,
            "votes": [{"candidate": c, "votes": v} for c, v in votes.items()],
        }}}
        try:
            line = count.append(entry)
        except countroom.RejectedError as e:
            print(f"bundle {name} refused: {e.problems[0]['message']}")
            continue
        with open(target, "ab") as f:
            f.write(line)
        contest = count.documents("westbury")["contests"][0]
        print(f"bundle {name} counted; status: {contest['status']}")
    return 0


if __name__ == "__main__":
    sys.exit(main(*(sys.argv[1:3] if len(sys.argv) > 2
                    else ["examples/data/westbury.jsonl", "/tmp/westbury-live.jsonl"])))
