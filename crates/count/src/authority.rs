//! Who may record what: the offices at a count, and a table (data, in one
//! place: [`PERMISSIONS`]) of the events each office may record, with the
//! rule for each.
//!
//! A log with no `officer_appointed` entry is not checked: its documents
//! say "authority was not checked". From the first `officer_appointed`
//! entry that applies, every entry's `by` must be the `person` of someone
//! appointed (`officer_appointed` or `agent_appointed`) whose office allows
//! the event ([`Authority::check`]). The entries before it (typically the
//! definitions of the election, made before anyone is recorded as holding
//! office) are not checked, and the documents say from which entry
//! authority was checked.
//!
//! Decisions recorded here (`docs/count-log.md` and `ARCHITECTURE.md`,
//! "Roles and authority"):
//!
//! - The Returning Officer, the Acting Returning Officer and the collating
//!   officer hold office by law (RPA 1983 ss.24, 28(1) and 35(1); the
//!   collating officer under the order for the poll, e.g. the police area
//!   returning officer of the PCCEO 2012; doubt: the article was not read)
//!   and record it themselves: their `officer_appointed`
//!   has `by` equal to `person`, and nobody else may record it. So the first
//!   appointment of a log is one of them recording their own office. Each
//!   contest has at most one holder of each of these offices: a second
//!   person recording the office for a contest that already has one is
//!   refused, and so is someone already appointed to another office.
//! - A person holds one appointment at a time: appointing them again (a new
//!   key, other functions) replaces it from that entry on; a checkpoint is
//!   checked against the key they held at its entry.
//! - A deputy with a list of functions may appoint a deputy only with
//!   functions from that list, and someone appointed for some contests may
//!   appoint only for (some of) those contests.
//! - An appointment limited to contests allows only events whose contests
//!   are all among them; events that name no contest (a box received, a
//!   polling place defined) are not limited.
//! - Candidates and agents are for one contest and one candidate, which must
//!   be defined and standing when they are recorded (the notice of
//!   appointment names a nominated candidate, PER r.30): an agent recorded
//!   before the contest is defined is refused.
//! - `checkpoint_signed` may be recorded by anyone appointed who has a
//!   public key, observers and agents included: a signature attests the log
//!   and changes nothing in the count.
//! - `log_upgraded` may be recorded by anyone, appointed or not: it is
//!   written by whoever upgrades the file (often an auditor after the
//!   count), and changes nothing in the count.
//! - Observers record nothing else.

use std::collections::BTreeMap;

use countroom_log::{AgentAppointed, Entry, Event, OfficerAppointed};
use serde::Serialize;

/// An office at the count, or a person entitled to attend it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Role {
    /// The Returning Officer (RPA 1983 s.24; s.35 for local elections).
    ReturningOfficer,
    /// The Acting Returning Officer (RPA 1983 s.28(1)).
    ActingReturningOfficer,
    /// A Deputy Returning Officer, with all or some of the returning
    /// officer's functions (RPA 1983 s.28(5), s.35(4)).
    DeputyReturningOfficer,
    /// A count supervisor (one of the returning officer's clerks, PER
    /// r.44(2)).
    CountSupervisor,
    /// A count clerk (PER r.44(2)).
    CountClerk,
    /// The officer who collates counting areas' local totals (the police
    /// area returning officer, PCCEO 2012 Sch 3 rr.57–62; a combined
    /// authority returning officer; a Regional Counting Officer).
    CollatingOfficer,
    /// A candidate (PER r.44(2)).
    Candidate,
    /// A candidate's election agent (PER r.44(2)).
    ElectionAgent,
    /// A counting agent of a candidate (PER r.30).
    CountingAgent,
    /// An accredited observer (PPERA 2000 ss.6A–6D).
    Observer,
}

impl Role {
    /// Every role, in the order of the table.
    pub const ALL: [Role; 10] = [
        Role::ReturningOfficer,
        Role::ActingReturningOfficer,
        Role::DeputyReturningOfficer,
        Role::CountSupervisor,
        Role::CountClerk,
        Role::CollatingOfficer,
        Role::Candidate,
        Role::ElectionAgent,
        Role::CountingAgent,
        Role::Observer,
    ];

    /// The offices of `officer_appointed`.
    pub const OFFICERS: [Role; 6] = [
        Role::ReturningOfficer,
        Role::ActingReturningOfficer,
        Role::DeputyReturningOfficer,
        Role::CountSupervisor,
        Role::CountClerk,
        Role::CollatingOfficer,
    ];

    /// The roles of `agent_appointed`.
    pub const ATTENDING: [Role; 4] = [
        Role::Candidate,
        Role::ElectionAgent,
        Role::CountingAgent,
        Role::Observer,
    ];

