//! Elections, contests, vacancies and candidates.

use std::collections::BTreeSet;
use std::fmt;

use time::Date;

use crate::{CandidateId, ContestId, ElectionId, Electorate};

/// An election event: the polls held on one polling day.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Election {
    /// The election's identifier.
    pub id: ElectionId,
    /// Its name, e.g. "Exampleshire District Council elections".
    pub name: String,
    /// The day of the poll.
    pub poll_date: Date,
}

impl Election {
    /// The election `id`, named `name`, polled on `poll_date`.
    #[must_use]
    pub fn new(id: ElectionId, name: impl Into<String>, poll_date: Date) -> Election {
        Election {
            id,
            name: name.into(),
            poll_date,
        }
    }
}

/// The part of the United Kingdom a contest is in: the law of the count
/// differs between them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum Country {
    /// England.
    England,
    /// Wales.
    Wales,
    /// Scotland.
    Scotland,
    /// Northern Ireland.
    NorthernIreland,
}

impl Country {
    /// Every country, in a fixed order.
    pub const ALL: [Country; 4] = [
        Country::England,
        Country::Wales,
        Country::Scotland,
        Country::NorthernIreland,
    ];

    /// The stable code used in files (`england`, `wales`, `scotland`,
    /// `northern_ireland`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Country::England => "england",
            Country::Wales => "wales",
            Country::Scotland => "scotland",
            Country::NorthernIreland => "northern_ireland",
        }
    }

    /// Parses a [`Country::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|c| c.code() == code)
    }
}

impl fmt::Display for Country {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Country::England => "England",
            Country::Wales => "Wales",
            Country::Scotland => "Scotland",
            Country::NorthernIreland => "Northern Ireland",
        })
    }
}

/// The office a contest elects to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Office {
    /// Member of Parliament for a constituency of the House of Commons.
    UkParliament,
    /// Councillor of a principal council (county, district, unitary, London
    /// borough, metropolitan borough; Welsh county and county borough).
    PrincipalCouncillor,
    /// Councillor of a parish or town council (community council in Wales).
    ParishCouncillor,
    /// An elected mayor, of the kind of authority given: the kind decides
    /// the rules (a local authority's mayor, a combined authority's, a
    /// combined county authority's, or the Mayor of London).
    Mayor(MayorKind),
    /// Police and crime commissioner for a police area in England or Wales.
    PoliceAndCrimeCommissioner,
    /// A referendum under the Political Parties, Elections and Referendums
    /// Act 2000 Part 7: the "contest" is the referendum question, its
    /// "candidates" are the answers.
    Referendum,
    /// A local poll that is not an election under the Representation of the
    /// People Acts: a parish poll, or a local referendum (neighbourhood
    /// planning, business, council tax, governance), of the kind given.
    /// Each kind has its own office code and its own rules.
    LocalPoll(PollKind),
    /// A constituency member of a parliament elected by the additional
    /// member system, by first past the post: its return enters the
    /// region's list allocation (the divisors count the constituency seats
    /// a party won in the region).
    AmsConstituency(AmsParliament),
    /// A referendum held throughout Scotland under the Referendums
    /// (Scotland) Act 2020 (asp 2): provided for by an Act of the Scottish
    /// Parliament (s.1(1)), conducted under the 2020 Act's own conduct rules
    /// (Sch 2), not under the Political Parties, Elections and Referendums
    /// Act 2000 Part 7. Its own office code (`scottish_referendum`),
    /// because it cannot be told from Scotland's share of a UK referendum
    /// ([`Office::Referendum`]) by country, office and date: the file says
    /// which, and countroom never guesses.
    ScottishReferendum,
}

/// The parliaments of the additional member system whose constituency polls
/// are counted through the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum AmsParliament {
    /// The Scottish Parliament: a constituency member for each constituency
    /// by the simple majority system (Scotland Act 1998 s.1(2)).
    ScottishParliament,
    /// The National Assembly for Wales (the Senedd from 6 May 2020) from
    /// 2007 to 2021: a constituency member for each Assembly constituency
    /// by the simple majority system (Government of Wales Act 2006 s.6 as
    /// enacted).
    Senedd2007,
    /// The London Assembly: a constituency member for each of the 14
    /// Assembly constituencies by the simple majority system (Greater London
    /// Authority Act 1999 s.2(1), s.4).
    LondonAssembly,
}

impl AmsParliament {
    /// Every parliament, in a fixed order.
    pub const ALL: [AmsParliament; 3] = [
        AmsParliament::ScottishParliament,
        AmsParliament::Senedd2007,
        AmsParliament::LondonAssembly,
    ];

    /// The office code used in files (the list office codes of
    /// `countroom_rules::lists::ListOffice`).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            AmsParliament::ScottishParliament => "scottish_parliament_constituency_member",
            AmsParliament::Senedd2007 => "senedd_constituency_member",
            AmsParliament::LondonAssembly => "london_assembly_constituency_member",
        }
    }

    /// The poll's title where none is given.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            AmsParliament::ScottishParliament => {
                "Election of a Constituency Member of the Scottish Parliament"
            }
            AmsParliament::Senedd2007 => "Election of a Constituency Member of the Senedd",
            AmsParliament::LondonAssembly => {
                "Election of a Constituency Member of the London Assembly"
            }
        }
    }

    /// Parses an [`AmsParliament::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }
}

