//! `report --format docx`: the decision note as a Word file.
//!
//! - The structure (no LibreOffice needed): the parts of the package, Word's built-in heading
//!   and table styles, the repeated header row, right-aligned number columns.
//! - The real consumer: the .docx note of every shipped profile is converted to PDF by
//!   LibreOffice Writer (headless, a fresh profile) and read back with `pdftotext`: every
//!   chapter heading of the council front matter and every annex heading is there, in order,
//!   with the leader's total, the runner-up's, and the inhabitants as the JSON note has them.
//!
//! - The charts: every figure of the note is a PNG in `word/media`, related from the document,
//!   drawn inline with the figure's description as its alt text, its data table after it; in
//!   LibreOffice's PDF `pdfimages -list` finds one image per figure.
//!
//! Without `soffice`/`pdftotext` the conversion test skips with a message, except under
//! `CI=true`, where it fails (CI installs libreoffice-writer-nogui and poppler-utils).
//! `WOLKWIJZER_KEEP_RENDERS=DIR` keeps the PDFs to look at.
#![allow(clippy::unwrap_used)] // tests may unwrap; the program may not (Cargo.toml [lints])

mod common;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command as Process;

use assert_cmd::Command;
use wolkwijzer::core::text::Lang;
use wolkwijzer::report::doc::{Block, Figure};
use wolkwijzer::report::note::document;
use wolkwijzer::report::number;

fn bin() -> Command {
    let mut c = Command::cargo_bin("wolkwijzer").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn write_docx(profile: &Path, lang: Lang, out: &Path) {
    bin()
        .args(["report", "--format", "docx", "--lang", lang.code(), "-p"])
        .arg(profile)
        .arg("-o")
        .arg(out)
        .assert()
        .success()
        .stdout("");
}

fn part(docx: &Path, name: &str) -> String {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(docx).unwrap()).unwrap();
    let mut s = String::new();
    zip.by_name(name).unwrap().read_to_string(&mut s).unwrap();
    s
}

