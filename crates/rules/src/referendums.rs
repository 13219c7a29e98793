//! The answers of a referendum, from the instrument that set its question.
//!
//! A poll's answers are what its local totals are counted under, so
//! `countroom collate` can take them from here instead of from the
//! columns of the files it reads (where a `Total` column would be taken for
//! an answer). Where they come from depends on the ruleset:
//!
//! - A local referendum whose instrument fixes the answers (a neighbourhood
//!   planning referendum and its business referendum, a council tax
//!   referendum: `Yes` then `No`) carries them in its
//!   [`crate::local_polls::LocalPollRules::answers`].
//! - The `uk-referendum` ruleset (the conduct rules of the Parliamentary
//!   Voting System and Constituencies Act 2011 Sch 2, and the European Union
//!   Referendum (Conduct) Regulations 2016 in the same form) governs more
//!   than one referendum, and each Act that set a question set its own
//!   answers: the answers are the poll's, not the ruleset's, and are found
//!   from the poll date in [`NATIONAL`], the referendums held under it that
//!   countroom has read. A date that is not one of them has no answers
//!   here, and they must be declared (`--choices`).
//! - A governance referendum (SI 2012/323) asks one of the six questions
//!   of Sch 1, each with its two answers in the Schedule's words (the
//!   arrangements in place, then the change proposed): the ruleset carries
//!   all six ([`crate::local_polls::GOVERNANCE_QUESTIONS`]), and the poll's
//!   paragraph says which ([`answers_to`]; `collate --question N`).
//! - A parish poll on a question has answers of the poll's own (the
//!   question arising at the parish meeting, with the answers the meeting
//!   put: Local Government Act 1972 Sch 12 para 18(4)), which no
//!   instrument sets: none here. A parish poll on an appointment to an
//!   office has candidates, not answers.
//! - A referendum under the Referendums (Scotland) Act 2020 has the
//!   question and answers of the Act of the Scottish Parliament that
//!   provides for it (s.1(2)), not of the 2020 Act: none here.
//!
//! Read, with the sections cited beside each figure:
//!
//! - Parliamentary Voting System and Constituencies Act 2011 (c. 1), s.1
//!   as enacted (legislation.gov.uk): the referendum held on 5 May 2011
//!   unless an order under s.1(4) appointed a later day (s.1(3)); the
//!   question, s.1(7), and its Welsh version in Wales, s.1(8); the answers
//!   "Yes" and "No" named by s.8(1)(a) and (2) ("more votes … cast in the
//!   referendum in favour of the answer "Yes" than in favour of the answer
//!   "No""). The Welsh versions of the answers on the ballot paper (the
//!   form in Sch 2) were not read, so none is given.
//! - European Union Referendum Act 2015 (c. 36), s.1 (legislation.gov.uk):
//!   the question, s.1(4); the alternative answers "Remain a member of the
//!   European Union" and "Leave the European Union", s.1(5); their Welsh
//!   versions, s.1(6)(b). The day, 23 June 2016, was appointed by
//!   regulations under s.1(2) (not read here: the date is the one the
//!   published results carry).
//!
//! Not here: the Scottish independence referendum of 18 September 2014
//! (Scottish Independence Referendum Act 2013) and the Welsh referendum of
//! 3 March 2011 (Government of Wales Act 2006 s.103 and Sch 6) were held
//! under their own conduct rules, which countroom does not have as
//! rulesets; their answers are not given from the `uk-referendum` ruleset.

use countroom_model::{Date, RulesetId};
use time::macros::date;

use crate::{local_polls, CountingMethod, Ruleset};

/// One answer of a referendum.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Answer {
    /// The answer as the instrument gives it for the ballot paper.
    pub text: &'static str,
    /// Its column in published local totals (the Electoral Commission's
    /// heading, e.g. `Remain` for "Remain a member of the European Union");
    /// the same as [`Answer::text`] where that is one word.
    pub column: &'static str,
    /// The Welsh version on ballot papers in Wales, where the instrument
    /// gives one and it was read.
    pub welsh: Option<&'static str>,
}

