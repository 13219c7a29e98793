//! The documents as one long CSV table: `contest,run,section,key,label,value`.

use countroom_count::{ContestReport, Report};

const HEADER: [&str; 6] = ["contest", "run", "section", "key", "label", "value"];

/// Every contest's documents as CSV rows under one header.
#[must_use]
pub fn report_csv(report: &Report) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for c in &report.contests {
        rows(c, &mut w);
    }
    for c in &report.list_contests {
        list_rows(c, &mut w);
    }
    w.into_inner().unwrap_or_default()
}

/// The verification statements only, as CSV rows.
#[must_use]
pub fn verification_csv(report: &Report) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    for c in &report.contests {
        verification_rows(c, &mut w);
        evidence_rows(&c.contest.id, c.evidence.as_ref(), &mut w);
    }
    for c in &report.list_contests {
        list_verification_rows(c, &mut w);
    }
    for b in &report.boxes {
        for p in &b.polls {
            let received = if b.received {
                "received"
            } else {
                "not received"
            };
            let _ = w.write_record([
                p.contest.as_str(),
                "",
                "box_progress",
                b.ballot_box.as_str(),
                received,
                p.status,
            ]);
        }
    }
    w.into_inner().unwrap_or_default()
}

/// `verify`'s rows of a list contest: whether its list papers are
/// verified in the log (the total where they are), then each counting
/// area's verified papers or why none, and its papers counted in the log.
fn list_verification_rows(r: &countroom_count::ListContestReport, w: &mut csv::Writer<Vec<u8>>) {
    let id = r.contest.as_str();
    let mut row = |key: &str, label: &str, value: String| {
        let _ = w.write_record([id, "", "list_verification", key, label, value.as_str()]);
    };
    match &r.verification {
        Some(v) => row(
            "total_verified",
            "list papers verified",
            v.total_verified.to_string(),
        ),
        None => row(
            "total_verified",
            "list papers verified",
            "none (the list papers are not verified in the log)".to_owned(),
        ),
    }
    for a in &r.areas {
        row(
            &a.counting_area,
            "verified",
            a.verified.map_or_else(
                || {
                    format!(
                        "none ({})",
                        a.verified_note.as_deref().unwrap_or("no verified figure")
                    )
                },
                |v| v.to_string(),
            ),
        );
        if let Some(k) = &a.count {
            row(
                &a.counting_area,
                "papers_counted",
                k.papers_counted.to_string(),
            );
        }
        if let Some(p) = a.papers_forward {
            row(&a.counting_area, "papers_forward", p.to_string());
        }
    }
    evidence_rows(id, r.evidence.as_ref(), w);
}

fn verification_rows(r: &ContestReport, w: &mut csv::Writer<Vec<u8>>) {
    let Some(v) = &r.verification else {
        return;
    };
    let id = r.contest.id.as_str();
    let mut row = |key: &str, label: &str, value: String| {
        let _ = w.write_record([id, "", "verification", key, label, value.as_str()]);
    };
    let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
    for b in &v.boxes {
        row(&b.ballot_box, "expected", opt(b.expected));
        row(&b.ballot_box, "verified", opt(b.verified));
        row(
            &b.ballot_box,
            "variance",
            b.variance.map(|x| x.to_string()).unwrap_or_default(),
        );
        row(&b.ballot_box, "status", b.status.to_owned());
    }
    row(
        "polling_station_papers",
        "polling station ballot papers verified",
        v.polling_station_papers.to_string(),
    );
    row(
        "postal_papers",
        "postal ballot papers verified",
        v.postal_papers.to_string(),
    );
    row(
        "total_verified",
        "total ballot papers verified",
        v.total_verified.to_string(),
    );
    for p in &v.problems {
        row("problem", "a figure that cannot be true", p.clone());
    }
    row("status", "verification", v.status.to_owned());
    for t in &v.tendered {
        row(&t.ballot_box, "tendered_account", opt(t.account));
        row(&t.ballot_box, "tendered_listed", opt(t.listed));
    }
}