impl Office {
    /// Whether the office's seats have a term of office that ends on a day
    /// known at the poll. A Member of Parliament has none: the member sits
    /// until Parliament is dissolved, which may be on any day. Dissolution
    /// and Calling of Parliament Act 2022 (c. 11), read in its enacted text
    /// on legislation.gov.uk (ukpga/2022/11): s.2(1) makes the prerogative
    /// powers to dissolve Parliament "exercisable again, as if the
    /// Fixed-term Parliaments Act 2011 had never been enacted", and s.4:
    /// "If it has not been dissolved earlier, a Parliament dissolves at the
    /// beginning of the day that is the fifth anniversary of the day on
    /// which it first met" (a latest day, not a term). So a
    /// `uk_parliament` seat may leave `term_ends` out and the declaration
    /// prints no term. Every other office with seats has a
    /// fixed term (councillors: the fourth day after the ordinary day of
    /// election of their successors, Local Government Act 1972 ss.7, 16
    /// and 21 \[I\]; mayors and PCCs: four years by their Acts \[I\]).
    /// A constituency member of the Scottish Parliament or the Senedd
    /// sits until the next general election, which an extraordinary
    /// general election may bring forward (Scotland Act 1998 ss.2-3;
    /// Government of Wales Act 2006 ss.3-5 \[I\]), so gives none either.
    #[must_use]
    pub const fn has_fixed_term(self) -> bool {
        !matches!(
            self,
            Office::UkParliament
                | Office::Referendum
                | Office::ScottishReferendum
                | Office::LocalPoll(_)
                | Office::AmsConstituency(_)
        )
    }

    /// Whether the poll is on a question: its "candidates" are the answers
    /// and it has no seats (a referendum, a parish poll on a question, a
    /// local referendum).
    #[must_use]
    pub const fn is_question(self) -> bool {
        match self {
            Office::Referendum | Office::ScottishReferendum => true,
            Office::LocalPoll(kind) => kind.is_question(),
            _ => false,
        }
    }

    /// Every office, in a fixed order (each kind of mayor is an office of
    /// its own).
    pub const ALL: [Office; 19] = [
        Office::UkParliament,
        Office::PrincipalCouncillor,
        Office::ParishCouncillor,
        Office::Mayor(MayorKind::LocalAuthority),
        Office::Mayor(MayorKind::CombinedAuthority),
        Office::Mayor(MayorKind::CombinedCountyAuthority),
        Office::Mayor(MayorKind::London),
        Office::PoliceAndCrimeCommissioner,
        Office::Referendum,
        Office::LocalPoll(PollKind::ParishPollQuestion),
        Office::LocalPoll(PollKind::ParishPollElection),
        Office::LocalPoll(PollKind::NeighbourhoodPlanning),
        Office::LocalPoll(PollKind::NeighbourhoodPlanningBusiness),
        Office::LocalPoll(PollKind::CouncilTax),
        Office::LocalPoll(PollKind::Governance),
        Office::AmsConstituency(AmsParliament::ScottishParliament),
        Office::AmsConstituency(AmsParliament::Senedd2007),
        Office::AmsConstituency(AmsParliament::LondonAssembly),
        Office::ScottishReferendum,
    ];

    /// The office codes used in files, each once (`mayor` once for every
    /// kind of mayor, whose kind is given in a field of its own; each kind
    /// of local poll has its own code, [`PollKind::code`]).
    pub const CODES: [&'static str; 16] = [
        "uk_parliament",
        "principal_councillor",
        "parish_councillor",
        "mayor",
        "police_and_crime_commissioner",
        "referendum",
        "parish_poll_question",
        "parish_poll_election",
        "neighbourhood_planning_referendum",
        "business_referendum",
        "council_tax_referendum",
        "governance_referendum",
        "scottish_parliament_constituency_member",
        "senedd_constituency_member",
        "london_assembly_constituency_member",
        "scottish_referendum",
    ];

