//! The typed commands of a list poll from plain values (the list contest
//! defined, a list area's bundles, rejected papers, batches by figures,
//! completion and re-counts, constituency returns, list lots,
//! recalculations and vacancies), and a contest (first past the post,
//! referendum, supplementary vote, STV) defined after the count has begun.
//! Each value is checked and every problem listed before the command is
//! built; the count then checks it as the replay checks the entry.

use countroom::live::{
    Bundle, Command, ConstituencyLink, ConstituencyReturn, ContestDefinition, ListBatch,
    ListContestDefinition, ListLot, ListMember, ListParty, ListVacancy, LotDraw, Rejected, Seat,
};
use countroom::model::{
    BundleId, CandidateId, CountingAreaId, Country, ElectionId, Electorate, Office, Papers, TableId,
};
use countroom::rules::lists::{ListOffice, LIST_RULESETS};
use countroom::rules::RejectionHead;

use super::Values;
use crate::api::Error;

impl Values {
    fn election(&mut self, value: &str) -> Option<ElectionId> {
        self.id("election", value, ElectionId::new)
    }

    fn area_of(&mut self, value: &str) -> Option<CountingAreaId> {
        self.id("counting_area", value, CountingAreaId::new)
    }

    fn country(&mut self, code: &str) -> Option<Country> {
        let c = Country::from_code(code);
        if c.is_none() {
            self.problem(
                "country",
                "unknown_code",
                format!(
                    "{code:?} is not a country's code (england, wales, scotland, northern_ireland)"
                ),
            );
        }
        c
    }

    fn heads(&mut self, rejected: &[(&str, u64)]) -> Option<Vec<(RejectionHead, Papers)>> {
        let heads: Vec<Option<(RejectionHead, Papers)>> = rejected
            .iter()
            .map(|&(h, n)| self.head("rejected.head", h).map(|h| (h, Papers::new(n))))
            .collect();
        heads.into_iter().collect()
    }

    fn date(&mut self, field: &str, text: &str) -> Option<time::Date> {
        let format = time::macros::format_description!("[year]-[month]-[day]");
        match time::Date::parse(text, &format) {
            Ok(d) => Some(d),
            Err(e) => {
                self.problem(
                    field,
                    "bad_date",
                    format!("{text:?} is not a date YYYY-MM-DD: {e}"),
                );
                None
            }
        }
    }
}

/// A party on a list ballot, as plain values: its id, its registered name
/// and its list in order, each (name, withdrawn, died).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct PartyValues<'a> {
    /// The party's id.
    pub id: &'a str,
    /// Its registered name.
    pub name: &'a str,
    /// Its list: each person's name, whether withdrawn, whether dead.
    pub list: Vec<(&'a str, bool, bool)>,
}

