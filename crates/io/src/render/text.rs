//! Plain-text documents: what is read out at the count and posted.

use std::fmt::Write as _;

use countroom_count::{ContestReport, Report, Status};

use super::{thousands, thousands_signed};

/// Every contest's documents, separated by a rule.
#[must_use]
pub fn report_text(report: &Report) -> Vec<u8> {
    let parts: Vec<String> = report
        .contests
        .iter()
        .map(render)
        .chain(report.list_contests.iter().map(list_contest_text))
        .collect();
    let mut out = parts.join(&format!("\n{}\n\n", "=".repeat(78)));
    if out.is_empty() {
        out.push_str("(no contests defined)\n");
    }
    out.into_bytes()
}

/// One contest's documents.
#[must_use]
pub fn contest_text(contest: &ContestReport) -> Vec<u8> {
    render(contest).into_bytes()
}

/// The verification statements and the box-by-box progress view only
/// (`countroom verify`).
#[must_use]
pub fn verification_text(report: &Report) -> Vec<u8> {
    let mut s = String::new();
    for r in &report.contests {
        let c = &r.contest;
        let _ = writeln!(s, "{} for {}", c.title, c.area);
        let _ = writeln!(s, "Poll held on {}", c.poll_day);
        let _ = writeln!(s);
        match &r.verification {
            Some(v) => verification(&mut s, v, r.evidence.as_ref()),
            None => {
                let _ = writeln!(s, "(no verification recorded in the log for this poll)");
            }
        }
        let _ = writeln!(s, "\n{}\n", "=".repeat(78));
    }
    for r in &report.list_contests {
        list_verification_text(&mut s, r);
        let _ = writeln!(s, "\n{}\n", "=".repeat(78));
    }
    progress(&mut s, report);
    if let Some(e) = &report.evidence {
        evidence_text(&mut s, e);
    }
    s.into_bytes()
}

/// What `verify` says of a list contest: the list papers' verification
/// statement where the log verifies them box by box, else that it does
/// not; then each counting area's verified figure or why it has none (as
/// `count` says it), and its papers counted where the log counts them.
fn list_verification_text(s: &mut String, r: &countroom_count::ListContestReport) {
    let ev = r.evidence.as_ref();
    let _ = writeln!(s, "{}: {}", r.title, r.area);
    let _ = writeln!(s, "Poll held on {}", r.poll_date);
    let _ = writeln!(s);
    match &r.verification {
        Some(v) => verification(s, v, ev),
        None => {
            let _ = writeln!(
                s,
                "List papers verified: none (the list papers are not verified in the log)"
            );
        }
    }
    let _ = writeln!(s, "LIST PAPERS BY COUNTING AREA");
    for a in &r.areas {
        let verified = match (a.verified, &a.verified_note) {
            (Some(v), _) => format!("verified {}", thousands(v)),
            (None, Some(why)) => format!("verified: none ({why})"),
            (None, None) => "verified: none".to_owned(),
        };
        let counted = match &a.count {
            Some(k) => format!(
                "; papers counted in the log {} (run {}, {}){}",
                thousands(k.papers_counted),
                k.run,
                if k.completed { "completed" } else { "counting" },
                k.variance
                    .map(|d| format!(", counted − verified {}", thousands_signed(d)))
                    .unwrap_or_default()
            ),
            None => match a.papers_forward {
                Some(p) => format!(
                    "; local total reported: papers going forward {} (not counted in the log)",
                    thousands(p)
                ),
                None => "; no local total yet".to_owned(),
            },
        };
        let _ = writeln!(s, "  {}: {verified}{counted}", a.name);
    }
}

fn progress(s: &mut String, report: &Report) {
    if report.boxes.is_empty() {
        return;
    }
    let _ = writeln!(s, "BALLOT BOXES: PROGRESS");
    for b in &report.boxes {
        let polls: Vec<String> = b
            .polls
            .iter()
            .map(|p| {
                format!(
                    "{}: {}{}",
                    p.contest,
                    p.status.replace('_', " "),
                    p.verified
                        .map(|v| format!(" ({})", thousands(v)))
                        .unwrap_or_default()
                )
            })
            .collect();
        let _ = writeln!(
            s,
            "  {:<10} {:<15} {:<12} {}",
            b.ballot_box,
            b.polling_station.as_deref().unwrap_or("postal"),
            if b.received {
                if b.seals.is_empty() {
                    "received".to_owned()
                } else {
                    format!("seals {}", b.seals.join("/"))
                }
            } else {
                "not received".to_owned()
            },
            polls.join("; ")
        );
    }
}

/// Who recorded an entry, as the documents name them: in a log with
/// appointments, the person's name and office ("Jane Marsh, Returning
/// Officer"); otherwise `by` as recorded.
fn who(evidence: Option<&countroom_count::Evidence>, by: &str) -> String {
    evidence
        .and_then(|e| e.offices.iter().rev().find(|o| o.person == by))
        .map_or_else(|| by.to_owned(), |o| format!("{}, {}", o.name, o.office))
}

fn verification(
    s: &mut String,
    v: &countroom_verify::VerificationStatement,
    evidence: Option<&countroom_count::Evidence>,
) {
    let _ = writeln!(
        s,
        "STATEMENT AS TO THE RESULT OF THE VERIFICATION OF BALLOT PAPER ACCOUNTS ({})",
        match &v.completed_by {
            Some(by) => format!("completed by {}", who(evidence, by)),
            None => format!(
                "in progress: {} of {} boxes accepted",
                thousands(v.boxes_accepted),
                thousands(v.boxes.len())
            ),
        }
    );
    let _ = writeln!(
        s,
        "  {:<10} {:<14} {:>8}  {:<16} {:>5} {:>9} {:>8}  Status",
        "Box", "Place", "Expected", "Counts", "Moved", "Verified", "Variance"
    );
    for b in &v.boxes {
        let counts: Vec<String> = b.counts.iter().map(|&n| thousands(n)).collect();
        let moved = i128::from(b.moved_in) - i128::from(b.moved_out);
        let _ = writeln!(
            s,
            "  {:<10} {:<14} {:>8}  {:<16} {:>5} {:>9} {:>8}  {}",
            b.ballot_box,
            b.polling_place.as_deref().unwrap_or("postal"),
            opt(b.expected),
            counts.join(", "),
            if moved == 0 {
                String::new()
            } else {
                thousands_signed(moved)
            },
            opt(b.verified),
            b.variance.map_or_else(|| "-".to_owned(), thousands_signed),
            b.status_text
        );
        for m in &b.moves {
            let _ = writeln!(s, "      moved: {m}");
        }
        for e in &b.explanations {
            let _ = writeln!(s, "      explanation: {e}");
        }
        if b.account_balances == Some(false) {
            let _ = writeln!(
                s,
                "      the ballot paper account does not balance: {} entrusted ({})",
                opt(b.entrusted),
                b.serials.join(", ")
            );
        }
        if b.account_corrected {
            let _ = writeln!(s, "      the ballot paper account was corrected");
        }
    }
    let _ = writeln!(
        s,
        "  {:<40}{:>12}",
        "Polling station ballot papers verified",
        thousands(v.polling_station_papers)
    );
    let _ = writeln!(
        s,
        "  {:<40}{:>12}",
        "Postal ballot papers verified",
        thousands(v.postal_papers)
    );
    let _ = writeln!(
        s,
        "  {:<40}{:>12}",
        "Total ballot papers verified",
        thousands(v.total_verified)
    );
    for p in &v.problems {
        let _ = writeln!(s, "    PROBLEM: {p}");
    }
    let r = &v.postal.rejected_statements;
    if !v.postal.openings.is_empty() {
        let _ = writeln!(
            s,
            "  Postal openings {}: statements rejected: signature mismatch {}, date of birth mismatch {}, signature blank {}, date of birth blank {}; papers without a statement {}; statements without a paper {}",
            v.postal.openings.join(", "),
            thousands(r.signature_mismatch),
            thousands(r.date_of_birth_mismatch),
            thousands(r.signature_blank),
            thousands(r.date_of_birth_blank),
            thousands(r.paper_without_statement),
            thousands(r.statement_without_paper)
        );
    }
    if !v.tendered.is_empty() {
        let _ = writeln!(
            s,
            "\nTENDERED PAPERS STATEMENT (tendered papers are never counted)"
        );
        let _ = writeln!(
            s,
            "  {:<10} {:>8} {:>14} {:>11}",
            "Box", "Account", "Tendered list", "Difference"
        );
        for t in &v.tendered {
            let _ = writeln!(
                s,
                "  {:<10} {:>8} {:>14} {:>11}",
                t.ballot_box,
                opt(t.account),
                opt(t.listed),
                t.difference.map_or_else(|| "-".to_owned(), thousands)
            );
        }
    }
}

