//! The checklist of the faglig udtalelse: what a tilsynsrapport must at least contain, one item per
//! requirement, each answered ja / nej / ikke relevant for each report.
//!
//! | id | requirement | the statement (seed `001_…`) |
//! | --- | --- | --- |
//! | `samlet-vurdering` | samlet vurdering | "bør indeholde en samlet vurdering af kvaliteten" |
//! | `samlet-vurdering-pris` | an overpriced offer is named in it | "Hvis et tilbud er uforholdsmæssigt dyrt … bør dette fremgå af den samlede vurdering" |
//! | `udfoldet-vurdering` | unfolded for every tema | "for alle temaer være tilstrækkeligt udfoldet" |
//! | `oekonomi` | the economy assessed | "samt tilbuddets eller plejefamiliens økonomi" |
//! | `konkrete-forhold` | the concrete facts and their weight | "hvilke forhold … socialtilsynet har inddraget i vurderingen, og hvordan disse konkrete forhold er vægtet" |
//! | `risiko` | depth proportionate to the risk | "mere udfoldet ved tilbud, hvor der er alvorlig bekymring for kvaliteten (høj risiko)" |
//! | `scorer-og-spindelvaev` | scores for every indicator and the spider web | "Scorer for alle kvalitetsmodellens indikatorer og spindelvæv" |
//! | `udviklingspunkter` | udviklingspunkter used but not published | "Udviklingspunkter bør anvendes, men ikke offentliggøres" |
//! | `udviklingspunkter-ikke-mangler` | udviklingspunkter not used as mangler | "Udviklingspunkter bør dermed ikke anvendes i forhold til mangler ved kvaliteten" |
//! | `ingen-opmaerksomhedspunkter` | no opmærksomhedspunkter | "Opmærksomhedspunkter bør ikke anvendes, men integreres i kvalitetsvurderingerne." |
//! | `mangler-tydelige` | mangler shown in the assessment | "Mangler i kvaliteten bør herunder fremgå tydeligt i den samlede vurdering" |
//! | `sendt-til-tilbuddet` | the report sent to the offer | "Tilsynsrapporter bør sendes til plejefamilier og tilbud" |
//!
//! **One source.** The items' ids and wording live once, in the rating form of the demo compliance audit
//! 25.2 (`seeds/demo/25.2.toml`), which quotes the statement. This module reads that form from the file
//! compiled into the program rather than keeping a second copy, so that a new compliance audit and the
//! demo cannot drift apart. The tests check that it holds the twelve requirements above.

use serde::Deserialize;

use crate::{FormItem, ItemKind, MaterialId, RatingForm, Scale};

/// The seed file whose checklist form is the checklist (see the module documentation).
pub const KILDEFIL: &str = "seeds/demo/25.2.toml";

const KILDE: &str = include_str!("../../../../seeds/demo/25.2.toml");

/// The checklist could not be read from [`KILDEFIL`]: a bug in the shipped file, caught by the tests.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("tjeklisten i {KILDEFIL} kan ikke læses: {0}")]
pub struct TjeklisteFejl(pub String);

/// Only the forms of the seed file; everything else in it is ignored here.
#[derive(Deserialize)]
struct KunSkemaer {
    forms: Vec<RatingForm>,
}

/// The checklist form as the seed file has it: title, checklist scale, the demo's material and the items.
fn kildeskema() -> Result<RatingForm, TjeklisteFejl> {
    let fil: KunSkemaer =
        toml::from_str(KILDE).map_err(|e| TjeklisteFejl(e.message().to_owned()))?;
    fil.forms
        .into_iter()
        .find(|f| f.scale == Scale::Tjekliste)
        .ok_or_else(|| TjeklisteFejl("filen har intet skema med skalaen tjekliste".into()))
}

/// The twelve requirements, in order, as checklist form items.
///
/// # Errors
/// [`TjeklisteFejl`] if the shipped file is broken.
pub fn tjekliste() -> Result<Vec<FormItem>, TjeklisteFejl> {
    let skema = kildeskema()?;
    if let Some(item) = skema.items.iter().find(|i| i.kind != ItemKind::Tjekliste) {
        return Err(TjeklisteFejl(format!(
            "punktet »{}« er ikke et tjeklistepunkt",
            item.id
        )));
    }
    Ok(skema.items)
}

/// The checklist as a rating form over `materialer` (the sampled reports), for a new compliance audit.
///
/// # Errors
/// [`TjeklisteFejl`] if the shipped file is broken.
pub fn tjeklisteskema(materialer: Vec<MaterialId>) -> Result<RatingForm, TjeklisteFejl> {
    let skema = kildeskema()?;
    Ok(RatingForm {
        titel: skema.titel,
        scale: Scale::Tjekliste,
        materials: materialer,
        items: tjekliste()?,
    })
}
