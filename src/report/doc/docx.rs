//! A [`Document`] as a Word file (.docx, Office Open XML), written with the `zip` crate the
//! workbook already uses rather than a .docx crate: the few parts a text document needs are
//! small, fixed XML, and writing them here keeps the styles under our control.
//!
//! What a clerk pasting chapters into the municipality's own template needs is real styles:
//! headings use Word's built-in `heading 1`–`heading 4` (so the template's own heading styles
//! and numbering take over on paste), the title `Title`, captions `caption`, tables the
//! built-in `Table Grid` with a repeated, bold header row; number columns are right-aligned.
//! Lists use Word numbering (bullets, or 1. 2. 3. restarting per list). A4 with 2,5 cm
//! margins; the document language is set so spelling and hyphenation follow it.
//!
//! A figure is its title (caption style), its chart as a PNG image (the SVG rasterised by
//! [`super::raster`]) with the figure's description as the image's alt text, and its data
//! table. A figure without a chart keeps its description as a paragraph.

use std::fmt::Write as _;
use std::io::{Cursor, Write};

use super::{Align, Block, Callout, Document, Inline, Table};
use crate::core::text::Lang;

/// Why a .docx could not be written (the zip writer failed; in memory this does not happen in
/// practice, but it is reported rather than unwrapped).
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("cannot write the Word file: {0}")]
    Zip(#[from] zip::result::ZipError),
    #[error("cannot write the Word file: {0}")]
    Io(#[from] std::io::Error),
    #[error("cannot draw a chart for the Word file: {0}")]
    Image(#[from] super::raster::RasterError),
}

/// The text width of an A4 page with 2,5 cm margins, in twentieths of a point.
const TEXT_WIDTH: u32 = 11_906 - 2 * 1_417;

/// The whole document as the bytes of a .docx file.
pub fn render(doc: &Document) -> Result<Vec<u8>, DocxError> {
    let mut body = Body::default();
    body.blocks(&doc.blocks, false);
    if let Some(e) = body.error.take() {
        return Err(e.into());
    }
    let lang = match doc.lang {
        Lang::Nl => "nl-NL",
        Lang::En => "en-GB",
    };
    let document = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" "#,
            r#"xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" "#,
            r#"xmlns:wp="http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing" "#,
            r#"xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" "#,
            r#"xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
            "<w:body>{}",
            r#"<w:sectPr><w:pgSz w:w="11906" w:h="16838"/>"#,
            r#"<w:pgMar w:top="1417" w:right="1417" w:bottom="1417" w:left="1417" w:header="708" w:footer="708" w:gutter="0"/>"#,
            "</w:sectPr></w:body></w:document>"
        ),
        body.xml
    );
    let mut numbering = String::from(NUMBERING_HEAD);
    for n in 0..body.ordered_lists {
        let _ = write!(
            numbering,
            r#"<w:num w:numId="{}"><w:abstractNumId w:val="1"/><w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>"#,
            n + 2
        );
    }
    numbering.push_str("</w:numbering>");
    let core = format!(
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
            r#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" "#,
            r#"xmlns:dc="http://purl.org/dc/elements/1.1/">"#,
            "<dc:title>{}</dc:title><dc:language>{}</dc:language><dc:creator>wolkwijzer</dc:creator>",
            "</cp:coreProperties>"
        ),
        esc(&doc.title),
        lang
    );
    let styles = STYLES.replace("{lang}", lang);
    let mut rels = String::from(DOCUMENT_RELS_HEAD);
    for n in 1..=body.images.len() {
        let _ = write!(
            rels,
            r#"<Relationship Id="rIdImage{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/figure{n}.png"/>"#
        );
    }
    rels.push_str("</Relationships>");

    let mut zip = zip::ZipWriter::new(Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, content) in [
        ("[Content_Types].xml", CONTENT_TYPES),
        ("_rels/.rels", ROOT_RELS),
        ("docProps/core.xml", core.as_str()),
        ("word/_rels/document.xml.rels", rels.as_str()),
        ("word/document.xml", document.as_str()),
        ("word/styles.xml", styles.as_str()),
        ("word/numbering.xml", numbering.as_str()),
    ] {
        zip.start_file(name, options)?;
        zip.write_all(content.as_bytes())?;
    }
    // PNG is compressed already.
    let stored = options.compression_method(zip::CompressionMethod::Stored);
    for (i, png) in body.images.iter().enumerate() {
        zip.start_file(format!("word/media/figure{}.png", i + 1), stored)?;
        zip.write_all(png)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// The body being written: its XML, and counters for bookmarks and numbered lists.
#[derive(Default)]
struct Body {
    xml: String,
    bookmarks: u32,
    ordered_lists: u32,
    /// The figures' PNG images, in order (`word/media/figureN.png`, relationship `rIdImageN`).
    images: Vec<Vec<u8>>,
    /// The first chart that could not be drawn; reported by [`render`].
    error: Option<super::raster::RasterError>,
}

impl Body {
    fn blocks(&mut self, blocks: &[Block], keep: bool) {
        let n = blocks.len();
        for (i, b) in blocks.iter().enumerate() {
            // Inside a keep-together group every block but the last keeps with the next.
            self.block(b, keep && i + 1 < n);
        }
    }

    fn block(&mut self, b: &Block, keep: bool) {
        let keep_xml = if keep { "<w:keepNext/>" } else { "" };
        match b {
            Block::Heading { level, text, id } => {
                let level = (*level).clamp(1, 4);
                let style = if level == 1 {
                    "Title".to_string()
                } else {
                    format!("Heading{}", level - 1)
                };
                let _ = write!(
                    self.xml,
                    r#"<w:p><w:pPr><w:pStyle w:val="{style}"/></w:pPr>"#
                );
                match id {
                    Some(id) => {
                        let n = self.bookmarks;
                        self.bookmarks += 1;
                        let _ = write!(
                            self.xml,
                            r#"<w:bookmarkStart w:id="{n}" w:name="{}"/>{}<w:bookmarkEnd w:id="{n}"/>"#,
                            esc(&bookmark(id)),
                            run(text, "")
                        );
                    }
                    None => self.xml.push_str(&run(text, "")),
                }
                self.xml.push_str("</w:p>");
            }
            Block::Para(runs) => {
                let _ = write!(
                    self.xml,
                    "<w:p><w:pPr>{keep_xml}</w:pPr>{}</w:p>",
                    inlines(runs, "")
                );
            }
            Block::List { ordered, items } => {
                let num = if *ordered {
                    self.ordered_lists += 1;
                    self.ordered_lists + 1
                } else {
                    1
                };
                for item in items {
                    let _ = write!(
                        self.xml,
                        r#"<w:p><w:pPr><w:pStyle w:val="ListParagraph"/>{keep_xml}<w:numPr><w:ilvl w:val="0"/><w:numId w:val="{num}"/></w:numPr></w:pPr>{}</w:p>"#,
                        inlines(item, "")
                    );
                }
            }
            Block::Table(t) => self.table(t, keep),
            Block::Figure(f) => {
                let _ = write!(
                    self.xml,
                    r#"<w:p><w:pPr><w:pStyle w:val="Caption"/><w:keepNext/></w:pPr>{}</w:p>"#,
                    run(&f.title, "")
                );
                match f.svg.as_deref().map(super::raster::png) {
                    Some(Ok(png)) => self.image(png, &f.title, &f.description),
                    Some(Err(e)) => {
                        self.error.get_or_insert(e);
                    }
                    None => {
                        let _ = write!(
                            self.xml,
                            r#"<w:p><w:pPr><w:keepNext/></w:pPr>{}</w:p>"#,
                            run(&f.description, "")
                        );
                    }
                }
                self.table(&f.data, keep);
            }
            Block::Pre(lines) => {
                for l in lines {
                    let _ = write!(
                        self.xml,
                        r#"<w:p><w:pPr><w:pStyle w:val="Code"/>{keep_xml}</w:pPr>{}</w:p>"#,
                        run(l, "")
                    );
                }
            }
            Block::Callout { kind, body } => {
                let style = match kind {
                    Callout::Warning => "Warning",
                    Callout::Info => "Note",
                };
                let _ = write!(
                    self.xml,
                    r#"<w:p><w:pPr><w:pStyle w:val="{style}"/>{keep_xml}</w:pPr>{}</w:p>"#,
                    inlines(body, "")
                );
            }
            Block::PageBreak => {
                self.xml
                    .push_str(r#"<w:p><w:r><w:br w:type="page"/></w:r></w:p>"#);
            }
            Block::Rule => {
                self.xml.push_str(
                    r#"<w:p><w:pPr><w:pBdr><w:bottom w:val="single" w:sz="6" w:space="1" w:color="C9D1DB"/></w:pBdr></w:pPr></w:p>"#,
                );
            }
            Block::KeepTogether(inner) => self.blocks(inner, true),
        }
    }

    /// A table in the `Table Grid` style: the header row repeats on every page and rows do not
    /// split; columns are as wide as their content asks (see [`column_widths`]). Wide tables
    /// (more than six columns) use a smaller font so they fit the A4 text width.
    /// A picture as wide as the text, kept with what follows (its data table), with `alt` as
    /// its description for screen readers.
    fn image(&mut self, png: super::raster::Png, name: &str, alt: &str) {
        self.images.push(png.bytes);
        let n = self.images.len();
        // EMU: 635 per twentieth of a point.
        let cx = u64::from(TEXT_WIDTH) * 635;
        let cy = cx * u64::from(png.height) / u64::from(png.width.max(1));
        let (name, alt) = (esc(name), esc(alt));
        let _ = write!(
            self.xml,
            concat!(
                r#"<w:p><w:pPr><w:keepNext/></w:pPr><w:r><w:drawing>"#,
                r#"<wp:inline distT="0" distB="0" distL="0" distR="0"><wp:extent cx="{cx}" cy="{cy}"/>"#,
                r#"<wp:docPr id="{n}" name="{name}" descr="{alt}"/>"#,
                r#"<wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/></wp:cNvGraphicFramePr>"#,
                r#"<a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/picture">"#,
                r#"<pic:pic><pic:nvPicPr><pic:cNvPr id="{n}" name="figure{n}.png" descr="{alt}"/><pic:cNvPicPr/></pic:nvPicPr>"#,
                r#"<pic:blipFill><a:blip r:embed="rIdImage{n}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>"#,
                r#"<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"><a:avLst/></a:prstGeom></pic:spPr>"#,
                r#"</pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing></w:r></w:p>"#
            ),
            cx = cx,
            cy = cy,
            n = n,
            name = name,
            alt = alt
        );
    }

    fn table(&mut self, t: &Table, keep: bool) {
        if let Some(c) = &t.caption {
            let _ = write!(
                self.xml,
                r#"<w:p><w:pPr><w:pStyle w:val="Caption"/><w:keepNext/></w:pPr>{}</w:p>"#,
                run(c, "")
            );
        }
        // The font size in half-points: smaller in a wide table.
        let half_points: u32 = if t.columns.len() > 6 { 15 } else { 18 };
        let widths = column_widths(t, half_points);
        let size = format!(r#"<w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>"#);
        let size = size.as_str();
        self.xml.push_str(concat!(
            r#"<w:tbl><w:tblPr><w:tblStyle w:val="TableGrid"/><w:tblW w:w="5000" w:type="pct"/>"#,
            r#"<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="0" w:lastColumn="0" w:noHBand="1" w:noVBand="1"/>"#,
            "</w:tblPr><w:tblGrid>"
        ));
        for w in &widths {
            let _ = write!(self.xml, r#"<w:gridCol w:w="{w}"/>"#);
        }
        self.xml.push_str("</w:tblGrid>");
        let keep_xml = if keep { "<w:keepNext/>" } else { "" };
        // The header row.
        self.xml
            .push_str("<w:tr><w:trPr><w:cantSplit/><w:tblHeader/></w:trPr>");
        for (c, w) in t.columns.iter().zip(&widths) {
            let _ = write!(
                self.xml,
                r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr><w:keepNext/>{}</w:pPr>{}</w:p></w:tc>"#,
                jc(c.align),
                run(&c.head, &format!("<w:b/>{size}"))
            );
        }
        self.xml.push_str("</w:tr>");
        for row in &t.rows {
            self.xml.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (i, (cell, w)) in row.iter().zip(&widths).enumerate() {
                let align = t.columns.get(i).map_or(Align::Left, |c| c.align);
                let _ = write!(
                    self.xml,
                    r#"<w:tc><w:tcPr><w:tcW w:w="{w}" w:type="dxa"/></w:tcPr><w:p><w:pPr>{keep_xml}{}</w:pPr>{}</w:p></w:tc>"#,
                    jc(align),
                    inlines(cell, size)
                );
            }
            self.xml.push_str("</w:tr>");
        }
        // A paragraph after the table keeps two tables apart (Word merges adjacent tables).
        self.xml.push_str("</w:tbl><w:p/>");
    }
}

/// Left plus right cell margin of the table style, in twips.
const CELL_MARGINS: u32 = 2 * 108;

/// Column widths (twips) over the A4 text width, in proportion to [`Table::column_weights`],
/// except that a number column is never narrower than its widest cell or head word at
/// `half_points` (so Word never breaks "Jaar" or a number in two); the text columns give up
/// the difference. A character is first reckoned 0.6 em wide (room to spare), then, when the
/// table does not fit, 0.55 and 0.52 em (Calibri's digits are 0.507 em). When the head words
/// do not fit even then, only head words up to 12, then 9 characters count ("Jaar" and
/// "Kasstroom" hold, "Exploitatiekosten" may break; a number never); when the numbers alone
/// need more than the page, all columns keep their proportions.
fn column_widths(t: &Table, half_points: u32) -> Vec<u32> {
    let weights = t.column_weights();
    let total: u32 = weights.iter().sum::<u32>().max(1);
    let proportional: Vec<u32> = weights.iter().map(|w| TEXT_WIDTH * w / total).collect();
    // (twips per character in tenths of an em-per-half-point, slack): an em is
    // `half_points * 10` twips, so 0.6 em is `half_points * 6`.
    for (head_cap, per_char_tenths, slack) in [
        (usize::MAX, 60, 40),
        (usize::MAX, 55, 20),
        (usize::MAX, 52, 0),
        (12, 52, 0),
        (9, 52, 0),
        (0, 52, 0),
    ] {
        let chars = t.number_min_chars(head_cap);
        let char_twips = half_points * per_char_tenths / 10;
        let minimum: Vec<Option<u32>> = chars
            .iter()
            .map(|n| {
                n.map(|n| {
                    n.saturating_mul(char_twips)
                        .saturating_add(CELL_MARGINS + slack)
                })
            })
            .collect();
        if let Some(w) = fit_minimum(&proportional, &weights, &minimum, char_twips) {
            return w;
        }
    }
    proportional
}

/// `proportional` with every number column raised to its `minimum`, the text columns sharing
/// what is left in proportion to their `weights`; `None` when that leaves a text column under
/// about six characters (it would break every word).
fn fit_minimum(
    proportional: &[u32],
    weights: &[u32],
    minimum: &[Option<u32>],
    char_twips: u32,
) -> Option<Vec<u32>> {
    let short = proportional
        .iter()
        .zip(minimum)
        .any(|(w, m)| m.is_some_and(|m| *w < m));
    if !short {
        return Some(proportional.to_vec());
    }
    let mut widths = proportional.to_vec();
    for (w, m) in widths.iter_mut().zip(minimum) {
        if let Some(m) = m {
            *w = (*w).max(*m);
        }
    }
    let sum_numbers = |widths: &[u32]| -> u32 {
        widths
            .iter()
            .zip(minimum)
            .filter(|(_, m)| m.is_some())
            .map(|(w, _)| *w)
            .sum()
    };
    if sum_numbers(&widths) > TEXT_WIDTH {
        // Their proportional share is too much: the number columns start from their minimum.
        for (w, m) in widths.iter_mut().zip(minimum) {
            if let Some(m) = m {
                *w = *m;
            }
        }
    }
    let numbers = sum_numbers(&widths);
    let text_columns = u32::try_from(minimum.iter().filter(|m| m.is_none()).count()).ok()?;
    let text_weight: u32 = weights
        .iter()
        .zip(minimum)
        .filter(|(_, m)| m.is_none())
        .map(|(w, _)| *w)
        .sum();
    let left = TEXT_WIDTH.checked_sub(numbers)?;
    if left < text_columns.saturating_mul(6 * char_twips + CELL_MARGINS) {
        return None;
    }
    if text_columns == 0 {
        // Only number columns: the room left over goes to them in proportion.
        let extra = left;
        let total: u32 = weights.iter().sum::<u32>().max(1);
        for (w, weight) in widths.iter_mut().zip(weights) {
            *w += extra * weight / total;
        }
        return Some(widths);
    }
    for ((w, m), weight) in widths.iter_mut().zip(minimum).zip(weights) {
        if m.is_none() {
            *w = left * weight / text_weight.max(1);
        }
    }
    Some(widths)
}

fn jc(align: Align) -> &'static str {
    match align {
        Align::Left => "",
        Align::Right => r#"<w:jc w:val="right"/>"#,
    }
}

/// A bookmark name: Word allows letters, digits and `_`, starting with a letter, at most 40.
fn bookmark(id: &str) -> String {
    let mut s: String = id
        .chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { '_' })
        .collect();
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        s.insert(0, 'h');
    }
    s.truncate(40);
    s
}

/// One run of text with run properties `props` (already XML).
fn run(text: &str, props: &str) -> String {
    let rpr = if props.is_empty() {
        String::new()
    } else {
        format!("<w:rPr>{props}</w:rPr>")
    };
    format!(
        r#"<w:r>{rpr}<w:t xml:space="preserve">{}</w:t></w:r>"#,
        esc(text)
    )
}

/// Inline runs; `base` are run properties every run gets (a table's font size).
fn inlines(runs: &[Inline], base: &str) -> String {
    let mut out = String::new();
    for r in runs {
        match r {
            Inline::Text(s) => out.push_str(&run(s, base)),
            Inline::Emph(s) => out.push_str(&run(s, &format!("<w:i/>{base}"))),
            Inline::Strong(s) => out.push_str(&run(s, &format!("<w:b/>{base}"))),
            Inline::Code(s) => out.push_str(&run(
                s,
                &format!(
                    r#"<w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/>{base}"#
                ),
            )),
            Inline::Break => out.push_str("<w:r><w:br/></w:r>"),
            Inline::Link { text, .. } | Inline::Status { text, .. } => {
                out.push_str(&run(text, base));
            }
            Inline::Anchor(_) => {}
        }
    }
    out
}

/// Escapes text for XML (as for HTML), a tab or line break as a space, dropping the other
/// control characters XML 1.0 does not allow.
fn esc(s: &str) -> String {
    let cleaned: String = s
        .chars()
        .filter_map(|c| match c {
            '\t' | '\n' | '\r' => Some(' '),
            c if (c as u32) < 0x20 => None,
            c => Some(c),
        })
        .collect();
    super::html::esc(&cleaned)
}

const CONTENT_TYPES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#,
    r#"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#,
    r#"<Default Extension="xml" ContentType="application/xml"/>"#,
    r#"<Default Extension="png" ContentType="image/png"/>"#,
    r#"<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>"#,
    r#"<Override PartName="/word/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml"/>"#,
    r#"<Override PartName="/word/numbering.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.numbering+xml"/>"#,
    r#"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#,
    "</Types>"
);

