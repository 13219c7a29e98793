"""The typed commands of a list poll from Python (``countroom.Count``'s
``define_list_contest``, ``area_bundle``, ``area_rejected``, ``area_batch``,
``complete_area``, ``request_area_recount``, ``decide_area_recount``,
``constituency_return``, ``list_lot``, ``request_recalculation``,
``recalculate``, ``list_vacancy``) and a contest defined after the count has
begun (``define_contest``): each the same bytes as the shipped Senedd log's
own line or the JSON entry; a Scottish region counted entirely through typed
calls to the hand-worked allocation (Scotland Act 1998 ss.7-8), its
documents equal to the replay of the log it wrote; every method's
rejection raising with the problem list, the count unchanged."""

import pytest

import countroom

SENEDD = "senedd-cwm-valleys.jsonl"


def prefix(data, seq):
    """The Senedd log up to (not including) entry ``seq``, and that entry's
    line."""
    ls = (data / SENEDD).read_bytes().splitlines(keepends=True)
    return b"".join(ls[:seq]), ls[seq]


def reproduces(data, seq, call):
    log, line = prefix(data, seq)
    count = countroom.Count(log)
    got = call(count)
    assert got == line, f"entry {seq}:\n{got!r}\n{line!r}"


def refused(count, call, error=countroom.RejectedError):
    """``call`` raises ``error`` with its problems; the log is unchanged."""
    before = count.log
    with pytest.raises(error) as e:
        call(count)
    assert e.value.problems
    assert count.log == before
    return e.value.problems


CWM_PARTIES = [
    ("LAB", "Welsh Labour", ["Alun Rees", "Bethan Lloyd", "Carwyn Hughes", "Delyth Evans",
                             "Emyr Owen", "Ffion Jenkins", "Gareth Morgan", "Heledd Price"]),
    {"id": "PC", "name": "Plaid Cymru",
     "list": ["Iwan Roberts", "Jane Williams", {"name": "Llyr Thomas"}, "Mari Griffiths"]},
    ("REF", "Reform UK", ["Neil Baker", "Olwen Harris", "Peter Cook"]),
    ("CON", "Welsh Conservatives", ["Rhian Edwards", "Steffan Jones", "Tomos Wyn"]),
    ("LD", "Welsh Liberal Democrats", ["Ursula Lewis", "Vaughan Bell"]),
    ("GRN", "Wales Green Party", ["Wyn Parry", "Yvonne Ellis"]),
]


def define_cwm(c, **kw):
    args = dict(by="ro", election="senedd-2026", id="cwm-valleys", area="Cwm Valleys",
                office="senedd_member", country="wales", seats=6, parties=CWM_PARTIES,
                individuals=[("IND-MORGAN", "Rhys Morgan")],
                counting_areas=["cwm-north", "cwm-south"],
                title="Election of Members of the Senedd", ruleset="senedd-closed-list-2026",
                at="2026-05-08T01:00:00+01:00")
    args.update(kw)
    return c.define_list_contest(**args)


def test_the_senedd_list_contest_and_its_rejections(data):
    reproduces(data, 6, define_cwm)
    log, _ = prefix(data, 6)
    count = countroom.Count(log)
    # A list office that is not one, and a bad party id: both listed.
    with pytest.raises(countroom.InputError) as e:
        define_cwm(count, office="regional_member", parties=[("L A B", "x", [])])
    assert [p["code"] for p in e.value.problems] == ["unknown_code", "bad_id"]
    assert count.log == log
    # Seven seats: not the ruleset's six, refused by the count.
    refused(count, lambda c: define_cwm(c, seats=7))


