//! The language the program speaks: Swedish for a Swedish user, English otherwise.
//!
//! The language is chosen once, at the start ([`choose`]): `--lang sv|en`, then the environment
//! variable `PERSPEKTIV_LANG`, then the locale as POSIX programs read it (the first of `LC_ALL`,
//! `LC_MESSAGES` and `LANG` that is set and not empty; Swedish when it begins with `sv`), and on
//! Windows and macOS the system's language. Everything a person reads is a message of the
//! catalogues in `i18n/<lang>/*.ftl` (Project Fluent's syntax, embedded in the binary), taken by
//! its key with [`t!`](crate::t) or [`msg!`](crate::msg). A message missing from the Swedish
//! catalogue falls back to the English one, and a key missing from both is printed as it is:
//! nothing here ever panics, and the tests keep the catalogues complete and alike.

use std::ffi::OsString;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU8, Ordering};

use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use include_dir::{Dir, include_dir};

/// The catalogues: one folder per language, the same files in each.
static CATALOGUES: Dir<'_> = include_dir!("$CARGO_MANIFEST_DIR/i18n");

/// The environment variable that chooses the language, before the locale.
pub const ENV: &str = "PERSPEKTIV_LANG";

/// A language the program speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    /// English: the language of the code and the fallback.
    #[default]
    En,
    /// Swedish.
    Sv,
}

impl Lang {
    /// Both languages, English first.
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Sv];

    /// The language's code, and the name of its folder of catalogues (`en`, `sv`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Sv => "sv",
        }
    }

    /// The language a locale name or a language code names: Swedish for `sv`, `sv_SE.UTF-8`,
    /// `sv-FI`; English for `en…`, `C` and `POSIX`; nothing for an empty or other value.
    pub fn from_locale(value: &str) -> Option<Lang> {
        let value = value.trim();
        let lower = value.to_ascii_lowercase();
        let language = lower.split(['_', '-', '.', '@']).next().unwrap_or("");
        match language {
            "sv" => Some(Lang::Sv),
            "en" | "c" | "posix" => Some(Lang::En),
            _ => None,
        }
    }

    fn from_tag(tag: &str) -> Option<Lang> {
        match tag {
            "sv" => Some(Lang::Sv),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// The language of this run; English until [`set`] is called.
static CURRENT: AtomicU8 = AtomicU8::new(0);

/// Makes `lang` the language of this run (called once, by `main`, before anything is said).
pub fn set(lang: Lang) {
    CURRENT.store(lang as u8, Ordering::Relaxed);
}

/// The language of this run.
pub fn current() -> Lang {
    if CURRENT.load(Ordering::Relaxed) == Lang::Sv as u8 { Lang::Sv } else { Lang::En }
}

/// The language chosen by the command line `args` (`--lang sv`, `--lang=en`, before a `--`)
/// and the environment read through `var`: see the module's documentation for the order. A
/// `--lang` value the program does not speak is left to the parser to refuse; the locale is
/// then read as if it were not given.
pub fn choose(args: &[OsString], var: &dyn Fn(&str) -> Option<String>) -> Lang {
    if let Some(lang) = lang_arg(args) {
        return lang;
    }
    let set = |name: &str| var(name).filter(|v| !v.trim().is_empty());
    if let Some(lang) = set(ENV).and_then(|v| Lang::from_locale(&v)) {
        return lang;
    }
    // POSIX: the first of these that is set decides, whatever the others say.
    if let Some(locale) = ["LC_ALL", "LC_MESSAGES", "LANG"].into_iter().find_map(set) {
        return Lang::from_locale(&locale).unwrap_or(Lang::En);
    }
    system().unwrap_or(Lang::En)
}

/// The language of this process: [`choose`] with its own arguments and environment.
pub fn from_environment() -> Lang {
    let args: Vec<OsString> = std::env::args_os().skip(1).collect();
    choose(&args, &|name| std::env::var(name).ok())
}

fn lang_arg(args: &[OsString]) -> Option<Lang> {
    let mut chosen = None;
    let mut args = args.iter().map(|a| a.to_string_lossy());
    while let Some(arg) = args.next() {
        if arg == "--" {
            break;
        }
        if arg == "--lang" {
            chosen = args.next().and_then(|v| Lang::from_tag(&v)).or(chosen);
        } else if let Some(v) = arg.strip_prefix("--lang=") {
            chosen = Lang::from_tag(v).or(chosen);
        }
    }
    chosen
}

/// The system's language where the locale variables are not how it is told (Windows, macOS).
#[cfg(any(windows, target_os = "macos"))]
fn system() -> Option<Lang> {
    sys_locale::get_locale().and_then(|l| Lang::from_locale(&l))
}

#[cfg(not(any(windows, target_os = "macos")))]
fn system() -> Option<Lang> {
    None
}

/// A value given to a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// A text, put in as it is.
    Text(String),
    /// A number: chooses the plural form (`[one]`, `*[other]`, or an exact `[0]`) and is written
    /// as the language writes numbers ([`number_text`]): "12 345" in Swedish, "12,345" in English.
    /// A number of four digits or fewer is written without a group separator, so a year given
    /// as a number stays a year; an id, a code or a port is text.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}

impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}

impl From<&String> for Arg {
    fn from(s: &String) -> Self {
        Arg::Text(s.clone())
    }
}

impl From<&std::path::Path> for Arg {
    fn from(p: &std::path::Path) -> Self {
        Arg::Text(p.display().to_string())
    }
}

impl From<&std::path::PathBuf> for Arg {
    fn from(p: &std::path::PathBuf) -> Self {
        Arg::from(p.as_path())
    }
}

impl From<std::borrow::Cow<'_, str>> for Arg {
    fn from(s: std::borrow::Cow<'_, str>) -> Self {
        Arg::Text(s.into_owned())
    }
}

