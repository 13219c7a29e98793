//! The fixed wording of the HTML documents, keyed by message id: the hook
//! for translation.
//!
//! Every heading and fixed phrase a page prints is a [`Msg`]; [`MESSAGES`]
//! gives its English and Welsh text. A Welsh poll (a contest whose country
//! is Wales) prints both, Welsh first, marked `lang="cy"` and `lang="en"`;
//! every other poll prints the English. A full translation adds a column to
//! this table (or replaces the Welsh wording) without touching the
//! renderers.
//!
//! The Welsh wording here covers the headings and the fixed wording of the
//! documents. It is countroom's own rendering of the terms used on the
//! bilingual statutory forms and must be checked by the Returning Officer's
//! translator before a document is posted; the names, descriptions and
//! figures of a count are never translated.

/// Which wording a page uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    /// English only.
    English,
    /// Welsh and English (Welsh first).
    Bilingual,
}

impl Lang {
    /// The wording for a contest of this country (`wales` is bilingual).
    #[must_use]
    pub fn for_country(country: &str) -> Self {
        if country == "wales" {
            Lang::Bilingual
        } else {
            Lang::English
        }
    }
}

macro_rules! messages {
    ($($id:ident => $en:literal, $cy:literal;)*) => {
        /// A message id: one heading or fixed phrase of the documents.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
        #[allow(missing_docs)]
        pub enum Msg { $($id,)* }

        /// Every message: its id, English and Welsh wording.
        pub const MESSAGES: &[(Msg, &str, &str)] = &[$((Msg::$id, $en, $cy),)*];

        impl Msg {
            /// The English wording.
            #[must_use]
            pub const fn en(self) -> &'static str {
                match self { $(Msg::$id => $en,)* }
            }
            /// The Welsh wording.
            #[must_use]
            pub const fn cy(self) -> &'static str {
                match self { $(Msg::$id => $cy,)* }
            }
        }
    };
}

messages! {
    Declaration => "Declaration of result of poll", "Datganiad o ganlyniad y bleidlais";
    Provisional => "Provisional result", "Canlyniad dros dro";
    NotDeclared => "Not yet declared", "Heb ei ddatgan eto";
    PollHeld => "Poll held on", "Cynhaliwyd y bleidlais ar";
    Candidate => "Candidate", "Ymgeisydd";
    Description => "Description", "Disgrifiad";
    Votes => "Votes", "Pleidleisiau";
    Elected => "Elected", "Etholwyd";
    VotesByCandidate => "Votes by candidate", "Pleidleisiau fesul ymgeisydd";
    Rejected => "Statement of rejected ballot papers", "Datganiad o'r papurau pleidleisio a wrthodwyd";
    Head => "Head", "Pennawd";
    Papers => "Ballot papers", "Papurau pleidleisio";
    Total => "Total", "Cyfanswm";
    Adjudication => "Adjudication record", "Cofnod dyfarnu";
    Verification => "Verification statement", "Datganiad dilysu";
    Turnout => "Turnout", "Nifer a bleidleisiodd";
    Electorate => "Electorate", "Etholwyr";
    Lots => "Lots drawn", "Coelbrennau a dynnwyd";
    Recounts => "Re-counts", "Ailgyfrifon";
    Collation => "Collation by region", "Coladu fesul rhanbarth";
    Region => "Region", "Rhanbarth";
    StageSheet => "Result sheet: stages of the count", "Taflen ganlyniadau: camau'r cyfrif";
    Stage => "Stage", "Cam";
    Quota => "Quota", "Cwota";
    ReturningOfficer => "Returning Officer", "Swyddog Canlyniadau";
    Signature => "Signature", "Llofnod";
    Date => "Date", "Dyddiad";
    ChainHead => "Count log chain head", "Pen cadwyn y cofnod cyfrif";
    Accounts => "Election accounts", "Cyfrifon yr etholiad";
    Schedule => "Apportionment schedule", "Atodlen dosrannu";
    Reconciliation => "Reconciliation", "Cysoni";
    Majority => "Majority", "Mwyafrif";
    Contests => "Contests", "Cystadlaethau";
}
