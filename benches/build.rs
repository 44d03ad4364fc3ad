//! Building the 2023 document: the whole pipeline (through `typeset::typeset`, as `build` does)
//! against bare Typst on the same markup; and its review edition, against 2019 (an edition most
//! of whose text was rewritten: the review shows both, 35 pages against 21) and after a year's
//! edits of the kind a secretary makes (the review against the checked-in 2023 sources).
//!
//! Typst's memoization caches are evicted before every iteration, so each iteration is a cold
//! build like a fresh `perspektiv build` process (the embedded fonts stay parsed, as they are
//! for both).

use std::hint::black_box;
use std::path::Path;

use criterion::{BatchSize, Criterion, criterion_group, criterion_main};

mod common;
use perspektiv::console::Console;
use perspektiv::document::{self, ReviewOf, prepare};
use perspektiv::render::Templates;
use perspektiv::sources::{self, DirTree, Sources};
use perspektiv::typeset::{self, DocWorld, Fonts};

fn load() -> Sources {
    load_year(2023)
}

fn load_year(year: i32) -> Sources {
    load_from(&Path::new(env!("CARGO_MANIFEST_DIR")).join("sources"), year)
}

fn load_from(folder: &Path, year: i32) -> Sources {
    let (s, _) =
        sources::load(&DirTree::new(folder), year).unwrap_or_else(|_| panic!("the {year} sources load"));
    s
}

/// A copy of the sources with a year's edits to 2023, as the review edition's tests make them: a
/// word changed in a paragraph and a paragraph inserted before another, a target changed, a
/// member replaced mid-term and a meeting moved to another month.
fn edited_sources() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("perspektiv-bench-review-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    common::copy_dir(&common::repo().join("sources"), &dir);
    let edit = |file: &str, f: &dyn Fn(String) -> String| {
        let path = dir.join("2023").join(file);
        let text = std::fs::read_to_string(&path).unwrap();
        let edited = f(text.clone());
        assert_ne!(edited, text, "the edit of {file} applies");
        std::fs::write(&path, edited).unwrap();
    };
    edit("document.toml", &|t| {
        t.replacen("komplexiteten ökar", "komplexiteten växer", 1).replacen(
            "Vi lever i ett samhälle",
            "Ett nytt stycke om samverkan i länet.\n\nVi lever i ett samhälle",
            1,
        )
    });
    edit("goals.toml", &|t| {
        t.replacen(
            "target = { amount = 2, unit = \"procentenheter\" }",
            "target = { amount = 5, unit = \"procentenheter\" }",
            1,
        )
    });
    edit("members.toml", &|t| {
        let at = t.find("id = \"lars-nilsson\"").unwrap();
        let end = at + t[at..].find("until = 2026-12-31").unwrap();
        let mut t = format!("{}until = 2024-06-30{}", &t[..end], &t[end + "until = 2026-12-31".len()..]);
        t.push_str(
            "\n[[member]]\nid = \"karin-berg\"\nname = \"Karin Berg\"\ntitle = \"kommunalråd\"\norganisation = \"kristinehamn\"\nparty = \"S\"\n\n[[member.role]]\nbody = \"politisk-styrgrupp\"\nrole = \"ledamot\"\nfrom = 2024-07-01\nuntil = 2026-12-31\n",
        );
        t
    });
    edit("appendices.toml", &|t| {
        let from = "[[calendar.month]]\nmonth = 9\n\n[[calendar.month.meeting]]\nbody = \"varmlandsradet\"\nday = 15\n";
        let to = "[[calendar.month]]\nmonth = 10\n\n[[calendar.month.meeting]]\nbody = \"ordforanderadet\"\nday = 20\n";
        t.replacen(from, "[[calendar.month]]\nmonth = 9\n", 1).replacen(
            to,
            &format!("{to}\n[[calendar.month.meeting]]\nbody = \"varmlandsradet\"\nday = 15\n"),
            1,
        )
    });
    dir
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
    // The review editions (`build 2023 --changes-since OLD` makes one beside the document): both
    // sides loaded and validated, compared, the marked view rendered and typeset. Compare with
    // `build_2023/whole`.
    let edited = edited_sources();
    let mut group = c.benchmark_group("review_2023");
    group.sample_size(10);
    for (name, old_folder, new_folder, label) in [
        (
            "since 2019: load both, validate, compare, render, compile, pdf",
            common::repo().join("sources"),
            common::repo().join("sources"),
            "2019",
        ),
        (
            "after a year's edits: load both, validate, compare, render, compile, pdf",
            common::repo().join("sources"),
            edited.clone(),
            "2023",
        ),
    ] {
        let old_year: i32 = label.parse().unwrap();
        group.bench_function(name, |b| {
            b.iter_batched(
                cold,
                |()| {
                    let (old, new) = (load_from(&old_folder, old_year), load_from(&new_folder, 2023));
                    for s in [&old, &new] {
                        let problems = perspektiv::validate::validate(s, &|ch| fonts.covers(ch));
                        assert!(problems.iter().all(|p| !p.is_error()));
                    }
                    let of = ReviewOf { sources: &old, label };
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
    }
    // What `build 2023 --changes-since 2019` costs: the document and its review edition, side by
    // side. Compare with `build_2023/whole`.
    group.bench_function("since 2019, with the document as build makes both", |b| {
        b.iter_batched(
            cold,
            |()| {
                let (old, new) = (load_year(2019), load());
                for s in [&old, &new] {
                    let problems = perspektiv::validate::validate(s, &|ch| fonts.covers(ch));
                    assert!(problems.iter().all(|p| !p.is_error()));
                }
                let of = ReviewOf { sources: &old, label: "2019" };
                let warn = |w: &_| Console::default().typst_warning_now(w);
                black_box(
                    document::pdf_and_review(&new, Some(of), &templates, None, fonts.clone(), &warn).unwrap(),
                )
            },
            BatchSize::PerIteration,
        );
    });
    // Our part of the first: what the comparison and the marks cost before Typst.
    group.bench_function("since 2019, ours only: load both, validate, compare, render", |b| {
        b.iter(|| {
            let (old, new) = (load_year(2019), load());
            for s in [&old, &new] {
                black_box(perspektiv::validate::validate(s, &|ch| fonts.covers(ch)));
            }
            let of = ReviewOf { sources: &old, label: "2019" };
            black_box(document::prepare_review(&new, of, &templates, None).unwrap().rendered.markup)
        });
    });
    group.finish();
    let _ = std::fs::remove_dir_all(&edited);
}

criterion_group!(benches, bench);
criterion_main!(benches);