def test_cwm_south_counted_at_its_count(data):
    reproduces(data, 9, lambda c: c.area_bundle(
        "dro", "cwm-valleys", "cwm-south", "CS-T1", {"LAB": 19400, "PC": 12300}, table="T1",
        at="2026-05-08T02:30:00+01:00"))
    reproduces(data, 11, lambda c: c.area_rejected(
        "dro", "cwm-valleys", "cwm-south", "breakdown_not_given", 120,
        at="2026-05-08T02:50:00+01:00",
        reason="the heads of the Senedd's statement of rejected papers are not read in "
               "countroom: rejected list papers as one figure"))
    reproduces(data, 12, lambda c: c.complete_area(
        "dro", "cwm-valleys", "cwm-south", at="2026-05-08T03:00:00+01:00",
        reason="Cwm South's list papers counted at its count: the completed count is its "
               "list total"))
    log, _ = prefix(data, 9)
    count = countroom.Count(log)
    # An area not the contest's; a party not on the list ballot.
    refused(count, lambda c: c.area_bundle("dro", "cwm-valleys", "cwm-east", "X", {"LAB": 1}))
    refused(count, lambda c: c.area_bundle("dro", "cwm-valleys", "cwm-south", "X", {"UKIP": 1}))
    refused(count, lambda c: c.area_rejected("dro", "cwm-valleys", "cwm-south", "nope", 1),
            countroom.InputError)
    refused(count, lambda c: c.complete_area("dro", "cwm-valleys", "cwm-east"))
    refused(count, lambda c: c.area_batch("dro", "cwm-valleys", "cwm-east", "B", 1, {"LAB": 1}))
    refused(count, lambda c: c.request_area_recount("dro", "cwm-valleys", "cwm-south"))
    refused(count, lambda c: c.decide_area_recount("dro", "cwm-valleys", "cwm-south", True))
    refused(count, lambda c: c.constituency_return("dro", "cwm-valleys", "S1", "M"))


def test_the_lot_recalculation_declaration_and_vacancy(data):
    reproduces(data, 15, lambda c: c.list_lot(
        "ro", "cwm-valleys", 6, ["PC", "IND-MORGAN"], "IND-MORGAN",
        "two names in identical sealed envelopes, one drawn by the returning officer",
        at="2026-05-08T05:00:00+01:00",
        reason="Plaid Cymru and Rhys Morgan both have 13,200.00 for the sixth seat"))
    reproduces(data, 16, lambda c: c.request_recalculation(
        "agent-pc", "cwm-valleys", party="PC", at="2026-05-08T05:00:00+01:00"))
    reproduces(data, 17, lambda c: c.recalculate(
        "ro", "cwm-valleys", at="2026-05-08T05:00:00+01:00"))
    reproduces(data, 18, lambda c: c.declare("ro", "cwm-valleys", at="2026-05-08T06:00:00+01:00"))
    log, _ = prefix(data, 15)
    count = countroom.Count(log)
    # The seed "Cwm rehearsal 2026" draws PC (docs/count-log.md).
    refused(count, lambda c: c.list_lot("ro", "cwm-valleys", 6, ["PC", "IND-MORGAN"],
                                        "IND-MORGAN", "Cwm rehearsal 2026", seeded=True))
    refused(count, lambda c: c.recalculate("ro", "cwm-valleys"))
    refused(count, lambda c: c.request_recalculation("ro", "cwm-valleys"))
    log, _ = prefix(data, 19)
    count = countroom.Count(log)
    # Carwyn Hughes is already returned: the next willing is Emyr Owen.
    refused(count, lambda c: c.list_vacancy("ro", "cwm-valleys", "Bethan Lloyd",
                                            ["Delyth Evans"], "Carwyn Hughes"))
    line = count.list_vacancy("ro", "cwm-valleys", "Bethan Lloyd", ["Delyth Evans"], "Emyr Owen",
                              reason="resignation of a member")
    assert b'"filled_by":"Emyr Owen"' in line


RETURNS = [("S1", "A"), ("S2", "A"), ("S3", "A"), ("S4", "A"), ("S5", "A"),
           ("S6", "B"), ("S7", "B"), ("S8", "C"), ("S9", "C")]


