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
