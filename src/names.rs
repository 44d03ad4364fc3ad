//! Where every output goes, decided here and nowhere else (as mdBook's `build_dir_for`): the
//! folders under `<OUT>/<YEAR>/`, the file names of the document, the annexes, the county
//! overviews and the spreadsheets, the pages of the web edition, and for each typeset document
//! its markup's name, its PDF identifier and the hint a failure carries.

use std::path::{Path, PathBuf};

use crate::sources::parties::Party;

/// The folder of the web edition under the year's output folder.
pub const SITE_DIR: &str = "webb";

/// The folder of the annexes under the year's output folder.
pub const ANNEX_DIR: &str = "annexes";

/// The folder of what `serve` builds under the output folder: never the published outputs.
pub const SERVE_DIR: &str = ".serve";

/// The folder of the caches under the output folder.
pub const CACHE_DIR: &str = ".cache";

/// The folder of the parties' pages and the county overviews' in the web edition.
pub const PARTY_DIR: &str = "aktuellt-perspektiv";

/// The web edition's accessibility statement, from the site's root.
pub const STATEMENT_PAGE: &str = "tillganglighet.html";

/// The outputs of one year: `<OUT>/<YEAR>/…`.
#[derive(Clone, Debug)]
pub struct Outputs {
    out: PathBuf,
    year: i32,
}

impl Outputs {
    /// The outputs of `year` under the output folder `out`.
    pub fn new(out: &Path, year: i32) -> Self {
        Self { out: out.to_owned(), year }
    }

    /// `<OUT>/<YEAR>`.
    pub fn year_dir(&self) -> PathBuf {
        self.out.join(self.year.to_string())
    }

    /// `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.<ext>`: the document's PDF or markup.
    pub fn document(&self, ext: &str) -> PathBuf {
        self.year_dir().join(document_file(self.year, ext))
    }

    /// `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>-granskning-<OLD>.pdf`: the review
    /// edition against the older side `old` as given.
    pub fn review(&self, old: &str) -> PathBuf {
        self.year_dir().join(review_file(self.year, old, "pdf"))
    }

    /// `<OUT>/<YEAR>/annexes`: the annexes, the county overviews, the spreadsheet.
    pub fn annex_dir(&self) -> PathBuf {
        self.year_dir().join(ANNEX_DIR)
    }

    /// `<OUT>/<YEAR>/webb`: the web edition.
    pub fn site_dir(&self) -> PathBuf {
        self.year_dir().join(SITE_DIR)
    }

    /// `<OUT>/.serve/<YEAR>`: what `serve` builds and serves (its web edition and PDF).
    pub fn serve_dir(&self) -> PathBuf {
        self.out.join(SERVE_DIR).join(self.year.to_string())
    }

    /// `<OUT>/.cache/<YEAR>/annexes`: the annexes' cache.
    pub fn annex_cache_dir(&self) -> PathBuf {
        self.out.join(CACHE_DIR).join(self.year.to_string()).join(ANNEX_DIR)
    }
}

/// The document's file: `politiskt-inriktningsdokument-<YEAR>.<ext>`.
pub fn document_file(year: i32, ext: &str) -> String {
    format!("politiskt-inriktningsdokument-{year}.{ext}")
}

/// The slug of a party's files: its id, which is ASCII.
pub fn slug(party: &Party) -> String {
    party.id.to_string()
}

/// A party's annex: `<YEAR>-bilaga-<party>.<ext>`.
pub fn annex_file(year: i32, party: &Party, ext: &str) -> String {
    format!("{year}-bilaga-{}.{ext}", slug(party))
}

/// A region's county overview: `<YEAR>-oversikt-<county>.<ext>` (the region's id without
/// `region-`).
pub fn overview_file(year: i32, region: &Party, ext: &str) -> String {
    format!("{year}-oversikt-{}.{ext}", county_slug(region))
}

/// The slug of a region's county: its id without `region-` (`varmland`).
fn county_slug(region: &Party) -> &str {
    let id = region.id.as_str();
    id.strip_prefix("region-").unwrap_or(id)
}

/// A party's page in the web edition, from the site's root: `aktuellt-perspektiv/<party>.html`.
pub fn party_page(party: &Party) -> String {
    format!("{PARTY_DIR}/{}.html", slug(party))
}

/// A region's county overview in the web edition, from the site's root:
/// `aktuellt-perspektiv/oversikt-varmland.html` (the region's id without `region-`).
pub fn overview_page(region: &Party) -> String {
    format!("{PARTY_DIR}/oversikt-{}.html", county_slug(region))
}

/// Whether `path` (from the site's root) is a county overview's page ([`overview_page`]).
pub fn is_overview_page(path: &str) -> bool {
    path.strip_prefix(PARTY_DIR).and_then(|p| p.strip_prefix("/oversikt-")).is_some()
}

