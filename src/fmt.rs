//! `perspektiv fmt`: rewrites the TOML sources in one canonical layout, so that a git diff of the
//! sources shows what changed in the content, never how it was typed.
//!
//! Canonical means: the keys of every table (inline ones too) in the field order of the Rust
//! struct it deserializes into; arrays of tables in their order (it is the document's order);
//! values first, then the table headers, each header after one blank line; `key = value` with
//! single spaces; strings in double quotes, text with line breaks in `"""` blocks with its
//! content exactly as it was; numbers, booleans and dates as toml_edit prints them; arrays on one
//! line when they fit in [`WIDTH`] columns and carry no comments, else one element per line;
//! no trailing whitespace; one final newline. Comments stay with what they precede, the first
//! lines of a file (the `#:schema` line and the file's own comment) stay at the top. A file keeps
//! its line endings (CRLF when its first line ends so, as Git for Windows may check it out) and
//! its byte order mark; the text inside is read with `\n` line breaks, so a multi-line string
//! never gains a `\r`.
//!
//! The field order comes from the types themselves: the sources' own loader
//! ([`crate::sources::de::field_orders`]) reads the file once more and notes, for every table, the
//! field list serde's derive hands to `deserialize_struct`. Before anything is written the result
//! is checked:
//! it must deserialize to exactly the same model, keep every comment, and format to itself.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::de::DeserializeOwned;
use toml_edit::{Array, DocumentMut, InlineTable, Item, Key, Table, Value};

use crate::diagnostics::DiagnosticFormat;
use crate::diagnostics::{Location, Problem, Seg};
use crate::output::plural;
use crate::sources::{self, DirTree, Report, SourceTree, text};

/// Arrays longer than this many columns on one line (with their key) are written one element per
/// line.
pub const WIDTH: usize = 100;

/// `perspektiv fmt [--check]`.
pub fn run(sources: &Path, check: bool) -> Result<ExitCode> {
    if !sources.is_dir() {
        bail!(
            "the sources folder `{}` does not exist; run perspektiv in the project folder or pass `--sources DIR`",
            sources.display()
        );
    }
    let tree = DirTree::new(sources);
    let mut report = Report::default();
    let mut changed = Vec::new();
    let mut internal = Vec::new();
    let files = sources::kinds::existing(&tree)?;
    for rel in &files {
        match format_file(&tree, rel, &mut report) {
            Some(Ok(Formatted { path, old, new })) if old != new => changed.push((path, new)),
            Some(Ok(_)) | None => {}
            Some(Err(e)) => internal.push(e),
        }
    }
    if !report.problems.is_empty() {
        crate::build::print_problems(&report.problems, &report.texts, DiagnosticFormat::Human);
    }
    for e in &internal {
        eprintln!("error: internal error: {e}");
    }
    if report.has_errors() || !internal.is_empty() {
        let n = report.problems.iter().filter(|p| p.is_error()).count() + internal.len();
        let written = if check { "" } else { "; nothing was written" };
        eprintln!("error: {} while formatting the sources{written}", plural(n, "error"));
        if !internal.is_empty() {
            eprintln!("hint: this is a bug in perspektiv; please report it with the file");
        }
        return Ok(ExitCode::from(1));
    }
    if check {
        for (path, _) in &changed {
            println!("{}", path.display());
        }
        if changed.is_empty() {
            eprintln!("the {} are formatted", plural(files.len(), "source file"));
            return Ok(ExitCode::SUCCESS);
        }
        eprintln!("error: {} not formatted; run `perspektiv fmt`", is_are(changed.len()));
        return Ok(ExitCode::from(1));
    }
    for (path, text) in &changed {
        crate::output::write_atomic(path, text.as_bytes())?;
        println!("{}", path.display());
    }
    if changed.is_empty() {
        eprintln!("the {} are formatted", plural(files.len(), "source file"));
    } else {
        eprintln!("formatted {}", plural(changed.len(), "file"));
    }
    Ok(ExitCode::SUCCESS)
}

fn is_are(n: usize) -> String {
    if n == 1 { "1 source file is".to_owned() } else { format!("{n} source files are") }
}

/// A file and its text before and after formatting.
pub(crate) struct Formatted {
    path: PathBuf,
    old: String,
    new: String,
}