def scottish_region():
    """The region of ``test_a_scottish_region_through_typed_calls``, defined
    through typed calls, every constituency's return made."""
    count = countroom.Count(
        b'{"schema":"countroom-count-log","version":1}\n'
        b'{"seq":1,"by":"rro","event":{"election_defined":{"election":"e","name":'
        b'"Scottish Parliament general election","poll_date":"2026-05-07"}}}\n')
    count.define_counting_area("rro", "north", "North count")
    count.define_counting_area("rro", "south", "South count")
    parties = [(p, f"Party {p}", [f"{p}{i}" for i in range(1, 8)]) for p in "ABCD"]
    count.define_list_contest(
        "rro", "e", "r", "Example Region", "scottish_parliament_regional_member", "scotland", 7,
        parties, counting_areas=["north", "south"], constituencies=[k for k, _ in RETURNS],
        ruleset="scottish-parliament-regional-2016")
    for k, p in RETURNS:
        count.constituency_return("rro", "r", k, f"MSP {k}", p)
    return count


def test_a_scottish_region_through_typed_calls():
    """Seven regional members (Scotland Act 1998 Sch 1 para 2(3)); returns A
    5, B 2, C 2, D 0. North: A 10,000, B 6,000, C 5,000, D 2,000, and 70
    rejected under SSI 2015/425 Sch 2 r.58(1)(c). South: run 1 A 8,000, B
    7,000, C 3,000, D 1,500, re-counted at B's request; run 2 A 7,990, B
    7,010 (a batch by figures), C 3,000, D 1,500, 30 under (e).

    Totals A 17,990, B 13,010, C 8,000, D 3,500. Figures (s.7): B 13,010/3 =
    4,336.67; D 3,500.00; B 13,010/4 = 3,252.50; A 17,990/6 = 2,998.33; C
    8,000/3 = 2,666.67; B 13,010/5 = 2,602.00; A 17,990/7 = 2,570.00; next A
    17,990/8 = 2,248.75. Members (s.8(4)): B1, D1, B2, A1, C1, B3, A2."""
    count = scottish_region()
    count.area_bundle("ro-n", "r", "north", "N1", {"A": 10000, "B": 6000})
    count.area_bundle("ro-n", "r", "north", "N2", [("C", 5000), ("D", 2000)])
    count.area_rejected("ro-n", "r", "north", "too_many_votes", 70)
    count.complete_area("ro-n", "r", "north")
    count.area_bundle("ro-s", "r", "south", "S-1", {"A": 8000, "B": 7000, "C": 3000, "D": 1500})
    count.complete_area("ro-s", "r", "south")
    count.request_area_recount("ro-s", "r", "south", option="B")
    count.decide_area_recount("ro-s", "r", "south", True)
    line = count.area_batch("ro-s", "r", "south", "SB-1", 15000, {"A": 7990, "B": 7010},
                            {"unmarked_or_void": 30})
    assert b'"run":2,"counting_area":"south"' in line
    count.area_bundle("ro-s", "r", "south", "S-2", {"C": 3000, "D": 1500})
    # Declared before the area's count is completed: refused.
    refused(count, lambda c: c.declare("rro", "r"))
    count.complete_area("ro-s", "r", "south")
    count.authorise("rro", "r", "north")
    count.authorise("rro", "r", "south")
    count.declare("rro", "r")

    assert count.documents_json() == countroom.replay_json(count.log)
    c = count.documents()["list_contests"][0]
    assert c["status"] == "declared"
    assert [(x["option"], x["figure"]) for x in c["rounds"]] == [
        ("B", "4336.67"), ("D", "3500.00"), ("B", "3252.50"), ("A", "2998.33"),
        ("C", "2666.67"), ("B", "2602.00"), ("A", "2570.00")]
    assert c["next"]["figure"] == "2248.75"
    assert [m["name"] for m in c["members"]] == ["B1", "D1", "B2", "A1", "C1", "B3", "A2"]


