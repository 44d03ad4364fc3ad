//! The TOML model of the sources and its loading: one module per source file kind.
//!
//! Loading reads every file of a year (and the shared `parties.toml` and `kolada.toml`),
//! deserializes each strictly, and keeps the parsed TOML with its spans so that every later
//! problem can point at file, line, column and key.

pub mod appendices;
pub mod common;
pub mod de;
pub mod document;
pub mod git;
pub mod goals;
pub mod groups;
pub mod ids;
pub mod index;
pub mod kinds;
pub mod members;
pub mod parties;
pub mod text;
pub mod values;

use std::io;
use std::ops::Range;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;
use toml_edit::{Item, Table, TableLike, Value};

use crate::diagnostics::{FileTexts, KeyPath, Location, Problem, Seg};
use crate::{msg, t};

pub use appendices::AppendicesFile;
pub use document::DocumentFile;
pub use goals::GoalsFile;
pub use groups::GroupsFile;
pub use members::MembersFile;
pub use parties::{KoladaFile, PartiesFile};

/// The Swedish spellings accepted for enum values besides the ASCII ones (a test checks that each
/// is accepted), role names also capitalised as they start a line (`Ordförande`; roles are read
/// whatever their case). The JSON Schemas list them; messages list only the ASCII values.
pub const ALIASES: [(&str, &str); 8] = [
    ("ordforande", "ordförande"),
    ("ordforande", "Ordförande"),
    ("vice-ordforande", "vice ordförande"),
    ("vice-ordforande", "Vice ordförande"),
    ("ersattare", "ersättare"),
    ("ersattare", "Ersättare"),
    ("rad", "råd"),
    ("stodstruktur", "stödstruktur"),
];

/// Where sources are read from: a folder on disk, or a git tree.
pub trait SourceTree: Sync {
    /// Reads a file relative to the sources root; `Ok(None)` if it does not exist.
    fn read(&self, rel: &Path) -> io::Result<Option<Vec<u8>>>;
    /// Names of the entries of a folder relative to the root (empty if it does not exist).
    fn list(&self, rel: &Path) -> io::Result<Vec<String>>;
    /// How a file is named in messages.
    fn display(&self, rel: &Path) -> PathBuf;
}

/// Sources in a folder on disk.
pub struct DirTree {
    root: PathBuf,
}

impl DirTree {
    /// Sources under `root`.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        Self { root: root.into() }
    }

    /// The folder.
    pub fn root(&self) -> &Path {
        &self.root
    }
}

impl SourceTree for DirTree {
    fn read(&self, rel: &Path) -> io::Result<Option<Vec<u8>>> {
        match std::fs::read(self.root.join(rel)) {
            Ok(bytes) => Ok(Some(bytes)),
            Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e),
        }
    }

    fn list(&self, rel: &Path) -> io::Result<Vec<String>> {
        let dir = self.root.join(rel);
        if !dir.is_dir() {
            return Ok(Vec::new());
        }
        let mut names = Vec::new();
        for entry in std::fs::read_dir(dir)? {
            names.push(entry?.file_name().to_string_lossy().into_owned());
        }
        names.sort();
        Ok(names)
    }

    fn display(&self, rel: &Path) -> PathBuf {
        self.root.join(rel)
    }
}

/// The folders named as a year (`2023`), oldest first, whether or not they hold sources.
pub fn year_folders(tree: &dyn SourceTree) -> io::Result<Vec<i32>> {
    let mut years: Vec<i32> =
        tree.list(Path::new(""))?.iter().filter(|n| n.len() == 4).filter_map(|n| n.parse().ok()).collect();
    years.sort_unstable();
    Ok(years)
}

/// The years that have sources (a year folder with a `document.toml`), oldest first.
pub fn years(tree: &dyn SourceTree) -> io::Result<Vec<i32>> {
    let mut years = Vec::new();
    for year in year_folders(tree)? {
        if tree.list(Path::new(&year.to_string()))?.iter().any(|n| n == kinds::DOCUMENT.file) {
            years.push(year);
        }
    }
    Ok(years)
}