    /// The stable code used in files. Every kind of mayor has the code
    /// `mayor`; its kind is [`MayorKind::code`].
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Office::UkParliament => "uk_parliament",
            Office::PrincipalCouncillor => "principal_councillor",
            Office::ParishCouncillor => "parish_councillor",
            Office::Mayor(_) => "mayor",
            Office::PoliceAndCrimeCommissioner => "police_and_crime_commissioner",
            Office::Referendum => "referendum",
            Office::LocalPoll(kind) => kind.code(),
            Office::AmsConstituency(p) => p.code(),
            Office::ScottishReferendum => "scottish_referendum",
        }
    }

    /// Parses an [`Office::code`] and, for a mayor, the kind of authority.
    ///
    /// # Errors
    /// [`OfficeError`]: an unknown code; a mayor without its kind of
    /// authority (never guessed) or with an unknown kind; a kind of
    /// authority given for an office that is not a mayor.
    pub fn parse(code: &str, authority: Option<&str>) -> Result<Self, OfficeError> {
        let office = match code {
            "uk_parliament" => Office::UkParliament,
            "principal_councillor" => Office::PrincipalCouncillor,
            "parish_councillor" => Office::ParishCouncillor,
            "police_and_crime_commissioner" => Office::PoliceAndCrimeCommissioner,
            "referendum" => Office::Referendum,
            "scottish_referendum" => Office::ScottishReferendum,
            other if PollKind::from_code(other).is_some() => match PollKind::from_code(other) {
                Some(kind) => Office::LocalPoll(kind),
                None => return Err(OfficeError::UnknownOffice(other.to_owned())),
            },
            other if AmsParliament::from_code(other).is_some() => {
                match AmsParliament::from_code(other) {
                    Some(p) => Office::AmsConstituency(p),
                    None => return Err(OfficeError::UnknownOffice(other.to_owned())),
                }
            }
            "mayor" => {
                let Some(authority) = authority else {
                    return Err(OfficeError::MayorKindMissing);
                };
                return MayorKind::from_code(authority)
                    .map(Office::Mayor)
                    .ok_or_else(|| OfficeError::UnknownMayorKind(authority.to_owned()));
            }
            other => return Err(OfficeError::UnknownOffice(other.to_owned())),
        };
        match authority {
            Some(a) => Err(OfficeError::KindNotAMayor {
                office: office.code(),
                authority: a.to_owned(),
            }),
            None => Ok(office),
        }
    }

    /// The kind of mayor, if the office is a mayor's.
    #[must_use]
    pub const fn mayor_kind(self) -> Option<MayorKind> {
        match self {
            Office::Mayor(kind) => Some(kind),
            _ => None,
        }
    }

    /// What the person elected is called ("Member of Parliament",
    /// "councillor").
    #[must_use]
    pub const fn member_title(self) -> &'static str {
        match self {
            Office::UkParliament => "Member of Parliament",
            Office::PrincipalCouncillor | Office::ParishCouncillor => "Councillor",
            Office::Mayor(_) => "Mayor",
            Office::PoliceAndCrimeCommissioner => "Police and Crime Commissioner",
            Office::Referendum | Office::ScottishReferendum => "answer",
            Office::LocalPoll(PollKind::ParishPollElection) => "officer",
            Office::LocalPoll(_) => "answer",
            Office::AmsConstituency(AmsParliament::ScottishParliament) => {
                "Member of the Scottish Parliament"
            }
            Office::AmsConstituency(AmsParliament::Senedd2007) => "Member of the Senedd",
            Office::AmsConstituency(AmsParliament::LondonAssembly) => {
                "Member of the London Assembly"
            }
        }
    }
}

/// The kind of a local poll that is not an election of councillors, a mayor
/// or a commissioner: each has its own instrument, and each its own office
/// code in files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PollKind {
    /// A poll consequent on a parish meeting on a question (Local
    /// Government Act 1972 Sch 12 para 18(4); Parish and Community Meetings
    /// (Polls) Rules 1987, SI 1987/1): the answers are the "candidates".
    ParishPollQuestion,
    /// A poll consequent on a parish meeting on the appointment of a person
    /// to an office (the same Rules): first past the post.
    ParishPollElection,
    /// A neighbourhood planning referendum (Town and Country Planning Act
    /// 1990 Sch 4B para 14; Neighbourhood Planning (Referendums)
    /// Regulations 2012, SI 2012/2031): answers Yes and No.
    NeighbourhoodPlanning,
    /// The business referendum held alongside a neighbourhood planning
    /// referendum in a business area (1990 Act Sch 4B para 15; the 2012
    /// Regulations Sch 7, inserted by SI 2013/798).
    NeighbourhoodPlanningBusiness,
    /// A council tax referendum (Local Government Finance Act 1992
    /// Chapter 4ZA; SI 2012/444).
    CouncilTax,
    /// A referendum on a local authority's governance arrangements (Local
    /// Government Act 2000 Part 1A; SI 2012/323).
    Governance,
}

impl PollKind {
    /// Every kind, in a fixed order.
    pub const ALL: [PollKind; 6] = [
        PollKind::ParishPollQuestion,
        PollKind::ParishPollElection,
        PollKind::NeighbourhoodPlanning,
        PollKind::NeighbourhoodPlanningBusiness,
        PollKind::CouncilTax,
        PollKind::Governance,
    ];

    /// The office code used in files.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            PollKind::ParishPollQuestion => "parish_poll_question",
            PollKind::ParishPollElection => "parish_poll_election",
            PollKind::NeighbourhoodPlanning => "neighbourhood_planning_referendum",
            PollKind::NeighbourhoodPlanningBusiness => "business_referendum",
            PollKind::CouncilTax => "council_tax_referendum",
            PollKind::Governance => "governance_referendum",
        }
    }

    /// Parses a [`PollKind::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Whether the poll is on a question (answers, no seats): every kind
    /// but the parish poll on an appointment to an office.
    #[must_use]
    pub const fn is_question(self) -> bool {
        !matches!(self, PollKind::ParishPollElection)
    }

    /// The poll's title where none is given.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            PollKind::ParishPollQuestion => "Parish poll",
            PollKind::ParishPollElection => "Parish poll (appointment to an office)",
            PollKind::NeighbourhoodPlanning => "Neighbourhood planning referendum",
            PollKind::NeighbourhoodPlanningBusiness => "Neighbourhood planning business referendum",
            PollKind::CouncilTax => "Council tax referendum",
            PollKind::Governance => "Governance referendum",
        }
    }
}