    /// The code in the log.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Role::ReturningOfficer => "returning_officer",
            Role::ActingReturningOfficer => "acting_returning_officer",
            Role::DeputyReturningOfficer => "deputy_returning_officer",
            Role::CountSupervisor => "count_supervisor",
            Role::CountClerk => "count_clerk",
            Role::CollatingOfficer => "collating_officer",
            Role::Candidate => "candidate",
            Role::ElectionAgent => "election_agent",
            Role::CountingAgent => "counting_agent",
            Role::Observer => "observer",
        }
    }

    /// The role with this code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.code() == code)
    }

    /// Whether the role is an office of the count (the Returning Officer,
    /// their deputies and staff, a collating officer), not a candidate, an
    /// agent or an observer.
    #[must_use]
    pub fn is_officer(self) -> bool {
        !matches!(
            self,
            Role::Candidate | Role::ElectionAgent | Role::CountingAgent | Role::Observer
        )
    }

    /// The title as printed on the documents ("Returning Officer").
    #[must_use]
    pub fn title(self) -> &'static str {
        match self {
            Role::ReturningOfficer => "Returning Officer",
            Role::ActingReturningOfficer => "Acting Returning Officer",
            Role::DeputyReturningOfficer => "Deputy Returning Officer",
            Role::CountSupervisor => "count supervisor",
            Role::CountClerk => "count clerk",
            Role::CollatingOfficer => "collating officer",
            Role::Candidate => "candidate",
            Role::ElectionAgent => "election agent",
            Role::CountingAgent => "counting agent",
            Role::Observer => "observer",
        }
    }

    /// Offices held by law and recorded by their holder.
    fn by_law(self) -> bool {
        matches!(
            self,
            Role::ReturningOfficer | Role::ActingReturningOfficer | Role::CollatingOfficer
        )
    }

    /// How the role is named when it is one of those allowed ("the
    /// Returning Officer", "a count clerk").
    fn allowed_phrase(self, function: Option<Function>) -> String {
        match self {
            Role::ReturningOfficer | Role::ActingReturningOfficer => {
                format!("the {}", self.title())
            }
            Role::CollatingOfficer => "the collating officer".to_owned(),
            Role::DeputyReturningOfficer => match function {
                Some(f) => format!("a deputy with the {} function", f.code()),
                None => "a deputy".to_owned(),
            },
            Role::ElectionAgent => "an election agent".to_owned(),
            Role::Observer => "an observer".to_owned(),
            Role::CountingAgent => "a counting agent of a candidate in the contest".to_owned(),
            Role::Candidate => "a candidate in the contest".to_owned(),
            Role::CountSupervisor | Role::CountClerk => format!("a {}", self.title()),
        }
    }
}

/// A function of the returning officer that a deputy may be given (RPA
/// 1983 s.28(5), s.35(4): "all or any of" the functions).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Function {
    /// Define the election, its contests and venues.
    Define,
    /// Appoint staff and deputies; record agents' appointments.
    Appoint,
    /// Verify the ballot paper accounts.
    Verify,
    /// Count the votes.
    Count,
    /// Decide doubtful papers.
    Adjudicate,
    /// Decide (or of their own motion request) a re-count.
    Recount,
    /// Draw lots.
    Lot,
    /// Complete a count, a second count or verification.
    Complete,
    /// Declare the result.
    Declare,
    /// Act for the collating officer.
    Collate,
}

impl Function {
    /// Every function.
    pub const ALL: [Function; 10] = [
        Function::Define,
        Function::Appoint,
        Function::Verify,
        Function::Count,
        Function::Adjudicate,
        Function::Recount,
        Function::Lot,
        Function::Complete,
        Function::Declare,
        Function::Collate,
    ];

    /// The code in the log.
    #[must_use]
    pub fn code(self) -> &'static str {
        match self {
            Function::Define => "define",
            Function::Appoint => "appoint",
            Function::Verify => "verify",
            Function::Count => "count",
            Function::Adjudicate => "adjudicate",
            Function::Recount => "recount",
            Function::Lot => "lot",
            Function::Complete => "complete",
            Function::Declare => "declare",
            Function::Collate => "collate",
        }
    }

    /// The function with this code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Function> {
        Function::ALL.into_iter().find(|f| f.code() == code)
    }
}

const OFFICERS: &[Role] = &[
    Role::ReturningOfficer,
    Role::ActingReturningOfficer,
    Role::DeputyReturningOfficer,
];
const OFFICERS_AND_STAFF: &[Role] = &[
    Role::ReturningOfficer,
    Role::ActingReturningOfficer,
    Role::DeputyReturningOfficer,
    Role::CountSupervisor,
    Role::CountClerk,
];