const ROOT_RELS: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#,
    "</Relationships>"
);

/// The document's relationships before the images' (appended by [`render`]).
const DOCUMENT_RELS_HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#,
    r#"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#,
    r#"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering" Target="numbering.xml"/>"#,
);

/// Bullets (abstract 0, num 1) and decimal numbering (abstract 1; one num per ordered list,
/// appended by [`render`], so each list starts at 1).
const NUMBERING_HEAD: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:numbering xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:abstractNum w:abstractNumId="0"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="bullet"/><w:lvlText w:val="•"/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>"#,
    r#"<w:abstractNum w:abstractNumId="1"><w:multiLevelType w:val="singleLevel"/><w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/><w:lvlJc w:val="left"/><w:pPr><w:ind w:left="360" w:hanging="360"/></w:pPr></w:lvl></w:abstractNum>"#,
    r#"<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>"#
);

/// The styles: Word's built-in names (`Normal`, `Title`, `heading 1`–`3`, `caption`,
/// `List Paragraph`, `Table Grid`) so a template's own styles take over on paste, plus three
/// of ours (`Warning`, `Note`, `Code`). `{lang}` is replaced by the document language.
const STYLES: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"#,
    r#"<w:styles xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">"#,
    r#"<w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri" w:eastAsia="Calibri" w:cs="Calibri"/><w:sz w:val="21"/><w:szCs w:val="21"/><w:lang w:val="{lang}"/></w:rPr></w:rPrDefault>"#,
    r#"<w:pPrDefault><w:pPr><w:spacing w:after="120" w:line="264" w:lineRule="auto"/></w:pPr></w:pPrDefault></w:docDefaults>"#,
    r#"<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/><w:qFormat/></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Title"><w:name w:val="Title"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:after="240"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:color w:val="17375E"/><w:sz w:val="40"/><w:szCs w:val="40"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading1"><w:name w:val="heading 1"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:pBdr><w:bottom w:val="single" w:sz="12" w:space="2" w:color="17375E"/></w:pBdr><w:spacing w:before="360" w:after="120"/><w:outlineLvl w:val="0"/></w:pPr><w:rPr><w:b/><w:color w:val="17375E"/><w:sz w:val="30"/><w:szCs w:val="30"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading2"><w:name w:val="heading 2"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="240" w:after="80"/><w:outlineLvl w:val="1"/></w:pPr><w:rPr><w:b/><w:color w:val="17375E"/><w:sz w:val="25"/><w:szCs w:val="25"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Heading3"><w:name w:val="heading 3"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:keepLines/><w:spacing w:before="200" w:after="60"/><w:outlineLvl w:val="2"/></w:pPr><w:rPr><w:b/><w:color w:val="17375E"/><w:sz w:val="22"/><w:szCs w:val="22"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="Caption"><w:name w:val="caption"/><w:basedOn w:val="Normal"/><w:next w:val="Normal"/><w:qFormat/><w:pPr><w:keepNext/><w:spacing w:before="120" w:after="60"/></w:pPr><w:rPr><w:b/><w:color w:val="17375E"/><w:sz w:val="19"/><w:szCs w:val="19"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:styleId="ListParagraph"><w:name w:val="List Paragraph"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="60"/><w:ind w:left="720"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="Warning"><w:name w:val="Warning"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:pBdr><w:left w:val="single" w:sz="24" w:space="6" w:color="B45309"/></w:pBdr><w:ind w:left="180"/></w:pPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="Note"><w:name w:val="Note"/><w:basedOn w:val="Normal"/><w:qFormat/><w:rPr><w:color w:val="4A5563"/></w:rPr></w:style>"#,
    r#"<w:style w:type="paragraph" w:customStyle="1" w:styleId="Code"><w:name w:val="Code"/><w:basedOn w:val="Normal"/><w:qFormat/><w:pPr><w:spacing w:after="0"/></w:pPr><w:rPr><w:rFonts w:ascii="Consolas" w:hAnsi="Consolas" w:cs="Consolas"/><w:sz w:val="18"/><w:szCs w:val="18"/></w:rPr></w:style>"#,
    r#"<w:style w:type="table" w:default="1" w:styleId="TableNormal"><w:name w:val="Normal Table"/><w:tblPr><w:tblInd w:w="0" w:type="dxa"/><w:tblCellMar><w:top w:w="0" w:type="dxa"/><w:left w:w="108" w:type="dxa"/><w:bottom w:w="0" w:type="dxa"/><w:right w:w="108" w:type="dxa"/></w:tblCellMar></w:tblPr></w:style>"#,
    r#"<w:style w:type="table" w:styleId="TableGrid"><w:name w:val="Table Grid"/><w:basedOn w:val="TableNormal"/><w:pPr><w:spacing w:before="20" w:after="20" w:line="240" w:lineRule="auto"/></w:pPr>"#,
    r#"<w:tblPr><w:tblBorders><w:top w:val="single" w:sz="4" w:space="0" w:color="C9D1DB"/><w:left w:val="single" w:sz="4" w:space="0" w:color="C9D1DB"/><w:bottom w:val="single" w:sz="4" w:space="0" w:color="C9D1DB"/><w:right w:val="single" w:sz="4" w:space="0" w:color="C9D1DB"/><w:insideH w:val="single" w:sz="4" w:space="0" w:color="C9D1DB"/><w:insideV w:val="single" w:sz="4" w:space="0" w:color="C9D1DB"/></w:tblBorders></w:tblPr>"#,
    r#"<w:tblStylePr w:type="firstRow"><w:rPr><w:b/><w:color w:val="17375E"/></w:rPr><w:tcPr><w:shd w:val="clear" w:color="auto" w:fill="EEF2F7"/></w:tcPr></w:tblStylePr></w:style>"#,
    "</w:styles>"
);

