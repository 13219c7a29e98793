"""The rest of the typed commands of ``countroom.Count`` (verification,
doubtful papers, objections, explanations, collation, single figures,
postal openings, papers with any marks, STV preference papers, the
supplementary vote's second count, definitions and appointments): each
gives the same bytes as a shipped example log's own line (hand-written
logs, and batches ``countroom tally-papers`` made from the shipped
ballot-paper CSVs, which this test reads with Python's own ``csv``), and a
bad value or a refused command raises with the problem list, the count
unchanged."""

import csv
import hashlib
import io
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
    got = call(count)
    assert got == line, f"{name} entry {seq}:\n{got!r}\n{line!r}"
    assert count.log == log + line


def papers_of(path):
    """A ballot-paper CSV (docs/formats.md) read with Python's csv: each
    row a paper dict, its marks in the file's own notation."""
    rows = list(csv.reader(io.StringIO(path.read_text(encoding="utf-8"))))
    out = []
    for row in rows[1:]:
        out.append({
            "reference": row[0],
            "official_mark": row[1] == "Y",
            "identifying_mark": row[2] == "Y",
            "marks": {i: m for i, m in enumerate(row[3:]) if m},
        })
    return out


def test_verification_reproduces_abbey_ward(data):
    # PER 2006 r.45: boxes received and opened, accounts, verification.
    n = "abbey-ward.jsonl"
    reproduces(data, n, 36, lambda c: c.receive_box("dpatel", "BOX-AB1", ["S10481", "S10482"]))
    reproduces(data, n, 44, lambda c: c.account(
        "gobi", "BOX-AB1", "abbey", issued=1012, unused=980, spoilt=6, tendered=2,
        entrusted=[("D0001", "D2000")]))
    reproduces(data, n, 50, lambda c: c.tendered_votes("gobi", "BOX-AB1", "abbey", 2))
    reproduces(data, n, 53, lambda c: c.count_box("vclerk1", "BOX-AB1", "abbey", 1, 1010))
    reproduces(data, n, 59, lambda c: c.move_papers(
        "gobi", "TBOX-AB3", "abbey-town", "BOX-AB3", "abbey", 1,
        reason="one district ballot paper (white) found in the town council box at station AB3"))
    reproduces(data, n, 66, lambda c: c.explain(
        "gobi", "abbey",
        "BOX-AB1 -2 and BOX-AB2 +2 at Abbey Community Centre: voters used the other station's box",
        ballot_box="BOX-AB1"))
    reproduces(data, n, 68, lambda c: c.complete_verification(
        "jmarsh", "abbey", at="2026-05-07T23:40:00+01:00"))
    # RPR 2001 reg 87: the statements rejected, by reason.
    reproduces(data, n, 32, lambda c: c.postal_opening(
        "radeyemi", "PO-1", "abbey", {"PV-1": 402},
        [("signature_mismatch", 6), ("date_of_birth_mismatch", 4), ("signature_blank", 2),
         ("date_of_birth_blank", 1), ("paper_without_statement", 3),
         ("statement_without_paper", 1)],
        at="2026-05-05T14:00:00+01:00"))


def test_doubtful_papers_reproduce_abbey_ward(data):
    # PER 2006 r.47: set aside, decided valid, rejected (objected to),
    # and papers rejected in part.
    n = "abbey-ward.jsonl"
    reproduces(data, n, 79, lambda c: c.set_aside(
        "csup2", "abbey", [("R1-D1", "tick outside the box"), ("R1-D2", "writing on the paper")]))
    reproduces(data, n, 80, lambda c: c.decide_doubtful(
        "osiddiqui", "abbey", "R1-D1", "valid", ["AB-EVANS"],
        reason="single tick outside the box against EVANS: intention clear (saving clause)"))
    reproduces(data, n, 81, lambda c: c.decide_doubtful(
        "osiddiqui", "abbey", "R1-D2", "rejected", head="identifying_mark",
        rejection_objected=True, reason="voter signed the paper"))
    reproduces(data, n, 84, lambda c: c.rejected_in_part(
        "osiddiqui", "abbey", 2,
        reason="two papers with one uncertain mark; the other votes counted"))


