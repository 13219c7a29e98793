//! The plan of a collated poll: how it is counted, its choices, the heads of
//! its statement of rejected papers, its regions and its counting areas.

use std::fmt;

use countroom_rules::{CountingMethod, RejectionHead, Ruleset};

/// How the collated figures decide the poll.
///
/// Not `#[non_exhaustive]`: each method is a rule of law that every `match`
/// must handle.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Method {
    /// A referendum: the answer with more votes is the result; an exact tie
    /// between the answers is reported and there is no lot (PVSCA 2011
    /// Sch 2; the Chief Counting Officer certifies the totals, PPERA 2000
    /// s.128).
    Referendum,
    /// One seat, first past the post: the candidate with most votes is
    /// returned; an equality is decided by lot (Parliamentary Elections Rules
    /// r.49 and the local rules in the same words; PCCEO 2012 as amended by
    /// the Elections Act 2022).
    FirstPastThePost,
    /// The supplementary vote: a candidate with more than half the first
    /// preferences is returned; otherwise the top two (and any equal second)
    /// remain, every area counts the second preferences of the other
    /// candidates' voters for them, and the highest total is returned, an
    /// equality by lot (PCCEO 2012 rr.59–62 in the supplementary-vote form;
    /// GLAA 1999 Sch 2 paras 3–4). With two candidates it is first past the
    /// post.
    SupplementaryVote,
    /// A list-system poll (the Senedd's closed lists; the regional or
    /// London-wide poll of an additional member system): the collated
    /// totals are each registered party's and individual candidate's votes,
    /// from which `countroom-list` allocates the seats. The collation
    /// decides nothing itself: its outcome names the leading option only
    /// as figures do (as at a referendum, and no lot is drawn here; a lot
    /// between equal highest figures belongs to the allocation).
    List,
}

impl Method {
    /// The method of a ruleset, or `None` for one that cannot be collated
    /// from local totals of votes (the single transferable vote). A
    /// first-past-the-post ruleset is taken as one seat: collation of
    /// multi-seat polls is not built.
    #[must_use]
    pub const fn for_ruleset(rules: &Ruleset) -> Option<Method> {
        match rules.method {
            CountingMethod::Referendum => Some(Method::Referendum),
            CountingMethod::FirstPastThePost => Some(Method::FirstPastThePost),
            CountingMethod::SupplementaryVote => Some(Method::SupplementaryVote),
            CountingMethod::SingleTransferableVote(_) => None,
        }
    }

    /// Short name for messages.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Method::Referendum => "referendum",
            Method::FirstPastThePost => "first past the post",
            Method::SupplementaryVote => "supplementary vote",
            Method::List => "list",
        }
    }
}

impl fmt::Display for Method {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A candidate, or an answer at a referendum, in ballot-paper order.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Choice {
    /// Its identifier, unique in the poll.
    pub id: String,
    /// The name shown in documents, e.g. `Remain`.
    pub name: String,
}

impl Choice {
    /// A choice with this id and name.
    #[must_use]
    pub fn new(id: &str, name: &str) -> Choice {
        Choice {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// A region: the area of a Regional Counting Officer at a referendum (an
/// English region, Scotland, Wales, Northern Ireland), or any grouping of
/// counting areas whose totals are published together.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Region {
    /// Its identifier (e.g. the ONS code `E12000006`), unique in the poll.
    pub id: String,
    /// Its name, e.g. `East`.
    pub name: String,
}

impl Region {
    /// A region with this id and name.
    #[must_use]
    pub fn new(id: &str, name: &str) -> Region {
        Region {
            id: id.to_owned(),
            name: name.to_owned(),
        }
    }
}

/// A counting area (a voting area at a PCC election; a local authority at a
/// referendum), whose officer reports a local total.
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Area {
    /// Its identifier (e.g. the ONS code `E06000031`), unique in the poll.
    pub id: String,
    /// Its name, e.g. `Peterborough`.
    pub name: String,
    /// The region it is in, if the poll has regions.
    pub region: Option<String>,
    /// The electorate (the register in force on polling day), if known.
    pub electorate: Option<u64>,
}

impl Area {
    /// An area with these fields.
    #[must_use]
    pub fn new(id: &str, name: &str, region: Option<&str>, electorate: Option<u64>) -> Area {
        Area {
            id: id.to_owned(),
            name: name.to_owned(),
            region: region.map(str::to_owned),
            electorate,
        }
    }
}

/// What is collated: the poll, its method, choices, heads, regions and
/// areas. Checked by [`crate::Collation::new`].
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct Plan {
    /// The poll's identifier, for messages.
    pub poll: String,
    /// How the figures decide the poll.
    pub method: Method,
    /// The candidates or answers, in ballot-paper order; votes are given in
    /// this order.
    pub choices: Vec<Choice>,
    /// The heads of the statement of rejected ballot papers, in statutory
    /// order (the ruleset's); rejected papers are given in this order.
    pub heads: Vec<RejectionHead>,
    /// The regions, in the order their totals are published.
    pub regions: Vec<Region>,
    /// The counting areas, in the order they are published.
    pub areas: Vec<Area>,
}

impl Plan {
    /// The plan of poll `poll`: its method, choices, heads of rejection (in the
    /// ruleset's order) and counting areas; add its regions with the builder
    /// (none: a poll with no regions).
    #[must_use]
    pub fn new(
        poll: impl Into<String>,
        method: Method,
        choices: Vec<Choice>,
        heads: Vec<RejectionHead>,
        areas: Vec<Area>,
    ) -> Plan {
        Plan {
            poll: poll.into(),
            method,
            choices,
            heads,
            regions: Vec::new(),
            areas,
        }
    }

    /// The regions, in the order their totals are published.
    #[must_use]
    pub fn regions(mut self, regions: Vec<Region>) -> Plan {
        self.regions = regions;
        self
    }
}

impl Plan {
    /// The position of the area with this id.
    #[must_use]
    pub fn area_index(&self, area: &str) -> Option<usize> {
        self.areas.iter().position(|a| a.id == area)
    }

    /// The position of the region with this id.
    #[must_use]
    pub fn region_index(&self, region: &str) -> Option<usize> {
        self.regions.iter().position(|r| r.id == region)
    }
}
