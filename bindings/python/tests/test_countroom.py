"""The Python package against the CLI, byte for byte, and every error path.

Expected values come from the `countroom` CLI run on the same inputs (an
independent front end over the same library): `countroom count LOG
--format json`, `countroom stv FILE --rules R --format json` and
`countroom append`."""

import json
import pathlib
import shutil

import pytest

import countroom

LOGS = [
    "abbey-ward.jsonl",
    "exampletown-mayor.jsonl",
    "exampleshire-mayor.jsonl",
    "two-seat-tie.jsonl",
    "westbury.jsonl",
    "stv-ward.jsonl",
]

RO = "Acting Returning Officer (Sam Okafor)"
BUNDLE = {
    "by": RO,
    "at": "2029-05-04T01:10:00+01:00",
    "event": {"bundle_counted": {
        "contest": "westbury", "run": 1, "bundle": "B1", "table": "T1", "papers": 10,
        "votes": [{"candidate": "WB-ALLEN", "votes": 5}, {"candidate": "WB-BAKER", "votes": 3},
                  {"candidate": "WB-COLE", "votes": 2}],
    }},
}
PROBLEM_KEYS = {"file", "line", "entry", "field", "code", "message"}


def bundle(**changes):
    entry = json.loads(json.dumps(BUNDLE))
    entry["event"]["bundle_counted"].update(changes)
    return entry


def assert_problems(e, code=None):
    assert isinstance(e.problems, list) and e.problems
    for p in e.problems:
        assert set(p) == PROBLEM_KEYS
    if code is not None:
        assert code in [p["code"] for p in e.problems], e.problems


# --- the same bytes as the CLI ---------------------------------------------

@pytest.mark.parametrize("name", LOGS)
def test_replay_is_the_cli_json_byte_for_byte(cli, data, name):
    expected = cli("count", data / name, "--format", "json").stdout
    log = (data / name).read_bytes()
    assert countroom.replay_json(log) == expected
    assert countroom.replay(log) == json.loads(expected)
    assert countroom.Count(log).documents_json() == expected


def test_one_contest_is_the_cli_json(cli, data):
    expected = cli("count", data / "abbey-ward.jsonl", "--format", "json",
                   "--contest", "abbey").stdout
    count = countroom.Count((data / "abbey-ward.jsonl").read_bytes())
    assert count.documents_json("abbey") == expected
    assert count.documents("abbey") == json.loads(expected)


@pytest.mark.parametrize("rules", ["scotland", "ni"])
def test_stv_is_the_cli_json_byte_for_byte(cli, data, rules):
    blt = data / "stv-ward.blt"
    expected = cli("stv", blt, "--rules", rules, "--format", "json").stdout
    assert countroom.stv.count_json(blt.read_bytes(), rules=rules) == expected
    assert countroom.stv.count_json(blt, rules=rules) == expected  # a pathlib.Path
    assert countroom.stv.count_json(str(blt), rules) == expected
    assert countroom.stv.count(bytearray(blt.read_bytes()), rules) == json.loads(expected)


def test_stv_rules_default_to_scotland(data):
    blt = data / "stv-ward.blt"
    assert countroom.stv.count(blt) == countroom.stv.count(blt, rules="scotland")


def test_append_writes_what_countroom_append_writes(cli, data, tmp_path):
    """The line the binding returns is the line `countroom append` adds to
    the file, and the documents are those of the extended log."""
    original = (data / "westbury.jsonl").read_bytes()
    count = countroom.Count(original)
    line = count.append(BUNDLE)
    assert line.startswith(b'{"seq":4,"prev":"') and line.endswith(b"\n")
    assert line.count(b"\n") == 1
    assert count.log == original + line

    copy = tmp_path / "westbury.jsonl"
    shutil.copyfile(data / "westbury.jsonl", copy)
    entry = tmp_path / "entry.json"
    entry.write_text(json.dumps(BUNDLE))
    cli("append", copy, entry)
    assert copy.read_bytes() == count.log
    assert count.documents_json() == cli("count", copy, "--format", "json").stdout
    assert count.documents_json() == countroom.replay_json(count.log)


def test_append_takes_a_dict_text_or_bytes(data):
    log = (data / "westbury.jsonl").read_bytes()
    lines = [countroom.Count(log).append(e)
             for e in (BUNDLE, json.dumps(BUNDLE), json.dumps(BUNDLE).encode())]
    assert lines[0] == lines[1] == lines[2]


