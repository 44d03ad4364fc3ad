//! `perspektiv kolada fetch` end to end against a scripted HTTP server on 127.0.0.1 that serves
//! pages in Kolada's format, and the values files as `check` reads them.

use std::collections::BTreeMap;
use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use crate::support::{Project, Run};

/// The one request the mini fixture needs with 25 ids per part: its two KPIs and its five areas.
const ALL: &str = "/v3/data/kpi/N15428,U01413/municipality/0000,0017,1730,1765,1785?per_page=5000";

/// The request for the metadata of the mini fixture's KPIs, after the values.
const META: &str = "/v3/kpi/N15428,U01413";

/// Kolada's metadata of the mini fixture's KPIs as `kolada.toml` has them: nothing to update.
fn same_metadata() -> Reply {
    Reply::Page(
        r#"{"values":[
            {"id":"N15428","title":"Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
             "municipality_type":"A","publ_period":"2026","operating_area":"Grundskola"},
            {"id":"U01413","title":"Invånare 16-84 år med avsaknad av tillit till andra, andel (%)",
             "municipality_type":"A","publ_period":2026}],"count":2,"next_url":null}"#
            .into(),
    )
}

/// An answer of the server. `{base}` in a body becomes the server's `http://127.0.0.1:PORT`.
#[derive(Clone)]
enum Reply {
    /// 200 with a JSON body.
    Page(String),
    /// Any status, with extra headers and a body.
    Status(u16, Vec<(&'static str, &'static str)>, &'static str),
    /// Read the request and say nothing (for at most five seconds).
    Hang,
}

/// A scripted HTTP/1.1 server on 127.0.0.1: each request target (path and query) has a list of
/// replies, used in turn, the last one repeated. It stops when dropped, and after a minute in any
/// case.
struct Server {
    origin: String,
    log: Arc<Mutex<Vec<String>>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start(routes: Vec<(&str, Vec<Reply>)>) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        listener.set_nonblocking(true).unwrap();
        let origin = format!("http://{}", listener.local_addr().unwrap());
        let mut routes: BTreeMap<String, Vec<Reply>> =
            routes.into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        routes.entry(META.to_owned()).or_insert_with(|| vec![same_metadata()]);
        let routes = Arc::new(Mutex::new(routes));
        let log = Arc::new(Mutex::new(Vec::new()));
        let stop = Arc::new(AtomicBool::new(false));
        let thread = {
            let (origin, log, stop) = (origin.clone(), log.clone(), stop.clone());
            std::thread::spawn(move || {
                let started = Instant::now();
                while !stop.load(Ordering::Relaxed) && started.elapsed() < Duration::from_secs(60) {
                    match listener.accept() {
                        Ok((stream, _)) => {
                            let (origin, log, routes) = (origin.clone(), log.clone(), routes.clone());
                            std::thread::spawn(move || serve(stream, &origin, &log, &routes));
                        }
                        Err(_) => std::thread::sleep(Duration::from_millis(5)),
                    }
                }
            })
        };
        Self { origin, log, stop, thread: Some(thread) }
    }

    /// The base URL to pass as `--base-url`.
    fn base(&self) -> String {
        format!("{}/v3", self.origin)
    }

    /// The request targets received, in order.
    fn requests(&self) -> Vec<String> {
        self.log.lock().unwrap().clone()
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

fn serve(
    mut stream: TcpStream,
    origin: &str,
    log: &Mutex<Vec<String>>,
    routes: &Mutex<BTreeMap<String, Vec<Reply>>>,
) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(5)));
    let mut head = Vec::new();
    let mut buf = [0u8; 1024];
    let target = loop {
        while !head.windows(4).any(|w| w == b"\r\n\r\n") && head.len() < 16 * 1024 {
            match stream.read(&mut buf) {
                Ok(0) | Err(_) => return,
                Ok(n) => head.extend_from_slice(&buf[..n]),
            }
        }
        let text = String::from_utf8_lossy(&head).into_owned();
        let mut words = text.split_whitespace();
        let (method, target) = (words.next().unwrap_or(""), words.next().unwrap_or("").to_owned());
        log.lock().unwrap().push(format!("{method} {target}").replace("GET ", ""));
        if method != "CONNECT" {
            break target;
        }
        // Asked as a proxy: the tunnel is this same server, which then reads the request itself.
        let _ = stream.write_all(b"HTTP/1.1 200 Connection established\r\n\r\n");
        head.clear();
    };
    let reply = {
        let mut routes = routes.lock().unwrap();
        match routes.get_mut(&target) {
            Some(replies) if replies.len() > 1 => Some(replies.remove(0)),
            Some(replies) => replies.first().cloned(),
            None => None,
        }
    };
    let (status, headers, body) = match reply {
        Some(Reply::Page(body)) => {
            (200, vec![("Content-Type", "application/json")], body.replace("{base}", origin))
        }
        Some(Reply::Status(status, headers, body)) => (status, headers, body.to_owned()),
        Some(Reply::Hang) => {
            std::thread::sleep(Duration::from_secs(5));
            return;
        }
        None => (404, vec![], format!("no route for {target}")),
    };
    let mut response =
        format!("HTTP/1.1 {status} Status\r\nContent-Length: {}\r\nConnection: close\r\n", body.len());
    for (name, value) in headers {
        response.push_str(&format!("{name}: {value}\r\n"));
    }
    response.push_str("\r\n");
    response.push_str(&body);
    let _ = stream.write_all(response.as_bytes());
    let _ = stream.flush();
}