/// One row of the table: events, the offices that may record them, the
/// function a deputy needs, and the rule.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Permission {
    /// The event types (as in the log).
    pub events: &'static [&'static str],
    /// What recording them does, as the refusal says it ("decide doubtful
    /// papers").
    pub what: &'static str,
    /// The roles that may record them.
    pub roles: &'static [Role],
    /// The function a deputy needs (a deputy with no list has them all).
    pub function: Option<Function>,
    /// Whether someone not appointed at all may record them.
    pub unappointed: bool,
    /// The rule.
    pub rule: &'static str,
}

impl Permission {
    /// "the Returning Officer, the Acting Returning Officer or a deputy with
    /// the adjudicate function".
    #[must_use]
    pub fn allowed(&self) -> String {
        let phrases: Vec<String> = self
            .roles
            .iter()
            .map(|r| r.allowed_phrase(self.function))
            .collect();
        match phrases.split_last() {
            None => "nobody".to_owned(),
            Some((last, [])) => last.clone(),
            Some((last, rest)) => format!("{} or {last}", rest.join(", ")),
        }
    }
}

/// Who may record which event. Every event type is in exactly one row
/// (checked by a test).
pub static PERMISSIONS: &[Permission] = &[
    Permission {
        events: &[
            "election_defined",
            "contest_defined",
            "counting_area_defined",
            "polling_place_defined",
            "polling_station_defined",
            "ballot_box_defined",
            "region_defined",
            "list_contest_defined",
        ],
        what: "define the election, its contests and venues",
        roles: OFFICERS,
        function: Some(Function::Define),
        unappointed: false,
        rule: "RPA 1983 s.23(2), the returning officer's general duty to conduct the election; deputies s.28(5), s.35(4)",
    },
    Permission {
        events: &[
            "papers_verified",
            "box_received",
            "account_entered",
            "box_counted",
            "papers_moved",
            "postal_opening_recorded",
            "tendered_votes_listed",
        ],
        what: "record verification",
        roles: OFFICERS_AND_STAFF,
        function: Some(Function::Verify),
        unappointed: false,
        rule: "PER r.45(1)-(4): the returning officer and clerks verify each ballot paper account; r.44(2)",
    },
    Permission {
        events: &[
            "bundle_counted",
            "paper_batch_counted",
            "rejected_counted",
            "rejected_in_part_counted",
            "papers_set_aside",
            "second_preferences_counted",
            "saved_counted",
        ],
        what: "count ballot papers",
        roles: OFFICERS_AND_STAFF,
        function: Some(Function::Count),
        unappointed: false,
        rule: "PER r.45: the returning officer and clerks count the votes; r.44(2)",
    },
    Permission {
        events: &["doubtful_paper_decided"],
        what: "decide doubtful papers",
        roles: OFFICERS,
        function: Some(Function::Adjudicate),
        unappointed: false,
        rule: "PER r.47 and r.48: the returning officer endorses and decides every doubtful paper, and the decision is final",
    },
    Permission {
        events: &["rejection_objected"],
        what: "object to a rejection",
        roles: &[
            Role::Candidate,
            Role::ElectionAgent,
            Role::CountingAgent,
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
        ],
        function: Some(Function::Adjudicate),
        unappointed: false,
        rule: "PER r.47(3): a counting agent objects to the returning officer's decision to reject a paper, and the returning officer endorses it \"rejection objected to\"; candidates and election agents may do what counting agents may (RPA 1983 Sch 1 r.30, appointment of polling and counting agents)",
    },
    Permission {
        events: &["explanation_recorded"],
        what: "record explanations of variances",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CountSupervisor,
        ],
        function: Some(Function::Verify),
        unappointed: false,
        // Doubt (not printed): that explaining a variance is the officer's
        // (and count supervisor's) act is inferred from the guidance, which
        // gives the statement to the returning officer; no rule names it.
        rule: "PER r.45(4), the verification statement; Electoral Commission guidance on discrepancies",
    },
    Permission {
        events: &[
            "count_completed",
            "second_count_completed",
            "verification_completed",
        ],
        what: "complete a count or verification",
        roles: OFFICERS,
        function: Some(Function::Complete),
        unappointed: false,
        rule: "PER r.45 and r.46(2): the returning officer completes the counting, then gives the candidates and agents a reasonable opportunity to ask for a re-count",
    },
    Permission {
        events: &["recount_requested"],
        what: "request a re-count",
        roles: &[
            Role::Candidate,
            Role::ElectionAgent,
            Role::CountingAgent,
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
        ],
        function: Some(Function::Recount),
        unappointed: false,
        rule: "PER r.46(1): a candidate or election agent may require a re-count, and the returning officer may re-count of their own motion; at a PCC poll one counting agent per count may be designated to require a re-count (PCCEO 2012 Sch 3 r.31(2), re-count under r.54)",
    },
    Permission {
        events: &["recount_decided"],
        what: "decide a re-count",
        roles: OFFICERS,
        function: Some(Function::Recount),
        unappointed: false,
        rule: "PER r.46(1)-(2): the returning officer may refuse a request that is in their opinion unreasonable",
    },
    Permission {
        events: &["lot_drawn"],
        what: "draw lots",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Lot),
        unappointed: false,
        // Read: PCCEO 2012 Sch 3 r.58 (attendance at the central
        // calculation) and r.59 "The first calculation and resolution of
        // equality", whose paragraph (1) gives the calculation to the
        // police area returning officer (as made,
        // legislation.gov.uk/uksi/2012/1917/schedule/3/part/3/chapter/4/
        // crossheading/the-central-calculation/made). Doubt (not printed):
        // the paragraph of r.59 on the lot itself was not read; rr.59-62
        // are its central calculation, second count and equality, as
        // countroom-collate cites them.
        rule: "PER r.49; at a collated poll the collating officer (at a PCC poll, PCCEO 2012 Sch 3 rr.59-62)",
    },
    Permission {
        events: &["result_declared"],
        what: "declare the result",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Declare),
        unappointed: false,
        rule: "PER r.50 (which the returning officer may reserve: RPA 1983 s.28(2)(b)); at a collated poll the collating officer (PCCEO 2012 Sch 3 r.62)",
    },
    Permission {
        events: &["planning_decision_recorded"],
        what: "record the local planning authority's decision on a neighbourhood plan",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
        ],
        function: Some(Function::Declare),
        unappointed: false,
        rule: "the decision is the local planning authority's (Planning and Compulsory Purchase Act 2004 s.38A(5)); the counting officer who declared the referendums (Neighbourhood Planning (Referendums) Regulations 2012 reg 9) records it with the results",
    },
    Permission {
        events: &["local_total_reported", "local_second_count_reported"],
        what: "report a local total",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Count),
        unappointed: false,
        rule: "PCCEO 2012 Sch 3 r.57 and r.60(2): the local returning officer informs the collating officer",
    },
    Permission {
        events: &[
            "local_total_authorised",
            "area_recount_ordered",
            "second_count_directed",
        ],
        what: "authorise local totals, order an area's re-count or direct a second count",
        roles: &[Role::CollatingOfficer, Role::DeputyReturningOfficer],
        function: Some(Function::Collate),
        unappointed: false,
        rule: "PCCEO 2012 Sch 3 rr.57-60: the collating officer's functions",
    },
    Permission {
        events: &["constituency_return_reported"],
        what: "report a constituency's return to the regional returning officer",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Count),
        unappointed: false,
        // Doubt (not printed): the elections orders' rule on how a
        // constituency return is notified to the regional returning
        // officer was not read; the regional allocation needs every
        // constituency's return (Scotland Act 1998 s.7(2)).
        rule: "Scotland Act 1998 s.7(2); Government of Wales Act 2006 s.8(3) as enacted; GLA Act 1999 s.4(3): the regional figures are divided by the constituency seats won in the region",
    },
    Permission {
        events: &["list_lot_drawn"],
        what: "draw lots between equal highest figures of a list allocation",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Lot),
        unappointed: false,
        rule: "the list ruleset's rule on equal highest figures (countroom_rules::lists, `equal_figures`): the officer who allocates the seats decides by lot",
    },
    Permission {
        events: &["allocation_recalculation_requested"],
        what: "ask for the list allocation to be recalculated",
        roles: &[
            Role::Candidate,
            Role::ElectionAgent,
            Role::CountingAgent,
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Recount),
        unappointed: false,
        // Doubt (not printed): the elections orders' paragraph giving
        // agents the right to ask for the allocation to be recalculated
        // was not read here (issue 19 names the right).
        rule: "the allocation made by the officer who allocates the seats (Government of Wales Act 2006 s.9 as substituted in 2024 at the Senedd from 2026; Scotland Act 1998 ss.7-8 in a Scottish region; GLA Act 1999 Sch 2 Part II for the London members), checked at the request of a candidate or agent",
    },
    Permission {
        events: &["allocation_recalculated", "list_vacancy_filled"],
        what: "recalculate a list allocation or record a list vacancy filled",
        roles: &[
            Role::ReturningOfficer,
            Role::ActingReturningOfficer,
            Role::DeputyReturningOfficer,
            Role::CollatingOfficer,
        ],
        function: Some(Function::Declare),
        unappointed: false,
        rule: "the allocation made by the officer who allocates the seats; a later vacancy in a list seat: the statute of the contest's own ruleset (countroom_rules::lists::ListRuleset::list_vacancy_citation)",
    },
    Permission {
        events: &["officer_appointed"],
        what: "appoint deputies or count staff",
        roles: OFFICERS,
        function: Some(Function::Appoint),
        unappointed: false,
        rule: "RPA 1983 s.28(5), s.35(4) (deputies) and PER r.44(2) (clerks); the Returning Officer, Acting Returning Officer and collating officer hold office by law (ss.24, 28(1), 35(1)) and record it themselves",
    },
    Permission {
        events: &["agent_appointed"],
        what: "record candidates, agents and observers",
        roles: OFFICERS,
        function: Some(Function::Appoint),
        unappointed: false,
        rule: "PER r.30: the notice of appointment of counting agents is given to the returning officer; r.44(2); observers PPERA 2000 ss.6A-6D",
    },
    Permission {
        events: &["checkpoint_signed"],
        what: "sign a checkpoint",
        roles: &Role::ALL,
        function: None,
        unappointed: false,
        rule: "countroom's evidence, no statute: a signature attests the log and changes nothing in the count; it needs the signer's appointed public key",
    },
    Permission {
        events: &["log_upgraded"],
        what: "record an upgrade of the log",
        roles: &Role::ALL,
        function: None,
        unappointed: true,
        rule: "countroom's evidence, no statute: the upgrade changes nothing in the count",
    },
];