/// Whether a file name is an editor's scratch or backup file (`goals.toml~`, `.#goals.toml`,
/// `#goals.toml#`, `.goals.toml.swp`, vim's `4913`) or one of perspektiv's own temporary files
/// (`.perspektiv-*.tmp`): never a source, and never a change worth a rebuild.
pub fn is_scratch(name: &str) -> bool {
    name.ends_with('~')
        || name.starts_with(".#")
        || (name.starts_with('#') && name.ends_with('#'))
        || [".swp", ".swo", ".swx", ".tmp", ".bak", ".orig"].iter().any(|ext| name.ends_with(ext))
        || name == "4913"
        || (name.starts_with(".perspektiv-") && name.ends_with(".tmp"))
        || matches!(name, ".DS_Store" | "Thumbs.db" | "desktop.ini")
}

/// A parsed source file: the data, and the TOML with spans for locating problems.
#[derive(Debug)]
pub struct Loaded<T> {
    /// The deserialized data.
    pub data: T,
    /// The file as named in messages.
    pub path: PathBuf,
    doc: toml_edit::Document<String>,
}

impl<T> Loaded<T> {
    /// The location of a key path in this file.
    pub fn at(&self, key: KeyPath) -> Location {
        let span = span_of(&self.doc, &key);
        Location { file: self.path.clone(), span, key }
    }

    /// The parsed TOML document with spans.
    pub fn toml(&self) -> &toml_edit::Document<String> {
        &self.doc
    }
}

/// All sources of one year.
#[derive(Debug)]
pub struct Sources {
    /// The year.
    pub year: i32,
    /// The parties (shared by all years).
    pub parties: Loaded<PartiesFile>,
    /// The KPI catalogue (shared by all years).
    pub kolada: Loaded<KoladaFile>,
    /// Document metadata and chapters.
    pub document: Loaded<DocumentFile>,
    /// Goals and indicators.
    pub goals: Loaded<GoalsFile>,
    /// People and roles.
    pub members: Loaded<MembersFile>,
    /// Bodies and remits.
    pub groups: Loaded<GroupsFile>,
    /// Bilaga 2 entries and calendars.
    pub appendices: Loaded<AppendicesFile>,
    /// The indicator values of `values/*.json` (empty when the year has none).
    pub values: values::Values,
}

/// Problems found while loading or checking, with the file texts needed to show them.
#[derive(Default)]
pub struct Report {
    /// The problems: errors, warnings and notes.
    pub problems: Vec<Problem>,
    /// The texts of the files they point into.
    pub texts: FileTexts,
}

impl Report {
    /// Whether any problem is an error.
    pub fn has_errors(&self) -> bool {
        self.problems.iter().any(Problem::is_error)
    }
}

/// Loads the sources of `year`. On failure, every file's problems are reported together; on
/// success the report holds the texts of the files and the warnings and notes of loading (files
/// in the year's folder that are not read, records of the values that are skipped).
pub fn load(tree: &dyn SourceTree, year: i32) -> Result<(Sources, Report), Report> {
    let mut report = Report::default();
    let dir = PathBuf::from(year.to_string());
    let names = tree.list(&dir).map_err(|e| io_report(tree, &dir, &e))?;
    if names.is_empty() {
        let mut problem = Problem::error(Location::file(tree.display(&dir)), msg!("no-sources", year = year));
        let known = years(tree).unwrap_or_default();
        let list: Vec<String> = known.iter().map(i32::to_string).collect();
        let hint = match known.last() {
            Some(newest) if *newest < year => {
                msg!("no-sources-hint.new", years = list.join(", "), year = year, newest = newest).text()
            }
            Some(_) => msg!("no-sources-hint", years = list.join(", ")).text(),
            None => msg!("no-sources-hint.no-years", folder = &tree.display(Path::new(""))).text(),
        };
        problem = problem.with_hint(hint);
        report.problems.push(problem);
        return Err(report);
    }
    unread_files(tree, &dir, &names, &mut report);

    let parties = kinds::PARTIES.load(tree, year, &mut report);
    let kolada = kinds::KOLADA.load(tree, year, &mut report);
    let document = kinds::DOCUMENT.load(tree, year, &mut report);
    let goals = kinds::GOALS.load(tree, year, &mut report);
    let members = kinds::MEMBERS.load(tree, year, &mut report);
    let groups = kinds::GROUPS.load(tree, year, &mut report);
    let appendices = kinds::APPENDICES.load(tree, year, &mut report);

    // The values are checked against the parties and the KPI catalogue.
    let values = match (&parties, &kolada) {
        (Some(parties), Some(kolada)) => {
            let goals = goals.as_ref().map(|g| &g.data);
            values::load(tree, year, &parties.data, &kolada.data, goals, &mut report)
        }
        _ => values::Values::default(),
    };

    match (parties, kolada, document, goals, members, groups, appendices) {
        (
            Some(parties),
            Some(kolada),
            Some(document),
            Some(goals),
            Some(members),
            Some(groups),
            Some(appendices),
        ) if !report.has_errors() => {
            let sources =
                Sources { year, parties, kolada, document, goals, members, groups, appendices, values };
            Ok((sources, report))
        }
        _ => Err(report),
    }
}

