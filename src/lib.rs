//! perspektiv: Nya Perspektiv's political direction document from versioned TOML sources.
//!
//! The data flows load → validate → render → typeset → write:
//! [`sources`] reads and deserializes the TOML, [`validate`] checks it across files,
//! [`render`] shapes it into views and Typst markup through minijinja templates, and
//! [`typeset`] compiles the markup in-process into a tagged PDF/UA-1 + PDF/A-2a file.

pub mod annex;
pub mod build;
pub mod cli;
pub mod diagnostics;
pub mod diff;
pub mod escape;
pub mod fmt;
pub mod kolada;
pub mod markdown;
pub mod new_year;
pub mod output;
pub mod render;
pub mod schema;
pub mod sources;
pub mod swedish;
pub mod typeset;
pub mod validate;
pub mod watch;

use std::process::ExitCode;

use anyhow::Result;

use cli::{Cli, Command};

/// Runs a parsed command line; returns the process exit code.
pub fn run(cli: Cli) -> Result<ExitCode> {
    match &cli.command {
        Command::Kolada(args) => match &args.command {
            cli::KoladaCommand::Fetch(fetch) => kolada::run(&kolada::FetchConfig::from_args(&cli, fetch)?),
        },
        Command::Annexes(args) => {
            let check = cli::CheckArgs { year: cli::YearArg { year: args.year.year }, deny_warnings: false, diagnostic_format: cli::DiagnosticFormat::Human };
            let build = build::BuildConfig::from_args(&cli, &check, false)?;
            annex::run(&annex::AnnexConfig { build, only: args.only.clone(), zip: args.zip.clone() })
        }
        Command::Watch(args) => watch::run(build::BuildConfig::from_args(&cli, &args.check, args.draft)?),
        Command::New(args) => new_year::run(&cli.sources, args.year, args.from),
        Command::Schema => schema::run(&cli.out.clone().unwrap_or_else(|| cli.sources.join(schema::DIR))),
        Command::Fmt(args) => fmt::run(&cli.sources, args.check),
        Command::Diff(args) => Ok(diff::command::run(&cli, args).unwrap_or_else(|e| {
            // diff(1) convention: 2 means trouble.
            eprintln!("error: {e}");
            for cause in e.chain().skip(1) {
                eprintln!("caused by: {cause}");
            }
            ExitCode::from(2)
        })),
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
