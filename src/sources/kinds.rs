//! The kinds of source files: the one list that loading, `schema`, `fmt` and `watch` read. Each
//! kind has its file name, whether there is one per year or one for all years, the type it
//! deserializes into (and so its loader, its JSON Schema and its formatter).

use std::marker::PhantomData;
use std::path::{Path, PathBuf};

use anyhow::Context;
use schemars::{JsonSchema, Schema};
use serde::de::DeserializeOwned;

use super::{
    AppendicesFile, DocumentFile, GoalsFile, GroupsFile, KoladaFile, Loaded, MembersFile, PartiesFile,
    Report, SourceTree, load_file,
};
use crate::sources::DirTree;

/// A kind of source file, with the type `T` it deserializes into.
pub struct Typed<T> {
    /// The kind's name, also the schema's file stem (`goals`).
    pub name: &'static str,
    /// The source file's name (`goals.toml`).
    pub file: &'static str,
    /// Whether there is one such file per year (`<year>/goals.toml`) or one for all years.
    pub per_year: bool,
    model: PhantomData<fn() -> T>,
}

impl<T> Typed<T> {
    const fn new(name: &'static str, file: &'static str, per_year: bool) -> Self {
        Self { name, file, per_year, model: PhantomData }
    }

    /// The file's path relative to the sources folder: `2023/goals.toml`, `parties.toml`.
    pub fn rel(&self, year: i32) -> PathBuf {
        if self.per_year { Path::new(&year.to_string()).join(self.file) } else { PathBuf::from(self.file) }
    }
}

impl<T: DeserializeOwned> Typed<T> {
    /// Loads the file of `year` (or the shared one), adding its problems to `report`
    /// ([`load_file`]).
    pub fn load(&self, tree: &dyn SourceTree, year: i32, report: &mut Report) -> Option<Loaded<T>> {
        load_file::<T>(tree, &self.rel(year), report)
    }
}

impl<T: crate::fmt::Model + JsonSchema> Typed<T> {
    /// The kind whatever its type, as [`ALL`] lists it.
    const fn kind(&self) -> Kind {
        Kind {
            name: self.name,
            file: self.file,
            per_year: self.per_year,
            generate: crate::schema::generate::<T>,
            format: crate::fmt::format_kind::<T>,
        }
    }
}

/// Per year: document metadata and chapters.
pub const DOCUMENT: Typed<DocumentFile> = Typed::new("document", "document.toml", true);
/// Per year: goals and indicators.
pub const GOALS: Typed<GoalsFile> = Typed::new("goals", "goals.toml", true);
/// Per year: people and their roles.
pub const MEMBERS: Typed<MembersFile> = Typed::new("members", "members.toml", true);
/// Per year: bodies and remits.
pub const GROUPS: Typed<GroupsFile> = Typed::new("groups", "groups.toml", true);
/// Per year: Bilaga 2 entries and calendars.
pub const APPENDICES: Typed<AppendicesFile> = Typed::new("appendices", "appendices.toml", true);
/// Shared: the parties.
pub const PARTIES: Typed<PartiesFile> = Typed::new("parties", "parties.toml", false);
/// Shared: the Kolada KPI catalogue.
pub const KOLADA: Typed<KoladaFile> = Typed::new("kolada", "kolada.toml", false);

/// Every kind of source file: the per-year files in loading order, then the shared ones.
pub const ALL: [Kind; 7] = [
    DOCUMENT.kind(),
    GOALS.kind(),
    MEMBERS.kind(),
    GROUPS.kind(),
    APPENDICES.kind(),
    PARTIES.kind(),
    KOLADA.kind(),
];

/// One kind of source file whatever its type: its name, file, schema and formatter.
#[derive(Clone, Copy)]
pub struct Kind {
    /// The kind's name, also the schema's file stem (`goals`).
    pub name: &'static str,
    /// The source file's name (`goals.toml`).
    pub file: &'static str,
    /// Whether there is one such file per year (`<year>/goals.toml`) or one for all years.
    pub per_year: bool,
    generate: fn() -> Schema,
    /// Loads a file of this kind (relative to the sources folder) and formats it
    /// ([`crate::fmt`]).
    pub(crate) format: crate::fmt::FormatFile,
}

impl std::fmt::Debug for Kind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Kind")
            .field("name", &self.name)
            .field("file", &self.file)
            .field("per_year", &self.per_year)
            .finish()
    }
}

impl Kind {
    /// The schema's file name (`goals.schema.json`).
    pub fn schema_file(&self) -> String {
        format!("{}.schema.json", self.name)
    }

    /// The `#:schema` line a source file of this kind starts with, relative to the file.
    pub fn directive(&self) -> String {
        let up = if self.per_year { "../" } else { "" };
        format!("#:schema {up}{}/{}", crate::schema::DIR, self.schema_file())
    }

    /// The schema as written: pretty JSON with sorted keys and one final newline.
    pub fn render(&self) -> String {
        let mut text = serde_json::to_string_pretty(&(self.generate)()).unwrap_or_default();
        text.push('\n');
        text
    }
}

/// The kinds with one file per year, in loading order.
pub fn per_year() -> impl Iterator<Item = &'static Kind> {
    ALL.iter().filter(|k| k.per_year)
}

/// Whether `name` is the name of a shared source file (`parties.toml`), at the top of the
/// sources folder.
pub fn is_shared(name: &str) -> bool {
    ALL.iter().any(|k| !k.per_year && k.file == name)
}

/// The kind of a source file, by its path relative to the sources folder (`2023/goals.toml`,
/// `parties.toml`).
pub fn kind_of(rel: &Path) -> Option<Kind> {
    let name = rel.file_name()?.to_str()?;
    let per_year = rel.parent().is_some_and(|p| !p.as_os_str().is_empty());
    ALL.into_iter().find(|k| k.file == name && k.per_year == per_year)
}

/// The source files that exist, relative to the sources folder, with their kinds: the shared
/// files, then each year's, oldest year first.
///
/// Errors: the sources folder cannot be listed.
pub fn existing(tree: &DirTree) -> anyhow::Result<Vec<(PathBuf, Kind)>> {
    let mut all: Vec<(PathBuf, Kind)> =
        ALL.iter().filter(|k| !k.per_year).map(|k| (PathBuf::from(k.file), *k)).collect();
    let years = super::year_folders(tree).with_context(|| crate::t!("error-read", path = tree.root()))?;
    for year in years {
        all.extend(per_year().map(|k| (Path::new(&year.to_string()).join(k.file), *k)));
    }
    all.retain(|(rel, _)| tree.root().join(rel).is_file());
    Ok(all)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_by_path() {
        assert_eq!(kind_of(Path::new("2023/goals.toml")).map(|k| k.name), Some("goals"));
        assert_eq!(kind_of(Path::new("parties.toml")).map(|k| k.name), Some("parties"));
        assert!(kind_of(Path::new("goals.toml")).is_none());
        assert!(kind_of(Path::new("2023/parties.toml")).is_none());
        assert!(kind_of(Path::new("2023/notes.toml")).is_none());
    }

    #[test]
    fn directives() {
        let d: Vec<String> = ALL.iter().map(Kind::directive).collect();
        assert_eq!(d[1], "#:schema ../schema/goals.schema.json");
        assert_eq!(d[5], "#:schema schema/parties.schema.json");
    }

    #[test]
    fn typed_paths() {
        assert_eq!(GOALS.rel(2023), Path::new("2023/goals.toml"));
        assert_eq!(PARTIES.rel(2023), Path::new("parties.toml"));
        assert!(is_shared("kolada.toml") && !is_shared("goals.toml"));
    }
}
