"""Replay a count log and print each contest's result, as an auditor would.

    python bindings/python/examples/replay.py examples/data/abbey-ward.jsonl
"""

import sys

import countroom


def main(path: str) -> int:
    with open(path, "rb") as f:
        log = f.read()
    try:
        report = countroom.replay(log)
    except countroom.CountroomError as e:
        for p in e.problems:
            print(f"{path}: entry {p['entry']}: {p['code']}: {p['message']}", file=sys.stderr)
        return 1
    for contest in report["contests"]:
        info = contest["contest"]
        elected = ", ".join(e["name"] for e in contest.get("elected", []))
        print(f"{info['id']}: {contest['status']}; elected: {elected or '-'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1] if len(sys.argv) > 1 else "examples/data/abbey-ward.jsonl"))