macro_rules! number_args {
    ($($t:ty),*) => {$(
        impl From<$t> for Arg {
            fn from(n: $t) -> Self {
                Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
            }
        }
        impl From<&$t> for Arg {
            fn from(n: &$t) -> Self {
                Arg::from(*n)
            }
        }
    )*};
}
number_args!(u8, u16, u32, u64, usize, i8, i16, i32, i64);

/// A message of the catalogues, by key, with its values: said in a language by [`Msg::text_in`].
/// Its key is also the stable, language-free code of what it says (the `code` of a problem).
#[derive(Clone, Debug, PartialEq)]
pub struct Msg {
    /// The message's key in the catalogues (`key.attribute` for an attribute).
    pub key: &'static str,
    /// Its values, by name.
    pub args: Vec<(&'static str, Arg)>,
}

impl Msg {
    /// The message `key`, with no values yet.
    pub fn new(key: &'static str) -> Self {
        Msg { key, args: Vec::new() }
    }

    /// The message with one more value.
    #[must_use]
    pub fn arg(mut self, name: &'static str, value: impl Into<Arg>) -> Self {
        self.args.push((name, value.into()));
        self
    }

    /// The message in the language of this run.
    pub fn text(&self) -> String {
        self.text_in(current())
    }

    /// The message in `lang`; in English when the Swedish catalogue lacks it, and its key when
    /// both do.
    pub fn text_in(&self, lang: Lang) -> String {
        format(lang, self.key, &self.args)
            .or_else(|| format(Lang::En, self.key, &self.args))
            .unwrap_or_else(|| self.key.to_owned())
    }
}

impl std::fmt::Display for Msg {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.text())
    }
}

/// A message, by key and named values: `msg!("count-errors", errors = 3)`.
#[macro_export]
macro_rules! msg {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($key)$(.arg(stringify!($name), $value))*
    };
}

/// A message said in the language of this run: `t!("count-errors", errors = 3)`.
#[macro_export]
macro_rules! t {
    ($key:literal $(, $name:ident = $value:expr)* $(,)?) => {
        $crate::i18n::Msg::new($key)$(.arg(stringify!($name), $value))*.text()
    };
}

/// Whether `key` is in the catalogue of `lang` (as a message with a value, or as its attribute).
pub fn has(lang: Lang, key: &str) -> bool {
    let bundle = &bundles()[lang as usize];
    let (id, attribute) = split_key(key);
    bundle.get_message(id).is_some_and(|m| match attribute {
        Some(a) => m.get_attribute(a).is_some(),
        None => m.value().is_some(),
    })
}

/// The message `key` of `lang`'s catalogue, if it has one, in `lang`.
pub fn get(lang: Lang, key: &str) -> Option<String> {
    format(lang, key, &[])
}

