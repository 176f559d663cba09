//! The notes form as the koordinator typed it, parsed at the edge: the version it was based on, "ligheder
//! på tværs" as paragraphs, and the two lists of points (each an optional heading and a text), with a
//! Danish message per field for what cannot be saved. The typed text is kept as typed, so that a form
//! with an error (or a stale save) shows it again unchanged.

use std::collections::BTreeMap;

use audit::{Droeftelse, Opmaerksomhed};

use crate::components::form::{FieldErrors, text_error};

/// The longest text one field may hold, in characters (`audit::text`).
pub(super) const MAX_CHARS: usize = audit::text::PROSE_MAX;

/// The longest heading of a point, in characters (`audit::text`).
const MAX_HEADING_CHARS: usize = audit::text::TITLE_MAX;

/// The most points one list takes.
pub(super) const MAX_POINTS: usize = 100;

/// One point as typed: heading and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct PointInput {
    pub(super) overskrift: String,
    pub(super) tekst: String,
}

/// The two lists of the form, by the prefix of their field names.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum List {
    /// "Opmærksomheder".
    Opmaerksomheder,
    /// "Datakilder og undersøgelsesmetoder".
    Datakilder,
}

impl List {
    /// The prefix of the list's field names ("opmaerksomhed-3-tekst").
    pub(super) fn prefix(self) -> &'static str {
        match self {
            List::Opmaerksomheder => "opmaerksomhed",
            List::Datakilder => "datakilde",
        }
    }

    /// What one point is called in a label ("Opmærksomhed 2").
    pub(super) fn noun(self) -> &'static str {
        match self {
            List::Opmaerksomheder => "Opmærksomhed",
            List::Datakilder => "Datakilde/metode",
        }
    }
}

/// The whole form as typed.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(super) struct NotesInput {
    /// The version the koordinator started from (0 for new notes).
    pub(super) version: i64,
    /// "Ligheder på tværs": paragraphs separated by blank lines.
    pub(super) ligheder: String,
    /// "Opmærksomheder".
    pub(super) opmaerksomheder: Vec<PointInput>,
    /// "Datakilder og undersøgelsesmetoder".
    pub(super) datakilder: Vec<PointInput>,
}

impl NotesInput {
    /// The form of a stored discussion (or an empty one), at `version`.
    pub(super) fn of(droeftelse: Option<&Droeftelse>, version: i64) -> NotesInput {
        let points = |list: &[Opmaerksomhed]| {
            list.iter()
                .map(|o| PointInput {
                    overskrift: o.overskrift.clone().unwrap_or_default(),
                    tekst: o.tekst.clone(),
                })
                .collect()
        };
        NotesInput {
            version,
            ligheder: droeftelse.map_or_else(String::new, |d| d.ligheder.join("\n\n")),
            opmaerksomheder: droeftelse.map_or_else(Vec::new, |d| points(&d.opmaerksomheder)),
            datakilder: droeftelse.map_or_else(Vec::new, |d| points(&d.datakilder)),
        }
    }

    /// The points of `list`.
    pub(super) fn points(&self, list: List) -> &[PointInput] {
        match list {
            List::Opmaerksomheder => &self.opmaerksomheder,
            List::Datakilder => &self.datakilder,
        }
    }

    /// Reads the posted fields. A missing or malformed version is an error of the whole form (`None`):
    /// without it no save can be checked against what the koordinator read.
    pub(super) fn parse(fields: &[(String, String)]) -> Option<NotesInput> {
        let mut input = NotesInput {
            version: -1,
            ..NotesInput::default()
        };
        let mut lists: [BTreeMap<usize, PointInput>; 2] = [BTreeMap::new(), BTreeMap::new()];
        for (name, value) in fields {
            let value = value.replace("\r\n", "\n");
            match name.as_str() {
                "version" => input.version = value.trim().parse().ok().filter(|v| *v >= 0)?,
                "ligheder" => input.ligheder = value,
                _ => {
                    for (slot, list) in [List::Opmaerksomheder, List::Datakilder]
                        .into_iter()
                        .enumerate()
                    {
                        let Some(rest) = name
                            .strip_prefix(list.prefix())
                            .and_then(|r| r.strip_prefix('-'))
                        else {
                            continue;
                        };
                        let Some((index, field)) = rest.split_once('-') else {
                            continue;
                        };
                        let Ok(index) = index.parse::<usize>() else {
                            continue;
                        };
                        if index >= MAX_POINTS + 10 {
                            continue;
                        }
                        let point = lists[slot].entry(index).or_default();
                        match field {
                            "overskrift" => point.overskrift = value.clone(),
                            "tekst" => point.tekst = value.clone(),
                            _ => {}
                        }
                    }
                }
            }
        }
        if input.version < 0 {
            return None;
        }
        let [opm, dk] = lists;
        // Points left empty (the blank slots, or a point the koordinator cleared) are dropped.
        let keep = |m: BTreeMap<usize, PointInput>| -> Vec<PointInput> {
            m.into_values()
                .filter(|p| !p.overskrift.trim().is_empty() || !p.tekst.trim().is_empty())
                .collect()
        };
        input.opmaerksomheder = keep(opm);
        input.datakilder = keep(dk);
        Some(input)
    }