/// Loads one file with the usual located errors (added to `report`; then `None`) and formats it.
/// `Some(Err)` is an internal error: formatting would have changed the content.
fn format_file(tree: &DirTree, rel: &Path, report: &mut Report) -> Option<Result<Formatted, String>> {
    (sources::kinds::kind_of(rel)?.format)(tree, rel, report)
}

/// How [`sources::kinds::Kind`] formats a file of its kind: [`format_kind`] for its type.
pub(crate) type FormatFile = fn(&DirTree, &Path, &mut Report) -> Option<Result<Formatted, String>>;

/// [`FormatFile`] for the files that deserialize into `T`.
pub(crate) fn format_kind<T: Model>(
    tree: &DirTree,
    rel: &Path,
    report: &mut Report,
) -> Option<Result<Formatted, String>> {
    let loaded = sources::load_file::<T>(tree, rel, report)?;
    // The text as read has `\n` line breaks and no byte order mark; the file keeps its own.
    let text = loaded.toml().raw().to_owned();
    let path = tree.display(rel);
    let bytes = tree.read(rel).ok().flatten().unwrap_or_default();
    let style = text::decode(&bytes).map(|(_, style)| style).unwrap_or_default();
    let old = String::from_utf8_lossy(&bytes).into_owned();
    Some(
        format_model(&text, &loaded.data)
            .map(|new| Formatted { path: path.clone(), old, new: style.apply(&new).into_owned() })
            .map_err(|e| {
                report
                    .problems
                    .push(Problem::error(Location::file(&path), "the file could not be formatted"));
                format!("`{}`: {e}", path.display())
            }),
    )
}

/// What a source file deserializes into.
pub trait Model: DeserializeOwned + PartialEq + std::fmt::Debug {}
impl<T: DeserializeOwned + PartialEq + std::fmt::Debug> Model for T {}

/// The canonical text of a source file whose content deserializes into `T`; an error (a message)
/// when the text is not valid or formatting would not keep the content.
pub fn format<T: Model>(text: &str) -> Result<String, String> {
    let model: T = toml_edit::de::from_str(text).map_err(|e| e.message().trim_end().to_owned())?;
    format_model(text, &model)
}

fn format_model<T: Model>(text: &str, model: &T) -> Result<String, String> {
    let out = canonical::<T>(text)?;
    let again: T = toml_edit::de::from_str(&out)
        .map_err(|e| format!("the formatted text does not load: {}", e.message().trim_end()))?;
    if &again != model {
        return Err("the formatted text does not load to the same content".to_owned());
    }
    let (before, after) = (comments(text), comments(&out));
    if before != after {
        let lost = before.iter().find(|c| !after.contains(c)).map_or("", String::as_str);
        return Err(format!("formatting would lose the comment `{lost}`"));
    }
    if canonical::<T>(&out)? != out {
        return Err("formatting is not stable on this file".to_owned());
    }
    Ok(out)
}

/// The comments of a TOML text, trimmed, sorted.
fn comments(text: &str) -> Vec<String> {
    let source = toml_parser::Source::new(text);
    let mut all: Vec<String> = source
        .lex()
        .filter(|t| t.kind() == toml_parser::lexer::TokenKind::Comment)
        .filter_map(|t| text.get(t.span().start()..t.span().end()))
        .map(|c| c.trim_end().to_owned())
        .collect();
    all.sort();
    all
}

/// The canonical text, without the checks.
fn canonical<T: Model>(text: &str) -> Result<String, String> {
    let mut doc: DocumentMut = text.parse().map_err(|e: toml_edit::TomlError| e.message().to_owned())?;
    let orders = field_orders::<T>(text)?;
    let header = take_file_header(&mut doc);
    let mut e = Emitter { out: String::new(), orders: &orders, after_header: usize::MAX };
    e.block(&header, false);
    let root = doc.as_table();
    e.values(root, &[], "");
    e.tables(root, &[], &[]);
    e.block(&lines(doc.trailing().as_str().unwrap_or("")), true);
    let mut out = e.out.trim_end_matches('\n').to_owned();
    if !out.is_empty() {
        out.push('\n');
    }
    Ok(out)
}

// ------------------------------------------------------------------------------------------
// Field order, from the types

/// A path to a table: keys and array indices, as in every message's key path.
type TomlPath = Vec<Seg>;

fn push(path: &[Seg], seg: Seg) -> TomlPath {
    let mut p = path.to_vec();
    p.push(seg);
    p
}