fn split_key(key: &str) -> (&str, Option<&str>) {
    match key.split_once('.') {
        Some((id, attribute)) => (id, Some(attribute)),
        None => (key, None),
    }
}

fn format(lang: Lang, key: &str, args: &[(&'static str, Arg)]) -> Option<String> {
    let bundle = &bundles()[lang as usize];
    let (id, attribute) = split_key(key);
    let message = bundle.get_message(id)?;
    let pattern = match attribute {
        Some(a) => message.get_attribute(a)?.value(),
        None => message.value()?,
    };
    let mut fluent_args = FluentArgs::new();
    for (name, value) in args {
        match value {
            Arg::Text(s) => fluent_args.set(*name, FluentValue::from(s.as_str())),
            Arg::Number(n) => fluent_args.set(*name, FluentValue::from(*n)),
        }
    }
    let mut errors = Vec::new();
    Some(bundle.format_pattern(pattern, Some(&fluent_args), &mut errors).into_owned())
}

fn bundles() -> &'static [FluentBundle<FluentResource>; 2] {
    static BUNDLES: OnceLock<[FluentBundle<FluentResource>; 2]> = OnceLock::new();
    BUNDLES.get_or_init(|| Lang::ALL.map(bundle))
}

fn bundle(lang: Lang) -> FluentBundle<FluentResource> {
    let id: unic_langid::LanguageIdentifier =
        lang.code().parse().unwrap_or_else(|_| unic_langid::LanguageIdentifier::default());
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // No Unicode isolation marks around values: a terminal shows them as they are, and a path or
    // a name in a message is copied from it as it was given.
    bundle.set_use_isolating(false);
    // Fluent's own formatting writes a number's digits as Rust does ("100000", "59"): neither
    // digit groups nor a decimal comma, whatever its options say. The language's own takes its
    // place.
    bundle.set_formatter(Some(match lang {
        Lang::En => format_number_en,
        Lang::Sv => format_number_sv,
    }));
    for (_, text) in catalogue_files(lang) {
        // A catalogue that does not parse whole still gives the messages that do (the tests
        // keep every catalogue whole).
        let resource = FluentResource::try_new(text.to_owned()).unwrap_or_else(|(partial, _)| partial);
        // A message defined twice keeps its first definition (the tests forbid it).
        let _ = bundle.add_resource(resource);
    }
    bundle
}

fn format_number_en<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => number_text(Lang::En, n),
        _ => None,
    }
}

fn format_number_sv<M>(value: &FluentValue<'_>, _: &M) -> Option<String> {
    match value {
        FluentValue::Number(n) => number_text(Lang::Sv, n),
        _ => None,
    }
}

/// A number in a message as `lang` writes it: digit groups of three from five digits up (a
/// no-break space in Swedish, a comma in English; four-digit numbers are written together, as
/// Svenska skrivregler allow and as years are), a decimal comma in Swedish and a point in
/// English, and as many decimals as its options ask for (Fluent's `minimumFractionDigits` and
/// `maximumFractionDigits`; otherwise those it has): "12 345", "59,0", "−1,4"; "12,345", "59.0",
/// "-1.4". `useGrouping: "false"` leaves the groups out. `None` for a value that is not a finite
/// number (Fluent then writes it its own way).
pub fn number_text(lang: Lang, n: &fluent_bundle::types::FluentNumber) -> Option<String> {
    let value = n.value;
    if !value.is_finite() {
        return None;
    }
    let (group, point, minus) = match lang {
        Lang::En => (',', '.', '-'),
        Lang::Sv => ('\u{A0}', ',', '\u{2212}'),
    };
    let min = n.options.minimum_fraction_digits.unwrap_or(0);
    let text = match n.options.maximum_fraction_digits {
        Some(max) => {
            let mut text = format!("{:.*}", max.max(min), value.abs());
            // Trailing zeros beyond the decimals asked for go, and the point with them.
            if let Some(dot) = text.find('.') {
                while text.len() > dot + 1 + min && text.ends_with('0') {
                    text.pop();
                }
                if text.ends_with('.') {
                    text.pop();
                }
            }
            text
        }
        None => {
            let mut text = value.abs().to_string();
            let have = text.find('.').map_or(0, |dot| text.len() - dot - 1);
            if have < min {
                if have == 0 {
                    text.push('.');
                }
                text.push_str(&"0".repeat(min - have));
            }
            text
        }
    };
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::with_capacity(text.len() + 4);
    if value < 0.0 && text.bytes().any(|b| (b'1'..=b'9').contains(&b)) {
        out.push(minus);
    }
    let grouped = n.options.use_grouping && int.len() > 4;
    for (i, digit) in int.chars().enumerate() {
        if grouped && i > 0 && (int.len() - i).is_multiple_of(3) {
            out.push(group);
        }
        out.push(digit);
    }
    if !frac.is_empty() {
        out.push(point);
        out.push_str(frac);
    }
    Some(out)
}