def test_a_contest_defined_later_is_the_json_entry(data):
    log, _ = prefix(data, 9)
    typed = countroom.Count(log)
    wire = countroom.Count(log)
    line = typed.define_contest(
        "ro", "senedd-2026", "cwm-town", "Cwm Town", "principal_councillor", "wales", 2400,
        seats=[("casual", "2027-05-06")],
        candidates=[("T1", "JONES, Ann", "Plaid Cymru"), ("T2", "LEWIS, Bryn")])
    assert line == wire.append({"by": "ro", "event": {"contest_defined": {
        "contest": "cwm-town", "election": "senedd-2026", "title": "Election of Councillors",
        "area": "Cwm Town", "office": "principal_councillor", "country": "wales",
        "electorate": 2400, "vacancies": [{"kind": "casual", "term_ends": "2027-05-06"}],
        "candidates": [{"id": "T1", "name": "JONES, Ann", "description": "Plaid Cymru"},
                       {"id": "T2", "name": "LEWIS, Bryn"}]}}})
    # A date that is not YYYY-MM-DD, an unknown office; the same id again.
    with pytest.raises(countroom.InputError) as e:
        typed.define_contest("ro", "senedd-2026", "cwm-x", "X", "councillor", "wales", 1,
                             seats=[("casual", "6/5/2027")], candidates=[])
    assert sorted(p["code"] for p in e.value.problems) == ["bad_date", "unknown_code"]
    refused(typed, lambda c: c.define_contest(
        "ro", "senedd-2026", "cwm-town", "Cwm Town", "principal_councillor", "wales", 2400,
        seats=[("casual", "2027-05-06")], candidates=[("T1", "JONES, Ann")]))
    # The list contest's id: ids are unique among all contests.
    problems = refused(typed, lambda c: c.define_contest(
        "ro", "senedd-2026", "cwm-valleys", "Cwm", "principal_councillor", "wales", 2400,
        seats=[("casual", "2027-05-06")], candidates=[("T1", "JONES, Ann")]))
    assert [p["code"] for p in problems] == ["duplicate"]


def test_a_collated_contest_defined_later_is_the_json_entry(data):
    log, _ = prefix(data, 9)
    typed = countroom.Count(log)
    wire = countroom.Count(log)
    line = typed.define_contest(
        "ro", "senedd-2026", "dyfed-pcc", "Dyfed-Powys", "police_and_crime_commissioner", "wales",
        98000, seats=[("ordinary", "2030-05-13")],
        candidates=[("P1", "PRICE, Jo"), ("P2", "REES, Al")],
        counting_areas=["cwm-north", "cwm-south"])
    assert line == wire.append({"by": "ro", "event": {"contest_defined": {
        "contest": "dyfed-pcc", "election": "senedd-2026",
        "title": "Election of a Police and Crime Commissioner", "area": "Dyfed-Powys",
        "office": "police_and_crime_commissioner", "country": "wales", "electorate": 98000,
        "vacancies": [{"kind": "ordinary", "term_ends": "2030-05-13"}],
        "candidates": [{"id": "P1", "name": "PRICE, Jo"}, {"id": "P2", "name": "REES, Al"}],
        "counting_areas": ["cwm-north", "cwm-south"]}}})
    # An area not defined: refused by the count.
    refused(typed, lambda c: c.define_contest(
        "ro", "senedd-2026", "other-pcc", "X", "police_and_crime_commissioner", "wales", 1,
        seats=[("ordinary", "2030-05-13")], candidates=[("P1", "PRICE, Jo")],
        counting_areas=["cwm-east"]))


