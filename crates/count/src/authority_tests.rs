//! Roles and authority, and signed checkpoints, through hand-built version 2
//! logs with real keys from fixed test seeds.

use countroom_log::checkpoint::{CheckpointError, CheckpointKey};
use countroom_log::{Entry, Event, Header, LogFile, Sha256Digest};

use crate::authority::{may_record, permission, Function, Refusal, Role, PERMISSIONS};
use crate::{replay_log, report, ProblemKind};

const ELECTION: &str = "ex-2026";

fn key(seed: u8) -> CheckpointKey {
    CheckpointKey::from_secret(&[seed; 32])
}

fn ev(json: &str) -> Event {
    serde_json::from_str(json).unwrap()
}

/// A log being built: entries numbered from 1.
#[derive(Clone)]
struct Builder {
    entries: Vec<Entry>,
}

impl Builder {
    fn push(&mut self, by: &str, event: Event) -> &mut Self {
        let seq = self.entries.len() as u64 + 1;
        self.entries.push(Entry::new(seq, by, event));
        self
    }

    fn header() -> Header {
        Header::v2(ELECTION, "0.1.0", &countroom_rules::table_digest())
    }

    fn file(&self) -> LogFile {
        countroom_log::read(&countroom_log::write(&Self::header(), &self.entries)).unwrap()
    }

    /// Appends a checkpoint by `by` signed with `key` over the log so far.
    fn sign(&mut self, by: &str, key: &CheckpointKey) -> &mut Self {
        let file = self.file();
        let through = self.entries.len() as u64;
        let head = file.head();
        let signature = key.sign(ELECTION, through, &head);
        self.push(
            by,
            Event::CheckpointSigned(countroom_log::CheckpointSigned::new(
                through,
                head.to_hex(),
                signature,
            )),
        )
    }

    fn problems(&self) -> Vec<String> {
        replay_log(&self.file())
            .1
            .iter()
            .map(ToString::to_string)
            .collect()
    }
}