/// The kind of authority an elected mayor is the mayor of: each has its own
/// statutory rules.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum MayorKind {
    /// The elected mayor of a local authority (Local Government Act 2000
    /// Part 2; Local Authorities (Mayoral Elections) (England and Wales)
    /// Regulations 2007).
    LocalAuthority,
    /// The mayor of a combined authority (Local Democracy, Economic
    /// Development and Construction Act 2009 s.107A; Combined Authorities
    /// (Mayoral Elections) Order 2017).
    CombinedAuthority,
    /// The mayor of a combined county authority (Levelling-up and
    /// Regeneration Act 2023 Part 2 Chapter 1; the 2017 Order as amended by
    /// the Combined Authorities (Mayoral Elections) Order 2017 (Amendment)
    /// Regulations 2024, SI 2024/131).
    CombinedCountyAuthority,
    /// The Mayor of London (Greater London Authority Act 1999; Greater
    /// London Authority Elections Rules 2007, SI 2007/3541).
    London,
}

impl MayorKind {
    /// Every kind, in a fixed order.
    pub const ALL: [MayorKind; 4] = [
        MayorKind::LocalAuthority,
        MayorKind::CombinedAuthority,
        MayorKind::CombinedCountyAuthority,
        MayorKind::London,
    ];

    /// The code used in files: `local_authority`, `combined_authority`,
    /// `combined_county_authority`, `london`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            MayorKind::LocalAuthority => "local_authority",
            MayorKind::CombinedAuthority => "combined_authority",
            MayorKind::CombinedCountyAuthority => "combined_county_authority",
            MayorKind::London => "london",
        }
    }

    /// Parses a [`MayorKind::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|k| k.code() == code)
    }

    /// Every code, comma-separated, for messages.
    #[must_use]
    pub fn codes() -> String {
        Self::ALL.map(MayorKind::code).join(", ")
    }
}

/// The voting system a Welsh principal council has chosen for its
/// elections: Local Government and Elections (Wales) Act 2021 s.5 (the
/// simple majority system or the single transferable vote system) and s.8
/// (a council's resolution to change, by two-thirds of its members, for the
/// ordinary elections from 2027). Recorded on the contest; no other
/// council or office chooses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[non_exhaustive]
pub enum VotingSystem {
    /// The simple majority system (first past the post): the default.
    SimpleMajority,
    /// The single transferable vote system.
    SingleTransferableVote,
}

impl VotingSystem {
    /// Every system.
    pub const ALL: [VotingSystem; 2] = [
        VotingSystem::SimpleMajority,
        VotingSystem::SingleTransferableVote,
    ];

    /// The code used in files: `simple_majority`,
    /// `single_transferable_vote`.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            VotingSystem::SimpleMajority => "simple_majority",
            VotingSystem::SingleTransferableVote => "single_transferable_vote",
        }
    }

    /// Parses a [`VotingSystem::code`].
    #[must_use]
    pub fn from_code(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|v| v.code() == code)
    }
}

/// Why an office (and a mayor's kind of authority) could not be read.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum OfficeError {
    /// An office code countroom does not know.
    #[error("unknown office {0:?}: expected one of uk_parliament, principal_councillor, parish_councillor, mayor, police_and_crime_commissioner, referendum, parish_poll_question, parish_poll_election, neighbourhood_planning_referendum, business_referendum, council_tax_referendum, governance_referendum, scottish_parliament_constituency_member, senedd_constituency_member, london_assembly_constituency_member, scottish_referendum")]
    UnknownOffice(String),
    /// A mayor whose kind of authority is not given.
    #[error("a mayor's contest must give the kind of authority (`authority`): one of local_authority, combined_authority, combined_county_authority, london; each has its own rules, and countroom does not guess")]
    MayorKindMissing,
    /// A kind of authority countroom does not know.
    #[error("unknown kind of authority {0:?}: expected one of local_authority, combined_authority, combined_county_authority, london")]
    UnknownMayorKind(String),
    /// A kind of authority given for an office that is not a mayor.
    #[error(
        "a kind of authority ({authority:?}) is given only for a mayor, not for office {office}"
    )]
    KindNotAMayor {
        /// The office.
        office: &'static str,
        /// The kind given.
        authority: String,
    },
}