/// A national referendum held under a ruleset, with its question and
/// answers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NationalReferendum {
    /// A short code.
    pub code: &'static str,
    /// Its name.
    pub name: &'static str,
    /// The ruleset its count follows.
    pub ruleset: RulesetId,
    /// The poll date.
    pub date: Date,
    /// Where the date is fixed.
    pub date_citation: &'static str,
    /// The question on the ballot papers.
    pub question: &'static str,
    /// The answers, in the instrument's order.
    pub answers: &'static [Answer],
    /// Where the question and the answers are set.
    pub citation: &'static str,
}

/// The national referendums countroom has read the question and answers
/// of, in date order.
pub static NATIONAL: &[NationalReferendum] = &[
    NationalReferendum {
        code: "av-2011",
        name: "Referendum on the voting system for parliamentary elections (the alternative vote)",
        ruleset: RulesetId::UkReferendum,
        date: date!(2011 - 05 - 05),
        date_citation: "Parliamentary Voting System and Constituencies Act 2011, s.1(3) (5 May 2011, no order under s.1(4) having been made)",
        question: "At present, the UK uses the \u{201c}first past the post\u{201d} system to elect MPs to the House of Commons. Should the \u{201c}alternative vote\u{201d} system be used instead?",
        answers: &[
            Answer {
                text: "Yes",
                column: "Yes",
                welsh: None,
            },
            Answer {
                text: "No",
                column: "No",
                welsh: None,
            },
        ],
        citation: "Parliamentary Voting System and Constituencies Act 2011, s.1(7) (the question) and s.8(1)(a), (2) (the answers \u{201c}Yes\u{201d} and \u{201c}No\u{201d})",
    },
    NationalReferendum {
        code: "eu-2016",
        name: "Referendum on the United Kingdom's membership of the European Union",
        ruleset: RulesetId::UkReferendum,
        date: date!(2016 - 06 - 23),
        date_citation: "European Union Referendum Act 2015, s.1(2) (the day appointed by regulations: 23 June 2016)",
        question: "Should the United Kingdom remain a member of the European Union or leave the European Union?",
        answers: &[
            Answer {
                text: "Remain a member of the European Union",
                column: "Remain",
                welsh: Some("Aros yn aelod o'r Undeb Ewropeaidd"),
            },
            Answer {
                text: "Leave the European Union",
                column: "Leave",
                welsh: Some("Gadael yr Undeb Ewropeaidd"),
            },
        ],
        citation: "European Union Referendum Act 2015, s.1(4) (the question), s.1(5) (the alternative answers) and s.1(6)(b) (their Welsh versions)",
    },
];

/// A poll's answers, and where they come from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PollAnswers {
    /// The answers' columns in local totals, in the instrument's order.
    pub columns: Vec<&'static str>,
    /// The national referendum they are the answers of, where the ruleset
    /// governs more than one.
    pub referendum: Option<&'static NationalReferendum>,
    /// Where they are set.
    pub citation: &'static str,
}

/// Why a poll's answers are not known from its ruleset.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum NoAnswers {
    /// Not a poll with answers (candidates are its choices).
    #[error("a {method} poll has candidates, not answers")]
    NotAReferendum {
        /// The ruleset's counting method.
        method: &'static str,
    },
    /// The answers are the poll's own (a parish poll's meeting's, a
    /// governance referendum's change proposed).
    #[error("the answers of a poll under {code} are the poll's own, not set by its instrument ({instrument})")]
    PollsOwn {
        /// The ruleset's code.
        code: &'static str,
        /// Its instrument.
        instrument: &'static str,
    },
    /// The ruleset governs more than one referendum, and no date was given
    /// to say which.
    #[error("{code} governs more than one referendum, each with the answers its own Act set ({known}), and no poll date was given to say which")]
    DateNeeded {
        /// The ruleset's code.
        code: &'static str,
        /// The referendums known, with their dates.
        known: String,
    },
    /// The ruleset carries several questions (a governance referendum's six,
    /// SI 2012/323 Sch 1), and none was named.
    #[error("{code} asks one of the questions of {citation}, each with its own two answers ({known}), and no question was given to say which")]
    QuestionNeeded {
        /// The ruleset's code.
        code: &'static str,
        /// Where the questions are.
        citation: &'static str,
        /// The questions, by paragraph, with their answers' columns.
        known: String,
    },
    /// A question named that the ruleset does not carry: a paragraph
    /// outside the Schedule, or any question for a ruleset with one form of
    /// question.
    #[error("{code} has no question {question} ({known})")]
    NoSuchQuestion {
        /// The ruleset's code.
        code: &'static str,
        /// The paragraph given.
        question: u8,
        /// The questions it has.
        known: String,
    },
    /// No referendum countroom has read was held under the ruleset on the
    /// date.
    #[error("no referendum under {code} on {date} whose answers countroom has read (those read: {known})")]
    NotRead {
        /// The ruleset's code.
        code: &'static str,
        /// The date given.
        date: Date,
        /// The referendums known, with their dates.
        known: String,
    },
}

