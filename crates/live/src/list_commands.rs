//! Typed commands for a list poll (docs/count-log.md, "List polls" and
//! "Counting a list poll at the constituency count"): the list contest's
//! definition (its parties' lists, individual candidates, counting areas,
//! constituencies and constituency party links), a constituency's return,
//! a list area's batch of papers counted by figures, the list allocation's
//! lots, recalculations and a later vacancy. The counting events of a list
//! area (bundles, rejected papers, completion, re-counts) are the ordinary
//! commands addressed to a counting area ([`crate::Bundle::in_area`],
//! [`crate::Rejected::in_area`], [`crate::Command::CompleteAreaCount`],
//! [`crate::Command::RequestAreaRecount`],
//! [`crate::Command::DecideAreaRecount`]). Each becomes the count log's
//! wire event at the edge ([`crate::Count::apply`]), checked by the
//! replay's own checks (the area one of the contest's, each option a party
//! or individual candidate of its list ballot, the allocation's lot asked
//! for, the vacancy filled from the list), so a refusal lists every problem
//! the replay finds and leaves the count unchanged.

use countroom_log as log;
use countroom_model::{BundleId, CandidateId, ContestId, CountingAreaId, Country, Papers, Votes};
use countroom_rules::lists::{list_ruleset, ListOffice, ListRulesetId};
use countroom_rules::RejectionHead;

use crate::command::LotDraw;

/// One person on a party's list, in order (`list_contest_defined`'s
/// `parties[].list`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListMember {
    /// Their name as on the list.
    pub name: String,
    /// Withdrawn from the list before the poll (passed over).
    pub withdrawn: bool,
    /// Died before the allocation (passed over).
    pub died: bool,
}

impl ListMember {
    /// A person standing on the list.
    #[must_use]
    pub fn new(name: impl Into<String>) -> Self {
        ListMember {
            name: name.into(),
            withdrawn: false,
            died: false,
        }
    }

    /// Withdrawn from the list before the poll.
    #[must_use]
    pub fn withdrawn(mut self) -> Self {
        self.withdrawn = true;
        self
    }

    /// Died before the allocation.
    #[must_use]
    pub fn died(mut self) -> Self {
        self.died = true;
        self
    }
}

/// A registered party on the list ballot, with its list in order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListParty {
    /// Its id (unique among the contest's parties and individual
    /// candidates: the `candidate` its votes are given under).
    pub id: CandidateId,
    /// Its registered name as on the ballot paper.
    pub name: String,
    /// Its list, in order (empty: not recorded, seats allocated without
    /// members named).
    pub list: Vec<ListMember>,
}

impl ListParty {
    /// A party with no list yet.
    #[must_use]
    pub fn new(id: CandidateId, name: impl Into<String>) -> Self {
        ListParty {
            id,
            name: name.into(),
            list: Vec::new(),
        }
    }

    /// The next person on its list.
    #[must_use]
    pub fn member(mut self, member: ListMember) -> Self {
        self.list.push(member);
        self
    }
}

/// The list party a constituency candidate stood for (additional member
/// system; `list_contest_defined`'s `constituency_parties`).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConstituencyLink {
    /// The constituency (one of the contest's constituencies).
    pub constituency: String,
    /// The candidate's id in the constituency contest.
    pub candidate: CandidateId,
    /// The party on the list ballot.
    pub party: CandidateId,
}

impl ConstituencyLink {
    /// `candidate` of `constituency` stood for `party`.
    #[must_use]
    pub fn new(
        constituency: impl Into<String>,
        candidate: CandidateId,
        party: CandidateId,
    ) -> Self {
        ConstituencyLink {
            constituency: constituency.into(),
            candidate,
            party,
        }
    }
}