def test_append_several_entries_all_or_nothing(data):
    log = (data / "westbury.jsonl").read_bytes()
    count = countroom.Count(log)
    two = json.dumps(bundle(bundle="B1")) + "\n" + json.dumps(bundle(bundle="B2"))
    lines = count.append(two)
    assert lines.count(b"\n") == 2 and b'"seq":5' in lines
    count = countroom.Count(log)
    bad = json.dumps(bundle(bundle="B1")) + "\n" + json.dumps(bundle(bundle="B1"))
    with pytest.raises(countroom.RejectedError) as e:
        count.append(bad)
    assert [p["entry"] for p in e.value.problems] == [5]
    assert count.log == log


# --- every error path --------------------------------------------------------

def test_empty_bytes_are_invalid_arguments(data):
    with pytest.raises(countroom.InvalidArgumentError) as e:
        countroom.replay(b"")
    assert isinstance(e.value, ValueError) and isinstance(e.value, countroom.CountroomError)
    assert_problems(e.value, "empty_input")
    with pytest.raises(countroom.InvalidArgumentError):
        countroom.Count(b"")
    with pytest.raises(countroom.InvalidArgumentError):
        countroom.stv.count(b"")
    count = countroom.Count((data / "westbury.jsonl").read_bytes())
    with pytest.raises(countroom.InvalidArgumentError):
        count.append("")


def test_wrong_types_are_type_errors(data):
    with pytest.raises(TypeError):
        countroom.replay("not bytes")
    with pytest.raises(TypeError):
        countroom.stv.count(42)
    count = countroom.Count((data / "westbury.jsonl").read_bytes())
    with pytest.raises(TypeError):
        count.append(42)
    with pytest.raises(TypeError):
        count.documents(7)


def test_bad_utf8_and_bad_json_are_input_errors(data):
    with pytest.raises(countroom.InputError) as e:
        countroom.replay(b"\xff\xfe\n")
    assert_problems(e.value, "not_utf8")
    with pytest.raises(countroom.InputError) as e:
        countroom.replay(b"{nope\n")
    assert_problems(e.value)
    assert e.value.problems[0]["line"] == 1
    count = countroom.Count((data / "westbury.jsonl").read_bytes())
    with pytest.raises(countroom.InputError) as e:
        count.append(b'{"by":"x","event":\xff}')
    assert_problems(e.value, "not_utf8")
    assert not isinstance(e.value, countroom.RejectedError)
    with pytest.raises(countroom.InputError):
        count.append('{"by":')
    with pytest.raises(countroom.InputError):
        count.append({"by": RO, "colour": "red", "event": {}})
    # a figure past the largest count (u64::MAX = 2^64 - 1) does not read
    with pytest.raises(countroom.InputError) as e:
        count.append(bundle(papers=2**64, votes=[{"candidate": "WB-ALLEN", "votes": 2**64}]))
    assert not isinstance(e.value, countroom.RejectedError)
    assert_problems(e.value)


def test_a_broken_log_gives_the_cli_problems(cli, data, tmp_path):
    """One vote moved: the chain is broken. The problems are the CLI's
    (`--format json`), the file named `<log>` rather than the path."""
    text = (data / "abbey-ward.jsonl").read_bytes()
    changed = text.replace(b'"votes":1', b'"votes":2', 1)
    assert changed != text
    path = tmp_path / "changed.jsonl"
    path.write_bytes(changed)
    done = cli("count", path, "--format", "json", check=False)
    assert done.returncode == 1
    expected = json.loads(done.stdout)
    for p in expected:
        p["file"] = "<log>"
    with pytest.raises(countroom.InputError) as e:
        countroom.replay(changed)
    assert e.value.problems == expected
    assert_problems(e.value, "chain_broken")
    with pytest.raises(countroom.InputError):
        countroom.Count(changed)


@pytest.mark.parametrize("entry, code", [
    (bundle(votes=[{"candidate": "WB-NOBODY", "votes": 10}]), "unknown"),
    (bundle(contest="nowhere"), "unknown"),
    (bundle(papers=1, votes=[{"candidate": "WB-ALLEN", "votes": 2}]), "papers_votes_mismatch"),
    ({"by": "", "event": BUNDLE["event"]}, None),
])
def test_a_rejected_append_leaves_the_count_unchanged(data, entry, code):
    log = (data / "westbury.jsonl").read_bytes()
    count = countroom.Count(log)
    before = count.documents_json()
    with pytest.raises(countroom.RejectedError) as e:
        count.append(entry)
    assert isinstance(e.value, countroom.InputError)
    assert_problems(e.value, code)
    assert e.value.problems[0]["entry"] == 4
    assert count.log == log
    assert count.documents_json() == before
    # and the count goes on
    count.append(BUNDLE)