/// A record in Kolada's format.
fn record(kpi: &str, area: &str, period: &str, value: &str) -> String {
    format!(
        r#"{{"kpi":"{kpi}","municipality":"{area}","period":{period},"values":[{{"gender":"T","count":1,"status":"","value":{value}}}]}}"#
    )
}

/// A page of records, linking to `next` (a target on the server) if given.
fn page(records: &[String], next: Option<&str>) -> Reply {
    let next = next.map_or("null".to_owned(), |n| format!("\"{{base}}{n}\""));
    Reply::Page(format!(
        r#"{{"values":[{}],"count":{},"next_url":{next}}}"#,
        records.join(","),
        records.len()
    ))
}

/// Runs `perspektiv kolada fetch` in the project against the server, with fast timeouts.
fn fetch(p: &Project, server: &Server, extra: &[&str]) -> Run {
    fetch_in(p, server, extra, "en")
}

/// [`fetch`], speaking `lang`.
fn fetch_in(p: &Project, server: &Server, extra: &[&str], lang: &str) -> Run {
    let base = server.base();
    let mut args = vec!["kolada", "fetch", "2030", "--base-url", &base, "--backoff-ms", "1"];
    // The parties' areas by name; `fetch_country` asks for the whole country.
    if !extra.contains(&"--country") {
        args.push("--only-parties");
    }
    let extra: Vec<&str> = extra.iter().copied().filter(|a| *a != "--country").collect();
    if !extra.contains(&"--timeout-ms") {
        args.extend(["--timeout-ms", "2000"]);
    }
    args.extend_from_slice(&extra);
    let mut command = crate::support::perspektiv();
    command.args(&args).current_dir(p.root()).env("NO_COLOR", "1").env("PERSPEKTIV_LANG", lang);
    for proxy in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env_remove(proxy);
    }
    Run(command.output().unwrap())
}

