//! The pure part of an audit export: the rating and event records it carries, and the check an import
//! runs over them before anything is written.
//!
//! An export is a file, and a file can be edited. Importing one must not let it say what the running
//! system would never have allowed: a rating by someone who is not on the panel, a value off the
//! item's scale, a round-2 rating in an audit that was never revealed, or an event log that carries
//! rating values or reasons (the log is shown before reveal, so it may only hold counts and states).
//! [`check_export`] checks every such rule and names the first problem with its place in the file, in
//! the JSON path style of the file itself (`ratings[17]`, `events[3]`).

use std::collections::BTreeMap;
use std::fmt;

use serde::{Deserialize, Serialize};
use time::OffsetDateTime;

use crate::{Audit, Rating, RatingStatus, RatingValue, Round, Username, WorkflowState};

/// One entry of the event log: who changed what, when, with small before/after values.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Event {
    /// When it happened.
    #[serde(with = "time::serde::rfc3339")]
    pub at: OffsetDateTime,
    /// Who did it: a username, or `system` for the command line.
    pub actor: String,
    /// What happened, as a stable ASCII id (`state_changed`, `ratings_submitted`, …).
    pub kind: String,
    /// The relevant values before the change, when small.
    pub before: Option<serde_json::Value>,
    /// The relevant values after the change, when small.
    pub after: Option<serde_json::Value>,
}

/// A rating with its timestamps, as an export holds it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExportedRating {
    /// The rating.
    pub rating: Rating,
    /// When it was first saved.
    #[serde(with = "time::serde::rfc3339")]
    pub created_at: OffsetDateTime,
    /// When it was last saved.
    #[serde(with = "time::serde::rfc3339")]
    pub updated_at: OffsetDateTime,
    /// When it was submitted.
    #[serde(with = "time::serde::rfc3339::option")]
    pub submitted_at: Option<OffsetDateTime>,
}

/// The first thing wrong with an export, and where in the file it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImportProblem {
    /// Where: `audit`, `ratings[17] (bedømmer »midt-9«, enhed »3-a/a«, runde 1)`, `events[3] (»state_changed«)`.
    pub place: String,
    /// What is wrong, as a Danish fragment.
    pub problem: String,
}

impl fmt::Display for ImportProblem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.place, self.problem)
    }
}

impl std::error::Error for ImportProblem {}

/// The event kinds that record ratings. They may say whose ratings, in which rounds and how many, and
/// nothing else.
const RATING_EVENTS: [&str; 2] = ["ratings_submitted", "ratings_drafted"];

/// The keys a rating event may carry.
const RATING_EVENT_KEYS: [&str; 3] = ["rater", "rounds", "units"];

/// Keys that would carry a rating's value or reason; no event payload has them.
const VALUE_KEYS: [&str; 6] = [
    "value",
    "values",
    "score",
    "scores",
    "begrundelse",
    "reason",
];

/// A reason or text answer shorter than this is not looked for in the event log: a short word ("ja",
/// "se ovenfor") may well appear in a follow-up note by chance, a sentence does not.
const MIN_QUOTED_CHARS: usize = 12;