#[test]
fn the_word_file_uses_word_styles_for_headings_and_tables() {
    let dir = tempfile::tempdir().unwrap();
    let path = common::shipped_profiles()[0].clone();
    let out = dir.path().join("note.docx");
    write_docx(&path, Lang::Nl, &out);
    let doc = part(&out, "word/document.xml");
    let styles = part(&out, "word/styles.xml");
    // The title, chapters (heading 1) and their sections (heading 2, 3).
    for style in ["Title", "Heading1", "Heading2", "Heading3"] {
        assert!(
            doc.contains(&format!(r#"<w:pStyle w:val="{style}"/>"#)),
            "{style}"
        );
    }
    for name in [
        "heading 1",
        "heading 2",
        "heading 3",
        "Table Grid",
        "caption",
    ] {
        assert!(
            styles.contains(&format!(r#"<w:name w:val="{name}"/>"#)),
            "{name}"
        );
    }
    assert!(styles.contains(r#"<w:lang w:val="nl-NL"/>"#));
    assert!(doc.contains(r#"<w:tblStyle w:val="TableGrid"/>"#));
    assert!(
        doc.contains("<w:tblHeader/>"),
        "header rows repeat on a new page"
    );
    assert!(
        doc.contains(r#"<w:jc w:val="right"/>"#),
        "number columns align right"
    );
    assert!(
        doc.contains(r#"<w:numId w:val="2"/>"#),
        "the beslispunten are numbered"
    );
    assert!(
        doc.contains(r#"<w:br w:type="page"/>"#),
        "annexes start on a new page"
    );
    assert!(
        doc.contains(r#"w:name="beslispunten""#),
        "chapters carry bookmarks"
    );
    // The content types declare every part the package holds.
    let types = part(&out, "[Content_Types].xml");
    for p in [
        "/word/document.xml",
        "/word/styles.xml",
        "/word/numbering.xml",
    ] {
        assert!(types.contains(p), "{p}");
    }
}

/// The figures of a note's document, in order.
fn figures(note: &wolkwijzer::report::note::Note) -> Vec<Figure> {
    fn walk(blocks: &[Block], out: &mut Vec<Figure>) {
        for b in blocks {
            match b {
                Block::Figure(f) => out.push(f.clone()),
                Block::KeepTogether(inner) => walk(inner, out),
                _ => {}
            }
        }
    }
    let mut out = vec![];
    walk(&document::document(note).blocks, &mut out);
    out
}

/// XML text escaping as the Word writer does it.
fn xml_text(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
        .replace('\'', "&#39;")
}

#[test]
fn every_chart_is_an_image_with_its_description_as_alt_text_and_its_table_after_it() {
    let dir = tempfile::tempdir().unwrap();
    for path in common::shipped_profiles() {
        let note = common::note(&path, Lang::Nl);
        let figs = figures(&note);
        // Ranking, layers, landscape, and a cash-flow chart per scenario.
        let scenarios = note.business_case.as_ref().map_or(0, |b| b.scenarios.len());
        assert_eq!(figs.len(), 3 + scenarios, "{}", path.display());
        let out = dir.path().join("note.docx");
        let _ = std::fs::remove_file(&out);
        write_docx(&path, Lang::Nl, &out);
        let doc = part(&out, "word/document.xml");
        let rels = part(&out, "word/_rels/document.xml.rels");
        assert!(part(&out, "[Content_Types].xml").contains(r#"Extension="png""#));
        let mut zip = zip::ZipArchive::new(std::fs::File::open(&out).unwrap()).unwrap();
        let mut from = 0;
        for (i, f) in figs.iter().enumerate() {
            let n = i + 1;
            let mut png = vec![];
            zip.by_name(&format!("word/media/figure{n}.png"))
                .unwrap()
                .read_to_end(&mut png)
                .unwrap();
            assert!(png.starts_with(b"\x89PNG"), "figure {n} is a PNG");
            assert!(
                png.len() > 5_000,
                "figure {n} is drawn ({} bytes)",
                png.len()
            );
            assert!(rels.contains(&format!(
                r#"Id="rIdImage{n}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="media/figure{n}.png""#
            )));
            // In order: the caption, the picture with its alt text, then the data table's
            // first column head.
            let caption = xml_text(&f.title);
            let alt = format!(r#"descr="{}""#, xml_text(&f.description));
            let head = xml_text(&f.data.columns[0].head);
            for (what, needle) in [
                ("caption", caption.as_str()),
                ("alt text", alt.as_str()),
                ("embed", &format!(r#"r:embed="rIdImage{n}""#)),
                ("data table", head.as_str()),
            ] {
                match doc[from..].find(needle) {
                    Some(at) => from += at + needle.len(),
                    None => panic!(
                        "{}: figure {n}: {what} {needle:?} not after the previous part",
                        path.display()
                    ),
                }
            }
        }
        assert!(
            zip.by_name(&format!("word/media/figure{}.png", figs.len() + 1))
                .is_err(),
            "one image per figure"
        );
    }
}

/// The text of a piece of document XML: the contents of its `<w:t>` runs, unescaped.
fn runs_of(xml: &str) -> String {
    let mut out = String::new();
    for piece in xml.split("<w:t").skip(1) {
        // `<w:t>` or `<w:t xml:space=…>`, not `<w:tbl>`, `<w:tr>`, `<w:tc>`.
        if !(piece.starts_with('>') || piece.starts_with(' ')) {
            continue;
        }
        let Some(start) = piece.find('>') else {
            continue;
        };
        let body = &piece[start + 1..];
        let end = body.find("</w:t>").unwrap_or(body.len());
        out.push_str(&body[..end]);
    }
    out.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

/// The value of attribute `attr` in the first `tag` in `xml`.
fn attr<'a>(xml: &'a str, tag: &str, attr: &str) -> Option<&'a str> {
    let at = xml.find(tag)?;
    let rest = &xml[at..];
    let v = rest.find(&format!("{attr}=\""))? + attr.len() + 2;
    let len = rest[v..].find('"')?;
    Some(&rest[v..v + len])
}

#[test]
fn no_number_column_in_word_is_narrower_than_its_longest_cell_or_head_word() {
    // Word breaks a cell's text where the column is too narrow ("Jaa|r", "Kasstroo|m"). A
    // digit or letter of the table font is at least half an em wide (Calibri: 0.507 em), so a
    // number column needs `chars × size / 2` plus the style's two 108-twip cell margins.
    let dir = tempfile::tempdir().unwrap();
    let profile = Path::new(env!("CARGO_MANIFEST_DIR")).join("profiles/grote-gemeente.toml");
    for lang in [Lang::Nl, Lang::En] {
        let out = dir.path().join(format!("note-{}.docx", lang.code()));
        write_docx(&profile, lang, &out);
        let xml = part(&out, "word/document.xml");
        let (mut checked, mut heads_checked) = (0, 0);
        for table in xml.split("<w:tbl>").skip(1) {
            let table = &table[..table.find("</w:tbl>").unwrap()];
            let grid: Vec<u32> = table
                .split("<w:gridCol ")
                .skip(1)
                .map(|g| attr(g, "", "w:w").unwrap().parse().unwrap())
                .collect();
            // Half-points: the em is `half_points * 10` twips.
            let half_points: u32 = attr(table, "<w:sz ", "w:val").unwrap().parse().unwrap();
            // Per column: the longest cell line, the longest head word.
            let mut cell_need = vec![0u32; grid.len()];
            let mut head_need = vec![0u32; grid.len()];
            let mut number = vec![false; grid.len()];
            for (r, row) in table.split("<w:tr>").skip(1).enumerate() {
                for (i, cell) in row.split("<w:tc>").skip(1).enumerate() {
                    if cell.contains(r#"<w:jc w:val="right"/>"#) {
                        number[i] = true;
                    }
                    // A head may wrap between its words; a number cell may not wrap at all
                    // (only where it has a line break).
                    let chars = cell
                        .split("<w:br/>")
                        .map(runs_of)
                        .flat_map(|line| {
                            if r == 0 {
                                line.split_whitespace().map(|w| w.chars().count()).collect()
                            } else {
                                vec![line.chars().count()]
                            }
                        })
                        .max()
                        .unwrap_or(0);
                    let chars = u32::try_from(chars).unwrap();
                    let need = if r == 0 {
                        &mut head_need
                    } else {
                        &mut cell_need
                    };
                    need[i] = need[i].max(chars);
                }
            }
            let twips = |chars: u32| chars * half_points * 10 / 2 + 2 * 108;
            // The head words count where the number columns can hold them on the page at
            // 0.52 em a character (the writer's tightest reckoning). The business case's
            // "Exploitatiekosten" in a nine-column table cannot be held: there the head words
            // up to nine letters ("Jaar", "Kasstroom") must still hold, and every number.
            let numbers = (0..grid.len()).filter(|&i| number[i]);
            let with_heads: u32 = numbers
                .clone()
                .map(|i| cell_need[i].max(head_need[i]) * half_points * 52 / 10 + 2 * 108)
                .sum();
            let heads = with_heads <= grid.iter().sum::<u32>();
            for i in numbers {
                let chars = if heads || head_need[i] <= 9 {
                    cell_need[i].max(head_need[i])
                } else {
                    cell_need[i]
                };
                let min = twips(chars);
                assert!(
                    grid[i] >= min,
                    "{}: column {i} of a table is {} twips, its longest cell{} ({chars} \
                     characters at {half_points} half-points) needs {min}: widths {grid:?}, \
                     cells {cell_need:?}, head words {head_need:?}",
                    lang.code(),
                    grid[i],
                    if heads { " or head word" } else { "" },
                );
                checked += 1;
                heads_checked += usize::from(heads && head_need[i] > cell_need[i]);
            }
        }
        assert!(checked > 10, "only {checked} number columns found");
        assert!(heads_checked > 3, "only {heads_checked} head words checked");
    }
}

#[test]
fn an_existing_file_is_refused_without_force_and_replaced_with_it() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("note.docx");
    std::fs::write(&out, b"the clerk's own edits").unwrap();
    let assert = bin()
        .args(["report", "--format", "docx", "-o"])
        .arg(&out)
        .assert()
        .code(1);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("note.docx"), "{stderr}");
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read(&out).unwrap(), b"the clerk's own edits");
    bin()
        .args(["report", "--format", "docx", "--force", "-o"])
        .arg(&out)
        .assert()
        .success();
    assert!(part(&out, "word/document.xml").contains("<w:body>"));
    // No temporary file is left beside it.
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert_eq!(left.len(), 1);
}

#[test]
fn a_word_file_is_not_written_to_the_terminal() {
    let assert = bin().args(["report", "--format", "docx"]).assert().code(2);
    let stderr = String::from_utf8(assert.get_output().stderr.clone()).unwrap();
    assert!(stderr.contains("-o FILE"), "{stderr}");
    assert!(assert.get_output().stdout.is_empty());
}

/// Whether LibreOffice has its Writer component (the package libreoffice-writer-nogui):
/// without it, `soffice --convert-to pdf` of a .docx fails with "source file could not be
/// loaded".
fn has_writer(soffice: &Path) -> bool {
    let program = soffice
        .canonicalize()
        .ok()
        .and_then(|p| p.parent().map(Path::to_path_buf));
    let found = program.is_some_and(|d| d.join("libswlo.so").exists())
        || Path::new("/usr/lib/libreoffice/program/libswlo.so").exists();
    if !found {
        assert!(
            !common::on_ci(),
            "CI=true but LibreOffice Writer is not installed (apt-get install libreoffice-writer-nogui)"
        );
        eprintln!(
            "skipping: LibreOffice Writer not found (apt-get install libreoffice-writer-nogui)"
        );
    }
    found
}

/// Whitespace folded to single spaces, so a heading broken over two lines still matches.
fn folded(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[test]
fn libreoffice_reads_the_note_of_every_profile_with_its_chapters_and_numbers() {
    let Some(soffice) = common::tool("soffice", "libreoffice-writer-nogui") else {
        return;
    };
    let Some(pdftotext) = common::tool("pdftotext", "poppler-utils") else {
        return;
    };
    let Some(pdfimages) = common::tool("pdfimages", "poppler-utils") else {
        return;
    };
    if !has_writer(&soffice) {
        return;
    }
    let dir = tempfile::tempdir().unwrap();
    let mut cases = vec![];
    for path in common::shipped_profiles() {
        for lang in [Lang::Nl, Lang::En] {
            let stem = path.file_stem().unwrap().to_string_lossy().into_owned();
            let out = dir.path().join(format!("{stem}-{}.docx", lang.code()));
            write_docx(&path, lang, &out);
            // The note as `report -p PATH` builds it, with the profile's portfolio.
            let note =
                common::note_with_portfolio(&path, lang, wolkwijzer::cli::portfolio::today())
                    .unwrap();
            cases.push((out, note));
        }
    }
    let pdf_dir = dir.path().join("pdf");
    let status = Process::new(&soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            dir.path().join("lo-profile").display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(&pdf_dir)
        .args(cases.iter().map(|(p, _)| p))
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    for (docx, note) in &cases {
        let lang = note.language();
        let pdf = pdf_dir.join(docx.with_extension("pdf").file_name().unwrap());
        assert!(pdf.exists(), "{} was not converted", docx.display());
        let out = Process::new(&pdftotext)
            .arg(&pdf)
            .arg("-")
            .output()
            .unwrap();
        assert!(out.status.success());
        let text = folded(&String::from_utf8_lossy(&out.stdout));
        // Every chapter heading, in order (the level-2 headings of the document).
        let mut from = 0;
        for (level, heading) in document::document(note).headings() {
            if level != 2 {
                continue;
            }
            let h = folded(&heading);
            match text[from..].find(&h) {
                Some(i) => from += i + h.len(),
                None => panic!("{}: heading {h:?} missing or out of order", docx.display()),
            }
        }
        // A few numbers, as the note's data has them.
        let leader = &note.ranking[0];
        let runner = &note.ranking[1];
        for n in [
            number::score(leader.total, lang),
            number::score(runner.total, lang),
            number::integer(note.subject.total_inhabitants, lang),
        ] {
            assert!(text.contains(&n), "{}: {n} missing", docx.display());
        }
        assert!(text.contains(&folded(&leader.candidate.name)));
        // The charts came through as pictures: one image per figure.
        let list = Process::new(&pdfimages)
            .arg("-list")
            .arg(&pdf)
            .output()
            .unwrap();
        assert!(list.status.success());
        let list = String::from_utf8_lossy(&list.stdout);
        // Two header lines, then a line per image and per soft mask (its alpha channel).
        let images = list
            .lines()
            .skip(2)
            .filter(|l| l.split_whitespace().nth(2) == Some("image"))
            .count();
        assert_eq!(
            images,
            figures(note).len(),
            "{}: images in the PDF:\n{list}",
            docx.display()
        );
    }
    if let Some(keep) = std::env::var_os("WOLKWIJZER_KEEP_RENDERS") {
        let keep = PathBuf::from(keep);
        std::fs::create_dir_all(&keep).unwrap();
        for e in std::fs::read_dir(&pdf_dir).unwrap() {
            let p = e.unwrap().path();
            std::fs::copy(&p, keep.join(p.file_name().unwrap())).unwrap();
        }
    }
}
