//! The units × raters heatmap, drawn on the server as SVG: one row per unit (item × material), one
//! column per rater (labelled with name and tilsyn), one coloured cell with the code for every rating
//! with a value, each with a `<title>` saying who gave what to which unit. A rating of the rater's own
//! tilsyn's material is marked with a small black dot. Colours come from [`super::palette`] and are
//! never the only cue: the code is printed in the cell, and [`table`] gives the same grid as an
//! accessible table for screen readers and as the text alternative.

use audit::calibration::Category;
use audit::calibration::heatmap::{Heatmap, HeatmapRow};
use maud::{Markup, html};

use super::palette::{Swatch, swatches};
use super::table::scroll_region;

/// Cell width and height, in SVG units (pixels at 100 %).
const CELL_W: usize = 30;
const CELL_H: usize = 22;
/// Width of the row labels on the left.
const LABEL_W: usize = 230;
/// Height of the rater labels on top (written at an angle).
const HEAD_H: usize = 200;
/// Room on the right for the last labels, which lean over it.
const RIGHT: usize = 130;
/// Extra space between the rows of two different items.
const ITEM_GAP: usize = 6;

/// The label of a row: "3.a · Rapport A".
pub fn row_label(row: &HeatmapRow) -> String {
    match &row.pseudonym {
        Some(p) => format!("{} · {p}", row.item),
        None => row.item.to_string(),
    }
}

/// The label of a column: "Konsulent Midt 1 (Midt)".
fn rater_label(grid: &Heatmap, r: usize) -> String {
    grid.raters
        .get(r)
        .map_or_else(String::new, |rater| match rater.tilsyn {
            Some(t) => format!("{} ({})", rater.navn, t.navn()),
            None => rater.navn.clone(),
        })
}

fn category_index(categories: &[Category], code: i32) -> Option<usize> {
    categories.iter().position(|c| c.code == Some(code))
}

/// The heatmap of `grid` as an `<svg role="img">` titled `title`, with `id` as the prefix of its
/// element ids; `ordered` chooses the palette (see [`super::palette::swatches`]). Valued cells are
/// `<rect class="cell">`; cells without a value are left blank.
pub fn heatmap(
    id: &str,
    title: &str,
    grid: &Heatmap,
    categories: &[Category],
    ordered: bool,
) -> Markup {
    let colours = swatches(categories.len(), ordered);
    let columns = grid.raters.len();
    let width = LABEL_W + columns * CELL_W + RIGHT;
    // The y of each row, with a gap where the item changes.
    let mut ys = Vec::with_capacity(grid.rows.len());
    let mut y = HEAD_H;
    for (i, row) in grid.rows.iter().enumerate() {
        if i > 0 && grid.rows[i - 1].item != row.item {
            y += ITEM_GAP;
        }
        ys.push(y);
        y += CELL_H;
    }
    let height = y + 10;
    let valued: usize = grid
        .rows
        .iter()
        .map(|r| r.values.iter().filter(|v| v.is_some()).count())
        .sum();
    let title_id = format!("{id}-titel");
    let desc_id = format!("{id}-beskrivelse");
    html! {
        svg.heatmap role="img"
            width=(width) height=(height) viewBox=(format!("0 0 {width} {height}"))
            aria-labelledby=(format!("{title_id} {desc_id}")) {
            title id=(title_id) { (title) }
            desc id=(desc_id) {
                (grid.rows.len()) " enheder × " (columns) " bedømmere, " (valued)
                " bedømmelser med en værdi. Tabellen under figuren viser de samme værdier."
            }
            // Rater labels, written at an angle above their column.
            @for r in 0..columns {
                @let x = LABEL_W + r * CELL_W + CELL_W / 2;
                text.rater x=(x) y=(HEAD_H - 6) font-size="10.5"
                    transform=(format!("rotate(-55 {x} {})", HEAD_H - 6)) {
                    (rater_label(grid, r))
                }
            }
            @for (row, y) in grid.rows.iter().zip(&ys) {
                text.unit x=(LABEL_W - 6) y=(y + CELL_H / 2 + 4) font-size="11" text-anchor="end" {
                    (row_label(row))
                }
                @for (r, value) in row.values.iter().enumerate() {
                    @if let Some(code) = value {
                        (cell(grid, row, r, *code, *y, categories, &colours))
                    }
                }
            }
            // The frame of the grid, so that blank (missing) cells read as part of it.
            rect x=(LABEL_W) y=(HEAD_H) width=(columns * CELL_W) height=(y - HEAD_H)
                fill="none" stroke="#767676" stroke-width="1" {}
        }
    }
}

fn cell(
    grid: &Heatmap,
    row: &HeatmapRow,
    r: usize,
    code: i32,
    y: usize,
    categories: &[Category],
    colours: &[Swatch],
) -> Markup {
    let x = LABEL_W + r * CELL_W;
    let swatch = category_index(categories, code)
        .and_then(|i| colours.get(i).copied())
        .unwrap_or(Swatch {
            fill: "#BBBBBB",
            ink: "#000000",
        });
    let label = row
        .labels
        .get(r)
        .cloned()
        .flatten()
        .unwrap_or_else(|| code.to_string());
    let own = row.own_tilsyn.get(r).copied().unwrap_or(false);
    html! {
        g {
            rect.cell x=(x + 1) y=(y + 1) width=(CELL_W - 2) height=(CELL_H - 2)
                fill=(swatch.fill) stroke="#767676" stroke-width="0.5"
                data-unit=(row.unit) data-rater=[grid.raters.get(r).map(|x| x.username.as_str())] {
                title {
                    (rater_label(grid, r)) " · " (row_label(row)) ": " (code) " " (label)
                    @if own { " (materiale fra bedømmerens eget tilsyn)" }
                }
            }
            text x=(x + CELL_W / 2) y=(y + CELL_H / 2 + 4) font-size="11" text-anchor="middle"
                fill=(swatch.ink) aria-hidden="true" { (code) }
            @if own {
                circle cx=(x + CELL_W - 6) cy=(y + 6) r="3" fill="#000000" stroke="#ffffff" stroke-width="1" {}
            }
        }
    }
}