impl<'a> PartyValues<'a> {
    /// A party and its list (each person standing).
    #[must_use]
    pub fn new(id: &'a str, name: &'a str, list: &[&'a str]) -> Self {
        PartyValues {
            id,
            name,
            list: list.iter().map(|n| (*n, false, false)).collect(),
        }
    }

    /// A party and its list, each (name, withdrawn, died).
    #[must_use]
    pub fn with_list(id: &'a str, name: &'a str, list: Vec<(&'a str, bool, bool)>) -> Self {
        PartyValues { id, name, list }
    }
}

/// A list contest as plain values (`list_contest_defined`,
/// docs/count-log.md): codes as text, ids as text.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ListContestValues<'a> {
    /// The election (as the log defines it).
    pub election: &'a str,
    /// The contest's id.
    pub id: &'a str,
    /// The title (none: the default for the office).
    pub title: Option<&'a str>,
    /// The region, Senedd constituency or London.
    pub area: &'a str,
    /// The list office's code (`senedd_member`,
    /// `scottish_parliament_regional_member`, …).
    pub office: &'a str,
    /// The country's code.
    pub country: &'a str,
    /// Seats to fill.
    pub seats: u32,
    /// The list ruleset's code expected, if stated.
    pub ruleset: Option<&'a str>,
    /// The parties, in ballot-paper order.
    pub parties: Vec<PartyValues<'a>>,
    /// The individual candidates: (id, name).
    pub individuals: Vec<(&'a str, &'a str)>,
    /// The counting areas' ids.
    pub counting_areas: Vec<&'a str>,
    /// Additional member system: the constituencies.
    pub constituencies: Vec<&'a str>,
    /// Additional member system: (constituency, candidate, party) links.
    pub constituency_parties: Vec<(&'a str, &'a str, &'a str)>,
}

impl<'a> ListContestValues<'a> {
    /// A list contest with no parties or areas yet.
    #[must_use]
    pub fn new(
        election: &'a str,
        id: &'a str,
        area: &'a str,
        office: &'a str,
        country: &'a str,
        seats: u32,
    ) -> Self {
        ListContestValues {
            election,
            id,
            area,
            office,
            country,
            seats,
            ..ListContestValues::default()
        }
    }
}

/// A list contest defined (`list_contest_defined`; its counting areas
/// defined before it).
///
/// ```
/// use countroom_ffi::typed::{self, ListContestValues, PartyValues};
/// let mut c = ListContestValues::new("e", "r", "Example Region", "scottish_parliament_regional_member", "scotland", 7);
/// c.parties.push(PartyValues::new("A", "Party A", &["A1", "A2"]));
/// c.counting_areas.push("north");
/// c.constituencies.push("S1");
/// assert!(typed::define_list_contest(&c).is_ok());
/// c.office = "regional_member"; // not a list office's code
/// assert_eq!(typed::define_list_contest(&c).unwrap_err().problems[0].code, "unknown_code");
/// ```
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read
/// (ids, the office's, country's and ruleset's codes).
pub fn define_list_contest(c: &ListContestValues<'_>) -> Result<Command, Error> {
    let mut v = Values::default();
    let election = v.election(c.election);
    let id = v.contest(c.id);
    let office = ListOffice::from_code(c.office);
    if office.is_none() {
        v.problem(
            "office",
            "unknown_code",
            format!("{:?} is not a list office's code (senedd_member, senedd_regional_member, scottish_parliament_regional_member, london_assembly_london_member)", c.office),
        );
    }
    let country = v.country(c.country);
    let ruleset = match c.ruleset {
        None => Some(None),
        Some(code) => match LIST_RULESETS.iter().find(|r| r.code == code) {
            Some(r) => Some(Some(r.id)),
            None => {
                v.problem(
                    "ruleset",
                    "unknown_code",
                    format!("{code:?} is not a list ruleset's code (e.g. senedd-closed-list-2026, scottish-parliament-regional-2016)"),
                );
                None
            }
        },
    };
    let parties: Vec<Option<ListParty>> = c
        .parties
        .iter()
        .map(|p| {
            v.id("parties.id", p.id, CandidateId::new).map(|pid| {
                p.list.iter().fold(
                    ListParty::new(pid, p.name),
                    |party, &(name, withdrawn, died)| {
                        let mut m = ListMember::new(name);
                        if withdrawn {
                            m = m.withdrawn();
                        }
                        if died {
                            m = m.died();
                        }
                        party.member(m)
                    },
                )
            })
        })
        .collect();
    let individuals: Vec<Option<(CandidateId, &str)>> = c
        .individuals
        .iter()
        .map(|&(i, name)| {
            v.id("individuals.id", i, CandidateId::new)
                .map(|i| (i, name))
        })
        .collect();
    let areas = v.ids("counting_areas", &c.counting_areas, CountingAreaId::new);
    let links: Vec<Option<ConstituencyLink>> = c
        .constituency_parties
        .iter()
        .map(|&(k, cand, party)| {
            let cand = v.id("constituency_parties.candidate", cand, CandidateId::new);
            let party = v.id("constituency_parties.party", party, CandidateId::new);
            Some(ConstituencyLink::new(k, cand?, party?))
        })
        .collect();
    let command = (|| {
        let mut d = ListContestDefinition::new(id?, c.area, office?, country?, c.seats);
        if let Some(t) = c.title {
            d = d.title(t);
        }
        if let Some(r) = ruleset? {
            d = d.ruleset(r);
        }
        for p in parties {
            d = d.party(p?);
        }
        for i in individuals {
            let (i, name) = i?;
            d = d.individual(i, name);
        }
        for a in areas? {
            d = d.counting_area(a);
        }
        for k in &c.constituencies {
            d = d.constituency(*k);
        }
        for l in links {
            d = d.constituency_party(l?);
        }
        Some(Command::DefineListContest {
            election: election?,
            contest: d,
        })
    })();
    v.finish(command)
}

/// A contest (first past the post, referendum, supplementary vote or STV)
/// as plain values (`contest_defined`, docs/count-log.md): codes as text,
/// dates `YYYY-MM-DD`.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
#[non_exhaustive]
pub struct ContestValues<'a> {
    /// The election (as the log defines it).
    pub election: &'a str,
    /// The contest's id.
    pub id: &'a str,
    /// The title (none: the default for the office).
    pub title: Option<&'a str>,
    /// The electoral area.
    pub area: &'a str,
    /// The office's code (`principal_councillor`, `uk_parliament`,
    /// `referendum`, `mayor`, …).
    pub office: &'a str,
    /// A mayor's kind of authority (`local_authority`,
    /// `combined_authority`, …); none for any other office.
    pub authority: Option<&'a str>,
    /// The country's code.
    pub country: &'a str,
    /// Electors on the register.
    pub electorate: u64,
    /// The seats: (`ordinary` or `casual`, the day its term ends or none).
    pub seats: Vec<(&'a str, Option<&'a str>)>,
    /// The candidates (or a referendum's answers) in ballot-paper order:
    /// (id, name, description).
    pub candidates: Vec<(&'a str, &'a str, Option<&'a str>)>,
    /// The ruleset's code expected, if stated.
    pub ruleset: Option<&'a str>,
    /// A poll counted in counting areas and collated: the areas' ids.
    pub counting_areas: Vec<&'a str>,
}

impl<'a> ContestValues<'a> {
    /// A contest with no seats or candidates yet.
    #[must_use]
    pub fn new(
        election: &'a str,
        id: &'a str,
        area: &'a str,
        office: &'a str,
        country: &'a str,
        electorate: u64,
    ) -> Self {
        ContestValues {
            election,
            id,
            area,
            office,
            country,
            electorate,
            ..ContestValues::default()
        }
    }
}

/// A contest defined after the count has begun (`contest_defined`: a
/// by-election added to the log, a poll combined later), with its counting
/// areas where it is counted in areas and collated.
///
/// ```
/// use countroom_ffi::typed::{self, ContestValues};
/// let mut c = ContestValues::new("district-2026", "abbey", "Abbey", "principal_councillor", "england", 4000);
/// c.seats.push(("ordinary", Some("2030-05-10")));
/// c.candidates.push(("A", "ADAMS, Jo", None));
/// assert!(typed::define_contest(&c).is_ok());
/// c.seats[0] = ("ordinary", Some("10/05/2030"));
/// assert_eq!(typed::define_contest(&c).unwrap_err().problems[0].code, "bad_date");
/// ```
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read.
pub fn define_contest(c: &ContestValues<'_>) -> Result<Command, Error> {
    let mut v = Values::default();
    let election = v.election(c.election);
    let id = v.contest(c.id);
    let office = match Office::parse(c.office, c.authority) {
        Ok(o) => Some(o),
        Err(e) => {
            v.problem("office", "unknown_code", e.to_string());
            None
        }
    };
    let country = v.country(c.country);
    let ruleset = match c.ruleset {
        None => Some(None),
        Some(code) => match countroom::rules::ALL.iter().find(|r| r.code == code) {
            Some(r) => Some(Some(r.id)),
            None => {
                v.problem(
                    "ruleset",
                    "unknown_code",
                    format!("{code:?} is not a ruleset's code (e.g. england-principal-2006, uk-parliamentary)"),
                );
                None
            }
        },
    };
    let seats: Vec<Option<Seat>> = c
        .seats
        .iter()
        .map(|&(kind, ends)| {
            let ends = match ends {
                None => Some(None),
                Some(d) => v.date("seats.term_ends", d).map(Some),
            };
            let seat = match (kind, ends?) {
                ("ordinary", Some(d)) => Seat::ordinary(d),
                ("casual", Some(d)) => Seat::casual(d),
                ("ordinary", None) => Seat::no_fixed_term(),
                _ => {
                    v.problem(
                        "seats.kind",
                        "unknown_code",
                        format!("{kind:?} is not a seat's kind with this term (ordinary, or casual with the day its term ends)"),
                    );
                    return None;
                }
            };
            Some(seat)
        })
        .collect();
    let candidates: Vec<Option<(CandidateId, &str, Option<&str>)>> = c
        .candidates
        .iter()
        .map(|&(i, name, description)| {
            v.id("candidates.id", i, CandidateId::new)
                .map(|i| (i, name, description))
        })
        .collect();
    let areas = v.ids("counting_areas", &c.counting_areas, CountingAreaId::new);
    let command = (|| {
        let mut d = ContestDefinition::new(id?, c.area, office?, country?)
            .electorate(Electorate::new(c.electorate));
        if let Some(t) = c.title {
            d = d.title(t);
        }
        if let Some(r) = ruleset? {
            d = d.ruleset(r);
        }
        for s in seats {
            d = d.seat(s?);
        }
        for a in areas? {
            d = d.counting_area(a);
        }
        for cand in candidates {
            d = match cand? {
                (i, name, None) => d.candidate(i, name),
                (i, name, Some(desc)) => d.candidate_of(i, name, desc),
            };
        }
        Some(Command::DefineContest {
            election: election?,
            contest: d,
        })
    })();
    v.finish(command)
}

/// A bundle of a list area's papers counted by hand (in the area's
/// current run): votes by party or individual candidate, at `table`.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn area_bundle(
    contest: &str,
    counting_area: &str,
    bundle: &str,
    votes: &[(&str, u64)],
    table: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.area_of(counting_area);
    let id = v.id("bundle", bundle, BundleId::new);
    let votes = v.votes(votes);
    let table = v.opt("table", table, TableId::new);
    let command = (|| {
        let mut b = Bundle::new(contest?, id?).in_area(area?);
        for (c, n) in votes? {
            b = b.votes(c, n);
        }
        if let Some(t) = table? {
            b = b.table(t);
        }
        Some(Command::Bundle(b))
    })();
    v.finish(command)
}

/// `command` (built by [`super::set_aside`], [`super::decide_doubtful`],
/// [`super::object_to_paper`], [`super::object_to_head`],
/// [`super::explain`], [`super::saved`], [`super::batch`] or
/// [`super::marked_batch`]) addressed to the list
/// contest's counting area `counting_area` (the area's current run:
/// docs/count-log.md, "Counting a list poll at the constituency count"),
/// or unchanged when `counting_area` is none. The count checks the rest
/// (the area is the contest's, the paper's party is on the list, the head
/// is the list ruleset's, an explanation of a ballot box takes no area).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with `command`'s problems and a
/// `counting_area` that is not an identifier, or a command of another
/// kind given an area.
pub fn in_area(
    command: Result<Command, Error>,
    counting_area: Option<&str>,
) -> Result<Command, Error> {
    let Some(area) = counting_area else {
        return command;
    };
    let mut v = Values::default();
    let area = v.area_of(area);
    let command = match command {
        Err(mut e) => {
            e.problems.extend(v.problems);
            return Err(e);
        }
        Ok(c) => c,
    };
    let addressed = area.and_then(|a| match command {
        Command::SetAside(s) => Some(Command::SetAside(s.in_area(a))),
        Command::DecideDoubtful(d) => Some(Command::DecideDoubtful(d.in_area(a))),
        Command::ObjectToRejection(o) => Some(Command::ObjectToRejection(o.in_area(a))),
        Command::Explain(e) => Some(Command::Explain(e.in_area(a))),
        Command::Saved { contest, saved } => Some(Command::Saved {
            contest,
            saved: saved.in_area(a),
        }),
        Command::PaperBatch(p) => Some(Command::PaperBatch(p.in_area(a))),
        _ => {
            v.problem(
                "counting_area",
                "unexpected",
                "only papers set aside, doubtful papers decided, objections, explanations, papers saved and batches of papers held in memory are addressed to a counting area this way".to_owned(),
            );
            None
        }
    });
    v.finish(addressed)
}

/// A list area's papers rejected under a head of the list ruleset (by its
/// code; `breakdown_not_given` where the heads were not read).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read.
pub fn area_rejected(
    contest: &str,
    counting_area: &str,
    head: &str,
    papers: u64,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.area_of(counting_area);
    let head = v.head("head", head);
    let command = (|| {
        Some(Command::Rejected(
            Rejected::new(contest?, head?, Papers::new(papers)).in_area(area?),
        ))
    })();
    v.finish(command)
}

/// A batch of a list area's papers counted by figures: valid papers,
/// votes by party or individual candidate, rejected papers by head code,
/// and the file they were read from (name, SHA-256) if any.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every value that does not read.
pub fn area_batch(
    contest: &str,
    counting_area: &str,
    batch: &str,
    valid_papers: u64,
    votes: &[(&str, u64)],
    rejected: &[(&str, u64)],
    file: Option<(&str, &str)>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.area_of(counting_area);
    let id = v.id("batch", batch, BundleId::new);
    let votes = v.votes(votes);
    let heads = v.heads(rejected);
    let command = (|| {
        let mut b = ListBatch::new(contest?, area?, id?, Papers::new(valid_papers));
        for (c, n) in votes? {
            b = b.votes(c, n);
        }
        for (h, n) in heads? {
            b = b.rejected(h, n);
        }
        if let Some((name, sha)) = file {
            b = b.from_file(name, sha);
        }
        Some(Command::ListBatch(b))
    })();
    v.finish(command)
}

/// The count of a list area's current run completed (the area's list
/// total).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn complete_area(contest: &str, counting_area: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.area_of(counting_area);
    let command = (|| {
        Some(Command::CompleteAreaCount {
            contest: contest?,
            counting_area: area?,
        })
    })();
    v.finish(command)
}

