//! The safety net after typesetting (`typeset/contents.rs`): what it costs against the
//! typesetting it guards, on the 2023 document, on the 17 annexes of 2023 and on their county
//! overview (generated values, as in the annex bench).
//!
//! Each group measures the check alone on documents laid out beforehand (reading the laid-out
//! text and searching it for every required text) and the lists of required texts built from
//! the views; for comparison each times the typesetting itself (compile and PDF export, cold as
//! in a fresh process) and prints the check's share of it.

mod common;
#[path = "common/values.rs"]
mod values;

use std::cell::Cell;
use std::hint::black_box;
use std::path::Path;
use std::time::Duration;

use common::{copy_dir, repo};
use criterion::{Criterion, criterion_group, criterion_main};
use perspektiv::annex::view::Ctx;
use perspektiv::console::Console;
use perspektiv::document::prepare;
use perspektiv::names;
use perspektiv::render::Rendered;
use perspektiv::render::Templates;
use perspektiv::render::view;
use perspektiv::sources::parties::PartyKind;
use perspektiv::sources::{self, DirTree, Sources};
use perspektiv::typeset::contents::MustShow;
use perspektiv::typeset::{self, Described, DocWorld, Fonts, PdfSettings};
use typst_layout::PagedDocument;
use values::generate_values;

fn load(root: &Path) -> Sources {
    let (s, _) = sources::load(&DirTree::new(root), 2023).unwrap_or_else(|_| panic!("the 2023 sources load"));
    s
}

/// A document to typeset: its markup's name and text, and what it must show.
struct Doc {
    name: String,
    rendered: Rendered,
    must: MustShow,
}

impl Doc {
    fn layout(&self, settings: &PdfSettings) -> PagedDocument {
        let world = DocWorld::new(&self.name, self.rendered.markup.clone(), Some(settings.date)).unwrap();
        typeset::compile(&world).unwrap().0
    }
}

/// Typesets every document, cold, as the commands do (so with the check).
fn typeset_all(docs: &[Doc], settings: &PdfSettings) -> Vec<Vec<u8>> {
    docs.iter()
        .map(|d| {
            typst::comemo::evict(0);
            let described = Described {
                name: &d.name,
                rendered: &d.rendered,
                must: &d.must,
                settings,
                fonts: Fonts::embedded(),
                hint: "",
            };
            typeset::typeset(&described, &mut None, &|w| Console::default().typst_warning_now(w)).unwrap().pdf
        })
        .collect()
}

/// Benchmarks one set of documents: the check and the lists (`lists` makes them from views made
/// beforehand); times the typesetting and prints the check's share of it.
fn group(
    c: &mut Criterion,
    name: &str,
    docs: &[Doc],
    lists: &dyn Fn() -> Vec<MustShow>,
    settings: &PdfSettings,
) {
    let laid_out: Vec<PagedDocument> = docs.iter().map(|d| d.layout(settings)).collect();
    for (d, doc) in docs.iter().zip(&laid_out) {
        assert!(d.must.check(doc).is_ok(), "{} lacks what it must show", d.name);
    }
    let required: usize = docs.iter().map(|d| d.must.items().len()).sum();
    let pages: usize = laid_out.iter().map(|d| d.pages().len()).sum();
    let check = Cell::new(Duration::ZERO);

    let mut g = c.benchmark_group(name);
    g.sample_size(10);
    g.bench_function(format!("check: {required} texts in {pages} laid-out pages"), |b| {
        b.iter_custom(|iters| {
            let start = std::time::Instant::now();
            for _ in 0..iters {
                for (d, doc) in docs.iter().zip(&laid_out) {
                    black_box(d.must.check(doc)).unwrap();
                }
            }
            let total = start.elapsed();
            check.set(total / iters as u32);
            total
        });
    });
    g.bench_function("the lists from the views", |b| b.iter(|| black_box(lists())));
    g.finish();
    // Typesetting is timed outside criterion, the best of three cold passes: seconds for the
    // annexes, where criterion's samples would take minutes.
    let typesetting = (0..3)
        .map(|_| {
            let start = std::time::Instant::now();
            black_box(typeset_all(docs, settings));
            start.elapsed()
        })
        .min()
        .unwrap_or_default();
    eprintln!(
        "\n{name}: the check takes {:.2} ms, typesetting {:.0} ms: {:.2} % of it\n",
        check.get().as_secs_f64() * 1e3,
        typesetting.as_secs_f64() * 1e3,
        100.0 * check.get().as_secs_f64() / typesetting.as_secs_f64()
    );
}

fn bench(c: &mut Criterion) {
    let templates = Templates::new(None).unwrap();

    // The 2023 document, as `perspektiv build 2023` makes it.
    let s = load(&repo().join("sources"));
    let prepared = prepare(&s, &templates, None).unwrap();
    let settings = prepared.settings;
    let document = [Doc { name: prepared.names.markup, rendered: prepared.rendered, must: prepared.must }];
    let view = view::document(&s, None);
    group(c, "contents_2023", &document, &|| vec![view.must_show(&s)], &settings);

    // The 17 annexes of 2023, with generated values.
    let dir = tempfile::tempdir().unwrap();
    copy_dir(&repo().join("sources"), dir.path());
    generate_values(dir.path(), 2023);
    let s = load(dir.path());
    let ctx = Ctx::new(&s);
    let parties = &s.parties.data.party;
    assert_eq!(parties.len(), 17);
    let views: Vec<_> = parties.iter().map(|p| ctx.view(p)).collect();
    let annexes: Vec<Doc> = parties
        .iter()
        .zip(&views)
        .map(|(p, view)| Doc {
            name: names::annex(2023, p).markup,
            rendered: templates.render("annex.typ.j2", view).unwrap(),
            must: view.must_show(&s),
        })
        .collect();
    let lists = || views.iter().map(|v| v.must_show(&s)).collect();
    group(c, "contents_annexes_2023", &annexes, &lists, &settings);

    // The county overview of the same run, the largest document of it.
    let region = parties.iter().find(|p| p.kind == PartyKind::Region).unwrap();
    let overview = ctx.overview(region);
    let doc = [Doc {
        name: names::overview(2023, region).markup,
        rendered: templates.render("overview.typ.j2", &overview).unwrap(),
        must: overview.must_show(&s),
    }];
    group(c, "contents_overview_2023", &doc, &|| vec![overview.must_show(&s)], &settings);
}

criterion_group! {
    name = benches;
    config = Criterion::default().measurement_time(Duration::from_secs(5)).warm_up_time(Duration::from_secs(1));
    targets = bench
}
criterion_main!(benches);
