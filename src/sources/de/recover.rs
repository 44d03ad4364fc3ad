//! Parsing a TOML source file, setting aside the values TOML cannot read (`date = 2023-13-01`,
//! `amount = 2,5`, `direction = up`) so that the rest of the file is still read and every such
//! value is reported: the value on its `key = value` line is replaced by a placeholder of the same
//! length (so every other offset stays right), and its key is hidden from deserialization.

use std::collections::BTreeSet;
use std::ops::Range;

use toml_edit::{Item, Value};
use toml_parser::lexer::TokenKind;

use super::deserializer::Node;
use super::{Located, MAX_PROBLEMS, short};
use crate::diagnostics::KeyPath;
use crate::i18n::{Lang, Msg};
use crate::{msg, t};

/// A parsed document, the key paths of the values that were set aside (replaced by placeholders),
/// and the problems of those values.
pub(super) type ParsedToml = (toml_edit::Document<String>, BTreeSet<KeyPath>, Vec<Located>);

/// The parsed document; the key paths of values that were replaced by placeholders; the problems
/// of those values. `Err` when the file has a problem that parsing cannot get past.
pub(super) fn parse(text: &str) -> Result<ParsedToml, Vec<Located>> {
    let mut current = text.to_owned();
    let mut patched: Vec<Range<usize>> = Vec::new();
    let mut problems: Vec<Located> = Vec::new();
    loop {
        match toml_edit::Document::parse(current.clone()) {
            Ok(doc) => {
                // Now that the file parses, the values set aside have key paths.
                for p in &mut problems {
                    if let Some(key) = p.span.as_ref().and_then(|span| path_of_value(&doc, span.start)) {
                        p.key = key;
                    }
                    // A key given twice: the key path of the definition that is read.
                    let first_value = p.related.as_ref().and_then(|(first, _)| {
                        let line = &current[first.clone()];
                        let value = line.find('=')? + 1;
                        let value = value + (line[value..].len() - line[value..].trim_start().len());
                        path_of_value(&doc, first.start + value)
                    });
                    if let Some(key) = first_value {
                        p.key = key;
                    }
                }
                let hidden = patched.iter().filter_map(|r| path_of_value(&doc, r.start)).collect();
                return Ok((doc, hidden, problems));
            }
            Err(e) if e.message().starts_with("duplicate key") && problems.len() < MAX_PROBLEMS => {
                let Some(second) = e.span() else {
                    return Err(vec![syntax_error(&e)]);
                };
                let duplicate = duplicate(&current, second.clone());
                let line = line_of(&current, second.start);
                let recoverable = duplicate.kind == Defined::Key && single_line(&current[line.clone()]);
                problems.push(duplicate.problem);
                if !recoverable {
                    return Err(problems);
                }
                // Leave the second definition out (spaces keep every offset) and read on.
                let blank: String = current[line.clone()].chars().map(|c| " ".repeat(c.len_utf8())).collect();
                current.replace_range(line, &blank);
            }
            Err(e) => {
                let region = e.span().and_then(|s| scalar_region(&current, s.start));
                match region {
                    Some(region) if !patched.contains(&region) && problems.len() < MAX_PROBLEMS => {
                        let raw = &text[region.clone()];
                        let (message, hint) = unreadable_value(raw);
                        problems.push(Located {
                            key: KeyPath::root(),
                            span: Some(region.clone()),
                            message,
                            hint,
                            related: None,
                        });
                        current.replace_range(region.clone(), &placeholder(region.len()));
                        patched.push(region);
                    }
                    _ => {
                        problems.push(syntax_error(&e));
                        // Name the keys of the values set aside so far, as far as they are known.
                        return Err(problems);
                    }
                }
            }
        }
    }
}

/// A syntax error as a problem.
fn syntax_error(e: &toml_edit::TomlError) -> Located {
    Located {
        key: KeyPath::root(),
        span: e.span(),
        message: syntax_message(e.message(), crate::i18n::current()),
        hint: None,
        related: None,
    }
}