    /// What cannot be saved, field by field in the order of the page (the field names of the form as
    /// shown again, where the kept points are numbered from 0).
    pub(super) fn errors(&self) -> FieldErrors {
        let mut errors = FieldErrors::default();
        if let Some(message) = text_error("ligheder på tværs", &self.ligheder, MAX_CHARS) {
            errors.add("ligheder", message);
        }
        for list in [List::Opmaerksomheder, List::Datakilder] {
            let points = self.points(list);
            for (i, p) in points.iter().enumerate() {
                let field = |f: &str| format!("{}-{i}-{f}", list.prefix());
                let what = format!("{} {}", list.noun(), i + 1);
                if let Some(message) = text_error(
                    &format!("overskriften til {}", what.to_lowercase()),
                    &p.overskrift,
                    MAX_HEADING_CHARS,
                ) {
                    errors.add(&field("overskrift"), message);
                }
                if p.tekst.trim().is_empty() {
                    errors.add(
                        &field("tekst"),
                        format!(
                            "{what} har overskriften »{}«, men ingen tekst. Skriv teksten, eller slet også overskriften.",
                            p.overskrift.trim()
                        ),
                    );
                } else if let Some(message) = text_error(
                    &format!("teksten til {}", what.to_lowercase()),
                    &p.tekst,
                    MAX_CHARS,
                ) {
                    errors.add(&field("tekst"), message);
                }
            }
            // After the points' own problems: the last point's text shows its own problem first.
            if points.len() > MAX_POINTS {
                errors.add(
                    &format!("{}-{}-tekst", list.prefix(), points.len() - 1),
                    format!("Der kan højst være {MAX_POINTS} punkter i listen; slet nogle, og prøv igen."),
                );
            }
        }
        errors
    }

    /// `base` (the stored discussion, or a new one) with the typed notes.
    pub(super) fn apply(&self, mut base: Droeftelse) -> Droeftelse {
        let points = |list: &[PointInput]| {
            list.iter()
                .map(|p| Opmaerksomhed {
                    overskrift: Some(p.overskrift.trim().to_owned()).filter(|o| !o.is_empty()),
                    tekst: p.tekst.trim().to_owned(),
                })
                .collect()
        };
        base.ligheder = paragraphs(&self.ligheder);
        base.opmaerksomheder = points(&self.opmaerksomheder);
        base.datakilder = points(&self.datakilder);
        base
    }
}

/// Text split into paragraphs at blank lines; the lines of one paragraph are joined by a space.
pub(super) fn paragraphs(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut current: Vec<&str> = Vec::new();
    for line in text.lines().map(str::trim) {
        if line.is_empty() {
            if !current.is_empty() {
                out.push(current.join(" "));
                current.clear();
            }
        } else {
            current.push(line);
        }
    }
    if !current.is_empty() {
        out.push(current.join(" "));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fields(pairs: &[(&str, &str)]) -> Vec<(String, String)> {
        pairs
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect()
    }

    #[test]
    fn the_form_is_read_into_paragraphs_and_points() {
        let input = NotesInput::parse(&fields(&[
            ("_csrf", "x"),
            ("version", "3"),
            (
                "ligheder",
                "Første afsnit\r\nfortsat.\r\n\r\n\r\nAndet afsnit.",
            ),
            ("opmaerksomhed-0-overskrift", ""),
            ("opmaerksomhed-0-tekst", "En opmærksomhed."),
            ("opmaerksomhed-1-overskrift", ""),
            ("opmaerksomhed-1-tekst", "  "),
            ("datakilde-4-overskrift", "Interview"),
            ("datakilde-4-tekst", "Med ledelsen."),
        ]))
        .unwrap();
        assert_eq!(input.version, 3);
        assert_eq!(input.opmaerksomheder.len(), 1, "the blank slot is dropped");
        assert!(input.errors().is_empty());
        let d = input.apply(Droeftelse {
            emne: audit::Emne::Helhed,
            overskrift: "Helhed".to_owned(),
            indledning: vec![],
            afsnit: vec![],
            ligheder: vec![],
            opmaerksomheder: vec![],
            datakilder: vec![],
            vurdering: None,
        });
        assert_eq!(d.ligheder, ["Første afsnit fortsat.", "Andet afsnit."]);
        assert_eq!(d.opmaerksomheder[0].overskrift, None);
        assert_eq!(d.datakilder[0].overskrift.as_deref(), Some("Interview"));
    }

    #[test]
    fn a_heading_without_text_is_an_error_at_its_field_and_a_missing_version_refuses_the_form() {
        let input = NotesInput::parse(&fields(&[
            ("version", "0"),
            ("opmaerksomhed-0-overskrift", "Kun en overskrift"),
            ("opmaerksomhed-0-tekst", ""),
        ]))
        .unwrap();
        let errors = input.errors();
        assert!(
            errors
                .get("opmaerksomhed-0-tekst")
                .is_some_and(|e| e.contains("»Kun en overskrift«")),
            "{errors:?}"
        );
        assert_eq!(NotesInput::parse(&fields(&[("ligheder", "x")])), None);
        assert_eq!(
            NotesInput::parse(&fields(&[("version", "-1")])),
            None,
            "a negative version is malformed"
        );
    }
}
