//! Building the 2023 document: the whole pipeline (through `typeset::typeset`, as `build` does)
//! against bare Typst on the same markup; and its review edition against 2019.
//!
//! Typst's memoization caches are evicted before every iteration, so each iteration is a cold
//! build like a fresh `perspektiv build` process (the embedded fonts stay parsed, as they are
//! for both).

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};
use perspektiv::console::Console;
use perspektiv::document::{self, ReviewOf, prepare};
use perspektiv::render::Templates;
use perspektiv::sources::{self, DirTree, Sources};
use perspektiv::typeset::{self, DocWorld, Fonts};

fn load() -> Sources {
    load_year(2023)
}

fn load_year(year: i32) -> Sources {
    let tree = DirTree::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"));
    let (s, _) = sources::load(&tree, year).unwrap_or_else(|_| panic!("the {year} sources load"));
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

    // The review edition of 2023 against 2019 (`build 2023 --changes-since 2019` makes it beside
    // the document): both sides loaded and validated, compared, the marked view rendered and
    // typeset. Compare with `build_2023/whole`.
    let mut group = c.benchmark_group("review_2023_since_2019");
    group.sample_size(10);
    group.bench_function("review edition: load both, validate, compare, render, compile, pdf", |b| {
        b.iter_batched(
            cold,
            |()| {
                let (old, new) = (load_year(2019), load());
                for s in [&old, &new] {
                    let problems = perspektiv::validate::validate(s, &|ch| fonts.covers(ch));
                    assert!(problems.iter().all(|p| !p.is_error()));
                }
                let of = ReviewOf { sources: &old, label: "2019" };
                black_box(
                    document::review_pdf(&new, of, &templates, None, fonts.clone(), &|w| {
                        Console::default().typst_warning_now(w)
                    })
                    .unwrap(),
                )
            },
            BatchSize::PerIteration,
        );
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
