//! The command line: clap derive. Every `///` here is help text.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Builds Nya Perspektiv's political direction document ("Politiskt inriktningsdokument") from
/// the versioned TOML sources under `sources/<YEAR>/`.
#[derive(Debug, Parser)]
#[command(name = "perspektiv", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Folder with the sources: `parties.toml`, `kolada.toml` and one folder per year.
    #[arg(long, global = true, value_name = "DIR", default_value = "sources")]
    pub sources: PathBuf,

    /// Folder the outputs are written to (`<OUT>/<YEAR>/...`).
    #[arg(long, global = true, value_name = "DIR", default_value = "out")]
    pub out: PathBuf,

    /// Folder with templates that replace the built-in ones (used if it exists).
    #[arg(long, global = true, value_name = "DIR", default_value = "templates")]
    pub templates: PathBuf,

    /// Folder with fonts that replace the built-in ones (used if it exists; the built-in fonts are
    /// the ones in the repository's `fonts/`).
    #[arg(long, global = true, value_name = "DIR", default_value = "fonts")]
    pub fonts: PathBuf,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the document as an accessible PDF (PDF/UA-1, PDF/A-2a):
    /// `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.pdf`.
    Build(BuildArgs),
    /// Validate the sources and report every problem; writes nothing.
    Check(CheckArgs),
    /// Write the intermediate Typst markup: `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.typ`
    /// (compiles with stock Typst 0.15 and `--font-path fonts`).
    Render(YearArg),
    /// Show what changed between two sets of sources: goals, indicators, bodies, members and their
    /// roles, appendices, calendars and prose, field by field. Each side is a year (`2023`) or a
    /// git revision and a year (`HEAD~3:2023`, `v2023-remiss:2023`). Exit code 0: no differences,
    /// 1: differences, 2: error.
    Diff(DiffArgs),
    /// Start next year's sources from an earlier year's: copies `<SOURCES>/<FROM>` to
    /// `<SOURCES>/<YEAR>`, moves the document's year and date and the calendar's years, unsets the
    /// meeting days, and prints a checklist of what to review. Never overwrites a year.
    New(NewArgs),
    /// Build, then rebuild the PDF whenever a source, template or font changes. Errors are
    /// printed and the last good PDF stays in place. Stop with Ctrl-C.
    Watch(BuildArgs),
}

/// Options of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new edition's year.
    pub year: i32,
    /// The year to start from.
    #[arg(long, value_name = "YEAR")]
    pub from: i32,
}

/// Options of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old side: `2019`, or `REV:YEAR` such as `v2023-remiss:2023`.
    pub old: String,
    /// The new side: `2023`, or `REV:YEAR` such as `HEAD:2023`.
    pub new: String,
    /// Output on standard output [default: text, unless --pdf is given].
    #[arg(long, value_enum)]
    pub format: Option<DiffFormat>,
    /// Also write the change annex ("Förändringar 2019–2023") as an accessible PDF.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormat {
    /// For the terminal: coloured when standard output is a terminal.
    Text,
    /// Markdown with Swedish headings and wording, for the preparatory group's papers.
    Md,
    /// JSON with a stable schema (`perspektiv-diff/1`, see the README).
    Json,
}

/// A year of the sources.
#[derive(Debug, Args)]
pub struct YearArg {
    /// The edition's year; defaults to the newest year under the sources folder.
    pub year: Option<i32>,
}

/// How problems in the sources are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormat {
    /// Readable, with the source line.
    #[default]
    Human,
    /// One JSON object per line (severity, file, line, column, key, message, hint).
    Json,
}

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The year.
    #[command(flatten)]
    pub year: YearArg,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
    /// How problems are printed.
    #[arg(long, value_enum, default_value_t)]
    pub diagnostic_format: DiagnosticFormat,
}

/// Options of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Year and checks.
    #[command(flatten)]
    pub check: CheckArgs,
    /// Mark the PDF as a draft: "UTKAST" across every page, the build date and the sources'
    /// commit in the footer.
    #[arg(long)]
    pub draft: bool,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_valid() {
        super::Cli::command().debug_assert();
    }
}