/// The evidence of the log the documents were made from: one row each for
/// the format version, whether it is tamper-evident, the chain head, the
/// entries, and the countroom version; for the contest `id` (a list
/// contest's too).
fn evidence_rows(
    id: &str,
    evidence: Option<&countroom_count::Evidence>,
    w: &mut csv::Writer<Vec<u8>>,
) {
    let Some(e) = evidence else {
        return;
    };
    let mut row = |key: &str, label: &str, value: String| {
        let _ = w.write_record([id, "", "evidence", key, label, value.as_str()]);
    };
    row(
        "log_version",
        "count log format version",
        e.log_version.to_string(),
    );
    row(
        "tamper_evident",
        "the log's lines are hash-chained",
        e.tamper_evident.to_string(),
    );
    row(
        "chain_head",
        "SHA-256 of the log's last line",
        e.chain_head.clone(),
    );
    row("entries", "entries in the log", e.entries.to_string());
    if e.added > 0 {
        row(
            "added",
            "entries made from other files, replayed after the log's (not in it)",
            e.added.to_string(),
        );
    }
    if let Some(at) = e.upgraded_at {
        row(
            "upgraded_at",
            "upgraded from version 1 at entry",
            at.to_string(),
        );
    }
    row(
        "authority_checked_from",
        &e.authority_line(),
        e.authority_checked_from
            .map(|n| n.to_string())
            .unwrap_or_default(),
    );
    for c in &e.coverage {
        row("signed", &c.to_string(), format!("{}-{}", c.first, c.last));
    }
    row("countroom", "countroom version", e.countroom.to_owned());
}

/// One contest's documents as CSV.
#[must_use]
pub fn contest_csv(contest: &ContestReport) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    rows(contest, &mut w);
    w.into_inner().unwrap_or_default()
}

/// A candidate's name from its id; the id if unknown.
fn name_of<'a>(r: &'a ContestReport, id: &'a str) -> &'a str {
    r.candidates
        .iter()
        .find(|x| x.id == id)
        .map_or(id, |x| x.name.as_str())
}

