//! `perspektiv`: the command line; everything it does is in the library (`perspektiv::run`).

use std::process::ExitCode;

/// mimalloc, unless built without the `mimalloc` feature: Typst allocates and frees many small
/// objects on several threads, and a national annex run takes about a tenth less time with it
/// than with glibc's allocator.
#[cfg(feature = "mimalloc")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    let lang = perspektiv::i18n::from_environment();
    perspektiv::i18n::set(lang);
    let cli = match perspektiv::cli::parse(lang) {
        Ok(cli) => cli,
        Err(e) => return perspektiv::cli::usage::print(&e),
    };
    match cli.resolve().and_then(perspektiv::run) {
        Ok(code) => code,
        Err(e) => {
            perspektiv::print_error(&e);
            perspektiv::exit_code(&e)
        }
    }
}