def test_a_figure_that_overflows_the_total_is_refused(data):
    """Two bundles of u64::MAX / 2 + 1 votes each: the second would take the
    candidate's total past u64::MAX (2^64 - 1)."""
    half = 2**63
    count = countroom.Count((data / "westbury.jsonl").read_bytes())
    count.append(bundle(bundle="B1", papers=half,
                        votes=[{"candidate": "WB-ALLEN", "votes": half}]))
    log = count.log
    with pytest.raises(countroom.RejectedError) as e:
        count.append(bundle(bundle="B2", papers=half,
                            votes=[{"candidate": "WB-ALLEN", "votes": half}]))
    assert_problems(e.value, "total_overflow")
    assert count.log == log


def test_commands_that_contradict_the_state_are_refused(data):
    """A declared contest: a bundle after completion, a second declaration."""
    log = (data / "two-seat-tie.jsonl").read_bytes()
    count = countroom.Count(log)
    by = json.loads(log.splitlines()[1])["by"]
    late = {"by": by, "event": {"bundle_counted": {
        "contest": "little-ormsby", "run": 1, "bundle": "LATE", "table": "T1", "papers": 1,
        "votes": [{"candidate": "P", "votes": 1}]}}}
    with pytest.raises(countroom.RejectedError):
        count.append(late)
    declared = [json.loads(l) for l in log.splitlines()[1:] if b"result_declared" in l][0]
    del declared["seq"]
    del declared["prev"]
    with pytest.raises(countroom.RejectedError):
        count.append(declared)
    assert count.log == log


def test_an_actor_the_role_does_not_allow_is_refused(data):
    """Abbey ward's log appoints its officers: an election agent may not
    complete the count (PER r.45)."""
    log = (data / "abbey-ward.jsonl").read_bytes()
    count = countroom.Count(log)
    with pytest.raises(countroom.RejectedError) as e:
        count.append({"by": "khollis", "event": {"count_completed": {"contest": "abbey", "run": 2}}})
    assert_problems(e.value)
    assert count.log == log


def test_unknown_contest(data):
    count = countroom.Count((data / "abbey-ward.jsonl").read_bytes())
    with pytest.raises(countroom.UnknownContestError) as e:
        count.documents("nowhere")
    assert isinstance(e.value, LookupError)
    assert_problems(e.value, "unknown_contest")
    assert "abbey" in e.value.problems[0]["message"]
    assert "nowhere" in str(e.value)


def test_stv_errors(data, tmp_path):
    with pytest.raises(countroom.InvalidArgumentError) as e:
        countroom.stv.count(data / "stv-ward.blt", rules="wales")
    assert_problems(e.value, "unknown_rules")
    with pytest.raises(countroom.CountroomIOError) as e:
        countroom.stv.count(tmp_path / "missing.blt")
    assert_problems(e.value, "io")
    # seats not fewer than the candidates standing: line 1
    with pytest.raises(countroom.InputError) as e:
        countroom.stv.count(b'2 3\n1 1 0\n0\n"A"\n"B"\n"T"\n')
    assert_problems(e.value)
    assert e.value.problems[0]["line"] == 1
    # a preference out of range: line 2
    with pytest.raises(countroom.InputError) as e:
        countroom.stv.count(b'2 1\n1 3 0\n0\n"A"\n"B"\n"T"\n')
    assert e.value.problems[0]["line"] == 2
    with pytest.raises(countroom.InputError) as e:
        countroom.stv.count(data / "abbey-ward.jsonl")
    assert_problems(e.value, "wrong_kind_of_file")


def test_stv_problems_name_the_file(cli, data, tmp_path):
    path = tmp_path / "bad.blt"
    path.write_bytes(b'2 1\n1 3 0\n0\n"A"\n"B"\n"T"\n')
    done = cli("stv", path, "--rules", "scotland", "--format", "json", check=False)
    assert done.returncode == 1
    with pytest.raises(countroom.InputError) as e:
        countroom.stv.count(path)
    assert e.value.problems == json.loads(done.stdout)


def test_version():
    assert countroom.__version__.count(".") == 2


# --- published results -------------------------------------------------------

PUBLISHED = ["results.csv", "contests.csv", "previous.csv"]


def test_results_is_the_cli_json_byte_for_byte(cli, data):
    """The shipped published results (five constituencies typed by hand,
    with a previous election): the report is `countroom results --format
    json`'s, byte for byte; its problems (Castlebury's published winner is
    not the candidate with the most votes; Eastwick's tie) are in the
    document, and the CLI exits 1."""
    r, c, p = (data / "published" / name for name in PUBLISHED)
    done = cli("results", r, "--contests", c, "--previous", p, "--format", "json", check=False)
    assert done.returncode == 1, done.stderr
    got = countroom.results_json(r, contests=c, previous=p)
    assert got == done.stdout
    report = countroom.results(str(r), contests=str(c), previous=str(p))
    assert report["problems"], "the shipped file has problems to find"
    # the results file alone
    done = cli("results", r, "--format", "json", check=False)
    assert countroom.results_json(r) == done.stdout