/// The row for an event type.
#[must_use]
pub fn permission(kind: &str) -> Option<&'static Permission> {
    PERMISSIONS.iter().find(|p| p.events.contains(&kind))
}

/// Whether `role`, with a deputy's `functions` (empty: all), may record
/// events of type `kind`, by the table alone (contests, appointments by
/// law and keys are checked by [`Authority::check`]).
pub fn may_record(role: Role, functions: &[Function], kind: &str) -> Result<(), RoleRefusal> {
    let p = permission(kind).ok_or(RoleRefusal::UnknownEvent)?;
    if !p.roles.contains(&role) {
        return Err(RoleRefusal::Role(p));
    }
    match (role, p.function) {
        (Role::DeputyReturningOfficer, Some(f))
            if !functions.is_empty() && !functions.contains(&f) =>
        {
            Err(RoleRefusal::Role(p))
        }
        _ => Ok(()),
    }
}

/// Why the table refuses a role an event.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub enum RoleRefusal {
    /// The row of the event, whose roles (or function) the role lacks.
    Role(&'static Permission),
    /// An event type the table does not know.
    UnknownEvent,
}

/// Someone appointed, from the entry that appointed them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Appointment {
    /// The entry that recorded it.
    pub seq: u64,
    /// Who recorded it.
    pub by: String,
    /// Their identifier (what `by` holds in the entries they record).
    pub person: String,
    /// Their name.
    pub name: String,
    /// Their office or role.
    pub role: Role,
    /// A deputy's functions (empty: all).
    pub functions: Vec<Function>,
    /// The contests the appointment is for (empty: every contest). A
    /// candidate's or agent's one contest.
    pub contests: Vec<String>,
    /// The candidate a candidate is, or an agent acts for.
    pub candidate: Option<String>,
    /// A local returning officer's counting area (collated polls).
    pub counting_area: Option<String>,
    /// Their Ed25519 public key (hex).
    pub public_key: Option<String>,
}

