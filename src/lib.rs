//! perspektiv: Nya Perspektiv's political direction document from versioned TOML sources.
//!
//! The data flows load → validate → render → typeset → write:
//! [`sources`] reads and deserializes the TOML, [`validate`] checks it across files,
//! [`render`] shapes it into views and Typst markup through minijinja templates, and
//! [`typeset`] compiles the markup in-process into a tagged PDF/UA-1 + PDF/A-2a file; [`site`]
//! renders the same views through the HTML templates into the web edition.
//! [`cli`] is the only module that knows the command line; it resolves it into a [`cli::Job`].
//! Every command reads its year through [`check::load_and_check`]; every PDF is made by
//! [`typeset::typeset`] from a described document; every output's name is decided in [`names`].

pub mod annex;
pub mod build;
pub mod cache;
pub mod check;
pub mod cli;
pub mod console;
pub mod diagnostics;
pub mod diff;
pub mod document;
pub mod escape;
pub mod fmt;
pub mod i18n;
pub mod kolada;
pub mod markdown;
pub mod names;
pub mod new_year;
pub mod output;
pub mod render;
pub mod schema;
pub mod serve;
pub mod site;
pub mod sources;
pub mod suggest;
pub mod swedish;
pub mod typeset;
pub mod validate;
pub mod watch;
pub mod wording;

use std::process::ExitCode;

use anyhow::Result;

use cli::Job;

/// Runs a resolved command; returns the process exit code.
pub fn run(job: Job) -> Result<ExitCode> {
    match job {
        Job::Build(cfg) => build::run(&cfg),
        Job::Check(cfg) => check::run(&cfg),
        Job::Render(cfg) => document::run_render(&cfg),
        Job::Watch(cfg) => watch::run(cfg),
        Job::Site(cfg) => site::run(&cfg),
        Job::Serve(cfg) => serve::run(cfg),
        Job::Annexes(cfg) => annex::run(&cfg),
        Job::Diff(cfg) => Ok(diff::command::run(&cfg).unwrap_or_else(|e| {
            // diff(1) convention: 2 means trouble.
            print_error(&e);
            ExitCode::from(2)
        })),
        Job::New { sources, year, from } => new_year::run(&sources, year, from),
        Job::Schema { dir } => schema::run(&dir),
        Job::Fmt { sources, check } => fmt::run(&sources, check),
        Job::KoladaFetch(cfg) => kolada::run(&cfg),
        Job::ValuesTemplate(cfg) => sources::values::template::run(&cfg),
    }
}

/// A command-line argument that names nothing known (`--only karlstadt`): exit code 2, like the
/// parser's own usage errors.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct UsageError {
    /// What is wrong.
    pub message: String,
    /// How to fix it ("did you mean `karlstad`?").
    pub hint: Option<String>,
}

/// The exit code for an error: 2 for a [`UsageError`], 1 otherwise.
pub fn exit_code(e: &anyhow::Error) -> ExitCode {
    if e.downcast_ref::<UsageError>().is_some() { ExitCode::from(2) } else { ExitCode::from(1) }
}

/// Prints an error and its causes on standard error: `error:` then one `caused by:` line each,
/// and the hint of a [`UsageError`].
pub fn print_error(e: &anyhow::Error) {
    console::Console::default().failed(e);
}
