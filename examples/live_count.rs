//! Embedding countroom in count-centre software: a whole count run live
//! through `countroom::Count`, bundle by bundle, with the progress shown
//! after each table's round without replaying the log, and the declaration
//! at the end.
//!
//! The log's bytes are written as the count goes (here to a `Vec`; at a
//! count, appended to the file after each command), and at the end the
//! auditor's replay of those bytes gives the same documents.
//!
//! Run with `cargo run --example live_count`.

// An example program's job is to print.
#![allow(clippy::print_stdout)]

use countroom::live::{
    Appointment, BallotPapers, Bundle, Command, ContestDefinition, Count, Decision,
    DoubtfulDecision, ElectionDefinition, PaperBatch, PersonId, Rejected, RejectionHead, Role,
    Seat, SetAside,
};
use countroom::model::{
    BundleId, CandidateId, ContestId, Country, ElectionId, Electorate, Office, Papers, TableId,
    Votes,
};
use time::macros::{date, datetime};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let ward = ContestId::new("castle")?;
    let candidates = ["ARCHER", "BLAKE", "CHOWDHURY", "DUNN"];
    let forenames = ["Ruth", "Owen", "Priya", "Mark"];
    let mut contest = ContestDefinition::new(
        ward.clone(),
        "Castle Ward",
        Office::PrincipalCouncillor,
        Country::England,
    )
    .title("Election of District Councillors")
    .electorate(Electorate::new(6_210))
    .seat(Seat::ordinary(date!(2030 - 05 - 10)))
    .seat(Seat::ordinary(date!(2030 - 05 - 10)));
    for (name, forename) in candidates.iter().zip(forenames) {
        contest = contest.candidate(CandidateId::new(name)?, format!("{name}, {forename}"));
    }
    let ro = PersonId::new("ro")?;
    let definition = ElectionDefinition::new(
        ElectionId::new("district-2026")?,
        "Exampleshire District Council elections",
        date!(2026 - 05 - 07),
        ro.clone(),
    )
    .contest(contest)
    .appoint(Appointment::new(ro, "Jane Marsh", Role::ReturningOfficer))
    .appoint(Appointment::new(
        PersonId::new("sup")?,
        "Tom Hale",
        Role::CountSupervisor,
    ));

    // The log begins: header, definition and appointments.
    let (mut count, mut log) = Count::new(&definition)?;
    let sup = count.actor("sup")?;
    let ro = count.actor("ro")?;

    // Forty bundles of 50 papers at four tables; each paper has up to two
    // votes (two seats). The figures are made up, reproducibly.
    let mut seed = 0x9e37_79b9_7f4a_7c15_u64;
    for n in 1..=40u32 {
        let mut bundle = Bundle::new(ward.clone(), BundleId::new(&format!("B{n:02}"))?)
            .table(TableId::new(&format!("T{}", (n - 1) % 4 + 1))?)
            .papers(Papers::new(50));
        for (i, name) in candidates.iter().enumerate() {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            let lean = [12, 10, 8, 4][i];
            bundle = bundle.votes(CandidateId::new(name)?, Votes::new(lean + seed % 12));
        }
        let applied = count.apply(&sup, Command::Bundle(bundle))?;
        log.extend_from_slice(&applied.bytes);
        if n % 8 == 0 {
            // One contest's progress: its current figures, without replay.
            let p = count.progress(&ward).ok_or("no such contest")?;
            let votes: Vec<String> = p.votes.iter().map(|(id, v)| format!("{id} {v}")).collect();
            println!(
                "after entry {:>3}: {} bundles, {} papers; {}",
                applied.entry.seq,
                p.bundles,
                p.papers_counted,
                votes.join(", ")
            );
        }
    }

    // Papers from the adjudication desk, held in memory: a cross each.
    let mut papers = BallotPapers::new();
    papers
        .crosses(&[0, 2])?
        .crosses(&[1])?
        .crosses(&[0, 1, 3])?; // the last has too many votes
    let batch = PaperBatch::new(ward.clone(), BundleId::new("desk-1")?, papers);
    log.extend_from_slice(&count.apply(&sup, Command::PaperBatch(batch))?.bytes);
    let unmarked = Rejected::new(ward.clone(), RejectionHead::UnmarkedOrVoid, Papers::new(7));
    log.extend_from_slice(&count.apply(&sup, Command::Rejected(unmarked))?.bytes);

    // A doubtful paper set aside at a table, and the Returning Officer's
    // decision on it (PER r.47: the law gives the judgement to the officer;
    // countroom records it, with who made it).
    let doubtful = SetAside::new(ward.clone()).paper("D1", Some("tick outside the box"));
    log.extend_from_slice(&count.apply(&sup, Command::SetAside(doubtful))?.bytes);
    let decided = DoubtfulDecision::new(
        ward.clone(),
        "D1",
        Decision::Valid(vec![CandidateId::new("ARCHER")?]),
    );
    log.extend_from_slice(&count.apply(&ro, Command::DecideDoubtful(decided))?.bytes);

    for command in [
        Command::CompleteCount {
            contest: ward.clone(),
        },
        Command::Declare {
            contest: ward.clone(),
        },
    ] {
        let at = datetime!(2026-05-08 02:10 +01:00);
        log.extend_from_slice(&count.apply_noted(&ro, command, Some(at), None)?.bytes);
        let p = count.progress(&ward).ok_or("no such contest")?;
        println!("{}: {}", p.contest, p.status.describe());
    }

    let documents = count.documents();
    let castle = documents.contests.first().ok_or("no contest")?;
    println!();
    print!(
        "{}",
        String::from_utf8(countroom::io::render::contest_text(castle))?
    );
    println!("chain head: {}", count.head().to_groups());

    // The same result as domain values: typed ids, dates and counts.
    for sheet in count.result_sheets()? {
        for e in &sheet.elected {
            let term = e
                .term_ends
                .map_or_else(String::new, |d| format!(", term ends {d}"));
            println!("{}: {} ({}{term})", sheet.contest, e.name, e.seat);
        }
    }

    // The auditor's replay of the bytes written gives the same documents.
    let replayed = countroom::report_from_log(&log)?;
    assert_eq!(
        countroom::io::render::report_text(&replayed),
        countroom::io::render::report_text(&documents)
    );
    Ok(())
}
