//! The sections of the agreement dashboard, one function each, for one scale analysis (`index` is its
//! position, the prefix of every id in it: `s0-samlet`, `s0-droeft`, …).

mod choices;
mod items;
mod overall;
mod raters;
mod rounds;
mod tilsyn;

use maud::{Markup, html};

pub(super) use choices::choices;
pub(super) use items::{distributions, items};
pub(super) use overall::overall;
pub(super) use raters::{heatmap, severity, sorted_raters};
pub(super) use rounds::rounds;
pub(super) use tilsyn::{original, own_tilsyn, tilsyn_pairs};

/// The sections' ids and headings, in page order.
pub(super) const TITLES: [(&str, &str); 9] = [
    ("samlet", "Samlet enighed"),
    ("droeft", "Drøft disse først"),
    ("fordeling", "Fordeling af bedømmelserne"),
    ("heatmap", "Enheder og bedømmere"),
    ("strenghed", "Strenghed og tilsynseffekter"),
    ("tilsynspar", "Enighed mellem tilsynene"),
    ("eget-tilsyn", "Bedømmelser af eget tilsyn"),
    ("original", "Tilsynenes egne scorer og panelets"),
    ("runder", "Runde 1 og runde 2"),
];

/// The `<h3>` of section `id` of scale `index`, with its id for the table of contents.
fn heading(index: usize, id: &str) -> Markup {
    let title = TITLES.iter().find(|(i, _)| *i == id).map_or(id, |(_, t)| t);
    html! { h3 id=(format!("s{index}-{id}")) { (title) } }
}

/// The `id` of section `id` of scale `index`.
fn section_id(index: usize, id: &str) -> String {
    format!("s{index}-{id}")
}
