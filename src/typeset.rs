//! Typesetting: the Typst world (embedded fonts, one in-memory source), compilation, and PDF
//! export as tagged PDF/UA-1 + PDF/A-2a, finished by `typeset/finish.rs` with what the export leaves out.
//! Every PDF is made by [`typeset()`] (`typeset/pipeline.rs`), from a [`Described`] document.

use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

use anyhow::Context as _;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Feature, Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::sources::common::Date;

pub mod bars;
pub mod boxes;
pub mod contents;
mod finish;
mod pipeline;

pub use pipeline::{Described, Typeset, TypstWarning, locate_warning, typeset};

/// The font files shipped in `fonts/` and embedded in the binary, as (file name, bytes); the web
/// edition serves the same files.
pub const FONT_FILES: [(&str, &[u8]); 6] = [
    ("SourceSans3-Regular.ttf", include_bytes!("../fonts/SourceSans3-Regular.ttf")),
    ("SourceSans3-It.ttf", include_bytes!("../fonts/SourceSans3-It.ttf")),
    ("SourceSans3-Semibold.ttf", include_bytes!("../fonts/SourceSans3-Semibold.ttf")),
    ("SourceSans3-SemiboldIt.ttf", include_bytes!("../fonts/SourceSans3-SemiboldIt.ttf")),
    ("SourceSans3-Bold.ttf", include_bytes!("../fonts/SourceSans3-Bold.ttf")),
    ("SourceSans3-BoldIt.ttf", include_bytes!("../fonts/SourceSans3-BoldIt.ttf")),
];

/// The fonts a document may use: the embedded ones, or those of a `fonts/` folder.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    fn from_fonts(fonts: Vec<Font>) -> Self {
        let book = FontBook::from_fonts(&fonts);
        Fonts { book: LazyHash::new(book), fonts }
    }

    /// The fonts embedded in the binary, parsed once per process.
    pub fn embedded() -> Arc<Fonts> {
        static FONTS: OnceLock<Arc<Fonts>> = OnceLock::new();
        FONTS
            .get_or_init(|| {
                let fonts = FONT_FILES.iter().flat_map(|(_, data)| Font::iter(Bytes::new(*data))).collect();
                Arc::new(Fonts::from_fonts(fonts))
            })
            .clone()
    }

    /// The fonts in `dir` (`*.ttf`, `*.otf`, `*.ttc`, `*.otc`) when it exists, else the embedded ones.
    pub fn for_build(dir: &Path) -> anyhow::Result<Arc<Fonts>> {
        if !dir.is_dir() {
            return Ok(Self::embedded());
        }
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .with_context(|| crate::t!("error-read", path = dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| {
                p.extension()
                    .and_then(|e| e.to_str())
                    .is_some_and(|e| matches!(e.to_ascii_lowercase().as_str(), "ttf" | "otf" | "ttc" | "otc"))
            })
            .collect();
        paths.sort();
        let mut fonts = Vec::new();
        for path in &paths {
            let data = std::fs::read(path).with_context(|| crate::t!("error-read-font", path = path))?;
            let before = fonts.len();
            fonts.extend(Font::iter(Bytes::new(data)));
            if fonts.len() == before {
                anyhow::bail!(crate::t!("error-not-a-font", path = path));
            }
        }
        if fonts.is_empty() {
            anyhow::bail!(crate::t!("error-no-fonts", folder = dir));
        }
        Ok(Arc::new(Fonts::from_fonts(fonts)))
    }

    /// Whether the regular face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.fonts.first().is_some_and(|f| f.info().coverage.contains(c as u32))
    }

    /// The SHA-256 of every font's data and face index, in order: the fonts as the cache of
    /// finished PDFs knows them.
    pub fn digest(&self) -> [u8; 32] {
        use sha2::{Digest, Sha256};
        let mut hasher = Sha256::new();
        for font in &self.fonts {
            hasher.update((font.data().len() as u64).to_le_bytes());
            hasher.update(font.data().as_slice());
            hasher.update(font.index().to_le_bytes());
        }
        hasher.finalize().into()
    }

    /// The family names shipped.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.book.families().map(|(name, _)| name.to_owned()).collect();
        names.dedup();
        names
    }
}

/// Typst's standard library, with the `a11y-extras` feature: row headers (`pdf.header-cell`),
/// header levels (`table.header(level: 2)`) and table summaries for the tagged PDF.
fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| {
        let features = [Feature::A11yExtras].into_iter().collect();
        LazyHash::new(Library::builder().with_features(features).build())
    })
}

/// A Typst world with one source file and the embedded fonts: no file system, no network, no
/// system fonts, no clock.
pub struct DocWorld {
    main: Source,
    fonts: Arc<Fonts>,
    today: Option<Datetime>,
}

