//! Building the 2023 document: the whole pipeline (through `typeset::typeset`, as `build` does)
//! against bare Typst on the same markup.
//!
//! Typst's memoization caches are evicted before every iteration, so each iteration is a cold
//! build like a fresh `perspektiv build` process (the embedded fonts stay parsed, as they are
//! for both).

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use perspektiv::console::Console;
use perspektiv::document::{self, prepare};
use perspektiv::render::Templates;
use perspektiv::sources::{self, DirTree, Sources};
use perspektiv::typeset::{self, DocWorld, Fonts};

fn load() -> Sources {
    let tree = DirTree::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"));
    let (s, _) = sources::load(&tree, 2023).unwrap_or_else(|_| panic!("the 2023 sources load"));
    s
}

fn cold() {
    typst::comemo::evict(0);
}

fn bench(c: &mut Criterion) {
    let templates = Templates::new(None).unwrap();
    let fonts = Fonts::embedded();
    let s = load();
    let prepared = prepare(&s, &templates, None).unwrap();

    let mut group = c.benchmark_group("build_2023");
    group.sample_size(20);
    group.bench_function("whole: load, validate, render, compile, pdf", |b| {
        b.iter_batched(
            cold,
            |()| {
                let s = load();
                let problems = perspektiv::validate::validate(&s, &|ch| fonts.covers(ch));
                assert!(problems.iter().all(|p| !p.is_error()));
                black_box(
                    document::pdf(&s, &templates, None, fonts.clone(), &|w| {
                        Console::default().typst_warning_now(w)
                    })
                    .unwrap(),
                )
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("bare typst: compile, pdf (same markup and fonts)", |b| {
        b.iter_batched(
            cold,
            |()| {
                let (markup, settings) = (&prepared.rendered.markup, &prepared.settings);
                let world =
                    DocWorld::new(&prepared.names.markup, markup.clone(), Some(settings.date)).unwrap();
                let (doc, _) = typeset::compile(&world).unwrap();
                black_box(typeset::export_pdf(&world, &doc, settings).unwrap())
            },
            BatchSize::PerIteration,
        );
    });
    group.bench_function("ours only: load, validate, render", |b| {
        b.iter(|| {
            let s = load();
            let problems = perspektiv::validate::validate(&s, &|ch| fonts.covers(ch));
            black_box((problems, prepare(&s, &templates, None).unwrap().rendered.markup))
        });
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