/// Which statutory rules govern a contest's count.
///
/// The identifier only: what each ruleset says (rejection heads, counting
/// method, equality of votes) is data in the `countroom-rules` crate, which
/// also chooses the ruleset from the country, the office and the poll date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RulesetId {
    /// Parliamentary Elections Rules (Schedule 1, Representation of the
    /// People Act 1983).
    UkParliamentary,
    /// Local Elections (Principal Areas) (England and Wales) Rules 2006
    /// (SI 2006/3304), as they apply in England.
    EnglandPrincipal2006,
    /// Local Elections (Parishes and Communities) (England and Wales) Rules
    /// 2006 (SI 2006/3305), as they apply in England.
    EnglandParish2006,
    /// Local Elections (Principal Areas) (Wales) Rules 2021 (SI 2021/1459),
    /// first past the post.
    WalesPrincipal2021,
    /// Referendums under the Political Parties, Elections and Referendums
    /// Act 2000 Part 7 (the conduct rules of the Parliamentary Voting System
    /// and Constituencies Act 2011, Sch 2, and the instruments made in the
    /// same form for later referendums).
    UkReferendum,
    /// Local Authorities (Mayoral Elections) (England and Wales) Regulations
    /// 2007 (SI 2007/1024): a local authority's elected mayor by the
    /// supplementary vote, until the Elections Act 2022 replaced it.
    MayorSv2007,
    /// Combined Authorities (Mayoral Elections) Order 2017 (SI 2017/67): a
    /// combined authority's mayor by the supplementary vote, restored from
    /// 18 June 2026.
    MayorSv2026,
    /// Police and Crime Commissioner Elections Order 2012 (SI 2012/1917):
    /// the supplementary vote, until the Elections Act 2022 replaced it.
    PccSv2012,
    /// Police and Crime Commissioner Elections Order 2012 as amended by the
    /// Elections Act 2022: first past the post.
    PccFptp2023,
    /// Local Authorities (Mayoral Elections) (England and Wales) Regulations
    /// 2007 as amended under the Elections Act 2022: a local authority's
    /// mayor by first past the post, from 4 May 2023.
    MayorFptp2023,
    /// Scottish Local Government Elections Order 2011 (SSI 2011/399): the
    /// single transferable vote.
    ScotlandStv2011,
    /// Electoral Law Act (Northern Ireland) 1962, Schedule 5: the single
    /// transferable vote at district council elections.
    NorthernIrelandStv1962,
    /// Combined Authorities (Mayoral Elections) Order 2017 (SI 2017/67): a
    /// combined authority's mayor by the supplementary vote, 2017–2023.
    CombinedAuthorityMayorSv2017,
    /// The 2017 Order as amended under the Elections Act 2022: a combined
    /// authority's mayor by first past the post, 4 May 2023 – 17 June 2026.
    CombinedAuthorityMayorFptp2023,
    /// The 2017 Order as applied to combined county authorities by SI
    /// 2024/131: first past the post, until 17 June 2026.
    CombinedCountyAuthorityMayorFptp2024,
    /// The 2017 Order as applied to combined county authorities: the
    /// supplementary vote, restored from 18 June 2026.
    CombinedCountyAuthorityMayorSv2026,
    /// Greater London Authority Elections Rules 2007 (SI 2007/3541), the
    /// Mayoral Election Rules: the Mayor of London by the supplementary
    /// vote, 14 January 2008 – 3 May 2023.
    LondonMayorSv2008,
    /// The GLA Elections Rules 2007 as amended by SI 2022/1111: the Mayor of
    /// London by first past the post, from 4 May 2023.
    LondonMayorFptp2023,
    /// Scottish Local Government Elections Order 2007 (SSI 2007/42): the
    /// single transferable vote at the 2007 council polls.
    ScotlandStv2007,
    /// Local Elections (Principal Areas) (England and Wales) Rules 2006
    /// (SI 2006/3304), as they applied in Wales until the Local Elections
    /// (Principal Areas) (Wales) Rules 2021 (polls before 5 May 2022).
    WalesPrincipal2006,
    /// Parish and Community Meetings (Polls) Rules 1987 (SI 1987/1): a
    /// parish poll on a question.
    ParishPollQuestion1987,
    /// Parish and Community Meetings (Polls) Rules 1987: a parish poll on
    /// an appointment to an office.
    ParishPollElection1987,
    /// Neighbourhood Planning (Referendums) Regulations 2012 (SI
    /// 2012/2031), Sch 3: the residents' referendum.
    NeighbourhoodPlanning2012,
    /// The same Regulations, Sch 7 (inserted by SI 2013/798): the business
    /// referendum.
    NeighbourhoodPlanningBusiness2013,
    /// Local Authorities (Conduct of Referendums) (Council Tax Increases)
    /// (England) Regulations 2012 (SI 2012/444), Sch 3: a council tax
    /// referendum.
    CouncilTax2012,
    /// Local Authorities (Conduct of Referendums) (England) Regulations 2012
    /// (SI 2012/323), Sch 3: a governance referendum.
    Governance2012,
    /// Scottish Parliament (Elections etc.) Order 2015 (SSI 2015/425): a
    /// constituency member by first past the post (Scotland Act 1998 s.1(2),
    /// s.6).
    ScottishParliamentConstituency2016,
    /// National Assembly for Wales (Representation of the People) Order 2007
    /// (SI 2007/236): a constituency member by first past the post, 2007–2021
    /// (Government of Wales Act 2006 s.6 as enacted).
    SeneddConstituency2007,
    /// Greater London Authority Elections Rules 2007 (SI 2007/3541), Sch 1:
    /// a London Assembly constituency member by first past the post (Greater
    /// London Authority Act 1999 s.4).
    LondonAssemblyConstituency2008,
    /// Referendums (Scotland) Act 2020 (asp 2), ss.7-9 and Sch 2: a
    /// referendum held throughout Scotland under an Act of the Scottish
    /// Parliament ([`Office::ScottishReferendum`]).
    ScottishReferendum2020,
}