/// A list contest (`list_contest_defined`): the Senedd's closed lists
/// from 2026, or the regional (London-wide) poll of an additional member
/// system. The ruleset is chosen by the law from the country, the list
/// office and the poll date; [`ListContestDefinition::ruleset`] states the
/// one expected. The counting areas must be defined before it.
///
/// The list contest defined, then a counting area's list papers counted:
///
/// ```
/// use countroom_live::{
///     Bundle, Command, Count, CountingAreaId, Definition, ElectionDefinition, ListContestDefinition,
///     ListMember, ListParty, PersonId, RejectionHead, Rejected,
/// };
/// use countroom_model::{BundleId, CandidateId, ContestId, Country, ElectionId, Papers, Votes};
/// use countroom_rules::lists::ListOffice;
/// use time::macros::date;
///
/// let e = ElectionId::new("senedd-2026")?;
/// let definition = ElectionDefinition::new(e.clone(), "Senedd general election", date!(2026 - 05 - 07), PersonId::new("ro")?);
/// let (mut count, _log) = Count::new(&definition)?;
/// let ro = count.actor("ro")?;
/// let north = CountingAreaId::new("north")?;
/// count.apply(&ro, Command::Define(Definition::CountingArea { id: north.clone(), name: "North".into(), region: None, electorate: None }))?;
/// let cwm = ContestId::new("cwm")?;
/// let lab = CandidateId::new("LAB")?;
/// let contest = ListContestDefinition::new(cwm.clone(), "Cwm", ListOffice::SeneddMember, Country::Wales, 6)
///     .party(ListParty::new(lab.clone(), "Welsh Labour").member(ListMember::new("Alun Rees")))
///     .individual(CandidateId::new("IND")?, "Rhys Morgan")
///     .counting_area(north.clone());
/// count.apply(&ro, Command::DefineListContest { election: e, contest })?;
/// let bundle = Bundle::new(cwm.clone(), BundleId::new("N1")?).in_area(north.clone()).votes(lab, Votes::new(900));
/// let applied = count.apply(&ro, Command::Bundle(bundle))?;
/// assert!(String::from_utf8(applied.bytes)?.contains(r#""run":1,"counting_area":"north""#));
/// // A party not on the list ballot: refused, the count unchanged.
/// let stray = Bundle::new(cwm.clone(), BundleId::new("N2")?).in_area(north.clone()).votes(CandidateId::new("XYZ")?, Votes::new(1));
/// assert!(count.apply(&ro, Command::Bundle(stray)).is_err());
/// count.apply(&ro, Command::Rejected(Rejected::new(cwm.clone(), RejectionHead::BreakdownNotGiven, Papers::new(4)).in_area(north.clone())))?;
/// count.apply(&ro, Command::CompleteAreaCount { contest: cwm.clone(), counting_area: north })?;
/// assert_eq!(count.entries(), 6);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListContestDefinition {
    /// The contest's id.
    pub id: ContestId,
    /// The title of the poll (by default "Election of regional members"
    /// or, for the Senedd's closed lists, "Election of Members of the
    /// Senedd").
    pub title: Option<String>,
    /// The region, Senedd constituency or London.
    pub area: String,
    /// The list office.
    pub office: ListOffice,
    /// The country.
    pub country: Country,
    /// Seats to fill (the ruleset's: 6, 4, 7 or 11).
    pub seats: u32,
    /// The ruleset expected, if stated.
    pub ruleset: Option<ListRulesetId>,
    /// The registered parties, in ballot-paper order.
    pub parties: Vec<ListParty>,
    /// The individual candidates, in ballot-paper order: id and name.
    pub individuals: Vec<(CandidateId, String)>,
    /// The counting areas whose list totals are collated.
    pub counting_areas: Vec<CountingAreaId>,
    /// Additional member system: the constituencies of the region.
    pub constituencies: Vec<String>,
    /// Additional member system: the list party of constituency
    /// candidates, stated explicitly.
    pub constituency_parties: Vec<ConstituencyLink>,
}

impl ListContestDefinition {
    /// A list contest with no parties, candidates or areas yet.
    #[must_use]
    pub fn new(
        id: ContestId,
        area: impl Into<String>,
        office: ListOffice,
        country: Country,
        seats: u32,
    ) -> Self {
        ListContestDefinition {
            id,
            title: None,
            area: area.into(),
            office,
            country,
            seats,
            ruleset: None,
            parties: Vec::new(),
            individuals: Vec::new(),
            counting_areas: Vec::new(),
            constituencies: Vec::new(),
            constituency_parties: Vec::new(),
        }
    }