/// A candidate's (or answer's) name from its id; the id if unknown.
fn name_of<'a>(r: &'a ContestReport, id: &'a str) -> &'a str {
    r.candidates
        .iter()
        .find(|x| x.id == id)
        .map_or(id, |x| x.name.as_str())
}

fn upper_first(s: &str) -> String {
    let mut chars = s.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

fn opt(n: Option<u64>) -> String {
    n.map_or_else(|| "-".to_owned(), thousands)
}

/// The first count (first preferences) and, when there is one, the second
/// count: the statement of LAMR 2007 r.51 and PCCEO 2012 r.62(2).
fn sv_text(
    s: &mut String,
    r: &ContestReport,
    sv: &countroom_count::SvStatement,
    name_w: usize,
    desc_w: usize,
) {
    let second = sv.second_count.as_ref();
    let _ = writeln!(s, "FIRST COUNT (first preference votes)");
    let _ = write!(
        s,
        "  {:<name_w$}  {:<desc_w$}  {:>9}",
        "Candidate", "Description", "First"
    );
    if second.is_some() {
        let _ = write!(s, "  {:>9}  {:>9}", "Second", "Total");
    }
    let _ = writeln!(s);
    for cand in &r.candidates {
        let _ = write!(
            s,
            "  {:<name_w$}  {:<desc_w$}  {:>9}",
            cand.name,
            cand.description.as_deref().unwrap_or(""),
            opt(cand.votes)
        );
        if second.is_some() {
            match (cand.second_preferences, cand.total) {
                (Some(sp), Some(t)) => {
                    let _ = write!(s, "  {:>9}  {:>9}", thousands(sp), thousands(t));
                }
                _ if sv.eliminated.contains(&cand.id) => {
                    let _ = write!(s, "  {:>9}  {:>9}", "elim.", "-");
                }
                _ => {
                    let _ = write!(s, "  {:>9}  {:>9}", "-", "-");
                }
            }
        }
        let _ = writeln!(s, "{}", if cand.elected { "  Elected" } else { "" });
    }
    let _ = writeln!(
        s,
        "  Ballot papers counted {}; rejected {}; valid first preferences {} (more than {} needed to be elected at the first count).",
        thousands(sv.papers_counted),
        thousands(sv.rejected),
        thousands(sv.total_first_preferences),
        sv.half_of_first_preferences
    );
    let names = |ids: &[String]| -> String {
        ids.iter()
            .map(|id| name_of(r, id))
            .collect::<Vec<_>>()
            .join("; ")
    };
    match sv.first_count {
        "second_count" => {
            let _ = writeln!(
                s,
                "  No candidate received more than half of the first preference votes.\n  Remaining in the contest: {}. Eliminated: {}.",
                names(&sv.remaining),
                names(&sv.eliminated)
            );
        }
        "elected" => {
            let _ = writeln!(
                s,
                "  Elected at the first count: no second preferences are counted."
            );
        }
        _ => {}
    }
    if let Some(sc) = second {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "SECOND COUNT (second preferences on the eliminated candidates' papers){}",
            if sc.completed { "" } else { " - IN PROGRESS" }
        );
        let _ = writeln!(
            s,
            "  {:<66}{:>10}",
            "Papers of eliminated candidates",
            thousands(sc.to_examine)
        );
        if let Some(n) = sc.examined {
            let _ = writeln!(s, "  {:<66}{:>10}", "Papers examined", thousands(n));
        }
        if let Some(v) = sc.variance.filter(|&v| v != 0) {
            let _ = writeln!(
                s,
                "  {:<66}{:>10}",
                "Variance (examined - to examine)",
                thousands_signed(v)
            );
        }
        for (id, votes) in &sc.votes {
            let name = name_of(r, id);
            let _ = writeln!(
                s,
                "  {:<66}{:>10}",
                format!("Second preferences for {name}"),
                thousands(*votes)
            );
        }
        let _ = writeln!(
            s,
            "  {:<66}{:>10}",
            "Rejected: unmarked or void as to second preference",
            thousands(sc.rejected)
        );
        for (label, n) in [
            ("  of which unmarked", sc.unmarked),
            ("  of which void for uncertainty", sc.void),
            (
                "Second preference for an eliminated candidate (not counted)",
                sc.for_eliminated,
            ),
        ] {
            if let Some(n) = n {
                let _ = writeln!(s, "  {label:<66}{:>10}", thousands(n));
            }
        }
    }
    if let Some(t) = &sv.preference_table {
        preference_table_text(s, r, t);
    }
}