impl DocWorld {
    /// A world whose main file, named `name`, holds `markup`; `today` answers `datetime.today()`.
    ///
    /// Errors: `name` is no file name inside the world (`..`, an empty name).
    pub fn new(name: &str, markup: String, today: Option<Date>) -> anyhow::Result<Self> {
        Self::with_fonts(name, markup, today, Fonts::embedded())
    }

    /// A world with the given fonts.
    ///
    /// Errors: as [`Self::new`].
    pub fn with_fonts(
        name: &str,
        markup: String,
        today: Option<Date>,
        fonts: Arc<Fonts>,
    ) -> anyhow::Result<Self> {
        let vpath = VirtualPath::new(name).map_err(|e| {
            anyhow::anyhow!(crate::t!("error-typst-file-name", name = name, error = format!("{e:?}")))
        })?;
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
        Ok(Self {
            main: Source::new(id, markup),
            fonts,
            today: today.and_then(|d| Datetime::from_ymd(d.year(), d.month(), d.day())),
        })
    }

    /// Replaces the markup, keeping the file id so that Typst's caches stay warm (only the
    /// changed part is parsed again).
    pub fn set_markup(&mut self, markup: &str) {
        self.main.replace(markup);
    }

    /// The name of the main file, as in Typst's messages.
    pub fn main_name(&self) -> String {
        self.main.id().vpath().get_without_slash().to_owned()
    }

    /// Replaces the fonts and the date.
    pub fn set_fonts(&mut self, fonts: Arc<Fonts>, today: Option<Date>) {
        self.fonts = fonts;
        self.today = today.and_then(|d| Datetime::from_ymd(d.year(), d.month(), d.day()));
    }
}

impl World for DocWorld {
    fn library(&self) -> &LazyHash<Library> {
        library()
    }

    fn book(&self) -> &LazyHash<FontBook> {
        &self.fonts.book
    }

    fn main(&self) -> FileId {
        self.main.id()
    }

    fn source(&self, id: FileId) -> FileResult<Source> {
        if id == self.main.id() { Ok(self.main.clone()) } else { Err(FileError::AccessDenied) }
    }

    fn file(&self, id: FileId) -> FileResult<Bytes> {
        if id == self.main.id() {
            Ok(Bytes::from_string(self.main.text().to_owned()))
        } else {
            Err(FileError::AccessDenied)
        }
    }

    fn font(&self, index: usize) -> Option<Font> {
        self.fonts.fonts.get(index).cloned()
    }

    fn today(&self, _offset: Option<typst::foundations::Duration>) -> Option<Datetime> {
        self.today
    }
}

/// A problem Typst reported, located in the generated markup (the cache keeps a document's
/// warnings in this form, so that they are located again in the markup of the run that takes it).
#[derive(Clone, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct TypstProblem {
    /// Error or warning.
    pub is_error: bool,
    /// Typst's message.
    pub message: String,
    /// Typst's hints.
    pub hints: Vec<String>,
    /// Byte range in the markup, when known.
    pub range: Option<Range<usize>>,
}

/// Typst could not compile or export the document.
#[derive(Debug)]
pub struct TypesetError {
    /// What went wrong.
    pub problems: Vec<TypstProblem>,
}

impl std::fmt::Display for TypesetError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.problems.first() {
            Some(p) => f.write_str(&crate::t!("error-typst-failed", error = p.message.as_str())),
            None => f.write_str(&crate::t!("error-typst")),
        }
    }
}

impl std::error::Error for TypesetError {}

/// Settings of the PDF export.
#[derive(Clone, Debug)]
pub struct PdfSettings {
    /// A stable identifier of the document (the PDF's /ID is derived from it).
    pub ident: String,
    /// The creation and modification date (PDF/A requires one).
    pub date: Date,
    /// The time of day (UTC) of `date`; midnight when absent.
    pub time: Option<time::Time>,
}

fn problems(world: &DocWorld, diags: &[SourceDiagnostic]) -> Vec<TypstProblem> {
    diags
        .iter()
        .map(|d| TypstProblem {
            is_error: d.severity == Severity::Error,
            message: d.message.to_string(),
            hints: d.hints.iter().map(|h| h.v.to_string()).collect(),
            range: world.range(d.span),
        })
        .collect()
}