    /// The title of the poll, as printed.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> Self {
        self.title = Some(title.into());
        self
    }

    /// States the ruleset the law should choose.
    #[must_use]
    pub fn ruleset(mut self, ruleset: ListRulesetId) -> Self {
        self.ruleset = Some(ruleset);
        self
    }

    /// Adds a registered party (the next on the ballot paper).
    #[must_use]
    pub fn party(mut self, party: ListParty) -> Self {
        self.parties.push(party);
        self
    }

    /// Adds an individual candidate (after the parties on the ballot
    /// paper, in the order added).
    #[must_use]
    pub fn individual(mut self, id: CandidateId, name: impl Into<String>) -> Self {
        self.individuals.push((id, name.into()));
        self
    }

    /// Adds a counting area whose list total is collated.
    #[must_use]
    pub fn counting_area(mut self, area: CountingAreaId) -> Self {
        self.counting_areas.push(area);
        self
    }

    /// Adds a constituency of the region (additional member system).
    #[must_use]
    pub fn constituency(mut self, constituency: impl Into<String>) -> Self {
        self.constituencies.push(constituency.into());
        self
    }

    /// States the list party of a constituency candidate.
    #[must_use]
    pub fn constituency_party(mut self, link: ConstituencyLink) -> Self {
        self.constituency_parties.push(link);
        self
    }

    pub(crate) fn event(&self, election: &countroom_model::ElectionId) -> log::Event {
        let title = self.title.clone().unwrap_or_else(|| {
            match self.office {
                ListOffice::SeneddMember => "Election of Members of the Senedd",
                _ => "Election of regional members",
            }
            .to_owned()
        });
        log::Event::ListContestDefined(
            log::ListContestDefined::new(
                self.id.to_string(),
                election.to_string(),
                title,
                self.area.clone(),
                self.office.code(),
                self.country.code(),
                self.seats,
            )
            .ruleset(self.ruleset.map(|r| list_ruleset(r).code.to_owned()))
            .parties(
                self.parties
                    .iter()
                    .map(|p| {
                        log::ListPartyDef::new(p.id.to_string(), p.name.clone()).list(
                            p.list
                                .iter()
                                .map(|m| {
                                    log::ListCandidateDef::new(m.name.clone())
                                        .withdrawn(m.withdrawn)
                                        .died(m.died)
                                })
                                .collect(),
                        )
                    })
                    .collect(),
            )
            .individuals(
                self.individuals
                    .iter()
                    .map(|(id, name)| log::CandidateDef::new(id.to_string(), name.clone()))
                    .collect(),
            )
            .counting_areas(
                self.counting_areas
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            )
            .constituencies(self.constituencies.clone())
            .constituency_parties(
                self.constituency_parties
                    .iter()
                    .map(|l| {
                        log::ConstituencyParty::new(
                            l.constituency.clone(),
                            l.candidate.to_string(),
                            l.party.to_string(),
                        )
                    })
                    .collect(),
            ),
        )
    }
}

/// The return of one constituency of an additional-member region,
/// reported to the regional returning officer
/// (`constituency_return_reported`; Scotland Act 1998 s.7(2)).
///
/// ```
/// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/exampleshire-region.jsonl"))?;
/// let lines: Vec<&[u8]> = log.split_inclusive(|&b| b == b'\n').collect();
/// let mut count = countroom_live::Count::open(&lines[..11].concat())?; // up to entry 10
/// let by = count.actor("lro-north")?;
/// let ret = countroom_live::ConstituencyReturn::new(
///     countroom_model::ContestId::new("exampleshire-region")?, "Northshire North", "Graeme Dunbar",
///     Some(countroom_model::CandidateId::new("SAL")?));
/// let applied = count.apply(&by, countroom_live::Command::ReportConstituencyReturn(ret))?;
/// assert_eq!(applied.entry.seq, 11);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ConstituencyReturn {
    /// The list contest.
    pub contest: ContestId,
    /// The constituency (one of the contest's).
    pub constituency: String,
    /// The member returned.
    pub member: String,
    /// The party on the list ballot they stood for (none: an independent,
    /// or a party with no list in the region).
    pub party: Option<CandidateId>,
}