fn definitions() -> Builder {
    let mut b = Builder { entries: vec![] };
    b.push("jmarsh", ev(r#"{"election_defined":{"election":"ex-2026","name":"Exampleshire District Council elections","poll_date":"2026-05-07"}}"#));
    b.push("jmarsh", ev(r#"{"contest_defined":{"contest":"abbey","election":"ex-2026","title":"Election of a District Councillor","area":"Abbey Ward","office":"principal_councillor","country":"england","electorate":5000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-09"}],"candidates":[{"id":"C1","name":"ADAMS, Jo"},{"id":"C2","name":"BROWN, Al"},{"id":"C3","name":"CLARK, Di"}]}}"#));
    b
}

fn officer(person: &str, name: &str, role: &str, extra: &str) -> Event {
    ev(&format!(
        r#"{{"officer_appointed":{{"person":"{person}","name":"{name}","role":"{role}"{extra}}}}}"#
    ))
}

fn with_key(k: &CheckpointKey) -> String {
    format!(r#","public_key":"{}""#, k.public_hex())
}

/// Entries 1–2 definitions; 3 Jane Marsh records holding the office of
/// Returning Officer (key seed 7); 4 a deputy (verify, count, complete);
/// 5 a count clerk; 6 a counting agent for C3; 7 a bundle; 8 a paper set
/// aside.
fn appointed() -> Builder {
    let mut b = definitions();
    b.push(
        "jmarsh",
        officer(
            "jmarsh",
            "Jane Marsh",
            "returning_officer",
            &with_key(&key(7)),
        ),
    );
    b.push(
        "jmarsh",
        officer(
            "domar",
            "Dom Arbuthnot",
            "deputy_returning_officer",
            r#","functions":["count","verify","complete"]"#,
        ),
    );
    b.push("jmarsh", officer("tclerk", "Tim Clerk", "count_clerk", ""));
    b.push("jmarsh", ev(r#"{"agent_appointed":{"person":"sjones","name":"Sam Jones","role":"counting_agent","contest":"abbey","candidate":"C3"}}"#));
    b.push("tclerk", ev(r#"{"bundle_counted":{"contest":"abbey","run":1,"bundle":"B1","votes":[{"candidate":"C1","votes":300},{"candidate":"C2","votes":200},{"candidate":"C3","votes":100}]}}"#));
    b.push(
        "tclerk",
        ev(r#"{"papers_set_aside":{"contest":"abbey","run":1,"papers":[{"paper":"D1"}]}}"#),
    );
    b
}

fn decide() -> Event {
    ev(
        r#"{"doubtful_paper_decided":{"contest":"abbey","run":1,"paper":"D1","decision":"valid","votes":["C1"]}}"#,
    )
}

fn complete() -> Event {
    ev(r#"{"count_completed":{"contest":"abbey","run":1}}"#)
}

/// The whole count: 9 decided by the RO, 10 completed by the deputy, 11
/// declared by the RO.
fn counted() -> Builder {
    let mut b = appointed();
    b.push("jmarsh", decide());
    b.push("domar", complete());
    b.push(
        "jmarsh",
        ev(r#"{"result_declared":{"contest":"abbey","run":1}}"#),
    );
    b
}

#[test]
fn every_event_type_is_in_exactly_one_row() {
    let kinds = [
        "election_defined",
        "contest_defined",
        "counting_area_defined",
        "polling_place_defined",
        "polling_station_defined",
        "ballot_box_defined",
        "papers_verified",
        "box_received",
        "account_entered",
        "box_counted",
        "papers_moved",
        "postal_opening_recorded",
        "tendered_votes_listed",
        "verification_completed",
        "bundle_counted",
        "rejected_counted",
        "rejected_in_part_counted",
        "paper_batch_counted",
        "papers_set_aside",
        "doubtful_paper_decided",
        "explanation_recorded",
        "count_completed",
        "recount_requested",
        "recount_decided",
        "lot_drawn",
        "result_declared",
        "second_preferences_counted",
        "second_count_completed",
        "region_defined",
        "local_total_reported",
        "local_total_authorised",
        "area_recount_ordered",
        "second_count_directed",
        "local_second_count_reported",
        "officer_appointed",
        "agent_appointed",
        "checkpoint_signed",
        "log_upgraded",
        "saved_counted",
        "rejection_objected",
        "list_contest_defined",
        "constituency_return_reported",
        "list_lot_drawn",
        "allocation_recalculation_requested",
        "allocation_recalculated",
        "list_vacancy_filled",
        "planning_decision_recorded",
    ];
    for k in kinds {
        let rows = PERMISSIONS.iter().filter(|p| p.events.contains(&k)).count();
        assert_eq!(rows, 1, "{k}");
    }
    let total: usize = PERMISSIONS.iter().map(|p| p.events.len()).sum();
    assert_eq!(total, kinds.len());
}

#[test]
fn the_table_by_role() {
    use Function::*;
    use Role::*;
    // PER rr.47-48: only the RO/ARO or a deputy with adjudicate decides.
    assert!(may_record(ReturningOfficer, &[], "doubtful_paper_decided").is_ok());
    assert!(may_record(ActingReturningOfficer, &[], "doubtful_paper_decided").is_ok());
    assert!(may_record(DeputyReturningOfficer, &[], "doubtful_paper_decided").is_ok());
    assert!(may_record(
        DeputyReturningOfficer,
        &[Adjudicate],
        "doubtful_paper_decided"
    )
    .is_ok());
    assert!(may_record(DeputyReturningOfficer, &[Count], "doubtful_paper_decided").is_err());
    assert!(may_record(CountSupervisor, &[], "doubtful_paper_decided").is_err());
    assert!(may_record(CountingAgent, &[], "doubtful_paper_decided").is_err());
    // PER r.46(1): candidates and agents request re-counts; clerks do not.
    assert!(may_record(Candidate, &[], "recount_requested").is_ok());
    assert!(may_record(ElectionAgent, &[], "recount_requested").is_ok());
    assert!(may_record(CountingAgent, &[], "recount_requested").is_ok());
    assert!(may_record(CountClerk, &[], "recount_requested").is_err());
    assert!(may_record(DeputyReturningOfficer, &[Recount], "recount_requested").is_ok());
    // PER r.45: count staff count; agents do not.
    assert!(may_record(CountClerk, &[], "bundle_counted").is_ok());
    assert!(may_record(CountSupervisor, &[], "box_counted").is_ok());
    assert!(may_record(DeputyReturningOfficer, &[Verify], "bundle_counted").is_err());
    assert!(may_record(ElectionAgent, &[], "bundle_counted").is_err());
    // PCCEO 2012 rr.57-60: collation by the collating officer only.
    assert!(may_record(CollatingOfficer, &[], "local_total_authorised").is_ok());
    assert!(may_record(ReturningOfficer, &[], "local_total_authorised").is_err());
    assert!(may_record(ReturningOfficer, &[], "local_total_reported").is_ok());
    // Explanations: a supervisor, not a clerk.
    assert!(may_record(CountSupervisor, &[], "explanation_recorded").is_ok());
    assert!(may_record(CountClerk, &[], "explanation_recorded").is_err());
    // Observers record nothing but signatures.
    for p in PERMISSIONS {
        for k in p.events {
            let expected = matches!(*k, "checkpoint_signed" | "log_upgraded");
            assert_eq!(may_record(Observer, &[], k).is_ok(), expected, "{k}");
        }
    }
    assert_eq!(
        permission("doubtful_paper_decided").unwrap().allowed(),
        "the Returning Officer, the Acting Returning Officer or a deputy with the adjudicate function"
    );
}

#[test]
fn a_clean_appointed_log_is_checked_and_signed() {
    let mut b = counted();
    b.sign("jmarsh", &key(7));
    assert_eq!(b.problems(), Vec::<String>::new());
    let (state, _) = replay_log(&b.file());
    let evidence = state.evidence().unwrap();
    assert_eq!(evidence.authority_checked_from, Some(3));
    assert_eq!(
        evidence.authority_line(),
        "authority checked throughout from entry 3"
    );
    let offices: Vec<(&str, &str)> = evidence
        .offices
        .iter()
        .map(|o| (o.person.as_str(), o.office))
        .collect();
    assert_eq!(
        offices,
        [
            ("jmarsh", "Returning Officer"),
            ("domar", "Deputy Returning Officer"),
            ("tclerk", "count clerk"),
            ("sjones", "counting agent"),
        ]
    );
    let lines: Vec<String> = evidence.coverage.iter().map(ToString::to_string).collect();
    assert_eq!(
        lines,
        ["entries 1\u{2013}12 signed by the Returning Officer (Jane Marsh)"]
    );
    let r = report(&state);
    let d = r.contests[0].declaration.as_ref().unwrap();
    assert_eq!(d.officer.as_deref(), Some("Jane Marsh, Returning Officer"));
}

#[test]
fn coverage_is_the_maximal_ranges() {
    let mut b = appointed();
    b.sign("jmarsh", &key(7)); // 9 covers 1-8
    b.push("jmarsh", decide()); // 10
    b.push("domar", complete()); // 11
    let (state, problems) = replay_log(&b.file());
    assert!(problems.is_empty(), "{problems:?}");
    let lines: Vec<String> = state
        .evidence()
        .unwrap()
        .coverage
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "entries 1\u{2013}8 signed by the Returning Officer (Jane Marsh)",
            "entries 9\u{2013}11 not signed"
        ]
    );
}

#[test]
fn a_deputy_without_adjudicate_may_not_decide() {
    let mut b = appointed();
    b.push("domar", decide());
    assert_eq!(
        b.problems(),
        ["entry 9 (doubtful_paper_decided): domar is a Deputy Returning Officer with the functions verify, count, complete, who may not decide doubtful papers (only the Returning Officer, the Acting Returning Officer or a deputy with the adjudicate function: PER r.47 and r.48: the returning officer endorses and decides every doubtful paper, and the decision is final)"]
    );
}

#[test]
fn an_agent_named_as_by_of_a_decision_is_refused() {
    // The deputy's decision rewritten with the agent as `by` (and the chain
    // made again, as a forger would).
    let mut b = appointed();
    b.push("sjones", decide());
    let problems = b.problems();
    assert_eq!(problems.len(), 1);
    assert!(
        problems[0].starts_with("entry 9 (doubtful_paper_decided): sjones is a counting agent for C3 in contest abbey, who may not decide doubtful papers (only the Returning Officer"),
        "{problems:?}"
    );
}

#[test]
fn recount_requests_by_agents_not_clerks() {
    let mut b = appointed();
    b.push("jmarsh", decide());
    b.push("domar", complete()); // 10
    let request = ev(r#"{"recount_requested":{"contest":"abbey","run":1}}"#);
    let mut clerk = b.clone();
    clerk.push("tclerk", request.clone());
    let p = clerk.problems();
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("entry 11 (recount_requested): tclerk is a count clerk, who may not request a re-count (only a candidate in the contest, an election agent, a counting agent of a candidate in the contest, the Returning Officer, the Acting Returning Officer or a deputy with the recount function: PER r.46(1)"), "{p:?}");
    b.push("sjones", request);
    assert_eq!(b.problems(), Vec::<String>::new());
}

#[test]
fn an_agent_of_another_contest_may_not_request() {
    let mut b = appointed();
    b.push("jmarsh", decide());
    b.push("domar", complete());
    b.push(
        "jmarsh",
        ev(r#"{"recount_requested":{"contest":"north","run":1}}"#),
    );
    // Unknown contest, but first: jmarsh may (all contests).
    assert!(
        b.problems()[0].contains("unknown contest north"),
        "{:?}",
        b.problems()
    );
}

#[test]
fn a_clerk_may_not_appoint() {
    let mut b = appointed();
    b.push("tclerk", officer("x", "X", "count_clerk", ""));
    let p = b.problems();
    assert_eq!(p.len(), 1);
    assert!(p[0].starts_with("entry 9 (officer_appointed): tclerk is a count clerk, who may not appoint deputies or count staff (only the Returning Officer, the Acting Returning Officer or a deputy with the appoint function: RPA 1983 s.28(5)"), "{p:?}");
}

#[test]
fn an_unknown_person_is_refused() {
    let mut b = appointed();
    b.push("nobody", decide());
    assert_eq!(
        b.problems(),
        ["entry 9 (doubtful_paper_decided): nobody is not appointed: from entry 3 on, every entry must be recorded by the `person` of someone appointed (officer_appointed or agent_appointed)"]
    );
}

#[test]
fn offices_held_by_law_are_recorded_by_their_holder_once() {
    let mut b = appointed();
    b.push(
        "jmarsh",
        officer("kpatel", "K Patel", "returning_officer", ""),
    );
    b.push(
        "kpatel",
        officer("kpatel", "K Patel", "returning_officer", ""),
    );
    b.push(
        "tclerk",
        officer("tclerk", "Tim Clerk", "acting_returning_officer", ""),
    );
    let p = b.problems();
    assert_eq!(p, [
        "entry 9 (officer_appointed): jmarsh may not record kpatel as the Returning Officer: the Returning Officer holds office by law and records it themselves (`by` must be kpatel; RPA 1983 ss.24, 28(1), 35(1))",
        "entry 10 (officer_appointed): kpatel may not record holding the office of Returning Officer: jmarsh (Jane Marsh) holds it from entry 3",
        "entry 11 (officer_appointed): tclerk may not record holding the office of Acting Returning Officer: they are a count clerk (entry 5)",
    ]);
}

#[test]
fn a_limited_deputy_may_not_appoint_beyond_their_functions() {
    let mut b = appointed();
    b.push(
        "jmarsh",
        officer(
            "dep2",
            "Dee Two",
            "deputy_returning_officer",
            r#","functions":["appoint"]"#,
        ),
    );
    b.push(
        "dep2",
        officer(
            "dep3",
            "Dee Three",
            "deputy_returning_officer",
            r#","functions":["declare"]"#,
        ),
    );
    b.push(
        "dep2",
        officer(
            "dep4",
            "Dee Four",
            "count_clerk",
            r#","contests":["abbey"]"#,
        ),
    );
    assert_eq!(b.problems(), ["entry 10 (officer_appointed): dep2 is a Deputy Returning Officer with the functions appoint, and may not appoint dep3 a deputy with the declare function"]);
}

#[test]
fn appointments_limited_to_contests() {
    let mut b = definitions();
    b.push("jmarsh", ev(r#"{"contest_defined":{"contest":"north","election":"ex-2026","title":"Election of a District Councillor","area":"North Ward","office":"principal_councillor","country":"england","electorate":5000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-09"}],"candidates":[{"id":"N1","name":"N, One"},{"id":"N2","name":"N, Two"}]}}"#));
    b.push(
        "jmarsh",
        officer("jmarsh", "Jane Marsh", "returning_officer", ""),
    );
    b.push(
        "jmarsh",
        officer(
            "nclerk",
            "North Clerk",
            "count_clerk",
            r#","contests":["north"]"#,
        ),
    );
    b.push("nclerk", ev(r#"{"bundle_counted":{"contest":"abbey","run":1,"bundle":"B1","votes":[{"candidate":"C1","votes":3}]}}"#));
    b.push("nclerk", ev(r#"{"bundle_counted":{"contest":"north","run":1,"bundle":"B1","votes":[{"candidate":"N1","votes":3}]}}"#));
    assert_eq!(b.problems(), ["entry 6 (bundle_counted): nclerk is a count clerk for contests north, and may not record for contest abbey"]);
}

#[test]
fn agents_need_a_standing_candidate_of_a_defined_contest() {
    let mut b = appointed();
    b.push("jmarsh", ev(r#"{"agent_appointed":{"person":"a1","name":"A","role":"election_agent","contest":"abbey","candidate":"C9"}}"#));
    b.push("jmarsh", ev(r#"{"agent_appointed":{"person":"a2","name":"A","role":"election_agent","contest":"south","candidate":"C1"}}"#));
    b.push("jmarsh", ev(r#"{"agent_appointed":{"person":"a3","name":"A","role":"counting_agent","contest":"abbey"}}"#));
    b.push(
        "jmarsh",
        ev(r#"{"agent_appointed":{"person":"a4","name":"A","role":"returning_officer"}}"#),
    );
    assert_eq!(b.problems(), [
        "entry 9 (agent_appointed): field `candidate`: unknown candidate C9 in contest abbey",
        "entry 10 (agent_appointed): field `contest`: unknown contest south",
        "entry 11 (agent_appointed): field `candidate`: a counting agent is for one contest and one candidate",
        "entry 12 (agent_appointed): field `role`: unknown role \"returning_officer\" (expected one of: candidate, election_agent, counting_agent, observer)",
    ]);
}

#[test]
fn observers_record_nothing_but_may_sign() {
    let mut b = appointed();
    b.push(
        "jmarsh",
        ev(&format!(
            r#"{{"agent_appointed":{{"person":"obs","name":"O Server","role":"observer"{}}}}}"#,
            with_key(&key(9))
        )),
    );
    b.push(
        "obs",
        ev(r#"{"explanation_recorded":{"contest":"abbey","run":1,"text":"x"}}"#),
    );
    b.sign("obs", &key(9));
    let p = b.problems();
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with(
            "entry 10 (explanation_recorded): obs is an observer, who may not record explanations"
        ),
        "{p:?}"
    );
}

#[test]
fn the_first_appointment_is_an_office_held_by_law() {
    let mut b = definitions();
    b.push("jmarsh", officer("tclerk", "Tim Clerk", "count_clerk", ""));
    b.push("anyone", decide());
    let p = b.problems();
    // The clerk's appointment is refused, so nothing is checked yet: the
    // decision fails for its own reasons (no paper set aside).
    assert_eq!(p[0], "entry 3 (officer_appointed): jmarsh is not appointed: from entry 3 on, every entry must be recorded by the `person` of someone appointed (officer_appointed or agent_appointed)");
    assert_eq!(p.len(), 2, "{p:?}");
}

#[test]
fn a_log_with_no_appointments_is_not_checked() {
    let mut b = definitions();
    b.push("anyone at all", ev(r#"{"bundle_counted":{"contest":"abbey","run":1,"bundle":"B1","votes":[{"candidate":"C1","votes":3}]}}"#));
    assert_eq!(b.problems(), Vec::<String>::new());
    let (state, _) = replay_log(&b.file());
    let e = state.evidence().unwrap();
    assert_eq!(e.authority_checked_from, None);
    assert_eq!(
        e.authority_line(),
        "authority was not checked (the log records no appointments)"
    );
    assert!(e.offices.is_empty());
    let lines: Vec<String> = e.coverage.iter().map(ToString::to_string).collect();
    assert_eq!(lines, ["entries 1\u{2013}3 not signed"]);
}

#[test]
fn a_signature_by_a_key_never_appointed() {
    // No appointments: the checkpoint is not refused by authority, but no
    // key was appointed for its signer.
    let mut b = definitions();
    b.sign("jmarsh", &key(7));
    assert_eq!(b.problems(), ["entry 3 (checkpoint_signed): jmarsh had no public key appointed before this entry: a signature is checked with the key appointed for the signer before it (a key appointed later, or never, does not verify)"]);
    // Appointed, but signing with another key.
    let mut b = counted();
    b.sign("jmarsh", &key(8));
    assert_eq!(b.problems(), ["entry 12 (checkpoint_signed): field `signature`: the signature does not verify with the key appointed (appointed for jmarsh at entry 3)"]);
    // Appointed with no key at all.
    let mut b = counted();
    b.sign("tclerk", &key(8));
    assert_eq!(b.problems(), ["entry 12 (checkpoint_signed): tclerk is a count clerk with no public key: a checkpoint is signed with the key appointed for the signer"]);
}

#[test]
fn a_signature_by_a_key_appointed_after_it() {
    let mut b = counted();
    b.sign("jmarsh", &key(8)); // 12: key 8 is not jmarsh's yet
    b.push(
        "jmarsh",
        officer(
            "jmarsh",
            "Jane Marsh",
            "returning_officer",
            &with_key(&key(8)),
        ),
    ); // 13
    b.sign("jmarsh", &key(8)); // 14: now it is
    b.sign("jmarsh", &key(7)); // 15: the old key is replaced
    let p = b.problems();
    assert_eq!(p, [
        "entry 12 (checkpoint_signed): field `signature`: the signature does not verify with the key appointed (appointed for jmarsh at entry 3)",
        "entry 15 (checkpoint_signed): field `signature`: the signature does not verify with the key appointed (appointed for jmarsh at entry 13)",
    ]);
    let (state, _) = replay_log(&b.file());
    let lines: Vec<String> = state
        .evidence()
        .unwrap()
        .coverage
        .iter()
        .map(ToString::to_string)
        .collect();
    assert_eq!(
        lines,
        [
            "entries 1\u{2013}13 signed by the Returning Officer (Jane Marsh)",
            "entries 14\u{2013}15 not signed",
        ]
    );
}

fn last_checkpoint(b: &mut Builder) -> &mut countroom_log::CheckpointSigned {
    match &mut b.entries.last_mut().unwrap().event {
        Event::CheckpointSigned(c) => c,
        _ => unreachable!(),
    }
}

#[test]
fn a_signature_with_one_hex_digit_changed() {
    let mut b = counted();
    b.sign("jmarsh", &key(7));
    let c = last_checkpoint(&mut b);
    let first = if c.signature.starts_with('0') {
        "1"
    } else {
        "0"
    };
    c.signature.replace_range(0..1, first);
    let p = b.problems();
    assert_eq!(p.len(), 1);
    assert!(
        p[0].starts_with(
            "entry 12 (checkpoint_signed): field `signature`: the signature does not verify"
        ),
        "{p:?}"
    );
    assert_eq!(
        crate::ProblemKind::CheckpointSignature {
            person: "jmarsh".into(),
            appointed: 3,
            source: CheckpointError::DoesNotVerify
        },
        replay_log(&b.file()).1[0].kind
    );
}

#[test]
fn through_and_head_must_be_the_entry_before() {
    let mut b = counted();
    b.sign("jmarsh", &key(7));
    let mut wrong_through = b.clone();
    last_checkpoint(&mut wrong_through).through = 10;
    assert_eq!(wrong_through.problems(), ["entry 12 (checkpoint_signed): field `through`: 10 is not the entry just before this one (11)"]);
    let mut wrong_head = b.clone();
    let expected = b.file().head_before(12).unwrap().to_hex();
    last_checkpoint(&mut wrong_head).head = Sha256Digest([0; 32]).to_hex();
    assert_eq!(wrong_head.problems(), [format!("entry 12 (checkpoint_signed): field `head`: {} is not the chain head after entry 11 ({expected})", "0".repeat(64))]);
}

#[test]
fn a_version_1_log_cannot_be_signed() {
    let mut b = counted();
    b.sign("jmarsh", &key(7));
    let v1 = countroom_log::read(&countroom_log::write(&Header::v1(), &b.entries)).unwrap();
    let (_, p) = replay_log(&v1);
    assert_eq!(p.len(), 1);
    assert_eq!(p[0].kind, ProblemKind::CheckpointUnchained { version: 1 });
    assert_eq!(p[0].to_string(), "entry 12 (checkpoint_signed): a version 1 log has no chain to sign: upgrade it first (`countroom upgrade`)");
}

#[test]
fn refusals_are_typed() {
    let mut b = appointed();
    b.push("nobody", decide());
    let (_, p) = replay_log(&b.file());
    assert_eq!(
        p[0].kind,
        ProblemKind::Authority(Refusal::NotAppointed {
            person: "nobody".into(),
            from: 3
        })
    );
}

mod chained {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(256))]
        /// Any single-byte change to a chained log ending in a signed
        /// checkpoint shows: the file no longer reads, or replay finds a
        /// problem.
        #[test]
        fn any_byte_changed_shows(pos in any::<prop::sample::Index>(), byte in any::<u8>()) {
            let mut b = counted();
            b.sign("jmarsh", &key(7));
            let bytes = countroom_log::write(&Builder::header(), &b.entries);
            let i = pos.index(bytes.len());
            prop_assume!(bytes[i] != byte);
            let mut changed = bytes.clone();
            changed[i] = byte;
            match countroom_log::read(&changed) {
                Err(_) => {}
                Ok(file) => {
                    let (_, problems) = replay_log(&file);
                    prop_assert!(!problems.is_empty(), "byte {} changed to {:?} went unseen", i, byte as char);
                }
            }
        }
    }
}

/// The shipped collated poll: the combined authority's returning officer
/// collates, and each counting area's returning officer (the local
/// returning officer, PCCEO 2012 Sch 3 r.57) records holding the office for
/// their own area.
fn collated() -> Vec<Entry> {
    let text = include_str!("../../../examples/data/exampleshire-mayor.jsonl");
    countroom_log::read(text.as_bytes()).unwrap().entries
}

fn collated_problems(entries: &[Entry]) -> Vec<String> {
    let header = Header::v2(
        "exampleshire-2028",
        "0.1.0",
        &countroom_rules::table_digest(),
    );
    let file = countroom_log::read(&countroom_log::write(&header, entries)).unwrap();
    replay_log(&file)
        .1
        .iter()
        .map(ToString::to_string)
        .collect()
}

#[test]
fn local_returning_officers_each_hold_their_own_area() {
    let entries = collated();
    assert_eq!(collated_problems(&entries), Vec::<String>::new());

    // Southvale's returning officer reporting Northtown's total.
    let mut other = entries.clone();
    let i = other
        .iter()
        .position(
            |e| matches!(&e.event, Event::LocalTotalReported(t) if t.counting_area == "northtown"),
        )
        .unwrap();
    other[i].by = "lro-south".into();
    let problems = collated_problems(&other);
    assert!(
        problems[0].contains("lro-south is the returning officer of counting area southvale, and may not report for counting area northtown"),
        "{problems:?}"
    );

    // A second returning officer for Northtown, and one for an area that
    // does not exist.
    let at = entries
        .iter()
        .position(|e| e.event.kind() == "local_total_reported")
        .unwrap();
    for (area, expected) in [
        ("northtown", "lro-north (Alex Green) holds it"),
        ("eastmoor", "field `counting_area`: unknown counting area"),
    ] {
        let mut two = entries.clone();
        two.insert(
            at,
            Entry::new(0, "impostor", ev(&format!(
                    r#"{{"officer_appointed":{{"person":"impostor","name":"I. Postor","role":"returning_officer","contests":["exampleshire-mayor"],"counting_area":"{area}"}}}}"#
                ))),
        );
        for (n, e) in two.iter_mut().enumerate() {
            e.seq = n as u64 + 1;
        }
        let problems = collated_problems(&two);
        assert!(
            problems.iter().any(|p| p.contains(expected)),
            "{area}: {problems:?}"
        );
    }
}
