//! Categories of cost: the family of heads the charges orders share, and
//! the frameworks (a charges order, or a council's scale) that a poll's
//! account is made under.
//!
//! The charges orders for UK Parliamentary and police and crime
//! commissioner elections list the same family of "specified services"
//! and "specified expenses", each order with its own article numbers and
//! letters. A cost line is categorised once, by its [`Head`] in that
//! family; each [`Framework`] says where the head stands in its order (or
//! that it is not a specified head there). A shared line (polling stations
//! hired for a UK Parliamentary and a local poll together) is therefore
//! categorised once and appears under the right head of each poll's
//! account.

use serde::Serialize;

/// Whether a head is one of the Returning Officer's services (the fee) or
/// an expense.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Kind {
    /// A specified service: the Returning Officer's fee.
    Services,
    /// A specified expense.
    Expenses,
}

/// A head of cost, in the family the charges orders share.
///
/// The wording is that of the Police and Crime Commissioner Elections
/// (Local Returning Officers' and Police Area Returning Officers' Charges)
/// Order 2024 (SI 2024/297) art.3, and of the Parliamentary Elections
/// (Returning Officers' Charges) Order 2017 (SI 2017/637) arts 4(2), 5(2)
/// where only it has the head (the nomination process).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Head {
    /// Making arrangements for the election.
    Arrangements,
    /// Discharging the Returning Officer's duties at the election.
    Duties,
    /// The appointment and payment of persons to assist the Returning
    /// Officer.
    Staff,
    /// Travel and overnight subsistence for the Returning Officer and any
    /// person appointed to assist.
    Travel,
    /// Undertaking the nomination process.
    Nomination,
    /// Printing or otherwise producing the ballot paper.
    BallotPapers,
    /// Printing or otherwise producing, and publishing, notices and other
    /// documents required by an enactment.
    Notices,
    /// Renting, heating, lighting, cleaning, adapting or restoring any
    /// building or room.
    Premises,
    /// Providing and transporting equipment.
    Equipment,
    /// Conducting the verification of ballot paper accounts and the count.
    VerificationAndCount,
    /// Providing and receiving training.
    Training,
    /// Stationery, postage, telephone, printing, translation, banking and
    /// other miscellaneous costs.
    Miscellaneous,
    /// Printing, producing or buying the postal vote stationery.
    PostalVoteStationery,
    /// Printing or producing, and delivering, poll cards.
    PollCards,
    /// Information and communications technology, equipment and software,
    /// and associated costs.
    Ict,
    /// Safekeeping and security of ballot papers (including secure storage
    /// of ballot boxes) and verification documents.
    Security,
}

impl Head {
    /// Every head, in the order of the orders' lists (services first).
    pub const ALL: [Head; 16] = [
        Head::Arrangements,
        Head::Duties,
        Head::Staff,
        Head::Travel,
        Head::Nomination,
        Head::BallotPapers,
        Head::Notices,
        Head::Premises,
        Head::Equipment,
        Head::VerificationAndCount,
        Head::Training,
        Head::Miscellaneous,
        Head::PostalVoteStationery,
        Head::PollCards,
        Head::Ict,
        Head::Security,
    ];