fn read(p: &Project, rel: &str) -> String {
    std::fs::read_to_string(p.path(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The values folder's entries (temporary files would show here too).
fn listing(p: &Project) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(p.path("sources/2030/values"))
        .map(|d| d.map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect())
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn fetch_follows_pages_and_writes_one_sorted_file_per_kpi() {
    let server = Server::start(vec![
        (
            ALL,
            vec![page(
                &[record("N15428", "1785", "2023", "71.5"), record("U01413", "0000", "\"2022\"", "31.2")],
                Some("/v3/page/2"),
            )],
        ),
        (
            "/v3/page/2",
            vec![page(
                &[record("N15428", "0000", "2023", "80.1"), record("N15428", "1785", "2021", "null")],
                Some("/v3/page/3"),
            )],
        ),
        ("/v3/page/3", vec![page(&[record("N15428", "0000", "\"2021\"", "79")], None)]),
    ]);
    let p = Project::fixture("mini");
    let run = fetch(&p, &server, &[]).ok();
    assert_eq!(server.requests(), vec![ALL, "/v3/page/2", "/v3/page/3", META]);
    assert_eq!(listing(&p), vec!["N15428.json", "U01413.json"]);

    let out = run.stdout();
    assert!(out.contains("fetched 2 KPIs from http://127.0.0.1:"), "{out}");
    assert!(out.contains("(5 areas for 2030; 3 pages in 1 request)"), "{out}");
    assert!(out.contains("  N15428  2 areas, 2021–2023, 4 records"), "{out}");
    assert!(out.contains("  U01413  1 area, 2022, 1 record"), "{out}");
    assert!(out.contains("wrote 2 files to `sources/2030/values`"), "{out}");
    assert!(out.contains("the KPI metadata in `sources/kolada.toml` is up to date"), "{out}");

    // Sorted by area and period, periods as numbers, pretty-printed: stable and diffable.
    insta::assert_snapshot!(read(&p, "sources/2030/values/N15428.json"));

    // What was written loads and passes the checks.
    p.run(&["check"]).ok();
}

#[test]
fn fetch_speaks_swedish() {
    let server = Server::start(vec![(
        ALL,
        vec![
            Reply::Status(503, vec![], ""),
            page(
                &[
                    record("N15428", "1785", "2023", "71.5"),
                    record("N15428", "0000", "2021", "79"),
                    record("U01413", "0000", "2022", "31.2"),
                ],
                None,
            ),
        ],
    )]);
    let p = Project::fixture("mini");
    let run = fetch_in(&p, &server, &[], "sv").ok();
    let out = run.stdout();
    assert!(out.contains("hämtade 2 KPI:er från http://127.0.0.1:"), "{out}");
    assert!(out.contains("(5 områden för 2030; 1 sida i 1 anrop)"), "{out}");
    assert!(out.contains("  N15428  2 områden, 2021–2023, 2 poster\n"), "{out}");
    assert!(out.contains("  U01413  1 område, 2022, 1 post\n"), "{out}");
    assert!(out.contains("skrev 2 filer till `sources/2030/values`"), "{out}");
    assert!(out.contains("KPI-metadata i `sources/kolada.toml` är aktuell"), "{out}");
    let err = run.stderr();
    assert!(
        err.contains("obs: `http://127.0.0.1:")
            && err.contains(": HTTP 503 Service Unavailable; försöker igen om 1 ms (försök 2 av 6)"),
        "{err}"
    );
}

#[test]
fn fetch_splits_kpis_and_areas_into_parts() {
    let target = |areas: &str| format!("/v3/data/kpi/N15428,U01413/municipality/{areas}?per_page=5000");
    let (a, b, c) = (target("0000,0017"), target("1730,1765"), target("1785"));
    let server = Server::start(vec![
        (&a, vec![page(&[record("N15428", "0017", "2023", "1")], None)]),
        (&b, vec![page(&[record("U01413", "1765", "2023", "2")], None)]),
        (&c, vec![page(&[], None)]),
    ]);
    let p = Project::fixture("mini");
    fetch(&p, &server, &["--ids-per-part", "2"]).ok();
    assert_eq!(server.requests(), vec![a, b, c, META.to_owned()]);
    assert!(read(&p, "sources/2030/values/U01413.json").contains("\"municipality\": \"1765\""));
}

#[test]
fn a_server_error_is_tried_again() {
    let server = Server::start(vec![(
        ALL,
        vec![
            Reply::Status(500, vec![], "oops"),
            Reply::Status(503, vec![], ""),
            page(&[record("N15428", "1785", "2023", "1")], None),
        ],
    )]);
    let p = Project::fixture("mini");
    let run = fetch(&p, &server, &[]).ok();
    assert_eq!(server.requests().len(), 4);
    let err = run.stderr();
    assert!(err.contains("HTTP 500 Internal Server Error; trying again in 1 ms (attempt 2 of 6)"), "{err}");
    assert!(err.contains("HTTP 503 Service Unavailable; trying again in 2 ms (attempt 3 of 6)"), "{err}");
    assert!(run.stdout().contains("  U01413  no values"), "{}", run.stdout());
    assert_eq!(listing(&p), vec!["N15428.json"]);
}

#[test]
fn too_many_requests_waits_as_retry_after_asks() {
    let server = Server::start(vec![(
        ALL,
        vec![
            Reply::Status(429, vec![("Retry-After", "1")], "slow down"),
            page(&[record("N15428", "1785", "2023", "1")], None),
        ],
    )]);
    let p = Project::fixture("mini");
    let run = fetch(&p, &server, &[]).ok();
    let err = run.stderr();
    assert!(
        err.contains("HTTP 429 Too Many Requests; trying again in 1 s as Retry-After asks (attempt 2 of 6)"),
        "{err}"
    );
    assert_eq!(server.requests().len(), 3);

    // A wait longer than the longest allowed stops the run instead.
    let server = Server::start(vec![(ALL, vec![Reply::Status(429, vec![("Retry-After", "3600")], "")])]);
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("asks to wait 3600 s (Retry-After); try again later"), "{}", run.stderr());
}

#[test]
fn a_malformed_page_is_an_error_and_nothing_is_written() {
    let server = Server::start(vec![
        (
            ALL,
            vec![page(
                &[record("N15428", "1785", "2023", "1"), record("U01413", "1785", "2023", "2")],
                Some("/v3/p2"),
            )],
        ),
        ("/v3/p2", vec![page(&[record("N15428", "1730", "2023", "\"12,5\"")], None)]),
    ]);
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("sources/2030/values")).unwrap();
    let old = "{\"values\": []}\n";
    std::fs::write(p.path("sources/2030/values/N15428.json"), old).unwrap();
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains(&format!("error: malformed page from `{}/v3/p2`", server.origin)), "{err}");
    assert!(err.contains("at `values[0].values[0].value`: the value \"12,5\" is not a number"), "{err}");
    assert_eq!(read(&p, "sources/2030/values/N15428.json"), old);
    assert_eq!(listing(&p), vec!["N15428.json"]);

    // Not JSON at all.
    let server = Server::start(vec![(ALL, vec![Reply::Page("<html>maintenance</html>".into())])]);
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("line 1, column 1: invalid JSON"), "{}", run.stderr());

    // Records nobody asked for.
    let server = Server::start(vec![(ALL, vec![page(&[record("N15428", "1780", "2023", "1")], None)])]);
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("is for area `1780`, which was not asked for"), "{}", run.stderr());
    assert_eq!(listing(&p), vec!["N15428.json"]);
}

