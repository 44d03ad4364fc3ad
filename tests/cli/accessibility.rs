//! What a manual accessibility review checks beyond the PDF/UA rules, read from the structure
//! tree and the content streams: row headers, the title heading, paragraphs, copied text, alt
//! texts, bullets, the table of contents' links, drafts, and a colour-free cue in the org chart.

use perspektiv::render::view::calendar_view;
use perspektiv::sources::index::Index;
use perspektiv::sources::{self, DirTree, Sources};

use crate::support::{Project, assert_conforms, pdf_text};
use crate::tagged::Tagged;

/// The sources of a year of a project.
fn load(p: &Project, year: i32) -> Sources {
    sources::load(&DirTree::new(p.path("sources")), year)
        .unwrap_or_else(|_| panic!("the {year} sources load"))
        .0
}

/// The months of every calendar, as the calendars label their rows.
fn months(s: &Sources) -> Vec<String> {
    s.appendices
        .data
        .calendar
        .iter()
        .flat_map(|c| calendar_view(&Index::new(s), c).rows)
        .map(|r| r.month)
        .collect()
}

/// The names the org chart gives the bodies financed by state initiatives.
fn state_financed(s: &Sources) -> Vec<String> {
    s.groups
        .data
        .group
        .iter()
        .filter(|g| g.state_financed && g.in_chart)
        .map(|g| g.chart_label.clone().unwrap_or_else(|| g.name.clone()))
        .collect()
}

/// The texts of the row headers (TH with Scope Row).
fn row_headers(t: &Tagged) -> Vec<&str> {
    t.of_kind("TH")
        .filter(|e| e.attribute("Table", "Scope") == Some("Row"))
        .map(|e| e.text.as_str())
        .collect()
}

/// Checks every output shares: the first heading is an H1 on page 1 with `title`; block-level
/// text is never a span directly under the document, and captions hold paragraphs; every
/// Figure has an alternative text; bullets are discs; link descriptions are trimmed; the
/// document opens with its bookmarks and names the registry of its output condition.
#[track_caller]
pub(crate) fn audit_common(t: &Tagged, title: &str) {
    let first_heading = t
        .elements
        .iter()
        .find(|e| e.kind.len() == 2 && e.kind.starts_with('H') && e.kind != "TH")
        .expect("a heading");
    assert_eq!((first_heading.kind.as_str(), first_heading.page), ("H1", Some(0)));
    assert_eq!(first_heading.text, title);

    let (document, _) = t.elements.iter().enumerate().find(|(_, e)| e.parent.is_none()).expect("a root");
    let spans: Vec<&str> =
        t.children(document).filter(|e| e.kind == "Span").map(|e| e.text.as_str()).collect();
    assert!(spans.is_empty(), "block-level text as a span: {spans:?}");
    for (i, caption) in t.elements.iter().enumerate().filter(|(_, e)| e.kind == "Caption") {
        let kinds: Vec<&str> = t.children(i).map(|e| e.kind.as_str()).collect();
        assert_eq!(kinds, ["P"], "caption {:?}", caption.text);
    }

    for figure in t.of_kind("Figure") {
        let alt = figure.alt.as_deref().unwrap_or("").trim();
        assert!(!alt.is_empty(), "a Figure without alternative text on page {:?}", figure.page);
    }

    let bullet_lists: Vec<&str> = t
        .elements
        .iter()
        .enumerate()
        .filter(|(_, e)| e.kind == "L")
        .filter(|(i, _)| t.children(*i).any(|li| li.text.starts_with('•')))
        .filter_map(|(_, e)| e.attribute("List", "ListNumbering"))
        .collect();
    assert!(bullet_lists.iter().all(|n| *n == "Disc"), "{bullet_lists:?}");

    for link in t.links() {
        let contents = link.contents.unwrap_or_default();
        assert!(!contents.is_empty() && contents.trim() == contents, "link description {contents:?}");
    }
    assert_eq!(t.catalog_name(b"PageMode").as_deref(), Some("UseOutlines"));
    assert_eq!(t.output_intent_registries(), ["http://www.color.org"]);
}

