//! A figure's SVG as a PNG image, for formats that cannot show SVG (the Word note).
//!
//! The SVG is rendered with `resvg` at twice its size (sharp when printed), on white. Its text
//! uses DejaVu Sans Condensed (close to the widths of the HTML note's Arial-like fonts),
//! embedded in the binary (a subset, see `assets/fonts/README.md`), so the picture is the same
//! on every machine and needs no system font. The SVG must be self-contained: its styles in
//! its own `<style>` (as `report::note::svg` writes them).

use std::sync::{Arc, OnceLock};

/// The embedded fonts: regular and bold.
const FONTS: [&[u8]; 2] = [
    include_bytes!("../../../assets/fonts/DejaVuSansCondensed-subset.ttf"),
    include_bytes!("../../../assets/fonts/DejaVuSansCondensed-Bold-subset.ttf"),
];

/// The family name of the embedded fonts, used for all text in a chart.
const FAMILY: &str = "DejaVu Sans Condensed";

/// How many pixels per SVG user unit.
const SCALE: f32 = 2.0;

/// A rendered image: PNG bytes and its size in pixels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Png {
    pub bytes: Vec<u8>,
    pub width: u32,
    pub height: u32,
}

/// Why an SVG could not be rasterised.
#[derive(Debug, thiserror::Error)]
pub enum RasterError {
    #[error("the chart is not valid SVG: {0}")]
    Svg(#[from] resvg::usvg::Error),
    #[error("the chart has no size ({width} × {height})")]
    Size { width: f32, height: f32 },
    #[error("the chart cannot be written as PNG: {0}")]
    Png(String),
}

fn fonts() -> Arc<resvg::usvg::fontdb::Database> {
    static DB: OnceLock<Arc<resvg::usvg::fontdb::Database>> = OnceLock::new();
    DB.get_or_init(|| {
        let mut db = resvg::usvg::fontdb::Database::new();
        for f in FONTS {
            db.load_font_data(f.to_vec());
        }
        db.set_sans_serif_family(FAMILY);
        Arc::new(db)
    })
    .clone()
}

/// An SVG as a PNG at twice its size, on white.
pub fn png(svg: &str) -> Result<Png, RasterError> {
    let opt = resvg::usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fonts(),
        ..Default::default()
    };
    let tree = resvg::usvg::Tree::from_str(svg, &opt)?;
    let size = tree.size();
    let (w, h) = (size.width() * SCALE, size.height() * SCALE);
    let too_big = |v: f32| !(1.0..=20_000.0).contains(&v.ceil());
    if too_big(w) || too_big(h) {
        return Err(RasterError::Size {
            width: size.width(),
            height: size.height(),
        });
    }
    // Checked above: both are whole numbers from 1 to 20 000.
    let (width, height) = (w.ceil() as u32, h.ceil() as u32);
    let mut pixmap = resvg::tiny_skia::Pixmap::new(width, height).ok_or(RasterError::Size {
        width: size.width(),
        height: size.height(),
    })?;
    pixmap.fill(resvg::tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        resvg::tiny_skia::Transform::from_scale(SCALE, SCALE),
        &mut pixmap.as_mut(),
    );
    // Opaque (drawn on white), so the premultiplied RGBA is plain RGB: drop the alpha and
    // compress fast (fdeflate); the default level costs ten times as long for a few percent.
    let rgb: Vec<u8> = pixmap
        .data()
        .chunks_exact(4)
        .flat_map(|p| [p[0], p[1], p[2]])
        .collect();
    let mut bytes = Vec::with_capacity(rgb.len() / 8);
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgb);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_compression(png::Compression::Fast);
    encoder
        .write_header()
        .and_then(|mut w| w.write_image_data(&rgb))
        .map_err(|e| RasterError::Png(e.to_string()))?;
    Ok(Png {
        bytes,
        width,
        height,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const SVG: &str = r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 40" width="100%"><style>.t { font-size: 20px; fill: #000; }</style><text class="t" x="10" y="28">Kasstroom €</text></svg>"##;

    #[test]
    fn text_renders_with_the_embedded_font() {
        let p = png(SVG).unwrap();
        assert!(p.bytes.starts_with(b"\x89PNG"));
        assert_eq!((p.width, p.height), (400, 80));
        // The text drew dark pixels: decode the PNG and count them.
        let img = resvg::tiny_skia::Pixmap::decode_png(&p.bytes).unwrap();
        let dark = img
            .pixels()
            .iter()
            .filter(|px| px.red() < 100 && px.alpha() > 200)
            .count();
        assert!(
            dark > 200,
            "only {dark} dark pixels: the text did not render"
        );
    }

    #[test]
    fn broken_svg_is_an_error_not_a_panic() {
        assert!(matches!(png("<svg"), Err(RasterError::Svg(_))));
        let empty = r#"<svg xmlns="http://www.w3.org/2000/svg" width="0" height="0"></svg>"#;
        assert!(png(empty).is_err());
    }
}
