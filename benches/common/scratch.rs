//! A copy of the repository's sources in a scratch folder, with the build configuration that
//! reads it and writes beside it (the watch and serve benchmarks edit the copy).

use std::path::Path;

use perspektiv::build::BuildConfig;
use perspektiv::check::{Input, Reporting};
use perspektiv::diagnostics::DiagnosticFormat;

use crate::common::{copy_dir, repo};

/// Copies `sources/` into `dir` and builds 2023 from there, quietly, into `dir/out`.
pub(crate) fn build_config(dir: &Path) -> BuildConfig {
    let sources = dir.join("sources");
    copy_dir(&repo().join("sources"), &sources);
    BuildConfig {
        input: Input { sources, year: 2023, fonts: dir.join("fonts") },
        reporting: Reporting { deny_warnings: false, format: DiagnosticFormat::Human, quiet: true },
        out: dir.join("out"),
        templates: dir.join("templates"),
        draft: false,
        changes_since: None,
    }
}