/// The real 2023 document, as an auditor reads it.
#[test]
fn the_2023_document_reads_as_it_looks() {
    let p = Project::real();
    p.run(&["build", "2023"]).ok();
    let pdf = std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023.pdf")).unwrap();
    let s = load(&p, 2023);
    let t = Tagged::read(&pdf);
    audit_common(&t, "Politiskt inriktningsdokument 2023");
    assert!(t.of_kind("Figure").count() >= 1 && t.of_kind("L").count() >= 10);

    // The calendar's month cells head their rows; the names head the members tables' rows.
    let headers = row_headers(&t);
    let months = months(&s);
    assert!(months.len() >= 12);
    for month in &months {
        assert!(headers.contains(&month.as_str()), "{month:?} is not a row header: {headers:?}");
    }
    assert!(t.of_kind("TH").any(|e| e.text == "Månad" && e.attribute("Table", "Scope") == Some("Column")));
    assert!(headers.contains(&"Per-Samuel Nisser"), "{headers:?}");

    // The line under a chapter heading is a paragraph.
    let subtitles: Vec<&String> = s
        .document
        .data
        .chapter
        .iter()
        .chain(&s.document.data.appendix)
        .filter_map(|c| c.subtitle.as_ref())
        .collect();
    assert!(!subtitles.is_empty());
    for subtitle in subtitles {
        assert!(t.of_kind("P").any(|e| &e.text == subtitle), "{subtitle:?} is not a paragraph");
    }

    // The table of contents: each entry's link covers its whole line, up to the next entry's.
    let toc_page = t.of_kind("TOC").find_map(|e| e.page).expect("a table of contents");
    let mut rects: Vec<[f32; 4]> =
        t.links().into_iter().filter(|l| l.page == toc_page).map(|l| l.rect).collect();
    assert!(rects.len() >= 20);
    rects.sort_by(|a, b| b[3].total_cmp(&a[3]));
    for pair in rects.windows(2) {
        let (upper, lower) = (pair[0], pair[1]);
        assert!((upper[1] - lower[3]).abs() < 0.5, "a gap between the links {upper:?} and {lower:?}");
        assert!(upper[3] - upper[1] >= 12.0, "a link area lower than its line: {upper:?}");
    }
    assert!(
        t.links()
            .iter()
            .any(|l| l.contents.as_deref().is_some_and(|c| c.starts_with("”Politisk styrgrupp” sida")))
    );

    // Copied text, from the content streams without /ActualText, is whole: real hyphens stay
    // hyphens, and no word is split at a line end.
    let text = pdf_text(&pdf);
    for whole in
        ["Per-Samuel Nisser", "vård- och omsorg", "hälso- och sjukvård", "utveckling-tillvaxt/nya-perspektiv"]
    {
        assert!(text.contains(whole), "{whole:?} is not whole in the copied text");
    }
    assert!(!text.contains('\u{AD}'), "the copied text has soft hyphens");
}

/// Bilaga 4 is named "Årshjul" as the document names it elsewhere: in its heading, its
/// bookmark, the list of appendices and the table of contents.
#[test]
fn bilaga_4_is_the_arshjul_in_its_heading_and_bookmark() {
    let p = Project::real();
    p.run(&["build", "2023"]).ok();
    let t = Tagged::read(&std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023.pdf")).unwrap());
    let heading = t
        .elements
        .iter()
        .find(|e| e.kind.starts_with('H') && e.text.starts_with("Bilaga 4"))
        .expect("a heading of Bilaga 4");
    assert_eq!(heading.text, "Bilaga 4 – Årshjul för politisk styrgrupp och beredningsgrupp");
    let bookmarks = t.bookmarks();
    assert!(bookmarks.contains(&heading.text), "{bookmarks:?}");
    // The list of appendices names it as its heading does.
    assert!(
        t.of_kind("LI")
            .any(|e| e.text.contains("Bilaga 4") && e.text.contains("Årshjul för politisk styrgrupp")),
        "the list of appendices does not say Årshjul"
    );
    assert!(!bookmarks.iter().any(|b| b.starts_with("Bilaga 4") && !b.contains("Årshjul")), "{bookmarks:?}");
}

/// A forced line break inside a table cell copies as a space: the summary's row headers (the
/// indicator, then its measure) in the tagged text and in copied text, and the document's
/// calendar meetings.
#[test]
fn a_line_break_in_a_cell_leaves_a_space_in_the_text() {
    let values = crate::annexes::with_values();
    values.run(&["annexes", "--only", "eda"]).ok();
    let pdf = std::fs::read(values.path("out/2030/annexes/2030-bilaga-eda.pdf")).unwrap();
    let t = Tagged::read(&pdf);
    let measure = "Andel (%), Kolada N15428";
    let header = t
        .of_kind("TH")
        .find(|e| e.text.contains(measure))
        .unwrap_or_else(|| panic!("no row header with {measure:?}"));
    assert_eq!(header.text, format!("Fler elever ska vara behöriga. {measure}"));
    let words: String = pdf_text(&pdf).split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(words.contains(&format!("behöriga. {measure}")), "{words}");

    // The calendar's meetings, one per line: separate words in the tagged text.
    let p = Project::real();
    p.run(&["build", "2023"]).ok();
    let doc =
        Tagged::read(&std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023.pdf")).unwrap());
    let joined: Vec<&str> = doc
        .of_kind("TD")
        .map(|e| e.text.as_str())
        .filter(|text| text.as_bytes().windows(2).any(|w| w[0].is_ascii_digit() && w[1].is_ascii_uppercase()))
        .collect();
    assert!(joined.is_empty(), "cells whose lines run together: {joined:?}");
}

/// Hyphens typed as U+2010 or U+2011, or soft hyphens, in the sources (as a word processor
/// writes them) do not take over the hyphen glyph: every hyphen copies as "-".
#[test]
fn hyphens_of_any_kind_in_the_sources_copy_as_hyphens() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| {
        t.replacen("name = \"Åsa Ek\"", "name = \"Åsa\u{2011}Karin Ek\"", 1).replacen(
            "title = \"kommunalråd\"",
            "title = \"kommunal\u{AD}råd och vård\u{2010} och omsorgs\u{AD}chef\"",
            1,
        )
    });
    p.run(&["build"]).ok();
    let text = pdf_text(&std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap());
    assert!(text.contains("Åsa-Karin Ek"), "{text}");
    assert!(text.contains("vård- och omsorgschef"), "{text}");
    for c in ['\u{AD}', '\u{2010}', '\u{2011}'] {
        assert!(!text.contains(c), "{c:?} in the copied text");
    }
}