/// The first × second preference table (GLA Elections Rules 2007
/// r.53(1)(c)(iii)): a row per first preference, a column per second
/// preference numbered by ballot position, then none, void and the row's
/// total; the candidates' names under it.
fn preference_table_text(s: &mut String, r: &ContestReport, t: &countroom_count::PreferenceTable) {
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "FIRST AND SECOND PREFERENCES CORRELATED ({})",
        t.citation
    );
    let w = t
        .rows
        .iter()
        .map(|row| thousands(row.first_preferences).len())
        .max()
        .unwrap_or(0)
        .max(7);
    let _ = write!(s, "  {:<14}", "First \\ second");
    for i in 1..=t.candidates.len() {
        let _ = write!(s, " {:>w$}", format!("({i})"));
    }
    let _ = writeln!(s, " {:>w$} {:>w$} {:>w$}", "None", "Void", "Total");
    let line = |s: &mut String, label: String, cells: &[u64], none: u64, void: u64, total: u64| {
        let _ = write!(s, "  {label:<14}");
        for v in cells {
            let _ = write!(s, " {:>w$}", thousands(*v));
        }
        let _ = writeln!(
            s,
            " {:>w$} {:>w$} {:>w$}",
            thousands(none),
            thousands(void),
            thousands(total)
        );
    };
    for (i, row) in t.rows.iter().enumerate() {
        line(
            s,
            format!("({})", i + 1),
            &row.second,
            row.none,
            row.void,
            row.first_preferences,
        );
    }
    line(
        s,
        "Total".to_owned(),
        &t.second_totals,
        t.none_total,
        t.void_total,
        t.total,
    );
    for (i, id) in t.candidates.iter().enumerate() {
        let _ = writeln!(s, "  ({}) {}", i + 1, name_of(r, id));
    }
    let _ = writeln!(
        s,
        "  A paper with the same candidate as first and second preference (the diagonal) counts as that candidate's first preference only (GLA Act 1999 Sch 2 para 4(5))."
    );
}

/// The collating officer's table of local totals: each area's status,
/// papers going forward, votes, rejected papers and variance, then the
/// regions.
fn collation_text(s: &mut String, r: &ContestReport, col: &countroom_count::CollationStatement) {
    let _ = writeln!(
        s,
        "COLLATION OF LOCAL TOTALS ({} of {} counting areas authorised)",
        col.areas
            .iter()
            .filter(|a| a.status == "authorised")
            .count(),
        col.areas_in_poll
    );
    let short: Vec<String> = r
        .candidates
        .iter()
        .map(|c| {
            let surname = c.name.split(',').next().unwrap_or(&c.name);
            surname.chars().take(9).collect()
        })
        .collect();
    let name_w = col
        .areas
        .iter()
        .map(|a| a.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(4);
    let _ = write!(
        s,
        "  {:<name_w$}  {:<10}  {:>10}",
        "Area", "Status", "Forward"
    );
    for h in &short {
        let _ = write!(s, "  {h:>9}");
    }
    let _ = writeln!(s, "  {:>8}  {:>8}", "Rejected", "Variance");
    for a in &col.areas {
        let status = if a.recounts > 0 && a.status == "awaiting" {
            "re-count".to_owned()
        } else {
            a.status.to_owned()
        };
        let _ = write!(
            s,
            "  {:<name_w$}  {:<10}  {:>10}",
            a.name,
            status,
            opt(a.papers_forward)
        );
        for i in 0..short.len() {
            let v = a.votes.get(i).copied();
            let _ = write!(s, "  {:>9}", opt(v));
        }
        let variance = a
            .counted_less_forward
            .map_or_else(|| "-".to_owned(), thousands_signed);
        let _ = writeln!(s, "  {:>8}  {:>8}", opt(a.rejected), variance);
        if let Some(e) = &a.explanation {
            let _ = writeln!(s, "    Explanation: {e}");
        }
        if a.needs_explanation {
            let _ = writeln!(
                s,
                "    A variance awaits the area's explanation before the total can be authorised."
            );
        }
        if a.recounts > 0 {
            let _ = writeln!(
                s,
                "    Re-counts ordered by the collating officer: {}",
                thousands(a.recounts)
            );
        }
        if let Some(sv) = &a.second_votes {
            let second: Vec<String> = sv
                .iter()
                .zip(&short)
                .filter(|(&v, _)| v > 0)
                .map(|(&v, n)| format!("{n} {}", thousands(v)))
                .collect();
            let _ = writeln!(
                s,
                "    Second count: {}; rejected {}",
                second.join(", "),
                opt(a.second_rejected)
            );
        }
    }
    if !col.regions.is_empty() {
        let _ = writeln!(s);
        let _ = write!(
            s,
            "  {:<name_w$}  {:<10}  {:>10}",
            "Region", "Areas", "Forward"
        );
        for h in &short {
            let _ = write!(s, "  {h:>9}");
        }
        let _ = writeln!(s, "  {:>8}  {:>8}", "Rejected", "Turnout");
        for g in &col.regions {
            let _ = write!(
                s,
                "  {:<name_w$}  {:<10}  {:>10}",
                g.name,
                g.areas,
                thousands(g.papers_forward)
            );
            for v in &g.votes {
                let _ = write!(s, "  {:>9}", thousands(*v));
            }
            let _ = writeln!(
                s,
                "  {:>8}  {:>8}",
                thousands(g.rejected),
                g.turnout.as_deref().unwrap_or("-")
            );
        }
    }
    if let Some(d) = &col.second_count_directed {
        let names: Vec<&str> = d.iter().map(|id| name_of(r, id)).collect();
        let _ = writeln!(
            s,
            "  Every area was directed to count second preferences for: {}.",
            names.join("; ")
        );
    }
}

/// Papers valid under the saving clause, by reason, when there are any.
fn saving_clause_text(s: &mut String, rej: &countroom_count::RejectedStatement) {
    let Some(sc) = rej.saving_clause.as_ref().filter(|sc| sc.total > 0) else {
        return;
    };
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "PAPERS VALID UNDER THE SAVING CLAUSE (not rejected: counted as valid votes)"
    );
    let _ = writeln!(s, "  ({})", sc.citation);
    for line in sc.reasons.iter().filter(|l| l.papers > 0) {
        let _ = writeln!(s, "  {:<66}{:>10}", line.label, thousands(line.papers));
    }
    let _ = writeln!(s, "  {:<66}{:>10}", "Total", thousands(sc.total));
}

/// The objections to rejections, one line each.
fn objections_text(
    s: &mut String,
    rej: &countroom_count::RejectedStatement,
    evidence: Option<&countroom_count::Evidence>,
) {
    if rej.objections.is_empty() {
        return;
    }
    let _ = writeln!(s);
    let _ = writeln!(s, "REJECTIONS OBJECTED TO");
    for o in &rej.objections {
        let what = match (&o.paper, &o.head_label) {
            (Some(p), Some(h)) => format!("paper {p}, rejected under {h}"),
            (Some(p), None) => format!("paper {p}, rejected in part"),
            (None, h) => format!(
                "{} {} rejected under {}{}",
                thousands(o.papers),
                if o.papers == 1 { "paper" } else { "papers" },
                h.as_deref().unwrap_or("?"),
                o.batch
                    .as_ref()
                    .map(|b| format!(" in batch {b}"))
                    .unwrap_or_default()
            ),
        };
        let mut line = format!("  {what}: objected to by {}", who(evidence, &o.by));
        if let Some(c) = &o.candidate {
            line.push_str(&format!(" for {c}"));
        }
        if let Some(r) = &o.reason {
            line.push_str(&format!("; {r}"));
        }
        let _ = writeln!(s, "{line}");
    }
}

