//! The election a live count begins with: the poll, its contests and the
//! officers appointed.

use countroom_count::authority::{Function, Role};
use countroom_log as log;
use countroom_model::{
    CandidateId, ContestId, CountingAreaId, Country, ElectionId, Electorate, Office, RulesetId,
    VacancyKind,
};
use time::Date;

use crate::person::PersonId;

/// A date as the count log writes it (`YYYY-MM-DD`).
pub(crate) fn date_text(date: Date) -> String {
    let format = time::macros::format_description!("[year]-[month]-[day]");
    date.format(&format).unwrap_or_default()
}

/// An election: the polls held on one day, with the contests counted and
/// the people appointed to the count.
///
/// The log begins with an `election_defined` entry, a `contest_defined`
/// entry per contest and an `officer_appointed` entry per appointment, in
/// the order given, each recorded by `recorded_by` (an office held by law,
/// the Returning Officer's, is recorded by its holder).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ElectionDefinition {
    /// The election's identifier (the log's header names it).
    pub id: ElectionId,
    /// Its name, as printed.
    pub name: String,
    /// The day of the poll.
    pub poll_date: Date,
    /// Who records the definitions (the Returning Officer).
    pub recorded_by: PersonId,
    /// The contests, in the order defined.
    pub contests: Vec<ContestDefinition>,
    /// The appointments, in the order made.
    pub appointments: Vec<Appointment>,
}

impl ElectionDefinition {
    /// An election with no contests yet.
    #[must_use]
    pub fn new(
        id: ElectionId,
        name: impl Into<String>,
        poll_date: Date,
        recorded_by: PersonId,
    ) -> ElectionDefinition {
        ElectionDefinition {
            id,
            name: name.into(),
            poll_date,
            recorded_by,
            contests: Vec::new(),
            appointments: Vec::new(),
        }
    }

    /// Adds a contest.
    #[must_use]
    pub fn contest(mut self, contest: ContestDefinition) -> ElectionDefinition {
        self.contests.push(contest);
        self
    }

    /// Adds an appointment.
    #[must_use]
    pub fn appoint(mut self, appointment: Appointment) -> ElectionDefinition {
        self.appointments.push(appointment);
        self
    }

    pub(crate) fn election_event(&self) -> log::Event {
        log::Event::ElectionDefined(log::ElectionDefined::new(
            self.id.to_string(),
            self.name.clone(),
            date_text(self.poll_date),
        ))
    }
}

/// A seat to fill: the ordinary seat or a casual vacancy, with the day its
/// term ends (none for a Member of Parliament).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Seat {
    /// Ordinary or casual.
    pub kind: VacancyKind,
    /// The day its term ends.
    pub term_ends: Option<Date>,
}

impl Seat {
    /// An ordinary seat whose term ends on `term_ends`.
    #[must_use]
    pub fn ordinary(term_ends: Date) -> Seat {
        Seat {
            kind: VacancyKind::Ordinary,
            term_ends: Some(term_ends),
        }
    }

    /// A casual vacancy filled at the same poll, whose term ends on
    /// `term_ends` (when the vacating member's would have).
    #[must_use]
    pub fn casual(term_ends: Date) -> Seat {
        Seat {
            kind: VacancyKind::Casual,
            term_ends: Some(term_ends),
        }
    }

    /// A seat with no fixed term (a Member of Parliament's).
    #[must_use]
    pub fn no_fixed_term() -> Seat {
        Seat {
            kind: VacancyKind::Ordinary,
            term_ends: None,
        }
    }
}

/// A contest: one office in one area, with its candidates in ballot-paper
/// order and its seats. The ruleset is chosen by the law from the country,
/// the office and the poll date; [`ContestDefinition::ruleset`] states the
/// one expected, and the contest is refused if the law chooses another.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct ContestDefinition {
    /// The contest's identifier.
    pub id: ContestId,
    /// The electoral area (the ward, the constituency).
    pub area: String,
    /// The title of the election, as printed ("Election of District
    /// Councillors"); by default from the office.
    pub title: Option<String>,
    /// The office.
    pub office: Office,
    /// The country.
    pub country: Country,
    /// The electorate.
    pub electorate: Electorate,
    /// The seats.
    pub seats: Vec<Seat>,
    /// The candidates, in ballot-paper order: id, name, description.
    pub candidates: Vec<(CandidateId, String, Option<String>)>,
    /// The ruleset expected, if stated.
    pub ruleset: Option<RulesetId>,
    /// A poll counted in counting areas and collated (a mayor, a police
    /// and crime commissioner, a referendum): the areas whose local totals
    /// are collated (each defined before the contest).
    pub counting_areas: Vec<CountingAreaId>,
}

impl ContestDefinition {
    /// A contest with no candidates or seats yet, and an electorate of 0.
    #[must_use]
    pub fn new(
        id: ContestId,
        area: impl Into<String>,
        office: Office,
        country: Country,
    ) -> ContestDefinition {
        ContestDefinition {
            id,
            area: area.into(),
            title: None,
            office,
            country,
            electorate: Electorate::ZERO,
            seats: Vec::new(),
            candidates: Vec::new(),
            ruleset: None,
            counting_areas: Vec::new(),
        }
    }

    /// Adds a counting area whose local total is collated into the
    /// contest (`contest_defined`'s `counting_areas`).
    #[must_use]
    pub fn counting_area(mut self, area: CountingAreaId) -> ContestDefinition {
        self.counting_areas.push(area);
        self
    }

    /// The title of the election as printed.
    #[must_use]
    pub fn title(mut self, title: impl Into<String>) -> ContestDefinition {
        self.title = Some(title.into());
        self
    }

