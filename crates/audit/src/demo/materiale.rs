//! The demo's material files: a small, clearly fictitious text document for every material item, so a
//! panelist can open the material beside the rating form as in a real round.
//!
//! The sources publish no material (it is about citizens), so each file is generated from what the demo
//! knows of the item: its pseudonym, kind, tilsyn and description, the questions the audit's forms ask
//! of it, and for a process description its dated case steps. Every file says on its first line that it
//! is fictitious, and none carries anything that looks like a CPR number.

use std::fmt::Write;

use crate::{Audit, ItemKind, Material, dansk_dato};

/// The media type of every demo material file.
pub const MEDIETYPE: &str = "text/plain; charset=utf-8";

/// The first line of every demo material file.
pub const OVERSKRIFT: &str = "FIKTIVT DEMOMATERIALE – ikke en virkelig sag";

/// One generated material file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Demofil {
    /// The file name, from the material's id ("rapport-a.txt").
    pub filnavn: String,
    /// The text, UTF-8.
    pub tekst: String,
}

/// The fictitious file of `material` in `audit`.
pub fn demofil(audit: &Audit, material: &Material) -> Demofil {
    let mut tekst = format!(
        "{OVERSKRIFT}\n\nAuditforløb {nr}: {titel}\n{pseudonym} – {art} fra {tilsyn}\n\n",
        nr = audit.nr,
        titel = audit.titel,
        pseudonym = material.pseudonym,
        art = material.kind.navn(),
        tilsyn = material.tilsyn.navn(),
    );
    if !material.beskrivelse.is_empty() {
        let _ = writeln!(tekst, "{}\n", material.beskrivelse);
    }
    tekst.push_str(
        "Dette dokument er skrevet til demoen af auditpanel. Det står i stedet for det virkelige \
         auditmateriale, som handler om borgere og ikke offentliggøres. Navne, tilbud og forløb er \
         opdigtede.\n",
    );
    if let Some(forloeb) = &material.sagsforloeb {
        let _ = writeln!(tekst, "\nSagsforløb ({}):", forloeb.sag());
        for skridt in forloeb.skridt() {
            let _ = write!(
                tekst,
                "- {}: {}",
                dansk_dato(skridt.dato),
                skridt.art.etiket()
            );
            match &skridt.note {
                Some(note) => {
                    let _ = writeln!(tekst, ". {note}");
                }
                None => tekst.push('\n'),
            }
        }
    }
    let spoergsmaal: Vec<&str> = audit
        .forms
        .iter()
        .filter(|form| form.materials.contains(&material.id))
        .flat_map(|form| &form.items)
        .filter(|item| matches!(item.kind, ItemKind::Indikator { .. } | ItemKind::Tjekliste))
        .map(|item| item.tekst.as_str())
        .collect();
    if !spoergsmaal.is_empty() {
        tekst.push_str("\nPanelet bedømmer materialet på:\n");
        for s in spoergsmaal {
            let _ = writeln!(tekst, "- {s}");
        }
    }
    Demofil {
        filnavn: format!("{}.txt", material.id),
        tekst,
    }
}