impl Appointment {
    /// How a refusal describes them: "a counting agent for C3 in contest
    /// abbey", "a Deputy Returning Officer with the functions count,
    /// verify".
    #[must_use]
    pub fn describe(&self) -> String {
        let mut s = match self.role {
            Role::Candidate => format!(
                "the candidate {} in contest {}",
                self.candidate.as_deref().unwrap_or("?"),
                self.contests.join(", ")
            ),
            Role::ElectionAgent | Role::CountingAgent => format!(
                "{} for {} in contest {}",
                self.role
                    .allowed_phrase(None)
                    .replace(" of a candidate in the contest", ""),
                self.candidate.as_deref().unwrap_or("?"),
                self.contests.join(", ")
            ),
            Role::ReturningOfficer | Role::ActingReturningOfficer | Role::CollatingOfficer => {
                format!("the {}", self.role.title())
            }
            Role::DeputyReturningOfficer => "a Deputy Returning Officer".to_owned(),
            Role::CountSupervisor | Role::CountClerk => format!("a {}", self.role.title()),
            Role::Observer => "an observer".to_owned(),
        };
        if !self.functions.is_empty() {
            let f: Vec<&str> = self.functions.iter().map(|f| f.code()).collect();
            s.push_str(" with the functions ");
            s.push_str(&f.join(", "));
        }
        if !self.contests.is_empty() && !self.role.is_attending() {
            s.push_str(" for contests ");
            s.push_str(&self.contests.join(", "));
        }
        s
    }

    fn covers(&self, contest: &str) -> bool {
        self.contests.is_empty() || self.contests.iter().any(|c| c == contest)
    }