    /// The number of electors on the register.
    #[must_use]
    pub fn electorate(mut self, electorate: Electorate) -> ContestDefinition {
        self.electorate = electorate;
        self
    }

    /// Adds a seat.
    #[must_use]
    pub fn seat(mut self, seat: Seat) -> ContestDefinition {
        self.seats.push(seat);
        self
    }

    /// Adds a candidate (the next on the ballot paper).
    #[must_use]
    pub fn candidate(mut self, id: CandidateId, name: impl Into<String>) -> ContestDefinition {
        self.candidates.push((id, name.into(), None));
        self
    }

    /// Adds a candidate with a description (a party's name).
    #[must_use]
    pub fn candidate_of(
        mut self,
        id: CandidateId,
        name: impl Into<String>,
        description: impl Into<String>,
    ) -> ContestDefinition {
        self.candidates
            .push((id, name.into(), Some(description.into())));
        self
    }

    /// States the ruleset the law should choose.
    #[must_use]
    pub fn ruleset(mut self, ruleset: RulesetId) -> ContestDefinition {
        self.ruleset = Some(ruleset);
        self
    }

    pub(crate) fn event(&self, election: &ElectionId) -> log::Event {
        let title = self.title.clone().unwrap_or_else(|| {
            match self.office {
                Office::UkParliament => "Election of a Member of Parliament",
                Office::PrincipalCouncillor => "Election of Councillors",
                Office::ParishCouncillor => "Election of Parish Councillors",
                Office::Mayor(_) => "Election of a Mayor",
                Office::PoliceAndCrimeCommissioner => "Election of a Police and Crime Commissioner",
                Office::Referendum | Office::ScottishReferendum => "Referendum",
                Office::LocalPoll(kind) => kind.title(),
                Office::AmsConstituency(p) => p.title(),
            }
            .to_owned()
        });
        log::Event::ContestDefined(
            log::ContestDefined::new(
                self.id.to_string(),
                election.to_string(),
                title,
                self.area.clone(),
                self.office.code().to_owned(),
                self.country.code().to_owned(),
            )
            .electorate(self.electorate.get())
            .vacancies(
                self.seats
                    .iter()
                    .map(|s| {
                        log::VacancyDef::new(
                            match s.kind {
                                VacancyKind::Ordinary => "ordinary",
                                VacancyKind::Casual => "casual",
                            }
                            .to_owned(),
                        )
                        .term_ends(s.term_ends.map(date_text))
                    })
                    .collect(),
            )
            .candidates(
                self.candidates
                    .iter()
                    .map(|(id, name, description)| {
                        log::CandidateDef::new(id.to_string(), name.clone())
                            .description(description.clone())
                    })
                    .collect(),
            )
            .authority(match self.office {
                Office::Mayor(kind) => Some(kind.code().to_owned()),
                _ => None,
            })
            .ruleset(
                self.ruleset
                    .map(|r| countroom_rules::ruleset(r).code.to_owned()),
            )
            .counting_areas(
                self.counting_areas
                    .iter()
                    .map(ToString::to_string)
                    .collect(),
            ),
        )
    }
}

/// An officer appointed to the count: who they are, their office, and for
/// a deputy the functions delegated (none: all of them).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Appointment {
    /// The person.
    pub person: PersonId,
    /// Their name, as printed.
    pub name: String,
    /// The office.
    pub role: Role,
    /// A deputy's functions (empty: all).
    pub functions: Vec<Function>,
    /// The contests the appointment is for (empty: all).
    pub contests: Vec<ContestId>,
    /// At a poll counted in counting areas and collated: the area whose
    /// returning officer (the local returning officer) this is.
    pub counting_area: Option<CountingAreaId>,
    /// The Ed25519 public key they sign checkpoints with (64 lower-case
    /// hex digits).
    pub public_key: Option<String>,
}

impl Appointment {
    /// An appointment to `role`, for every contest.
    #[must_use]
    pub fn new(person: PersonId, name: impl Into<String>, role: Role) -> Appointment {
        Appointment {
            person,
            name: name.into(),
            role,
            functions: Vec::new(),
            contests: Vec::new(),
            counting_area: None,
            public_key: None,
        }
    }

    /// Delegates a function (a deputy).
    #[must_use]
    pub fn function(mut self, function: Function) -> Appointment {
        self.functions.push(function);
        self
    }

    /// Limits the appointment to a contest.
    #[must_use]
    pub fn for_contest(mut self, contest: ContestId) -> Appointment {
        self.contests.push(contest);
        self
    }

    /// The counting area whose local returning officer this is.
    #[must_use]
    pub fn counting_area(mut self, area: CountingAreaId) -> Appointment {
        self.counting_area = Some(area);
        self
    }

    /// The public key they sign checkpoints with (64 lower-case hex
    /// digits).
    #[must_use]
    pub fn public_key(mut self, hex: impl Into<String>) -> Appointment {
        self.public_key = Some(hex.into());
        self
    }

    /// Whether the office is one its holder records themselves (the
    /// Returning Officer, Acting Returning Officer and collating officer
    /// hold theirs by law).
    pub(crate) fn self_recorded(&self) -> bool {
        matches!(
            self.role,
            Role::ReturningOfficer | Role::ActingReturningOfficer | Role::CollatingOfficer
        )
    }

    pub(crate) fn event(&self) -> log::Event {
        log::Event::OfficerAppointed(
            log::OfficerAppointed::new(
                self.person.to_string(),
                self.name.clone(),
                self.role.code().to_owned(),
            )
            .functions(self.functions.iter().map(|f| f.code().to_owned()).collect())
            .contests(self.contests.iter().map(ToString::to_string).collect())
            .counting_area(self.counting_area.as_ref().map(ToString::to_string))
            .public_key(self.public_key.clone()),
        )
    }
}
