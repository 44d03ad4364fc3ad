//! The parser's own errors (an unknown argument, a missing or invalid value, "did you mean") in
//! the language of the run. clap words them in English only; here each kind of error and its
//! context ([`ContextKind`]) is said through the catalogues (`i18n/<lang>/errors.ftl`), in the
//! layout clap prints: the error, the tips, the usage and where to read more. A request for help
//! or the version is clap's to print, as is an error clap gives without context.

use std::process::ExitCode;

use clap::error::{ContextKind, ContextValue, ErrorKind};

use crate::i18n::{self, Lang, Msg};
use crate::msg;

/// Prints a parse error of the command line (or the help or version asked for) and gives the
/// exit code: 2 for a usage error, 0 for help and the version.
pub fn print(e: &clap::Error) -> ExitCode {
    let code = if e.use_stderr() { ExitCode::from(2) } else { ExitCode::SUCCESS };
    match render(e, i18n::current()) {
        Some(text) => eprint!("{text}"),
        None => {
            let _ = e.print();
        }
    }
    code
}

/// The error as printed, in `lang`; `None` for what clap prints itself (help, the version, an
/// error without the context to say it by).
pub fn render(e: &clap::Error, lang: Lang) -> Option<String> {
    let say = Say(lang);
    let mut out = format!("{}: {}", say.t(msg!("prefix-error")), say.message(e)?);
    let mut suggested = false;
    for (kind, what) in [
        (ContextKind::SuggestedSubcommand, "subcommand"),
        (ContextKind::SuggestedArg, "argument"),
        (ContextKind::SuggestedValue, "value"),
    ] {
        let similar = match e.get(kind) {
            Some(ContextValue::String(name)) => {
                msg!("cli-error-similar", what = what, name = say.quoted(name))
            }
            Some(ContextValue::Strings(names)) if names.len() == 1 => {
                msg!("cli-error-similar", what = what, name = say.quoted(&names[0]))
            }
            Some(ContextValue::Strings(names)) if !names.is_empty() => {
                let names: Vec<String> = names.iter().map(|n| say.quoted(n)).collect();
                msg!("cli-error-similar.many", what = what, names = names.join(", "))
            }
            _ => continue,
        };
        out.push_str(if suggested { "\n" } else { "\n\n" });
        suggested = true;
        out.push_str(&format!("  {}: {}", say.t(msg!("cli-error-tip")), say.t(similar)));
    }
    if let Some(ContextValue::StyledStrs(tips)) = e.get(ContextKind::Suggested)
        && !tips.is_empty()
    {
        if !suggested {
            out.push('\n');
        }
        for tip in tips {
            out.push_str(&format!(
                "\n  {}: {}",
                say.t(msg!("cli-error-tip")),
                say.suggestion(&tip.to_string())
            ));
        }
    }
    if let Some(ContextValue::StyledStr(usage)) = e.get(ContextKind::Usage) {
        // clap's usage line, with its own English heading.
        let usage = usage.to_string();
        let usage = usage.strip_prefix("Usage:").unwrap_or(&usage).trim_start();
        out.push_str(&format!("\n\n{}: {usage}", say.t(msg!("cli-error-usage"))));
    }
    out.push_str(&format!("\n\n{}\n", say.t(msg!("cli-error-more", help = say.quoted("--help")))));
    Some(out)
}

/// Says messages in one language.
struct Say(Lang);

fn string(e: &clap::Error, kind: ContextKind) -> Option<&str> {
    match e.get(kind) {
        Some(ContextValue::String(s)) => Some(s),
        _ => None,
    }
}

fn number(e: &clap::Error, kind: ContextKind) -> Option<i64> {
    match e.get(kind) {
        Some(ContextValue::Number(n)) => i64::try_from(*n).ok(),
        _ => None,
    }
}

impl Say {
    fn t(&self, message: Msg) -> String {
        message.text_in(self.0)
    }

    /// A name or value the user typed, quoted as the language quotes it ('--port', ”--port”).
    fn quoted(&self, text: &str) -> String {
        self.t(msg!("cli-error-quoted", text = text))
    }

    /// The list of the values or commands an argument takes, after the error: "[possible values: …]".
    fn listed(&self, e: &clap::Error, kind: ContextKind, message: &'static str) -> String {
        match e.get(kind) {
            Some(ContextValue::Strings(values)) if !values.is_empty() => {
                format!("\n  {}", self.t(Msg::new(message).arg("values", values.join(", "))))
            }
            _ => String::new(),
        }
    }

