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
//! field list serde's derive hands to `deserialize_struct`; toml_edit sorts each table in place
//! by it, and the printer below writes the sorted document in the layout above. Before anything
//! is written the result is checked: it must deserialize to exactly the same model, keep every
//! comment, and format to itself.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Result, bail};
use serde::de::DeserializeOwned;
use toml_edit::{Array, InlineTable, Item, Key, Table, Value};

use crate::console::Console;
use crate::diagnostics::{KeyPath, Location, Problem};
use crate::sources::de::FieldOrders;
use crate::sources::{self, DirTree, Report, SourceTree, text};
use crate::t;

/// Arrays longer than this many columns on one line (with their key) are written one element per
/// line.
pub const WIDTH: usize = 100;

/// `perspektiv fmt [--check]`.
pub fn run(sources: &Path, check: bool) -> Result<ExitCode> {
    if !sources.is_dir() {
        bail!(t!("error-no-sources-folder", folder = sources));
    }
    let console = Console::default();
    let tree = DirTree::new(sources);
    let mut report = Report::default();
    let mut changed = Vec::new();
    let mut internal = Vec::new();
    let files = sources::kinds::existing(&tree)?;
    for (rel, kind) in &files {
        // `None`: the file does not load, its problems are in `report`; `Err`: formatting
        // would have changed the content.
        match (kind.format)(&tree, rel, &mut report) {
            Some(Ok(Formatted { path, old, new })) if old != new => changed.push((path, new)),
            Some(Ok(_)) | None => {}
            Some(Err(e)) => internal.push(e),
        }
    }
    if !report.problems.is_empty() {
        console.problems(&report.problems, &report.texts);
    }
    for e in &internal {
        console.error(&t!("fmt-internal-error", error = e.to_string()));
    }
    if report.has_errors() || !internal.is_empty() {
        let n = report.problems.iter().filter(|p| p.is_error()).count() + internal.len();
        let written = if check { String::new() } else { t!("summary-nothing-written") };
        console.error(&format!("{}{written}", t!("fmt-failed", errors = n)));
        if !internal.is_empty() {
            console.line(&format!("{}: {}", t!("prefix-hint"), t!("fmt-bug")));
        }
        return Ok(ExitCode::from(1));
    }
    if check && !changed.is_empty() {
        for (path, _) in &changed {
            console.out(&path.display().to_string());
        }
        console.error(&t!("fmt-not-formatted", files = changed.len()));
        return Ok(ExitCode::from(1));
    }
    for (path, text) in &changed {
        crate::output::write_atomic(path, text.as_bytes())?;
        console.out(&path.display().to_string());
    }
    if changed.is_empty() {
        console.line(&t!("fmt-all-formatted", files = files.len()));
    } else {
        console.line(&t!("fmt-formatted", files = changed.len()));
    }
    Ok(ExitCode::SUCCESS)
}

/// A file and its text before and after formatting.
pub(crate) struct Formatted {
    path: PathBuf,
    old: String,
    new: String,
}