/// A warning for each entry of the year's folder that perspektiv does not read (`notes.toml`,
/// `members (kopia).toml`): it would be silently left out of the document.
fn unread_files(tree: &dyn SourceTree, dir: &Path, names: &[String], report: &mut Report) {
    let year_files: Vec<&str> = kinds::per_year().map(|k| k.file).collect();
    let known: Vec<&str> = year_files.iter().copied().chain([values::DIR]).collect();
    for name in names {
        if known.contains(&name.as_str()) || name.starts_with('.') || is_scratch(name) {
            continue;
        }
        let files = crate::suggest::all_of(&year_files);
        let stems = year_files.iter().map(|f| f.trim_end_matches(".toml"));
        let hint = match crate::suggest::did_you_mean(name.trim_end_matches(".toml"), stems) {
            Some(meant) => crate::t!(
                "not-a-source-file.hint-copy",
                meant = format!("{meant}.toml"),
                files = files,
                values = values::DIR
            ),
            None => crate::t!("not-a-source-file.hint", files = files, values = values::DIR),
        };
        report.problems.push(
            Problem::warning(
                Location::file(tree.display(&dir.join(name))),
                msg!("not-a-source-file", name = name),
            )
            .with_hint(hint),
        );
    }
}

fn io_report(tree: &dyn SourceTree, rel: &Path, e: &io::Error) -> Report {
    Report {
        problems: vec![Problem::error(
            Location::file(tree.display(rel)),
            msg!("read-failed", file = tree.display(rel).display().to_string(), error = e.to_string()),
        )],
        texts: FileTexts::default(),
    }
}

/// Reads, parses and deserializes one file, adding its problems to `report`: every problem of
/// the file, each with its key path and place (see [`de`]).
pub fn load_file<T: DeserializeOwned>(
    tree: &dyn SourceTree,
    rel: &Path,
    report: &mut Report,
) -> Option<Loaded<T>> {
    let path = tree.display(rel);
    let bytes = match tree.read(rel) {
        Ok(Some(bytes)) => bytes,
        Ok(None) => {
            report.problems.push(Problem::error(
                Location::file(&path),
                msg!("missing-source-file", file = path.display().to_string()),
            ));
            return None;
        }
        Err(e) => {
            report.problems.push(Problem::error(
                Location::file(&path),
                msg!("read-failed", file = path.display().to_string(), error = e.to_string()),
            ));
            return None;
        }
    };
    let text = read_text(&path, &bytes, report)?;
    let (parsed, problems) = de::from_toml::<T>(&text);
    for p in problems {
        let mut problem =
            Problem::error(Location { file: path.clone(), span: p.span, key: p.key }, p.message);
        if let Some(hint) = p.hint {
            problem = problem.with_hint(hint);
        }
        if let Some((span, note)) = p.related {
            let at = Location { file: path.clone(), span: Some(span), key: KeyPath::root() };
            problem = problem.with_related(at, note);
        }
        report.problems.push(problem);
    }
    parsed.map(|(data, doc)| Loaded { data, path, doc })
}