#[cfg(test)]
mod tests {
    use super::super::{Column, anchored, para, plain};
    use super::*;
    use std::io::Read;

    #[test]
    fn number_columns_take_their_width_from_the_prose_columns() {
        let mut t = Table::new(vec![
            Column::text("Toelichting"),
            Column::number("Jaar"),
            Column::number("Kasstroom"),
        ]);
        let prose = "een lange toelichting die over meerdere regels loopt ".repeat(3);
        t.row(vec![prose, "2027".into(), "EUR 1.234.567,50".into()]);
        let w = column_widths(&t, 18);
        assert!(w.iter().sum::<u32>() <= TEXT_WIDTH);
        assert!(w[1] >= 4 * 108 + CELL_MARGINS, "{w:?}");
        assert!(w[2] >= 16 * 108 + CELL_MARGINS, "{w:?}");
        assert!(w[0] > w[2], "{w:?}");
    }

    #[test]
    fn number_columns_too_wide_for_the_page_keep_their_proportions() {
        let cols = (0..12).map(|i| Column::number(format!("K{i}"))).collect();
        let mut t = Table::new(cols);
        t.row(
            (0..12)
                .map(|_| "EUR 1.234.567.890,50".to_string())
                .collect(),
        );
        let w = column_widths(&t, 15);
        assert!(w.iter().sum::<u32>() <= TEXT_WIDTH);
        assert!(w.windows(2).all(|p| p[0] == p[1]), "{w:?}");
    }