    fn overlaps(&self, contests: &[String]) -> bool {
        self.contests.is_empty() || contests.is_empty() || contests.iter().any(|c| self.covers(c))
    }
}

impl Role {
    fn is_attending(self) -> bool {
        Role::ATTENDING.contains(&self)
    }
}

/// Why an entry's `by` may not record it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum Refusal {
    /// `by` names nobody appointed.
    #[error("{person} is not appointed: from entry {from} on, every entry must be recorded by the `person` of someone appointed (officer_appointed or agent_appointed)")]
    NotAppointed {
        /// The `by`.
        person: String,
        /// The entry authority is checked from.
        from: u64,
    },
    /// Their role (or a deputy's functions) does not allow the event.
    #[error("{person} is {holds}, who may not {what} (only {allowed}: {rule})")]
    NotAllowed {
        /// The `by`.
        person: String,
        /// What they are.
        holds: String,
        /// What the event does.
        what: &'static str,
        /// Who may.
        allowed: String,
        /// The rule (at a list contest, with the officer of its own poll:
        /// "at this poll, the constituency returning officer").
        rule: String,
    },
    /// A local returning officer reporting for another counting area.
    #[error("{person} is the returning officer of counting area {area}, and may not report for counting area {other} (PCCEO 2012 Sch 3 r.57: each local returning officer reports the local total of their own area)")]
    OtherArea {
        /// The `by`.
        person: String,
        /// Their area.
        area: String,
        /// The event's area.
        other: String,
    },
    /// Their appointment is for other contests.
    #[error("{person} is {holds}, and may not record for contest {contest}")]
    OtherContest {
        /// The `by`.
        person: String,
        /// What they are.
        holds: String,
        /// The contest of the event.
        contest: String,
    },
    /// A checkpoint by someone with no key.
    #[error("{person} is {holds} with no public key: a checkpoint is signed with the key appointed for the signer")]
    NoKey {
        /// The `by`.
        person: String,
        /// What they are.
        holds: String,
    },
    /// An office held by law recorded by someone else.
    #[error("{by} may not record {person} as the {office}: the {office} holds office by law and records it themselves (`by` must be {person}; RPA 1983 ss.24, 28(1), 35(1))")]
    ByLaw {
        /// The `by`.
        by: String,
        /// The person.
        person: String,
        /// The office.
        office: &'static str,
    },
    /// An office held by law recorded by its holder, but someone else holds
    /// it, or the holder holds another appointment.
    #[error("{person} may not record holding the office of {office}: {reason}")]
    OfficeTaken {
        /// The person.
        person: String,
        /// The office.
        office: &'static str,
        /// Why.
        reason: String,
    },
    /// An appointment wider than the appointer's own.
    #[error("{by} is {holds}, and may not appoint {person} {beyond}")]
    Beyond {
        /// The `by`.
        by: String,
        /// What they are.
        holds: String,
        /// The person appointed.
        person: String,
        /// What is beyond the appointer ("for every contest", "with the
        /// declare function").
        beyond: String,
    },
}

/// Who holds which office, as replay has found it so far.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct Authority {
    checked_from: Option<u64>,
    /// Every appointment, in the order recorded.
    history: Vec<Appointment>,
    /// Each person's current appointment (index into `history`).
    current: BTreeMap<String, usize>,
}

impl Authority {
    /// The entry from which every entry's `by` is checked (the first
    /// `officer_appointed` that applied); `None`: authority was not
    /// checked.
    #[must_use]
    pub fn checked_from(&self) -> Option<u64> {
        self.checked_from
    }

    /// Every appointment in the order recorded (a person appointed again
    /// appears again).
    #[must_use]
    pub fn appointments(&self) -> &[Appointment] {
        &self.history
    }

    /// A person's current appointment.
    #[must_use]
    pub fn holder(&self, person: &str) -> Option<&Appointment> {
        self.current.get(person).and_then(|&i| self.history.get(i))
    }

    /// The appointment a person held just before entry `seq` (the key a
    /// checkpoint at `seq` is checked with).
    #[must_use]
    pub fn held_before(&self, person: &str, seq: u64) -> Option<&Appointment> {
        self.history
            .iter()
            .rev()
            .find(|a| a.person == person && a.seq < seq)
    }