impl ConstituencyReturn {
    /// `member` returned for `constituency`, for `party`.
    #[must_use]
    pub fn new(
        contest: ContestId,
        constituency: impl Into<String>,
        member: impl Into<String>,
        party: Option<CandidateId>,
    ) -> Self {
        ConstituencyReturn {
            contest,
            constituency: constituency.into(),
            member: member.into(),
            party,
        }
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::ConstituencyReturnReported(
            log::ConstituencyReturnReported::new(
                self.contest.to_string(),
                self.constituency.clone(),
                self.member.clone(),
            )
            .party(self.party.as_ref().map(ToString::to_string)),
        )
    }
}

/// A batch of a list area's papers counted by figures (from a scanner's
/// adjudicated count or a tally): its valid papers, the votes of each
/// party or individual candidate and the rejected papers by head
/// (`paper_batch_counted` with `counting_area`: the list papers' batch
/// carries these only).
///
/// ```
/// use countroom_live::{ListBatch, RejectionHead};
/// use countroom_model::{BundleId, CandidateId, ContestId, CountingAreaId, Papers, Votes};
/// let batch = ListBatch::new(ContestId::new("r")?, CountingAreaId::new("south")?, BundleId::new("SB-1")?, Papers::new(15_000))
///     .votes(CandidateId::new("A")?, Votes::new(7_990))
///     .votes(CandidateId::new("B")?, Votes::new(7_010))
///     .rejected(RejectionHead::UnmarkedOrVoid, Papers::new(30));
/// assert_eq!(batch.votes.len(), 2);
/// // Applied as `Command::ListBatch(batch)`: the area's current run is filled in.
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListBatch {
    /// The list contest.
    pub contest: ContestId,
    /// The counting area.
    pub counting_area: CountingAreaId,
    /// The batch, unique in the area's run (it shares the bundles'
    /// namespace).
    pub batch: BundleId,
    /// Valid papers (one vote each: Scotland Act 1998 s.6(2)).
    pub valid_papers: Papers,
    /// Votes per party or individual candidate.
    pub votes: Vec<(CandidateId, Votes)>,
    /// Rejected papers per head of the list ruleset.
    pub rejected: Vec<(RejectionHead, Papers)>,
    /// The file the figures were read from: its name and SHA-256
    /// (lower-case hex).
    pub file: Option<(String, String)>,
}

impl ListBatch {
    /// A batch of `valid_papers` valid papers; add the votes and the
    /// rejected papers with the other methods.
    #[must_use]
    pub fn new(
        contest: ContestId,
        counting_area: CountingAreaId,
        batch: BundleId,
        valid_papers: Papers,
    ) -> Self {
        ListBatch {
            contest,
            counting_area,
            batch,
            valid_papers,
            votes: Vec::new(),
            rejected: Vec::new(),
            file: None,
        }
    }

    /// A party's or individual candidate's votes.
    #[must_use]
    pub fn votes(mut self, option: CandidateId, votes: Votes) -> Self {
        self.votes.push((option, votes));
        self
    }

    /// Papers rejected under a head.
    #[must_use]
    pub fn rejected(mut self, head: RejectionHead, papers: Papers) -> Self {
        self.rejected.push((head, papers));
        self
    }

    /// The file the figures came from, and its SHA-256 (lower-case hex).
    #[must_use]
    pub fn from_file(mut self, name: impl Into<String>, sha256: impl Into<String>) -> Self {
        self.file = Some((name.into(), sha256.into()));
        self
    }

    pub(crate) fn event(&self, run: u32) -> log::Event {
        let mut e = log::PaperBatchCounted::new(
            self.contest.to_string(),
            run,
            self.batch.to_string(),
            self.valid_papers.get(),
            self.votes
                .iter()
                .map(|(c, v)| log::CandidateVotes::new(c.to_string(), v.get()))
                .collect(),
            self.rejected
                .iter()
                .map(|(h, p)| log::HeadPapers::new(h.code().to_owned(), p.get()))
                .collect(),
        )
        .counting_area(Some(self.counting_area.to_string()));
        if let Some((name, sha256)) = &self.file {
            e = e.source(Some(log::BatchSource::new(name.clone(), sha256.clone())));
        }
        log::Event::PaperBatchCounted(e)
    }
}

