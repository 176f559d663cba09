//! The scale of an audit's rating forms as the set-up pages choose it: godkendelse, drift, the graded
//! sandsynliggørelse of audit 20.1, or an own ordinal scale whose labels are typed one per line.

use audit::{Audit, Scale};
use maud::{Markup, html};

use super::widgets::{Control, options};
use crate::components::form::{FieldErrors, text_error};

/// The scale of the audit's rating forms: that of its first form that is not a checklist.
pub(super) fn main_scale(audit: &Audit) -> Option<Scale> {
    audit
        .forms
        .iter()
        .map(|f| &f.scale)
        .find(|s| **s != Scale::Tjekliste)
        .cloned()
}

/// The scale posted as the radio `skala` and the labels of an own scale, one per line.
pub(super) fn parse_scale(kind: &str, labels: &str) -> Result<Scale, String> {
    match kind {
        "godkendelse" => Ok(Scale::Godkendelse),
        "drift" => Ok(Scale::Drift),
        "sandsynliggoerelse" => Ok(Scale::Sandsynliggoerelse),
        "ordinal" => {
            let labels: Vec<String> = labels
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty())
                .map(str::to_owned)
                .collect();
            if labels.len() < 2 {
                return Err("En egen ordinalskala skal have mindst to etiketter, én pr. linje, den laveste først.".into());
            }
            if labels.len() > 10 {
                return Err(format!(
                    "En egen ordinalskala kan højst have 10 etiketter (der er skrevet {}).",
                    labels.len()
                ));
            }
            if let Some(message) = labels.iter().find_map(|l| text_error("etiketten", l, 80)) {
                return Err(message);
            }
            if let Some((i, dup)) = labels
                .iter()
                .enumerate()
                .find(|(i, l)| labels[..*i].contains(l))
            {
                return Err(format!(
                    "Etiketten »{dup}« står to gange (linje {}).",
                    i + 1
                ));
            }
            Ok(Scale::Ordinal { labels })
        }
        _ => Err(
            "Vælg skala: godkendelse, drift, sandsynliggørelse eller en egen ordinalskala.".into(),
        ),
    }
}

/// The radio buttons and the label field.
pub(super) fn controls(kind: &str, labels: &str, errors: &FieldErrors) -> Markup {
    html! {
        (Control::new("skala", "Skala for bedømmelserne", kind).radios(&options([
            ("godkendelse", "Godkendelse: forventes at kunne opfylde / forventes ikke at kunne opfylde"),
            ("drift", "Drift: 1–5, fra »i meget lav grad opfyldt« til »i meget høj grad opfyldt«"),
            ("sandsynliggoerelse", "Sandsynliggørelse (som audit 20.1): i høj grad / i nogen grad / i mindre grad / slet ikke"),
            ("ordinal", "Egen ordinalskala med etiketterne nedenfor"),
        ]), errors))
        (Control::new("skala_labels", "Etiketter til egen ordinalskala", labels)
            .hint("Én etiket pr. linje, den laveste først. Bruges kun ved egen ordinalskala.")
            .textarea(errors))
    }
}

/// The scale kind's id and, for an own scale, its labels one per line: what the controls show.
pub(super) fn draft_of(scale: Option<&Scale>) -> (String, String) {
    match scale {
        Some(Scale::Ordinal { labels }) => ("ordinal".to_owned(), labels.join("\n")),
        Some(scale) => (scale.id().to_owned(), String::new()),
        None => (String::new(), String::new()),
    }
}

/// The scale in words.
pub(super) fn words(scale: Option<&Scale>) -> String {
    match scale {
        Some(Scale::Ordinal { labels }) => format!("Egen ordinalskala: {}", labels.join(" – ")),
        Some(scale) => crate::components::labels::capitalized(scale.navn()),
        None => "Ingen (auditforløbet har ingen skemaer med skala)".to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use audit::Scale;

    use super::parse_scale;

    #[test]
    fn an_own_scale_needs_two_distinct_labels() {
        assert_eq!(
            parse_scale("ordinal", "lav\n\n middel \nhøj\n"),
            Ok(Scale::Ordinal {
                labels: vec!["lav".into(), "middel".into(), "høj".into()]
            })
        );
        assert!(
            parse_scale("ordinal", "kun én")
                .unwrap_err()
                .contains("mindst to")
        );
        assert!(
            parse_scale("ordinal", "a\nb\na")
                .unwrap_err()
                .contains("»a« står to gange")
        );
        assert_eq!(parse_scale("drift", "ignoreres"), Ok(Scale::Drift));
        assert!(parse_scale("", "").unwrap_err().contains("Vælg skala"));
    }
}