/// The message of a syntax error, from the parser's (`invalid basic string, expected `"``): what
/// is wrong, by its kind, and what was expected there, said in `lang`. A kind the catalogues do
/// not name (one the parser words with values of its own) keeps the parser's words inside the
/// message.
fn syntax_message(message: &str, lang: Lang) -> Msg {
    let message = tidy_toml_message(message);
    let (description, expected) = match message.split_once(", expected ") {
        Some((description, expected)) => (description, Some(expected)),
        None => (message.as_str(), None),
    };
    let problem = msg!("toml-syntax", kind = slug(description), description = description).text_in(lang);
    let expected = expected.map_or_else(String::new, |items| {
        let items: Vec<String> = items
            .split(", ")
            .map(|item| match item {
                // A character or word to type, as the parser quotes it (`"`, '`').
                _ if item.starts_with('`') || item.starts_with('\'') => item.to_owned(),
                _ => msg!("toml-expected-item", kind = slug(item), item = item).text_in(lang),
            })
            .collect();
        let items = match items.split_last() {
            Some((last, init)) if !init.is_empty() => {
                msg!("toml-expected.or", init = init.join(", "), last = last).text_in(lang)
            }
            _ => items.concat(),
        };
        msg!("toml-expected.after", items = items).text_in(lang)
    });
    msg!("invalid-toml", problem = problem, expected = expected)
}

/// The kind of a parser's description, as the catalogues select it: `invalid basic string` is
/// `invalid-basic-string`, `unexpected `=` in array` is `unexpected-in-array`.
fn slug(description: &str) -> String {
    let mut out = String::new();
    for c in description.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_owned()
}

/// What is defined twice.
#[derive(PartialEq, Eq)]
enum Defined {
    Key,
    Table,
}

/// A key or table defined twice, and its problem naming both places.
struct Duplicate {
    kind: Defined,
    problem: Located,
}

/// The problem of the key or table header at `second`, which repeats an earlier one: both places.
fn duplicate(text: &str, second: Range<usize>) -> Duplicate {
    let name = text[second.clone()].trim().trim_matches('"').to_owned();
    let line = line_of(text, second.start);
    let header = text[line.clone()].trim_start().starts_with('[');
    let before = &text[..line.start];
    let first = if header {
        let written = text[line.clone()].trim();
        // The same header earlier, or the key the table's name was first given as.
        find_line(before, 0, |l| l.trim() == written)
            .or_else(|| find_line(before, 0, |l| starts_with_key(l, &name)))
    } else {
        // In the same table: after the last header before the second definition.
        let section = before.rfind("\n[").map_or(0, |i| i + 1);
        find_line(before, section, |l| starts_with_key(l, &name))
    };
    let kind = if header { Defined::Table } else { Defined::Key };
    let (message, hint) = match kind {
        Defined::Table => (
            msg!("defined-twice", what = "table", name = text[line.clone()].trim()),
            t!("defined-twice.table-hint"),
        ),
        Defined::Key => {
            (msg!("defined-twice", what = "key", name = name.as_str()), t!("defined-twice.key-hint"))
        }
    };
    let related = first.map(|range| (range, t!("diag-first-defined-here")));
    Duplicate {
        kind,
        problem: Located { key: KeyPath::root(), span: Some(second), message, hint: Some(hint), related },
    }
}

/// The byte range of the line that contains `offset`, without its line break.
fn line_of(text: &str, offset: usize) -> Range<usize> {
    let start = text[..offset].rfind('\n').map_or(0, |i| i + 1);
    let end = text[offset..].find('\n').map_or(text.len(), |i| offset + i);
    let end = if text[..end].ends_with('\r') { end - 1 } else { end };
    start..end
}

/// The first line of `text` from byte `from` on that `matches`, as the range of its trimmed text.
fn find_line(text: &str, from: usize, matches: impl Fn(&str) -> bool) -> Option<Range<usize>> {
    let mut at = from;
    for line in text[from..].split_inclusive('\n') {
        if matches(line) {
            let indent = line.len() - line.trim_start().len();
            return Some(at + indent..at + line.trim_end().len());
        }
        at += line.len();
    }
    None
}