/// Lays out the world's document. Warnings about fonts are errors: a template must not ask for a
/// font that is not shipped.
pub fn compile(world: &DocWorld) -> Result<(PagedDocument, Vec<TypstProblem>), TypesetError> {
    let warned = typst::compile::<PagedDocument>(world);
    let warnings = problems(world, &warned.warnings);
    match warned.output {
        Ok(doc) => {
            let font_errors: Vec<TypstProblem> = warnings
                .iter()
                .filter(|w| w.message.contains("font"))
                .cloned()
                .map(|mut w| {
                    w.is_error = true;
                    w.hints.push(crate::t!("error-typst-fonts-hint"));
                    w
                })
                .collect();
            if font_errors.is_empty() {
                Ok((doc, warnings))
            } else {
                Err(TypesetError { problems: font_errors })
            }
        }
        Err(errors) => {
            let mut all = problems(world, &errors);
            all.extend(warnings);
            Err(TypesetError { problems: all })
        }
    }
}

/// Exports a laid-out document as tagged PDF conforming to PDF/A-2a and PDF/UA-1, with the
/// entries `typeset/finish.rs` sets and unambiguous stream ends.
pub fn export_pdf(
    world: &DocWorld,
    doc: &PagedDocument,
    settings: &PdfSettings,
) -> Result<Vec<u8>, TypesetError> {
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1]).map_err(|e| TypesetError {
        problems: vec![TypstProblem {
            is_error: true,
            message: e.message().to_string(),
            hints: e.hints().iter().map(ToString::to_string).collect(),
            range: None,
        }],
    })?;
    let (d, t) = (settings.date, settings.time.unwrap_or(time::Time::MIDNIGHT));
    let timestamp = Datetime::from_ymd_hms(d.year(), d.month(), d.day(), t.hour(), t.minute(), t.second())
        .map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!("perspektiv {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    let pdf = typst_pdf::pdf(doc, &options)
        .map_err(|errors| TypesetError { problems: problems(world, &errors) })?;
    let finished = finish::finish(&pdf).map_err(|e| TypesetError {
        problems: vec![TypstProblem {
            is_error: true,
            message: crate::t!("error-typst-finish", error = e.to_string()),
            hints: Vec::new(),
            range: None,
        }],
    })?;
    Ok(normalize_stream_eols(finished))
}

/// Makes every stream's end-of-line marker before `endstream` unambiguous.
///
/// The PDF writer puts a single LF between a stream's data and `endstream`. When the data itself
/// ends with CR (for compressed data, when the last byte of its checksum is 0x0D), the bytes read
/// CR LF, which PDF/A validators take as the end-of-line marker, so the stream looks one byte
/// shorter than its `/Length` (ISO 19005-2, 6.1.7.1). Inserting a CR before the LF makes the
/// marker CR LF and leaves the data intact; the cross-reference offsets are shifted to match.
/// Returns the PDF unchanged when it has no such stream or a layout this does not understand.
pub fn normalize_stream_eols(pdf: Vec<u8>) -> Vec<u8> {
    let Some((xref_at, offsets)) = xref_offsets(&pdf) else {
        return pdf;
    };
    let mut inserts: Vec<usize> = offsets
        .iter()
        .filter_map(|&at| stream_data_end(&pdf, at))
        .filter(|&end| end > 0 && pdf[end - 1] == b'\r' && pdf[end..].starts_with(b"\nendstream"))
        .collect();
    if inserts.is_empty() {
        return pdf;
    }
    inserts.sort_unstable();
    inserts.dedup();
    let shift = |offset: usize| offset + inserts.partition_point(|&i| i < offset);

    let mut out = Vec::with_capacity(pdf.len() + inserts.len());
    let mut last = 0;
    for &at in &inserts {
        out.extend_from_slice(&pdf[last..at]);
        out.push(b'\r');
        last = at;
    }
    out.extend_from_slice(&pdf[last..]);

    // Rewrite the 20-byte xref entries ("0000012345 00000 n\r\n") and `startxref`.
    let new_xref = shift(xref_at);
    let mut pos = new_xref + b"xref".len();
    while let Some(line_end) = out[pos..].iter().position(|&b| b == b'\n').map(|i| pos + i) {
        let line = &out[pos..line_end];
        let text = std::str::from_utf8(line).unwrap_or("").trim();
        if text.starts_with("trailer") {
            break;
        }
        if text.len() == 18
            && text.ends_with(" n")
            && let Ok(offset) = text[..10].parse::<usize>()
        {
            let fixed = format!("{:010}", shift(offset));
            let start = pos + line.iter().position(|b| !b.is_ascii_whitespace()).unwrap_or(0);
            out[start..start + 10].copy_from_slice(fixed.as_bytes());
        }
        pos = line_end + 1;
    }
    let Some(sx) = out.windows(9).rposition(|w| w == b"startxref") else {
        return out;
    };
    let digits_start = sx + 9 + out[sx + 9..].iter().take_while(|b| b.is_ascii_whitespace()).count();
    let digits_len = out[digits_start..].iter().take_while(|b| b.is_ascii_digit()).count();
    let mut rebuilt = out[..digits_start].to_vec();
    rebuilt.extend_from_slice(new_xref.to_string().as_bytes());
    rebuilt.extend_from_slice(&out[digits_start + digits_len..]);
    rebuilt
}