def test_definitions_and_appointments_reproduce_abbey_ward(data):
    n = "abbey-ward.jsonl"
    reproduces(data, n, 17, lambda c: c.define_polling_place(
        "jmarsh", "PP-ABBEY-CC", "Abbey Community Centre, Mill Lane"))
    reproduces(data, n, 19, lambda c: c.define_polling_station(
        "jmarsh", "AB1", "PP-ABBEY-CC", "Station AB1"))
    reproduces(data, n, 23, lambda c: c.appoint_agent(
        "jmarsh", "khollis", "Kim Hollis", "election_agent", contest="abbey",
        candidate="AB-EVANS"))
    reproduces(data, n, 24, lambda c: c.define_ballot_box(
        "jmarsh", "BOX-AB1", ["abbey"], polling_station="AB1"))


def test_collation_and_the_second_count_reproduce_exampleshire(data):
    # A combined authority mayor collated from counting areas (PCCEO 2012
    # Sch 3 rr.57, 60 as applied).
    n = "exampleshire-mayor.jsonl"
    reproduces(data, n, 2, lambda c: c.define_counting_area(
        "hmarsh", "northtown", "Northtown District", electorate=160000,
        at="2028-05-05T08:00:00+01:00"))
    # A local returning officer records their own appointment.
    reproduces(data, n, 7, lambda c: c.appoint(
        "lro-north", "lro-north", "Alex Green", "returning_officer",
        contests=["exampleshire-mayor"], counting_area="northtown"))
    reproduces(data, n, 15, lambda c: c.order_area_recount(
        "hmarsh", "exampleshire-mayor", "westford", at="2028-05-05T14:05:00+01:00",
        reason="The election agent for BELL asked for a re-count in Westford after a bundle of "
               "20 papers for BELL was seen in ARORA's tray; the CARO directs a re-count of "
               "Westford only"))
    reproduces(data, n, 19, lambda c: c.direct_second_count(
        "hmarsh", "exampleshire-mayor", ["XS-ARORA", "XS-BELL"], at="2028-05-05T15:30:00+01:00",
        reason="No candidate has more than half of the first preference votes (PCCEO-form "
               "r.60(1) as applied to combined authority mayors)"))
    reproduces(data, n, 20, lambda c: c.local_second_count(
        "lro-north", "exampleshire-mayor", "northtown", {"XS-ARORA": 4100, "XS-BELL": 3600},
        2900, at="2028-05-05T17:00:00+01:00"))


def test_a_supplementary_vote_batch_with_any_marks_is_tally_papers_entry(data):
    # Exampletown's 4,000 papers (crosses, ticks, second-column marks,
    # papers without the official mark...) adjudicated under the 2007
    # mayoral rules: the batch `countroom tally-papers` logged, byte for
    # byte, and the figures, the second count's completion and the
    # verification figure.
    n = "exampletown-mayor.jsonl"
    csv_path = data / "exampletown-mayor-papers.csv"
    sha = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    reproduces(data, n, 5, lambda c: c.verify_papers(
        "pnair", "exampletown-mayor", 4000, at="2021-05-07T10:40:00+01:00"))
    reproduces(data, n, 6, lambda c: c.marked_batch(
        "ohart", "exampletown-mayor", "all-papers", papers_of(csv_path),
        file=("exampletown-mayor-papers.csv", sha), at="2021-05-07T12:10:00+01:00"))
    reproduces(data, n, 9, lambda c: c.complete_second_count(
        "pnair", "exampletown-mayor", at="2021-05-07T13:15:00+01:00",
        reason="Second preferences on the 1,122 papers of CHAN and DOYLE counted from the "
               "adjudicated batch"))


