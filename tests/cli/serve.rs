//! `perspektiv serve`: the preview server, started on a free port and spoken to over plain TCP
//! (so that a test can send any `Host`, method and path, `..` included).

use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use crate::support::{Project, copy_values, html_text, pdf_text};

/// A `serve` running in a project, killed when dropped.
struct Served {
    child: Child,
    addr: SocketAddr,
    stderr: mpsc::Receiver<String>,
}

impl Served {
    fn start(p: &Project, args: &[&str]) -> Self {
        Self::start_in(p, args, "en", "serving at http://")
    }

    /// Started in the language `lang`, whose first line says the address after `serving`.
    fn start_in(p: &Project, args: &[&str], lang: &str, serving: &str) -> Self {
        let mut child = Command::new(env!("CARGO_BIN_EXE_perspektiv"))
            .args(["serve", "--port", "0"])
            .args(args)
            .current_dir(p.root())
            .env("NO_COLOR", "1")
            .env("PERSPEKTIV_LANG", lang)
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        // Read to its end: a line written to a closed pipe would end the server.
        let (out_tx, out) = mpsc::channel();
        let stdout = BufReader::new(child.stdout.take().unwrap());
        std::thread::spawn(move || {
            for line in stdout.lines().map_while(Result::ok) {
                let _ = out_tx.send(line);
            }
        });
        let line = out.recv_timeout(Duration::from_secs(120)).unwrap_or_default();
        let (tx, stderr) = mpsc::channel();
        let err = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(err).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let addr = line
            .trim()
            .strip_prefix(serving)
            .and_then(|a| a.strip_suffix('/'))
            .unwrap_or_else(|| panic!("no address in {line:?}"))
            .parse()
            .unwrap();
        Self { child, addr, stderr }
    }

    /// Everything printed on standard error so far.
    fn stderr(&self) -> String {
        self.stderr.try_iter().collect::<Vec<_>>().join("\n")
    }

    fn get(&self, path: &str) -> Answer {
        request(self.addr, &format!("GET {path} HTTP/1.1\r\nHost: 127.0.0.1:{}\r\n", self.addr.port()))
    }

    /// The page's text as the browser shows it.
    fn text(&self, path: &str) -> String {
        let answer = self.get(path);
        assert_eq!(answer.status, 200, "{path}: {}", answer.body_text());
        html_text(&answer.body_text())
    }