    /// The head's code in the ledger CSV's `category` column.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Head::Arrangements => "services.arrangements",
            Head::Duties => "services.duties",
            Head::Staff => "expenses.staff",
            Head::Travel => "expenses.travel",
            Head::Nomination => "expenses.nomination",
            Head::BallotPapers => "expenses.ballot_papers",
            Head::Notices => "expenses.notices",
            Head::Premises => "expenses.premises",
            Head::Equipment => "expenses.equipment",
            Head::VerificationAndCount => "expenses.verification_and_count",
            Head::Training => "expenses.training",
            Head::Miscellaneous => "expenses.miscellaneous",
            Head::PostalVoteStationery => "expenses.postal_vote_stationery",
            Head::PollCards => "expenses.poll_cards",
            Head::Ict => "expenses.ict",
            Head::Security => "expenses.security",
        }
    }

    /// The head for a code, if there is one.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Head> {
        Head::ALL.into_iter().find(|h| h.code() == code)
    }

    /// Services or expenses.
    #[must_use]
    pub const fn kind(self) -> Kind {
        match self {
            Head::Arrangements | Head::Duties => Kind::Services,
            _ => Kind::Expenses,
        }
    }

    /// The order's wording of the head.
    #[must_use]
    pub const fn wording(self) -> &'static str {
        match self {
            Head::Arrangements => "making arrangements for the election",
            Head::Duties => "discharging the returning officer's duties at the election",
            Head::Staff => "the appointment and payment of persons to assist the returning officer",
            Head::Travel => "travel and overnight subsistence for the returning officer and any person appointed to assist",
            Head::Nomination => "undertaking the nomination process",
            Head::BallotPapers => "printing or otherwise producing the ballot paper",
            Head::Notices => "printing, or otherwise producing, and publishing notices and other documents required by an enactment",
            Head::Premises => "renting, heating, lighting, cleaning, adapting or restoring any building or room",
            Head::Equipment => "providing and transporting equipment",
            Head::VerificationAndCount => "conducting the verification of ballot paper accounts and the count",
            Head::Training => "providing and receiving training",
            Head::Miscellaneous => "stationery, postage, telephone, printing, translation and banking costs, and other miscellaneous items",
            Head::PostalVoteStationery => "printing, or otherwise producing, or buying the postal vote stationery",
            Head::PollCards => "printing, or otherwise producing, and arranging for the delivery of poll cards",
            Head::Ict => "providing information and communications technology, equipment and software, and associated costs",
            Head::Security => "the safekeeping and security of ballot papers (including secure storage of ballot boxes) and verification documents",
        }
    }

    /// The codes of every head, for messages.
    #[must_use]
    pub fn codes() -> String {
        Head::ALL.map(Head::code).join(", ")
    }
}

/// The framework a poll's account is made under.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum Framework {
    /// The Parliamentary Elections (Returning Officers' Charges) Order 2017
    /// (SI 2017/637), made under RPA 1983 s.29(3), (3A): a claim to the
    /// Elections Claims Unit against maximum recoverable amounts.
    UkParliamentary2017,
    /// The Police and Crime Commissioner Elections (Local Returning
    /// Officers' and Police Area Returning Officers' Charges) Order 2024
    /// (SI 2024/297), a local returning officer's claim (art.3(2)(a):
    /// the expenses of art.3(3) and (4)).
    Pcc2024,
    /// A council's scale of fees and charges (RPA 1983 s.36(4)): the
    /// Returning Officer's account at a local election, paid by the
    /// council so far as it does not exceed the scale.
    CouncilScale,
    /// The Parliamentary Elections (Returning Officers' Charges) Order 2019
    /// (SI 2019/1454, as amended by SI 2019/1470): unconfirmed (see
    /// [`crate::orders`]).
    UkParliamentary2019,
    /// The charges order for the UK Parliamentary general election of
    /// 4 July 2024: unconfirmed (SI 2024/693 read only at its art.2).
    UkParliamentary2024,
    /// A UK Parliamentary by-election's charges: unconfirmed.
    UkParliamentaryByElection,
    /// The PCC charges order 2016 (SI 2016/514): unconfirmed.
    Pcc2016,
    /// The PCC charges order 2021 (SI 2021/390): unconfirmed.
    Pcc2021,
    /// A combined authority mayor's account: not a charges order but the
    /// combined authority's scale, like a council's (RPA 1983 s.36(4C),
    /// inserted for a combined authority mayoral election by the Combined
    /// Authorities (Mayoral Elections) Order 2017 (SI 2017/67) Sch 2 para
    /// 1(6)(b), read as made: "All expenditure properly incurred by a
    /// returning officer or combined authority returning officer in
    /// relation to the holding of a combined authority mayoral election
    /// shall, in so far as it does not, in cases where there is a scale
    /// fixed for the purposes of this section by the combined authority,
    /// exceed that scale, be paid by the combined authority"). Only the
    /// scale's items naming the poll apply (the authority's scale is its
    /// own, not a constituent council's). Before the authority is
    /// established, SI 2017/67 art.9(1)(d) (inserted by SI 2024/131 reg.9,
    /// read) reads it as the constituent councils' scale, paid by them and
    /// reimbursed by the authority: the account says so and does not tell
    /// the two apart.
    CombinedAuthorityMayor,
    /// A combined county authority mayor's charges: unconfirmed.
    CombinedCountyAuthorityMayor,
    /// The Senedd's charges (WSI 2021/315, read in part; before it SI
    /// 2016/417 (W. 133)): unconfirmed.
    Senedd,
    /// The Scottish Parliament's charges (SSI 2021/155, read in part):
    /// unconfirmed.
    ScottishParliament,
    /// The EU referendum of 2016's charges: unconfirmed.
    EuReferendum2016,
}