/// Whether a line defines `key` (`key = …`, `key.sub = …`, `"key" = …`).
fn starts_with_key(line: &str, key: &str) -> bool {
    let line = line.trim_start();
    let rest = line
        .strip_prefix(key)
        .or_else(|| line.strip_prefix(&format!("\"{key}\"")))
        .or_else(|| line.strip_prefix(&format!("'{key}'")));
    rest.is_some_and(|r| r.trim_start().starts_with(['=', '.']))
}

/// Whether a `key = value` line holds its whole value: no multi-line string, brackets closed.
fn single_line(line: &str) -> bool {
    !line.contains("\"\"\"")
        && !line.contains("'''")
        && line.matches('[').count() == line.matches(']').count()
        && line.matches('{').count() == line.matches('}').count()
}

/// A TOML value of `len` bytes that always parses: a string of spaces, or `0`.
fn placeholder(len: usize) -> String {
    match len {
        0 | 1 => "0".repeat(len),
        n => format!("\"{}\"", " ".repeat(n - 2)),
    }
}

/// toml_edit's message on one line.
fn tidy_toml_message(message: &str) -> String {
    message.trim_end().lines().map(str::trim).filter(|l| !l.is_empty()).collect::<Vec<_>>().join("; ")
}

/// The byte range of an unquoted value on a `key = value` line (or in an inline table) that
/// contains `offset`: the tokens after `=` up to the end of the line, a comment, or (inside an
/// inline table) the next `,` or `}`. `None` when `offset` is anywhere else.
fn scalar_region(text: &str, offset: usize) -> Option<Range<usize>> {
    let source = toml_parser::Source::new(text);
    let tokens: Vec<(TokenKind, Range<usize>)> =
        source.lex().map(|t| (t.kind(), t.span().start()..t.span().end())).collect();
    let at = tokens.iter().position(|(_, r)| r.contains(&offset) || (r.start == offset && r.is_empty()))?;
    if !matches!(tokens[at].0, TokenKind::Atom | TokenKind::Whitespace | TokenKind::Dot | TokenKind::Comma) {
        return None;
    }
    // Back to the `=`, over the value's own tokens.
    let mut i = at;
    let equals = loop {
        match tokens[i].0 {
            TokenKind::Equals => break i,
            TokenKind::Atom | TokenKind::Whitespace | TokenKind::Dot | TokenKind::Comma if i > 0 => i -= 1,
            _ => return None,
        }
    };
    // Before the `=`: a key, starting a line or following `{` or `,` of an inline table.
    let mut k = equals;
    let opener = loop {
        if k == 0 {
            break None;
        }
        k -= 1;
        match tokens[k].0 {
            TokenKind::Atom
            | TokenKind::Whitespace
            | TokenKind::Dot
            | TokenKind::BasicString
            | TokenKind::LiteralString => {}
            other => break Some(other),
        }
    };
    let inline = match opener {
        None | Some(TokenKind::Newline) => false,
        Some(TokenKind::LeftCurlyBracket | TokenKind::Comma) => true,
        _ => return None,
    };
    // The value: from the first token after `=` up to the end.
    let mut start = None;
    let mut end = None;
    for (kind, range) in &tokens[equals + 1..] {
        match kind {
            TokenKind::Whitespace => {}
            TokenKind::Atom | TokenKind::Dot => {
                start.get_or_insert(range.start);
                end = Some(range.end);
            }
            TokenKind::Comma if !inline => {
                start.get_or_insert(range.start);
                end = Some(range.end);
            }
            TokenKind::Comma | TokenKind::RightCurlyBracket if inline => break,
            TokenKind::Newline | TokenKind::Comment | TokenKind::Eof => break,
            _ => return None,
        }
    }
    let region = start?..end?;
    (region.contains(&offset) || region.end == offset).then_some(region)
}