/// Whether a vacancy is the ordinary (scheduled) seat or a casual vacancy
/// filled at the same poll.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum VacancyKind {
    /// A seat falling due at this ordinary election.
    Ordinary,
    /// A casual vacancy filled at the same poll (its term ends when the
    /// vacating member's would have).
    Casual,
}

/// One seat to be filled, with the date its term of office ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[non_exhaustive]
pub struct Vacancy {
    /// Ordinary or casual.
    pub kind: VacancyKind,
    /// The day the term of office ends (the fourth day after the ordinary
    /// day of election in the year of retirement, for councillors); `None`
    /// for an office with no fixed term ([`Office::has_fixed_term`]).
    pub term_ends: Option<Date>,
}

impl Vacancy {
    /// A vacancy of `kind` whose term ends on `term_ends` (`None`: an
    /// office with no fixed term).
    #[must_use]
    pub fn new(kind: VacancyKind, term_ends: Option<Date>) -> Vacancy {
        Vacancy { kind, term_ends }
    }
}

/// A candidate named in a contest's statement of persons nominated.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Candidate {
    /// The candidate's identifier, unique in the contest.
    pub id: CandidateId,
    /// The name as on the ballot paper (e.g. "ADAMS, Jo").
    pub name: String,
    /// The description or party as on the ballot paper, if any.
    pub description: Option<String>,
    /// Withdrawn before the deadline: not on the ballot paper.
    pub withdrawn: bool,
}

impl Candidate {
    /// A candidate standing, with no description: add one with
    /// [`Candidate::description`], or mark a withdrawal with
    /// [`Candidate::withdrawn`].
    ///
    /// ```
    /// use countroom_model::{Candidate, CandidateId};
    /// let c = Candidate::new(CandidateId::new("A")?, "ADAMS, Jo").description(Some("Labour Party".into()));
    /// assert_eq!(c.description.as_deref(), Some("Labour Party"));
    /// assert!(!c.withdrawn);
    /// # Ok::<(), countroom_model::IdError>(())
    /// ```
    #[must_use]
    pub fn new(id: CandidateId, name: impl Into<String>) -> Candidate {
        Candidate {
            id,
            name: name.into(),
            description: None,
            withdrawn: false,
        }
    }

    /// The description or party on the ballot paper (`None`: none).
    #[must_use]
    pub fn description(mut self, description: Option<String>) -> Candidate {
        self.description = description;
        self
    }

    /// Whether the candidate withdrew before the deadline.
    #[must_use]
    pub fn withdrawn(mut self, withdrawn: bool) -> Candidate {
        self.withdrawn = withdrawn;
        self
    }
}

/// Position of a candidate on the ballot paper, counting only candidates who
/// stand (withdrawn candidates have none). Zero-based and dense, so it
/// indexes per-candidate arrays directly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct CandidateIdx(pub u32);

impl CandidateIdx {
    /// The index as a `usize`, for indexing.
    #[must_use]
    pub const fn get(self) -> usize {
        self.0 as usize
    }
}

/// A contest (poll): the election of one or more members for one area.
///
/// Built with [`Contest::new`], which checks its invariants: at least one
/// vacancy, candidate ids unique, names non-empty.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Contest {
    id: ContestId,
    election: ElectionId,
    title: String,
    area: String,
    office: Office,
    country: Country,
    poll_date: Date,
    ruleset: RulesetId,
    voting_system: Option<VotingSystem>,
    electorate: Electorate,
    vacancies: Vec<Vacancy>,
    candidates: Vec<Candidate>,
    standing: Vec<usize>,
}

