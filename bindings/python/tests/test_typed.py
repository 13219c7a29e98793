"""The typed commands of ``countroom.Count``: each gives the same bytes as
a shipped example log's own line (hand-written logs, independent of the
typed surface), and every bad value or refused command raises with the
problem list, the count unchanged."""

import json

import pytest

import countroom


def lines(data, name):
    return (data / name).read_bytes().splitlines(keepends=True)


def prefix(data, name, seq):
    """The log up to (not including) entry ``seq``, and that entry's line."""
    ls = lines(data, name)
    return b"".join(ls[:seq]), ls[seq]


def reproduces(data, name, seq, call):
    log, line = prefix(data, name, seq)
    count = countroom.Count(log)
    assert call(count) == line
    assert count.log == log + line


def test_abbey_wards_lines(data):
    # PER 2006 r.47 heads, completion, re-count requested and granted, the
    # lot (r.49) and the declaration: Abbey Ward's own lines.
    n = "abbey-ward.jsonl"
    reproduces(data, n, 83, lambda c: c.rejected("osiddiqui", "abbey", "unmarked_or_void", 7))
    reproduces(data, n, 85, lambda c: c.complete("osiddiqui", "abbey", at="2026-05-08T02:41:00+01:00"))
    reproduces(data, n, 87, lambda c: c.request_recount(
        "khollis", "abbey", "AB-EVANS",
        reason="three votes between third and fourth place, and a variance of one paper"))
    reproduces(data, n, 88, lambda c: c.decide_recount(
        "jmarsh", "abbey", True,
        reason="margin is small and the papers counted differ from the papers verified"))
    _, line = prefix(data, n, 105)
    description = json.loads(line)["event"]["lot_drawn"]["method"]["recorded"]["description"]
    reproduces(data, n, 105, lambda c: c.lot(
        "jmarsh", "abbey", "election", ["AB-BRENNAN", "AB-EVANS"], ["AB-EVANS"], description,
        at="2026-05-08T04:20:00+01:00"))
    reproduces(data, n, 106, lambda c: c.declare("jmarsh", "abbey", at="2026-05-08T04:31:00+01:00"))


def test_a_list_polls_local_total_and_authorisation(data):
    n = "exampleshire-region.jsonl"
    reproduces(data, n, 26, lambda c: c.local_total(
        "lro-east", "exampleshire-region", "eastport", 24793,
        {"SAL": 9500, "THL": 7100, "BCON": 5000, "GRN": 2400, "IND-CAMPBELL": 700},
        [("too_many_votes", 52), ("unmarked_or_void", 41)],
        at="2026-05-08T12:30:00+01:00", reason="Re-count completed"))
    reproduces(data, n, 27, lambda c: c.authorise(
        "hmarsh", "exampleshire-region", "eastport", at="2026-05-08T12:40:00+01:00"))


def test_a_bundle_is_the_json_entrys_line(data):
    log = (data / "westbury.jsonl").read_bytes()
    typed, wire = countroom.Count(log), countroom.Count(log)
    line = typed.bundle("ro", "westbury", "B1", {"WB-ALLEN": 5, "WB-BAKER": 3}, papers=8, table="T1")
    assert line == wire.append({"by": "ro", "event": {"bundle_counted": {
        "contest": "westbury", "run": 1, "bundle": "B1", "table": "T1", "papers": 8,
        "votes": [{"candidate": "WB-ALLEN", "votes": 5}, {"candidate": "WB-BAKER", "votes": 3}]}}})
    # A batch of papers from memory: a cross each for the first and second
    # candidates and an unmarked paper.
    line = typed.batch("ro", "westbury", "P1", [[0], [1], []])
    entry = json.loads(line)["event"]["paper_batch_counted"]
    assert entry["source"]["name"] == "memory:P1"
    doc = typed.documents("westbury")["contests"][0]
    assert doc["candidates"][0]["votes"] == 6