#[test]
fn fetch_leaves_out_what_kolada_marks_as_deleted() {
    let server = Server::start(vec![(
        ALL,
        vec![Reply::Page(
            r#"{"values":[
                {"kpi":"N15428","municipality":"1785","period":2023,"values":[
                    {"gender":"T","count":1,"status":"","value":71.5,"isdeleted":false},
                    {"gender":"K","count":1,"status":"","value":99.9,"isdeleted":true}]},
                {"kpi":"N15428","municipality":"0000","period":2023,"isdeleted":true,"values":[
                    {"gender":"T","count":1,"status":"","value":98.8}]}],
              "count":2,"next_url":null}"#
                .to_owned(),
        )],
    )]);
    let p = Project::fixture("mini");
    let run = fetch(&p, &server, &[]).ok();
    assert!(run.stdout().contains("left out 2 values that Kolada marks as deleted"), "{}", run.stdout());
    let written = read(&p, "sources/2030/values/N15428.json");
    assert!(written.contains("71.5"), "{written}");
    assert!(
        !written.contains("99.9") && !written.contains("98.8") && !written.contains("isdeleted"),
        "{written}"
    );
    p.run(&["check"]).ok();
}

#[test]
fn a_base_url_without_the_version_gets_a_hint() {
    let server = Server::start(vec![]);
    let p = Project::fixture("mini");
    let mut command = crate::support::perspektiv();
    command
        .args(["kolada", "fetch", "--base-url", &server.origin, "--timeout-ms", "2000"])
        .current_dir(p.root());
    for proxy in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env_remove(proxy);
    }
    let run = Run(command.output().unwrap());
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("Kolada answered HTTP 404"), "{err}");
    assert!(
        err.contains(&format!(
            "hint: the base URL ends with the API's version, like `--base-url {}/v3`",
            server.origin
        )),
        "{err}"
    );
    assert!(!p.path("sources/2030/values").exists(), "something was written");
}

#[test]
fn a_timeout_is_an_error() {
    let server = Server::start(vec![(ALL, vec![Reply::Hang])]);
    let p = Project::fixture("mini");
    let run = fetch(&p, &server, &["--timeout-ms", "300", "--retries", "1"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("the request timed out; trying again in 1 ms (attempt 2 of 2)"), "{err}");
    assert!(
        err.contains(&format!(
            "error: failed to fetch `{}{ALL}`: the request timed out (gave up after 2 attempts)",
            server.origin
        )),
        "{err}"
    );
    assert_eq!(server.requests().len(), 2);
    assert!(listing(&p).is_empty());
}

#[test]
fn without_a_network_the_run_stops_at_once_with_a_hint() {
    // `.invalid` never resolves (RFC 6761), as every name does not on a machine without a network.
    let p = Project::fixture("mini");
    let mut command = crate::support::perspektiv();
    command
        .args(["kolada", "fetch", "2030", "--base-url", "http://kolada.invalid/v3", "--backoff-ms", "1"])
        .current_dir(p.root())
        .env("NO_COLOR", "1");
    for proxy in ["HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env_remove(proxy);
    }
    let run = Run(command.output().unwrap());
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(
        err.contains("error: cannot reach `kolada.invalid` to fetch `http://kolada.invalid/v3/"),
        "{err}"
    );
    assert!(err.contains("hint: check the network connection; behind a proxy, set HTTPS_PROXY"), "{err}");
    assert!(!err.contains("trying again"), "a name that does not resolve is not tried again: {err}");
    assert_eq!(err.matches("http://kolada.invalid").count(), 1, "the URL is printed once: {err}");
    assert!(listing(&p).is_empty());
}

#[test]
fn requests_go_through_the_proxy_the_environment_names() {
    let server = Server::start(vec![(ALL, vec![page(&[record("N15428", "1785", "2023", "1")], None)])]);
    let p = Project::fixture("mini");
    let mut command = crate::support::perspektiv();
    command
        .args([
            "kolada",
            "fetch",
            "2030",
            "--base-url",
            "http://kolada.invalid/v3",
            "--backoff-ms",
            "1",
            "--only-parties",
        ])
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .env("HTTP_PROXY", &server.origin)
        .env_remove("NO_PROXY")
        .env_remove("no_proxy");
    for proxy in ["http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"] {
        command.env_remove(proxy);
    }
    Run(command.output().unwrap()).ok();
    assert_eq!(
        server.requests()[..2],
        ["CONNECT kolada.invalid:80".to_owned(), ALL.to_owned()],
        "asked through the proxy"
    );
    assert_eq!(listing(&p), vec!["N15428.json"]);
    let asked = server.requests().len();

    // A host in NO_PROXY is reached directly: here it does not resolve, and the hint names the proxy.
    let mut command = crate::support::perspektiv();
    command
        .args(["kolada", "fetch", "2030", "--base-url", "http://kolada.invalid/v3"])
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .env("HTTP_PROXY", &server.origin)
        .env("NO_PROXY", "kolada.invalid");
    for proxy in ["http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy", "no_proxy"] {
        command.env_remove(proxy);
    }
    let run = Run(command.output().unwrap());
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("error: cannot reach `kolada.invalid`"), "{err}");
    let hint =
        format!("hint: requests go through the proxy `{}` (from HTTP_PROXY) unless NO_PROXY", server.origin);
    assert!(err.contains(&hint), "{err}");
    assert_eq!(server.requests().len(), asked, "NO_PROXY's host is not asked through the proxy");
}