fn render(r: &ContestReport) -> String {
    let mut s = String::new();
    let c = &r.contest;
    let line = "-".repeat(78);
    if !c.election_name.is_empty() {
        let _ = writeln!(s, "{}", c.election_name.to_uppercase());
    }
    let _ = writeln!(s, "{} for {}", c.title, c.area);
    let _ = writeln!(s, "Poll held on {}", c.poll_day);
    let _ = writeln!(s, "Rules: {}", c.instrument);
    let _ = writeln!(s);

    if let Some(v) = &r.verification {
        verification(&mut s, v, r.evidence.as_ref());
        let _ = writeln!(s);
    }
    if let Some(col) = &r.collation {
        collation_text(&mut s, r, col);
        let _ = writeln!(s);
    }
    let heading = match r.status {
        Status::Declared => "DECLARATION OF RESULT OF POLL".to_owned(),
        Status::UncontestedDeclared => "DECLARATION OF RESULT: UNCONTESTED ELECTION".to_owned(),
        Status::Uncontested => "NOTICE OF UNCONTESTED ELECTION: NOT YET DECLARED".to_owned(),
        _ => format!(
            "PROVISIONAL RESULT SHEET (run {}; {}) - NOT A DECLARATION",
            r.run.unwrap_or(0),
            r.status.describe()
        ),
    };
    let _ = writeln!(s, "{heading}");
    let _ = writeln!(s, "{line}");
    if matches!(r.status, Status::Uncontested | Status::UncontestedDeclared) {
        let _ = writeln!(
            s,
            "The number of candidates standing did not exceed the number of seats ({}); no poll was taken.",
            thousands(c.seats)
        );
        if r.status == Status::Uncontested {
            let _ = writeln!(
                s,
                "The returning officer's declaration is not yet recorded in the count log."
            );
        }
    } else if r.status == Status::Declared
        && c.counting_officer.is_some()
        && c.method == "referendum"
    {
        // A local poll on a question: the counting officer of a local
        // referendum, the returning officer of a parish poll.
        let (officer, poll) = if c.office == "parish_poll_question" {
            ("Returning Officer", "poll")
        } else {
            ("Counting Officer", "referendum")
        };
        let _ = writeln!(
            s,
            "I, the {officer} at the above {poll}, give notice that the number of votes cast for each answer to the question is as follows:"
        );
    } else if r.status == Status::Declared {
        let officer = r.declaring_office();
        let _ = writeln!(
            s,
            "I, the {officer} at the above election, give notice that the number of votes recorded for each candidate is as follows:"
        );
    }
    if c.by_election {
        let n = c.vacancies.len();
        let _ = writeln!(
            s,
            "By-election to fill {} casual vacanc{}: each person elected holds office for the rest of the term of the seat vacated{} (Local Government Act 1972 s.89{}).",
            thousands(n),
            if n == 1 { "y" } else { "ies" },
            if n > 1 { "; the most votes takes the longest term" } else { "" },
            if n > 1 { "(4)" } else { "" }
        );
    }
    if let Some(q) = &c.question {
        let _ = writeln!(s, "Question: {q}");
    }
    if let Some(officer) = &c.counting_officer {
        let _ = writeln!(s, "Counted by {} ({}).", officer.text, officer.citation);
    }
    let _ = writeln!(s);
    let name_w = r
        .candidates
        .iter()
        .map(|x| x.name.chars().count())
        .max()
        .unwrap_or(4)
        .max(9);
    let desc_w = r
        .candidates
        .iter()
        .map(|x| x.description.as_deref().unwrap_or("").chars().count())
        .max()
        .unwrap_or(0)
        .max(11);
    if let Some(sv) = &r.supplementary_vote {
        sv_text(&mut s, r, sv, name_w, desc_w);
    } else {
        let (who, what) = if r.referendum.is_some() || c.method == "referendum" {
            ("Answer", "")
        } else {
            ("Candidate", "Description")
        };
        // At an STV poll the figure is the first preferences (the stage
        // sheet has the rest).
        let label = if c.method == "single_transferable_vote" {
            "First preferences"
        } else {
            "Votes"
        };
        let w = label.len().max(9);
        let _ = writeln!(s, "  {who:<name_w$}  {what:<desc_w$}  {label:>w$}");
        for cand in &r.candidates {
            let _ = writeln!(
                s,
                "  {:<name_w$}  {:<desc_w$}  {:>w$}{}",
                cand.name,
                cand.description.as_deref().unwrap_or(""),
                opt(cand.votes),
                match (cand.elected, r.status) {
                    // Not elected until the returning officer declares it.
                    (true, Status::Uncontested) => "  Unopposed",
                    (true, _) => "  Elected",
                    (false, _) => "",
                }
            );
        }
    }
    if let Some(rf) = &r.referendum {
        let _ = writeln!(s);
        let _ = writeln!(s, "{}", rf.statement);
        if let Some(p) = &rf.proposal {
            let _ = writeln!(
                s,
                "Those voting: {} (Yes {} + No {}); more than half is more than {}: {} ({}).",
                p.voting
                    .map_or_else(|| "more than the largest count".to_owned(), thousands),
                thousands(p.yes),
                thousands(p.no),
                p.voting.map_or_else(|| "?".to_owned(), half_words),
                if p.in_favour {
                    "in favour"
                } else {
                    "not in favour"
                },
                p.citation
            );
        }
        if let Some(cb) = &rf.combined {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "WITH THE {} REFERENDUM ({} and {}){}",
                if c.office == "business_referendum" {
                    "RESIDENTS'"
                } else {
                    "BUSINESS"
                },
                cb.residents,
                cb.business,
                if cb.final_result {
                    ""
                } else {
                    " - PROVISIONAL: not both declared"
                }
            );
            let _ = writeln!(s, "{}", cb.statement);
            if let Some(d) = &cb.decision {
                let _ = writeln!(
                    s,
                    "{} Recorded by {} (entry {}; {}).",
                    d.statement, d.recorded_by, d.entry, d.citation
                );
            }
        }
    }
    if let Some(rej) = &r.rejected {
        let _ = writeln!(s);
        let _ = writeln!(s, "STATEMENT OF REJECTED BALLOT PAPERS ({})", rej.citation);
        for h in &rej.heads {
            let label = if h.letter.is_empty() {
                h.label.to_owned()
            } else {
                format!("({}) {}", h.letter, h.label)
            };
            let _ = writeln!(s, "  {label:<66}{:>10}", thousands(h.papers));
        }
        let _ = writeln!(s, "  {:<66}{:>10}", "Total", thousands(rej.total));
        if let Some(part) = rej.rejected_in_part {
            let _ = writeln!(
                s,
                "  {:<66}{:>10}",
                "Rejected in part (valid votes on them counted)",
                thousands(part)
            );
        }
        if rej.rejection_objected > 0 {
            let _ = writeln!(
                s,
                "  {:<66}{:>10}",
                "Rejections objected to",
                thousands(rej.rejection_objected)
            );
        }
        if let Some(unused) = rej.unused_votes {
            let _ = writeln!(
                s,
                "  (Not rejections: {} unused votes on valid papers, where voters used fewer votes than seats.)",
                thousands(unused)
            );
        }
        saving_clause_text(&mut s, rej);
        objections_text(&mut s, rej, r.evidence.as_ref());
        let a = &rej.adjudication;
        if a.set_aside > 0 {
            let _ = writeln!(s);
            let _ = writeln!(
                s,
                "DOUBTFUL BALLOT PAPERS ADJUDICATED BY THE RETURNING OFFICER"
            );
            let _ = writeln!(
                s,
                "  {} set aside: {} allowed, {} rejected, {} rejected in part, {} not yet decided",
                thousands(a.set_aside),
                thousands(a.allowed),
                thousands(a.rejected),
                thousands(a.rejected_in_part),
                thousands(a.undecided)
            );
            for p in &a.papers {
                let what = match p.decision {
                    "valid" => format!("allowed: vote for {}", p.votes.join(", ")),
                    "rejected_in_part" => {
                        format!("rejected in part: vote counted for {}", p.votes.join(", "))
                    }
                    "rejected" => format!("rejected under {}", p.head.as_deref().unwrap_or("?")),
                    _ => "not yet decided".to_owned(),
                };
                let objected = if p.rejection_objected {
                    " (rejection objected to)"
                } else {
                    ""
                };
                let _ = writeln!(s, "  Paper {}: {what}{objected}", p.paper);
                let mut why = Vec::new();
                if let Some(b) = &p.set_aside_because {
                    why.push(format!("set aside: {}", b.replace('_', " ")));
                }
                if let Some(r) = &p.reason {
                    why.push(r.clone());
                }
                if let Some(by) = &p.by {
                    why.push(format!("decided by {}", who(r.evidence.as_ref(), by)));
                }
                if !why.is_empty() {
                    let _ = writeln!(s, "    {}", why.join("; "));
                }
            }
        }
    }
    if !r.lots.is_empty() {
        let _ = writeln!(s);
        for lot in &r.lots {
            let _ = writeln!(s, "{}", lot.statement);
            let _ = writeln!(
                s,
                "  (Method: {}; drawn by {}.)",
                lot.method,
                who(r.evidence.as_ref(), &lot.by)
            );
        }
    }
    let _ = writeln!(s);
    if !r.elected.is_empty() {
        let verb = match r.status {
            Status::Declared | Status::UncontestedDeclared => {
                "I declare the following duly elected"
            }
            Status::Uncontested => "Remaining validly nominated, and to be declared elected",
            _ => "On these figures the following would be elected",
        };
        let plural = if r.elected.len() > 1 { "s" } else { "" };
        match &c.declaration {
            // The conduct rules' own words (the Mayor of London: GLA
            // Elections Rules 2007 Sch 3 r.57(1)).
            Some(d) => {
                let _ = writeln!(s, "{verb} as {}:", d.elected_as);
            }
            None => {
                let _ = writeln!(s, "{verb} {}{plural} for {}:", c.member_title, c.area);
            }
        }
        for e in &r.elected {
            let term = e.term_ends.as_ref().map_or_else(
                || "term to be decided by lot at the council's first meeting".to_owned(),
                |t| format!("term ends {t}"),
            );
            let seat = if e.seat == "casual" {
                ", casual vacancy"
            } else {
                ""
            };
            let party = e
                .description
                .as_ref()
                .map(|d| format!(", {d}"))
                .unwrap_or_default();
            // An office with no fixed term (a Member of Parliament): no
            // term line at all, never an invented date.
            if e.no_fixed_term && e.term_ends.is_none() {
                let _ = writeln!(s, "  {}{}", e.name, party);
            } else {
                let _ = writeln!(s, "  {}{}  ({}{})", e.name, party, term, seat);
            }
        }
    }
    if r.unfilled_seats > 0 {
        let _ = writeln!(s, "Seats left unfilled: {}", thousands(r.unfilled_seats));
    }
    if let Some(lot) = &r.lot_required {
        if let Some(stage) = lot.stage {
            let _ = writeln!(
                s,
                "LOT REQUIRED AT STAGE {stage} ({}): {} of {} to be chosen by lot; the count stops at this stage until it is recorded.",
                lot.purpose,
                thousands(lot.places),
                lot.tied.join(", ")
            );
        } else {
            let _ = writeln!(
                s,
                "AN EQUALITY OF VOTES MUST BE SETTLED BY LOT ({}): {} of {} ({} votes each).",
                lot.purpose,
                thousands(lot.places),
                lot.tied.join(", "),
                thousands(lot.votes)
            );
        }
    }
    if let Some(stv) = &r.stv {
        let _ = writeln!(s);
        let _ = writeln!(s, "SINGLE TRANSFERABLE VOTE ({} rules)", stv.rules);
        if let (Some(stages), Some(quota)) = (stv.stages, &stv.quota) {
            let _ = writeln!(
                s,
                "Quota {quota}; {stages} stages (the stage sheet: countroom count --stage-sheet)."
            );
        }
        if let Some(stage) = stv.lot_required_at {
            let _ = writeln!(s, "Lot required at stage {stage}.");
        }
        if let Some(p) = &stv.problem {
            let _ = writeln!(s, "The papers cannot be counted: {p}");
        }
    }
    if let Some(m) = r.majority {
        let _ = writeln!(s, "Majority: {}", thousands(m));
    }
    if let Some(rec) = &r.reconciliation {
        let _ = writeln!(s);
        match r.run {
            Some(run) => {
                let _ = writeln!(s, "RECONCILIATION (run {run})");
            }
            None => {
                let _ = writeln!(s, "RECONCILIATION (all counting areas)");
            }
        }
        let _ = writeln!(
            s,
            "  {:<40}{:>12}",
            "Ballot papers verified",
            opt(rec.papers_verified)
        );
        let _ = writeln!(
            s,
            "  {:<40}{:>12}",
            "Valid ballot papers",
            thousands(rec.valid_papers)
        );
        let _ = writeln!(
            s,
            "  {:<40}{:>12}",
            "Rejected ballot papers",
            thousands(rec.rejected_papers)
        );
        let _ = writeln!(
            s,
            "  {:<40}{:>12}",
            "Ballot papers counted",
            thousands(rec.papers_counted)
        );
        let variance = rec
            .variance
            .map_or_else(|| "-".to_owned(), thousands_signed);
        let _ = writeln!(
            s,
            "  {:<40}{:>12}",
            "Variance (counted - verified)", variance
        );
        for e in &rec.explanations {
            let _ = writeln!(s, "    Explanation: {e}");
        }
        for p in &rec.problems {
            let _ = writeln!(s, "    PROBLEM: {p}");
        }
        let _ = writeln!(
            s,
            "  {:<40}{:>12}",
            "Votes given",
            thousands(rec.total_votes)
        );
        if let Some(unused) = rec.unused_votes {
            let _ = writeln!(
                s,
                "  {:<40}{:>12}",
                format!("Votes available ({} x valid papers)", thousands(c.seats)),
                thousands(rec.max_votes)
            );
            let _ = writeln!(
                s,
                "  {:<40}{:>12}",
                "Unused votes (not rejections)",
                thousands(unused)
            );
        }
    }
    if let Some(d) = &r.deposits {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "DEPOSITS (£{} each; {})",
            thousands(u64::from(d.pounds)),
            d.citation
        );
        let _ = writeln!(
            s,
            "  {}: {} or fewer.",
            upper_first(&d.rule),
            thousands(d.forfeited_at_or_below)
        );
        for (id, forfeited) in &d.candidates {
            let name = name_of(r, id);
            let what = if *forfeited { "forfeited" } else { "returned" };
            let _ = writeln!(s, "  {name:<40}{what:>12}");
        }
    }
    if let Some(t) = &r.turnout {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "Electorate {}; ballot-box turnout {}%; valid-vote turnout {}% ({})",
            thousands(t.electorate),
            t.ballot_box.as_deref().unwrap_or("-"),
            t.valid_vote.as_deref().unwrap_or("-"),
            t.rounding
        );
    }
    if r.runs.len() > 1 || !r.recounts.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(s, "RE-COUNTS");
        for rc in &r.recounts {
            let _ = writeln!(
                s,
                "  Run {}: re-count requested by {}{}{}; {}{}",
                rc.run,
                who(r.evidence.as_ref(), &rc.requested_by),
                rc.candidate
                    .as_ref()
                    .map(|c| format!(" for {c}"))
                    .unwrap_or_default(),
                rc.reason
                    .as_ref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default(),
                rc.decision,
                rc.decided_by
                    .as_ref()
                    .map(|b| format!(" by {}", who(r.evidence.as_ref(), b)))
                    .unwrap_or_default(),
            );
        }
        for run in &r.runs {
            let votes: Vec<String> = run.votes.iter().map(|&v| thousands(v)).collect();
            let _ = writeln!(
                s,
                "  Run {} ({}{}): votes {}; valid {}; rejected {}",
                run.run,
                run.origin,
                if run.completed { "" } else { ", in progress" },
                votes.join(" / "),
                thousands(run.valid_papers),
                thousands(run.rejected_papers)
            );
        }
    }
    if let Some(d) = &r.declaration {
        let _ = writeln!(s);
        let by = d.officer.as_deref().unwrap_or(&d.by);
        let at = if d.officer.is_some() {
            d.at.as_ref()
                .map(|a| format!(", at {a}"))
                .unwrap_or_default()
        } else {
            d.at.as_ref()
                .map(|a| format!(" at {a}"))
                .unwrap_or_default()
        };
        if r.status == Status::UncontestedDeclared {
            let _ = writeln!(s, "Declared by {by}{at}, without a poll.");
        } else {
            let _ = writeln!(s, "Declared by {by}{at}, from run {}.", d.run);
        }
    }
    if let Some(e) = &r.evidence {
        evidence_text(&mut s, e);
    }
    s
}

