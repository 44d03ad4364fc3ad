//! `perspektiv watch`: a rebuild of the 2023 document after a one-line edit of a prose paragraph,
//! with the Typst caches of the previous builds (load, validate, render, compile, PDF, write).

mod common;
#[path = "common/scratch.rs"]
mod scratch;

use criterion::{Criterion, criterion_group, criterion_main};
use perspektiv::console::Console;
use perspektiv::watch::{Outcome, Rebuilder};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let cfg = scratch::build_config(dir.path());
    let sources = cfg.input.sources.clone();
    let console = Console::default();
    let mut rebuilder = Rebuilder::new(cfg);
    assert_eq!(rebuilder.rebuild(&console).unwrap(), Outcome::Written);

    let file = sources.join("2023/document.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let line = "Vi lever i ett samhälle där komplexiteten ökar";
    assert!(original.contains(line));
    let mut n = 0u64;
    c.bench_function("watch_2023/rebuild after a one-line prose edit", |b| {
        b.iter(|| {
            n += 1;
            let edited = original.replace(line, &format!("{line} (ändring {n})"));
            std::fs::write(&file, edited).unwrap();
            assert_eq!(rebuilder.rebuild(&console).unwrap(), Outcome::Written);
        });
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