#[test]
fn another_status_is_an_error_naming_the_url() {
    let server = Server::start(vec![(ALL, vec![Reply::Status(404, vec![], "{\"error\": \"not found\"}")])]);
    let p = Project::fixture("mini");
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(
        err.contains(&format!(
            "Kolada answered HTTP 404 Not Found for `{}{ALL}`: {{\"error\": \"not found\"}}",
            server.origin
        )),
        "{err}"
    );
    assert_eq!(server.requests().len(), 1, "a 404 is not tried again");
}

#[test]
fn fetch_updates_the_kpi_metadata_and_check_warns_about_a_retired_kpi() {
    // Kolada lists N15428 with newer facts and no longer lists U01413.
    let meta = r#"{"values":[{"id":"N15428","title":"Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        "municipality_type":"A","is_divided_by_gender":1,"publ_period":"2027","publication_date":"2027-02-15",
        "operating_area":"Grundskola","perspective":"Resultat","has_ou_data":true}],"count":1,"next_url":null}"#;
    let server = Server::start(vec![
        (
            ALL,
            vec![page(
                &[record("N15428", "1785", "2027", "71.5"), record("U01413", "1785", "2026", "30")],
                None,
            )],
        ),
        (META, vec![Reply::Page(meta.into())]),
    ]);
    let p = Project::fixture("mini");
    p.edit("sources/kolada.toml", |t| {
        format!("# The KPIs of the fixture.\n\n{}", t.replacen("[[kpi]]", "# The main one.\n[[kpi]]", 1))
    });
    let before = read(&p, "sources/kolada.toml");
    let run = fetch(&p, &server, &[]).ok();
    assert_eq!(server.requests(), vec![ALL, META]);
    let out = run.stdout();
    assert!(out.contains("updated the metadata of 2 KPIs in `sources/kolada.toml`:"), "{out}");
    assert!(
        out.contains("  N15428  is_divided_by_gender – → true; publ_period 2026 → 2027; publication_date – → 2027-02-15"),
        "{out}"
    );
    assert!(out.contains("  U01413  no longer listed by Kolada: current true → false"), "{out}");

    // Comments and layout stay; the keys are in the catalogue's order; `unit` is untouched.
    let after = read(&p, "sources/kolada.toml");
    assert!(
        after.starts_with("# The KPIs of the fixture.\n\n# The main one.\n[[kpi]]\nid = \"N15428\"\n"),
        "{after}"
    );
    assert!(
        after.contains(
            "unit = \"andel\"\nmunicipality_type = \"A\"\nis_divided_by_gender = true\npubl_period = 2027\npublication_date = 2027-02-15\ncurrent = true\n"
        ),
        "{after}"
    );
    assert!(after.contains("id = \"U01413\""), "{after}");
    assert!(after.contains("publ_period = 2026\ncurrent = false\n"), "{after}");
    assert_ne!(before, after);
    assert!(
        !std::fs::read_dir(p.path("sources"))
            .unwrap()
            .any(|e| { e.unwrap().file_name().to_string_lossy().ends_with(".tmp") })
    );
    // The written catalogue is in the canonical layout.
    p.run(&["fmt", "--check"]).ok();

    // `check` warns about the indicator whose KPI Kolada no longer publishes.
    let check = p.run(&["check"]).ok();
    let err = check.stderr();
    assert!(
        err.contains("the indicator ”Fler personer i åldrarna 18–84 år ska känna tillit.” follows KPI `U01413`, which Kolada no longer publishes (`current = false` in `kolada.toml`); its values end in 2026"),
        "{err}"
    );
    assert!(err.contains("sources/2030/goals.toml:"), "{err}");

    // And about one whose latest published period is older than the follow-up period's end.
    p.edit("sources/kolada.toml", |t| t.replace("publ_period = 2027", "publ_period = 2025"));
    let err = p.run(&["check"]).ok().stderr();
    assert!(
        err.contains("Kolada's latest period of KPI `N15428` (the indicator ”Fler elever ska vara behöriga.”) is 2025, older than 2027, the newest year of the edition's values"),
        "{err}"
    );

    // A second fetch with the same answers changes nothing.
    let server = Server::start(vec![
        (ALL, vec![page(&[record("N15428", "1785", "2027", "71.5")], None)]),
        (META, vec![Reply::Page(meta.into())]),
    ]);
    p.edit("sources/kolada.toml", |t| t.replace("publ_period = 2025", "publ_period = 2027"));
    let again = read(&p, "sources/kolada.toml");
    let out = fetch(&p, &server, &[]).ok().stdout();
    assert!(out.contains("the KPI metadata in `sources/kolada.toml` is up to date"), "{out}");
    assert_eq!(read(&p, "sources/kolada.toml"), again);
}