/// The change page of the web edition against the older side `old` as given:
/// `forandringar-2019-2023.html` (a revision's characters other than letters and digits become
/// `-`).
pub fn changes_page(old: &str, year: i32) -> String {
    format!("forandringar-{}-{year}.html", side_slug(old))
}

/// An older side as given, for a file name: `2019`, `v2023-remiss-2023` (characters other than
/// letters and digits become `-`).
fn side_slug(old: &str) -> String {
    let mut slug = String::new();
    for c in old.chars() {
        if c.is_ascii_alphanumeric() {
            slug.push(c.to_ascii_lowercase());
        } else if !slug.ends_with('-') {
            slug.push('-');
        }
    }
    slug.trim_matches('-').to_owned()
}

/// The review edition of the year's document against the older side `old` as given:
/// `politiskt-inriktningsdokument-2023-granskning-2019.<ext>`, beside the document.
pub fn review_file(year: i32, old: &str, ext: &str) -> String {
    format!("politiskt-inriktningsdokument-{year}-granskning-{}.{ext}", side_slug(old))
}

/// The review edition's page in the web edition, from the site's root:
/// `granskning-2019-2023.html`.
pub fn review_page(old: &str, year: i32) -> String {
    format!("granskning-{}-{year}.html", side_slug(old))
}

/// The spreadsheet of a run of all parties.
pub fn sheet_file(year: i32) -> String {
    format!("{year}-aktuellt-perspektiv.xlsx")
}

/// Whether `name` is the file name of a spreadsheet of a run of all parties ([`sheet_file`]).
pub fn is_sheet_of_all(name: &str) -> bool {
    name.strip_suffix("-aktuellt-perspektiv.xlsx")
        .is_some_and(|year| !year.is_empty() && year.bytes().all(|b| b.is_ascii_digit()))
}

/// The spreadsheet of a run of some parties (`annexes --only`), which must never take the place
/// of a run of all: `<YEAR>-aktuellt-perspektiv-<parties>.xlsx`, the parties' slugs in order
/// (`2023-aktuellt-perspektiv-eda-saffle.xlsx`). Past [`SELECTION_NAME_MAX`] characters the name
/// keeps the first ones and counts the rest
/// (`2023-aktuellt-perspektiv-arjang-arvika-eda-och-12-till.xlsx`).
pub fn partial_sheet_file(year: i32, parties: &[&Party]) -> String {
    format!("{year}-aktuellt-perspektiv-{}.xlsx", selection_name(parties))
}

/// The zip of a run of some parties beside the zip `path` of a run of all:
/// `<stem>-<parties>.zip`.
pub fn partial_zip(path: &Path, parties: &[&Party]) -> PathBuf {
    let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
    path.with_file_name(format!("{stem}-{}.zip", selection_name(parties)))
}

/// The most characters of a [`selection_name`], so that the file names of a run of some parties
/// stay short enough for any system's paths.
pub const SELECTION_NAME_MAX: usize = 60;

/// The parties of a run of some, as a part of file names: their slugs in order, joined by `-`
/// (`eda-saffle`); past [`SELECTION_NAME_MAX`] characters the first ones and how many more
/// (`arjang-arvika-eda-och-12-till`).
pub fn selection_name(parties: &[&Party]) -> String {
    let mut slugs: Vec<String> = parties.iter().map(|p| slug(p)).collect();
    slugs.sort();
    slugs.dedup();
    let all = slugs.join("-");
    if all.len() <= SELECTION_NAME_MAX {
        return all;
    }
    let mut kept = slugs[0].clone();
    let mut count = 1;
    for next in &slugs[1..] {
        let tail = format!("-och-{}-till", slugs.len() - count - 1);
        if kept.len() + 1 + next.len() + tail.len() > SELECTION_NAME_MAX {
            break;
        }
        kept = format!("{kept}-{next}");
        count += 1;
    }
    format!("{kept}-och-{}-till", slugs.len() - count)
}

/// The names of a typeset document: its PDF's file name, its markup's (as Typst's messages name
/// it), its PDF identifier (the PDF's `/ID` derives from it; the cache names the document by it)
/// and how a failure says to see the markup.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocumentNames {
    /// The PDF's file name.
    pub pdf: String,
    /// The markup's file name.
    pub markup: String,
    /// The PDF's identifier.
    pub ident: String,
    /// How to see the markup Typst was given.
    pub hint: String,
}

/// The hint of a document whose markup no command writes.
fn generated_hint(markup: &str) -> String {
    crate::t!("hint-generated-markup", markup = markup)
}

/// The names of the year's document.
pub fn document(year: i32) -> DocumentNames {
    DocumentNames {
        pdf: document_file(year, "pdf"),
        markup: document_file(year, "typ"),
        ident: format!("perspektiv/politiskt-inriktningsdokument/{year}"),
        hint: crate::t!("hint-render-markup", year = year),
    }
}