/// A re-count of a list area's completed run requested, on behalf of a
/// party or individual candidate (or none).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn request_area_recount(
    contest: &str,
    counting_area: &str,
    option: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.area_of(counting_area);
    let option = v.opt("candidate", option, CandidateId::new);
    let command = (|| {
        Some(Command::RequestAreaRecount {
            contest: contest?,
            counting_area: area?,
            option: option?,
        })
    })();
    v.finish(command)
}

/// A request for a re-count of a list area decided (granted: the area's
/// next run begins).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn decide_area_recount(
    contest: &str,
    counting_area: &str,
    granted: bool,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let area = v.area_of(counting_area);
    let command = (|| {
        Some(Command::DecideAreaRecount {
            contest: contest?,
            counting_area: area?,
            granted,
        })
    })();
    v.finish(command)
}

/// A constituency's return reported to the regional returning officer:
/// the member and the party (none: an independent).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn constituency_return(
    contest: &str,
    constituency: &str,
    member: &str,
    party: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let party = v.opt("party", party, CandidateId::new);
    let command = (|| {
        Some(Command::ReportConstituencyReturn(ConstituencyReturn::new(
            contest?,
            constituency,
            member,
            party?,
        )))
    })();
    v.finish(command)
}

/// A lot at seat `round` of a list allocation between `tied` that fell on
/// `winner`: drawn at the count as `draw` describes it, or (`seeded`) a
/// rehearsal draw from the published seed `draw`.
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn list_lot(
    contest: &str,
    round: u32,
    tied: &[&str],
    winner: &str,
    draw: &str,
    seeded: bool,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let tied = v.candidates("tied", tied);
    let winner = v.id("winner", winner, CandidateId::new);
    let draw = if seeded {
        LotDraw::Seeded(draw.to_owned())
    } else {
        LotDraw::Recorded(draw.to_owned())
    };
    let command = (|| {
        Some(Command::DrawListLot(ListLot::new(
            contest?, round, tied?, winner?, draw,
        )))
    })();
    v.finish(command)
}