#[test]
fn malformed_kpi_metadata_is_an_error_and_nothing_is_written() {
    let server = Server::start(vec![
        (ALL, vec![page(&[record("N15428", "1785", "2027", "71.5")], None)]),
        (META, vec![Reply::Page("{\"count\": 1}".into())]),
    ]);
    let p = Project::fixture("mini");
    let before = read(&p, "sources/kolada.toml");
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stderr()
            .contains(&format!("malformed KPI metadata from `{}{META}`: no `values` array", server.origin)),
        "{}",
        run.stderr()
    );
    assert_eq!(read(&p, "sources/kolada.toml"), before);
    assert!(listing(&p).is_empty(), "no values were written");
}

#[test]
fn fetch_needs_valid_goals() {
    let server = Server::start(vec![]);
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| t.replace("kpi = \"N15428\"", "kpi = \"N99999\""));
    let run = fetch(&p, &server, &[]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("the Kolada KPI `N99999` is not in `kolada.toml`"), "{err}");
    assert!(err.contains("add it to `kolada.toml`: `[[kpi]]` with `id = \"N99999\"`, `title`"), "{err}");
    assert!(!err.contains("did you mean"), "{err}");
    assert!(err.contains("sources/2030/goals.toml:14:"), "{err}");
    assert!(err.contains("nothing was fetched"), "{err}");
    assert!(server.requests().is_empty());
}

// ---------------------------------------------------------------------------------------------
// The values files as `check` reads them.

const VALUES: &str = "sources/2030/values/N15428.json";

/// A values file with two records (made-up numbers), one key per line, so that positions are
/// easy to state.
fn good() -> String {
    std::fs::read_to_string(crate::support::repo().join("tests/fixtures/values/N15428.json")).unwrap()
}

/// Checks the mini fixture with a values file; returns the run.
fn check_with(files: &[(&str, String)]) -> Run {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("sources/2030/values")).unwrap();
    for (rel, text) in files {
        std::fs::write(p.path(rel), text).unwrap();
    }
    p.run(&["check"])
}

#[track_caller]
fn assert_bad(run: &Run, file_line_col: &str, key: &str, message: &str) {
    let err = run.stderr();
    assert_eq!(run.code(), 1, "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(message), "no `{message}` in:\n{err}");
    assert!(err.contains(file_line_col), "no `{file_line_col}` in:\n{err}");
    assert!(err.contains(&format!("key `{key}`")), "no key `{key}` in:\n{err}");
}

#[test]
fn good_values_pass_the_checks() {
    check_with(&[(VALUES, good())]).ok();
}

#[test]
fn each_kind_of_bad_value_is_located() {
    let cases: [(&str, &str, &str, &str, &str); 7] = [
        (
            "\"kpi\": \"N15428\",\n      \"municipality\": \"0000\"",
            "\"kpi\": \"N11111\",\n      \"municipality\": \"0000\"",
            ":4:14",
            "values[0].kpi",
            "unknown KPI `N11111`",
        ),
        (
            "\"municipality\": \"1785\"",
            "\"municipality\": \"178\"",
            ":22:23",
            "values[1].municipality",
            "invalid area code `178`",
        ),
        (
            "\"value\": 81.2",
            "\"value\": \"81,2\"",
            ":12:20",
            "values[0].values[0].value",
            "the value \"81,2\" is not a number",
        ),
        (
            "\"gender\": \"K\"",
            "\"gender\": \"W\"",
            ":15:21",
            "values[0].values[1].gender",
            "invalid gender `W`",
        ),
        (
            "\"gender\": \"K\"",
            "\"gender\": \"T\"",
            ":15:21",
            "values[0].values[1].gender",
            "gender `T` is given twice in this record",
        ),
        (
            "\"period\": 2022",
            "\"period\": \"2022-12\"",
            ":6:17",
            "values[0].period",
            "the period `2022-12` is not a year",
        ),
        (
            "\"status\": \"\",\n          \"value\": 81.2",
            "\"status\": \"\",\n          \"value\": 81.2,",
            ":12:24",
            "",
            "invalid JSON: trailing commas are not allowed",
        ),
    ];
    for (from, to, at, key, message) in cases {
        let text = good();
        assert!(text.contains(from), "the fixture has no `{from}`");
        let run = check_with(&[(VALUES, text.replacen(from, to, 1))]);
        if key.is_empty() {
            assert_eq!(run.code(), 1);
            assert!(
                run.stderr().contains(message) && run.stderr().contains(&format!("N15428.json{at}")),
                "{}",
                run.stderr()
            );
        } else {
            assert_bad(&run, &format!("N15428.json{at}"), key, message);
        }
    }
}

#[test]
fn duplicate_records_name_both_places() {
    let other = "sources/2030/values/other.json";
    let run =
        check_with(&[(VALUES, good()), (other, good().replace("\"period\": 2023", "\"period\": 2024"))]);
    // The 2022 record for Riket is in both files; the second is reported, pointing at the first.
    assert_bad(
        &run,
        "other.json:3:5",
        "values[0]",
        "duplicate record: KPI `N15428`, area `0000`, period 2022 is given twice",
    );
    assert!(run.stderr().contains("N15428.json:3:5"), "{}", run.stderr());
    assert!(run.stderr().contains("first given here"), "{}", run.stderr());
    insta::assert_snapshot!(run.stderr());
}

// ---------------------------------------------------------------------------------------------
// Rewriting the user's files: through symbolic links, in their own line endings.

/// Kolada's metadata with newer facts for N15428 (and U01413 no longer listed), so that
/// `kolada.toml` is rewritten; and values for both KPIs.
fn newer_answers() -> Server {
    let meta = r#"{"values":[{"id":"N15428","title":"Elever i åk 9 som är behöriga till yrkesprogram, hemkommun, andel (%)",
        "municipality_type":"A","publ_period":"2027"}],"count":1,"next_url":null}"#;
    Server::start(vec![
        (
            ALL,
            vec![page(
                &[record("N15428", "1785", "2027", "71.5"), record("U01413", "1785", "2026", "30")],
                None,
            )],
        ),
        (META, vec![Reply::Page(meta.into())]),
    ])
}

