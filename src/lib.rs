//! perspektiv: Nya Perspektiv's political direction document from versioned TOML sources.
//!
//! The data flows load → validate → render → typeset → write:
//! [`sources`] reads and deserializes the TOML, [`validate`] checks it across files,
//! [`render`] shapes it into views and Typst markup through minijinja templates, and
//! [`typeset`] compiles the markup in-process into a tagged PDF/UA-1 + PDF/A-2a file.

pub mod build;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod escape;
pub mod markdown;
pub mod output;
pub mod render;
pub mod sources;
pub mod swedish;
pub mod typeset;
pub mod validate;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Cli, Command};

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Build(args) => {
            build::run_build(&build::BuildConfig::from_args(&cli, &args.check, args.draft)?)
        }
        Command::Check(args) => build::run_check(&build::BuildConfig::from_args(&cli, args, false)?),
        Command::Render(args) => {
            let check = cli::CheckArgs {
                year: cli::YearArg { year: args.year },
                deny_warnings: false,
                diagnostic_format: cli::DiagnosticFormat::Human,
            };
            build::run_render(&build::BuildConfig::from_args(&cli, &check, false)?)
        }
    }
}
