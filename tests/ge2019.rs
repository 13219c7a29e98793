//! Golden test against the House of Commons Library's results of the 2019
//! UK general election: for each of the 650 constituencies, a count log is
//! built from the candidates' published votes and replayed through the
//! engine; the declared winner, majority and the parties' seat totals must
//! match the published results. The 650 contests are then written as one
//! NIST ERR v2 document (JSON and XML), validated against the standard.

use std::collections::BTreeMap;

use countroom::count::{replay, report, Status};
use countroom::log::*;

use crate::support::dataset;

struct Candidate {
    id: String,
    name: String,
    party: String,
    votes: u64,
}

fn entry(seq: &mut u64, event: Event) -> Entry {
    *seq += 1;
    Entry::new(*seq, "test", event)
}

#[test]
fn every_constituency_winner_and_majority() {
    let Some(dir) = dataset("general-election-2019") else {
        return;
    };
    let mut by_seat: BTreeMap<String, Vec<Candidate>> = BTreeMap::new();
    let mut rdr = csv::Reader::from_path(dir.join("HoC-GE2019-results-by-candidate.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (ons, party, first, surname, votes) = (
        col("ONS ID"),
        col("Party abbreviation"),
        col("Candidate first name"),
        col("Candidate surname"),
        col("Votes"),
    );
    for row in rdr.records() {
        let row = row.unwrap();
        let seat = by_seat.entry(row[ons].to_owned()).or_default();
        seat.push(Candidate {
            id: format!("C{}", seat.len() + 1),
            name: format!("{} {}", &row[first], &row[surname]),
            party: row[party].to_owned(),
            votes: row[votes].parse().unwrap(),
        });
    }
    assert_eq!(by_seat.len(), 650);

    let mut rdr =
        csv::Reader::from_path(dir.join("HoC-GE2019-results-by-constituency.csv")).unwrap();
    let headers = rdr.headers().unwrap().clone();
    let col = |name: &str| headers.iter().position(|h| h == name).unwrap();
    let (
        ons,
        name,
        electorate,
        valid,
        majority,
        first_party,
        member_first,
        member_surname,
        country,
    ) = (
        col("ONS ID"),
        col("Constituency name"),
        col("Electorate"),
        col("Valid votes"),
        col("Majority"),
        col("First party"),
        col("Member first name"),
        col("Member surname"),
        col("Country name"),
    );
    let mut seats: BTreeMap<String, u32> = BTreeMap::new();
    let mut checked = 0;
    let mut all = Vec::new();
    for row in rdr.records() {
        let row = row.unwrap();
        let candidates = &by_seat[&row[ons]];
        let mut seq = 0;
        let log = vec![
            entry(
                &mut seq,
                Event::ElectionDefined(ElectionDefined::new(
                    "ge2019",
                    "UK Parliamentary general election 2019",
                    "2019-12-12",
                )),
            ),
            entry(
                &mut seq,
                Event::ContestDefined(
                    ContestDefined::new(
                        row[ons].to_owned(),
                        "ge2019",
                        "Election of a Member of Parliament",
                        row[name].to_owned(),
                        "uk_parliament",
                        match &row[country] {
                            "England" => "england",
                            "Wales" => "wales",
                            "Scotland" => "scotland",
                            "Northern Ireland" => "northern_ireland",
                            other => panic!("unknown country {other}"),
                        },
                    )
                    .electorate(row[electorate].parse().unwrap())
                    .vacancies(vec![
                        VacancyDef::new("ordinary").term_ends(Some("2024-12-17".into()))
                    ])
                    .candidates(
                        candidates
                            .iter()
                            .map(|c| {
                                CandidateDef::new(c.id.clone(), c.name.clone())
                                    .description(Some(c.party.clone()))
                            })
                            .collect(),
                    )
                    .ruleset(Some("uk-parliamentary".into())),
                ),
            ),
            entry(
                &mut seq,
                Event::BundleCounted(BundleCounted::new(
                    row[ons].to_owned(),
                    1,
                    "all",
                    candidates
                        .iter()
                        .map(|c| CandidateVotes::new(c.id.clone(), c.votes))
                        .collect(),
                )),
            ),
            entry(
                &mut seq,
                Event::CountCompleted(CountCompleted::new(row[ons].to_owned(), 1)),
            ),
            entry(
                &mut seq,
                Event::ResultDeclared(ResultDeclared::new(row[ons].to_owned(), 1)),
            ),
        ];
        let (state, problems) = replay(&log);
        assert!(problems.is_empty(), "{}: {problems:?}", &row[name]);
        let report = report(&state);
        all.extend(report.contests.iter().cloned());
        let contest = &report.contests[0];
        assert_eq!(contest.status, Status::Declared, "{}", &row[name]);
        assert_eq!(contest.elected.len(), 1);
        let winner = &contest.elected[0];
        assert_eq!(
            winner.name,
            format!("{} {}", &row[member_first], &row[member_surname]),
            "{}",
            &row[name]
        );
        assert_eq!(
            winner.description.as_deref(),
            Some(&row[first_party]),
            "{}",
            &row[name]
        );
        assert_eq!(
            contest.majority,
            Some(row[majority].parse::<u64>().unwrap()),
            "{}: majority",
            &row[name]
        );
        let rec = contest.reconciliation.as_ref().unwrap();
        assert_eq!(
            rec.valid_papers,
            row[valid].parse::<u64>().unwrap(),
            "{}",
            &row[name]
        );
        *seats.entry(row[first_party].to_owned()).or_default() += 1;
        checked += 1;
    }
    assert_eq!(checked, 650);
    // The 650 contests as one NIST ERR v2 document, in JSON and XML, each
    // valid against the standard's schema.
    let whole = countroom::count::Report::new(all);
    let doc = countroom::io::render::err_json(&whole).unwrap();
    crate::err_formats::validate_json(&doc, "GE2019");
    let doc = countroom::io::render::err_xml(&whole).unwrap();
    crate::err_formats::validate_xml(&doc, "GE2019");
    let expected: BTreeMap<String, u32> = [
        ("Con", 365),
        ("Lab", 202),
        ("SNP", 48),
        ("LD", 11),
        ("DUP", 8),
        ("SF", 7),
        ("PC", 4),
        ("SDLP", 2),
        ("Green", 1),
        ("APNI", 1),
        ("Spk", 1),
    ]
    .into_iter()
    .map(|(p, n)| (p.to_owned(), n))
    .collect();
    assert_eq!(seats, expected);
}