/// Items in running text in the language of this run: "a, b and c", "a, b och c".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => crate::t!("list-and", init = init.join(", "), last = last),
    }
}

/// The catalogue files of a language: name and text.
pub fn catalogue_files(lang: Lang) -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<_> = CATALOGUES
        .get_dir(lang.code())
        .map(|dir| {
            dir.files()
                .filter(|f| f.path().extension().is_some_and(|e| e == "ftl"))
                .filter_map(|f| Some((f.path().file_name()?.to_str()?, f.contents_utf8()?)))
                .collect()
        })
        .unwrap_or_default();
    files.sort_unstable();
    files
}

#[cfg(test)]
mod tests {
    use std::collections::{BTreeMap, BTreeSet};

    use fluent_syntax::ast;

    use super::*;

    fn env(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: Vec<(String, String)> =
            vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |name| vars.iter().find(|(k, _)| k == name).map(|(_, v)| v.clone())
    }

    fn args(a: &[&str]) -> Vec<OsString> {
        a.iter().map(OsString::from).collect()
    }

    #[test]
    fn the_language_is_chosen_as_documented() {
        for (argv, vars, expected) in [
            (&[][..], &[("LANG", "sv_SE.UTF-8")][..], Lang::Sv),
            (&[], &[("LC_ALL", "C"), ("LANG", "sv_SE.UTF-8")], Lang::En),
            (&[], &[("LC_ALL", ""), ("LANG", "sv_SE.UTF-8")], Lang::Sv),
            (&[], &[("LC_MESSAGES", "sv_FI.UTF-8"), ("LANG", "en_GB.UTF-8")], Lang::Sv),
            (&[], &[("LC_ALL", "sv_SE"), ("LC_MESSAGES", "C")], Lang::Sv),
            (&[], &[("LANG", "C")], Lang::En),
            (&[], &[("LANG", "de_DE.UTF-8")], Lang::En),
            (&[], &[], Lang::En),
            (&[], &[("PERSPEKTIV_LANG", "sv"), ("LC_ALL", "C")], Lang::Sv),
            (&[], &[("PERSPEKTIV_LANG", "en"), ("LANG", "sv_SE.UTF-8")], Lang::En),
            (&[], &[("PERSPEKTIV_LANG", "xx"), ("LANG", "sv_SE.UTF-8")], Lang::Sv),
            (&["check", "--lang", "en"], &[("LANG", "sv_SE.UTF-8"), ("PERSPEKTIV_LANG", "sv")], Lang::En),
            (&["--lang=sv", "check"], &[("LC_ALL", "C")], Lang::Sv),
            (&["--lang", "fr"], &[("LANG", "sv_SE.UTF-8")], Lang::Sv),
            (&["diff", "--", "--lang", "sv"], &[], Lang::En),
        ] {
            assert_eq!(choose(&args(argv), &env(vars)), expected, "{argv:?} {vars:?}");
        }
    }

    #[test]
    fn messages_take_their_values_and_plurals() {
        let one = msg!("count-errors", errors = 1);
        let three = msg!("count-errors", errors = 3);
        assert_eq!(one.text_in(Lang::En), "1 error");
        assert_eq!(three.text_in(Lang::En), "3 errors");
        assert_eq!(one.text_in(Lang::Sv), "1 fel");
        assert_eq!(msg!("count-warnings", warnings = 2).text_in(Lang::Sv), "2 varningar");
    }