/// The list allocation's recalculation asked for, on behalf of a party or
/// individual candidate (or none).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] with every id that is not an
/// identifier.
pub fn request_recalculation(contest: &str, option: Option<&str>) -> Result<Command, Error> {
    let mut v = Values::default();
    let contest = v.contest(contest);
    let option = v.opt("party", option, CandidateId::new);
    let command = (|| {
        Some(Command::RequestRecalculation {
            contest: contest?,
            option: option?,
        })
    })();
    v.finish(command)
}

/// The list allocation recalculated by the returning officer (from the
/// same totals: outcome `unchanged`).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for an id that is not an identifier.
pub fn recalculate(contest: &str) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v
        .contest(contest)
        .map(|contest| Command::RecalculateAllocation { contest });
    v.finish(command)
}

/// A later vacancy in a list seat: the member vacating, those on the list
/// who declined, and the new member (none: the seat remains vacant).
///
/// # Errors
///
/// [`crate::api::ErrorKind::Input`] for an id that is not an identifier.
pub fn list_vacancy(
    contest: &str,
    vacating: &str,
    declined: &[&str],
    filled_by: Option<&str>,
) -> Result<Command, Error> {
    let mut v = Values::default();
    let command = v.contest(contest).map(|contest| {
        let mut x = ListVacancy::new(contest, vacating);
        for d in declined {
            x = x.declined(*d);
        }
        if let Some(f) = filled_by {
            x = x.filled_by(f);
        }
        Command::FillListVacancy(x)
    });
    v.finish(command)
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::expect_used)]
mod tests {
    use super::*;
    use crate::api::Count;
    use crate::typed::Note;