/// Who pays an account against a scale, and under what.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct ScaleRule {
    /// Who fixes the scale and pays under it ("the council").
    pub payer: &'static str,
    /// The provision, in words.
    pub provision: &'static str,
    /// What the account does not settle, if anything.
    pub note: Option<&'static str>,
}

/// Where a head stands in a framework.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[non_exhaustive]
pub struct Citation {
    /// The provision, e.g. `art.5(2)(c)`.
    pub provision: &'static str,
    /// Whether the letter was read in the instrument (`false`: the head is
    /// in the order's list but its letter was not read, and the provision
    /// names the paragraph only, e.g. `art.5(2)`: a document never prints
    /// an unread letter).
    pub letter_read: bool,
}

impl Framework {
    /// Every framework.
    pub const ALL: [Framework; 13] = [
        Framework::UkParliamentary2017,
        Framework::Pcc2024,
        Framework::CouncilScale,
        Framework::UkParliamentary2019,
        Framework::UkParliamentary2024,
        Framework::UkParliamentaryByElection,
        Framework::Pcc2016,
        Framework::Pcc2021,
        Framework::CombinedAuthorityMayor,
        Framework::CombinedCountyAuthorityMayor,
        Framework::Senedd,
        Framework::ScottishParliament,
        Framework::EuReferendum2016,
    ];

