//! `perspektiv serve`: from a save of one paragraph of the 2023 sources to the reload message on
//! an open page's event stream (watcher, load, validate, the served pages with their source
//! places), with the server and Typst's caches warm; each save waits for the PDF of the previous
//! one. Before criterion's own samples it prints the median and the worst of 50 saves, and the
//! process's resident memory before and after 200 more.

mod common;
#[path = "common/scratch.rs"]
mod scratch;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use criterion::{Criterion, criterion_group, criterion_main};
use perspektiv::console::Console;
use perspektiv::diagnostics::DiagnosticFormat;
use perspektiv::serve::{EVENTS, ServeConfig, Server};
use perspektiv::watch::Stop;

/// The build numbers an open page hears, as they come.
fn events(addr: SocketAddr) -> mpsc::Receiver<u64> {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(stream, "GET {EVENTS} HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n").unwrap();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stream).lines().map_while(Result::ok) {
            if let Some(n) = line.strip_prefix("data: ")
                && tx.send(n.parse().unwrap()).is_err()
            {
                return;
            }
        }
    });
    rx
}

/// Fetches the PDF, which waits until the build's PDF is typeset.
fn wait_for_pdf(addr: SocketAddr) {
    let mut stream = TcpStream::connect(addr).unwrap();
    write!(
        stream,
        "GET /politiskt-inriktningsdokument-2023.pdf HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    assert!(bytes.starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&bytes[..40.min(bytes.len())]));
}

/// The process's resident memory in KiB.
fn rss_kib() -> u64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|s| {
            s.lines()
                .find_map(|l| l.strip_prefix("VmRSS:"))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        })
        .unwrap_or(0)
}

struct Saver {
    file: std::path::PathBuf,
    original: String,
    n: u64,
    build: u64,
    events: mpsc::Receiver<u64>,
    addr: SocketAddr,
}

impl Saver {
    /// One save of one paragraph; the time until the page is told to reload.
    fn save(&mut self) -> Duration {
        let line = "Vi lever i ett samhälle där komplexiteten ökar";
        self.n += 1;
        let edited = self.original.replace(line, &format!("{line} (ändring {})", self.n));
        let start = Instant::now();
        std::fs::write(&self.file, edited).unwrap();
        loop {
            let build = self.events.recv_timeout(Duration::from_secs(60)).unwrap();
            if build > self.build {
                self.build = build;
                break;
            }
        }
        let took = start.elapsed();
        wait_for_pdf(self.addr);
        took
    }
}

fn bench(c: &mut Criterion) {
    let dir = tempfile::tempdir().unwrap();
    let build = scratch::build_config(dir.path());
    let sources = build.input.sources.clone();
    let cfg = ServeConfig {
        build,
        host: [127, 0, 0, 1].into(),
        port: 0,
        open: false,
        changes_since: None,
        editor: None,
    };
    let console = Console::new(DiagnosticFormat::Human);
    let server = Server::start(cfg, &console).unwrap();
    let addr = server.addr();
    std::thread::spawn(move || {
        server.watch(&Console::new(DiagnosticFormat::Human), &Stop::default()).unwrap()
    });
    let events = events(addr);
    let build = events.recv_timeout(Duration::from_secs(60)).unwrap();
    wait_for_pdf(addr);
    // The watcher starts after the first build.
    std::thread::sleep(Duration::from_millis(500));
    let file = sources.join("2023/document.toml");
    let original = std::fs::read_to_string(&file).unwrap();
    let mut saver = Saver { file, original, n: 0, build, events, addr };

    let mut times: Vec<Duration> = (0..50).map(|_| saver.save()).collect();
    times.sort();
    let before = rss_kib();
    for _ in 0..200 {
        saver.save();
    }
    let after = rss_kib();
    eprintln!(
        "serve_2023: save to reload message over 50 saves: median {} ms, worst {} ms; resident memory {} MiB before 200 more saves, {} MiB after",
        times[times.len() / 2].as_millis(),
        times[times.len() - 1].as_millis(),
        before / 1024,
        after / 1024
    );

    let mut group = c.benchmark_group("serve_2023");
    group.sample_size(10);
    group.bench_function("save of one paragraph to the reload message", |b| {
        b.iter_custom(|iters| (0..iters).map(|_| saver.save()).sum());
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