/// Checks an export's audit, ratings and event log against the domain rules, before anything is
/// written: the audit's parts fit together; every rating is unique by rater, unit and round, by a
/// member of the panel who exists as a user (`is_user`), of a unit of the audit, with a value on the
/// item's scale, in a round the audit's history has opened (round 2 only once revealed), and submitted
/// exactly when it has a submission time; every event carries counts and states only, never a rating
/// value or reason; and the state changes in the log chain from the audit's creation to its state.
///
/// # Errors
/// The first [`ImportProblem`], in file order.
pub fn check_export(
    audit: &Audit,
    ratings: &[ExportedRating],
    events: &[Event],
    is_user: impl Fn(&Username) -> bool,
) -> Result<(), ImportProblem> {
    audit.validate().map_err(|err| ImportProblem {
        place: "audit".to_owned(),
        problem: format!("auditforløbet »{}« hænger ikke sammen: {err}", audit.nr),
    })?;
    let states = state_history(audit, events);
    let reached = states.reached;
    let mut seen: BTreeMap<(&Username, String, Round), usize> = BTreeMap::new();
    for (i, exported) in ratings.iter().enumerate() {
        let r = &exported.rating;
        let fail = |problem: String| ImportProblem {
            place: format!(
                "ratings[{i}] (bedømmer »{}«, enhed »{}«, runde {})",
                r.rater,
                r.unit,
                r.round.number()
            ),
            problem,
        };
        if let Some(first) = seen.insert((&r.rater, r.unit.to_string(), r.round), i) {
            return Err(fail(format!(
                "bedømmelsen står to gange (også i ratings[{first}])"
            )));
        }
        if audit.member(&r.rater).is_none() {
            return Err(fail("bedømmeren sidder ikke i panelet".to_owned()));
        }
        if !is_user(&r.rater) {
            return Err(fail(
                "bedømmeren findes ikke som bruger; opret brugeren først med »auditpanel user add«"
                    .to_owned(),
            ));
        }
        audit
            .check_value(&r.unit, r.value.as_ref())
            .map_err(|err| fail(err.to_string()))?;
        let opened = match r.round {
            Round::First => WorkflowState::Vurdering,
            Round::Second => WorkflowState::Droeftelse,
        };
        if reached < opened {
            return Err(fail(format!(
                "runde {} åbner først i tilstanden {}, men auditforløbet har aldrig været længere end {}",
                r.round.number(),
                opened,
                reached
            )));
        }
        match (r.status, exported.submitted_at) {
            (RatingStatus::Submitted, None) => {
                return Err(fail(
                    "bedømmelsen er indsendt, men har intet tidspunkt for indsendelse".to_owned(),
                ));
            }
            (RatingStatus::Draft, Some(_)) => {
                return Err(fail(
                    "bedømmelsen er en kladde, men har et tidspunkt for indsendelse".to_owned(),
                ));
            }
            _ => {}
        }
    }
    let quoted = quotable_texts(ratings);
    for (i, event) in events.iter().enumerate() {
        check_event(audit, event, &quoted).map_err(|problem| ImportProblem {
            place: format!("events[{i}] (»{}«)", event.kind),
            problem,
        })?;
    }
    if let Some(problem) = states.problem {
        return Err(problem);
    }
    if states.last != audit.state {
        return Err(ImportProblem {
            place: "audit.state".to_owned(),
            problem: format!(
                "auditforløbet er i tilstanden {}, men hændelsesloggen ender i tilstanden {}",
                audit.state, states.last
            ),
        });
    }
    Ok(())
}

/// What the event log says about the audit's states.
struct StateHistory {
    /// The furthest state the audit has been in (its own state included).
    reached: WorkflowState,
    /// The state the log ends in.
    last: WorkflowState,
    /// The first state change that does not follow from the one before.
    problem: Option<ImportProblem>,
}

/// The state named by a payload's `state` field, if it has one that parses.
fn payload_state(payload: Option<&serde_json::Value>) -> Option<WorkflowState> {
    payload?.get("state")?.as_str()?.parse().ok()
}

/// Follows the log from the audit's creation through every `state_changed` event.
fn state_history(audit: &Audit, events: &[Event]) -> StateHistory {
    let mut last = WorkflowState::Planlaegning;
    let mut reached = audit.state;
    let mut problem = None;
    for (i, event) in events.iter().enumerate() {
        let place = || format!("events[{i}] (»{}«)", event.kind);
        match event.kind.as_str() {
            "audit_created" => {
                if let Some(state) = payload_state(event.after.as_ref()) {
                    last = state;
                }
            }
            "state_changed" => {
                let (from, to) = (
                    payload_state(event.before.as_ref()),
                    payload_state(event.after.as_ref()),
                );
                let step = match (from, to) {
                    (Some(from), Some(_)) if from != last => Err(format!(
                        "tilstandsskiftet starter i {from}, men auditforløbet var i {last}"
                    )),
                    (Some(from), Some(to)) if !is_step(from, to) => Err(format!(
                        "tilstandsskiftet fra {from} til {to} er ikke et tilladt trin"
                    )),
                    (Some(_), Some(to)) => Ok(to),
                    _ => Err(
                        "tilstandsskiftet mangler en gyldig før- eller eftertilstand".to_owned(),
                    ),
                };
                match step {
                    Ok(to) => last = to,
                    Err(why) => {
                        problem.get_or_insert(ImportProblem {
                            place: place(),
                            problem: why,
                        });
                    }
                }
            }
            _ => {}
        }
        reached = reached.max(last);
    }
    StateHistory {
        reached,
        last,
        problem,
    }
}

/// Whether the workflow allows going from `from` to `to` in one step: forward one state, or back one
/// state except out of drøftelse (revealed ratings cannot be made blind again).
fn is_step(from: WorkflowState, to: WorkflowState) -> bool {
    let (f, t) = (from as usize, to as usize);
    t == f + 1 || (t + 1 == f && from != WorkflowState::Droeftelse)
}

/// The reasons and free-text answers of the ratings that are long enough to recognise in the log, with
/// the index of the rating they come from.
fn quotable_texts(ratings: &[ExportedRating]) -> Vec<(usize, String)> {
    let mut out = Vec::new();
    for (i, r) in ratings.iter().enumerate() {
        let texts = [
            Some(r.rating.reason.as_str()),
            match &r.rating.value {
                Some(RatingValue::Text(t)) => Some(t.as_str()),
                _ => None,
            },
        ];
        for text in texts.into_iter().flatten().map(str::trim) {
            if text.chars().count() >= MIN_QUOTED_CHARS {
                out.push((i, text.to_lowercase()));
            }
        }
    }
    out
}

