//! The command line in the language of the run. The derive's `///` comments are the English
//! help; for Swedish, every command's about and every argument's help is taken from
//! `i18n/sv/help.ftl` by walking the built [`Command`], so that the derive stays the one
//! description of the arguments.
//!
//! A command's key is `cli-<path>` (`cli-kolada-fetch`; the root is `cli`), its long text the
//! attribute `.long`; an argument's is `cli-<path>-<id>` (`cli-annexes-only`) or, for one that
//! several commands share (the year, the global folders), `cli-<id>`. A command or argument
//! without a key keeps its English help, and a test names it.

use clap::builder::Resettable;
use clap::{Arg, Command, CommandFactory, FromArgMatches};

use super::Cli;
use crate::i18n::{self, Lang};

/// The command line, with its help in `lang`.
pub fn command(lang: Lang) -> Command {
    let mut cmd = Cli::command();
    if lang == Lang::En {
        return cmd;
    }
    // Built, so that clap's own arguments (`--help`, `--version`) and its `help` command are
    // there to be translated, and the global arguments are in every command.
    cmd.build();
    localize(cmd, lang, &mut Vec::new())
}

/// Parses the process's arguments with the help and usage in `lang`.
///
/// Errors: clap's, for a usage error or a request for help or the version.
pub fn parse(lang: Lang) -> Result<Cli, clap::Error> {
    let mut cmd = command(lang);
    let matches = cmd.try_get_matches_from_mut(std::env::args_os())?;
    Cli::from_arg_matches(&matches).map_err(|e| e.with_cmd(&cmd))
}

/// The key of a command's about: `cli-<path>`; clap's `help` command, at any level, is
/// `cli-help-command` and its copies of the commands are the commands'.
fn command_key(path: &[String]) -> String {
    if path.last().is_some_and(|n| n == "help") {
        return "cli-help-command".to_owned();
    }
    let path: Vec<&str> = path.iter().map(String::as_str).filter(|n| *n != "help").collect();
    if path.is_empty() { "cli".to_owned() } else { format!("cli-{}", path.join("-")) }
}

/// The keys an argument's help is looked for under, the command's own first.
fn arg_keys(path: &[String], id: &str) -> [String; 2] {
    let own = if path.is_empty() { format!("cli-{id}") } else { format!("{}-{id}", command_key(path)) };
    [own, format!("cli-{id}")]
}

fn localize(mut cmd: Command, lang: Lang, path: &mut Vec<String>) -> Command {
    let key = command_key(path);
    if let Some(about) = i18n::get(lang, &key) {
        cmd = cmd.about(about);
        cmd = match i18n::get(lang, &format!("{key}.long")) {
            Some(long) => cmd.long_about(long),
            None => cmd.long_about(Resettable::Reset),
        };
    }
    let ids: Vec<String> = cmd.get_arguments().map(|a| a.get_id().to_string()).collect();
    for id in ids {
        let keys = arg_keys(path, &id);
        cmd = cmd.mut_arg(&id, |a| localize_arg(a, lang, &keys));
    }
    let heading = |k: &str| i18n::get(lang, k).unwrap_or_default();
    let template = format!(
        "{{before-help}}{{about-with-newline}}\n{}: {{usage}}\n\n{{all-args}}{{after-help}}",
        heading("cli-usage")
    );
    cmd = cmd
        .help_template(template)
        .subcommand_help_heading(heading("cli-heading-commands"))
        .subcommand_value_name(heading("cli-command-value"));
    let names: Vec<String> = cmd.get_subcommands().map(|s| s.get_name().to_owned()).collect();
    for name in names {
        path.push(name.clone());
        cmd = cmd.mut_subcommand(&name, |s| localize(s, lang, path));
        path.pop();
    }
    // The usage line's `[OPTIONS]`, said in the language too.
    let usage = cmd.render_usage().to_string();
    let usage = usage.strip_prefix("Usage: ").unwrap_or(&usage).to_owned();
    cmd.override_usage(usage.replace("[OPTIONS]", &heading("cli-options-value")))
}