/// What to say about a value TOML cannot read.
pub(super) fn unreadable_value(raw: &str) -> (Msg, Option<String>) {
    let raw = raw.trim();
    let shown = short(raw);
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let said = |kind: &str| msg!("unreadable-value", kind = kind, value = shown.as_str());
    // 2023-13-01, 2023-5-4, 2023-02-30
    let parts: Vec<&str> = raw.split('-').collect();
    if parts.len() == 3 && parts.iter().all(|p| digits(p)) && parts[0].len() == 4 {
        let ymd: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
        let exists = ymd.len() == 3
            && u8::try_from(ymd[1])
                .ok()
                .and_then(|m| time::Month::try_from(m).ok())
                .zip(u8::try_from(ymd[2]).ok())
                .is_some_and(|(m, d)| time::Date::from_calendar_date(ymd[0] as i32, m, d).is_ok());
        if exists {
            let date = format!("{:04}-{:02}-{:02}", ymd[0], ymd[1], ymd[2]);
            return (said("not-a-date"), Some(t!("unreadable-value.two-digits", date = date)));
        }
        return (said("not-in-calendar"), Some(t!("unreadable-value.date-format")));
    }
    if let Some(date) = swedish_date(raw) {
        return (said("not-a-date"), Some(t!("unreadable-value.write-date", date = date)));
    }
    if raw.contains(['-', '/', '.'])
        && raw.chars().filter(char::is_ascii_digit).count() >= 4
        && !raw.contains(',')
    {
        return (said("not-a-date"), Some(t!("unreadable-value.date-format")));
    }
    if let Some((whole, fraction)) = raw.split_once(',')
        && digits(whole.trim_start_matches('-'))
        && digits(fraction)
    {
        return (
            said("not-a-number"),
            Some(t!("unreadable-value.decimal-point", number = format!("{whole}.{fraction}"))),
        );
    }
    if raw.chars().next().is_some_and(char::is_alphabetic) {
        let quoted = format!("\"{}\"", raw.replace('"', "\\\""));
        return (said("other"), Some(t!("unreadable-value.quote", text = quoted)));
    }
    (said("other"), None)
}

/// `5 maj 2023` or `5/5/2023`-like Swedish dates as YYYY-MM-DD.
fn swedish_date(raw: &str) -> Option<String> {
    let words: Vec<&str> = raw.split_whitespace().collect();
    let [day, month, year] = words.as_slice() else { return None };
    let month = crate::sources::common::MONTHS_SV.iter().position(|m| m.eq_ignore_ascii_case(month))? + 1;
    let day: u8 = day.trim_end_matches('.').parse().ok()?;
    let year: i32 = year.parse().ok()?;
    let date = crate::sources::common::Date::from_ymd(year, month as u8, day)?;
    Some(date.to_string())
}