#[cfg(unix)]
#[test]
fn fetch_writes_through_symbolic_links_to_their_targets() {
    use crate::support::assert_link;
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("sources/2030/values")).unwrap();
    std::fs::write(p.path("sources/2030/values/N15428.json"), "{\"values\": []}\n").unwrap();
    let catalogue = p.link_away("sources/kolada.toml");
    let values = p.link_away("sources/2030/values/N15428.json");
    let server = newer_answers();
    let run = fetch(&p, &server, &[]).ok();
    assert!(run.stdout().contains("updated the metadata of 2 KPIs"), "{}", run.stdout());

    assert_link(&p.path("sources/kolada.toml"), &catalogue);
    assert!(read(&p, "elsewhere/sources/kolada.toml").contains("publ_period = 2027\n"));
    assert_link(&p.path("sources/2030/values/N15428.json"), &values);
    assert!(read(&p, "elsewhere/sources/2030/values/N15428.json").contains("71.5"));
    assert_eq!(listing(&p), vec!["N15428.json", "U01413.json"], "no temporary files");
    assert!(
        std::fs::read_dir(p.path("elsewhere/sources"))
            .unwrap()
            .all(|e| { !e.unwrap().file_name().to_string_lossy().starts_with(".perspektiv-") })
    );
    p.run(&["check"]).ok();
}

#[test]
fn a_crlf_catalogue_and_values_file_stay_crlf() {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("sources/2030/values")).unwrap();
    std::fs::write(p.path("sources/2030/values/N15428.json"), "{\r\n  \"values\": []\r\n}\r\n").unwrap();
    p.edit("sources/kolada.toml", |t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    let server = newer_answers();
    fetch(&p, &server, &[]).ok();

    let crlf_only = |text: &str| text.matches('\n').count() == text.matches("\r\n").count();
    let catalogue = read(&p, "sources/kolada.toml");
    assert!(catalogue.starts_with('\u{feff}'), "the byte order mark is kept");
    assert!(crlf_only(&catalogue), "not every line ends in CRLF:\n{catalogue:?}");
    assert!(catalogue.contains("publ_period = 2027\r\n"), "{catalogue:?}");
    assert!(catalogue.contains("current = false\r\n"), "{catalogue:?}");
    let values = read(&p, "sources/2030/values/N15428.json");
    assert!(values.contains("71.5") && crlf_only(&values), "{values:?}");
    // A new file is written with LF.
    let new = read(&p, "sources/2030/values/U01413.json");
    assert!(!new.contains('\r'), "{new:?}");
    p.run(&["check"]).ok();
    p.run(&["fmt", "--check"]).ok();
}

/// The request for the whole country's values of the mini fixture's KPIs.
const COUNTRY: &str = "/v3/data/kpi/N15428,U01413?per_page=5000";