    /// The framework's code in the polls CSV's `framework` column.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Framework::UkParliamentary2017 => "ukpe-2017",
            Framework::Pcc2024 => "pcc-2024",
            Framework::CouncilScale => "council-scale",
            Framework::UkParliamentary2019 => "ukpe-2019",
            Framework::UkParliamentary2024 => "ukpe-2024",
            Framework::UkParliamentaryByElection => "ukpe-by-election",
            Framework::Pcc2016 => "pcc-2016",
            Framework::Pcc2021 => "pcc-2021",
            Framework::CombinedAuthorityMayor => "ca-mayor",
            Framework::CombinedCountyAuthorityMayor => "cca-mayor",
            Framework::Senedd => "senedd",
            Framework::ScottishParliament => "scottish-parliament",
            Framework::EuReferendum2016 => "eu-referendum-2016",
        }
    }

    /// The framework for a code.
    #[must_use]
    pub fn from_code(code: &str) -> Option<Framework> {
        Framework::ALL.into_iter().find(|f| f.code() == code)
    }

    /// The instrument's title.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Framework::UkParliamentary2017 => {
                "The Parliamentary Elections (Returning Officers' Charges) Order 2017 (SI 2017/637)"
            }
            Framework::Pcc2024 => {
                "The Police and Crime Commissioner Elections (Local Returning Officers' and Police Area Returning Officers' Charges) Order 2024 (SI 2024/297)"
            }
            Framework::CouncilScale => {
                "the council's scale of fees and charges (Representation of the People Act 1983 s.36(4))"
            }
            Framework::UkParliamentary2019 => {
                "The Parliamentary Elections (Returning Officers' Charges) Order 2019 (SI 2019/1454, as amended by SI 2019/1470)"
            }
            Framework::UkParliamentary2024 => {
                "the charges order for the UK Parliamentary general election of 4 July 2024 (SI 2024/693 is the parliamentary charges order of 2024 read in part, art.2 only; that it is this poll's order was not read)"
            }
            Framework::UkParliamentaryByElection => {
                "the charges provisions for a UK Parliamentary by-election (not read)"
            }
            Framework::Pcc2016 => {
                "The Police and Crime Commissioner Elections (Local Returning Officers' and Police Area Returning Officers' Charges) Order 2016 (SI 2016/514)"
            }
            Framework::Pcc2021 => {
                "The Police and Crime Commissioner Elections (Local Returning Officers' and Police Area Returning Officers' Charges) Order 2021 (SI 2021/390)"
            }
            Framework::CombinedAuthorityMayor => {
                "the combined authority's scale of fees and charges (Representation of the People Act 1983 s.36(4C), inserted for a combined authority mayoral election by the Combined Authorities (Mayoral Elections) Order 2017 (SI 2017/67) Sch 2 para 1(6)(b))"
            }
            Framework::CombinedCountyAuthorityMayor => {
                "the charges order for combined county authority mayoral elections (not read)"
            }
            Framework::Senedd => {
                "the charges order for Senedd elections (WSI 2021/315 read in part; before it SI 2016/417 (W. 133))"
            }
            Framework::ScottishParliament => {
                "The Scottish Parliament Elections (Returning Officer Fees and Charges) Regulations 2021 (SSI 2021/155; read in part)"
            }
            Framework::EuReferendum2016 => {
                "The European Union Referendum (Counting Officers' and Regional Counting Officers' Charges) Regulations 2016 (number not found)"
            }
        }
    }

    /// Whether the account is a claim against maximum recoverable amounts
    /// (RPA 1983 s.29), rather than an account against a council's scale.
    #[must_use]
    pub const fn has_caps(self) -> bool {
        !matches!(
            self,
            Framework::CouncilScale | Framework::CombinedAuthorityMayor
        )
    }

    /// At an account against a scale: who fixes the scale and pays under
    /// it, and the provision, for documents. `None` for a charges order.
    #[must_use]
    pub const fn scale(self) -> Option<ScaleRule> {
        match self {
            Framework::CouncilScale => Some(ScaleRule {
                payer: "the council",
                provision: "RPA 1983 s.36(4): paid by the council so far as it does not exceed the scale the council fixed",
                note: None,
            }),
            Framework::CombinedAuthorityMayor => Some(ScaleRule {
                payer: "the combined authority",
                provision: "RPA 1983 s.36(4C), inserted by SI 2017/67 Sch 2 para 1(6)(b): all expenditure properly incurred by the returning officer or combined authority returning officer in relation to the holding of the election paid by the combined authority so far as it does not exceed the scale the combined authority fixed",
                note: Some("before the combined authority is established, SI 2017/67 art.9(1)(d) (inserted by SI 2024/131) reads s.36(4C) as a scale fixed by the constituent councils of the proposed authority, paid by those councils and reimbursed by the authority once established: this account does not tell the two apart"),
            }),
            _ => None,
        }
    }

    /// Where `head` stands in this framework: `None` if it is not one of
    /// the order's specified services or expenses (its cost still counts
    /// towards the overall maximum recoverable amount, as "other
    /// charges"). A council's scale is keyed by head and has no citation.
    ///
    /// SI 2017/637 (the Parliamentary Elections (Returning Officers'
    /// Charges) Order 2017): art.4(2)(a)–(b) and art.5(2)(a)–(d) were read
    /// in the made instrument; the heads after (d) are in art.5(2), but
    /// their letters were not read (doubt, kept here and never printed:
    /// following the order of the family, the 2024 PCC list with the
    /// nomination process at (c), they would be (e) notices, (f) premises,
    /// (g) equipment, (h) verification and count, (i) training,
    /// (j) miscellaneous, (k) postal vote stationery, (l) poll cards,
    /// (m) ICT, (n) security), so the provision is the paragraph,
    /// `art.5(2)`; art.5(2)(o) (Scotland only) has no head here. Searched
    /// again for (e) to (n) (the made text's later words, "safekeeping ...
    /// poll cards ... postal vote stationery", "renting, heating, lighting
    /// ... Scotland only", the article's own page, lower-case copies, and
    /// the code index for "undertaking the nomination process"): every
    /// stored copy stops at (d). The family's order is not fixed across
    /// instruments: WSI 2021/315 art.6(2) (read) puts the nomination
    /// process at (c), ballot papers (d), postal vote stationery (e), poll
    /// cards (f), notices (g), premises (h), equipment (i), ICT (j),
    /// security (k), verification and count (l), training (m),
    /// miscellaneous (n); so neither it nor the PCC order settles the 2017
    /// letters, and none is printed.
    /// SI 2024/297 art.3: (1)(a)–(b), (3)(a)–(i) and (4)(a)–(d) read \[S\];
    /// the PCC order has no nomination head for a local returning officer.
    #[must_use]
    pub fn citation(self, head: Head) -> Option<Citation> {
        let read = |provision: &'static str| {
            Some(Citation {
                provision,
                letter_read: true,
            })
        };
        let inferred = |provision: &'static str| {
            Some(Citation {
                provision,
                letter_read: false,
            })
        };
        match self {
            Framework::UkParliamentary2017 => match head {
                Head::Arrangements => read("art.4(2)(a)"),
                Head::Duties => read("art.4(2)(b)"),
                Head::Staff => read("art.5(2)(a)"),
                Head::Travel => read("art.5(2)(b)"),
                Head::Nomination => read("art.5(2)(c)"),
                Head::BallotPapers => read("art.5(2)(d)"),
                Head::Notices => inferred("art.5(2)"),
                Head::Premises => inferred("art.5(2)"),
                Head::Equipment => inferred("art.5(2)"),
                Head::VerificationAndCount => inferred("art.5(2)"),
                Head::Training => inferred("art.5(2)"),
                Head::Miscellaneous => inferred("art.5(2)"),
                Head::PostalVoteStationery => inferred("art.5(2)"),
                Head::PollCards => inferred("art.5(2)"),
                Head::Ict => inferred("art.5(2)"),
                Head::Security => inferred("art.5(2)"),
            },
            Framework::Pcc2024 => match head {
                Head::Arrangements => read("art.3(1)(a)"),
                Head::Duties => read("art.3(1)(b)"),
                Head::Staff => read("art.3(3)(a)"),
                Head::Travel => read("art.3(3)(b)"),
                Head::Nomination => None,
                Head::BallotPapers => read("art.3(3)(c)"),
                Head::Notices => read("art.3(3)(d)"),
                Head::Premises => read("art.3(3)(e)"),
                Head::Equipment => read("art.3(3)(f)"),
                Head::VerificationAndCount => read("art.3(3)(g)"),
                Head::Training => read("art.3(3)(h)"),
                Head::Miscellaneous => read("art.3(3)(i)"),
                Head::PostalVoteStationery => read("art.3(4)(a)"),
                Head::PollCards => read("art.3(4)(b)"),
                Head::Ict => read("art.3(4)(c)"),
                Head::Security => read("art.3(4)(d)"),
            },
            // A council's scale is keyed by head; an unconfirmed order is
            // refused before any claim is made under it.
            _ => None,
        }
    }

    /// The codes of every framework, for messages.
    #[must_use]
    pub fn codes() -> String {
        Framework::ALL.map(Framework::code).join(", ")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_round_trip_and_are_unique() {
        for head in Head::ALL {
            assert_eq!(Head::from_code(head.code()), Some(head));
        }
        let mut codes: Vec<_> = Head::ALL.map(Head::code).to_vec();
        codes.sort_unstable();
        codes.dedup();
        assert_eq!(codes.len(), Head::ALL.len());
        for f in Framework::ALL {
            assert_eq!(Framework::from_code(f.code()), Some(f));
        }
        assert_eq!(Head::from_code("expenses.champagne"), None);
    }

    /// SI 2017/637 art.4(2): the specified services are (a) making
    /// arrangements and (b) discharging the duties; art.5(2)(c) is the
    /// nomination process, which the 2024 PCC order has no head for.
    #[test]
    fn citations() {
        let uk = Framework::UkParliamentary2017;
        assert_eq!(uk.citation(Head::Duties).unwrap().provision, "art.4(2)(b)");
        assert_eq!(
            uk.citation(Head::Nomination).unwrap().provision,
            "art.5(2)(c)"
        );
        assert!(uk.citation(Head::BallotPapers).unwrap().letter_read);
        assert!(!uk.citation(Head::Premises).unwrap().letter_read);
        let pcc = Framework::Pcc2024;
        assert_eq!(pcc.citation(Head::Nomination), None);
        assert_eq!(
            pcc.citation(Head::VerificationAndCount).unwrap().provision,
            "art.3(3)(g)"
        );
        assert_eq!(
            pcc.citation(Head::Security).unwrap().provision,
            "art.3(4)(d)"
        );
        assert_eq!(Framework::CouncilScale.citation(Head::Staff), None);
        assert!(uk.has_caps() && pcc.has_caps() && !Framework::CouncilScale.has_caps());
        // RPA 1983 s.36(4C) (SI 2017/67 Sch 2 para 1(6)(b)): a scale, not
        // maximum recoverable amounts; a combined county authority's (4D)
        // was not read, so it stays an unconfirmed order.
        assert!(!Framework::CombinedAuthorityMayor.has_caps());
        assert!(Framework::CombinedCountyAuthorityMayor.has_caps());
        assert_eq!(
            Framework::CombinedAuthorityMayor.scale().map(|s| s.payer),
            Some("the combined authority")
        );
        assert_eq!(uk.scale(), None);
        // Every head of every order is services or expenses as its article says.
        for head in Head::ALL {
            if let Some(c) = uk.citation(head) {
                let services = c.provision.starts_with("art.4");
                assert_eq!(services, head.kind() == Kind::Services, "{head:?}");
            }
            if let Some(c) = pcc.citation(head) {
                let services = c.provision.starts_with("art.3(1)");
                assert_eq!(services, head.kind() == Kind::Services, "{head:?}");
            }
        }
    }
}