/// Every kind of PDF: the document, an annex with values and the change annex.
#[test]
fn every_pdf_has_a_title_heading_paragraphs_and_alt_texts() {
    let p = Project::fixture("mini");
    p.run(&["build"]).ok();
    let doc =
        Tagged::read(&std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap());
    audit_common(&doc, "Politiskt inriktningsdokument 2030");
    let s = load(&p, 2030);
    for month in months(&s) {
        assert!(row_headers(&doc).contains(&month.as_str()), "{month:?}");
    }

    let values = crate::annexes::with_values();
    values.run(&["annexes", "--only", "eda"]).ok();
    let pdf = std::fs::read(values.path("out/2030/annexes/2030-bilaga-eda.pdf")).unwrap();
    let annex = Tagged::read(&pdf);
    audit_common(&annex, "Aktuellt perspektiv 2030 – Eda kommun");
    assert!(annex.of_kind("Figure").count() >= 2, "the annex has trend charts");
    let headers = row_headers(&annex);
    for area in ["Eda", "Region Värmland", "Riket"] {
        assert!(headers.contains(&area), "{area:?} does not head its row: {headers:?}");
    }
    for month in months(&s) {
        assert!(headers.contains(&month.as_str()), "{month:?}");
    }

    let pair = Project::fixture("pair");
    assert_eq!(pair.run(&["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"]).code(), 1);
    let change = Tagged::read(&std::fs::read(pair.path("out/forandringar.pdf")).unwrap());
    let title = change.elements.iter().find(|e| e.kind == "H1").map(|e| e.text.clone()).unwrap_or_default();
    assert!(title.starts_with("Förändringar"), "{title:?}");
    audit_common(&change, &title);
}

/// A draft says so in its title, in the tagged text of its cover, and in its date; its
/// watermark is an artifact; a final build says none of it.
#[test]
fn drafts_are_titled_and_dated_as_drafts() {
    let p = Project::fixture("mini");
    let out = crate::support::perspektiv()
        .args(["build", "--draft"])
        .current_dir(p.root())
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let pdf = std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap();
    assert_conforms(&pdf);
    let t = Tagged::read(&pdf);
    let title = t.info_title().unwrap_or_default();
    assert!(title.starts_with("Utkast: Politiskt inriktningsdokument 2030"), "{title:?}");
    let xmp = t.xmp();
    let dc_title = xmp.split("<dc:title>").nth(1).and_then(|x| x.split("</dc:title>").next()).unwrap_or("");
    assert!(dc_title.contains("Utkast: Politiskt inriktningsdokument 2030"), "{dc_title}");
    assert!(
        t.of_kind("P").any(|e| e.page == Some(0) && e.text.starts_with("Utkast 14 november 2023")),
        "the cover's tagged text does not say Utkast"
    );
    // 1700000000 is 14 November 2023, 22:13:20 UTC: the build time, not the sources' date.
    assert_eq!(t.info_date(b"ModDate").as_deref(), Some("D:20231114221320Z"));
    assert!(xmp.contains("2023-11-14T22:13:20"), "the XMP dates are not the build time");
    let watermarks = t
        .artifact_kinds()
        .into_iter()
        .filter(|(_, ty, sub)| ty.as_deref() == Some("Pagination") && sub.as_deref() == Some("Watermark"));
    assert_eq!(watermarks.count(), pdf_pages(&pdf), "one watermark artifact per page");

    p.run(&["build"]).ok();
    let t = Tagged::read(&std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap());
    assert_eq!(
        t.info_title().as_deref(),
        Some("Politiskt inriktningsdokument 2030 – Nya Perspektiv på styrning och ledning")
    );
    assert_eq!(t.info_date(b"ModDate").as_deref(), Some("D:20300301000000Z"));
    assert!(
        !t.xmp().contains("Utkast")
            && t.artifact_kinds().iter().all(|(_, _, s)| s.as_deref() != Some("Watermark"))
    );
}

