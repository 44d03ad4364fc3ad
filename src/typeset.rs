//! Typesetting: the Typst world (embedded fonts, one in-memory source), compilation, and PDF
//! export as tagged PDF/UA-1 + PDF/A-2a.

use std::ops::Range;
use std::sync::OnceLock;

use typst::diag::{FileError, FileResult, Severity, SourceDiagnostic};
use typst::foundations::{Bytes, Datetime, Smart};
use typst::syntax::{FileId, RootedPath, Source, VirtualPath, VirtualRoot};
use typst::text::{Font, FontBook};
use typst::utils::LazyHash;
use typst::{Library, LibraryExt, World, WorldExt};
use typst_layout::PagedDocument;
use typst_pdf::{PdfOptions, PdfStandard, PdfStandards, Timestamp};

use crate::sources::common::Date;

/// The font files shipped in `fonts/` and embedded in the binary.
const FONT_FILES: [(&str, &[u8]); 6] = [
    ("SourceSans3-Regular.ttf", include_bytes!("../fonts/SourceSans3-Regular.ttf")),
    ("SourceSans3-It.ttf", include_bytes!("../fonts/SourceSans3-It.ttf")),
    ("SourceSans3-Semibold.ttf", include_bytes!("../fonts/SourceSans3-Semibold.ttf")),
    ("SourceSans3-SemiboldIt.ttf", include_bytes!("../fonts/SourceSans3-SemiboldIt.ttf")),
    ("SourceSans3-Bold.ttf", include_bytes!("../fonts/SourceSans3-Bold.ttf")),
    ("SourceSans3-BoldIt.ttf", include_bytes!("../fonts/SourceSans3-BoldIt.ttf")),
];

/// The embedded fonts, parsed once per process.
pub struct Fonts {
    book: LazyHash<FontBook>,
    fonts: Vec<Font>,
}

impl Fonts {
    /// The fonts embedded in the binary.
    pub fn embedded() -> &'static Fonts {
        static FONTS: OnceLock<Fonts> = OnceLock::new();
        FONTS.get_or_init(|| {
            let fonts: Vec<Font> = FONT_FILES
                .iter()
                .flat_map(|(_, data)| Font::iter(Bytes::new(*data)))
                .collect();
            let book = FontBook::from_fonts(&fonts);
            Fonts { book: LazyHash::new(book), fonts }
        })
    }

    /// Whether the regular face has a glyph for `c`.
    pub fn covers(&self, c: char) -> bool {
        self.fonts.first().is_some_and(|f| f.info().coverage.contains(c as u32))
    }

    /// The family names shipped.
    pub fn families(&self) -> Vec<String> {
        let mut names: Vec<String> = self.book.families().map(|(name, _)| name.to_owned()).collect();
        names.dedup();
        names
    }
}

fn library() -> &'static LazyHash<Library> {
    static LIBRARY: OnceLock<LazyHash<Library>> = OnceLock::new();
    LIBRARY.get_or_init(|| LazyHash::new(Library::builder().build()))
}

/// A Typst world with one source file and the embedded fonts: no file system, no network, no
/// system fonts, no clock.
pub struct DocWorld {
    main: Source,
    fonts: &'static Fonts,
    today: Option<Datetime>,
}

impl DocWorld {
    /// A world whose main file, named `name`, holds `markup`; `today` answers `datetime.today()`.
    pub fn new(name: &str, markup: String, today: Option<Date>) -> Self {
        let vpath = VirtualPath::new(name).unwrap_or_else(|_| VirtualPath::new("main.typ").expect("valid path"));
        let id = FileId::new(RootedPath::new(VirtualRoot::Project, vpath));
        Self {
            main: Source::new(id, markup),
            fonts: Fonts::embedded(),
            today: today.and_then(|d| Datetime::from_ymd(d.year(), d.month(), d.day())),
        }
    }

    /// Replaces the markup, keeping the file id so that Typst's caches stay warm.
    pub fn set_markup(&mut self, markup: &str) {
        self.main.replace(markup);
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
        if id == self.main.id() {
            Ok(self.main.clone())
        } else {
            Err(FileError::AccessDenied)
        }
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

/// A problem Typst reported, located in the generated markup.
#[derive(Clone, Debug)]
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
        let first = self.problems.first().map_or("unknown error", |p| p.message.as_str());
        write!(f, "typst failed: {first}")
    }
}

impl std::error::Error for TypesetError {}

/// Settings of the PDF export.
#[derive(Clone, Debug)]
pub struct PdfSettings {
    /// A stable identifier of the document (the PDF's /ID is derived from it).
    pub ident: String,
    /// The creation date (PDF/A requires one); midnight UTC of this day.
    pub date: Date,
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
                    w.hints.push("only the fonts in `fonts/` are available".into());
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

/// Exports a laid-out document as tagged PDF conforming to PDF/A-2a and PDF/UA-1.
pub fn export_pdf(world: &DocWorld, doc: &PagedDocument, settings: &PdfSettings) -> Result<Vec<u8>, TypesetError> {
    let standards = PdfStandards::new(&[PdfStandard::A_2a, PdfStandard::Ua_1]).map_err(|e| TypesetError {
        problems: vec![TypstProblem { is_error: true, message: e.message().to_string(), hints: e.hints().iter().map(ToString::to_string).collect(), range: None }],
    })?;
    let d = settings.date;
    let timestamp = Datetime::from_ymd_hms(d.year(), d.month(), d.day(), 0, 0, 0).map(Timestamp::new_utc);
    let options = PdfOptions {
        ident: Smart::Custom(settings.ident.clone()),
        creator: Smart::Custom(Some(format!("perspektiv {}", env!("CARGO_PKG_VERSION")))),
        timestamp,
        page_ranges: None,
        standards,
        tagged: true,
        pretty: false,
    };
    typst_pdf::pdf(doc, &options).map_err(|errors| TypesetError { problems: problems(world, &errors) })
}

/// The text of the laid-out document, page by page, as a reader would copy it.
pub fn document_text(doc: &PagedDocument) -> String {
    use typst::layout::{Frame, FrameItem};
    fn walk(frame: &Frame, out: &mut String) {
        for (_, item) in frame.items() {
            match item {
                FrameItem::Group(g) => walk(&g.frame, out),
                FrameItem::Text(t) => {
                    out.push_str(&t.text);
                    out.push(' ');
                }
                _ => {}
            }
        }
    }
    let mut out = String::new();
    for page in doc.pages() {
        walk(&page.frame, &mut out);
        out.push('\n');
    }
    out
}
