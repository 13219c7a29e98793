//! `officer_appointed` and `agent_appointed`: the fields checked and the
//! appointment recorded (who may record them is [`crate::authority`]'s).

use countroom_log as log;
use countroom_log::Entry;

use super::{one, CountState, Problems};
use crate::authority::{self, Appointment, Function, Role};
use crate::problem::ProblemKind;

fn codes(roles: &[Role]) -> String {
    roles
        .iter()
        .map(|r| r.code())
        .collect::<Vec<_>>()
        .join(", ")
}

fn public_key(key: Option<&String>) -> Result<(), ProblemKind> {
    match key {
        Some(k) if !log::checkpoint::valid_public_key(k) => Err(ProblemKind::BadAppointment {
            field: "public_key".into(),
            reason: format!("{k:?} is not an Ed25519 public key (64 lower-case hex digits)"),
        }),
        _ => Ok(()),
    }
}

impl CountState {
    /// An officer appointed (or an office held by law recorded).
    pub(super) fn officer_appointed(
        &mut self,
        entry: &Entry,
        e: &log::OfficerAppointed,
    ) -> Result<(), Problems> {
        let mut problems = Vec::new();
        let role = Role::from_code(&e.role).filter(|r| Role::OFFICERS.contains(r));
        if role.is_none() {
            problems.push(ProblemKind::UnknownCode {
                field: "role".into(),
                what: "office",
                value: e.role.clone(),
                expected: codes(&Role::OFFICERS),
            });
        }
        let mut functions = Vec::new();
        for (i, f) in e.functions.iter().enumerate() {
            match Function::from_code(f) {
                Some(f) if !functions.contains(&f) => functions.push(f),
                Some(_) => {}
                None => problems.push(ProblemKind::UnknownCode {
                    field: format!("functions[{i}]"),
                    what: "function",
                    value: f.clone(),
                    expected: Function::ALL
                        .iter()
                        .map(|f| f.code())
                        .collect::<Vec<_>>()
                        .join(", "),
                }),
            }
        }
        if !e.functions.is_empty() && role.is_some_and(|r| r != Role::DeputyReturningOfficer) {
            problems.push(ProblemKind::BadAppointment {
                field: "functions".into(),
                reason: "only a deputy returning officer is given functions".into(),
            });
        }
        for (i, c) in e.contests.iter().enumerate() {
            if self.contest_count(c).is_none() && !self.is_list_contest(c) {
                problems.push(ProblemKind::Unknown {
                    field: format!("contests[{i}]"),
                    what: "contest",
                    id: c.clone(),
                });
            }
        }
        if let Some(area) = &e.counting_area {
            if !self.counting_areas.iter().any(|a| a.id.as_str() == area) {
                problems.push(ProblemKind::Unknown {
                    field: "counting_area".into(),
                    what: "counting area",
                    id: area.clone(),
                });
            }
            if role.is_some_and(|r| {
                !matches!(
                    r,
                    Role::ReturningOfficer
                        | Role::ActingReturningOfficer
                        | Role::DeputyReturningOfficer
                )
            }) {
                problems.push(ProblemKind::BadAppointment {
                    field: "counting_area".into(),
                    reason: "only a returning officer (the local returning officer of a counting area), an acting returning officer or a deputy has a counting area".into(),
                });
            }
        }
        if let Err(p) = public_key(e.public_key.as_ref()) {
            problems.push(p);
        }
        let Some(role) = role else {
            return Err(problems);
        };
        if !problems.is_empty() {
            return Err(problems);
        }
        functions.sort();
        self.authority.appoint(Appointment {
            seq: entry.seq,
            by: entry.by.clone(),
            person: e.person.clone(),
            name: e.name.clone(),
            role,
            functions,
            contests: e.contests.clone(),
            candidate: None,
            counting_area: e.counting_area.clone(),
            public_key: e.public_key.clone(),
        });
        Ok(())
    }

    /// A candidate, agent or observer recorded.
    pub(super) fn agent_appointed(
        &mut self,
        entry: &Entry,
        e: &log::AgentAppointed,
    ) -> Result<(), Problems> {
        let role = Role::from_code(&e.role)
            .filter(|r| Role::ATTENDING.contains(r))
            .ok_or_else(|| {
                one(ProblemKind::UnknownCode {
                    field: "role".into(),
                    what: "role",
                    value: e.role.clone(),
                    expected: codes(&Role::ATTENDING),
                })
            })?;
        public_key(e.public_key.as_ref()).map_err(one)?;
        if role == Role::Observer {
            if e.contest.is_some() || e.candidate.is_some() {
                return Err(one(ProblemKind::BadAppointment {
                    field: "candidate".into(),
                    reason: "an observer acts for no contest or candidate".into(),
                }));
            }
        } else {
            let missing = |field: &str| {
                one(ProblemKind::BadAppointment {
                    field: field.into(),
                    reason: format!("a {} is for one contest and one candidate", role.title()),
                })
            };
            let contest = e.contest.as_deref().ok_or_else(|| missing("contest"))?;
            let candidate = e.candidate.as_deref().ok_or_else(|| missing("candidate"))?;
            if let Some(found) = self.list_option(contest, candidate) {
                if !found {
                    return Err(one(ProblemKind::Unknown {
                        field: "candidate".into(),
                        what: "party or individual candidate on the list ballot",
                        id: candidate.to_owned(),
                    }));
                }
                self.authority
                    .appoint(authority::agent(entry.seq, &entry.by, e, role));
                return Ok(());
            }
            let c = self.contest_count(contest).ok_or_else(|| {
                one(ProblemKind::Unknown {
                    field: "contest".into(),
                    what: "contest",
                    id: contest.to_owned(),
                })
            })?;
            c.standing_candidate("candidate", candidate).map_err(one)?;
        }
        self.authority
            .appoint(authority::agent(entry.seq, &entry.by, e, role));
        Ok(())
    }

    fn contest_count(&self, id: &str) -> Option<&super::ContestCount> {
        self.contests.iter().find(|c| c.contest.id().as_str() == id)
    }
}