fn pdf_pages(pdf: &[u8]) -> usize {
    lopdf::Document::load_mem(pdf).unwrap().get_pages().len()
}

/// The org chart's legend is a paragraph that names the marking and every marked body.
#[test]
fn the_org_chart_legend_names_the_marking_and_the_bodies() {
    let p = Project::real();
    p.run(&["build", "2023"]).ok();
    let t = Tagged::read(&std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023.pdf")).unwrap());
    let s = load(&p, 2023);
    let marked = state_financed(&s);
    assert_eq!(marked.len(), 2, "{marked:?}");
    let legend = t
        .of_kind("P")
        .find(|e| e.text.contains("finansieras av statliga satsningar"))
        .expect("the legend is a paragraph");
    assert!(legend.text.contains("dubbel ram"), "the legend does not name the marking: {}", legend.text);
    for body in &marked {
        assert!(legend.text.contains(body.as_str()), "{body:?} is not in the legend: {}", legend.text);
    }
}

/// Relative luminance (WCAG 2) of a colour: what is left of it in greyscale.
fn luminance(c: &typst::visualize::Color) -> f64 {
    let rgb = c.to_rgb();
    let (r, g, b) = (rgb.red, rgb.green, rgb.blue);
    let lin = |v: f32| {
        let v = f64::from(v);
        if v <= 0.04045 { v / 12.92 } else { ((v + 0.055) / 1.055).powf(2.4) }
    };
    0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)
}

/// The shapes of a frame: their stroke and fill colours.
type Shapes = Vec<(Option<typst::visualize::Color>, Option<typst::visualize::Color>)>;

fn shapes(frame: &typst::layout::Frame, out: &mut Shapes) {
    use typst::layout::FrameItem;
    use typst::visualize::Paint;
    let solid = |p: Option<&Paint>| match p {
        Some(Paint::Solid(c)) => Some(c.clone()),
        _ => None,
    };
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => shapes(&g.frame, out),
            FrameItem::Shape(shape, _) => {
                out.push((solid(shape.stroke.as_ref().map(|s| &s.paint)), solid(shape.fill.as_ref())));
            }
            _ => {}
        }
    }
}

/// A highlighted box of the org chart differs from a plain one without colour: it has two
/// outlines, not one, each dark enough against its fill to stay visible in greyscale
/// (WCAG 1.4.1, and the 3:1 contrast of 1.4.11).
#[test]
fn highlighted_chart_boxes_stand_out_in_greyscale() {
    let templates = perspektiv::render::Templates::new(None).unwrap();
    let lib = templates.render("lib.typ.j2", &()).unwrap().markup;
    let draw = |highlight: bool| {
        let markup = format!("{lib}\n#np-chart-box(36mm, 15mm, {highlight}, [Samordningsgrupp])\n");
        let world = perspektiv::typeset::DocWorld::new("box.typ", markup, None).unwrap();
        let (doc, _) = perspektiv::typeset::compile(&world).expect("the box compiles");
        let mut found = Vec::new();
        shapes(&doc.pages()[0].frame, &mut found);
        let outlines: Vec<_> = found.iter().filter_map(|(stroke, _)| stroke.clone()).collect();
        let fills: Vec<_> = found.iter().filter_map(|(_, fill)| fill.clone()).collect();
        (outlines, fills)
    };
    let (plain, _) = draw(false);
    let (marked, fills) = draw(true);
    assert_eq!(plain.len(), 1, "{plain:?}");
    assert_eq!(marked.len(), 2, "a highlighted box needs a second outline: {marked:?}");
    assert_eq!(fills.len(), 1, "{fills:?}");
    for stroke in &marked {
        let (a, b) = (luminance(stroke), luminance(&fills[0]));
        let contrast = (a.max(b) + 0.05) / (a.min(b) + 0.05);
        assert!(contrast >= 3.0, "an outline of contrast {contrast:.1} against the fill");
    }
}