    /// The stream of build events: each build number as it comes.
    fn events(&self) -> mpsc::Receiver<u64> {
        let mut stream = TcpStream::connect(self.addr).unwrap();
        write!(stream, "GET /__perspektiv/events HTTP/1.1\r\nHost: localhost:{}\r\n\r\n", self.addr.port())
            .unwrap();
        let (tx, rx) = mpsc::channel();
        std::thread::spawn(move || {
            let mut event = None;
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = Some(name.to_owned());
                } else if let Some(data) = line.strip_prefix("data: ")
                    && event.as_deref() == Some("build")
                    && tx.send(data.parse().unwrap()).is_err()
                {
                    return;
                }
            }
        });
        rx
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A response: its status, head and body.
struct Answer {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl Answer {
    fn body_text(&self) -> String {
        String::from_utf8_lossy(&self.body).into_owned()
    }
}

/// Sends a request (its request line and headers, without the blank line) and reads the answer.
fn request(addr: SocketAddr, head: &str) -> Answer {
    let mut stream = TcpStream::connect(addr).unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    write!(stream, "{head}Connection: close\r\n\r\n").unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let split = bytes.windows(4).position(|w| w == b"\r\n\r\n").unwrap_or(bytes.len());
    let head = String::from_utf8_lossy(&bytes[..split]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap_or(0);
    let mut body = bytes.get(split + 4..).unwrap_or_default().to_vec();
    if head.contains("Transfer-Encoding: chunked") {
        body = dechunk(&body);
    }
    Answer { status, head, body }
}

/// The body of a response sent in chunks.
fn dechunk(mut rest: &[u8]) -> Vec<u8> {
    let mut body = Vec::new();
    while let Some(end) = rest.windows(2).position(|w| w == b"\r\n") {
        let size = usize::from_str_radix(String::from_utf8_lossy(&rest[..end]).trim(), 16).unwrap_or(0);
        if size == 0 {
            break;
        }
        body.extend_from_slice(&rest[end + 2..end + 2 + size]);
        rest = &rest[end + 2 + size + 2..];
    }
    body
}

/// The next build event after `after`, waiting at most `timeout`.
fn next_build(events: &mpsc::Receiver<u64>, after: u64, timeout: Duration) -> u64 {
    let end = Instant::now() + timeout;
    loop {
        let left = end.saturating_duration_since(Instant::now());
        match events.recv_timeout(left) {
            Ok(build) if build > after => return build,
            Ok(_) => {}
            Err(e) => panic!("no build event after build {after}: {e}"),
        }
    }
}

#[test]
fn serve_reloads_after_the_build_and_shows_the_problems_on_the_page() {
    let p = Project::fixture("mini");
    let served = Served::start(&p, &[]);
    let index = served.get("/");
    assert_eq!(index.status, 200);
    assert!(index.head.contains("Content-Type: text/html; charset=utf-8"), "{}", index.head);
    let html = index.body_text();
    assert!(html.contains("new EventSource(\"/__perspektiv/events\")"), "{html}");
    assert!(
        html.contains("href=\"politiskt-inriktningsdokument-2030.pdf\" type=\"application/pdf\""),
        "{html}"
    );
    let pdf = served.get("/politiskt-inriktningsdokument-2030.pdf");
    assert_eq!(pdf.status, 200);
    assert!(pdf.body.starts_with(b"%PDF-"), "{}", pdf.head);
    assert!(p.path("out/.serve/2030/politiskt-inriktningsdokument-2030.pdf").is_file());
    assert!(!p.path("out/2030").exists(), "serve wrote the published outputs");

    let events = served.events();
    let first = events.recv_timeout(Duration::from_secs(30)).unwrap();
    // The watcher starts right after the first build.
    std::thread::sleep(Duration::from_millis(300));
    p.edit("sources/2030/document.toml", |t| t.replace("Första stycket", "Det ändrade första stycket"));
    let saved = Instant::now();
    let second = next_build(&events, first, Duration::from_secs(30));
    // By the time the pages hear of the build, it is served.
    assert!(served.text("/").contains("Det ändrade första stycket"));
    assert!(saved.elapsed() < Duration::from_secs(10));

    // A broken save: the last good text stays, with the problem and its place on the page.
    p.edit("sources/2030/document.toml", |t| t.replace("year = 2030", "year = 2031"));
    let third = next_build(&events, second, Duration::from_secs(30));
    let broken = served.get("/").body_text();
    assert!(broken.contains("class=\"perspektiv-fel\""), "{broken}");
    assert!(broken.contains("<code class=\"plats\">sources/2030/document.toml:3:"), "{broken}");
    assert!(broken.contains("key <code>year</code>"), "{broken}");
    assert!(broken.contains("the document says year 2031 but its folder is 2030"), "{broken}");
    assert!(html_text(&broken).contains("Det ändrade första stycket"));

    p.edit("sources/2030/document.toml", |t| t.replace("year = 2031", "year = 2030"));
    next_build(&events, third, Duration::from_secs(30));
    let fixed = served.get("/").body_text();
    assert!(!fixed.contains("class=\"perspektiv-fel\""), "{fixed}");
    let err = served.stderr();
    assert!(err.contains("open pages reloaded"), "{err}");
}

#[test]
fn served_pages_carry_source_places_and_the_written_site_none() {
    let p = Project::fixture("mini");
    let served = Served::start(&p, &["--editor", "vscode://file/{path}:{line}:{column}"]);
    // Templates write `/` in attributes as `&#x2f;`, which a browser reads as `/`.
    let html = served.get("/").body_text().replace("&#x2f;", "/");
    for place in [
        // The chapter's title, the paragraphs and list items of its text, a heading inside it.
        "<h2 data-source=\"sources/2030/document.toml:22:9\">Inledning</h2>",
        "<p data-source=\"sources/2030/document.toml:27:1\">Första stycket",
        "<li data-source=\"sources/2030/document.toml:29:1\">ett</li>",
        "<h3 data-source=\"sources/2030/document.toml:32:1\">Ett avsnitt</h3>",
        "<p data-source=\"sources/2030/document.toml:13:1\">Ett <em>litet</em>",
        "data-source=\"sources/2030/goals.toml:",
        "data-source=\"sources/2030/members.toml:",
        "data-source=\"sources/2030/groups.toml:",
        "var build = 1, editor = \"vscode://file/{path}:{line}:{column}\"",
    ] {
        assert!(html.contains(place), "{place}\n{html}");
    }
    drop(served);

    p.run(&["site"]).ok();
    let site = p.path("out/2030/webb");
    for entry in std::fs::read_dir(&site).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "html") {
            let page = std::fs::read_to_string(&path).unwrap();
            assert!(!page.contains("data-source"), "{}", path.display());
            assert!(!page.contains("<script"), "{}", path.display());
            assert!(!page.contains("__perspektiv"), "{}", path.display());
        }
    }
    // Without a PDF built beside it, the site links none; with one, it holds it and links it.
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(!index.contains(".pdf"), "{index}");
    p.run(&["build"]).ok();
    p.run(&["site"]).ok();
    let index = std::fs::read_to_string(site.join("index.html")).unwrap();
    assert!(index.contains("<a href=\"politiskt-inriktningsdokument-2030.pdf\" type=\"application/pdf\">Politiskt inriktningsdokument 2030 som PDF</a>"), "{index}");
    assert_eq!(
        std::fs::read(site.join("politiskt-inriktningsdokument-2030.pdf")).unwrap(),
        std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030.pdf")).unwrap()
    );
}