def test_stv_preference_papers_are_tally_papers_entry(data):
    # The STV ward's 120 papers (figures, a figure outside the box, a cross,
    # another mark, no official mark, an identifying mark) adjudicated under
    # SLGEO 2011 Sch 1 r.45: the batch in stv-ward.jsonl, byte for byte;
    # then the Returning Officer's decisions on the two doubtful papers.
    n = "stv-ward.jsonl"
    csv_path = data / "stv-ward-papers.csv"
    sha = hashlib.sha256(csv_path.read_bytes()).hexdigest()
    papers = papers_of(csv_path)
    reproduces(data, n, 4, lambda c: c.preference_batch(
        "Count supervisor (Owen Hart)", "example-ward", "batch-1", papers,
        file=("stv-ward-papers.csv", sha)))
    reproduces(data, n, 5, lambda c: c.decide_doubtful(
        "Returning Officer (Fiona Reid)", "example-ward", "P110", "valid", ["MACLEOD"],
        at="2027-05-07T11:20:00+01:00",
        reason="a cross against MACLEOD and no other mark: a clear first preference "
               "(SLGEO 2011 Sch 1 r.44(2))"))
    # Figures as ints are the same papers; without the file, the batch is
    # tied to its papers by their content hash.
    log, line = prefix(data, n, 4)
    as_ints = [dict(p, marks={c: int(m) if m.isdigit() else m for c, m in p["marks"].items()})
               for p in papers]
    got = json.loads(countroom.Count(log).preference_batch(
        "Count supervisor (Owen Hart)", "example-ward", "batch-1", as_ints))
    want = json.loads(line)
    assert got["event"]["paper_batch_counted"]["source"]["name"] == "memory:batch-1"
    for key in ("votes", "rejected", "saved", "set_aside", "preferences"):
        assert got["event"]["paper_batch_counted"][key] == want["event"]["paper_batch_counted"][key]


def test_the_rest_are_their_json_entries(data):
    # Saved papers, an objection (to a paper and to papers under a head),
    # an explanation of the run, a region, a counting area in it, a polling
    # place in an area, an observer, a second-count bundle: each the line
    # the JSON entry gives.
    log, _ = prefix(data, "abbey-ward.jsonl", 84)
    cases = [
        (lambda c: c.saved("jmarsh", "abbey", "tick", 3),
         {"saved_counted": {"contest": "abbey", "run": 1, "reason": "tick", "papers": 3}}),
        (lambda c: c.object_to_rejection("khollis", "abbey", paper="R1-D2", candidate="AB-EVANS"),
         {"rejection_objected": {"contest": "abbey", "run": 1, "paper": "R1-D2",
                                 "candidate": "AB-EVANS"}}),
        (lambda c: c.object_to_rejection("khollis", "abbey", head="too_many_votes", papers=2),
         {"rejection_objected": {"contest": "abbey", "run": 1, "head": "too_many_votes",
                                 "papers": 2}}),
        (lambda c: c.explain("jmarsh", "abbey", "one paper found under the table"),
         {"explanation_recorded": {"contest": "abbey", "run": 1,
                                   "text": "one paper found under the table"}}),
        (lambda c: c.define_region("jmarsh", "E15000006", "Eastern"),
         {"region_defined": {"region": "E15000006", "name": "Eastern"}}),
        (lambda c: c.appoint_agent("jmarsh", "obs1", "An Observer", "observer"),
         {"agent_appointed": {"person": "obs1", "name": "An Observer", "role": "observer"}}),
        (lambda c: c.appoint("jmarsh", "clerk9", "A Clerk", "count_clerk"),
         {"officer_appointed": {"person": "clerk9", "name": "A Clerk", "role": "count_clerk"}}),
    ]
    def outcome(call):
        try:
            return call()
        except countroom.RejectedError as e:
            return [p["code"] for p in e.problems]
    for call, event in cases:
        typed, wire = countroom.Count(log), countroom.Count(log)
        by = "khollis" if "rejection_objected" in event else "jmarsh"
        got = outcome(lambda: call(typed))
        assert got == outcome(lambda: wire.append({"by": by, "event": event})), event
        # R1-D2's rejection was objected to when it was decided (PER
        # r.47(3)): a second objection is refused, typed or not.
        assert isinstance(got, bytes) or event.get("rejection_objected", {}).get("paper"), got
    # The supplementary vote's second count at one count (Exampletown after
    # its first count): the typed bundle and the JSON entry agree, whether
    # the count takes it or refuses it.
    log, _ = prefix(data, "exampletown-mayor.jsonl", 8)
    typed, wire = countroom.Count(log), countroom.Count(log)
    event = {"second_preferences_counted": {"contest": "exampletown-mayor", "run": 1,
                                            "bundle": "S1", "table": "T1",
                                            "votes": [{"candidate": "EX-CHAN", "votes": 1}],
                                            "unmarked": 2, "for_eliminated": 0, "void": 1}}
    assert outcome(lambda: typed.second_preferences(
        "pnair", "exampletown-mayor", "S1", {"EX-CHAN": 1}, unmarked=2, void=1, table="T1")) \
        == outcome(lambda: wire.append({"by": "pnair", "event": event}))