    /// Checks that `entry.by` may record `entry` (before the entry
    /// applies; the state is not changed).
    pub fn check(&self, entry: &Entry) -> Result<(), Refusal> {
        let kind = entry.event.kind();
        if let Event::OfficerAppointed(e) = &entry.event {
            if let Some(role) = Role::from_code(&e.role).filter(|r| r.by_law()) {
                return self.check_by_law(entry, e, role);
            }
        }
        let Some(from) = self.checked_from else {
            // Not checked until the first appointment; an appointment
            // other than of an office held by law needs an appointer.
            if !matches!(entry.event, Event::OfficerAppointed(_)) {
                return Ok(());
            }
            return Err(Refusal::NotAppointed {
                person: entry.by.clone(),
                from: entry.seq,
            });
        };
        let p = permission(kind);
        if p.is_some_and(|p| p.unappointed) {
            return Ok(());
        }
        let Some(holder) = self.holder(&entry.by) else {
            return Err(Refusal::NotAppointed {
                person: entry.by.clone(),
                from,
            });
        };
        if let Err(RoleRefusal::Role(p)) = may_record(holder.role, &holder.functions, kind) {
            return Err(Refusal::NotAllowed {
                person: entry.by.clone(),
                holds: holder.describe(),
                what: p.what,
                allowed: p.allowed(),
                rule: p.rule.to_owned(),
            });
        }
        if let Some(area) = &holder.counting_area {
            let other = match &entry.event {
                // Left out (read as empty), the area is the count's to
                // refuse, naming the areas (not another area's officer).
                Event::LocalTotalReported(e) => Some(&e.counting_area).filter(|a| !a.is_empty()),
                Event::LocalSecondCountReported(e) => Some(&e.counting_area),
                // A list poll's papers counted at one constituency's count.
                Event::BundleCounted(e) => e.counting_area.as_ref(),
                Event::PaperBatchCounted(e) => e.counting_area.as_ref(),
                Event::RejectedCounted(e) => e.counting_area.as_ref(),
                Event::CountCompleted(e) => e.counting_area.as_ref(),
                Event::RecountRequested(e) => e.counting_area.as_ref(),
                Event::RecountDecided(e) => e.counting_area.as_ref(),
                Event::PapersSetAside(e) => e.counting_area.as_ref(),
                Event::DoubtfulPaperDecided(e) => e.counting_area.as_ref(),
                Event::SavedCounted(e) => e.counting_area.as_ref(),
                Event::RejectionObjected(e) => e.counting_area.as_ref(),
                Event::ExplanationRecorded(e) => e.counting_area.as_ref(),
                _ => None,
            };
            if let Some(other) = other.filter(|o| *o != area) {
                return Err(Refusal::OtherArea {
                    person: entry.by.clone(),
                    area: area.clone(),
                    other: other.clone(),
                });
            }
        }
        for contest in event_contests(&entry.event) {
            if !holder.covers(contest) {
                return Err(Refusal::OtherContest {
                    person: entry.by.clone(),
                    holds: holder.describe(),
                    contest: contest.to_owned(),
                });
            }
        }
        match &entry.event {
            Event::CheckpointSigned(_) if holder.public_key.is_none() => Err(Refusal::NoKey {
                person: entry.by.clone(),
                holds: holder.describe(),
            }),
            Event::OfficerAppointed(e) => check_within(holder, &entry.by, e),
            _ => Ok(()),
        }
    }

    fn check_by_law(&self, entry: &Entry, e: &OfficerAppointed, role: Role) -> Result<(), Refusal> {
        if entry.by != e.person {
            return Err(Refusal::ByLaw {
                by: entry.by.clone(),
                person: e.person.clone(),
                office: role.title(),
            });
        }
        if let Some(current) = self.holder(&e.person) {
            if current.role != role {
                return Err(Refusal::OfficeTaken {
                    person: e.person.clone(),
                    office: role.title(),
                    reason: format!("they are {} (entry {})", current.describe(), current.seq),
                });
            }
        }
        let taken = self
            .current
            .values()
            .filter_map(|&i| self.history.get(i))
            .find(|a| {
                a.role == role
                    && a.person != e.person
                    && a.overlaps(&e.contests)
                    && a.counting_area == e.counting_area
            });
        match taken {
            Some(other) => Err(Refusal::OfficeTaken {
                person: e.person.clone(),
                office: role.title(),
                reason: format!(
                    "{} ({}) holds it{} from entry {}",
                    other.person,
                    other.name,
                    if other.contests.is_empty() {
                        String::new()
                    } else {
                        format!(" for contests {}", other.contests.join(", "))
                    },
                    other.seq
                ),
            }),
            None => Ok(()),
        }
    }

    /// Records an officer's appointment (already checked, its codes
    /// parsed).
    pub(crate) fn appoint(&mut self, appointment: Appointment) {
        if self.checked_from.is_none() && !appointment.role.is_attending() {
            self.checked_from = Some(appointment.seq);
        }
        let idx = self.history.len();
        self.current.insert(appointment.person.clone(), idx);
        self.history.push(appointment);
    }
}