fn localize_arg(mut a: Arg, lang: Lang, keys: &[String; 2]) -> Arg {
    let heading = if a.is_positional() { "cli-heading-arguments" } else { "cli-heading-options" };
    if let Some(heading) = i18n::get(lang, heading) {
        a = a.help_heading(heading);
    }
    // Under a heading of their own the arguments are listed by display order, then by name:
    // the positional ones keep the order they are given in (`<OLD> <NEW>`).
    if let Some(index) = a.get_index() {
        a = a.display_order(index);
    }
    let Some(key) = keys.iter().find(|k| i18n::has(lang, k)) else { return a };
    let mut suffix = String::new();
    if a.get_action().takes_values() {
        let values: Vec<String> = a.get_possible_values().iter().map(|v| v.get_name().to_owned()).collect();
        if !values.is_empty() && !a.is_hide_possible_values_set() {
            suffix.push_str(&format!(
                " {}",
                i18n::Msg::new("cli-possible-values").arg("values", values.join(", ")).text_in(lang)
            ));
            a = a.hide_possible_values(true);
        }
        let defaults: Vec<String> =
            a.get_default_values().iter().map(|v| v.to_string_lossy().into_owned()).collect();
        if !defaults.is_empty() && !a.is_hide_default_value_set() {
            suffix.push_str(&format!(
                " {}",
                i18n::Msg::new("cli-default-value").arg("value", defaults.join(", ")).text_in(lang)
            ));
            a = a.hide_default_value(true);
        }
    }
    let help = i18n::get(lang, key).unwrap_or_default();
    let long = i18n::get(lang, &format!("{key}.long"));
    a = a.help(format!("{help}{suffix}"));
    match long {
        Some(long) => a.long_help(format!("{long}{suffix}")),
        None => a.long_help(Resettable::Reset),
    }
}

/// What the Swedish help lacks: every command and shown argument without a key.
#[cfg(test)]
fn missing(lang: Lang) -> Vec<String> {
    fn walk(cmd: &Command, lang: Lang, path: &mut Vec<String>, out: &mut Vec<String>) {
        let name =
            if path.is_empty() { "perspektiv".to_owned() } else { format!("perspektiv {}", path.join(" ")) };
        let key = command_key(path);
        if !i18n::has(lang, &key) {
            out.push(format!("`{key}`: the about of `{name}`"));
        }
        for a in cmd.get_arguments().filter(|a| !a.is_hide_set()) {
            let keys = arg_keys(path, a.get_id().as_str());
            if !keys.iter().any(|k| i18n::has(lang, k)) {
                let shown = a.get_long().map_or_else(|| a.get_id().to_string(), |l| format!("--{l}"));
                out.push(format!("`{}` (or `{}`): the help of `{shown}` of `{name}`", keys[0], keys[1]));
            }
        }
        for sub in cmd.get_subcommands() {
            path.push(sub.get_name().to_owned());
            walk(sub, lang, path, out);
            path.pop();
        }
    }
    let mut cmd = Cli::command();
    cmd.build();
    let mut out = Vec::new();
    walk(&cmd, lang, &mut Vec::new(), &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_command_and_argument_has_swedish_help() {
        let missing = missing(Lang::Sv);
        assert!(
            missing.is_empty(),
            "the Swedish help lacks these keys; add them to i18n/sv/help.ftl:\n{}",
            missing.join("\n")
        );
    }

    #[test]
    fn the_swedish_help_is_swedish_and_valid() {
        let mut cmd = command(Lang::Sv);
        cmd.clone().debug_assert();
        let help = cmd.render_help().to_string();
        assert!(help.contains("Användning:") && help.contains("Kommandon:"), "{help}");
        let build =
            cmd.find_subcommand_mut("build").map(|b| b.render_long_help().to_string()).unwrap_or_default();
        assert!(build.contains("Flaggor:") && !build.contains("Options:"), "{build}");
    }

    #[test]
    fn the_english_help_is_the_derives() {
        let help = command(Lang::En).render_help().to_string();
        assert!(help.contains("Usage:") && help.contains("Commands:"), "{help}");
    }
}