/// The national referendums held under `ruleset`, with their dates, for
/// messages.
fn known(ruleset: RulesetId) -> String {
    NATIONAL
        .iter()
        .filter(|r| r.ruleset == ruleset)
        .map(|r| format!("{} on {}", r.code, r.date))
        .collect::<Vec<_>>()
        .join("; ")
}

/// The national referendum held under `ruleset` on `date`, if countroom has
/// read it.
#[must_use]
pub fn national(ruleset: RulesetId, date: Date) -> Option<&'static NationalReferendum> {
    NATIONAL
        .iter()
        .find(|r| r.ruleset == ruleset && r.date == date)
}

/// The governance referendum's questions, for messages: "para 1: Leader
/// (in place) or Mayor; …".
fn governance_known() -> String {
    local_polls::GOVERNANCE_QUESTIONS
        .iter()
        .map(|q| {
            format!(
                "para {}: {} (in place) or {}",
                q.paragraph, q.in_place.column, q.change.column
            )
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// The answers of a poll under `rules` on `date` (where known) asking the
/// question of paragraph `question` of the instrument's schedule of
/// questions (a governance referendum: SI 2012/323 Sch 1 paras 1-6), from
/// the instrument that set them.
///
/// # Errors
///
/// As [`answers`]; and [`NoAnswers::QuestionNeeded`] for a governance
/// referendum without `question`, [`NoAnswers::NoSuchQuestion`] for a
/// paragraph it does not have or a `question` given for any other ruleset.
pub fn answers_to(
    rules: &Ruleset,
    date: Option<Date>,
    question: Option<u8>,
) -> Result<PollAnswers, NoAnswers> {
    if rules.id == RulesetId::Governance2012 {
        let Some(n) = question else {
            return Err(NoAnswers::QuestionNeeded {
                code: rules.code,
                citation:
                    "Local Authorities (Conduct of Referendums) (England) Regulations 2012, Sch 1",
                known: governance_known(),
            });
        };
        return local_polls::governance_paragraph(n)
            .map(|q| PollAnswers {
                columns: vec![q.in_place.column, q.change.column],
                referendum: None,
                citation: q.citation,
            })
            .ok_or_else(|| NoAnswers::NoSuchQuestion {
                code: rules.code,
                question: n,
                known: governance_known(),
            });
    }
    if let Some(n) = question {
        return Err(NoAnswers::NoSuchQuestion {
            code: rules.code,
            question: n,
            known: "its instrument sets no numbered questions; --question is for governance-referendum-2012".to_owned(),
        });
    }
    answers(rules, date)
}

/// The answers of a poll under `rules` on `date` (where known), from the
/// instrument that set them.
///
/// # Errors
///
/// [`NoAnswers`] where the ruleset's polls have candidates, answers of the
/// poll's own, answers per referendum and the date is missing or not one
/// countroom has read, or answers per question (a governance referendum:
/// see [`answers_to`]).
pub fn answers(rules: &Ruleset, date: Option<Date>) -> Result<PollAnswers, NoAnswers> {
    if rules.id == RulesetId::Governance2012 {
        return answers_to(rules, date, None);
    }
    if rules.method != CountingMethod::Referendum {
        return Err(NoAnswers::NotAReferendum {
            method: rules.method.name(),
        });
    }
    if let Some(local) = local_polls::rules(rules.id) {
        return match local.answers {
            Some(fixed) => Ok(PollAnswers {
                columns: fixed.to_vec(),
                referendum: None,
                citation: local.question_citation,
            }),
            None => Err(NoAnswers::PollsOwn {
                code: rules.code,
                instrument: rules.instrument,
            }),
        };
    }
    let Some(date) = date else {
        return Err(NoAnswers::DateNeeded {
            code: rules.code,
            known: known(rules.id),
        });
    };
    national(rules.id, date)
        .map(|r| PollAnswers {
            columns: r.answers.iter().map(|a| a.column).collect(),
            referendum: Some(r),
            citation: r.citation,
        })
        .ok_or_else(|| NoAnswers::NotRead {
            code: rules.code,
            date,
            known: known(rules.id),
        })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{by_code, ruleset, select};
    use countroom_model::{Country, Office};

    /// European Union Referendum Act 2015 s.1(5): the alternative answers,
    /// in that order; s.1(6)(b) their Welsh versions. The Electoral
    /// Commission's published results head them `Remain` and `Leave`.
    #[test]
    fn eu_2016_answers_from_the_act() {
        let rules = ruleset(RulesetId::UkReferendum);
        let a = answers(rules, Some(date!(2016 - 06 - 23))).unwrap();
        assert_eq!(a.columns, ["Remain", "Leave"]);
        let eu = a.referendum.unwrap();
        assert_eq!(eu.code, "eu-2016");
        assert_eq!(
            eu.answers.iter().map(|x| x.text).collect::<Vec<_>>(),
            [
                "Remain a member of the European Union",
                "Leave the European Union"
            ]
        );
        assert_eq!(eu.answers[1].welsh, Some("Gadael yr Undeb Ewropeaidd"));
        assert!(a.citation.contains("s.1(5)"));
        // The poll date selects the ruleset the answers belong to.
        assert_eq!(
            select(Country::England, Office::Referendum, eu.date),
            Ok(RulesetId::UkReferendum)
        );
    }

    /// Parliamentary Voting System and Constituencies Act 2011 s.8(1)(a):
    /// "Yes" and "No"; s.1(3): 5 May 2011.
    #[test]
    fn av_2011_answers_from_the_act() {
        let rules = ruleset(RulesetId::UkReferendum);
        let a = answers(rules, Some(date!(2011 - 05 - 05))).unwrap();
        assert_eq!(a.columns, ["Yes", "No"]);
        assert_eq!(a.referendum.unwrap().code, "av-2011");
        assert!(a.citation.contains("s.8(1)(a)"));
    }

    /// The ruleset governs both: without a date, or on another date, the
    /// answers are not guessed.
    #[test]
    fn per_poll_answers_need_the_poll() {
        let rules = ruleset(RulesetId::UkReferendum);
        let e = answers(rules, None).unwrap_err();
        assert!(matches!(e, NoAnswers::DateNeeded { .. }));
        assert!(e.to_string().contains("av-2011 on 2011-05-05"));
        assert!(e.to_string().contains("eu-2016 on 2016-06-23"));
        let e = answers(rules, Some(date!(2014 - 09 - 18))).unwrap_err();
        assert!(matches!(e, NoAnswers::NotRead { .. }), "{e}");
    }

    proptest::proptest! {
        /// On any date, the answers of uk-referendum are known exactly on
        /// the dates of the referendums read, and are two.
        #[test]
        fn answers_only_on_the_dates_read(days in 0i32..20_000) {
            let d = date!(2000 - 01 - 01) + time::Duration::days(i64::from(days));
            let a = answers(ruleset(RulesetId::UkReferendum), Some(d));
            let read = [date!(2011 - 05 - 05), date!(2016 - 06 - 23)].contains(&d);
            proptest::prop_assert_eq!(a.is_ok(), read);
            if let Ok(a) = a {
                proptest::prop_assert_eq!(a.columns.len(), 2);
            }
        }
    }

    /// The local referendums whose instrument fixes the answers carry them
    /// (SI 2012/444 Sch 1 as substituted by SI 2013/409; SI 2012/2031 Sch
    /// 1): `Yes` then `No`, with or without a date; a parish poll's and a
    /// governance referendum's answers are the poll's own.
    #[test]
    fn local_referendums() {
        for code in [
            "council-tax-referendum-2012",
            "neighbourhood-planning-2012",
            "neighbourhood-planning-business-2013",
        ] {
            let Some(rules) = by_code(code) else {
                panic!("no ruleset {code}")
            };
            let a = answers(rules, None).unwrap();
            assert_eq!(a.columns, ["Yes", "No"], "{code}");
            assert!(a.referendum.is_none());
        }
        let e = answers(ruleset(RulesetId::ParishPollQuestion1987), None).unwrap_err();
        assert!(matches!(e, NoAnswers::PollsOwn { .. }), "{e}");
        // A parish poll on an appointment has candidates.
        let e = answers(ruleset(RulesetId::ParishPollElection1987), None).unwrap_err();
        assert!(matches!(e, NoAnswers::NotAReferendum { .. }), "{e}");
        // A governance referendum: one of six questions, to be named.
        let e = answers(ruleset(RulesetId::Governance2012), None).unwrap_err();
        assert!(matches!(e, NoAnswers::QuestionNeeded { .. }), "{e}");
        assert!(
            e.to_string().contains("para 1: Leader (in place) or Mayor"),
            "{e}"
        );
        let e = answers(ruleset(RulesetId::EnglandPrincipal2006), None).unwrap_err();
        assert!(matches!(e, NoAnswers::NotAReferendum { .. }));
    }

    /// SI 2012/323 reg 3 and Sch 1 (read as made and as at 4 April 2014):
    /// six questions "How would you like [authority] to be run?", each with
    /// two answers, the arrangements in place then the change, hand-copied
    /// here from the Schedule and checked against the table paragraph by
    /// paragraph.
    #[test]
    fn governance_answers_by_paragraph() {
        const LEADER: &str = "By a leader who is an elected councillor chosen by a vote of the other elected councillors.";
        const COMMITTEES: &str = "By one or more committees made up of elected councillors.";
        const MAYOR: &str = "By a mayor who is elected by voters.";
        let sch1 = [
            (1, LEADER, MAYOR),
            (2, COMMITTEES, MAYOR),
            (3, MAYOR, LEADER),
            (4, COMMITTEES, LEADER),
            (5, MAYOR, COMMITTEES),
            (6, LEADER, COMMITTEES),
        ];
        let rules = ruleset(RulesetId::Governance2012);
        for (n, now, change) in sch1 {
            let q = local_polls::governance_paragraph(n).unwrap();
            assert_eq!(
                q.in_place.text,
                format!("{now} This is how the council is run now.")
            );
            assert_eq!(
                q.change.text,
                format!("{change} This would be a change from how the council is run now.")
            );
            assert_eq!(
                local_polls::governance_question(q.in_place.text, q.change.text),
                Some(q)
            );
            // Reversed, the arrangements in place are not first: no question.
            assert_eq!(
                local_polls::governance_question(q.change.text, q.in_place.text),
                None
            );
            let a = answers_to(rules, None, Some(n)).unwrap();
            assert_eq!(a.columns, [q.in_place.column, q.change.column]);
            assert!(a.citation.ends_with(&format!("Sch 1 para {n}")));
        }
        assert_eq!(
            answers_to(rules, None, Some(2)).unwrap().columns,
            ["Committees", "Mayor"]
        );
        let e = answers_to(rules, None, Some(7)).unwrap_err();
        assert!(
            matches!(e, NoAnswers::NoSuchQuestion { question: 7, .. }),
            "{e}"
        );
        // A question for a ruleset with one form of question is refused.
        let e = answers_to(ruleset(RulesetId::CouncilTax2012), None, Some(1)).unwrap_err();
        assert!(matches!(e, NoAnswers::NoSuchQuestion { .. }), "{e}");
        // Without a question, the others are as before.
        assert_eq!(
            answers_to(ruleset(RulesetId::CouncilTax2012), None, None)
                .unwrap()
                .columns,
            ["Yes", "No"]
        );
    }
}