    fn part(bytes: &[u8], name: &str) -> String {
        let mut zip = zip::ZipArchive::new(Cursor::new(bytes)).expect("a zip");
        let mut s = String::new();
        zip.by_name(name)
            .expect("part present")
            .read_to_string(&mut s)
            .expect("utf-8");
        s
    }

    #[test]
    fn headings_use_word_styles_and_tables_the_table_grid() {
        let mut d = Document::new("Nota & co", Lang::Nl);
        d.push(anchored(1, "Vraag", "vraag"));
        d.push(anchored(2, "Beslispunten", "beslispunten"));
        d.push(Block::List {
            ordered: true,
            items: vec![plain("In te stemmen <met>")],
        });
        let mut t = Table::new(vec![Column::text("Kandidaat"), Column::number("Totaal")]);
        t.row(vec!["SSC".into(), "7,24".into()]);
        d.table(t);
        d.push(para("slot"));
        let bytes = render(&d).expect("rendered");
        let doc = part(&bytes, "word/document.xml");
        assert!(doc.contains(r#"<w:pStyle w:val="Title"/>"#));
        assert!(
            doc.contains(r#"<w:pStyle w:val="Heading1"/><"#)
                || doc.contains(r#"<w:pStyle w:val="Heading1"/></w:pPr>"#)
        );
        assert!(doc.contains(r#"w:name="beslispunten""#));
        assert!(doc.contains("In te stemmen &lt;met&gt;"));
        assert!(doc.contains(r#"<w:tblStyle w:val="TableGrid"/>"#));
        assert!(doc.contains("<w:tblHeader/>"));
        assert!(
            doc.contains(r#"<w:jc w:val="right"/>"#),
            "number column aligned right"
        );
        assert!(
            doc.contains(r#"<w:numId w:val="2"/>"#),
            "the first ordered list"
        );
        let styles = part(&bytes, "word/styles.xml");
        assert!(styles.contains(r#"<w:name w:val="heading 1"/>"#));
        assert!(styles.contains(r#"<w:lang w:val="nl-NL"/>"#));
        assert!(part(&bytes, "docProps/core.xml").contains("Nota &amp; co"));
        assert!(part(&bytes, "word/numbering.xml").contains(r#"<w:num w:numId="2">"#));
    }

    #[test]
    fn bookmark_names_are_word_safe() {
        assert_eq!(bookmark("h-vraag"), "h_vraag");
        assert_eq!(bookmark("1-bijlage"), "h1_bijlage");
        assert_eq!(bookmark(&"x".repeat(50)).len(), 40);
    }
}