/// How [`sources::kinds::Kind`] loads a file of its kind (the usual located errors are added to
/// the report; then `None`) and formats it ([`format_kind`] for its type); `Some(Err)` is an
/// internal error.
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
                report.problems.push(Problem::error(Location::file(&path), crate::msg!("not-formatted")));
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
        .map_err(|e| t!("error-fmt-does-not-load", error = e.message().trim_end()))?;
    if &again != model {
        return Err(t!("error-fmt-other-content"));
    }
    let (before, after) = (comments(text), comments(&out));
    if before != after {
        let lost = before.iter().find(|c| !after.contains(c)).map_or("", String::as_str);
        return Err(t!("error-fmt-lost-comment", comment = lost));
    }
    if canonical::<T>(&out)? != out {
        return Err(t!("error-fmt-unstable"));
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

/// The canonical text, without the checks: the file's own first lines, then the document sorted
/// in place into its types' field order and printed with normalised whitespace and comments.
fn canonical<T: Model>(text: &str) -> Result<String, String> {
    let (header, rest) = split_header(text);
    let parsed = toml_edit::Document::parse(rest.to_owned()).map_err(|e| e.message().to_owned())?;
    let orders = sources::de::field_orders::<T>(&parsed)
        .map_err(|e| format!("the file's structure could not be read: {e}"))?;
    let mut doc = parsed.into_mut();
    sort_table(doc.as_table_mut(), &KeyPath::root(), &orders);
    let mut e = Emitter { out: String::new(), after_header: usize::MAX };
    e.block(&header, false);
    e.values(doc.as_table(), "");
    e.tables(doc.as_table(), &[]);
    e.block(&lines(doc.trailing().as_str().unwrap_or("")), true);
    let out = e.out.trim_end_matches('\n');
    Ok(if out.is_empty() { String::new() } else { format!("{out}\n") })
}

// ------------------------------------------------------------------------------------------
// Field order, from the types

/// The order of two keys by where they come in `fields`; keys not in it (map keys) after the
/// known ones.
fn by_fields(fields: &[&str], a: &Key, b: &Key) -> std::cmp::Ordering {
    let rank = |k: &Key| fields.iter().position(|f| *f == k.get()).unwrap_or(usize::MAX);
    rank(a).cmp(&rank(b))
}

/// Sorts the keys of a table and of every table under it (inline ones too) in place into the
/// field order of the struct each deserializes into; tables that are maps (track id → tasks)
/// have none and keep their order, as do arrays of tables (it is the document's order).
fn sort_table(table: &mut Table, path: &KeyPath, orders: &FieldOrders) {
    if let Some(&fields) = orders.get(path) {
        table.sort_values_by(|a, _, b, _| by_fields(fields, a, b));
    }
    for (key, item) in table.iter_mut() {
        let here = path.key(key.get());
        match item {
            Item::Table(t) => sort_table(t, &here, orders),
            Item::ArrayOfTables(a) => {
                for (i, t) in a.iter_mut().enumerate() {
                    sort_table(t, &here.index(i), orders);
                }
            }
            Item::Value(v) => sort_value(v, &here, orders),
            Item::None => {}
        }
    }
}

fn sort_value(value: &mut Value, path: &KeyPath, orders: &FieldOrders) {
    match value {
        Value::InlineTable(table) => {
            if let Some(&fields) = orders.get(path) {
                table.sort_values_by(|a, _, b, _| by_fields(fields, a, b));
            }
            for (key, v) in table.iter_mut() {
                sort_value(v, &path.key(key.get()), orders);
            }
        }
        Value::Array(a) => {
            for (i, v) in a.iter_mut().enumerate() {
                sort_value(v, &path.index(i), orders);
            }
        }
        _ => {}
    }
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

/// The comments of a list of lines (inside arrays, blank lines are not kept).
fn comment_lines(raw: &str) -> impl Iterator<Item = String> {
    lines(raw).into_iter().filter_map(|l| match l {
        Line::Comment(c) => Some(c),
        Line::Blank => None,
    })
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

/// Splits the file's own first lines (the `#:schema` line and the comment that describes the
/// whole file) off the text, so that they stay at the top when the item they precede moves: of
/// the comment lines before the first item, those up to the last blank one; without a blank
/// line, the `#:` directives. A file of comments alone keeps them all where they are.
fn split_header(text: &str) -> (Vec<Line>, &str) {
    let mut lead = Vec::new();
    let mut item = false;
    for piece in text.split_inclusive('\n') {
        let l = line(piece);
        if matches!(&l, Line::Comment(c) if !c.starts_with('#')) {
            item = true;
            break;
        }
        lead.push((l, piece.len()));
    }
    let cut = match lead.iter().rposition(|(l, _)| *l == Line::Blank) {
        Some(i) => i + 1,
        None => lead.iter().take_while(|(l, _)| matches!(l, Line::Comment(c) if c.starts_with("#:"))).count(),
    };
    if !item {
        return (Vec::new(), text);
    }
    let len = lead[..cut].iter().map(|(_, n)| n).sum::<usize>();
    (lead.into_iter().take(cut).map(|(l, _)| l).collect(), &text[len..])
}

// ------------------------------------------------------------------------------------------
// Writing

struct Emitter {
    out: String,
    /// The length of `out` right after the last table header: a header that directly follows an
    /// empty table's header (`[[chapter.block]]` then `[chapter.block.aside]`) stays next to it.
    after_header: usize,
}

/// The entries of a table with their keys (and so the keys' comments).
fn entries(table: &Table) -> impl Iterator<Item = (&Key, &Item)> {
    table.iter().filter_map(|(k, item)| table.key(k).map(|key| (key, item)))
}

impl Emitter {
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
        let Some(first) = lines.iter().position(|l| *l != Line::Blank) else { return };
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

    /// Ends a line, after its comment if it has one.
    fn end_line(&mut self, comment: Option<String>) {
        if let Some(c) = comment {
            self.out.push(' ');
            self.out.push_str(&c);
        }
        self.out.push('\n');
    }

    /// The key-values of a table (dotted keys included), each after its comments.
    fn values(&mut self, table: &Table, dotted: &str) {
        for (key, item) in entries(table) {
            match item {
                Item::Value(v) => {
                    self.block(&prefix(key.leaf_decor()), true);
                    let lead = format!("{dotted}{} = ", key_repr(key.get()));
                    let _ = write!(self.out, "{lead}{}", value(v, 0, lead.chars().count()));
                    self.end_line(suffix(v.decor()));
                }
                Item::Table(t) if t.is_dotted() => {
                    self.block(&prefix(key.leaf_decor()), true);
                    self.values(t, &format!("{dotted}{}.", key_repr(key.get())));
                }
                _ => {}
            }
        }
    }

    /// The tables under a table, in canonical order, each with its header.
    fn tables(&mut self, table: &Table, header: &[String]) {
        for (key, item) in entries(table) {
            let mut header = header.to_vec();
            header.push(key_repr(key.get()));
            match item {
                Item::Table(t) if t.is_dotted() || (t.is_implicit() && t.get_values().is_empty()) => {
                    self.tables(t, &header);
                }
                Item::Table(t) => self.table(t, &header, false),
                Item::ArrayOfTables(a) => {
                    for t in a.iter() {
                        self.table(t, &header, true);
                    }
                }
                _ => {}
            }
        }
    }

    /// A table with its header: `[a.b]`, or `[[a.b]]` for an element of an array of tables.
    fn table(&mut self, t: &Table, keys: &[String], array: bool) {
        let comments = prefix(t.decor());
        if self.out.len() != self.after_header || comments.iter().any(|l| *l != Line::Blank) {
            self.blank();
        }
        self.block(&comments, false);
        let (open, close) = if array { ("[[", "]]") } else { ("[", "]") };
        let _ = write!(self.out, "{open}{}{close}", keys.join("."));
        self.end_line(suffix(t.decor()));
        self.after_header = self.out.len();
        self.values(t, "");
        self.tables(t, keys);
    }
}

/// A value as written after `key = `; `indent` is the indentation of the line it is on and
/// `lead` the width of what comes before it on that line.
fn value(v: &Value, indent: usize, lead: usize) -> String {
    match v {
        Value::String(s) => quote(s.value()),
        Value::Integer(i) => Value::from(*i.value()).to_string(),
        Value::Float(f) => Value::from(*f.value()).to_string(),
        Value::Boolean(b) => Value::from(*b.value()).to_string(),
        Value::Datetime(d) => Value::from(*d.value()).to_string(),
        Value::Array(a) => array(a, indent, lead),
        Value::InlineTable(t) => inline_table(t),
    }
}

/// An array on one line when it fits and carries no comments, else one element per line.
fn array(a: &Array, indent: usize, lead: usize) -> String {
    let (elems, trailing) = array_comments(a);
    let one_line: Vec<String> = a.iter().map(|v| value(v, indent, 0)).collect();
    let single = format!("[{}]", one_line.join(", "));
    let commented = elems.iter().any(|e| !e.before.is_empty() || e.after.is_some()) || !trailing.is_empty();
    let wide = indent + lead + single.chars().count() > WIDTH;
    if !commented && !single.contains('\n') && (!wide || a.is_empty()) {
        return single;
    }
    let pad = " ".repeat(indent + 2);
    let mut s = String::from("[\n");
    for (v, e) in a.iter().zip(&elems) {
        for c in &e.before {
            let _ = writeln!(s, "{pad}{c}");
        }
        let _ = write!(s, "{pad}{},", value(v, indent + 2, 0));
        if let Some(c) = &e.after {
            let _ = write!(s, " {c}");
        }
        s.push('\n');
    }
    for c in trailing {
        let _ = writeln!(s, "{pad}{c}");
    }
    s.push_str(&" ".repeat(indent));
    s.push(']');
    s
}

/// An inline table on its line, arrays inside it too.
fn inline_table(t: &InlineTable) -> String {
    if t.is_empty() {
        return "{}".to_owned();
    }
    let parts: Vec<String> = t
        .iter()
        .map(|(k, v)| {
            let value = match v {
                Value::Array(a) => {
                    format!("[{}]", a.iter().map(|v| value(v, 0, 0)).collect::<Vec<_>>().join(", "))
                }
                v => value(v, 0, 0),
            };
            format!("{} = {value}", key_repr(k))
        })
        .collect();
    format!("{{ {} }}", parts.join(", "))
}

/// The comments around one array element.
struct Element {
    /// Whole-line comments before it.
    before: Vec<String>,
    /// A comment on its line, after it.
    after: Option<String>,
}

/// The comments of each element, and the whole-line comments before the closing bracket. A
/// comment after an element's comma is in the next element's prefix (or the array's trailing
/// text), on that prefix's first line; it goes with the element before, if that has none.
fn array_comments(a: &Array) -> (Vec<Element>, Vec<String>) {
    let mut elems: Vec<Element> = Vec::new();
    let mut before = Vec::new();
    let prefixes = a.iter().map(|v| v.decor().prefix()).chain([Some(a.trailing())]);
    for (i, raw) in prefixes.enumerate() {
        let raw = raw.and_then(|p| p.as_str()).unwrap_or("");
        let (first, rest) = raw.split_once('\n').unwrap_or((raw, ""));
        if let Some(c) = same_line_comment(Some(first)) {
            match elems.last_mut() {
                Some(prev) if prev.after.is_none() => prev.after = Some(c),
                // Dropped: the check after formatting names the lost comment.
                Some(_) if i == a.len() => {}
                _ => before.push(c),
            }
        }
        if raw.contains('\n') {
            before.extend(comment_lines(rest));
        }
        if let Some(v) = a.get(i) {
            elems.push(Element { before: std::mem::take(&mut before), after: suffix(v.decor()) });
        }
    }
    (elems, before)
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
mod tests;