def test_results_from_bytes_names_them(data):
    r = (data / "published" / "results.csv").read_bytes()
    report = countroom.results(r)
    assert report["source"] == "<results>"
    by_path = countroom.results(data / "published" / "results.csv")
    assert report["contests"] == by_path["contests"]


def test_results_errors(cli, data, tmp_path):
    with pytest.raises(countroom.InvalidArgumentError) as e:
        countroom.results(b"")
    assert_problems(e.value, "empty_input")
    r = data / "published" / "results.csv"
    with pytest.raises(countroom.InvalidArgumentError) as e:
        countroom.results(r, date="7 May")
    assert_problems(e.value, "bad_date")
    with pytest.raises(countroom.CountroomIOError) as e:
        countroom.results(tmp_path / "missing.csv")
    assert_problems(e.value, "io")
    with pytest.raises(TypeError):
        countroom.results(42)
    # a vote count that is not a number: the CLI's problems, byte for byte
    bad = tmp_path / "bad.csv"
    bad.write_bytes(b"contest,candidate,party,votes\nX1,\"A, A\",Red,lots\n")
    done = cli("results", bad, "--format", "json", check=False)
    assert done.returncode == 1
    with pytest.raises(countroom.InputError) as e:
        countroom.results(bad)
    assert e.value.problems == json.loads(done.stdout)
    assert e.value.problems[0]["line"] == 2


def test_results_log_is_the_cli_log_byte_for_byte(cli, data, tmp_path):
    """`countroom results --log`: the count log the shipped published
    results imply, the CLI's bytes; replayed, Castlebury's count gives
    IRWIN (the candidate with the most votes, not the published winner),
    not declared, since the published result declares HUGHES; Eastwick's
    tie awaits a lot."""
    r, c = data / "published" / "results.csv", data / "published" / "contests.csv"
    out = tmp_path / "published.jsonl"
    done = cli("results", r, "--contests", c, "--log", out, "--date", "2029-05-03",
               "--election", "ge2029", check=False)
    assert done.returncode == 1, done.stderr
    log = countroom.results_log(r, "2029-05-03", contests=c, election="ge2029")
    assert log == out.read_bytes()
    report = countroom.replay(log)
    castlebury = next(x for x in report["contests"] if x["contest"]["area"] == "Castlebury")
    assert castlebury["elected"][0]["name"] == "IRWIN, Ivy"
    assert castlebury["status"] != "declared"
    assert report["contests"][4]["status"] == "lot_required"
    with pytest.raises(countroom.InvalidArgumentError) as e:
        countroom.results_log(r, "7 May", contests=c)
    assert_problems(e.value, "bad_date")
    with pytest.raises(TypeError):
        countroom.results_log(r, None)
    # Without the electorates of the contests file, there is no log.
    with pytest.raises(countroom.InputError):
        countroom.results_log(r, "2029-05-03")


def test_a_torn_last_line_is_left_out_on_request(data):
    """A log whose last line a crash cut short (no line feed after it):
    ``Count`` refuses it; ``Count.open_truncating_torn_tail`` opens the log
    without it, saying where it begins (the shipped log's length) and how
    long it is, and the count's log is the shipped log byte for byte; the
    whole log opens with nothing left out; a line altered in the middle is
    still refused."""
    whole = (data / "two-seat-tie.jsonl").read_bytes()
    torn = b'{"seq":9,"prev":"0a1b'
    with pytest.raises(countroom.InputError):
        countroom.Count(whole + torn)
    count, tail = countroom.Count.open_truncating_torn_tail(whole + torn)
    assert (tail["line"], tail["offset"], tail["len"]) == (whole.count(b"\n") + 1, len(whole), len(torn))
    assert tail["problems"]
    assert count.log == whole
    assert count.documents_json() == countroom.Count(whole).documents_json()
    count, tail = countroom.Count.open_truncating_torn_tail(whole)
    assert tail is None
    lines = whole.splitlines(keepends=True)
    lines[3] = lines[3].replace(b'"seq":3,', b'"seq":30,')
    assert lines[3] != whole.splitlines(keepends=True)[3]
    with pytest.raises(countroom.InputError):
        countroom.Count.open_truncating_torn_tail(b"".join(lines) + torn)