/// The key path of the value whose text starts at `start`.
fn path_of_value(doc: &toml_edit::Document<String>, start: usize) -> Option<KeyPath> {
    fn walk(node: Node<'_>, path: KeyPath, start: usize) -> Option<KeyPath> {
        if let Node::Item(Item::Value(v)) | Node::Value(v) = node
            && v.span().is_some_and(|s| s.start == start)
        {
            return Some(path);
        }
        match node {
            Node::Item(Item::Value(Value::Array(a))) | Node::Value(Value::Array(a)) => {
                a.iter().enumerate().find_map(|(i, v)| walk(Node::Value(v), path.index(i), start))
            }
            Node::Item(Item::Value(Value::InlineTable(t))) | Node::Value(Value::InlineTable(t)) => {
                t.iter().find_map(|(k, v)| walk(Node::Value(v), path.key(k), start))
            }
            Node::Item(Item::Table(t)) | Node::Table(t) => {
                t.iter().find_map(|(k, item)| walk(Node::Item(item), path.key(k), start))
            }
            Node::Item(Item::ArrayOfTables(a)) => {
                a.iter().enumerate().find_map(|(i, t)| walk(Node::Table(t), path.index(i), start))
            }
            _ => None,
        }
    }
    walk(Node::Item(doc.as_item()), KeyPath::root(), start)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Lang;

    /// The descriptions the TOML parser gives for what is wrong (toml_parser and toml_edit).
    const DESCRIPTIONS: &[&str] = &[
        "carriage return must be followed by newline",
        "missing opening quote",
        "missing comma between array elements",
        "integers with a radix cannot be signed",
        "radix must be lowercase",
        "missing assignment between key-value pairs",
        "unexpected leading zero",
        "unclosed array table",
        "missing key for inline table element",
        "missing inline table opening",
        "missing escaped value",
        "missing array opening",
        "invalid unquoted key",
        "cannot recurse further; max recursion depth met",
        "unquoted keys cannot be empty",
        "invalid multi-line basic string",
        "invalid basic string",
        "unexpected sign",
        "unexpected key or value",
        "unexpected content",
        "unexpected content between comment and newline",
        "unexpected `=` in array",
        "unclosed table",
        "unclosed inline table",
        "unclosed array",
        "too few unicode value digits",
        "string values must be quoted",
        "redundant numeric sign",
        "redundant integer number prefix",
        "missing value",
        "missing value for key",
        "missing table open",
        "missing comment start",
        "missing comma between key-value pairs",
        "keys cannot be multi-line literal strings",
        "keys cannot be multi-line basic strings",
        "key with no value",
        "invalid value",
        "invalid key-value pair",
        "invalid inline table element",
        "invalid comment character",
        "extra comma in inline table",
        "extra comma in array",
        "extra assignment between key-value pairs",
        "extra `=`",
        "`_` may only go between digits",
        "duplicate key",
        "recursion limit",
        "integer number overflowed",
        "floating-point number overflowed",
        "invalid string",
        "invalid boolean",
        "invalid date-time",
        "invalid float",
        "invalid integer number",
        "invalid hexadecimal number",
        "invalid octal number",
        "invalid binary number",
        "invalid literal string",
        "invalid multi-line literal string",
        "invalid key",
        "invalid table",
        "invalid exponent",
        "invalid fraction",
        "invalid mantissa",
    ];

    #[test]
    fn every_syntax_error_the_parser_describes_is_said_in_swedish_and_as_it_was_in_english() {
        let mut kinds = BTreeSet::new();
        for description in DESCRIPTIONS {
            assert!(kinds.insert(slug(description)), "two descriptions are `{}`", slug(description));
            let parsers = format!("{description}, expected `=`, newline");
            let english = syntax_message(&parsers, Lang::En).text_in(Lang::En);
            assert_eq!(english, format!("invalid TOML: {description}, expected `=`, newline"));
            let swedish = syntax_message(&parsers, Lang::Sv).text_in(Lang::Sv);
            let framed = swedish.starts_with("ogiltig TOML: ")
                && swedish.ends_with("; här väntades `=` eller radbrytning");
            assert!(framed, "{swedish}");
            assert!(!swedish.contains(description), "`{description}` is not said in Swedish: {swedish}");
        }
        // One the catalogues do not name keeps the parser's words, inside the Swedish frame.
        let other = "cannot extend value of type string with a dotted key";
        assert_eq!(syntax_message(other, Lang::Sv).text_in(Lang::Sv), format!("ogiltig TOML: {other}"));
        assert_eq!(syntax_message("invalid key", Lang::Sv).text_in(Lang::Sv), "ogiltig TOML: ogiltig nyckel");
    }

    #[test]
    fn a_syntax_error_of_a_file_is_said_by_its_kind() {
        let Err(problems) = parse("title = \"En god hälsa\n") else { panic!("parses") };
        assert_eq!(problems[0].message.key, "invalid-toml");
        assert_eq!(
            problems[0].message.text_in(Lang::En),
            "invalid TOML: invalid basic string, expected `\"`"
        );
        // The same message of the parser, said in Swedish.
        let swedish = syntax_message("invalid basic string, expected `\"`", Lang::Sv).text_in(Lang::Sv);
        assert_eq!(swedish, "ogiltig TOML: ogiltig text inom citattecken; här väntades `\"`");
    }
}