def test_bad_values_list_every_problem(data):
    count = countroom.Count((data / "westbury.jsonl").read_bytes())
    before = count.log
    with pytest.raises(countroom.InputError) as e:
        count.local_total("ro", "west bury", "", 1, {"C 1": 1}, {"no_such_head": 1})
    assert [(p["field"], p["code"]) for p in e.value.problems] == [
        ("contest", "bad_id"), ("counting_area", "bad_id"), ("votes.candidate", "bad_id"),
        ("rejected.head", "unknown_code")]
    with pytest.raises(countroom.InputError) as e:
        count.declare("ro", "westbury", at="tomorrow")
    assert e.value.problems[0]["code"] == "bad_time"
    # Bad values and a bad time: every problem at once (audit 13, finding 8).
    with pytest.raises(countroom.InputError) as e:
        count.bundle("ro", "west bury", "B 1", {"WB-ALLEN": 1}, at="nope")
    assert [(p["field"], p["code"]) for p in e.value.problems] == [
        ("contest", "bad_id"), ("bundle", "bad_id"), ("at", "bad_time")]
    with pytest.raises(countroom.InvalidArgumentError) as e:
        count.bundle("ro", "westbury", "B1", {"WB-ALLEN": 2**64})
    assert e.value.problems[0]["code"] == "figure_out_of_range"
    with pytest.raises(countroom.InvalidArgumentError):
        count.rejected("ro", "westbury", "too_many_votes", -1)
    with pytest.raises(TypeError):
        count.bundle("ro", "westbury", "B1", {"WB-ALLEN": "5"})
    with pytest.raises(TypeError):
        count.decide_recount("ro", "westbury", 1)
    assert count.log == before


def test_refused_commands_leave_the_count_unchanged(data):
    log = (data / "abbey-ward.jsonl").read_bytes()
    count = countroom.Count(log)
    for call, code in [
        (lambda: count.declare("jmarsh", "nowhere"), "unknown"),
        (lambda: count.declare("stranger", "abbey"), "no_actor"),
        (lambda: count.declare("jmarsh", "abbey"), "already_declared"),
    ]:
        with pytest.raises(countroom.RejectedError) as e:
            call()
        assert code in [p["code"] for p in e.value.problems], e.value.problems
        assert count.log == log
    # After the first count's completion: a bundle is refused.
    early, _ = prefix(data, "abbey-ward.jsonl", 86)
    count = countroom.Count(early)
    with pytest.raises(countroom.RejectedError) as e:
        count.bundle("csup1", "abbey", "late", {"AB-EVANS": 1}, papers=1)
    assert "run_completed" in [p["code"] for p in e.value.problems]
    # During it: a total past the largest count.
    during, _ = prefix(data, "abbey-ward.jsonl", 79)
    count = countroom.Count(during)
    with pytest.raises(countroom.RejectedError) as e:
        count.bundle("csup1", "abbey", "big", {"AB-EVANS": 2**64 - 1}, papers=2**64 - 1)
    assert "total_overflow" in [p["code"] for p in e.value.problems]
    assert count.log == during


def test_a_new_log_is_the_shipped_logs_first_lines(data, cli, tmp_path):
    """``new_log``: a count begun from nothing (audit 13, findings 6 and
    10). Its header and ``election_defined`` entry are the shipped Westbury
    log's first two lines byte for byte (made by ``examples/sign_logs.rs``
    through the Rust library, independent of the binding); the Westbury
    log's other entries then append to it through ``Count`` to the whole
    shipped file, which the CLI counts. Bad values raise with every
    problem."""
    westbury = lines(data, "westbury.jsonl")
    log = countroom.new_log("Acting Returning Officer (Sam Okafor)", "ge-2029",
                            "UK Parliamentary general election", "2029-05-03")
    assert log == westbury[0] + westbury[1]
    count = countroom.Count(log)
    for line in westbury[2:]:
        entry = json.loads(line)
        entry.pop("seq"), entry.pop("prev")
        count.append(entry)
    assert count.log == b"".join(westbury)
    path = tmp_path / "westbury.jsonl"
    path.write_bytes(count.log)
    assert cli("count", path, "--format", "json").stdout == countroom.Count(
        count.log).documents_json()
    with pytest.raises(countroom.InputError) as e:
        countroom.new_log("ro", "has space", " ", "3 May 2029")
    assert sorted((p["code"], p["field"]) for p in e.value.problems) == [
        ("bad_date", "poll_date"), ("bad_id", "election"), ("empty", "name")]
    with pytest.raises(TypeError):
        countroom.new_log("ro", "e", "E", None)


