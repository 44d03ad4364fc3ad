//! `perspektiv annexes` as a whole process: the 17 annexes of 2023 with the county overview, and a
//! national run with all 290 municipalities and 21 regions (and 21 county overviews), each cold
//! (empty output folder, so no cache) and rerun unchanged (everything from the cache), with the
//! spreadsheet and the zip.
//!
//! The values are generated (a fixed pseudo-random walk per KPI and area, with some years missing
//! and gender splits for half the series), so that every annex has full tables and charts. The
//! national parties come from `tests/fixtures/national/kolada-municipalities.csv`, Kolada's list
//! of areas. At the end the bench prints, per size, the median times, the peak memory of the
//! cold runs (the largest resident set of a child process) and how the national cold run scales
//! against the 17 (1.0 is linear). Run one size with `cargo bench --bench annexes -- 17`.

mod common;
#[path = "common/values.rs"]
mod values;

use std::cell::RefCell;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use common::{copy_dir, repo};
use criterion::{Criterion, SamplingMode, criterion_group, criterion_main};
use values::generate_values;

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

/// One run of the binary: its wall time and its peak resident set in bytes, when known.
struct Measured {
    time: Duration,
    peak: Option<u64>,
}

/// Runs `perspektiv annexes 2023 --zip` on `sources` into `out`, and checks that it typeset
/// `typeset` annexes.
fn run(sources: &Path, out: &Path, typeset: usize) -> Measured {
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_perspektiv"))
        .arg("--sources")
        .arg(sources)
        .arg("--out")
        .arg(out)
        .args(["--templates", "/nonexistent", "--fonts", "/nonexistent"])
        .args(["annexes", "2023", "--zip"])
        .arg(out.join("bilagor.zip"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = String::new();
    std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut stderr).unwrap();
    let (success, peak) = wait(&mut child);
    let time = start.elapsed();
    assert!(success, "{stderr}");
    assert!(stderr.contains(&format!("({typeset} typeset")), "expected {typeset} typeset: {stderr}");
    Measured { time, peak }
}

/// Waits for `child`: whether it succeeded, and its peak resident set in bytes.
#[cfg(unix)]
fn wait(child: &mut std::process::Child) -> (bool, Option<u64>) {
    let pid = child.id() as libc::pid_t;
    let mut status = 0;
    // SAFETY: an all-zero `rusage` is valid, and wait4 only writes into the two locals.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: `pid` is our own child, not waited for yet.
    let reaped = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(reaped, pid, "wait4 failed");
    // ru_maxrss is in KiB on Linux, in bytes on macOS.
    let unit = if cfg!(target_os = "macos") { 1 } else { 1024 };
    (libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0, Some(usage.ru_maxrss as u64 * unit))
}

#[cfg(not(unix))]
fn wait(child: &mut std::process::Child) -> (bool, Option<u64>) {
    (child.wait().unwrap().success(), None)
}

/// The runs of one size, for the summary.
#[derive(Default)]
struct Runs {
    cold: Vec<Measured>,
    rerun: Vec<Measured>,
}

fn median(runs: &[Measured]) -> Duration {
    let mut times: Vec<Duration> = runs.iter().map(|m| m.time).collect();
    times.sort();
    times.get(times.len() / 2).copied().unwrap_or_default()
}

/// Benchmarks the cold run and the unchanged rerun of the annexes of `sources`.
/// `parties` annexes and `regions` county overviews are typeset cold, none in the rerun.
fn size(
    c: &mut Criterion,
    group: &str,
    sources: &Path,
    (parties, regions): (usize, usize),
    work: &Path,
) -> Runs {
    let documents = parties + regions;
    let runs = RefCell::new(Runs::default());
    let out = work.join(group);
    let mut g = c.benchmark_group(group);
    g.sample_size(10).sampling_mode(SamplingMode::Flat);
    g.bench_function(format!("{parties} annexes + {regions} overviews + zip, cold (whole process)"), |b| {
        b.iter_custom(|iters| {
            let mut total = Duration::ZERO;
            for _ in 0..iters {
                let _ = std::fs::remove_dir_all(&out);
                let m = run(sources, &out, documents);
                total += m.time;
                runs.borrow_mut().cold.push(m);
            }
            total
        });
    });
    g.bench_function(
        format!("{parties} annexes + {regions} overviews + zip, unchanged rerun (whole process)"),
        |b| {
            if !out.join("bilagor.zip").exists() {
                run(sources, &out, documents);
            }
            b.iter_custom(|iters| {
                let mut total = Duration::ZERO;
                for _ in 0..iters {
                    let m = run(sources, &out, 0);
                    total += m.time;
                    runs.borrow_mut().rerun.push(m);
                }
                total
            });
        },
    );
    g.finish();
    runs.into_inner()
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

    let small = size(c, "annexes_2023", &varmland, (17, 1), dir.path());
    let large = size(c, "annexes_national", &national, (311, 21), dir.path());

    eprintln!("\nannexes, whole process (medians; peak memory is the largest resident set of a cold run):");
    for (parties, runs) in [(17, &small), (311, &large)] {
        if runs.cold.is_empty() {
            continue;
        }
        let peak = runs.cold.iter().filter_map(|m| m.peak).max();
        let cold = median(&runs.cold);
        let mut line = format!(
            "  {parties:>3} parties: cold {:.2} s, peak memory {}",
            cold.as_secs_f64(),
            peak.map_or("unknown".into(), |b| format!("{:.0} MiB", b as f64 / f64::from(1 << 20)))
        );
        if !runs.rerun.is_empty() {
            let rerun = median(&runs.rerun);
            line.push_str(&format!(
                ", unchanged rerun {:.2} s ({:.1} % of cold)",
                rerun.as_secs_f64(),
                100.0 * rerun.as_secs_f64() / cold.as_secs_f64()
            ));
        }
        eprintln!("{line}");
    }
    if !small.cold.is_empty() && !large.cold.is_empty() {
        let linear = median(&small.cold).as_secs_f64() * 311.0 / 17.0;
        eprintln!(
            "  scaling: 311 cold / (311/17 × 17 cold) = {:.2} (1.0 is linear)",
            median(&large.cold).as_secs_f64() / linear
        );
    }
}

criterion_group!(benches, bench);
criterion_main!(benches);
