//! `perspektiv annexes`: the 17 annexes of 2023, the county overview, the spreadsheet and the
//! zip, in process and as a whole process; the overview alone; and a national run with all 290
//! municipalities and 21 regions (and the 21 county overviews).
//!
//! The values are generated (a fixed pseudo-random walk per KPI and area, with some years missing
//! and gender splits for half the series), so that every annex has full tables and charts. The
//! national parties come from `tests/fixtures/national/kolada-municipalities.csv`, Kolada's list
//! of areas. After the national run the peak memory of this process is printed.

mod common;

use std::hint::black_box;
use std::path::Path;
use std::process::Command;
use std::sync::Arc;

use common::{copy_dir, repo};
use criterion::measurement::WallTime;
use criterion::{BatchSize, BenchmarkGroup, Criterion, criterion_group, criterion_main};
use perspektiv::annex::{build_all, build_overviews};
use perspektiv::render::Templates;
use perspektiv::sources::parties::PartyKind;
use perspektiv::sources::values::{Gender, GenderValue, Record, to_json};
use perspektiv::sources::{self, DirTree, Sources};
use perspektiv::typeset::Fonts;

/// A small deterministic generator (64-bit LCG), so that every run has the same values.
struct Lcg(u64);

impl Lcg {
    fn next(&mut self) -> f64 {
        self.0 = self.0.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
        (self.0 >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// Writes `values/<KPI>.json` for every KPI of the year's goals: 2015 to the year for every
/// party and Riket, about one year in twelve missing.
fn generate_values(sources: &Path, year: i32) {
    let (s, _) = sources::load(&DirTree::new(sources), year).unwrap_or_else(|_| panic!("the sources load"));
    let mut kpis: Vec<_> = s
        .goals
        .data
        .goal
        .iter()
        .flat_map(|g| &g.indicator)
        .flat_map(|i| &i.kolada)
        .map(|k| k.kpi.clone())
        .collect();
    kpis.sort();
    kpis.dedup();
    let mut areas: Vec<_> = s.parties.data.party.iter().map(|p| p.code.clone()).collect();
    areas.extend(s.parties.data.comparison.iter().map(|c| c.code.clone()));
    let mut rng = Lcg(2023);
    let dir = sources.join(year.to_string()).join("values");
    std::fs::create_dir_all(&dir).unwrap();
    for kpi in kpis {
        let mut records = Vec::new();
        for area in &areas {
            let mut level = 20.0 + 60.0 * rng.next();
            let split = rng.next() < 0.5;
            for period in 2015..=year {
                level += 4.0 * rng.next() - 1.8;
                if rng.next() < 0.08 {
                    continue;
                }
                let round = |v: f64| (v * 10.0).round() / 10.0;
                let value = |gender, v| GenderValue {
                    gender,
                    count: Some(1),
                    status: Some(String::new()),
                    value: Some(round(v)),
                };
                let mut values = vec![value(Gender::Total, level)];
                if split {
                    values.push(value(Gender::Women, level + 2.0));
                    values.push(value(Gender::Men, level - 2.0));
                }
                records.push(Record { kpi: kpi.clone(), area: area.clone(), period, values });
            }
        }
        std::fs::write(dir.join(format!("{}.json", kpi.as_str())), to_json(&records)).unwrap();
    }
}

/// An ASCII slug of a Swedish name: `Upplands Väsby` → `upplands-vasby`.
fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        match c {
            'å' | 'ä' | 'á' | 'à' => out.push('a'),
            'ö' | 'ó' => out.push('o'),
            'é' | 'è' => out.push('e'),
            'ü' => out.push('u'),
            c if c.is_ascii_alphanumeric() => out.push(c),
            _ if !out.ends_with('-') => out.push('-'),
            _ => {}
        }
    }
    out.trim_matches('-').to_owned()
}

/// `parties.toml` with every municipality and region of Kolada's list; Riket for comparison.
fn national_parties() -> String {
    let mut reader =
        csv::Reader::from_path(repo().join("tests/fixtures/national/kolada-municipalities.csv")).unwrap();
    let mut out = String::new();
    let (mut municipalities, mut regions) = (0, 0);
    let mut slugs = std::collections::BTreeSet::new();
    for row in reader.records() {
        let row = row.unwrap();
        let (code, title, kind) = (&row[0], &row[1], &row[2]);
        if code == "0000" {
            continue;
        }
        let (kind, official) = if kind == "L" {
            regions += 1;
            ("region", title.to_owned())
        } else {
            municipalities += 1;
            ("municipality", format!("{title} kommun"))
        };
        // Håbo and Habo share a slug; the second gets its code.
        let mut id = slug(title);
        if !slugs.insert(id.clone()) {
            id = format!("{id}-{code}");
        }
        out.push_str(&format!(
            "[[party]]\nid = \"{id}\"\nname = \"{title}\"\nofficial_name = \"{official}\"\ncode = \"{code}\"\nkind = \"{kind}\"\n\n"
        ));
    }
    assert_eq!((municipalities, regions), (290, 21));
    out.push_str("[[comparison]]\ncode = \"0000\"\nname = \"Riket\"\n");
    out
}

fn load(sources: &Path) -> Sources {
    sources::load(&DirTree::new(sources), 2023).unwrap_or_else(|_| panic!("the sources load")).0
}

fn peak_memory_mib() -> Option<f64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: f64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib / 1024.0)
}