/// The officers of the count as the evidence lists them: "Jane Marsh,
/// Returning Officer (entry 12)"; candidates, agents and observers are not
/// listed here (they are on the appointments in the log).
fn r_contest_offices(e: &countroom_count::Evidence) -> Vec<String> {
    e.offices
        .iter()
        .filter(|o| o.role.is_officer())
        .map(|o| {
            let functions = if o.functions.is_empty() {
                String::new()
            } else {
                format!(" ({})", o.functions.join(", "))
            };
            format!("{}, {}{} (entry {})", o.name, o.office, functions, o.seq)
        })
        .collect()
}

/// The document's tie to its evidence: the count log's chain head (to
/// compare with the digest read aloud at the count), whether the log is
/// tamper-evident, and the countroom version that made the document.
fn evidence_text(s: &mut String, e: &countroom_count::Evidence) {
    let _ = writeln!(s);
    let _ = writeln!(s, "{}", "-".repeat(78));
    let entries = if e.entries == 1 { "entry" } else { "entries" };
    if e.tamper_evident {
        let _ = writeln!(
            s,
            "Count log: format version {}, hash-chained ({} {}).",
            e.log_version,
            thousands(e.entries),
            entries
        );
    } else {
        let _ = writeln!(
            s,
            "Count log: format version {} ({} {}): NOT TAMPER-EVIDENT, its lines are not hash-chained.",
            e.log_version,
            thousands(e.entries),
            entries
        );
    }
    if let Some(sentence) = e.added_sentence() {
        let _ = writeln!(s, "{sentence}");
    }
    let _ = writeln!(s, "Chain head: {}", super::digest_groups(&e.chain_head));
    for c in &e.coverage {
        let _ = writeln!(s, "Signatures: {c}.");
    }
    let _ = writeln!(s, "{}.", upper_first(&e.authority_line()));
    if e.authority_checked_from.is_some() {
        let contest = r_contest_offices(e);
        for o in contest {
            let _ = writeln!(s, "  {o}");
        }
    }
    if let Some(at) = e.upgraded_at {
        let _ = writeln!(
            s,
            "The log was upgraded from version 1 at entry {at}: the entries before it were chained then, not as they were recorded."
        );
    }
    if e.rules_match == Some(false) {
        let _ = writeln!(
            s,
            "The log was begun under another ruleset table than this countroom's: check the rules applied."
        );
    }
    let _ = writeln!(s, "Made by countroom {}.", e.countroom);
}