    #[test]
    fn numbers_are_written_as_each_language_writes_them() {
        use fluent_bundle::types::{FluentNumber, FluentNumberOptions};
        let number = |value: f64, min: Option<usize>, max: Option<usize>, grouping: bool| {
            let options = FluentNumberOptions {
                minimum_fraction_digits: min,
                maximum_fraction_digits: max,
                use_grouping: grouping,
                ..FluentNumberOptions::default()
            };
            FluentNumber::new(value, options)
        };
        for (n, en, sv) in [
            (number(0.0, None, None, true), "0", "0"),
            (number(311.0, None, None, true), "311", "311"),
            (number(2023.0, None, None, true), "2023", "2023"),
            (number(9999.0, None, None, true), "9999", "9999"),
            (number(12345.0, None, None, true), "12,345", "12\u{A0}345"),
            (number(100000.0, None, None, true), "100,000", "100\u{A0}000"),
            (number(1234567.0, None, None, true), "1,234,567", "1\u{A0}234\u{A0}567"),
            (number(100000.0, None, None, false), "100000", "100000"),
            (number(59.0, Some(1), None, true), "59.0", "59,0"),
            (number(59.04, Some(1), Some(1), true), "59.0", "59,0"),
            (number(12345.67, None, Some(1), true), "12,345.7", "12\u{A0}345,7"),
            (number(2.5, None, None, true), "2.5", "2,5"),
            (number(2.0, None, Some(2), true), "2", "2"),
            (number(-1.4, None, None, true), "-1.4", "\u{2212}1,4"),
            (number(-0.04, Some(1), Some(1), true), "0.0", "0,0"),
        ] {
            assert_eq!(number_text(Lang::En, &n).as_deref(), Some(en), "{n:?}");
            assert_eq!(number_text(Lang::Sv, &n).as_deref(), Some(sv), "{n:?}");
        }
        assert_eq!(number_text(Lang::Sv, &number(f64::NAN, None, None, true)), None);
    }

    #[test]
    fn counts_in_messages_have_their_digit_groups_and_plurals() {
        let many = msg!("count-warnings", warnings = 12_345);
        assert_eq!(many.text_in(Lang::En), "12,345 warnings");
        assert_eq!(many.text_in(Lang::Sv), "12\u{A0}345 varningar");
        let year = msg!("summary-have", year = 2023, found = "1 fel");
        assert_eq!(year.text_in(Lang::Sv), "källorna för 2023 har 1 fel");
        assert_eq!(msg!("count-errors", errors = 0).text_in(Lang::Sv), "0 fel");
        assert_eq!(msg!("count-warnings", warnings = 1).text_in(Lang::Sv), "1 varning");
        assert_eq!(msg!("count-warnings", warnings = 0).text_in(Lang::En), "0 warnings");
    }

    #[test]
    fn lists_are_joined_in_the_language() {
        let items = |n: usize| (1..=n).map(|i| format!("x{i}")).collect::<Vec<_>>();
        assert_eq!(join_and(&items(0)), "");
        assert_eq!(join_and(&items(1)), "x1");
        assert_eq!(join_and(&items(3)), "x1, x2 and x3");
    }

    #[test]
    fn a_missing_message_falls_back_and_never_panics() {
        assert_eq!(Msg::new("no-such-message").text_in(Lang::Sv), "no-such-message");
        assert_eq!(Msg::new("no-such-message.attr").text_in(Lang::En), "no-such-message.attr");
        assert!(!has(Lang::Sv, "no-such-message"));
    }

    /// Every message's id and attributes, and the values each refers to.
    fn catalogue(lang: Lang) -> BTreeMap<String, (String, BTreeSet<String>)> {
        let mut out = BTreeMap::new();
        for (file, text) in catalogue_files(lang) {
            let resource = fluent_syntax::parser::parse(text).unwrap_or_else(|(_, errors)| {
                panic!("i18n/{}/{file} does not parse: {errors:?}", lang.code())
            });
            for entry in resource.body {
                let ast::Entry::Message(m) = entry else { continue };
                let id = m.id.name.to_owned();
                let mut add = |key: String, pattern: &ast::Pattern<&str>| {
                    let mut vars = BTreeSet::new();
                    pattern_vars(pattern, &mut vars);
                    let previous = out.insert(key.clone(), (file.to_owned(), vars));
                    assert!(previous.is_none(), "`{key}` is defined twice in i18n/{}", lang.code());
                };
                if let Some(value) = &m.value {
                    add(id.clone(), value);
                }
                for a in &m.attributes {
                    add(format!("{id}.{}", a.id.name), &a.value);
                }
            }
        }
        out
    }