/// All annexes of `s`, the county overviews, the spreadsheet and their zip, in this process,
/// each iteration with Typst's caches empty.
fn in_process(
    group: &mut BenchmarkGroup<WallTime>,
    name: &str,
    s: &Sources,
    templates: &Templates,
    fonts: &Arc<Fonts>,
) {
    let parties: Vec<_> = s.parties.data.party.iter().collect();
    let regions: Vec<_> = s.parties.data.party.iter().filter(|p| p.kind == PartyKind::Region).collect();
    let hidden = indicatif::ProgressBar::hidden();
    group.bench_function(name, |b| {
        b.iter_batched(
            || typst::comemo::evict(0),
            |()| {
                let built = build_all(s, &parties, &regions, templates, fonts.clone(), &hidden).unwrap();
                black_box(built.zip().unwrap())
            },
            BatchSize::PerIteration,
        );
    });
}

/// The county overview alone.
fn overview_only(
    group: &mut BenchmarkGroup<WallTime>,
    s: &Sources,
    templates: &Templates,
    fonts: &Arc<Fonts>,
) {
    let regions: Vec<_> = s.parties.data.party.iter().filter(|p| p.kind == PartyKind::Region).collect();
    let hidden = indicatif::ProgressBar::hidden();
    group.bench_function("county overview alone (cold Typst caches)", |b| {
        b.iter_batched(
            || typst::comemo::evict(0),
            |()| black_box(build_overviews(s, &regions, templates, fonts.clone(), &hidden).unwrap()),
            BatchSize::PerIteration,
        );
    });
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let varmland = dir.path().join("varmland");
    copy_dir(&repo().join("sources"), &varmland);
    generate_values(&varmland, 2023);

    let national = dir.path().join("national");
    copy_dir(&repo().join("sources"), &national);
    std::fs::write(national.join("parties.toml"), national_parties()).unwrap();
    generate_values(&national, 2023);

    let templates = Templates::new(None).unwrap();
    let fonts = Fonts::embedded();

    let mut group = c.benchmark_group("annexes_2023");
    group.sample_size(10);
    let s = load(&varmland);
    assert_eq!(s.parties.data.party.len(), 17);
    in_process(
        &mut group,
        "17 annexes + overview + spreadsheet + zip, in process (cold Typst caches)",
        &s,
        &templates,
        &fonts,
    );
    overview_only(&mut group, &s, &templates, &fonts);
    let out = dir.path().join("out");
    group.bench_function("17 annexes + overview + spreadsheet + zip, whole process", |b| {
        b.iter(|| {
            let status = Command::new(env!("CARGO_BIN_EXE_perspektiv"))
                .arg("--sources")
                .arg(&varmland)
                .arg("--out")
                .arg(&out)
                .args(["--templates", "/nonexistent", "--fonts", "/nonexistent"])
                .args(["annexes", "2023", "--zip"])
                .arg(out.join("bilagor.zip"))
                .stderr(std::process::Stdio::null())
                .status()
                .unwrap();
            assert!(status.success());
        });
    });
    group.finish();

    let mut group = c.benchmark_group("annexes_national");
    group.sample_size(10);
    let s = load(&national);
    assert_eq!(s.parties.data.party.len(), 311);
    in_process(
        &mut group,
        "311 annexes + 21 overviews + spreadsheet + zip, in process (cold Typst caches)",
        &s,
        &templates,
        &fonts,
    );
    group.finish();
    if let Some(mib) = peak_memory_mib() {
        eprintln!("peak memory of the benchmark process (VmHWM): {mib:.0} MiB");
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
