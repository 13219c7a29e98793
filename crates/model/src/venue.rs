//! Where the votes come from: counting areas, polling places, stations and
//! ballot boxes.

use crate::{BallotBoxId, ContestId, CountingAreaId, PollingPlaceId, PollingStationId};

/// A counting area: the local unit in which a multi-area poll is counted.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CountingArea {
    /// Its identifier.
    pub id: CountingAreaId,
    /// Its name.
    pub name: String,
    /// The region it is collated into, in a collated poll.
    pub region: Option<String>,
    /// Electors on the register in the area, in a collated poll.
    pub electorate: Option<u64>,
}

/// A polling place: the building.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollingPlace {
    /// Its identifier.
    pub id: PollingPlaceId,
    /// Its name and address as published.
    pub name: String,
    /// The counting area it belongs to, in a multi-area poll.
    pub counting_area: Option<CountingAreaId>,
}

/// A polling station inside a polling place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollingStation {
    /// Its identifier.
    pub id: PollingStationId,
    /// The polling place it is in.
    pub polling_place: PollingPlaceId,
    /// Its name or number.
    pub name: String,
}

/// Whether a ballot box came from a polling station or holds postal papers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BallotBoxKind {
    /// A polling station's box.
    PollingStation(PollingStationId),
    /// A postal ballot box (one per opening session).
    Postal,
}

/// A ballot box, which may hold the papers of several combined polls.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BallotBox {
    /// Its identifier.
    pub id: BallotBoxId,
    /// Where it came from.
    pub kind: BallotBoxKind,
    /// The contests whose papers it holds.
    pub contests: Vec<ContestId>,
}
