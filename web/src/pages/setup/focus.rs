//! An audit's focus chosen from its quality model: one tema, or indicators picked one by one.
//!
//! The domain keeps the focus as Danish text (`Audit::fokus`), so the choice is written as its first
//! paragraph in a fixed form — `Temaet ”Organisation og ledelse”.` or `Indikator 8.a, 8.b og 9.d.` —
//! followed by the koordinator's own elaboration, and read back from that paragraph when the audit is
//! edited. Text written otherwise (the demo's prose) is kept whole as the elaboration.

use std::collections::BTreeSet;

use audit::{Indikator, Kvalitetsmodel, Tilbud};
use maud::{Markup, html};

use super::widgets::checkbox;

/// What the koordinator picked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Focus {
    /// A whole tema, by id.
    Tema(String),
    /// Single indicators, by id, in model order.
    Indikatorer(Vec<String>),
}

/// The radio value for "single indicators".
pub(super) const INDICATORS: &str = "indikatorer";

/// The radio value for tema `id`.
pub(super) fn tema_value(id: &str) -> String {
    format!("tema:{id}")
}

impl Focus {
    /// The radio value this focus is shown with.
    pub(super) fn radio_value(&self) -> String {
        match self {
            Focus::Tema(id) => tema_value(id),
            Focus::Indikatorer(_) => INDICATORS.to_owned(),
        }
    }

    /// The ids of the indicators in focus, in model order.
    pub(super) fn indicators(&self, model: &Kvalitetsmodel) -> Vec<String> {
        match self {
            Focus::Tema(id) => model
                .temaer()
                .iter()
                .filter(|t| &t.id == id)
                .flat_map(|t| &t.kriterier)
                .flat_map(|k| &k.indikatorer)
                .map(|i| i.id.clone())
                .collect(),
            Focus::Indikatorer(ids) => ids.clone(),
        }
    }

    /// The fixed first paragraph of the audit's focus text.
    pub(super) fn sentence(&self, model: &Kvalitetsmodel) -> String {
        match self {
            Focus::Tema(id) => {
                let navn = model
                    .temaer()
                    .iter()
                    .find(|t| &t.id == id)
                    .map_or(id.as_str(), |t| t.navn.as_str());
                format!("Temaet ”{navn}”.")
            }
            Focus::Indikatorer(ids) => format!("Indikator {}.", danish_list(ids)),
        }
    }
}

/// "a", "a og b", "a, b og c".
fn danish_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} og {last}", rest.join(", ")),
    }
}

/// The focus text to store: the choice's sentence, then the elaboration.
pub(super) fn compose(model: &Kvalitetsmodel, focus: &Focus, elaboration: &str) -> String {
    let sentence = focus.sentence(model);
    let elaboration = elaboration.trim();
    if elaboration.is_empty() {
        sentence
    } else {
        format!("{sentence}\n\n{elaboration}")
    }
}

/// The choice written in `fokus` (if its first paragraph is one) and the elaboration.
pub(super) fn parse(model: &Kvalitetsmodel, fokus: &str) -> (Option<Focus>, String) {
    let (first, rest) = match fokus.split_once("\n\n") {
        Some((first, rest)) => (first.trim(), rest.trim()),
        None => (fokus.trim(), ""),
    };
    let tema = model
        .temaer()
        .iter()
        .find(|t| first == format!("Temaet ”{}”.", t.navn));
    if let Some(tema) = tema {
        return (Some(Focus::Tema(tema.id.clone())), rest.to_owned());
    }
    let listed = first
        .strip_prefix("Indikator ")
        .and_then(|l| l.strip_suffix('.'))
        .map(|l| {
            l.split(", ")
                .flat_map(|part| part.split(" og "))
                .map(str::to_owned)
                .collect::<Vec<_>>()
        });
    if let Some(ids) = listed {
        let known: BTreeSet<&str> = model.indikatorer().map(|i| i.id.as_str()).collect();
        if !ids.is_empty() && ids.iter().all(|id| known.contains(id.as_str())) {
            return (
                Some(Focus::Indikatorer(in_model_order(model, &ids))),
                rest.to_owned(),
            );
        }
    }
    (None, fokus.trim().to_owned())
}

/// `ids` (known to the model) in model order, each once.
pub(super) fn in_model_order(model: &Kvalitetsmodel, ids: &[String]) -> Vec<String> {
    model
        .indikatorer()
        .filter(|i| ids.contains(&i.id))
        .map(|i| i.id.clone())
        .collect()
}