def test_text_that_is_not_utf8_is_refused_as_in_c(data):
    """A lone surrogate (text Python holds that UTF-8 cannot write) is an
    :class:`InvalidArgumentError` with code ``not_utf8``, as the C ABI
    refuses text that is not UTF-8, never a ``UnicodeEncodeError`` (audit
    13, finding 9); the count is unchanged."""
    log = (data / "westbury.jsonl").read_bytes()
    count = countroom.Count(log)
    calls = [
        lambda: count.bundle("ro", "\ud800", "B1", {"WB-ALLEN": 1}),
        lambda: count.append({"by": "\ud800", "event": {"count_completed": {"contest": "westbury", "run": 1}}}),
        lambda: count.append("{\"by\": \"\ud800\"}"),
        lambda: count.documents("\ud800"),
        lambda: countroom.new_log("ro", "e", "\ud800", "2029-05-03"),
    ]
    for call in calls:
        with pytest.raises(countroom.InvalidArgumentError) as e:
            call()
        assert [p["code"] for p in e.value.problems] == ["not_utf8"]
    assert count.log == log


def test_progress_is_cheap_and_agrees_with_the_documents(data):
    """``Count.progress``: where the count stands without projecting the
    documents (audit 13, finding 12): the entries and chain head are the
    documents' evidence, and a bundle appended moves the figures by its
    own (Westbury: 30, 18 and 10 votes in a bundle of 58 papers)."""
    abbey = countroom.Count((data / "abbey-ward.jsonl").read_bytes())
    p, evidence = abbey.progress(), abbey.documents()["evidence"]
    assert (p["entries"], p["chain_head"], p["tamper_evident"]) == (
        evidence["entries"], evidence["chain_head"], True)
    assert p["chain_head_groups"].replace(" ", "") == p["chain_head"]
    assert [(c["contest"], c["status"]) for c in p["contests"]] == [
        ("abbey", "declared"), ("abbey-town", "declared")]
    count = countroom.Count((data / "westbury.jsonl").read_bytes())
    before = count.progress()
    assert before["contests"][0]["bundles"] == 0
    count.bundle("Acting Returning Officer (Sam Okafor)", "westbury", "B1",
                 {"WB-ALLEN": 30, "WB-BAKER": 18, "WB-COLE": 10}, papers=58)
    after = count.progress()
    assert after["entries"] == before["entries"] + 1
    assert after["chain_head"] == count.documents()["evidence"]["chain_head"]
    c = after["contests"][0]
    assert (c["status"], c["bundles"], c["papers_counted"]) == ("counting", 1, 58)
    assert [(v["candidate"], v["votes"]) for v in c["votes"]] == [
        ("WB-ALLEN", 30), ("WB-BAKER", 18), ("WB-COLE", 10)]


@pytest.mark.parametrize("fmt", ["json", "text", "csv", "dc-json", "err-json", "err-xml", "html"])
def test_documents_in_every_format_are_the_clis_bytes(data, cli, fmt):
    """``Count.documents_in``: the documents in each format the command line
    prints, byte for byte, for every shipped log (audit 13, finding 11:
    only JSON was given). Another format is refused by name."""
    for path in sorted(data.glob("*.jsonl")):
        count = countroom.Count(path.read_bytes())
        assert count.documents_in(fmt) == cli("count", path, "--format", fmt).stdout, (path, fmt)
    with pytest.raises(countroom.InvalidArgumentError) as e:
        count.documents_in("pdf")
    assert e.value.problems[0]["code"] == "unknown_format"