/// The offset of the classic xref table and the offsets of the objects in use.
fn xref_offsets(pdf: &[u8]) -> Option<(usize, Vec<usize>)> {
    let sx = pdf.windows(9).rposition(|w| w == b"startxref")?;
    let rest = std::str::from_utf8(&pdf[sx + 9..]).ok()?;
    let xref_at: usize = rest.split_whitespace().next()?.parse().ok()?;
    if !pdf.get(xref_at..)?.starts_with(b"xref") {
        return None;
    }
    let table = std::str::from_utf8(&pdf[xref_at..sx]).ok()?;
    let table = table.split("trailer").next()?;
    let offsets = table
        .lines()
        .map(str::trim)
        .filter(|l| l.len() == 18 && l.ends_with(" n"))
        .filter_map(|l| l[..10].parse().ok())
        .collect();
    Some((xref_at, offsets))
}

/// For the object at `at`, the end of its stream data per its direct `/Length`, if it has a stream.
fn stream_data_end(pdf: &[u8], at: usize) -> Option<usize> {
    let header_end = (at + 4096).min(pdf.len());
    let mut header = &pdf[at..header_end];
    // Only this object's own header: stop at its `endobj` if it has no stream.
    if let Some(end) = header.windows(6).position(|w| w == b"endobj") {
        header = &header[..end];
    }
    let kw = header.windows(7).position(|w| w == b">>\nstre" || w == b">>strea")?;
    let dict = std::str::from_utf8(&header[..kw + 2]).ok()?;
    let stream_kw = at + kw + header[kw..].windows(6).position(|w| w == b"stream")?;
    let data_start = match &pdf[stream_kw + 6..] {
        [b'\r', b'\n', ..] => stream_kw + 8,
        [b'\n', ..] => stream_kw + 7,
        _ => return None,
    };
    let mut search = dict;
    while let Some(i) = search.find("/Length") {
        let after = &search[i + 7..];
        let digits: String = after.trim_start().chars().take_while(char::is_ascii_digit).collect();
        let direct = after.starts_with(|c: char| c.is_ascii_whitespace())
            && !digits.is_empty()
            && !after.trim_start()[digits.len()..].trim_start().starts_with(|c: char| c.is_ascii_digit());
        if direct {
            return digits.parse::<usize>().ok().map(|len| data_start + len);
        }
        search = after;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal PDF with one stream whose data ends with CR.
    fn pdf_with_stream(data: &[u8]) -> Vec<u8> {
        let mut pdf = b"%PDF-1.7\n".to_vec();
        let o1 = pdf.len();
        pdf.extend_from_slice(b"1 0 obj\n<</Type/Catalog/Pages 2 0 R>>\nendobj\n");
        let o2 = pdf.len();
        pdf.extend_from_slice(format!("2 0 obj\n<</Length {}/Length1 99>>\nstream\n", data.len()).as_bytes());
        pdf.extend_from_slice(data);
        pdf.extend_from_slice(b"\nendstream\nendobj\n");
        let xref = pdf.len();
        pdf.extend_from_slice(format!("xref\n0 3\n0000000000 65535 f\r\n{o1:010} 00000 n\r\n{o2:010} 00000 n\r\ntrailer\n<</Size 3/Root 1 0 R>>\nstartxref\n{xref}\n%%EOF").as_bytes());
        pdf
    }

    #[test]
    fn streams_ending_in_cr_get_a_crlf_marker() -> Result<(), Box<dyn std::error::Error>> {
        let pdf = pdf_with_stream(b"ab\r");
        let fixed = normalize_stream_eols(pdf.clone());
        assert!(fixed.len() > pdf.len());
        let text = String::from_utf8_lossy(&fixed);
        assert!(text.contains("stream\nab\r\r\nendstream"), "{text:?}");
        // The offsets still point at the objects and the xref table.
        let (xref_at, offsets) = xref_offsets(&fixed).ok_or("no xref table")?;
        assert!(fixed[xref_at..].starts_with(b"xref"));
        for o in offsets {
            assert!(fixed[o..].starts_with(b"1 0 obj") || fixed[o..].starts_with(b"2 0 obj"));
        }
        Ok(())
    }

    #[test]
    fn other_pdfs_are_unchanged() {
        let pdf = pdf_with_stream(b"ab\n");
        assert_eq!(normalize_stream_eols(pdf.clone()), pdf);
        let pdf = pdf_with_stream(b"abc");
        assert_eq!(normalize_stream_eols(pdf.clone()), pdf);
        assert_eq!(normalize_stream_eols(b"not a pdf".to_vec()), b"not a pdf".to_vec());
    }
}