fn rows(r: &ContestReport, w: &mut csv::Writer<Vec<u8>>) {
    verification_rows(r, w);
    evidence_rows(&r.contest.id, r.evidence.as_ref(), w);
    let id = r.contest.id.as_str();
    let run = r.run.map(|n| n.to_string()).unwrap_or_default();
    let mut row = |section: &str, key: &str, label: &str, value: String| {
        let _ = w.write_record([id, run.as_str(), section, key, label, value.as_str()]);
    };
    row(
        "status",
        "status",
        r.status.describe(),
        r.status.code().to_owned(),
    );
    for c in &r.candidates {
        let value = c.votes.map(|v| v.to_string()).unwrap_or_default();
        row("candidate", &c.id, &c.name, value);
    }
    for e in &r.elected {
        let value = e.votes.map(|v| v.to_string()).unwrap_or_default();
        let label = match (&e.term_ends, e.no_fixed_term) {
            (Some(t), _) => t.to_string(),
            (None, true) => "no fixed term".to_owned(),
            (None, false) => "term by lot".to_owned(),
        };
        row("elected", &e.id, &label, value);
    }
    if let Some(lot) = &r.lot_required {
        let purpose = match lot.stage {
            Some(stage) => format!("{} (stage {stage})", lot.purpose),
            None => lot.purpose.to_owned(),
        };
        row(
            "lot_required",
            &purpose,
            &lot.tied.join(" "),
            lot.places.to_string(),
        );
    }
    if let Some(m) = r.majority {
        row("majority", "majority", "first minus second", m.to_string());
    }
    if let Some(rej) = &r.rejected {
        for h in &rej.heads {
            row(
                "rejected",
                h.code,
                &if h.letter.is_empty() {
                    h.label.to_owned()
                } else {
                    format!("({}) {}", h.letter, h.label)
                },
                h.papers.to_string(),
            );
        }
        row("rejected", "total", "total rejected", rej.total.to_string());
        if let Some(p) = rej.rejected_in_part {
            row(
                "rejected",
                "rejected_in_part",
                "rejected in part",
                p.to_string(),
            );
        }
        row(
            "rejected",
            "rejection_objected",
            "rejections objected to",
            rej.rejection_objected.to_string(),
        );
        if let Some(sc) = rej.saving_clause.as_ref().filter(|sc| sc.total > 0) {
            for line in &sc.reasons {
                row(
                    "saving_clause",
                    line.code,
                    line.label,
                    line.papers.to_string(),
                );
            }
            row(
                "saving_clause",
                "total",
                "valid under the saving clause (counted as valid votes)",
                sc.total.to_string(),
            );
        }
        for (i, o) in rej.objections.iter().enumerate() {
            let mut label = format!("objected to by {}", o.by);
            if let Some(p) = &o.paper {
                label.push_str(&format!("; paper {p}"));
            }
            if let Some(h) = o.head {
                label.push_str(&format!("; head {h}"));
            }
            if let Some(b) = &o.batch {
                label.push_str(&format!("; batch {b}"));
            }
            if let Some(c) = &o.candidate {
                label.push_str(&format!("; for {c}"));
            }
            if let Some(r) = &o.reason {
                label.push_str(&format!("; {r}"));
            }
            row(
                "objection",
                &(i + 1).to_string(),
                &label,
                o.papers.to_string(),
            );
        }
        if let Some(u) = rej.unused_votes {
            row(
                "unused_votes",
                "unused_votes",
                "unused votes on valid papers (not rejections)",
                u.to_string(),
            );
        }
        let a = &rej.adjudication;
        if a.set_aside > 0 {
            for (key, label, n) in [
                ("set_aside", "doubtful papers set aside", a.set_aside),
                ("allowed", "allowed", a.allowed),
                ("rejected", "rejected", a.rejected),
                ("rejected_in_part", "rejected in part", a.rejected_in_part),
                ("undecided", "not yet decided", a.undecided),
            ] {
                row("doubtful", key, label, n.to_string());
            }
            for p in &a.papers {
                let value = match (p.decision, &p.head) {
                    ("rejected", Some(h)) => format!("rejected: {h}"),
                    (d, _) if p.votes.is_empty() => d.to_owned(),
                    (d, _) => format!("{d}: {}", p.votes.join("; ")),
                };
                let label = if p.rejection_objected {
                    "decision (rejection objected to)"
                } else {
                    "decision"
                };
                row("doubtful_paper", &p.paper, label, value);
            }
        }
    }
    if let Some(rec) = &r.reconciliation {
        let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
        row(
            "reconciliation",
            "papers_verified",
            "ballot papers verified",
            opt(rec.papers_verified),
        );
        row(
            "reconciliation",
            "valid_papers",
            "valid ballot papers",
            rec.valid_papers.to_string(),
        );
        row(
            "reconciliation",
            "rejected_papers",
            "rejected ballot papers",
            rec.rejected_papers.to_string(),
        );
        row(
            "reconciliation",
            "papers_counted",
            "ballot papers counted",
            rec.papers_counted.to_string(),
        );
        row(
            "reconciliation",
            "variance",
            "counted minus verified",
            rec.variance.map(|v| v.to_string()).unwrap_or_default(),
        );
        row(
            "reconciliation",
            "total_votes",
            "votes given",
            rec.total_votes.to_string(),
        );
        if let Some(u) = rec.unused_votes {
            row(
                "reconciliation",
                "unused_votes",
                "unused votes",
                u.to_string(),
            );
        }
    }
    if let Some(t) = &r.turnout {
        row(
            "turnout",
            "electorate",
            "electorate",
            t.electorate.to_string(),
        );
        row(
            "turnout",
            "ballot_box",
            t.rounding,
            t.ballot_box.clone().unwrap_or_default(),
        );
        row(
            "turnout",
            "valid_vote",
            t.rounding,
            t.valid_vote.clone().unwrap_or_default(),
        );
    }
    if let Some(sv) = &r.supplementary_vote {
        for (key, label, value) in [
            (
                "papers_counted",
                "ballot papers counted",
                sv.papers_counted.to_string(),
            ),
            (
                "rejected",
                "rejected at the first count",
                sv.rejected.to_string(),
            ),
            (
                "total_first_preferences",
                "valid first preferences",
                sv.total_first_preferences.to_string(),
            ),
            (
                "half",
                "more than this many first preferences elects at the first count",
                sv.half_of_first_preferences.clone(),
            ),
            ("decision", "first count decided", sv.first_count.to_owned()),
            ("remaining", "remaining candidates", sv.remaining.join(" ")),
            (
                "eliminated",
                "eliminated candidates",
                sv.eliminated.join(" "),
            ),
        ] {
            row("sv_first_count", key, label, value);
        }
        if let Some(sc) = &sv.second_count {
            for (id, votes) in &sc.votes {
                row(
                    "sv_second_count",
                    id,
                    "second preferences",
                    votes.to_string(),
                );
            }
            for (key, label, value) in [
                (
                    "to_examine",
                    "papers of eliminated candidates",
                    sc.to_examine.to_string(),
                ),
                (
                    "examined",
                    "papers examined",
                    sc.examined.map(|x| x.to_string()).unwrap_or_default(),
                ),
                (
                    "variance",
                    "examined minus to examine",
                    sc.variance.map(|x| x.to_string()).unwrap_or_default(),
                ),
                (
                    "rejected",
                    "rejected for the second count (unmarked or void as to second preference)",
                    sc.rejected.to_string(),
                ),
                (
                    "unmarked",
                    "unmarked as to second preference",
                    sc.unmarked.map(|x| x.to_string()).unwrap_or_default(),
                ),
                (
                    "void",
                    "void for uncertainty as to second preference",
                    sc.void.map(|x| x.to_string()).unwrap_or_default(),
                ),
                (
                    "for_eliminated",
                    "second preference for an eliminated candidate (not counted)",
                    sc.for_eliminated.map(|x| x.to_string()).unwrap_or_default(),
                ),
                (
                    "completed",
                    "second count completed",
                    sc.completed.to_string(),
                ),
            ] {
                row("sv_second_count", key, label, value);
            }
            for c in &r.candidates {
                if let Some(total) = c.total {
                    row("sv_total", &c.id, &c.name, total.to_string());
                }
            }
        }
        // The Mayor of London's first × second preference table (GLA
        // Elections Rules 2007 r.53(1)(c)(iii)): key `FIRST:SECOND`, with
        // `none` and `void` for the papers with no or a void second
        // preference.
        if let Some(t) = &sv.preference_table {
            for row_ in &t.rows {
                let first = name_of(r, &row_.first);
                for (id, n) in t.candidates.iter().zip(&row_.second) {
                    row(
                        "sv_preferences",
                        &format!("{}:{id}", row_.first),
                        &format!(
                            "first preference {first}, second preference {}",
                            name_of(r, id)
                        ),
                        n.to_string(),
                    );
                }
                for (key, what, n) in [
                    ("none", "no second preference", row_.none),
                    ("void", "second preference void for uncertainty", row_.void),
                ] {
                    row(
                        "sv_preferences",
                        &format!("{}:{key}", row_.first),
                        &format!("first preference {first}, {what}"),
                        n.to_string(),
                    );
                }
            }
        }
    }
    if let Some(col) = &r.collation {
        for a in &col.areas {
            let votes: Vec<String> = a.votes.iter().map(u64::to_string).collect();
            let opt = |v: Option<u64>| v.map(|n| n.to_string()).unwrap_or_default();
            for (key, value) in [
                ("status", a.status.to_owned()),
                ("recounts", a.recounts.to_string()),
                ("papers_forward", opt(a.papers_forward)),
                ("votes", votes.join(" ")),
                ("rejected", opt(a.rejected)),
                (
                    "counted_less_forward",
                    a.counted_less_forward
                        .map(|v| v.to_string())
                        .unwrap_or_default(),
                ),
                ("turnout", a.turnout.clone().unwrap_or_default()),
            ] {
                row("collation_area", &a.id, key, value);
            }
            if let Some(sv) = &a.second_votes {
                let second: Vec<String> = sv.iter().map(u64::to_string).collect();
                row("collation_area", &a.id, "second_votes", second.join(" "));
                row(
                    "collation_area",
                    &a.id,
                    "second_rejected",
                    opt(a.second_rejected),
                );
            }
        }
        for g in &col.regions {
            let votes: Vec<String> = g.votes.iter().map(u64::to_string).collect();
            row("collation_region", &g.id, "votes", votes.join(" "));
            row(
                "collation_region",
                &g.id,
                "rejected",
                g.rejected.to_string(),
            );
            row(
                "collation_region",
                &g.id,
                "papers_forward",
                g.papers_forward.to_string(),
            );
            row(
                "collation_region",
                &g.id,
                "turnout",
                g.turnout.clone().unwrap_or_default(),
            );
        }
    }
    if let Some(rf) = &r.referendum {
        let value = rf
            .answer
            .clone()
            .unwrap_or_else(|| format!("tie: {}", rf.tie.join(" ")));
        row("referendum", "result", &rf.statement, value);
        if let Some(p) = &rf.proposal {
            row(
                "referendum",
                "voting",
                "those voting (Yes + No)",
                p.voting.map(|v| v.to_string()).unwrap_or_default(),
            );
            row(
                "referendum",
                "in_favour",
                p.citation,
                if p.in_favour { "true" } else { "false" }.to_owned(),
            );
        }
        if let Some(cb) = &rf.combined {
            row("referendum", "combined", cb.statement, cb.result.to_owned());
            if let Some(d) = &cb.decision {
                row(
                    "referendum",
                    "planning_decision",
                    &d.statement,
                    d.decision.to_owned(),
                );
            }
        }
    }
    if let Some(d) = &r.deposits {
        for (id, forfeited) in &d.candidates {
            let value = if *forfeited { "forfeited" } else { "returned" };
            row("deposit", id, &d.rule, value.to_owned());
        }
    }
    for lot in &r.lots {
        row("lot", lot.purpose, &lot.statement, lot.winners.join(" "));
    }
}