/// The choice posted as the radio `fokus_art` and the checkboxes `indikator`, or a Danish message.
pub(super) fn from_post(
    model: &Kvalitetsmodel,
    art: &str,
    indicators: &[String],
) -> Result<Focus, String> {
    if let Some(unknown) = indicators
        .iter()
        .find(|id| !model.indikatorer().any(|i| &i.id == *id))
    {
        return Err(format!(
            "Indikatoren »{unknown}« findes ikke i kvalitetsmodellen version {}.",
            model.version()
        ));
    }
    if art == INDICATORS {
        if indicators.is_empty() {
            return Err("Sæt flueben ved mindst én indikator, eller vælg et helt tema.".into());
        }
        return Ok(Focus::Indikatorer(in_model_order(model, indicators)));
    }
    match art.strip_prefix("tema:") {
        Some(id) if model.temaer().iter().any(|t| t.id == id) => {
            if indicators.is_empty() {
                Ok(Focus::Tema(id.to_owned()))
            } else {
                Err("Vælg enten et helt tema eller »Udvalgte indikatorer« – der er både valgt et tema og sat flueben ved enkelte indikatorer.".into())
            }
        }
        Some(id) => Err(format!(
            "Temaet »{id}« findes ikke i kvalitetsmodellen version {}.",
            model.version()
        )),
        None => Err("Vælg fokus: et tema eller udvalgte indikatorer fra kvalitetsmodellen.".into()),
    }
}

/// Whether indicator `ind` applies to every offer in `offers` (true when none is known).
pub(super) fn applies_to_all(ind: &Indikator, offers: &[Tilbud]) -> bool {
    offers.iter().all(|o| ind.gaelder.omfatter(o))
}

/// The model's indicators as checkboxes named `name`, grouped in a fieldset per tema and a list per
/// kriterium, each with its text and (when the model states one) its applicability rule. `lead` is put
/// first in each tema's fieldset (the tema's radio button on the audit form); `tag` marks an indicator
/// (e.g. "i fokus").
pub(super) fn indicator_groups(
    model: &Kvalitetsmodel,
    name: &str,
    checked: &BTreeSet<String>,
    lead: impl Fn(&audit::Tema) -> Option<Markup>,
    tag: impl Fn(&Indikator) -> Option<&'static str>,
) -> Markup {
    html! {
        @for tema in model.temaer() {
            fieldset.tema {
                legend { (tema.navn) }
                @if let Some(lead) = lead(tema) { (lead) }
                @for kriterium in &tema.kriterier {
                    div.kriterium {
                        p.kriterium-tekst { "Kriterium " (kriterium.id) ": " (kriterium.tekst) }
                        @for ind in &kriterium.indikatorer {
                            @let id = format!("{name}-{}", ind.id.replace('.', "-"));
                            (checkbox(name, &id, &ind.id, checked.contains(&ind.id), html! {
                                strong { (ind.id) } " " (ind.tekst)
                                @if let Some(tag) = tag(ind) { " " span.tag { (tag) } }
                                @if let Some(rule) = ind.gaelder.tekst() {
                                    " " span.muted { "(" (rule) ")" }
                                }
                            }))
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{Focus, compose, from_post, parse};

    fn model() -> audit::Kvalitetsmodel {
        audit::builtin::kvalitetsmodel("2024").unwrap()
    }

    #[test]
    fn a_chosen_focus_is_read_back_from_the_text_it_is_stored_as() {
        let model = model();
        let tema = model.temaer()[0].id.clone();
        for focus in [
            Focus::Tema(tema),
            Focus::Indikatorer(vec!["8.a".into()]),
            Focus::Indikatorer(vec!["8.a".into(), "8.b".into(), "9.d".into()]),
        ] {
            let text = compose(&model, &focus, "Særligt ledelseslag.\n\nTo afsnit.");
            assert_eq!(
                parse(&model, &text),
                (Some(focus), "Særligt ledelseslag.\n\nTo afsnit.".to_owned())
            );
        }
        assert_eq!(
            compose(
                &model,
                &Focus::Indikatorer(vec!["8.a".into(), "8.b".into(), "9.d".into()]),
                ""
            ),
            "Indikator 8.a, 8.b og 9.d."
        );
    }

    #[test]
    fn prose_is_kept_whole_as_the_elaboration() {
        // 25.1's focus text from seeds/demo/25.1.toml begins with prose, not the fixed form.
        let prose = "Indikator 8.a, 8.b, 9.a og 9.d i temaet ”Organisation og ledelse”.";
        assert_eq!(parse(&model(), prose), (None, prose.to_owned()));
    }

    #[test]
    fn posted_choices_are_checked() {
        let model = model();
        assert_eq!(
            from_post(&model, "indikatorer", &["9.d".into(), "8.a".into()]),
            Ok(Focus::Indikatorer(vec!["8.a".into(), "9.d".into()])),
            "model order"
        );
        assert!(
            from_post(&model, "indikatorer", &[])
                .unwrap_err()
                .contains("mindst én")
        );
        assert!(
            from_post(&model, "", &[])
                .unwrap_err()
                .contains("Vælg fokus")
        );
        assert!(
            from_post(&model, "indikatorer", &["99.z".into()])
                .unwrap_err()
                .contains("»99.z«")
        );
        let tema = format!("tema:{}", model.temaer()[0].id);
        assert!(
            from_post(&model, &tema, &["8.a".into()])
                .unwrap_err()
                .contains("enten")
        );
    }
}