/// Half of `n` in words for the "more than half" test: "150" or "150½".
fn half_words(n: u64) -> String {
    if n.is_multiple_of(2) {
        thousands(n / 2)
    } else {
        format!("{}½", thousands(n / 2))
    }
}

/// A figure to two places (`13466.67`) with its whole part grouped in
/// thousands (`13,466.67`); the figure is `countroom-list`'s, rounded half
/// to even there.
fn grouped_figure(figure: Option<&str>) -> String {
    let Some(f) = figure else {
        return "(too large)".to_owned();
    };
    let (whole, frac) = f.split_once('.').unwrap_or((f, ""));
    let grouped = whole
        .parse::<u64>()
        .map_or_else(|_| whole.to_owned(), thousands);
    if frac.is_empty() {
        grouped
    } else {
        format!("{grouped}.{frac}")
    }
}

/// An area's count of its list papers in the log: the run, the papers
/// counted (valid and rejected by head), the verified papers and the
/// variance, and the re-counts.
fn list_area_count_text(
    s: &mut String,
    k: &countroom_count::ListAreaCountLine,
    ev: Option<&countroom_count::Evidence>,
) {
    let source = match k.source {
        "counted" => "counted in the log: the completed count is the area's total",
        "counted_and_reported" => {
            "counted in the log; the local total reported agrees with the count"
        }
        "reported" => {
            "counting in the log; the local total reported stands until the count is completed"
        }
        _ => "counting in the log",
    };
    let _ = writeln!(s, "    {source}");
    let rejected: Vec<String> = k
        .rejected
        .iter()
        .map(|h| format!("{} {}", h.code.replace('_', " "), thousands(h.papers)))
        .collect();
    let _ = writeln!(
        s,
        "    run {} ({}): papers counted {} = valid {} + rejected {} ({}); bundles {}, batches {}",
        k.run,
        if k.completed { "completed" } else { "counting" },
        thousands(k.papers_counted),
        thousands(k.valid),
        k.papers_counted
            .checked_sub(k.valid)
            .map_or_else(|| "-".to_owned(), thousands),
        rejected.join(", "),
        thousands(k.bundles),
        thousands(k.batches)
    );
    match (k.verified, &k.verified_note) {
        (Some(v), _) => {
            let _ = writeln!(
                s,
                "    verified {}; papers counted - verified: {}",
                thousands(v),
                k.variance
                    .map_or_else(|| "-".to_owned(), countroom_arith::thousands_signed)
            );
        }
        (None, Some(why)) => {
            let _ = writeln!(s, "    verified: none ({why})");
        }
        (None, None) => {}
    }
    if !k.saved.is_empty() {
        let saved: Vec<String> = k
            .saved
            .iter()
            .map(|x| format!("{} {}", x.label, thousands(x.papers)))
            .collect();
        let _ = writeln!(s, "    valid under the saving clause: {}", saved.join("; "));
    }
    for d in &k.doubtful {
        let what = match (d.decision, &d.head) {
            ("valid", _) => format!("allowed for {}", d.votes.join(", ")),
            ("rejected", Some(h)) => format!("rejected under {h}"),
            ("undecided", _) => "not yet decided".to_owned(),
            (other, _) => other.replace('_', " "),
        };
        let _ = writeln!(
            s,
            "    doubtful paper {}{}: {what}{}{}{}",
            d.paper,
            d.set_aside_because
                .as_deref()
                .map(|w| format!(" (set aside: {w})"))
                .unwrap_or_default(),
            if d.rejection_objected {
                ", rejection objected to"
            } else {
                ""
            },
            d.by.as_deref()
                .map(|b| format!("; decided by {}", who(ev, b)))
                .unwrap_or_default(),
            d.reason
                .as_deref()
                .map(|w| format!(": {w}"))
                .unwrap_or_default()
        );
    }
    for o in &k.objections {
        let what = match (&o.paper, &o.head_label) {
            (Some(p), _) => format!("the rejection of paper {p}"),
            (None, Some(h)) => format!(
                "the rejection of {} papers under {h}{}",
                thousands(o.papers),
                o.batch
                    .as_deref()
                    .map(|b| format!(" in batch {b}"))
                    .unwrap_or_default()
            ),
            (None, None) => format!("{} papers", thousands(o.papers)),
        };
        let _ = writeln!(
            s,
            "    objection by {} to {what}{}{}",
            who(ev, &o.by),
            o.candidate
                .as_deref()
                .map(|c| format!(" (for {c})"))
                .unwrap_or_default(),
            o.reason
                .as_deref()
                .map(|w| format!(": {w}"))
                .unwrap_or_default()
        );
    }
    for x in &k.explanations {
        let _ = writeln!(s, "    explanation by {}: {}", who(ev, &x.by), x.text);
    }
    for r in &k.recounts {
        let _ = writeln!(
            s,
            "    re-count of run {} {} by {}{}: {}",
            r.run,
            if r.ordered { "ordered" } else { "asked for" },
            who(ev, &r.requested_by),
            r.option
                .as_deref()
                .map(|o| format!(" (for {o})"))
                .unwrap_or_default(),
            r.decision
        );
    }
}