/// A problem with a contest's definition.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ContestError {
    /// A referendum was given seats.
    #[error("contest {contest}: a referendum has answers, not seats: give no vacancies")]
    ReferendumSeats {
        /// The contest.
        contest: ContestId,
    },
    /// A referendum with fewer than two answers.
    #[error("contest {contest}: a referendum needs at least two answers (given as candidates), found {answers}")]
    TooFewAnswers {
        /// The contest.
        contest: ContestId,
        /// Answers given.
        answers: usize,
    },
    /// No vacancies: seats would be 0.
    #[error("contest {contest}: seats must be at least 1 (no vacancies given)")]
    NoVacancies {
        /// The contest.
        contest: ContestId,
    },
    /// Two candidates share an id.
    #[error("contest {contest}: duplicate candidate id {candidate}")]
    DuplicateCandidate {
        /// The contest.
        contest: ContestId,
        /// The repeated id.
        candidate: CandidateId,
    },
    /// A candidate has an empty name.
    #[error("contest {contest}: candidate {candidate} has an empty name")]
    EmptyName {
        /// The contest.
        contest: ContestId,
        /// The candidate.
        candidate: CandidateId,
    },
    /// The title or area is empty.
    #[error("contest {contest}: {field} is empty")]
    EmptyField {
        /// The contest.
        contest: ContestId,
        /// `title` or `area`.
        field: &'static str,
    },
    /// A voting system given for a contest that has no choice of system.
    #[error("contest {contest}: field `voting_system`: only a Welsh principal council chooses its voting system (Local Government and Elections (Wales) Act 2021 s.8); give none for this contest")]
    VotingSystemNotAChoice {
        /// The contest.
        contest: ContestId,
    },
    /// A term ends on or before the poll date.
    #[error(
        "contest {contest}: a term ending {term_ends} does not end after the poll on {poll_date}"
    )]
    TermEndsBeforePoll {
        /// The contest.
        contest: ContestId,
        /// The term end given.
        term_ends: Date,
        /// The poll date.
        poll_date: Date,
    },
    /// A seat of an office with a fixed term given no term end.
    #[error("contest {contest}: field `vacancies[{vacancy}].term_ends`: this office has a fixed term: give the day it ends (only a Member of Parliament has none)")]
    TermEndMissing {
        /// The contest.
        contest: ContestId,
        /// The vacancy's 0-based position.
        vacancy: usize,
    },
}

/// Everything needed to build a [`Contest`]; [`Contest::new`] checks it.
#[derive(Debug, Clone)]
pub struct ContestSpec {
    /// The contest's identifier.
    pub id: ContestId,
    /// The election event it belongs to.
    pub election: ElectionId,
    /// The title of the poll, e.g. "Election of District Councillors".
    pub title: String,
    /// The electoral area, e.g. "Abbey Ward".
    pub area: String,
    /// The office.
    pub office: Office,
    /// The country.
    pub country: Country,
    /// The day of the poll.
    pub poll_date: Date,
    /// The statutory rules (chosen by `countroom-rules`).
    pub ruleset: RulesetId,
    /// The voting system a Welsh principal council has chosen, if recorded
    /// (only a Welsh principal council may give one).
    pub voting_system: Option<VotingSystem>,
    /// Electors on the register for the contest.
    pub electorate: Electorate,
    /// The seats, each with its term.
    pub vacancies: Vec<Vacancy>,
    /// The candidates, in ballot-paper order.
    pub candidates: Vec<Candidate>,
}

impl Contest {
    /// Checks `spec` and builds the contest, or lists every problem found.
    pub fn new(spec: ContestSpec) -> Result<Contest, Vec<ContestError>> {
        let mut problems = Vec::new();
        let contest = &spec.id;
        if spec.office.is_question() {
            if !spec.vacancies.is_empty() {
                problems.push(ContestError::ReferendumSeats {
                    contest: contest.clone(),
                });
            }
            let answers = spec.candidates.iter().filter(|c| !c.withdrawn).count();
            if answers < 2 {
                problems.push(ContestError::TooFewAnswers {
                    contest: contest.clone(),
                    answers,
                });
            }
        } else if spec.vacancies.is_empty() {
            problems.push(ContestError::NoVacancies {
                contest: contest.clone(),
            });
        }
        let chooses = spec.country == Country::Wales && spec.office == Office::PrincipalCouncillor;
        if spec.voting_system.is_some() && !chooses {
            problems.push(ContestError::VotingSystemNotAChoice {
                contest: contest.clone(),
            });
        }
        for (field, value) in [("title", &spec.title), ("area", &spec.area)] {
            if value.trim().is_empty() {
                problems.push(ContestError::EmptyField {
                    contest: contest.clone(),
                    field,
                });
            }
        }
        for (i, vacancy) in spec.vacancies.iter().enumerate() {
            match vacancy.term_ends {
                Some(term_ends) if term_ends <= spec.poll_date => {
                    problems.push(ContestError::TermEndsBeforePoll {
                        contest: contest.clone(),
                        term_ends,
                        poll_date: spec.poll_date,
                    });
                }
                Some(_) => {}
                None if spec.office.has_fixed_term() => {
                    problems.push(ContestError::TermEndMissing {
                        contest: contest.clone(),
                        vacancy: i,
                    });
                }
                None => {}
            }
        }
        let mut seen = BTreeSet::new();
        for candidate in &spec.candidates {
            if !seen.insert(&candidate.id) {
                problems.push(ContestError::DuplicateCandidate {
                    contest: contest.clone(),
                    candidate: candidate.id.clone(),
                });
            }
            if candidate.name.trim().is_empty() {
                problems.push(ContestError::EmptyName {
                    contest: contest.clone(),
                    candidate: candidate.id.clone(),
                });
            }
        }
        if !problems.is_empty() {
            return Err(problems);
        }
        let standing = spec
            .candidates
            .iter()
            .enumerate()
            .filter(|(_, c)| !c.withdrawn)
            .map(|(i, _)| i)
            .collect();
        Ok(Contest {
            id: spec.id,
            election: spec.election,
            title: spec.title,
            area: spec.area,
            office: spec.office,
            country: spec.country,
            poll_date: spec.poll_date,
            ruleset: spec.ruleset,
            voting_system: spec.voting_system,
            electorate: spec.electorate,
            vacancies: spec.vacancies,
            candidates: spec.candidates,
            standing,
        })
    }