    /// The Senedd example log up to (not including) entry `seq`, and that
    /// entry's line.
    fn before(seq: usize) -> (Vec<u8>, Vec<u8>) {
        let bytes = std::fs::read(format!(
            "{}/../../examples/data/senedd-cwm-valleys.jsonl",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap();
        let lines: Vec<&[u8]> = bytes.split_inclusive(|&b| b == b'\n').collect();
        (lines[..seq].concat(), lines[seq].to_vec())
    }

    fn reproduces(seq: usize, note: Note<'_>, command: Result<Command, Error>) {
        let (prefix, line) = before(seq);
        let mut count = Count::open(&prefix).unwrap();
        let got = count.apply(&note, command.unwrap()).unwrap();
        assert_eq!(
            String::from_utf8(got).unwrap(),
            String::from_utf8(line).unwrap()
        );
    }

    /// The Senedd example's list contest, Cwm South's count and the lot:
    /// each the shipped log's own line from plain values.
    #[test]
    fn the_senedd_lines_from_plain_values() {
        let at = "2026-05-08T01:00:00+01:00";
        let mut c = ListContestValues::new(
            "senedd-2026",
            "cwm-valleys",
            "Cwm Valleys",
            "senedd_member",
            "wales",
            6,
        );
        c.title = Some("Election of Members of the Senedd");
        c.ruleset = Some("senedd-closed-list-2026");
        let lab = [
            "Alun Rees",
            "Bethan Lloyd",
            "Carwyn Hughes",
            "Delyth Evans",
            "Emyr Owen",
            "Ffion Jenkins",
            "Gareth Morgan",
            "Heledd Price",
        ];
        c.parties = vec![
            PartyValues::new("LAB", "Welsh Labour", &lab),
            PartyValues::new(
                "PC",
                "Plaid Cymru",
                &[
                    "Iwan Roberts",
                    "Jane Williams",
                    "Llyr Thomas",
                    "Mari Griffiths",
                ],
            ),
            PartyValues::new(
                "REF",
                "Reform UK",
                &["Neil Baker", "Olwen Harris", "Peter Cook"],
            ),
            PartyValues::new(
                "CON",
                "Welsh Conservatives",
                &["Rhian Edwards", "Steffan Jones", "Tomos Wyn"],
            ),
            PartyValues::new(
                "LD",
                "Welsh Liberal Democrats",
                &["Ursula Lewis", "Vaughan Bell"],
            ),
            PartyValues::new("GRN", "Wales Green Party", &["Wyn Parry", "Yvonne Ellis"]),
        ];
        c.individuals = vec![("IND-MORGAN", "Rhys Morgan")];
        c.counting_areas = vec!["cwm-north", "cwm-south"];
        reproduces(6, Note::by("ro").at(at), define_list_contest(&c));
        reproduces(
            9,
            Note::by("dro").at("2026-05-08T02:30:00+01:00"),
            area_bundle(
                "cwm-valleys",
                "cwm-south",
                "CS-T1",
                &[("LAB", 19_400), ("PC", 12_300)],
                Some("T1"),
            ),
        );
        reproduces(
            11,
            Note::by("dro")
                .at("2026-05-08T02:50:00+01:00")
                .reason("the heads of the Senedd's statement of rejected papers are not read in countroom: rejected list papers as one figure"),
            area_rejected("cwm-valleys", "cwm-south", "breakdown_not_given", 120),
        );
        reproduces(
            12,
            Note::by("dro")
                .at("2026-05-08T03:00:00+01:00")
                .reason("Cwm South's list papers counted at its count: the completed count is its list total"),
            complete_area("cwm-valleys", "cwm-south"),
        );
        reproduces(
            15,
            Note::by("ro")
                .at("2026-05-08T05:00:00+01:00")
                .reason("Plaid Cymru and Rhys Morgan both have 13,200.00 for the sixth seat"),
            list_lot(
                "cwm-valleys",
                6,
                &["PC", "IND-MORGAN"],
                "IND-MORGAN",
                "two names in identical sealed envelopes, one drawn by the returning officer",
                false,
            ),
        );
        reproduces(
            16,
            Note::by("agent-pc").at("2026-05-08T05:00:00+01:00"),
            request_recalculation("cwm-valleys", Some("PC")),
        );
        reproduces(
            17,
            Note::by("ro").at("2026-05-08T05:00:00+01:00"),
            recalculate("cwm-valleys"),
        );
    }

    /// Every bad value listed; a refused command leaves the count as it
    /// was.
    #[test]
    fn bad_values_are_listed_and_refusals_change_nothing() {
        let mut c = ListContestValues::new("e 1", "r", "R", "mayor", "mars", 7);
        c.parties = vec![PartyValues::new("A A", "A", &[])];
        c.ruleset = Some("nope");
        let e = define_list_contest(&c).unwrap_err();
        let codes: Vec<&str> = e.problems.iter().map(|p| p.code.as_str()).collect();
        assert_eq!(
            codes,
            [
                "bad_id",
                "unknown_code",
                "unknown_code",
                "unknown_code",
                "bad_id"
            ]
        );
        let (prefix, _) = before(9);
        let mut count = Count::open(&prefix).unwrap();
        let log = count.log().to_vec();
        let e = count
            .apply(
                &Note::by("dro"),
                area_bundle("cwm-valleys", "cwm-east", "X", &[("LAB", 1)], None).unwrap(),
            )
            .unwrap_err();
        assert_eq!(e.kind, crate::api::ErrorKind::Rejected);
        assert_eq!(count.log(), &log[..]);
    }

    fn count_log(c: &Count) -> Vec<u8> {
        c.log().to_vec()
    }

    /// A by-election contest defined after the count has begun, and a
    /// poll counted in counting areas and collated: the same bytes as the
    /// JSON entry `contest_defined`.
    #[test]
    fn a_contest_defined_later_is_the_json_entry() {
        let (prefix, _) = before(9);
        let mut typed_count = Count::open(&prefix).unwrap();
        let mut json_count = Count::open(&prefix).unwrap();
        let mut c = ContestValues::new(
            "senedd-2026",
            "cwm-town",
            "Cwm Town",
            "principal_councillor",
            "wales",
            2_400,
        );
        c.seats = vec![("casual", Some("2027-05-06"))];
        c.candidates = vec![
            ("T1", "JONES, Ann", Some("Plaid Cymru")),
            ("T2", "LEWIS, Bryn", None),
        ];
        let typed_line = typed_count
            .apply(&Note::by("ro"), define_contest(&c).unwrap())
            .unwrap();
        let entry = br#"{"by":"ro","event":{"contest_defined":{"contest":"cwm-town","election":"senedd-2026","title":"Election of Councillors","area":"Cwm Town","office":"principal_councillor","country":"wales","electorate":2400,"vacancies":[{"kind":"casual","term_ends":"2027-05-06"}],"candidates":[{"id":"T1","name":"JONES, Ann","description":"Plaid Cymru"},{"id":"T2","name":"LEWIS, Bryn"}]}}}"#;
        let json_line = json_count.append(entry).unwrap();
        assert_eq!(
            String::from_utf8(typed_line).unwrap(),
            String::from_utf8(json_line).unwrap()
        );
        // A poll counted in the two counting areas and collated.
        let mut pcc = ContestValues::new(
            "senedd-2026",
            "dyfed-pcc",
            "Dyfed-Powys",
            "police_and_crime_commissioner",
            "wales",
            98_000,
        );
        pcc.seats = vec![("ordinary", Some("2030-05-13"))];
        pcc.candidates = vec![("P1", "PRICE, Jo", None), ("P2", "REES, Al", None)];
        pcc.counting_areas = vec!["cwm-north", "cwm-south"];
        let typed_line = typed_count
            .apply(&Note::by("ro"), define_contest(&pcc).unwrap())
            .unwrap();
        let entry = br#"{"by":"ro","event":{"contest_defined":{"contest":"dyfed-pcc","election":"senedd-2026","title":"Election of a Police and Crime Commissioner","area":"Dyfed-Powys","office":"police_and_crime_commissioner","country":"wales","electorate":98000,"vacancies":[{"kind":"ordinary","term_ends":"2030-05-13"}],"candidates":[{"id":"P1","name":"PRICE, Jo"},{"id":"P2","name":"REES, Al"}],"counting_areas":["cwm-north","cwm-south"]}}}"#;
        let json_line = json_count.append(entry).unwrap();
        assert_eq!(
            String::from_utf8(typed_line).unwrap(),
            String::from_utf8(json_line).unwrap()
        );
        assert!(String::from_utf8(count_log(&typed_count))
            .unwrap()
            .contains(r#""counting_areas":["cwm-north","cwm-south"]"#));
    }
}