/// The names of the year's review edition against the older side `old` as given.
pub fn review(year: i32, old: &str) -> DocumentNames {
    let markup = review_file(year, old, "typ");
    DocumentNames {
        pdf: review_file(year, old, "pdf"),
        hint: generated_hint(&markup),
        markup,
        ident: format!("perspektiv/politiskt-inriktningsdokument/{year}/granskning/{}", side_slug(old)),
    }
}

/// The names of a party's annex.
pub fn annex(year: i32, party: &Party) -> DocumentNames {
    DocumentNames {
        pdf: annex_file(year, party, "pdf"),
        markup: annex_file(year, party, "typ"),
        ident: format!("perspektiv/annex/{year}/{}", slug(party)),
        hint: crate::t!("hint-annex-markup", year = year, party = slug(party)),
    }
}

/// The names of a region's county overview.
pub fn overview(year: i32, region: &Party) -> DocumentNames {
    let markup = overview_file(year, region, "typ");
    DocumentNames {
        pdf: overview_file(year, region, "pdf"),
        hint: generated_hint(&markup),
        markup,
        ident: format!("perspektiv/overview/{year}/{}", region.id),
    }
}

/// The names of the change annex between two sides as given (`2019`, `REV:YEAR`); its PDF goes
/// where `diff --pdf` says.
pub fn diff(old: &str, new: &str) -> DocumentNames {
    let markup = "diff.typ".to_owned();
    DocumentNames {
        pdf: "diff.pdf".to_owned(),
        hint: generated_hint(&markup),
        markup,
        ident: format!("perspektiv/diff/{old}/{new}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::ids::PartyId;
    use crate::sources::parties::{AreaCode, PartyKind};

    fn party(id: &str, kind: PartyKind) -> Party {
        Party {
            id: PartyId(id.into()),
            name: id.into(),
            official_name: id.into(),
            code: AreaCode("1785".into()),
            kind,
            group: Vec::new(),
        }
    }

    #[test]
    fn every_output_name() {
        let saffle = party("saffle", PartyKind::Municipality);
        let region = party("region-varmland", PartyKind::Region);
        let out = Outputs::new(Path::new("out"), 2023);
        for (got, expected) in [
            (out.document("pdf"), "out/2023/politiskt-inriktningsdokument-2023.pdf"),
            (out.annex_dir(), "out/2023/annexes"),
            (out.site_dir(), "out/2023/webb"),
            (out.annex_cache_dir(), "out/.cache/2023/annexes"),
            (out.serve_dir(), "out/.serve/2023"),
            (partial_zip(Path::new("out/b.zip"), &[&saffle]), "out/b-saffle.zip"),
        ] {
            assert_eq!(got, PathBuf::from(expected));
        }
        for (got, expected) in [
            (annex_file(2023, &saffle, "typ"), "2023-bilaga-saffle.typ"),
            (overview_file(2023, &region, "pdf"), "2023-oversikt-varmland.pdf"),
            (sheet_file(2023), "2023-aktuellt-perspektiv.xlsx"),
            (
                partial_sheet_file(2023, &[&saffle, &region]),
                "2023-aktuellt-perspektiv-region-varmland-saffle.xlsx",
            ),
        ] {
            assert_eq!(got, expected);
        }
        for (got, expected) in [
            (party_page(&saffle), "aktuellt-perspektiv/saffle.html"),
            (overview_page(&region), "aktuellt-perspektiv/oversikt-varmland.html"),
            (changes_page("2019", 2023), "forandringar-2019-2023.html"),
            (changes_page("v2023-remiss:2023", 2023), "forandringar-v2023-remiss-2023-2023.html"),
            (changes_page("HEAD~3:2023", 2024), "forandringar-head-3-2023-2024.html"),
            (STATEMENT_PAGE.to_owned(), "tillganglighet.html"),
        ] {
            assert_eq!(got, expected);
        }
        assert!(is_overview_page(&overview_page(&region)) && !is_overview_page(&party_page(&saffle)));
        assert!(is_sheet_of_all("2023-aktuellt-perspektiv.xlsx"));
        assert!(!is_sheet_of_all("2023-aktuellt-perspektiv-saffle.xlsx"));
    }

    #[test]
    fn every_document_carries_its_hint() {
        let saffle = party("saffle", PartyKind::Municipality);
        let region = party("region-varmland", PartyKind::Region);
        let doc = document(2023);
        assert_eq!(doc.markup, "politiskt-inriktningsdokument-2023.typ");
        assert_eq!(doc.hint, "run `perspektiv render 2023` to write the generated markup");
        let annex = annex(2023, &saffle);
        assert_eq!(annex.ident, "perspektiv/annex/2023/saffle");
        assert!(annex.hint.contains("`perspektiv annexes 2023 --only saffle --markup`"), "{}", annex.hint);
        let overview = overview(2023, &region);
        assert_eq!(overview.ident, "perspektiv/overview/2023/region-varmland");
        assert!(overview.hint.starts_with("the markup `2023-oversikt-varmland.typ` is generated"));
        assert_eq!(diff("2019", "HEAD:2023").ident, "perspektiv/diff/2019/HEAD:2023");
    }
}