/// The field order of the struct each table deserializes into, by the table's path. Tables that
/// are maps (track id → tasks) have none and keep their order.
type Orders = HashMap<TomlPath, &'static [&'static str]>;

/// The field orders, from the sources' own loader reading the file into `T`.
fn field_orders<T: Model>(text: &str) -> Result<Orders, String> {
    let doc = toml_edit::Document::parse(text.to_owned()).map_err(|e| e.message().to_owned())?;
    let orders = sources::de::field_orders::<T>(&doc)
        .map_err(|e| format!("the file's structure could not be read: {e}"))?;
    Ok(orders.into_iter().map(|(path, fields)| (path.0, fields)).collect())
}

// ------------------------------------------------------------------------------------------
// Comments and blank lines

/// A line of the whitespace and comments before an item.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Line {
    Blank,
    Comment(String),
}

/// The lines of a decor prefix or of the text at the end of the file. After the last line
/// break comes the indentation of the item (dropped), or at the end of a file a last comment.
fn lines(raw: &str) -> Vec<Line> {
    let mut pieces: Vec<&str> = raw.split('\n').collect();
    if pieces.last().is_some_and(|p| p.trim().is_empty()) {
        pieces.pop();
    }
    pieces.into_iter().map(line).collect()
}

fn line(s: &str) -> Line {
    let s = s.trim();
    if s.is_empty() { Line::Blank } else { Line::Comment(s.to_owned()) }
}

/// A comment on the same line after a value or header (`# sic`), from a decor suffix.
fn same_line_comment(raw: Option<&str>) -> Option<String> {
    let raw = raw?.trim();
    raw.starts_with('#').then(|| raw.to_owned())
}

fn prefix(decor: &toml_edit::Decor) -> Vec<Line> {
    lines(decor.prefix().and_then(|p| p.as_str()).unwrap_or(""))
}

fn suffix(decor: &toml_edit::Decor) -> Option<String> {
    same_line_comment(decor.suffix().and_then(|s| s.as_str()))
}

/// Takes the file's own first lines (the `#:schema` line and the comment that describes the
/// whole file) off the item that comes first, so that they stay at the top when that item moves.
/// They are the lines up to the last blank one; without a blank line, the `#:` directives.
fn take_file_header(doc: &mut DocumentMut) -> Vec<Line> {
    fn split(decor: &mut toml_edit::Decor) -> Vec<Line> {
        let all = prefix(decor);
        let cut = match all.iter().rposition(|l| *l == Line::Blank) {
            Some(i) => i + 1,
            None => all.iter().take_while(|l| matches!(l, Line::Comment(c) if c.starts_with("#:"))).count(),
        };
        let rest: String = all[cut..].iter().map(|l| render_line(l) + "\n").collect();
        decor.set_prefix(rest);
        all[..cut].to_vec()
    }
    let root = doc.as_table_mut();
    // Key-values at the top come before any header; the first of them (inside a dotted key, the
    // first key of it).
    let mut table = &mut *root;
    let mut found = false;
    loop {
        let first = table
            .iter()
            .find(|(_, i)| i.is_value() || i.as_table().is_some_and(Table::is_dotted))
            .map(|(k, i)| (k.to_owned(), i.is_value()));
        match first {
            Some((key, true)) => {
                found = true;
                if let Some(mut k) = table.key_mut(&key) {
                    return split(k.leaf_decor_mut());
                }
                break;
            }
            Some((key, false)) => match table.get_mut(&key).and_then(Item::as_table_mut) {
                Some(t) => table = t,
                None => break,
            },
            None => break,
        }
    }
    if found {
        return Vec::new();
    }
    // No key-value at the top: the first table header in the text.
    match first_header_path(root).and_then(|first| table_at_mut(root, &first)) {
        Some(t) => split(t.decor_mut()),
        None => Vec::new(),
    }
}