#[test]
fn serve_answers_only_loopback_hosts_its_own_files_and_get_or_head() {
    let p = Project::fixture("mini");
    let served = Served::start(&p, &[]);
    let (addr, port) = (served.addr, served.addr.port());
    assert!(addr.ip().is_loopback(), "{addr}");
    for (head, status) in [
        (format!("GET / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 200),
        (format!("GET / HTTP/1.1\r\nHost: localhost:{port}\r\n"), 200),
        (format!("GET / HTTP/1.1\r\nHost: [::1]:{port}\r\n"), 200),
        // DNS rebinding: a page of another site, its name made to resolve to this machine.
        (format!("GET / HTTP/1.1\r\nHost: example.com:{port}\r\n"), 403),
        ("GET / HTTP/1.1\r\nHost: example.com\r\n".to_owned(), 403),
        (format!("GET / HTTP/1.1\r\nHost: localhost.example.com:{port}\r\n"), 403),
        ("GET / HTTP/1.0\r\n".to_owned(), 403),
        (format!("GET /../Cargo.toml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 400),
        (format!("GET /assets/../../sources/2030/document.toml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 400),
        (format!("GET /%2e%2e/sources/2030/document.toml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 400),
        (format!("GET /..%2fsources HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 400),
        (format!("GET /sources/2030/document.toml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 404),
        (format!("GET /document.toml HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 404),
        // No folder listing.
        (format!("GET /assets/ HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 400),
        (format!("GET /assets HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 404),
        (format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n"), 405),
        (format!("PUT /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n"), 405),
        (format!("DELETE /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 405),
        (format!("OPTIONS * HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"), 405),
    ] {
        let answer = request(addr, &head);
        assert_eq!(answer.status, status, "{head}\n{}", answer.head);
        if status == 405 {
            assert!(answer.head.contains("Allow: GET, HEAD"), "{}", answer.head);
        }
    }
    let head = request(addr, &format!("HEAD /index.html HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"));
    assert_eq!(head.status, 200);
    assert!(head.body.is_empty(), "HEAD answered with a body");
    let css = served.get("/assets/perspektiv.css");
    assert!(css.head.contains("Content-Type: text/css"), "{}", css.head);

    // Nothing listens on the machine's other addresses.
    let other = std::net::UdpSocket::bind("0.0.0.0:0")
        .and_then(|s| s.connect("192.0.2.1:9").map(|()| s))
        .and_then(|s| s.local_addr())
        .map(|a| a.ip());
    if let Ok(ip) = other
        && !ip.is_loopback()
        && !ip.is_unspecified()
    {
        let refused = TcpStream::connect_timeout(&SocketAddr::new(ip, port), Duration::from_secs(2));
        assert!(refused.is_err(), "{ip}:{port} answered");
    }
}

#[test]
fn a_busy_port_is_a_clear_error() {
    let p = Project::fixture("mini");
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port();
    let run = p.run(&["serve", "--port", &port.to_string()]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains(&format!("error: port {port} is in use")), "{err}");
    assert!(err.contains(&format!("try `--port {}`", port + 1)), "{err}");
    let run = p.run(&["serve", "--editor", "vscode://file"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("has no `{path}`"), "{}", run.stderr());
}

#[test]
fn with_changes_since_the_review_edition_is_served_and_where_it_starts() {
    let p = Project::real();
    let served = Served::start(&p, &["2023", "--changes-since", "2019"]);
    let review = served.get("/granskning-2019-2023.html");
    assert_eq!(review.status, 200, "{}", served.stderr());
    let html = review.body_text();
    assert!(html.contains("<ins") && html.contains("<del"), "no marks on the served review page");
    assert!(html.contains("__perspektiv"), "the served page reloads itself");
    assert_eq!(served.get("/forandringar-2019-2023.html").status, 200);
}

/// Every page of a written site, by its path inside the site.
fn written_pages(site: &std::path::Path) -> Vec<(String, String)> {
    crate::site::tree(site)
        .into_iter()
        .filter(|(path, _)| path.ends_with(".html"))
        .map(|(path, bytes)| (path, String::from_utf8(bytes).unwrap()))
        .collect()
}

#[test]
fn served_party_pages_and_review_page_carry_source_places_and_the_review_pdf_is_served() {
    let p = Project::fixture("pair");
    copy_values(&p, "mini-2030", 2030);
    p.edit("sources/2030/goals.toml", |t| format!("follow_up_years = 3\n\n{t}"));
    let served = Served::start(&p, &["2030", "--changes-since", "2029"]);
    let page = |path: &str| {
        let answer = served.get(path);
        assert_eq!(answer.status, 200, "{path}: {}", served.stderr());
        answer.body_text().replace("&#x2f;", "/")
    };

    // A party's page: the goals, indicators, their KPIs and summary rows, the representatives
    // and the calendar's months.
    let party = page("/aktuellt-perspektiv/saffle.html");
    for place in [
        "<h2 data-source=\"sources/2030/goals.toml:3:1\">",
        "<h3 data-source=\"sources/2030/goals.toml:8:1\">Fler elever ska vara behöriga.</h3>",
        "<div class=\"matt\" data-source=\"sources/2030/goals.toml:13:11\">",
        "<tr data-source=\"sources/2030/goals.toml:13:11\"><th scope=\"row\">Fler elever",
        "<tr data-source=\"sources/2030/appendices.toml:16:1\"><th scope=\"row\">Aug 2030</th>",
    ] {
        assert!(party.contains(place), "{place}\n{party}");
    }
    let with_people = page("/aktuellt-perspektiv/arjang.html");
    let person = "<tr data-source=\"sources/2030/members.toml:1:1\"><th scope=\"row\"><span class=\"namn\">";
    assert!(with_people.contains(person), "{with_people}");
    let overview = page("/aktuellt-perspektiv/oversikt-varmland.html");
    assert!(overview.contains("<tr data-source=\"sources/2030/goals.toml:13:11\">"), "{overview}");

    // The review edition's page: what the new side has, changed or not, with its place; what
    // only the old side had, without.
    let review = page("/granskning-2029-2030.html");
    for place in [
        // A paragraph with marks, and list items without.
        "<p data-source=\"sources/2030/document.toml:27:1\">Första stycket med <ins",
        "<li data-source=\"sources/2030/document.toml:29:1\">ett</li>",
        "<h2 data-source=\"sources/2030/document.toml:47:9\"><del",
        "data-source=\"sources/2030/members.toml:",
        "data-source=\"sources/2030/goals.toml:",
    ] {
        assert!(review.contains(place), "{place}\n{review}");
    }
    assert!(!review.contains("data-source=\"sources/2029/"), "{review}");

    // The review edition's PDF, beside the document's, linked from every served page.
    let pdf = served.get("/politiskt-inriktningsdokument-2030-granskning-2029.pdf");
    assert_eq!(pdf.status, 200, "{}", pdf.head);
    assert!(pdf.head.contains("Content-Type: application/pdf"), "{}", pdf.head);
    assert!(pdf_text(&pdf.body).contains("citat"), "not the review edition");
    for (path, root) in [
        ("/index.html", ""),
        ("/granskning-2029-2030.html", ""),
        ("/forandringar-2029-2030.html", ""),
        ("/aktuellt-perspektiv/saffle.html", "../"),
    ] {
        let html = page(path);
        for file in [
            "politiskt-inriktningsdokument-2030.pdf",
            "politiskt-inriktningsdokument-2030-granskning-2029.pdf",
        ] {
            let link = format!("href=\"{root}{file}\" type=\"application/pdf\"");
            assert!(html.contains(&link), "{path}: {link}");
        }
    }

    // Rebuilt on every save.
    let events = served.events();
    let first = events.recv_timeout(Duration::from_secs(30)).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.edit("sources/2030/document.toml", |t| t.replace("Första stycket med", "Omarbetat första stycke med"));
    next_build(&events, first, Duration::from_secs(60));
    let pdf = served.get("/politiskt-inriktningsdokument-2030-granskning-2029.pdf");
    assert!(pdf_text(&pdf.body).contains("Omarbetat"), "the review PDF was not rebuilt");
    drop(served);
    assert!(p.path("out/.serve/2030/politiskt-inriktningsdokument-2030-granskning-2029.pdf").is_file());

    // The written site: no script and no places on any page, the parties' and the review
    // edition's included.
    let run = p.run(&["site", "2030", "--changes-since", "2029"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let pages = written_pages(&p.path("out/2030/webb"));
    assert!(pages.iter().any(|(path, _)| path == "aktuellt-perspektiv/saffle.html"), "no party page written");
    assert!(pages.iter().any(|(path, _)| path == "granskning-2029-2030.html"), "no review page written");
    for (path, html) in pages {
        assert!(!html.contains("data-source"), "{path}");
        assert!(!html.contains("<script"), "{path}");
    }
}

/// Waits for a child to exit, at most `timeout`.
fn exit_of(child: &mut Child, timeout: Duration) -> std::process::ExitStatus {
    let end = Instant::now() + timeout;
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return status;
        }
        assert!(Instant::now() < end, "still running {timeout:?} after the signal");
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[cfg(unix)]
#[test]
fn ctrl_c_and_sigterm_stop_it_cleanly() {
    for signal in [libc::SIGINT, libc::SIGTERM] {
        let p = Project::fixture("mini");
        let mut served = Served::start(&p, &[]);
        let events = served.events();
        events.recv_timeout(Duration::from_secs(30)).unwrap();
        let pid = i32::try_from(served.child.id()).unwrap();
        // SAFETY: sends a signal to the child this test started.
        assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
        let status = exit_of(&mut served.child, Duration::from_secs(10));
        assert_eq!(status.code(), Some(0), "signal {signal}: {status:?}\n{}", served.stderr());
        // The open page's stream has ended, and the port is free.
        assert_eq!(events.recv_timeout(Duration::from_secs(5)), Err(mpsc::RecvTimeoutError::Disconnected));
        assert!(TcpStream::connect(served.addr).is_err(), "{} still answers", served.addr);
        TcpListener::bind(served.addr).unwrap();
        std::thread::sleep(Duration::from_millis(100));
        let err = served.stderr();
        assert!(err.contains("stopped; the last build stays in `out/.serve/2030`"), "{err}");
        assert!(p.path("out/.serve/2030/index.html").is_file(), "the last build is gone");
    }
}

#[test]
fn serve_speaks_swedish_to_a_swedish_user() {
    let p = Project::fixture("mini");
    let served = Served::start_in(&p, &[], "sv", "förhandsvisningen finns på http://");
    let port = served.addr.port();
    let refused =
        request(served.addr, &format!("POST / HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nContent-Length: 0\r\n"));
    assert_eq!(refused.body_text(), "bara GET och HEAD besvaras\n");
    let events = served.events();
    let first = events.recv_timeout(Duration::from_secs(30)).unwrap();
    std::thread::sleep(Duration::from_millis(300));
    p.edit("sources/2030/document.toml", |t| t.replace("year = 2030", "year = 2031"));
    next_build(&events, first, Duration::from_secs(30));
    let broken = served.get("/").body_text();
    for part in ["lang=\"sv\"", "Bygget misslyckades", "fel</span>", "nyckel <code>year</code>"] {
        assert!(broken.contains(part), "{part}\n{broken}");
    }
    let missing = served.get("/finns-inte.html");
    assert_eq!(missing.status, 404);
    assert!(missing.body_text().contains("<h1>Sidan finns inte</h1>"), "{}", missing.body_text());
    let err = served.stderr();
    for line in [
        "byggde 2030: sidorna på",
        "bevakar `sources`",
        "ändrat: `",
        "de senaste fungerande sidorna ligger kvar",
    ] {
        assert!(err.contains(line), "{line}\n{err}");
    }
}

#[test]
fn a_server_whose_output_is_closed_goes_on_serving() {
    // As `perspektiv serve | head -1` leaves it: its address read, then both outputs closed.
    let p = Project::fixture("mini");
    let mut child = Command::new(env!("CARGO_BIN_EXE_perspektiv"))
        .args(["serve", "--port", "0"])
        .current_dir(p.root())
        .env("PERSPEKTIV_LANG", "en")
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut line = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut line).unwrap();
    drop(child.stderr.take());
    let addr: SocketAddr = line
        .trim()
        .strip_prefix("serving at http://")
        .and_then(|a| a.strip_suffix('/'))
        .unwrap()
        .parse()
        .unwrap();
    std::thread::sleep(Duration::from_millis(500));
    p.edit("sources/2030/document.toml", |t| t.replace("Första stycket", "Det ändrade första stycket"));
    let served = |addr| request(addr, &format!("GET / HTTP/1.1\r\nHost: {addr}\r\n")).body_text();
    let deadline = Instant::now() + Duration::from_secs(60);
    while !served(addr).contains("Det ändrade första stycket") {
        assert!(child.try_wait().unwrap().is_none(), "the server ended when its output was closed");
        assert!(Instant::now() < deadline, "the edit was never served");
        std::thread::sleep(Duration::from_millis(200));
    }
    let _ = child.kill();
    let _ = child.wait();
}