    fn pattern_vars(pattern: &ast::Pattern<&str>, vars: &mut BTreeSet<String>) {
        for element in &pattern.elements {
            if let ast::PatternElement::Placeable { expression } = element {
                expression_vars(expression, vars);
            }
        }
    }

    fn expression_vars(expression: &ast::Expression<&str>, vars: &mut BTreeSet<String>) {
        match expression {
            ast::Expression::Select { selector, variants } => {
                inline_vars(selector, vars);
                for v in variants {
                    pattern_vars(&v.value, vars);
                }
            }
            ast::Expression::Inline(inline) => inline_vars(inline, vars),
        }
    }

    fn inline_vars(inline: &ast::InlineExpression<&str>, vars: &mut BTreeSet<String>) {
        match inline {
            ast::InlineExpression::VariableReference { id } => {
                vars.insert(id.name.to_owned());
            }
            ast::InlineExpression::FunctionReference { arguments, .. } => {
                for a in &arguments.positional {
                    inline_vars(a, vars);
                }
                for a in &arguments.named {
                    inline_vars(&a.value, vars);
                }
            }
            ast::InlineExpression::Placeable { expression } => expression_vars(expression, vars),
            _ => {}
        }
    }

    #[test]
    fn every_message_is_in_both_catalogues_with_the_same_values() {
        let en = catalogue(Lang::En);
        let sv = catalogue(Lang::Sv);
        let mut wrong = Vec::new();
        for (key, (file, vars)) in &en {
            match sv.get(key) {
                None => wrong.push(format!("`{key}` (i18n/en/{file}) is missing from i18n/sv/{file}")),
                Some((sv_file, _)) if sv_file != file => {
                    wrong.push(format!("`{key}` is in i18n/en/{file} but in i18n/sv/{sv_file}"))
                }
                Some((_, sv_vars)) if sv_vars != vars => {
                    wrong.push(format!("`{key}` takes {vars:?} in English but {sv_vars:?} in Swedish"))
                }
                Some(_) => {}
            }
        }
        for (key, (file, _)) in &sv {
            // The English help is the derive's (`src/cli/help.rs` checks the Swedish).
            if file != "help.ftl" && !en.contains_key(key) {
                wrong.push(format!("`{key}` (i18n/sv/{file}) is missing from i18n/en/{file}"));
            }
        }
        assert!(wrong.is_empty(), "the catalogues differ:\n{}", wrong.join("\n"));
        assert!(en.len() > 10, "the catalogues are empty");
    }

    /// The keys the code gives `t!` and `msg!`, from the source files.
    fn keys_in_code() -> BTreeSet<(String, String)> {
        fn walk(dir: &std::path::Path, out: &mut BTreeSet<(String, String)>) {
            let Ok(entries) = std::fs::read_dir(dir) else { return };
            for entry in entries.flatten() {
                let path = entry.path();
                if path.is_dir() {
                    walk(&path, out);
                } else if path.extension().is_some_and(|e| e == "rs") && !path.ends_with("i18n.rs") {
                    let text = std::fs::read_to_string(&path).unwrap_or_default();
                    for mac in ["t!(", "msg!("] {
                        for (i, _) in text.match_indices(mac) {
                            let before = text[..i].chars().next_back();
                            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                                continue;
                            }
                            let rest = text[i + mac.len()..].trim_start();
                            let Some(rest) = rest.strip_prefix('"') else { continue };
                            let Some(end) = rest.find('"') else { continue };
                            out.insert((path.display().to_string(), rest[..end].to_owned()));
                        }
                    }
                }
            }
        }
        let mut out = BTreeSet::new();
        walk(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("src"), &mut out);
        out
    }

    #[test]
    fn every_key_the_code_uses_is_in_the_catalogues() {
        let en = catalogue(Lang::En);
        let keys = keys_in_code();
        let missing: Vec<String> = keys
            .iter()
            .filter(|(_, key)| key != "key" && !en.contains_key(key))
            .map(|(file, key)| format!("`{key}` ({file})"))
            .collect();
        assert!(missing.is_empty(), "keys used but not in i18n/en:\n{}", missing.join("\n"));
        assert!(keys.len() > 10);
    }
}