def test_bad_values_list_every_problem(data):
    count = countroom.Count((data / "abbey-ward.jsonl").read_bytes())
    before = count.log
    with pytest.raises(countroom.InputError) as e:
        count.account("gobi", "BOX 1", "ab bey", issued=1, entrusted=[("A", "B")])
    assert [(p["field"], p["code"]) for p in e.value.problems] == [
        ("ballot_box", "bad_id"), ("contest", "bad_id")]
    with pytest.raises(countroom.InputError) as e:
        count.decide_doubtful("jmarsh", "abbey", "R1", "rejected")
    assert e.value.problems[0]["code"] == "missing"
    with pytest.raises(countroom.InputError) as e:
        count.decide_doubtful("jmarsh", "abbey", "R1", "maybe", ["C 1"])
    assert sorted(p["code"] for p in e.value.problems) == ["bad_id", "unknown_code"]
    with pytest.raises(countroom.InputError) as e:
        count.postal_opening("jmarsh", "PO-9", "abbey", {"PV-1": 1}, {"lost_in_post": 1})
    assert e.value.problems[0]["field"] == "rejected.reason"
    with pytest.raises(countroom.InputError) as e:
        count.marked_batch("jmarsh", "abbey", "P9", [{"marks": {0: "cross"}}, {"marks": {1: "X@moon"}}])
    assert [p["code"] for p in e.value.problems] == ["bad_mark", "bad_mark"]
    with pytest.raises(countroom.InputError) as e:
        count.appoint("jmarsh", "", "P", "king", functions=["everything"])
    assert [p["field"] for p in e.value.problems] == ["person", "role", "functions"]
    with pytest.raises(countroom.InputError) as e:
        count.appoint_agent("jmarsh", "a1", "A", "election_agent")
    assert e.value.problems[0]["code"] == "missing"
    with pytest.raises(countroom.InputError):
        count.saved("jmarsh", "abbey", "smudge", 1)
    with pytest.raises(countroom.InvalidArgumentError):
        count.object_to_rejection("khollis", "abbey")
    with pytest.raises(countroom.InvalidArgumentError) as e:
        count.count_box("vclerk1", "BOX-AB1", "abbey", 2**32, 1)
    assert e.value.problems[0]["code"] == "figure_out_of_range"
    with pytest.raises(countroom.InvalidArgumentError):
        count.second_preferences("jmarsh", "abbey", "S1", {}, void=-1)
    with pytest.raises(TypeError):
        count.marked_batch("jmarsh", "abbey", "P9", [{"marks": {0: "X"}, "colour": "white"}])
    with pytest.raises(TypeError):
        count.receive_box("dpatel", "BOX-AB1", "S1")
    assert count.log == before


def test_refused_commands_leave_the_count_unchanged(data):
    # Abbey ward declared: verification completed twice, a paper decided
    # that was never set aside, a person not appointed, a clerk appointing
    # an officer, a box the log does not define.
    log = (data / "abbey-ward.jsonl").read_bytes()
    count = countroom.Count(log)
    for call in [
        lambda: count.complete_verification("stranger", "abbey"),
        lambda: count.decide_doubtful("jmarsh", "abbey", "NO-SUCH", "valid", ["AB-EVANS"]),
        lambda: count.receive_box("jmarsh", "NO-SUCH-BOX", []),
        lambda: count.count_box("jmarsh", "BOX-AB1", "nowhere", 9, 1),
        lambda: count.appoint("vclerk1", "dro2", "D", "deputy_returning_officer"),
        lambda: count.local_second_count("jmarsh", "abbey", "nowhere", {"AB-EVANS": 1}, 0),
    ]:
        with pytest.raises(countroom.RejectedError) as e:
            call()
        assert e.value.problems, "a refusal lists its problems"
        assert count.log == log