/// The text of a file's bytes, normalised (see [`text`]) and recorded in `report` for messages;
/// `None` after recording the problem when the bytes are not UTF-8.
pub fn read_text(path: &Path, bytes: &[u8], report: &mut Report) -> Option<String> {
    match text::decode(bytes) {
        Ok((text, _)) => {
            report.texts.insert(path, &text);
            Some(text)
        }
        Err(e) => {
            report.texts.insert(path, &e.lossy);
            report.problems.push(
                Problem::error(
                    Location {
                        file: path.to_owned(),
                        span: Some(e.offset..e.offset + 1),
                        key: KeyPath::root(),
                    },
                    msg!("not-utf8"),
                )
                .with_hint(t!("not-utf8.hint")),
            );
            None
        }
    }
}

#[derive(Clone, Copy)]
enum Node<'a> {
    Item(&'a Item),
    Table(&'a Table),
    Value(&'a Value),
}

impl<'a> Node<'a> {
    fn span(self) -> Option<Range<usize>> {
        match self {
            Node::Item(Item::Value(v)) | Node::Value(v) => v.span(),
            Node::Item(Item::Table(t)) | Node::Table(t) => t.span(),
            Node::Item(Item::ArrayOfTables(a)) => a.span(),
            Node::Item(Item::None) => None,
        }
    }

    fn table_like(self) -> Option<&'a dyn TableLike> {
        match self {
            Node::Item(item) => item.as_table_like(),
            Node::Table(t) => Some(t),
            Node::Value(Value::InlineTable(t)) => Some(t),
            Node::Value(_) => None,
        }
    }

    fn index(self, i: usize) -> Option<Node<'a>> {
        match self {
            Node::Item(Item::ArrayOfTables(a)) => a.get(i).map(Node::Table),
            Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                a.get(i).map(Node::Value)
            }
            _ => None,
        }
    }
}

/// The byte range of the value at `key`, or of the nearest enclosing key that exists.
pub fn span_of(doc: &toml_edit::Document<String>, key: &KeyPath) -> Option<Range<usize>> {
    let mut node = Node::Item(doc.as_item());
    let mut best = None;
    for seg in &key.0 {
        let next = match seg {
            Seg::Key(k) => node.table_like().and_then(|t| t.get_key_value(k)).map(|(key, item)| {
                if let Some(span) = key.span() {
                    best = Some(span);
                }
                Node::Item(item)
            }),
            Seg::Index(i) => node.index(*i),
        };
        match next {
            Some(n) => {
                node = n;
                if let Some(span) = n.span() {
                    best = Some(span);
                }
            }
            None => break,
        }
    }
    best
}

/// Every string value of a TOML document with its key path and span.
pub fn strings(doc: &toml_edit::Document<String>) -> Vec<(KeyPath, &str, Option<Range<usize>>)> {
    fn walk<'a>(node: Node<'a>, path: KeyPath, out: &mut Vec<(KeyPath, &'a str, Option<Range<usize>>)>) {
        match node {
            Node::Item(Item::Value(v)) | Node::Value(v) => match v {
                Value::String(s) => out.push((path, s.value().as_str(), s.span())),
                Value::Array(a) => {
                    for (i, v) in a.iter().enumerate() {
                        walk(Node::Value(v), path.index(i), out);
                    }
                }
                Value::InlineTable(t) => {
                    for (k, v) in t.iter() {
                        walk(Node::Value(v), path.key(k), out);
                    }
                }
                _ => {}
            },
            Node::Item(Item::Table(t)) | Node::Table(t) => {
                for (k, item) in t.iter() {
                    walk(Node::Item(item), path.key(k), out);
                }
            }
            Node::Item(Item::ArrayOfTables(a)) => {
                for (i, t) in a.iter().enumerate() {
                    walk(Node::Table(t), path.index(i), out);
                }
            }
            Node::Item(Item::None) => {}
        }
    }
    let mut out = Vec::new();
    walk(Node::Item(doc.as_item()), KeyPath::root(), &mut out);
    out
}