/// An appointer limited to some contests or functions may appoint only
/// within them.
fn check_within(holder: &Appointment, by: &str, e: &OfficerAppointed) -> Result<(), Refusal> {
    let beyond = |what: String| Refusal::Beyond {
        by: by.to_owned(),
        holds: holder.describe(),
        person: e.person.clone(),
        beyond: what,
    };
    if !holder.contests.is_empty() {
        if e.contests.is_empty() {
            return Err(beyond("for every contest".into()));
        }
        if let Some(c) = e.contests.iter().find(|c| !holder.covers(c)) {
            return Err(beyond(format!("for contest {c}")));
        }
    }
    if !holder.functions.is_empty() && e.role == Role::DeputyReturningOfficer.code() {
        if e.functions.is_empty() {
            return Err(beyond("a deputy with all the functions".into()));
        }
        if let Some(f) = e
            .functions
            .iter()
            .find(|f| !holder.functions.iter().any(|h| h.code() == f.as_str()))
        {
            return Err(beyond(format!("a deputy with the {f} function")));
        }
    }
    Ok(())
}

/// The contests an event names (none for events of the venue or the whole
/// election).
#[must_use]
pub fn event_contests(event: &Event) -> Vec<&str> {
    match event {
        Event::ContestDefined(e) => vec![&e.contest],
        Event::BallotBoxDefined(e) => e.contests.iter().map(String::as_str).collect(),
        Event::PapersVerified(e) => vec![&e.contest],
        Event::AccountEntered(e) => vec![&e.contest],
        Event::BoxCounted(e) => vec![&e.contest],
        Event::PapersMoved(e) => vec![&e.from_contest, &e.to_contest],
        Event::PostalOpeningRecorded(e) => vec![&e.contest],
        Event::TenderedVotesListed(e) => vec![&e.contest],
        Event::VerificationCompleted(e) => vec![&e.contest],
        Event::BundleCounted(e) => vec![&e.contest],
        Event::RejectedCounted(e) => vec![&e.contest],
        Event::RejectedInPartCounted(e) => vec![&e.contest],
        Event::SavedCounted(e) => vec![&e.contest],
        Event::RejectionObjected(e) => vec![&e.contest],
        Event::PaperBatchCounted(e) => vec![&e.contest],
        Event::PapersSetAside(e) => vec![&e.contest],
        Event::DoubtfulPaperDecided(e) => vec![&e.contest],
        Event::ExplanationRecorded(e) => vec![&e.contest],
        Event::CountCompleted(e) => vec![&e.contest],
        Event::RecountRequested(e) => vec![&e.contest],
        Event::RecountDecided(e) => vec![&e.contest],
        Event::LotDrawn(e) => vec![&e.contest],
        Event::ResultDeclared(e) => vec![&e.contest],
        Event::SecondPreferencesCounted(e) => vec![&e.contest],
        Event::SecondCountCompleted(e) => vec![&e.contest],
        Event::LocalTotalReported(e) => vec![&e.contest],
        Event::LocalTotalAuthorised(e) => vec![&e.contest],
        Event::AreaRecountOrdered(e) => vec![&e.contest],
        Event::SecondCountDirected(e) => vec![&e.contest],
        Event::LocalSecondCountReported(e) => vec![&e.contest],
        Event::AgentAppointed(e) => e.contest.iter().map(String::as_str).collect(),
        Event::ListContestDefined(e) => vec![&e.contest],
        Event::ConstituencyReturnReported(e) => vec![&e.contest],
        Event::ListLotDrawn(e) => vec![&e.contest],
        Event::AllocationRecalculationRequested(e) => vec![&e.contest],
        Event::AllocationRecalculated(e) => vec![&e.contest],
        Event::ListVacancyFilled(e) => vec![&e.contest],
        Event::PlanningDecisionRecorded(e) => vec![&e.contest],
        // An officer's appointment is checked against the appointer's
        // contests by `check_within`.
        Event::OfficerAppointed(_)
        | Event::ElectionDefined(_)
        | Event::CountingAreaDefined(_)
        | Event::PollingPlaceDefined(_)
        | Event::PollingStationDefined(_)
        | Event::BoxReceived(_)
        | Event::RegionDefined(_)
        | Event::CheckpointSigned(_)
        | Event::LogUpgraded(_) => Vec::new(),
    }
}

/// An agent's appointment as read (its contest and candidate checked by
/// the state).
pub(crate) fn agent(seq: u64, by: &str, e: &AgentAppointed, role: Role) -> Appointment {
    Appointment {
        seq,
        by: by.to_owned(),
        person: e.person.clone(),
        name: e.name.clone(),
        role,
        functions: Vec::new(),
        contests: e.contest.iter().cloned().collect(),
        candidate: e.candidate.clone(),
        counting_area: None,
        public_key: e.public_key.clone(),
    }
}
