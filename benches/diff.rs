//! The change report 2019 → 2023: comparing the sources (entities, lists aligned by content,
//! word-level changes) and writing the report politicians read (the overview and the Markdown).

use std::hint::black_box;
use std::path::Path;

use criterion::{Criterion, criterion_group, criterion_main};
use perspektiv::diff::{self, format, report};
use perspektiv::sources::index::Index;
use perspektiv::sources::{self, DirTree, Sources};

fn load(year: i32) -> Sources {
    let tree = DirTree::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"));
    let (s, _) = sources::load(&tree, year).unwrap_or_else(|_| panic!("the {year} sources load"));
    s
}

fn bench(c: &mut Criterion) {
    let (old, new) = (load(2019), load(2023));
    let (old, new) = (Index::new(&old), Index::new(&new));
    let mut group = c.benchmark_group("diff_2019_2023");
    group.bench_function("compare: entities, alignment, words", |b| {
        b.iter(|| black_box(diff::diff(&old, "2019", &new, "2023")));
    });
    let d = diff::diff(&old, "2019", &new, "2023");
    group.bench_function("report and Markdown", |b| {
        b.iter(|| black_box(format::markdown(&report::report(&d, &old, &new))));
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