/// Checks one event's payload: counts and states only.
fn check_event(audit: &Audit, event: &Event, quoted: &[(usize, String)]) -> Result<(), String> {
    for (side, payload) in [("før", &event.before), ("efter", &event.after)] {
        let Some(payload) = payload else { continue };
        // A workflow transition's own reason ("materialet manglede") is a state fact, not a rating's.
        let allowed_reason = event.kind == "state_changed" && side == "efter";
        if let Some(key) = value_key(payload, allowed_reason) {
            return Err(format!(
                "hændelsens {side}-værdi har feltet »{key}«; hændelsesloggen må kun rumme antal og tilstande, aldrig bedømmelsers værdier eller begrundelser"
            ));
        }
        let mut strings = Vec::new();
        collect_strings(payload, &mut strings);
        for s in strings {
            let s = s.to_lowercase();
            if let Some((i, _)) = quoted.iter().find(|(_, q)| s.contains(q.as_str())) {
                return Err(format!(
                    "hændelsens {side}-værdi gengiver teksten fra ratings[{i}]; hændelsesloggen må aldrig rumme bedømmelsers begrundelser eller svar"
                ));
            }
        }
    }
    if RATING_EVENTS.contains(&event.kind.as_str()) {
        check_rating_event(audit, event)?;
    }
    Ok(())
}

/// A rating event says whose ratings, which rounds and how many: `{"rater", "rounds", "units"}`.
fn check_rating_event(audit: &Audit, event: &Event) -> Result<(), String> {
    if event.before.is_some() {
        return Err("en bedømmelseshændelse har ingen før-værdi".to_owned());
    }
    let Some(serde_json::Value::Object(after)) = &event.after else {
        return Err(
            "en bedømmelseshændelse skal have en efter-værdi med bedømmer, runder og antal"
                .to_owned(),
        );
    };
    if let Some(key) = after
        .keys()
        .find(|k| !RATING_EVENT_KEYS.contains(&k.as_str()))
    {
        return Err(format!(
            "en bedømmelseshændelse må kun rumme bedømmer, runder og antal, ikke feltet »{key}«"
        ));
    }
    let rater = after
        .get("rater")
        .and_then(serde_json::Value::as_str)
        .and_then(|r| Username::new(r).ok());
    match rater {
        Some(rater) if audit.member(&rater).is_some() => {}
        Some(rater) => return Err(format!("bedømmeren »{rater}« sidder ikke i panelet")),
        None => return Err("bedømmelseshændelsen mangler en gyldig bedømmer".to_owned()),
    }
    let rounds_ok = after
        .get("rounds")
        .and_then(serde_json::Value::as_array)
        .is_some_and(|rounds| rounds.iter().all(|r| matches!(r.as_u64(), Some(1 | 2))));
    if !rounds_ok {
        return Err("bedømmelseshændelsens runder skal være 1 eller 2".to_owned());
    }
    if !after.get("units").is_some_and(serde_json::Value::is_u64) {
        return Err("bedømmelseshændelsens antal skal være et helt tal".to_owned());
    }
    Ok(())
}

/// The first key anywhere in `payload` that would carry a rating value or reason. `allow_top_reason`
/// lets a top-level `reason` pass (a workflow transition's reason).
fn value_key(payload: &serde_json::Value, allow_top_reason: bool) -> Option<String> {
    fn walk(value: &serde_json::Value, top: bool, allow: bool) -> Option<String> {
        match value {
            serde_json::Value::Object(map) => map.iter().find_map(|(key, inner)| {
                let allowed =
                    top && allow && key == "reason" && !inner.is_object() && !inner.is_array();
                if VALUE_KEYS.contains(&key.as_str()) && !allowed {
                    Some(key.clone())
                } else {
                    walk(inner, false, allow)
                }
            }),
            serde_json::Value::Array(items) => items.iter().find_map(|v| walk(v, false, allow)),
            _ => None,
        }
    }
    walk(payload, true, allow_top_reason)
}

/// Every string in `value`, keys included.
fn collect_strings<'a>(value: &'a serde_json::Value, out: &mut Vec<&'a str>) {
    match value {
        serde_json::Value::String(s) => out.push(s),
        serde_json::Value::Array(items) => items.iter().for_each(|v| collect_strings(v, out)),
        serde_json::Value::Object(map) => {
            for (key, inner) in map {
                out.push(key);
                collect_strings(inner, out);
            }
        }
        _ => {}
    }
}