    /// What is wrong, the first line of the error (and the lines that belong to it).
    fn message(&self, e: &clap::Error) -> Option<String> {
        let quoted = |s: &str| self.quoted(s);
        let arg = || string(e, ContextKind::InvalidArg).map(quoted);
        let value = || string(e, ContextKind::InvalidValue);
        Some(match e.kind() {
            ErrorKind::UnknownArgument => self.t(msg!("cli-error-unknown-argument", arg = arg()?)),
            ErrorKind::InvalidSubcommand => self.t(msg!(
                "cli-error-invalid-subcommand",
                subcommand = quoted(string(e, ContextKind::InvalidSubcommand)?)
            )),
            ErrorKind::InvalidValue => {
                let said = match value()? {
                    "" => self.t(msg!("cli-error-value-required", arg = arg()?)),
                    v => self.t(msg!("cli-error-invalid-value", value = quoted(v), arg = arg()?)),
                };
                said + &self.listed(e, ContextKind::ValidValue, "cli-error-possible-values")
            }
            ErrorKind::ValueValidation => {
                let said = self.t(msg!("cli-error-invalid-value", value = quoted(value()?), arg = arg()?));
                // The value parser's own words for what is wrong, as the OS's for an I/O error.
                match std::error::Error::source(e) {
                    // A number's error in the catalogues' words.
                    Some(source) if source.downcast_ref::<std::num::ParseIntError>().is_some() => {
                        let kind = match source.downcast_ref::<std::num::ParseIntError>().map(|p| p.kind()) {
                            Some(std::num::IntErrorKind::Empty) => "empty",
                            Some(std::num::IntErrorKind::PosOverflow) => "too-large",
                            Some(std::num::IntErrorKind::NegOverflow) => "too-small",
                            Some(std::num::IntErrorKind::Zero) => "zero",
                            _ => "not-a-number",
                        };
                        format!("{said}: {}", self.t(msg!("cli-error-number", kind = kind)))
                    }
                    Some(source) => format!("{said}: {source}"),
                    None => said,
                }
            }
            ErrorKind::NoEquals => self.t(msg!("cli-error-no-equals", arg = arg()?)),
            ErrorKind::TooManyValues => {
                self.t(msg!("cli-error-too-many-values", value = quoted(value()?), arg = arg()?))
            }
            ErrorKind::TooFewValues => self.t(msg!(
                "cli-error-too-few-values",
                arg = arg()?,
                min = number(e, ContextKind::MinValues)?,
                actual = number(e, ContextKind::ActualNumValues)?
            )),
            ErrorKind::WrongNumberOfValues => self.t(msg!(
                "cli-error-wrong-number-of-values",
                arg = arg()?,
                expected = number(e, ContextKind::ExpectedNumValues)?,
                actual = number(e, ContextKind::ActualNumValues)?
            )),
            ErrorKind::ArgumentConflict => self.conflict(e)?,
            ErrorKind::MissingRequiredArgument => {
                let Some(ContextValue::Strings(args)) = e.get(ContextKind::InvalidArg) else { return None };
                let mut said = self.t(msg!("cli-error-missing-required"));
                for a in args {
                    said.push_str(&format!("\n  {a}"));
                }
                said
            }
            ErrorKind::MissingSubcommand => {
                let name = quoted(string(e, ContextKind::InvalidSubcommand)?);
                self.t(msg!("cli-error-missing-subcommand", subcommand = name))
                    + &self.listed(e, ContextKind::ValidSubcommand, "cli-error-subcommands")
            }
            ErrorKind::InvalidUtf8 => self.t(msg!("cli-error-invalid-utf8")),
            _ => return None,
        })
    }

    /// An argument (or a command) that cannot be used with another, or twice.
    fn conflict(&self, e: &clap::Error) -> Option<String> {
        let quoted = |s: &str| self.quoted(s);
        let (subject, name) = match string(e, ContextKind::InvalidArg) {
            Some(arg) => ("argument", arg),
            None => ("subcommand", string(e, ContextKind::InvalidSubcommand)?),
        };
        let prior = e.get(ContextKind::PriorArg);
        if subject == "argument" && prior == Some(&ContextValue::String(name.to_owned())) {
            return Some(self.t(msg!("cli-error-conflict.twice", arg = quoted(name))));
        }
        Some(match prior {
            Some(ContextValue::String(other)) => self.t(msg!(
                "cli-error-conflict",
                subject = subject,
                arg = quoted(name),
                other = quoted(other)
            )),
            Some(ContextValue::Strings(others)) => {
                let mut said = self.t(msg!("cli-error-conflict.list", subject = subject, arg = quoted(name)));
                for other in others {
                    said.push_str(&format!("\n  {other}"));
                }
                said
            }
            _ => self.t(msg!("cli-error-conflict.others", subject = subject, arg = quoted(name))),
        })
    }