/// One list contest's documents as CSV rows under the header.
#[must_use]
pub fn list_contest_csv(contest: &countroom_count::ListContestReport) -> Vec<u8> {
    let mut w = csv::Writer::from_writer(Vec::new());
    let _ = w.write_record(HEADER);
    list_rows(contest, &mut w);
    w.into_inner().unwrap_or_default()
}

/// A list contest's rows: `run` is empty (a list contest has no runs);
/// sections `status`, `area`, `option`, `constituency_return`, `round`
/// (key the seat, label the party or individual candidate, value the
/// figure to two places; then `round_exact`, `round_divisor` and
/// `round_member`), `next`, `member`, `lot`, `recalculation`, `declared`,
/// `vacancy`.
fn list_rows(r: &countroom_count::ListContestReport, w: &mut csv::Writer<Vec<u8>>) {
    // The log's evidence, as for any contest (README: every CSV document
    // states it).
    evidence_rows(&r.contest, r.evidence.as_ref(), w);
    let id = r.contest.as_str();
    let mut row = |section: &str, key: &str, label: &str, value: String| {
        let _ = w.write_record([id, "", section, key, label, value.as_str()]);
    };
    row("status", "status", &r.status_text, r.status.to_owned());
    row("ruleset", r.ruleset, r.ruleset_name, r.method.to_owned());
    row("seats", "seats", "seats to fill", r.seats.to_string());
    for a in &r.areas {
        row("area", &a.counting_area, &a.name, a.status.to_owned());
        if let Some(p) = a.papers_forward {
            row(
                "area_papers_forward",
                &a.counting_area,
                &a.name,
                p.to_string(),
            );
        }
        if let Some(x) = a.rejected {
            row("area_rejected", &a.counting_area, &a.name, x.to_string());
        }
        // An area whose list papers are counted in the log.
        if let Some(k) = &a.count {
            row(
                "area_count_source",
                &a.counting_area,
                &a.name,
                k.source.to_owned(),
            );
            row(
                "area_count_run",
                &a.counting_area,
                &a.name,
                k.run.to_string(),
            );
            row(
                "area_papers_counted",
                &a.counting_area,
                &a.name,
                k.papers_counted.to_string(),
            );
            for h in &k.rejected {
                row(
                    "area_count_rejected",
                    &a.counting_area,
                    h.code,
                    h.papers.to_string(),
                );
            }
            if let Some(v) = k.verified {
                row("area_verified", &a.counting_area, &a.name, v.to_string());
            }
            if let Some(v) = k.variance {
                row("area_variance", &a.counting_area, &a.name, v.to_string());
            }
            for x in &k.saved {
                row("area_saved", &a.counting_area, x.code, x.papers.to_string());
            }
            for d in &k.doubtful {
                row(
                    "area_doubtful",
                    &a.counting_area,
                    &d.paper,
                    match (&d.head, d.decision) {
                        (Some(h), _) => format!("rejected: {h}"),
                        (None, "valid") => format!("valid: {}", d.votes.join(", ")),
                        (None, other) => other.to_owned(),
                    },
                );
            }
            for o in &k.objections {
                row(
                    "area_objection",
                    &a.counting_area,
                    &o.by,
                    match &o.paper {
                        Some(p) => format!("paper {p}"),
                        None => format!("{} {}", o.papers, o.head.unwrap_or("")),
                    },
                );
            }
            for x in &k.explanations {
                row("area_explanation", &a.counting_area, &x.by, x.text.clone());
            }
        }
    }
    for o in &r.options {
        row("option", &o.id, &o.name, o.votes.to_string());
        if r.method == "ams" {
            row(
                "option_constituency_seats",
                &o.id,
                &o.name,
                o.constituency_seats.to_string(),
            );
        }
        row(
            "option_list_seats",
            &o.id,
            &o.name,
            o.list_seats.to_string(),
        );
        if let Some(d) = o.disregarded {
            row("option_disregarded", &o.id, &o.name, d.to_owned());
        }
    }
    if let Some(t) = r.total_votes {
        row("total", "votes", "list votes in all", t.to_string());
    }
    row(
        "total",
        "rejected",
        "rejected ballot papers",
        r.rejected.to_string(),
    );
    for c in &r.constituency_returns {
        row(
            "constituency_return",
            &c.constituency,
            &c.member,
            c.party.clone().unwrap_or_default(),
        );
    }
    for x in &r.rounds {
        let seat = x.seat.to_string();
        row(
            "round",
            &seat,
            &x.option,
            x.figure.clone().unwrap_or_default(),
        );
        row("round_exact", &seat, &x.option, x.figure_exact.clone());
        row("round_divisor", &seat, &x.option, x.divisor.to_string());
        row("round_tie", &seat, &x.option, x.tie.to_owned());
        if let Some(m) = &x.member {
            row("round_member", &seat, &x.option, m.clone());
        }
    }
    if let Some(n) = &r.next {
        row(
            "next",
            &n.option,
            &n.name,
            n.figure.clone().unwrap_or_default(),
        );
        row("next_exact", &n.option, &n.name, n.figure_exact.clone());
    }
    for m in &r.members {
        row("member", &m.seat.to_string(), &m.option, m.name.clone());
    }
    for l in &r.lots {
        row(
            "lot",
            &l.round.to_string(),
            &l.tied.join(" "),
            l.winner.clone(),
        );
    }
    for c in &r.recalculations {
        row(
            "recalculation",
            &c.requested_by,
            c.party.as_deref().unwrap_or(""),
            c.outcome.clone().unwrap_or_else(|| "pending".to_owned()),
        );
    }
    if let Some(d) = &r.declaration {
        row(
            "declared",
            &d.by,
            d.officer.as_deref().unwrap_or(""),
            d.at.as_deref().unwrap_or_default().to_owned(),
        );
    }
    for v in &r.vacancies {
        row(
            "vacancy",
            &v.vacating,
            &v.party,
            v.filled_by.clone().unwrap_or_default(),
        );
        row(
            "vacancy_at",
            &v.vacating,
            &v.party,
            v.at.as_deref().unwrap_or_default().to_owned(),
        );
    }
    // The members sitting after the later vacancies (the `member` rows are
    // those returned at the declaration).
    for m in &r.sitting {
        row("sitting", &m.seat.to_string(), &m.option, m.name.clone());
    }
}