/// The path (keys, and indices into arrays of tables) of the header that comes first in the text.
fn first_header_path(root: &Table) -> Option<TomlPath> {
    fn walk(t: &Table, path: &TomlPath, best: &mut Option<(isize, TomlPath)>) {
        for (key, item) in t.iter() {
            let here = push(path, Seg::Key(key.to_owned()));
            match item {
                Item::Table(t) => {
                    consider(t, &here, best);
                    walk(t, &here, best);
                }
                Item::ArrayOfTables(a) => {
                    for (i, t) in a.iter().enumerate() {
                        let elem = push(&here, Seg::Index(i));
                        consider(t, &elem, best);
                        walk(t, &elem, best);
                    }
                }
                _ => {}
            }
        }
    }
    fn consider(t: &Table, path: &TomlPath, best: &mut Option<(isize, TomlPath)>) {
        if t.is_implicit() || t.is_dotted() {
            return;
        }
        if let Some(p) = t.position()
            && best.as_ref().is_none_or(|(b, _)| p < *b)
        {
            *best = Some((p, path.clone()));
        }
    }
    let mut best = None;
    walk(root, &Vec::new(), &mut best);
    best.map(|(_, p)| p)
}

fn table_at_mut<'a>(root: &'a mut Table, path: &[Seg]) -> Option<&'a mut Table> {
    let mut t = root;
    let mut segs = path.iter().peekable();
    while let Some(seg) = segs.next() {
        let Seg::Key(key) = seg else { return None };
        let item = t.get_mut(key)?;
        t = match item {
            Item::Table(t) => t,
            Item::ArrayOfTables(a) => match segs.next() {
                Some(Seg::Index(i)) => a.get_mut(*i)?,
                _ => return None,
            },
            _ => return None,
        };
    }
    Some(t)
}

fn render_line(l: &Line) -> String {
    match l {
        Line::Blank => String::new(),
        Line::Comment(c) => c.clone(),
    }
}

// ------------------------------------------------------------------------------------------
// Writing

struct Emitter<'a> {
    out: String,
    orders: &'a Orders,
    /// The length of `out` right after the last table header: a header that directly follows an
    /// empty table's header (`[[chapter.block]]` then `[chapter.block.aside]`) stays next to it.
    after_header: usize,
}