    /// One of clap's tips, said in the language of the run when it is one clap gives (to pass a
    /// value that looks like an argument after `--`, an argument of another command, a command
    /// after `--`); clap's words otherwise.
    fn suggestion(&self, tip: &str) -> String {
        let quoted = |s: &str| self.quoted(s);
        let between = |text: &str, open: &str, close: &str| -> Option<String> {
            let rest = text.strip_prefix(open)?;
            let end = rest.find(close)?;
            Some(rest[..end].to_owned())
        };
        if let Some(rest) = tip.strip_prefix("to pass '")
            && let Some((arg, usage)) = rest.split_once("' as a value, use '")
        {
            let usage = usage.strip_suffix('\'').unwrap_or(usage);
            return self.t(msg!("cli-error-tip-as-value", arg = quoted(arg), usage = quoted(usage)));
        }
        if let Some(command) = between(tip, "subcommand '", "' exists; to use it, remove the '--' before it")
        {
            return self.t(msg!(
                "cli-error-tip-double-dash",
                subcommand = quoted(&command),
                dashes = quoted("--")
            ));
        }
        if let Some(what) = tip.strip_prefix('\'').and_then(|t| t.strip_suffix("' exists")) {
            return self.t(msg!("cli-error-tip-exists", what = quoted(what)));
        }
        tip.to_owned()
    }
}

#[cfg(test)]
mod tests {
    use clap::Parser;

    use super::*;
    use crate::cli::Cli;

    /// The error the command line in `lang` gives for `args`.
    fn error(lang: Lang, args: &[&str]) -> clap::Error {
        crate::cli::command(lang)
            .try_get_matches_from(std::iter::once("perspektiv").chain(args.iter().copied()))
            .expect_err("a usage error")
    }

    #[test]
    fn the_english_errors_read_as_clap_words_them() {
        for args in [
            &["biuld"][..],
            &["build", "--port"],
            &["serve", "--port"],
            &["serve", "--port", "x"],
            &["check", "--diagnostic-format", "xml"],
            &["diff", "2023"],
            &["build", "--draft", "--draft"],
            &["build", "--", "--draft"],
            &["annexes", "--jobs", "0"],
        ] {
            let e = Cli::try_parse_from(std::iter::once("perspektiv").chain(args.iter().copied()))
                .expect_err("a usage error");
            // clap's own, without its styles: the same words, lines and tips.
            assert_eq!(render(&e, Lang::En), Some(e.render().to_string()), "{args:?}");
        }
    }

    #[test]
    fn every_kind_is_said_in_swedish() {
        let said = |args: &[&str]| render(&error(Lang::Sv, args), Lang::Sv).unwrap_or_default();
        let unknown = said(&["biuld"]);
        assert!(unknown.starts_with("fel: okänt kommando ”biuld”"), "{unknown}");
        assert!(unknown.contains("\n\n  tips: det finns ett liknande kommando: ”build”"), "{unknown}");
        assert!(unknown.contains("\n\nAnvändning: perspektiv [FLAGGOR] <KOMMANDO>"), "{unknown}");
        assert!(unknown.ends_with("\n\nMer information ger ”--help”.\n"), "{unknown}");
        let port = said(&["build", "--port"]);
        assert!(port.starts_with("fel: oväntat argument ”--port”"), "{port}");
        let value = said(&["serve", "--port"]);
        assert!(value.contains("”--port <N>” behöver ett värde, men inget angavs"), "{value}");
        let format = said(&["check", "--diagnostic-format", "xml"]);
        assert!(
            format.contains("ogiltigt värde ”xml” för ”--diagnostic-format <DIAGNOSTIC_FORMAT>”"),
            "{format}"
        );
        assert!(format.contains("\n  [möjliga värden: human, json]"), "{format}");
        let twice = said(&["build", "--draft", "--draft"]);
        assert!(twice.contains("argumentet ”--draft” kan inte anges flera gånger"), "{twice}");
        let missing = said(&["diff", "2023"]);
        assert!(missing.contains("dessa argument krävs men saknas:\n  <NEW>"), "{missing}");
        for text in [&unknown, &port, &value, &format, &twice, &missing] {
            assert!(!text.contains("Usage") && !text.contains("error:") && !text.contains('\''), "{text}");
        }
    }

    #[test]
    fn help_and_the_version_are_clap_s_to_print() {
        assert_eq!(render(&error(Lang::Sv, &["--help"]), Lang::Sv), None);
        assert_eq!(render(&error(Lang::Sv, &["--version"]), Lang::Sv), None);
    }
}
