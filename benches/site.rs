//! `perspektiv site`: the web edition of 2023 with values for every party (the document, 17
//! parties' pages, the stylesheet and the fonts): in memory from loaded sources, and the whole
//! command's work (load, validate, render, replace the folder). Values are generated as in the
//! annex benchmark.

mod common;
#[path = "common/values.rs"]
mod values;

use std::hint::black_box;

use common::{copy_dir, repo};
use criterion::{Criterion, criterion_group, criterion_main};
use perspektiv::check::{Input, Reporting, load_reported};
use perspektiv::console::Console;
use perspektiv::diagnostics::DiagnosticFormat;
use perspektiv::render::{Templates, html};
use perspektiv::site::{SiteConfig, site_files, write_site};
use perspektiv::sources::{self, DirTree};

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let sources_dir = dir.path().join("sources");
    copy_dir(&repo().join("sources"), &sources_dir);
    values::generate_values(&sources_dir, 2023);
    let cfg = SiteConfig {
        input: Input { sources: sources_dir.clone(), year: 2023, fonts: dir.path().join("fonts") },
        reporting: Reporting { deny_warnings: false, format: DiagnosticFormat::Human, quiet: true },
        out: dir.path().join("out"),
        templates: dir.path().join("templates"),
        changes_since: None,
    };
    let (s, _) =
        sources::load(&DirTree::new(&sources_dir), 2023).unwrap_or_else(|_| panic!("the sources load"));
    let templates = Templates::html(None).unwrap();
    let pages = site_files(&s, &templates, html::STYLESHEET, None).unwrap();
    assert_eq!(pages.iter().filter(|f| f.path.ends_with(".html")).count(), 18);

    let mut group = c.benchmark_group("site_2023");
    group.bench_function("render: document and 17 parties' pages from loaded sources", |b| {
        b.iter(|| black_box(site_files(&s, &templates, html::STYLESHEET, None).unwrap()));
    });
    group.bench_function("whole: load, validate, render, replace the folder", |b| {
        let console = Console::new(cfg.reporting.format);
        b.iter(|| {
            let (s, _) = load_reported(&console, &cfg.input, cfg.reporting).unwrap().unwrap();
            black_box(write_site(&console, &cfg, &s).unwrap())
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