impl Emitter<'_> {
    /// One blank line, unless at the top or after one already.
    fn blank(&mut self) {
        if !self.out.is_empty() && !self.out.ends_with("\n\n") {
            self.out.push('\n');
        }
    }

    /// The comment lines before an item. Blank lines are kept (one of a run) only around
    /// comments: before the first comment when `keep_leading`, between comments, and between the
    /// last comment and the item.
    fn block(&mut self, lines: &[Line], keep_leading: bool) {
        let first = lines.iter().position(|l| *l != Line::Blank);
        let Some(first) = first else { return };
        if keep_leading && first > 0 {
            self.blank();
        }
        for l in &lines[first..] {
            match l {
                Line::Blank => self.blank(),
                Line::Comment(c) => {
                    self.out.push_str(c);
                    self.out.push('\n');
                }
            }
        }
    }

    fn order(&self, path: &[Seg]) -> Option<&'static [&'static str]> {
        self.orders.get(path).copied()
    }

    /// The keys of a table in canonical order: the struct's field order, then any other keys in
    /// their order (map keys).
    fn sorted<'t>(&self, table: &'t Table, path: &[Seg]) -> Vec<(&'t Key, &'t Item)> {
        let mut entries: Vec<(&Key, &Item)> =
            table.iter().filter_map(|(k, item)| table.key(k).map(|key| (key, item))).collect();
        sort_by_fields(&mut entries, self.order(path), |(k, _)| k.get());
        entries
    }

    /// The key-values of a table (dotted keys included), each after its comments.
    fn values(&mut self, table: &Table, path: &[Seg], dotted: &str) {
        for (key, item) in self.sorted(table, path) {
            let here = push(path, Seg::Key(key.get().to_owned()));
            match item {
                Item::Value(v) => {
                    self.block(&prefix(key.leaf_decor()), true);
                    let lead = format!("{dotted}{} = ", key_repr(key.get()));
                    let value = self.value(v, &here, 0, lead.chars().count());
                    self.out.push_str(&lead);
                    self.out.push_str(&value);
                    if let Some(c) = suffix(v.decor()) {
                        self.out.push(' ');
                        self.out.push_str(&c);
                    }
                    self.out.push('\n');
                }
                Item::Table(t) if t.is_dotted() => {
                    self.block(&prefix(key.leaf_decor()), true);
                    self.values(t, &here, &format!("{dotted}{}.", key_repr(key.get())));
                }
                _ => {}
            }
        }
    }

    /// The tables under a table, in canonical order, each with its header.
    fn tables(&mut self, table: &Table, path: &[Seg], header: &[String]) {
        for (key, item) in self.sorted(table, path) {
            let here = push(path, Seg::Key(key.get().to_owned()));
            let mut header = header.to_vec();
            header.push(key_repr(key.get()));
            match item {
                Item::Table(t) if t.is_dotted() || (t.is_implicit() && !has_values(t)) => {
                    self.tables(t, &here, &header);
                }
                Item::Table(t) => self.table(t, &here, &header, false),
                Item::ArrayOfTables(a) => {
                    for (i, t) in a.iter().enumerate() {
                        self.table(t, &push(&here, Seg::Index(i)), &header, true);
                    }
                }
                _ => {}
            }
        }
    }

    /// A table with its header: `[a.b]`, or `[[a.b]]` for an element of an array of tables.
    fn table(&mut self, t: &Table, path: &[Seg], keys: &[String], array: bool) {
        let comments = prefix(t.decor());
        if self.out.len() != self.after_header || comments.iter().any(|l| *l != Line::Blank) {
            self.blank();
        }
        self.block(&comments, false);
        let (open, close) = if array { ("[[", "]]") } else { ("[", "]") };
        let _ = write!(self.out, "{open}{}{close}", keys.join("."));
        if let Some(c) = suffix(t.decor()) {
            self.out.push(' ');
            self.out.push_str(&c);
        }
        self.out.push('\n');
        self.after_header = self.out.len();
        self.values(t, path, "");
        self.tables(t, path, keys);
    }

    /// A value as written after `key = `; `indent` is the indentation of the line it is on and
    /// `lead` the width of what comes before it on that line.
    fn value(&self, v: &Value, path: &[Seg], indent: usize, lead: usize) -> String {
        match v {
            Value::String(s) => quote(s.value()),
            Value::Integer(i) => Value::from(*i.value()).to_string(),
            Value::Float(f) => Value::from(*f.value()).to_string(),
            Value::Boolean(b) => Value::from(*b.value()).to_string(),
            Value::Datetime(d) => Value::from(*d.value()).to_string(),
            Value::Array(a) => self.array(a, path, indent, lead),
            Value::InlineTable(t) => self.inline_table(t, path),
        }
    }

    fn array(&self, a: &Array, path: &[Seg], indent: usize, lead: usize) -> String {
        let elems = array_elements(a);
        let one_line: Vec<String> =
            a.iter().enumerate().map(|(i, v)| self.value(v, &push(path, Seg::Index(i)), indent, 0)).collect();
        let single = format!("[{}]", one_line.join(", "));
        let commented =
            elems.iter().any(|e| !e.before.is_empty() || e.after.is_some()) || !array_trailing(a).is_empty();
        let wide = indent + lead + single.chars().count() > WIDTH;
        if !commented && !single.contains('\n') && (!wide || a.is_empty()) {
            return single;
        }
        let pad = " ".repeat(indent + 2);
        let mut s = String::from("[\n");
        for (i, (v, e)) in a.iter().zip(&elems).enumerate() {
            for c in &e.before {
                let _ = writeln!(s, "{pad}{c}");
            }
            let value = self.value(v, &push(path, Seg::Index(i)), indent + 2, 0);
            let _ = write!(s, "{pad}{value},");
            if let Some(c) = &e.after {
                let _ = write!(s, " {c}");
            }
            s.push('\n');
        }
        for c in array_trailing(a) {
            let _ = writeln!(s, "{pad}{c}");
        }
        s.push_str(&" ".repeat(indent));
        s.push(']');
        s
    }

    fn inline_table(&self, t: &InlineTable, path: &[Seg]) -> String {
        let mut entries: Vec<(&str, &Value)> = t.iter().collect();
        sort_by_fields(&mut entries, self.order(path), |(k, _)| k);
        if entries.is_empty() {
            return "{}".to_owned();
        }
        let parts: Vec<String> = entries
            .iter()
            .map(|(k, v)| {
                let here = push(path, Seg::Key((*k).to_owned()));
                let value = match v {
                    // Inside an inline table everything stays on its line.
                    Value::Array(a) => {
                        let items: Vec<String> = a
                            .iter()
                            .enumerate()
                            .map(|(i, v)| self.value(v, &push(&here, Seg::Index(i)), 0, 0))
                            .collect();
                        format!("[{}]", items.join(", "))
                    }
                    v => self.value(v, &here, 0, 0),
                };
                format!("{} = {value}", key_repr(k))
            })
            .collect();
        format!("{{ {} }}", parts.join(", "))
    }
}