    /// The contest's identifier.
    #[must_use]
    pub fn id(&self) -> &ContestId {
        &self.id
    }
    /// The election event.
    #[must_use]
    pub fn election(&self) -> &ElectionId {
        &self.election
    }
    /// The title of the poll.
    #[must_use]
    pub fn title(&self) -> &str {
        &self.title
    }
    /// The electoral area.
    #[must_use]
    pub fn area(&self) -> &str {
        &self.area
    }
    /// The office.
    #[must_use]
    pub fn office(&self) -> Office {
        self.office
    }
    /// The country.
    #[must_use]
    pub fn country(&self) -> Country {
        self.country
    }
    /// The day of the poll.
    #[must_use]
    pub fn poll_date(&self) -> Date {
        self.poll_date
    }
    /// The statutory rules.
    #[must_use]
    pub fn ruleset(&self) -> RulesetId {
        self.ruleset
    }
    /// The voting system a Welsh principal council has chosen, if
    /// recorded.
    #[must_use]
    pub fn voting_system(&self) -> Option<VotingSystem> {
        self.voting_system
    }
    /// Electors on the register.
    #[must_use]
    pub fn electorate(&self) -> Electorate {
        self.electorate
    }
    /// The seats to fill, as given.
    #[must_use]
    pub fn vacancies(&self) -> &[Vacancy] {
        &self.vacancies
    }
    /// The number of seats (at least 1). A referendum has none, but its
    /// paper carries one vote, so it counts as one here.
    #[must_use]
    pub fn seats(&self) -> usize {
        self.vacancies.len().max(1)
    }
    /// Whether this is a referendum: its "candidates" are the answers.
    #[must_use]
    pub fn is_referendum(&self) -> bool {
        self.office.is_question()
    }
    /// Every nominated candidate, withdrawn ones included, in ballot order.
    #[must_use]
    pub fn all_candidates(&self) -> &[Candidate] {
        &self.candidates
    }
    /// The number of candidates on the ballot paper.
    #[must_use]
    pub fn n_standing(&self) -> usize {
        self.standing.len()
    }
    /// The candidates on the ballot paper, in ballot-paper order, with their
    /// dense index.
    pub fn standing(&self) -> impl ExactSizeIterator<Item = (CandidateIdx, &Candidate)> + '_ {
        self.standing
            .iter()
            .enumerate()
            .filter_map(|(idx, &pos)| {
                let candidate = self.candidates.get(pos)?;
                Some((CandidateIdx(u32::try_from(idx).ok()?), candidate))
            })
            .collect::<Vec<_>>()
            .into_iter()
    }
    /// The standing candidate at `idx`.
    #[must_use]
    pub fn candidate(&self, idx: CandidateIdx) -> Option<&Candidate> {
        self.standing
            .get(idx.get())
            .and_then(|&pos| self.candidates.get(pos))
    }
    /// Finds a candidate by id: `Some(Ok(idx))` if standing,
    /// `Some(Err(()))` if withdrawn, `None` if unknown.
    #[must_use]
    pub fn find_candidate(&self, id: &CandidateId) -> Option<Result<CandidateIdx, Withdrawn>> {
        let pos = self.candidates.iter().position(|c| &c.id == id)?;
        match self.standing.iter().position(|&p| p == pos) {
            Some(idx) => Some(u32::try_from(idx).map(CandidateIdx).map_err(|_| Withdrawn)),
            None => Some(Err(Withdrawn)),
        }
    }
    /// Whether the poll is uncontested: no more candidates stand than there
    /// are seats, so they are declared elected without a poll.
    #[must_use]
    pub fn is_uncontested(&self) -> bool {
        !self.is_referendum() && self.standing.len() <= self.vacancies.len()
    }
}

/// Marker returned by [`Contest::find_candidate`] for a withdrawn candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Withdrawn;

#[cfg(test)]
mod tests {
    use super::{Office, OfficeError};

    /// `Office::CODES` holds every office's code once, each parses (a
    /// mayor with its kind of authority), and the unknown-office message
    /// lists them all (the London Assembly constituency code was missing
    /// from both).
    #[test]
    fn every_office_code_is_listed_once_and_parses() {
        let mut listed: Vec<&str> = Office::CODES.to_vec();
        listed.sort_unstable();
        listed.dedup();
        assert_eq!(listed.len(), Office::CODES.len());
        for office in Office::ALL {
            assert!(Office::CODES.contains(&office.code()), "{}", office.code());
        }
        let unknown = OfficeError::UnknownOffice("x".into()).to_string();
        for code in Office::CODES {
            let authority = (code == "mayor").then_some("local_authority");
            assert!(Office::parse(code, authority).is_ok(), "{code}");
            assert!(unknown.contains(code), "{code} missing from {unknown}");
        }
    }
}