#[test]
fn the_whole_country_and_the_municipality_groups_are_fetched_and_the_annex_compares_with_a_group() {
    let groups_values = "/v3/data/kpi/N15428,U01413/municipality/G37411,G99999?per_page=5000";
    let server = Server::start(vec![
        (
            COUNTRY,
            vec![page(
                &[
                    record("N15428", "1730", "2026", "80"),
                    record("N15428", "1730", "2029", "76"),
                    record("N15428", "0180", "2026", "60"),
                    record("N15428", "0180", "2029", "61.5"),
                    record("N15428", "G5", "2029", "70"),
                ],
                Some("/v3/country/2"),
            )],
        ),
        (
            "/v3/country/2",
            vec![page(&[record("N15428", "1780", "2029", "66"), record("N15428", "0000", "2029", "81")], None)],
        ),
        (
            groups_values,
            vec![page(&[record("N15428", "G37411", "2026", "77.5"), record("N15428", "G37411", "2029", "78.25")], None)],
        ),
        (
            "/v3/municipality_groups/G37411",
            vec![Reply::Page(
                r#"{"values":[{"id":"G37411","title":"Liknande kommuner grundskola, Eda",
                    "members":[{"id":"1730","title":"Eda"},{"id":"1765","title":"Årjäng"}]}],"count":1,"next_url":null}"#
                    .into(),
            )],
        ),
        ("/v3/municipality_groups/G99999", vec![Reply::Page(r#"{"values":[],"count":0,"next_url":null}"#.into())]),
    ]);
    let p = Project::fixture("mini");
    p.edit("sources/parties.toml", |t| {
        t.replacen(
            "code = \"1730\"\nkind = \"municipality\"\n",
            "code = \"1730\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G37411\"\nkpis = [\"N15428\"]\n",
            1,
        )
        .replacen(
            "code = \"1785\"\nkind = \"municipality\"\n",
            "code = \"1785\"\nkind = \"municipality\"\n\n[[party.group]]\nid = \"G99999\"\n",
            1,
        )
    });
    let run = fetch(&p, &server, &["--country"]).ok();
    assert_eq!(
        server.requests(),
        vec![
            COUNTRY,
            "/v3/country/2",
            groups_values,
            META,
            "/v3/municipality_groups/G37411",
            "/v3/municipality_groups/G99999"
        ]
    );
    let out = run.stdout();
    assert!(
        out.contains("(the whole country and 2 municipality groups for 2030; 3 pages in 2 requests)"),
        "{out}"
    );
    assert!(
        out.contains("  N15428  3 areas, 2026–2029, 5 records; and 2029 for 2 more municipalities and regions of the country"),
        "{out}"
    );
    assert!(out.contains("updated 2 municipality groups in `sources/kolada.toml`:"), "{out}");

    // Of the other municipalities, the year the ranks need; the group's values all years;
    // another group, not asked for, is left out.
    let values = read(&p, "sources/2030/values/N15428.json");
    assert!(values.contains("\"municipality\": \"0180\",\n      \"period\": 2029"), "{values}");
    assert!(!values.contains("\"municipality\": \"0180\",\n      \"period\": 2026"), "{values}");
    assert!(values.contains("\"municipality\": \"G37411\",\n      \"period\": 2026"), "{values}");
    assert!(!values.contains("\"G5\""), "{values}");

    // The groups' titles and members in the catalogue, in the canonical layout.
    let catalogue = read(&p, "sources/kolada.toml");
    assert!(
        catalogue.contains(
            "[[group]]\nid = \"G37411\"\ntitle = \"Liknande kommuner grundskola, Eda\"\nmembers = [\"1730\", \"1765\"]\ncurrent = true\n"
        ),
        "{catalogue}"
    );
    assert!(
        catalogue.contains("[[group]]\nid = \"G99999\"\ntitle = \"G99999\"\nmembers = []\ncurrent = false\n"),
        "{catalogue}"
    );
    p.run(&["fmt", "--check"]).ok();

    // `check` warns about the group Kolada does not know, naming the party.
    let err = p.run(&["check"]).ok().stderr();
    assert!(
        err.contains("Säffle compares with the municipality group `G99999`, which Kolada does not list (`current = false` in `kolada.toml`)"),
        "{err}"
    );
    assert!(err.contains("sources/parties.toml:27:6"), "{err}");

    // Eda's annex compares with the group by its title, with Kolada's values.
    p.run(&["annexes", "--only", "eda"]).ok();
    let text = crate::support::normalize(&crate::support::pdf_text(
        &std::fs::read(p.path("out/2030/annexes/2030-bilaga-eda.pdf")).unwrap(),
    ));
    assert!(
        text.contains(&crate::support::normalize("Liknande kommuner grundskola, Eda 77,5 78,3 +0,8")),
        "{text}"
    );
    // The group is compared on the KPIs it names only (N15428, not U01413).
    assert_eq!(
        text.matches(&crate::support::normalize("Liknande kommuner grundskola, Eda")).count(),
        2,
        "{text}"
    );
    // The spreadsheet has the group's row.
    let bytes = std::fs::read(p.path("out/2030/annexes/2030-aktuellt-perspektiv-eda.xlsx")).unwrap();
    let mut book: calamine::Xlsx<_> = calamine::open_workbook_from_rs(std::io::Cursor::new(bytes)).unwrap();
    let rows: Vec<Vec<String>> = calamine::Reader::worksheet_range(&mut book, "Värden")
        .unwrap()
        .rows()
        .map(|r| r.iter().map(|c| c.to_string()).collect())
        .collect();
    assert!(
        rows.iter().any(|r| r[2] == "N15428"
            && r[5] == "Liknande kommuner grundskola, Eda"
            && r[6] == "G37411"
            && r[10] == "78.3"),
        "{rows:?}"
    );
    assert!(!rows.iter().any(|r| r[2] == "U01413" && r[6] == "G37411"), "{rows:?}");
}