fn has_values(t: &Table) -> bool {
    t.iter().any(|(_, i)| i.is_value() || i.as_table().is_some_and(Table::is_dotted))
}

/// Sorts entries by the position of their key in `fields`; keys not in it keep their order after
/// the known ones.
fn sort_by_fields<E>(entries: &mut [E], fields: Option<&[&str]>, key: impl Fn(&E) -> &str) {
    let Some(fields) = fields else { return };
    entries.sort_by_key(|e| fields.iter().position(|f| *f == key(e)).unwrap_or(usize::MAX));
}

/// The comments around one array element.
struct Element {
    /// Whole-line comments before it.
    before: Vec<String>,
    /// A comment on its line, after it.
    after: Option<String>,
}

/// The comments of each element. A comment after an element's comma is in the next element's
/// prefix (or the array's trailing text), on that prefix's first line.
fn array_elements(a: &Array) -> Vec<Element> {
    let mut elems: Vec<Element> = Vec::new();
    for v in a.iter() {
        let raw = v.decor().prefix().and_then(|p| p.as_str()).unwrap_or("");
        let (first, rest) = raw.split_once('\n').unwrap_or((raw, ""));
        let mut before = Vec::new();
        if let Some(c) = same_line_comment(Some(first)) {
            match elems.last_mut() {
                Some(prev) if prev.after.is_none() => prev.after = Some(c),
                _ => before.push(c),
            }
        }
        if raw.contains('\n') {
            before.extend(lines(rest).into_iter().filter_map(|l| match l {
                Line::Comment(c) => Some(c),
                Line::Blank => None,
            }));
        }
        let after = same_line_comment(v.decor().suffix().and_then(|s| s.as_str()));
        elems.push(Element { before, after });
    }
    if let Some(c) = array_trailing_first(a)
        && let Some(last) = elems.last_mut()
        && last.after.is_none()
    {
        last.after = Some(c);
    }
    elems
}

fn array_trailing_first(a: &Array) -> Option<String> {
    let raw = a.trailing().as_str().unwrap_or("");
    same_line_comment(Some(raw.split('\n').next().unwrap_or("")))
}

/// Whole-line comments before the closing bracket (and a same-line comment after the last comma
/// when there is no element to attach it to).
fn array_trailing(a: &Array) -> Vec<String> {
    let raw = a.trailing().as_str().unwrap_or("");
    let (first, rest) = raw.split_once('\n').unwrap_or((raw, ""));
    let mut out = Vec::new();
    if a.is_empty()
        && let Some(c) = same_line_comment(Some(first))
    {
        out.push(c);
    }
    if raw.contains('\n') {
        out.extend(lines(rest).into_iter().filter_map(|l| match l {
            Line::Comment(c) => Some(c),
            Line::Blank => None,
        }));
    }
    out
}

/// A key as written: bare when it can be, else a basic string.
fn key_repr(key: &str) -> String {
    let bare = !key.is_empty() && key.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
    if bare { key.to_owned() } else { quote_line(key) }
}

/// A string value: `"…"` on one line, or a `"""` block when the text has line breaks.
pub fn quote(s: &str) -> String {
    if s.contains('\n') { quote_block(s) } else { quote_line(s) }
}

fn escape_control(c: char, out: &mut String) {
    match c {
        '\u{8}' => out.push_str("\\b"),
        '\t' => out.push_str("\\t"),
        '\n' => out.push_str("\\n"),
        '\u{c}' => out.push_str("\\f"),
        '\r' => out.push_str("\\r"),
        c => {
            let _ = write!(out, "\\u{:04X}", u32::from(c));
        }
    }
}

fn is_control(c: char) -> bool {
    c.is_ascii_control()
}