/// What a member of a list contest stood for, as printed beside the name:
/// the party's name, or "individual candidate" (never the candidate's name
/// twice).
/// A member's line, `  Seat  4  NAME (PARTY)`, `empty` standing for a
/// member with no name.
fn member_line(
    s: &mut String,
    r: &countroom_count::ListContestReport,
    m: &countroom_count::MemberLine,
    empty: &str,
) {
    let member = if m.name.is_empty() {
        empty
    } else {
        m.name.as_str()
    };
    let _ = writeln!(
        s,
        "  Seat {:>2}  {member} ({})",
        m.seat,
        list_member_of(r, &m.option)
    );
}

fn list_member_of(r: &countroom_count::ListContestReport, option: &str) -> String {
    if r.is_individual(option) {
        "individual candidate".to_owned()
    } else {
        r.option_name(option)
    }
}

/// One list contest's documents: the collation of the constituencies'
/// list totals (and, for an area whose list papers are counted in the log,
/// its count: `list_area_count_text`), the constituency returns, the
/// allocation round by round,
/// the members returned, lots, recalculations, the declaration and later
/// vacancies.
#[must_use]
pub fn list_contest_text(r: &countroom_count::ListContestReport) -> String {
    let mut s = String::new();
    let ev = r.evidence.as_ref();
    let name = |id: &str| {
        r.options
            .iter()
            .find(|o| o.id == id)
            .map_or_else(|| id.to_owned(), |o| o.name.clone())
    };
    let _ = writeln!(s, "{}", r.election);
    let _ = writeln!(s, "{}: {}", r.title, r.area);
    let _ = writeln!(
        s,
        "Poll: {}. Seats to fill: {}. Ruleset: {} ({}).",
        r.poll_date, r.seats, r.ruleset_name, r.ruleset
    );
    let _ = writeln!(s, "System: {}.", r.system);
    let method = if r.method == "ams" {
        format!("the additional member system: each figure is the votes divided by 1 + the constituency seats won {} + the list seats already allocated", r.in_area())
    } else {
        "D'Hondt: each figure is the votes divided by 1 + the list seats already allocated"
            .to_owned()
    };
    let _ = writeln!(s, "Allocation: {method}.");
    if let Some(t) = &r.threshold {
        let _ = writeln!(
            s,
            "Threshold: a party or individual candidate with less than {t} of the votes takes no seat."
        );
    }
    let _ = writeln!(s, "Equal highest figures: {}.", r.equal_figures);
    let _ = writeln!(s, "Status: {}.", r.status_words());

    let _ = writeln!(s);
    if let Some(v) = &r.verification {
        verification(&mut s, v, ev);
        let _ = writeln!(s);
    }
    let _ = writeln!(s, "LIST VOTES BY COUNTING AREA (local totals)");
    for a in &r.areas {
        let _ = write!(s, "  {:<28} {:<10}", a.name, a.status);
        if let (Some(p), Some(rej)) = (a.papers_forward, a.rejected) {
            let _ = write!(
                s,
                " papers forward {:>10}  rejected {:>7}",
                thousands(p),
                thousands(rej)
            );
        }
        if a.recounts > 0 {
            let _ = write!(s, "  re-counted {}", a.recounts);
        }
        let _ = writeln!(s);
        if let Some(k) = &a.count {
            list_area_count_text(&mut s, k, ev);
        }
    }
    let _ = writeln!(s);
    let _ = writeln!(
        s,
        "LIST VOTES {} (authorised local totals)",
        r.in_area().to_uppercase()
    );
    let ams = r.method == "ams";
    for o in &r.options {
        let kind = if o.individual { " (individual)" } else { "" };
        let _ = write!(
            s,
            "  {:<36} {:>12}",
            format!("{}{kind}", o.name),
            thousands(o.votes)
        );
        if ams {
            let _ = write!(s, "  constituency seats {:>2}", o.constituency_seats);
        }
        let _ = write!(s, "  list seats {:>2}", o.list_seats);
        if let Some(d) = o.disregarded {
            let _ = write!(s, "  ({})", d.replace('_', " "));
        }
        let _ = writeln!(s);
    }
    match r.total_votes {
        Some(t) => {
            let _ = writeln!(s, "  {:<36} {:>12}", "Total", thousands(t));
        }
        None => {
            let _ = writeln!(s, "  Total: past the largest count");
        }
    }
    let _ = writeln!(s, "  Rejected ballot papers: {}", thousands(r.rejected));

    if !r.constituency_returns.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "CONSTITUENCY MEMBERS RETURNED {}",
            r.in_area().to_uppercase()
        );
        for c in &r.constituency_returns {
            let party = c
                .party
                .as_deref()
                .map_or_else(|| "no party on the list ballot".to_owned(), name);
            let _ = writeln!(
                s,
                "  {:<28} {} ({party}), reported by {}",
                c.constituency,
                c.member,
                who(ev, &c.by)
            );
        }
    }

    if !r.rounds.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "ALLOCATION OF SEATS (figure = votes / divisor; to two places, half to even; the exact fraction beside it)"
        );
        for x in &r.rounds {
            let tie = match x.tie {
                "lot" => " [equal highest figures: by lot]",
                "each_allocated" => " [equal highest figures: each a seat]",
                "one_more_vote" => " [equal highest figures: one more vote each]",
                "one_more_seat" => {
                    " [equal highest figures: recalculated as though each had one more seat]"
                }
                _ => "",
            };
            let _ = writeln!(
                s,
                "  Seat {:>2}  {:<30} {:>12} / {:>2} = {:>12} ({}){}",
                x.seat,
                x.name,
                thousands(x.votes),
                x.divisor,
                grouped_figure(x.figure.as_deref()),
                x.figure_exact,
                tie
            );
            if let Some(m) = &x.member {
                let _ = writeln!(s, "           member: {m}");
            }
        }
        if let Some(n) = &r.next {
            let _ = writeln!(
                s,
                "  Next highest figure: {} {} ({})",
                n.name,
                grouped_figure(n.figure.as_deref()),
                n.figure_exact
            );
        }
    }
    for l in &r.lots {
        let at =
            l.at.as_deref()
                .map(|a| format!(" at {a}"))
                .unwrap_or_default();
        let _ = writeln!(
            s,
            "  Lot for seat {} between {}: fell on {}; drawn by {}{at} ({}).",
            l.round,
            l.tied
                .iter()
                .map(|t| name(t))
                .collect::<Vec<_>>()
                .join(" and "),
            name(&l.winner),
            who(ev, &l.by),
            l.method
        );
    }
    for c in &r.recalculations {
        let at = c
            .requested_at
            .as_deref()
            .map(|a| format!(" at {a}"))
            .unwrap_or_default();
        let party = c
            .party
            .as_deref()
            .map(|p| format!(" for {}", name(p)))
            .unwrap_or_default();
        let _ = write!(
            s,
            "  Recalculation asked for by {}{party}{at}",
            who(ev, &c.requested_by)
        );
        match (&c.recalculated_by, &c.outcome) {
            (Some(by), Some(outcome)) => {
                let at = c
                    .recalculated_at
                    .as_deref()
                    .map(|a| format!(" at {a}"))
                    .unwrap_or_default();
                let _ = writeln!(
                    s,
                    "; recalculated by {}{at} from the same totals (no re-count at that stage): {outcome}.",
                    who(ev, by)
                );
            }
            _ => {
                let _ = writeln!(s, "; waiting for the returning officer.");
            }
        }
    }
    // The declaration: the members returned at the allocation, as
    // declared, never those who filled a later vacancy (they follow, dated,
    // after the declaration).
    if !r.members.is_empty() {
        let _ = writeln!(s);
        let heading = if r.allocation_complete() {
            "MEMBERS RETURNED"
        } else {
            "SEATS ALLOCATED SO FAR (the allocation is not complete: no member is returned yet)"
        };
        let _ = writeln!(s, "{heading}");
        for m in &r.members {
            member_line(
                &mut s,
                r,
                m,
                "(the party's list is not recorded in the log)",
            );
        }
    }
    let _ = writeln!(s);
    match &r.declaration {
        Some(d) => {
            let by = d.officer.clone().unwrap_or_else(|| d.by.clone());
            let at =
                d.at.as_deref()
                    .map(|a| format!(" at {a}"))
                    .unwrap_or_default();
            let _ = writeln!(s, "Declared by {by}{at}.");
        }
        None => {
            let _ = writeln!(s, "NOT YET DECLARED.");
        }
    }
    if !r.vacancies.is_empty() {
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "LATER VACANCIES IN LIST SEATS (after the declaration; each dated as recorded)"
        );
        for v in &r.vacancies {
            let at =
                v.at.as_deref()
                    .map_or_else(|| "(no time recorded)".to_owned(), str::to_owned);
            let declined = if v.declined.is_empty() {
                String::new()
            } else {
                format!("; declined: {}", v.declined.join(", "))
            };
            let filled = match (&v.filled_by, v.position, &v.remains_vacant_under) {
                (Some(f), Some(p), _) => format!("filled by {f} (position {p} on the list)"),
                (_, _, Some(rule)) => format!(
                    "returned as an individual candidate, so the seat is not filled from a list and remains vacant until the next general election ({rule})"
                ),
                _ => "no one on the list can fill it: the seat remains vacant".to_owned(),
            };
            let _ = writeln!(
                s,
                "  {at}: {} ({}) vacated{declined}; {filled}; recorded by {}.",
                v.vacating,
                list_member_of(r, &v.party),
                who(ev, &v.by)
            );
        }
        let _ = writeln!(s);
        let _ = writeln!(
            s,
            "MEMBERS SITTING AFTER THE LATER VACANCIES{}",
            r.last_vacancy_at()
                .map(|a| format!(" (as at {a})"))
                .unwrap_or_default()
        );
        for m in &r.sitting {
            member_line(&mut s, r, m, "(vacant)");
        }
    }
    if let Some(e) = ev {
        evidence_text(&mut s, e);
    }
    s
}