/// The legend of the heatmap: each code with its colour and label, and the own-tilsyn mark.
pub fn legend(categories: &[Category], ordered: bool) -> Markup {
    let colours = swatches(categories.len(), ordered);
    html! {
        ul.chart-legend {
            @for (category, swatch) in categories.iter().zip(&colours) {
                li {
                    svg width="18" height="14" aria-hidden="true" {
                        rect width="18" height="14" fill=(swatch.fill) stroke="#767676" stroke-width="0.5" {}
                    }
                    " "
                    @if let Some(code) = category.code { strong { (code) } " = " }
                    (category.label)
                }
            }
            li {
                svg width="18" height="14" aria-hidden="true" {
                    circle cx="9" cy="7" r="3" fill="#000000" {}
                }
                " materiale fra bedømmerens eget tilsyn"
            }
            li { "tom celle = ingen bedømmelse med en værdi" }
        }
    }
}

/// The same grid as a table: units down, raters across, each cell the code with its label for screen
/// readers, "(eget tilsyn)" where it applies.
pub fn table(caption: &str, grid: &Heatmap) -> Markup {
    html! {
        (scroll_region(caption, html! {
            table.heatmap-table {
                caption { (caption) }
                thead {
                    tr {
                        th scope="col" { "Enhed" }
                        @for r in 0..grid.raters.len() {
                            th scope="col" { (rater_label(grid, r)) }
                        }
                    }
                }
                tbody {
                    @for row in &grid.rows {
                        tr {
                            th scope="row" { (row_label(row)) }
                            @for (r, value) in row.values.iter().enumerate() {
                                td.num {
                                    @match value {
                                        Some(code) => {
                                            (code)
                                            span.visually-hidden {
                                                " " (row.labels.get(r).cloned().flatten().unwrap_or_default())
                                            }
                                            @if row.own_tilsyn.get(r).copied().unwrap_or(false) {
                                                " " abbr title="materiale fra bedømmerens eget tilsyn" { "(e)" }
                                            }
                                        },
                                        None => (super::decimal::none()),
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }))
    }
}

#[cfg(test)]
mod tests {
    use audit::Tilsyn;
    use audit::calibration::heatmap::HeatmapRater;

    use super::*;

    fn grid() -> Heatmap {
        let rater = |u: &str, navn: &str, t| HeatmapRater {
            username: u.parse().unwrap(),
            navn: navn.to_owned(),
            tilsyn: Some(t),
        };
        let row = |material: &str, values: [Option<i32>; 2], own: [bool; 2]| HeatmapRow {
            unit: format!("3.a/{material}"),
            item: "3.a".parse().unwrap(),
            material: Some(material.parse().unwrap()),
            pseudonym: Some(format!("Rapport {}", material.to_uppercase())),
            material_tilsyn: Some(Tilsyn::Midt),
            values: values.to_vec(),
            labels: values
                .iter()
                .map(|v| {
                    v.map(|c| {
                        if c == 1 {
                            "ja".to_owned()
                        } else {
                            "nej".to_owned()
                        }
                    })
                })
                .collect(),
            own_tilsyn: own.to_vec(),
            n: values.iter().flatten().count(),
            agree: None,
            distinct: 1,
            range: None,
            sd: None,
        };
        Heatmap {
            raters: vec![
                rater("midt-1", "Konsulent Midt 1", Tilsyn::Midt),
                rater("oest-1", "Konsulent Øst 1", Tilsyn::Oest),
            ],
            rows: vec![
                row("a", [Some(1), Some(0)], [true, false]),
                row("b", [None, Some(1)], [true, false]),
            ],
        }
    }

    fn categories() -> Vec<Category> {
        [(0, "nej"), (1, "ja")]
            .map(|(code, label)| Category {
                id: code.to_string(),
                code: Some(code),
                label: label.to_owned(),
            })
            .to_vec()
    }

    #[test]
    fn one_titled_cell_per_rating_with_a_value_and_the_own_tilsyn_marked() {
        let svg = heatmap("h", "Heatmap", &grid(), &categories(), true).into_string();
        assert_eq!(
            svg.matches(r#"<rect class="cell""#).count(),
            3,
            "the missing cell is blank"
        );
        assert!(
            svg.contains("<title>Konsulent Midt 1 (Midt) · 3.a · Rapport A: 1 ja (materiale fra bedømmerens eget tilsyn)</title>"),
            "{svg}"
        );
        assert!(svg.contains(r##"fill="#0072B2""##), "ja is blue");
        assert!(svg.contains(r##"fill="#E69F00""##), "nej is orange");
        assert_eq!(
            svg.matches("<circle").count(),
            1,
            "one own-tilsyn rating with a value"
        );
        assert!(svg.contains(r#"aria-labelledby="h-titel h-beskrivelse""#));
        for shape in ["rect", "circle"] {
            assert_eq!(
                svg.matches(&format!("<{shape} ")).count(),
                svg.matches(&format!("</{shape}>")).count(),
                "{shape} elements are closed"
            );
        }
        let table = table("Heatmap", &grid()).into_string();
        assert!(
            table.contains(r#"<th scope="col">Konsulent Øst 1 (Øst)</th>"#),
            "{table}"
        );
        assert!(table.contains(r#"<span aria-label="ingen">–</span>"#));
    }
}