fn quote_line(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_control(c) => escape_control(c, &mut out),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line basic string. The line break after the opening `"""` is not part of the text;
/// quotes are escaped only where three would meet or the text ends with one; whitespace at the
/// end of a line is escaped (the last character of it) so that no line ends in whitespace.
fn quote_block(s: &str) -> String {
    let chars: Vec<char> = s.chars().collect();
    let mut out = String::with_capacity(s.len() + 8);
    out.push_str("\"\"\"\n");
    for (i, &c) in chars.iter().enumerate() {
        let next = chars.get(i + 1).copied();
        match c {
            '\n' => out.push('\n'),
            '\\' => out.push_str("\\\\"),
            '"' if next.is_none_or(|n| n == '"') => out.push_str("\\\""),
            ' ' | '\t' if next.is_none_or(|n| n == '\n' || n == '\r') && next.is_some() => {
                let _ = write!(out, "\\u{:04X}", u32::from(c));
            }
            '\t' => out.push('\t'),
            c if is_control(c) => escape_control(c, &mut out),
            c => out.push(c),
        }
    }
    out.push_str("\"\"\"");
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::document::Block;

    fn fmt<T: Model>(text: &str) -> String {
        match format::<T>(text) {
            Ok(out) => out,
            Err(e) => panic!("{e}\n---\n{text}"),
        }
    }

    const MEMBERS: &str = r#"#:schema ../schema/members.schema.json
# The people.

[[member]]
party = "S"   # since 2022
name = 'Anna Andersson'
id = "anna-andersson"
# her title
title = "kommunalråd"

[[member.role]]
until = 2026-12-31
role = "ledamot"
body = "styrgrupp"
"#;

    #[test]
    fn keys_follow_the_struct_order_and_comments_move_with_them() {
        let out = fmt::<crate::sources::MembersFile>(MEMBERS);
        assert_eq!(
            out,
            r#"#:schema ../schema/members.schema.json
# The people.

[[member]]
id = "anna-andersson"
name = "Anna Andersson"
# her title
title = "kommunalråd"
party = "S" # since 2022

[[member.role]]
body = "styrgrupp"
role = "ledamot"
until = 2026-12-31
"#
        );
    }

    #[test]
    fn the_file_header_stays_at_the_top() {
        let text = "#:schema ../schema/goals.schema.json\n# about the goals\ntarget_year = 2030\nbaseline_year = 2020\n\n[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"x\"\n";
        let out = fmt::<crate::sources::GoalsFile>(text);
        assert_eq!(
            out,
            "#:schema ../schema/goals.schema.json\nbaseline_year = 2020\n# about the goals\ntarget_year = 2030\n\n[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"x\"\n"
        );
        let text = "#:schema ../schema/goals.schema.json\n# The goals.\n\ntarget_year = 2030\nbaseline_year = 2020\n\n[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"x\"\n";
        let out = fmt::<crate::sources::GoalsFile>(text);
        assert!(
            out.starts_with(
                "#:schema ../schema/goals.schema.json\n# The goals.\n\nbaseline_year = 2020\ntarget_year"
            ),
            "{out}"
        );
    }

    #[test]
    fn quoting() -> Result<(), Box<dyn std::error::Error>> {
        let cases = [
            ("plain", r#""plain""#),
            ("a \"quote\" and \\", r#""a \"quote\" and \\""#),
            ("tab\there", r#""tab\there""#),
            ("bell\u{7}", r#""bell\u0007""#),
            ("line\n", "\"\"\"\nline\n\"\"\""),
            ("\nstarts with a break", "\"\"\"\n\nstarts with a break\"\"\""),
            ("\"\"\" three\n", "\"\"\"\n\\\"\\\"\" three\n\"\"\""),
            ("ends with \"\nand \"", "\"\"\"\nends with \"\nand \\\"\"\"\""),
            ("hard break  \nnext\n", "\"\"\"\nhard break \\u0020\nnext\n\"\"\""),
            ("crlf\r\nx", "\"\"\"\ncrlf\\r\nx\"\"\""),
            ("back\\slash\n", "\"\"\"\nback\\\\slash\n\"\"\""),
        ];
        for (value, expected) in cases {
            assert_eq!(quote(value), expected, "{value:?}");
            let doc: DocumentMut = format!("x = {expected}\n").parse()?;
            assert_eq!(doc["x"].as_str(), Some(value), "{expected}");
        }
        Ok(())
    }

    #[test]
    fn literal_and_multiline_strings_become_canonical() {
        let text = "title = 'Titel'\nsubtitle = '''\nEn \"rad\"\n'''\nyear = 2030\ndate = 2030-01-01\nauthor = \"\"\"x\"\"\"\nsubject = \"s\"\nrunning_header = \"r\"\n\n[cover]\nparties_prefix = \"K\"\n";
        let out = fmt::<crate::sources::DocumentFile>(text);
        assert!(out.starts_with("title = \"Titel\"\nsubtitle = \"\"\"\nEn \"rad\"\n\"\"\"\nyear = 2030\ndate = 2030-01-01\nauthor = \"x\"\n"), "{out}");
    }

    #[test]
    fn blocks_and_inline_tables() {
        let text = r#"title = "T"
subtitle = "S"
year = 2030
date = 2030-05-05
author = "A"
subject = "S"
running_header = "R"
[cover]
parties_prefix = "K"
[[chapter]]
title = "Kapitel"
id = "kapitel"
[[chapter.block]]
members = {until = 2030-12-31, body = "styrgrupp",from=2030-01-01}
[[chapter.block]]
goals = {}
[[chapter.block]]
org_chart = { legend = "L", root = "rad" }
"#;
        let out = fmt::<crate::sources::DocumentFile>(text);
        assert!(out.contains("\n\n[[chapter]]\nid = \"kapitel\"\ntitle = \"Kapitel\"\n"), "{out}");
        assert!(
            out.contains("members = { body = \"styrgrupp\", from = 2030-01-01, until = 2030-12-31 }\n"),
            "{out}"
        );
        assert!(out.contains("goals = {}\n"), "{out}");
        assert!(out.contains("org_chart = { root = \"rad\", legend = \"L\" }\n"), "{out}");
        assert!(out.contains("\n\n[cover]\nparties_prefix"), "{out}");
        let _: Option<Block> = None;
    }

    #[test]
    fn arrays_wrap_when_long_or_commented_and_keep_their_comments() {
        let text = r#"[[calendar]]
id = "c"
[[calendar.track]]
id = "t"
label = "T"
[[calendar.month]]
month = 1
[calendar.month.tasks]
t = [
  "Kort.",
]
u = ["Ett.", # the first
  # before the second
  "Två.",
  # at the end
]
v = ["En mycket lång uppgift som inte får plats på en rad.", "Och en till som gör raden alldeles för lång."]
"#;
        let out = fmt::<crate::sources::AppendicesFile>(text);
        assert!(out.contains("t = [\"Kort.\"]\n"), "{out}");
        assert!(
            out.contains(
                "u = [\n  \"Ett.\", # the first\n  # before the second\n  \"Två.\",\n  # at the end\n]\n"
            ),
            "{out}"
        );
        assert!(out.contains("v = [\n  \"En mycket lång"), "{out}");
    }

    #[test]
    fn blank_lines_and_whitespace() {
        let text = "[[party]]   \n\n\n  id   =   \"a\"  \n\nname = \"A\"\nofficial_name = \"A kommun\"\ncode = \"1234\"\nkind = \"municipality\"\n[[party]]\n\n\n# second\n\n\n\nid = \"b\"\nname = \"B\"\nofficial_name = \"B kommun\"\ncode = \"1235\"\nkind = \"municipality\"\n\n\n# the end\n\n\n";
        let out = fmt::<crate::sources::PartiesFile>(text);
        assert_eq!(
            out,
            "[[party]]\nid = \"a\"\nname = \"A\"\nofficial_name = \"A kommun\"\ncode = \"1234\"\nkind = \"municipality\"\n\n[[party]]\n\n# second\n\nid = \"b\"\nname = \"B\"\nofficial_name = \"B kommun\"\ncode = \"1235\"\nkind = \"municipality\"\n\n# the end\n"
        );
    }

    #[test]
    fn idempotent_on_the_examples() {
        let out = fmt::<crate::sources::MembersFile>(MEMBERS);
        assert_eq!(fmt::<crate::sources::MembersFile>(&out), out);
    }

    #[test]
    fn content_errors_are_reported_not_formatted() {
        assert!(
            format::<crate::sources::MembersFile>("[[member]]\nid = \"a\"\nname = \"A\"\ntitel = \"x\"\n")
                .is_err()
        );
        assert!(format::<crate::sources::MembersFile>("[[member]\n").is_err());
    }

    #[test]
    fn comments_inside_inline_tables_are_not_dropped_silently() {
        let text =
            "[[member]]\nid = \"a\"\nname = \"A\"\n\n[[member.role]]\nbody = \"b\"\nrole = \"ledamot\"\n";
        assert!(format::<crate::sources::MembersFile>(text).is_ok());
        assert_eq!(comments("a = 1 # x\nb = \"# not a comment\"\n"), vec!["# x".to_owned()]);
    }
}