/// A lot drawn between equal highest figures at one seat of a list
/// allocation (`list_lot_drawn`): asked for by the allocation, never drawn
/// by countroom. A [`LotDraw::Seeded`] lot is a rehearsal, recomputed
/// (countroom-lot-v1), and the contest is then never declared.
///
/// ```
/// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/senedd-cwm-valleys.jsonl"))?;
/// let lines: Vec<&[u8]> = log.split_inclusive(|&b| b == b'\n').collect();
/// let mut count = countroom_live::Count::open(&lines[..15].concat())?; // the allocation asks for a lot at seat 6
/// let (pc, ind) = (countroom_model::CandidateId::new("PC")?, countroom_model::CandidateId::new("IND-MORGAN")?);
/// let lot = countroom_live::ListLot::new(countroom_model::ContestId::new("cwm-valleys")?, 6, vec![pc, ind.clone()], ind,
///     countroom_live::LotDraw::Recorded("names in sealed envelopes".into()));
/// let by = count.actor("ro")?;
/// count.apply(&by, countroom_live::Command::DrawListLot(lot))?;
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListLot {
    /// The list contest.
    pub contest: ContestId,
    /// The seat (round, from 1) the allocation asks the lot for.
    pub round: u32,
    /// The parties or individual candidates with equal highest figures.
    pub tied: Vec<CandidateId>,
    /// The one on whom the lot fell.
    pub winner: CandidateId,
    /// How it was drawn.
    pub draw: LotDraw,
}

impl ListLot {
    /// A lot at seat `round` between `tied` that fell on `winner`.
    #[must_use]
    pub fn new(
        contest: ContestId,
        round: u32,
        tied: Vec<CandidateId>,
        winner: CandidateId,
        draw: LotDraw,
    ) -> Self {
        ListLot {
            contest,
            round,
            tied,
            winner,
            draw,
        }
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::ListLotDrawn(log::ListLotDrawn::new(
            self.contest.to_string(),
            self.round,
            self.tied.iter().map(ToString::to_string).collect(),
            self.winner.to_string(),
            self.draw.method(),
        ))
    }
}

/// A later vacancy in a list seat (`list_vacancy_filled`; Scotland Act
/// 1998 s.10; GLA Act 1999 s.11; GoWA 2006 s.11): filled by the next
/// willing person on the same list, or (an individual candidate's seat, or
/// a list with no one left) left vacant.
///
/// ```
/// let log = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/data/senedd-cwm-valleys.jsonl"))?;
/// let lines: Vec<&[u8]> = log.split_inclusive(|&b| b == b'\n').collect();
/// let mut count = countroom_live::Count::open(&lines[..19].concat())?; // declared
/// let vacancy = countroom_live::ListVacancy::new(countroom_model::ContestId::new("cwm-valleys")?, "Bethan Lloyd")
///     .declined("Delyth Evans")
///     .filled_by("Carwyn Hughes"); // not the next willing person on the list
/// let by = count.actor("ro")?;
/// assert!(count.apply(&by, countroom_live::Command::FillListVacancy(vacancy)).is_err());
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ListVacancy {
    /// The list contest.
    pub contest: ContestId,
    /// The member whose seat is vacant.
    pub vacating: String,
    /// Those on the list, before the new member, who said they will not
    /// serve.
    pub declined: Vec<String>,
    /// The new member; none where the seat remains vacant.
    pub filled_by: Option<String>,
}

impl ListVacancy {
    /// `vacating`'s seat, not (yet) filled.
    #[must_use]
    pub fn new(contest: ContestId, vacating: impl Into<String>) -> Self {
        ListVacancy {
            contest,
            vacating: vacating.into(),
            declined: Vec::new(),
            filled_by: None,
        }
    }

    /// Someone on the list who will not serve.
    #[must_use]
    pub fn declined(mut self, name: impl Into<String>) -> Self {
        self.declined.push(name.into());
        self
    }

    /// The new member.
    #[must_use]
    pub fn filled_by(mut self, name: impl Into<String>) -> Self {
        self.filled_by = Some(name.into());
        self
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::ListVacancyFilled(
            log::ListVacancyFilled::new(self.contest.to_string(), self.vacating.clone())
                .declined(self.declined.clone())
                .filled_by(self.filled_by.clone()),
        )
    }
}