def test_a_list_areas_doubtful_papers_through_typed_calls():
    """A list area's doubtful papers, a paper saved, objections and an
    explanation (SSI 2015/425 Sch 2 r.58(1)-(4)), each addressed with
    ``counting_area``: North, run 1, a bundle A 10,000, B 6,000; N-D1
    allowed for C (r.58(2)(a)), N-D2 rejected under r.58(1)(d); one paper
    saved (outside the box); D's agent objects to N-D2's rejection. Valid
    16,001 (A 10,000, B 6,000, C 1), rejected 1 under (d): 16,002 counted."""
    count = scottish_region()
    count.area_bundle("ro-n", "r", "north", "N1", {"A": 10000, "B": 6000})
    line = count.set_aside("ro-n", "r", [("N-D1", "cross outside the box"), ("N-D2", None)],
                           counting_area="north")
    assert b'"papers_set_aside":{"contest":"r","run":1,"counting_area":"north"' in line
    line = count.decide_doubtful("ro-n", "r", "N-D1", "valid", ["C"], counting_area="north")
    assert b'"run":1,"counting_area":"north","paper":"N-D1"' in line
    count.decide_doubtful("ro-n", "r", "N-D2", "rejected", head="identifying_mark",
                          counting_area="north")
    count.saved("ro-n", "r", "outside_box", 1, counting_area="north")
    count.object_to_rejection("agent-d", "r", paper="N-D2", candidate="D", counting_area="north")
    count.complete_area("ro-n", "r", "north")
    line = count.explain("ro-n", "r", "two papers found after the count", counting_area="north")
    assert b'"explanation_recorded":{"contest":"r","run":1,"counting_area":"north"' in line
    k = count.documents()["list_contests"][0]["areas"][0]["count"]
    assert (k["valid"], k["votes"], k["papers_counted"]) == (16001, [10000, 6000, 1, 0], 16002)
    assert k["doubtful"][1]["decision"] == "rejected"
    assert k["objections"][0]["candidate"] == "D"
    assert count.documents_json() == countroom.replay_json(count.log)
    # An area not the contest's; no area at a list contest; a bad area id.
    refused(count, lambda c: c.set_aside("ro-n", "r", [("E-1", None)], counting_area="east"))
    refused(count, lambda c: c.set_aside("ro-n", "r", [("S-1", None)]))
    refused(count, lambda c: c.saved("ro-n", "r", "tick", 1, counting_area="no area"),
            countroom.InputError)


def test_a_list_areas_papers_held_in_memory(data):
    """North's list papers held in memory (issue 19), adjudicated under SSI
    2015/425 Sch 2 r.58 (options A, B, C, D as the list contest lists
    them): crosses for A, A, B, C, D (valid 5); unmarked, r.58(1)(e);
    crosses for A and B, r.58(1)(c). Then a tick for B (valid, saved
    under r.58(2)(b)) and a word against C (set aside, ``other_mark``).
    The same bytes as the JSON entry; the Senedd's closed lists (heads not
    read) refused by name."""
    count = scottish_region()
    wire = countroom.Count(count.log)
    line = count.batch("ro-n", "r", "N-M1", [[0], [0], [1], [2], [3], [], [0, 1]],
                       counting_area="north")
    assert b'"run":1,"counting_area":"north","batch":"N-M1"' in line
    assert b'"valid_papers":5' in line
    assert b'{"head":"too_many_votes","papers":1}' in line
    assert b'{"head":"unmarked_or_void","papers":1}' in line
    import json
    event = json.loads(line)["event"]
    assert line == wire.append({"by": "ro-n", "event": event})
    line = count.marked_batch("ro-n", "r", "N-M2", [
        {"marks": {1: "tick"}},
        {"reference": "N-D1", "marks": {2: "other"}},
    ], counting_area="north")
    assert b'"saved":[{"reason":"tick","papers":1}]' in line
    assert b'"set_aside":[{"paper":"N-D1","reason":"other_mark"}]' in line
    count.decide_doubtful("ro-n", "r", "N-D1", "valid", ["C"], counting_area="north")
    count.complete_area("ro-n", "r", "north")
    k = count.documents()["list_contests"][0]["areas"][0]["count"]
    assert (k["valid"], k["votes"], k["papers_counted"]) == (7, [2, 2, 2, 1], 9)
    assert count.documents_json() == countroom.replay_json(count.log)
    # No area; an area not the contest's; a mark for a fifth option.
    refused(scottish_region(), lambda c: c.batch("ro-n", "r", "B", [[0]]))
    refused(scottish_region(), lambda c: c.batch("ro-n", "r", "B", [[0]], counting_area="east"))
    refused(scottish_region(), lambda c: c.batch("ro-n", "r", "B", [[4]], counting_area="north"))
    # The Senedd's closed lists: heads not read (WSI 2025/864 Sch 5).
    log, _ = prefix(data, 9)
    problems = refused(countroom.Count(log), lambda c: c.batch(
        "dro", "cwm-valleys", "M1", [[0]], counting_area="cwm-south"))
    assert [p["code"] for p in problems] == ["list_heads_not_read"]
