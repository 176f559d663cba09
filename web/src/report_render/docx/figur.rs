//! The report's SVG figures (spindelvæv, farvekort) as PNG for the Word file, drawn on the server with
//! resvg in the system's fonts (DejaVu Sans, which `.ci/run` installs; any sans-serif otherwise).

use std::sync::{Arc, OnceLock};

use resvg::{tiny_skia, usvg};

/// How many pixels a figure's CSS pixel becomes, so the picture stays sharp when printed.
const SKALA: f32 = 2.0;

/// A figure drawn as PNG.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Png {
    /// The PNG file.
    pub bytes: Vec<u8>,
    /// The figure's width in CSS pixels (the PNG has [`SKALA`] times as many).
    pub bredde: u32,
    /// Its height in CSS pixels.
    pub hoejde: u32,
}

/// The system's fonts, read once (reading them takes longer than drawing a figure).
fn skrifter() -> Arc<usvg::fontdb::Database> {
    static SKRIFTER: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    SKRIFTER
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_system_fonts();
            db.set_sans_serif_family("DejaVu Sans");
            Arc::new(db)
        })
        .clone()
}

/// `svg` (an inline `<svg>` of the report, which needs no namespace in HTML) drawn as PNG on white;
/// `None` when it cannot be read or has no size.
pub(super) fn png(svg: &str) -> Option<Png> {
    let svg = if svg.contains("xmlns=") {
        svg.to_owned()
    } else {
        svg.replacen("<svg", r#"<svg xmlns="http://www.w3.org/2000/svg""#, 1)
    };
    let options = usvg::Options {
        font_family: "DejaVu Sans".to_owned(),
        fontdb: skrifter(),
        ..usvg::Options::default()
    };
    let tree = usvg::Tree::from_str(&svg, &options).ok()?;
    let size = tree.size().to_int_size();
    let mut pixmap = tiny_skia::Pixmap::new(
        (size.width() as f32 * SKALA).ceil() as u32,
        (size.height() as f32 * SKALA).ceil() as u32,
    )?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(SKALA, SKALA),
        &mut pixmap.as_mut(),
    );
    Some(Png {
        bytes: pixmap.encode_png().ok()?,
        bredde: size.width(),
        hoejde: size.height(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_inline_svg_becomes_a_png_twice_its_size() {
        let png = png(r##"<svg viewBox="0 0 40 20"><rect width="40" height="20" fill="#14365d"/><text x="2" y="15" font-size="12">Tema</text></svg>"##).unwrap();
        // The PNG signature, then the IHDR chunk with width and height (big-endian) at bytes 16–23.
        assert_eq!(&png.bytes[..8], b"\x89PNG\r\n\x1a\n");
        let w = u32::from_be_bytes(png.bytes[16..20].try_into().unwrap());
        let h = u32::from_be_bytes(png.bytes[20..24].try_into().unwrap());
        assert_eq!((png.bredde, png.hoejde, w, h), (40, 20, 80, 40));
    }

    #[test]
    fn what_is_no_svg_is_no_figure() {
        assert_eq!(png("<p>ikke en figur</p>"), None);
    }
}
