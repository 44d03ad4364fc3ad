//! `perspektiv kolada fetch`: the values of a year's KPIs from Kolada's API into
//! `sources/<YEAR>/values/<KPI>.json`.
//!
//! The steps: load `parties.toml`, `kolada.toml` and the year's `goals.toml`; ask Kolada for
//! every KPI the indicators name, for every party and comparison area, all years; check every
//! page as strictly as a values file; then write one file per KPI.
//!
//! The requests follow Kolada's v3 API (`https://api.kolada.se/v3`):
//! `GET {base}/data/kpi/{KPI,KPI,...}?per_page=5000` asks for every municipality and region of
//! the country (Kolada answers for all areas when none is named), so that the annexes can give a
//! party's place among them ([`crate::annex::rank`]); the municipality groups the parties compare
//! with are asked for by name, `GET {base}/data/kpi/{KPI,...}/municipality/{G…,G…}?per_page=5000`.
//! With `--only-parties`, every request names its areas (the parties, the comparison areas and the
//! groups), and the annexes show no places. Without a `/year/...` part Kolada answers with every
//! year it has. A path part takes at most 25 ids, so the KPIs and the areas are split into chunks
//! of 25 and every pair of chunks is one request. A page holds at most 5,000 records and names the
//! next page in `next_url` (`next_page`, v2's name, is followed too); pages are followed until
//! there is none.
//!
//! Of the country's answer, a KPI's file keeps every year of the parties, the comparison areas
//! and the groups, and of the other municipalities and regions the year the ranks need: the
//! latest year in which a party or comparison area has a value. Records of areas that are none of
//! these (Kolada's other groups, if it sends them) are left out.
//!
//! Requests go through the proxy named by `ALL_PROXY`, `HTTPS_PROXY` or `HTTP_PROXY` (upper or
//! lower case), except for the hosts in `NO_PROXY`. A host name that does not resolve, or a
//! network that is down, stops the run at once with a hint about the network and the proxy.
//! Every request has a timeout. A timeout, a lost connection, HTTP 429 and HTTP 5xx are tried
//! again, after `Retry-After` seconds when the answer gives them, otherwise after an
//! exponentially growing wait (1 s, 2 s, 4 s, …). Any other status, or a page that is not a
//! well-formed Kolada page, stops the run with an error naming the URL.
//!
//! Nothing is written until every page has been fetched and checked; then each KPI's file is
//! written to a temporary file beside the others and all of them are renamed into place. A
//! failed run leaves the existing files as they were. A KPI for which Kolada has no values keeps
//! its old file, if any.
//!
//! The same run fetches the KPIs' metadata and keeps `kolada.toml` up to date ([`metadata`]):
//! title, municipality type, division by gender, latest period and publication date, and
//! `current = false` for a KPI that Kolada no longer lists.
//!
//! A party may compare with Kolada municipality groups (`[[party.group]]` in `parties.toml`):
//! their ids are asked for like the areas' (Kolada serves a group's value, the unweighted mean
//! of its members', from the same endpoint), and their titles and members are kept in
//! `kolada.toml`'s `[[group]]` tables ([`groups`]).

pub mod areas;
pub mod groups;
pub mod metadata;

use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Result, anyhow, bail};

use crate::console::Console;
use crate::diagnostics::Problem;
use crate::sources::ids::{KpiId, MunicipalityGroupId};
use crate::sources::parties::AreaCode;
use crate::sources::values::{self, Mode, Record};
use crate::sources::{DirTree, Report, kinds};
use crate::{key, t};

/// Kolada's API, version 3.
pub const DEFAULT_BASE_URL: &str = "https://api.kolada.se/v3";

/// The most ids Kolada takes in one path part.
pub const MAX_IDS_PER_PART: usize = 25;

/// The most records Kolada puts on one page.
pub const MAX_PER_PAGE: u32 = 5000;

/// More pages than this for one request means the paging goes round in circles.
const MAX_PAGES: usize = 10_000;

/// The largest answer read (a full page is well under a megabyte).
const MAX_BODY: u64 = 64 * 1024 * 1024;

/// How requests are made and retried.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpConfig {
    /// The longest one request may take, from connecting to the end of the answer.
    pub timeout: Duration,
    /// How often a failed request is tried again.
    pub retries: u32,
    /// The wait before the first retry; it doubles for each further one.
    pub backoff: Duration,
    /// The longest wait before a retry; a longer `Retry-After` stops the run.
    pub max_wait: Duration,
}

impl Default for HttpConfig {
    fn default() -> Self {
        Self {
            timeout: Duration::from_secs(60),
            retries: 5,
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(120),
        }
    }
}

/// Everything `kolada fetch` needs, resolved from the command line once.
#[derive(Clone, Debug)]
pub struct FetchConfig {
    /// The sources folder.
    pub sources: PathBuf,
    /// The year whose goals name the KPIs and whose `values/` is written.
    pub year: i32,
    /// Kolada's API up to and including the version (`https://api.kolada.se/v3`).
    pub base_url: String,
    /// Requests, timeouts and retries.
    pub http: HttpConfig,
    /// Ids per path part (at most [`MAX_IDS_PER_PART`]).
    pub ids_per_part: usize,
    /// Records asked for per page (at most [`MAX_PER_PAGE`]).
    pub per_page: u32,
    /// Ask for every municipality and region of the country (the default), not only the
    /// parties, the comparison areas and the groups.
    pub country: bool,
    /// Show a progress bar on standard error.
    pub progress: bool,
}

impl FetchConfig {
    /// `<sources>/<year>/values`.
    pub fn values_dir(&self) -> PathBuf {
        self.sources.join(self.year.to_string()).join(values::DIR)
    }
}

/// What to ask Kolada for: the year's KPIs and the areas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Wanted {
    /// The KPIs the year's indicators name, sorted.
    pub kpis: Vec<KpiId>,
    /// The parties' codes, the comparison areas' codes and the municipality groups' ids,
    /// sorted.
    pub areas: Vec<AreaCode>,
    /// The municipality groups the parties compare with, sorted.
    pub groups: Vec<MunicipalityGroupId>,
}

/// One request: a chunk of KPIs and a chunk of areas.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Request {
    /// The first page's URL.
    pub url: String,
    /// The KPIs asked for.
    pub kpis: BTreeSet<KpiId>,
    /// The areas asked for; `None` for the whole country's answer, which may hold any area.
    pub areas: Option<BTreeSet<AreaCode>>,
}

/// The requests for `wanted`: with `country`, every chunk of KPIs for the whole country and with
/// every chunk of the groups; else every chunk of KPIs with every chunk of areas (the groups
/// among them).
pub fn plan(
    base_url: &str,
    wanted: &Wanted,
    ids_per_part: usize,
    per_page: u32,
    country: bool,
) -> Vec<Request> {
    let n = ids_per_part.clamp(1, MAX_IDS_PER_PART);
    let groups: Vec<AreaCode> = wanted.groups.iter().map(|g| AreaCode(g.as_str().to_owned())).collect();
    let named: &[AreaCode] = if country { &groups } else { &wanted.areas };
    let mut requests = Vec::new();
    for kpis in wanted.kpis.chunks(n) {
        let kpi_part = kpis.iter().map(KpiId::as_str).collect::<Vec<_>>().join(",");
        if country {
            requests.push(Request {
                url: format!("{base_url}/data/kpi/{kpi_part}?per_page={per_page}"),
                kpis: kpis.iter().cloned().collect(),
                areas: None,
            });
        }
        for areas in named.chunks(n) {
            let area_part = areas.iter().map(AreaCode::as_str).collect::<Vec<_>>().join(",");
            requests.push(Request {
                url: format!("{base_url}/data/kpi/{kpi_part}/municipality/{area_part}?per_page={per_page}"),
                kpis: kpis.iter().cloned().collect(),
                areas: Some(areas.iter().cloned().collect()),
            });
        }
    }
    requests
}

/// Of the records of one KPI, those a file keeps: every record of the `wanted` areas, and of the
/// country's other municipalities and regions those of the latest year in which a wanted area
/// has a value (what the ranks need); the number of those other areas and that year.
fn kept(records: Vec<Record>, wanted: &BTreeSet<&str>) -> (Vec<Record>, usize, Option<i32>) {
    let official = areas::official();
    let has_value = |r: &Record| r.values.iter().any(|v| v.value.is_some());
    let latest =
        records.iter().filter(|r| wanted.contains(r.area.as_str()) && has_value(r)).map(|r| r.period).max();
    let mut others = BTreeSet::new();
    let kept = records
        .into_iter()
        .filter(|r| {
            let area = r.area.as_str();
            if wanted.contains(area) {
                return true;
            }
            let keep = official.contains(area) && Some(r.period) == latest;
            if keep {
                others.insert(area.to_owned());
            }
            keep
        })
        .collect();
    (kept, others.len(), latest)
}

/// `perspektiv kolada fetch`.
pub fn run(cfg: &FetchConfig) -> Result<ExitCode> {
    let mut console = Console::default();
    let Some(wanted) = wanted(&console, cfg)? else {
        return Ok(ExitCode::from(1));
    };
    if wanted.kpis.is_empty() {
        console.line(&crate::t!("kolada-nothing-to-fetch", year = cfg.year));
        return Ok(ExitCode::SUCCESS);
    }
    let requests = plan(&cfg.base_url, &wanted, cfg.ids_per_part, cfg.per_page, cfg.country);
    let meta_requests =
        metadata::urls(&cfg.base_url, &wanted.kpis, cfg.ids_per_part).len() + wanted.groups.len();
    console.start_requests(cfg.progress, requests.len() + meta_requests);
    let client = Client::new(cfg.http.clone());
    let mut fetched = Fetched::default();
    for request in &requests {
        fetch_request(&client, request, &console, &mut fetched)?;
        console.done(1);
    }
    let meta = metadata::fetch(&client, &cfg.base_url, &wanted.kpis, cfg.ids_per_part, &console)?;
    let group_meta = groups::fetch(&client, &cfg.base_url, &wanted.groups, &console)?;
    console.done(meta_requests as u64);
    console.finish_progress();

    let dir = cfg.values_dir();
    let wanted_areas: BTreeSet<&str> = wanted.areas.iter().map(AreaCode::as_str).collect();
    let mut writes = Vec::new();
    let mut lines = Vec::new();
    for kpi in &wanted.kpis {
        let records: Vec<Record> =
            fetched.records.get(kpi).map(|m| m.values().cloned().collect()).unwrap_or_default();
        let (records, others, latest) = kept(records, &wanted_areas);
        let (own, _): (Vec<&Record>, Vec<&Record>) =
            records.iter().partition(|r| wanted_areas.contains(r.area.as_str()));
        let path = dir.join(format!("{kpi}.json"));
        if own.is_empty() {
            lines.push(if path.exists() {
                t!("kolada-kpi-no-values-kept", kpi = kpi.as_str())
            } else {
                t!("kolada-kpi-no-values", kpi = kpi.as_str())
            });
            continue;
        }
        let line = summary(kpi, &own);
        lines.push(match latest {
            Some(year) if others > 0 => t!("kolada-kpi-country", line = line, year = year, others = others),
            _ => line,
        });
        writes.push((path, values::to_json(&records)));
    }
    crate::output::write_texts(&writes)?;
    let what = match (cfg.country, wanted.groups.len()) {
        (true, 0) => t!("kolada-whole-country"),
        (true, groups) => t!("kolada-whole-country-and-groups", groups = groups),
        (false, _) => t!("kolada-areas", areas = wanted.areas.len()),
    };
    console.out(&t!(
        "kolada-fetched",
        kpis = wanted.kpis.len(),
        url = cfg.base_url.as_str(),
        what = what,
        year = cfg.year,
        pages = fetched.pages,
        requests = requests.len()
    ));
    for line in lines {
        console.out(&format!("  {line}"));
    }
    if fetched.deleted > 0 {
        console.out(&crate::t!("kolada-deleted", values = fetched.deleted));
    }
    console.out(&crate::t!("kolada-wrote", files = writes.len(), folder = dir.display().to_string()));
    report_metadata(&console, cfg, &wanted.kpis, &meta)?;
    report_groups(&console, cfg, &wanted.groups, &group_meta)?;
    Ok(ExitCode::SUCCESS)
}

/// Applies the municipality groups' titles and members to `kolada.toml` and says what changed.
fn report_groups(
    console: &Console,
    cfg: &FetchConfig,
    asked: &[MunicipalityGroupId],
    found: &BTreeMap<MunicipalityGroupId, groups::GroupMeta>,
) -> Result<()> {
    if asked.is_empty() {
        return Ok(());
    }
    let changes = groups::apply(&cfg.sources, asked, found)?;
    let path = cfg.sources.join(kinds::KOLADA.file);
    if changes.is_empty() {
        console.out(&crate::t!("kolada-groups-up-to-date", file = path.display().to_string()));
    } else {
        console.out(&t!("kolada-updated-groups", groups = changes.len(), file = path.display().to_string()));
        for (id, what) in changes {
            console.out(&format!("  {}", changed(id.as_str(), found.contains_key(&id), &what)));
        }
    }
    for id in asked.iter().filter(|id| !found.contains_key(*id)) {
        console.note(&crate::t!("kolada-group-not-listed", group = id.to_string()));
    }
    Ok(())
}

/// Applies the KPI metadata to `kolada.toml` and says what changed.
fn report_metadata(
    console: &Console,
    cfg: &FetchConfig,
    kpis: &[KpiId],
    meta: &BTreeMap<KpiId, metadata::KpiMeta>,
) -> Result<()> {
    let changes = metadata::apply(&cfg.sources, kpis, meta)?;
    let path = cfg.sources.join(kinds::KOLADA.file);
    if changes.is_empty() {
        console.out(&crate::t!("kolada-metadata-up-to-date", file = path.display().to_string()));
        return Ok(());
    }
    console.out(&t!("kolada-updated-metadata", kpis = changes.len(), file = path.display().to_string()));
    for (kpi, what) in changes {
        console.out(&format!("  {}", changed(kpi.as_str(), meta.contains_key(&kpi), &what)));
    }
    Ok(())
}

/// A KPI's or group's line of changes to `kolada.toml`: "N15428  publ_period 2025 → 2026", and
/// for one Kolada no longer lists (`listed` false), that it does not.
fn changed(id: &str, listed: bool, what: &[String]) -> String {
    let changes = what.join("; ");
    if listed {
        t!("kolada-changed", id = id, changes = changes)
    } else {
        t!("kolada-changed-retired", id = id, changes = changes)
    }
}

/// A KPI's line of the summary: "N15428  18 areas, 2010–2024, 270 records".
fn summary(kpi: &KpiId, records: &[&Record]) -> String {
    let areas: BTreeSet<&str> = records.iter().map(|r| r.area.as_str()).collect();
    let first = records.iter().map(|r| r.period).min().unwrap_or_default();
    let last = records.iter().map(|r| r.period).max().unwrap_or_default();
    let years = if first == last { first.to_string() } else { format!("{first}–{last}") };
    t!("kolada-kpi", kpi = kpi.as_str(), areas = areas.len(), years = years, records = records.len())
}

/// The KPIs and areas of the year, or `None` after saying the sources' problems on `console`.
fn wanted(console: &Console, cfg: &FetchConfig) -> Result<Option<Wanted>> {
    let tree = DirTree::new(&cfg.sources);
    let mut report = Report::default();
    let parties = kinds::PARTIES.load(&tree, cfg.year, &mut report);
    let kolada = kinds::KOLADA.load(&tree, cfg.year, &mut report);
    let goals = kinds::GOALS.load(&tree, cfg.year, &mut report);
    let (Some(parties), Some(kolada), Some(goals)) = (parties, kolada, goals) else {
        return Ok(stop(console, &report, cfg.year));
    };
    let catalogue: BTreeSet<&KpiId> = kolada.data.kpi.iter().map(|k| &k.id).collect();
    let mut kpis = BTreeSet::new();
    for (gi, goal) in goals.data.goal.iter().enumerate() {
        for (ii, indicator) in goal.indicator.iter().enumerate() {
            for (ki, kref) in indicator.kolada.iter().enumerate() {
                if catalogue.contains(&kref.kpi) {
                    kpis.insert(kref.kpi.clone());
                } else {
                    let at = goals.at(key!("goal", gi, "indicator", ii, "kolada", ki, "kpi"));
                    report.problems.push(
                        Problem::error(at, crate::msg!("kpi-not-in-catalogue", kpi = kref.kpi.as_str()))
                            .with_hint(crate::validate::new_kpi_hint(kref.kpi.as_str())),
                    );
                }
            }
        }
    }
    if report.has_errors() {
        return Ok(stop(console, &report, cfg.year));
    }
    let areas: BTreeSet<AreaCode> = parties.data.value_areas().map(|a| AreaCode(a.to_owned())).collect();
    let groups = parties.data.group_ids().into_iter().cloned().collect();
    Ok(Some(Wanted { kpis: kpis.into_iter().collect(), areas: areas.into_iter().collect(), groups }))
}

fn stop<T>(console: &Console, report: &Report, year: i32) -> Option<T> {
    console.problems(&report.problems, &report.texts);
    let errors = report.problems.iter().filter(|p| p.is_error()).count();
    console.error(&crate::t!("kolada-stopped", year = year, errors = errors));
    None
}

/// The records fetched so far, by KPI and by area and year.
#[derive(Default)]
struct Fetched {
    records: BTreeMap<KpiId, BTreeMap<(AreaCode, i32), Record>>,
    pages: usize,
    /// Values and records Kolada marks as deleted, left out.
    deleted: usize,
}

/// Fetches every page of one request and adds its records.
fn fetch_request(client: &Client, request: &Request, console: &Console, fetched: &mut Fetched) -> Result<()> {
    let mut url = request.url.clone();
    let mut seen = BTreeSet::new();
    loop {
        if !seen.insert(url.clone()) || seen.len() > MAX_PAGES {
            bail!(crate::t!("error-kolada-circle", url = &url));
        }
        let records: usize = fetched.records.values().map(BTreeMap::len).sum();
        console.doing(t!("kolada-progress", pages = fetched.pages, records = records, url = url.as_str()));
        let body = client.get(&url, console)?;
        fetched.pages += 1;
        let doc = values::parse(&body, Mode::Page);
        fetched.deleted += doc.deleted;
        if let Some(p) = doc.problems.first() {
            let (line, col) = line_col(&body, p.span.start);
            let (message, more) = (p.message.text(), doc.problems.len() - 1);
            bail!(if p.key.is_empty() {
                crate::t!(
                    "error-kolada-page",
                    url = &url,
                    line = line,
                    column = col,
                    error = message,
                    more = more
                )
            } else {
                let key = p.key.to_string();
                crate::t!(
                    "error-kolada-page.at-key",
                    url = &url,
                    line = line,
                    column = col,
                    key = key,
                    error = message,
                    more = more
                )
            });
        }
        for (record, spans) in doc.records {
            let at = format!("values[{}]", spans.index);
            if !request.kpis.contains(&record.kpi) {
                bail!(crate::t!(
                    "error-kolada-kpi-not-asked",
                    url = &url,
                    at = at,
                    kpi = record.kpi.as_str()
                ));
            }
            if request.areas.as_ref().is_some_and(|asked| !asked.contains(&record.area)) {
                bail!(crate::t!(
                    "error-kolada-area-not-asked",
                    url = &url,
                    at = at,
                    area = record.area.as_str()
                ));
            }
            let by_key = fetched.records.entry(record.kpi.clone()).or_default();
            match by_key.get(&(record.area.clone(), record.period)) {
                Some(earlier) if *earlier != record => bail!(crate::t!(
                    "error-kolada-two-records",
                    kpi = record.kpi.as_str(),
                    area = record.area.as_str(),
                    period = record.period,
                    url = &url
                )),
                Some(_) => {}
                None => {
                    by_key.insert((record.area.clone(), record.period), record);
                }
            }
        }
        match doc.next_url.filter(|n| !n.is_empty()) {
            Some(next) => url = resolve(&url, &next)?,
            None => return Ok(()),
        }
    }
}

/// 1-based line and column (in characters) of a byte offset.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// The next page's URL: absolute as Kolada gives it, or a path on the same server.
fn resolve(current: &str, next: &str) -> Result<String> {
    if next.starts_with("https://") || next.starts_with("http://") {
        return Ok(next.to_owned());
    }
    if next.starts_with('/') {
        let scheme_end = current.find("://").map_or(0, |i| i + 3);
        let host_end = current[scheme_end..].find('/').map_or(current.len(), |i| scheme_end + i);
        return Ok(format!("{}{next}", &current[..host_end]));
    }
    Err(anyhow!(crate::t!("error-kolada-next-page", url = current, next = next)))
}

/// Why an attempt failed.
enum Failure {
    /// Worth another try: a timeout, a lost connection, HTTP 429 or 5xx.
    Transient { why: String, retry_after: Option<Duration> },
    /// Not worth another try.
    Fatal(anyhow::Error),
}

/// An HTTP client with timeouts and retries.
struct Client {
    agent: ureq::Agent,
    cfg: HttpConfig,
}

impl Client {
    fn new(cfg: HttpConfig) -> Self {
        let agent = ureq::Agent::config_builder()
            .timeout_global(Some(cfg.timeout))
            .http_status_as_error(false)
            .user_agent(concat!("perspektiv/", env!("CARGO_PKG_VERSION")))
            .build()
            .new_agent();
        Self { agent, cfg }
    }

    /// The body of a successful answer from `url`, after retries.
    fn get(&self, url: &str, console: &Console) -> Result<String> {
        let attempts = self.cfg.retries + 1;
        for attempt in 1..=attempts {
            let (why, retry_after) = match self.attempt(url) {
                Ok(body) => return Ok(body),
                Err(Failure::Fatal(e)) => return Err(e),
                Err(Failure::Transient { why, retry_after }) => (why, retry_after),
            };
            if attempt == attempts {
                bail!(crate::t!("error-fetch-gave-up", url = url, why = why, attempts = attempts));
            }
            let wait = match retry_after {
                Some(wait) if wait > self.cfg.max_wait => {
                    bail!(crate::t!("error-fetch-wait", url = url, why = why, seconds = wait.as_secs()))
                }
                Some(wait) => wait,
                None => backoff(&self.cfg, attempt),
            };
            // The URL once, in the first note; the later ones are about the same request.
            let request = if attempt == 1 { format!("`{url}`") } else { t!("kolada-same-request") };
            let note = if retry_after.is_some() {
                crate::msg!("kolada-retry-as-asked")
            } else {
                crate::msg!("kolada-retry")
            };
            let note = note
                .arg("request", request)
                .arg("why", why)
                .arg("wait", show(wait))
                .arg("attempt", attempt + 1)
                .arg("attempts", attempts);
            console.note(&note.text());
            std::thread::sleep(wait);
        }
        unreachable!("the last attempt returns")
    }

    fn attempt(&self, url: &str) -> Result<String, Failure> {
        let mut response = match self.agent.get(url).header("Accept", "application/json").call() {
            Ok(response) => response,
            Err(e) => return Err(classify(e, url)),
        };
        let status = response.status();
        if status.is_success() {
            return response
                .body_mut()
                .with_config()
                .limit(MAX_BODY)
                .read_to_string()
                .map_err(|e| classify(e, url));
        }
        let reason = status.canonical_reason().map(|r| format!(" {r}")).unwrap_or_default();
        let why = format!("HTTP {}{reason}", status.as_u16());
        if status.as_u16() == 429 || status.is_server_error() {
            let retry_after = response
                .headers()
                .get("retry-after")
                .and_then(|v| v.to_str().ok())
                .and_then(parse_retry_after);
            return Err(Failure::Transient { why, retry_after });
        }
        let body = response.body_mut().with_config().limit(4096).read_to_string().unwrap_or_default();
        let snippet: String =
            body.split_whitespace().collect::<Vec<_>>().join(" ").chars().take(200).collect();
        let message = if snippet.is_empty() {
            crate::t!("error-kolada-answered", why = &why, url = url)
        } else {
            crate::t!("error-kolada-answered.said", why = &why, url = url, said = snippet)
        };
        let message = match version_hint(url) {
            Some(hint) if status.as_u16() == 404 => with_hint(message, &hint),
            _ => message,
        };
        Err(Failure::Fatal(anyhow!(message)))
    }
}

/// A hint for a 404 when the base URL does not end in the API's version (`…/v3`).
fn version_hint(url: &str) -> Option<String> {
    let path = url.split_once("/data/").map_or(url, |(base, _)| base);
    let versioned = path.rsplit('/').next().is_some_and(|last| {
        last.strip_prefix('v').is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    });
    if versioned && path.ends_with("/v3") {
        None
    } else if versioned {
        Some(crate::t!("error-kolada-version.v3", url = DEFAULT_BASE_URL))
    } else {
        Some(crate::t!("error-kolada-version", url = format!("{path}/v3")))
    }
}

/// An error's message with its hint on a line of its own, as every hint is printed (`hint: …`).
fn with_hint(message: String, hint: &str) -> String {
    format!("{message}\n{}: {hint}", crate::t!("prefix-hint"))
}

fn classify(e: ureq::Error, url: &str) -> Failure {
    match e {
        ureq::Error::HostNotFound => unreachable_network(url, crate::t!("error-host-not-found")),
        ureq::Error::Io(e) if is_without_network(&e) => unreachable_network(url, e.to_string()),
        ureq::Error::Timeout(_) => Failure::Transient { why: t!("kolada-timed-out"), retry_after: None },
        ureq::Error::Io(e) => Failure::Transient {
            why: t!("kolada-connection-failed", error = e.to_string()),
            retry_after: None,
        },
        ureq::Error::ConnectionFailed | ureq::Error::BodyStalled => Failure::Transient {
            why: t!("kolada-connection-failed", error = e.to_string()),
            retry_after: None,
        },
        e => Failure::Fatal(anyhow!(e).context(crate::t!("error-fetch", url = url))),
    }
}

/// Whether an I/O error means that the network, or the name service, cannot be reached at all:
/// a host name that does not resolve (the standard library reports `getaddrinfo`'s failures as
/// "failed to lookup address information") or a network that is down. Trying again within
/// seconds does not help, so these stop the run at once.
fn is_without_network(e: &std::io::Error) -> bool {
    use std::io::ErrorKind;
    matches!(e.kind(), ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable | ErrorKind::NetworkDown)
        || e.to_string().contains("failed to lookup address information")
}

/// The error for a request that cannot leave this machine, with a hint about the network and
/// the proxy settings (`HTTPS_PROXY`, `HTTP_PROXY`, `ALL_PROXY` and `NO_PROXY`, as curl reads
/// them).
fn unreachable_network(url: &str, why: String) -> Failure {
    let host = url.split("://").nth(1).and_then(|rest| rest.split(['/', '?']).next()).unwrap_or(url);
    let proxy = PROXY_VARIABLES
        .iter()
        .find_map(|name| std::env::var(name).ok().filter(|v| !v.trim().is_empty()).map(|v| (*name, v)));
    let hint = match proxy {
        Some((name, value)) => {
            crate::t!("error-unreachable.proxy", proxy = value, variable = name, host = host)
        }
        None => crate::t!("error-unreachable.hint"),
    };
    let message = crate::t!("error-unreachable", host = host, url = url, why = why);
    Failure::Fatal(anyhow!(with_hint(message, &hint)))
}

/// The environment variables that name a proxy, in the order they are read.
const PROXY_VARIABLES: [&str; 6] =
    ["ALL_PROXY", "all_proxy", "HTTPS_PROXY", "https_proxy", "HTTP_PROXY", "http_proxy"];

/// The wait before retry number `attempt` (1-based): `backoff`, doubled each time, at most
/// `max_wait`.
pub fn backoff(cfg: &HttpConfig, attempt: u32) -> Duration {
    let factor = 2u32.saturating_pow(attempt.saturating_sub(1));
    cfg.backoff.saturating_mul(factor).min(cfg.max_wait)
}

/// `Retry-After` in seconds (the HTTP-date form is not used by Kolada and falls back to the
/// backoff).
pub fn parse_retry_after(value: &str) -> Option<Duration> {
    value.trim().parse::<u64>().ok().map(Duration::from_secs)
}

fn show(d: Duration) -> String {
    if d.as_millis() < 1000 { format!("{} ms", d.as_millis()) } else { format!("{} s", d.as_secs()) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kpi(s: &str) -> KpiId {
        KpiId(s.into())
    }

    #[test]
    fn requests_take_at_most_25_ids_per_part() {
        let wanted = Wanted {
            kpis: (0..30).map(|i| kpi(&format!("N{i:05}"))).collect(),
            areas: (0..26).map(|i| AreaCode(format!("{:04}", 1700 + i))).collect(),
            groups: Vec::new(),
        };
        let requests = plan("https://api.kolada.se/v3", &wanted, 25, 5000, false);
        assert_eq!(requests.len(), 4);
        for r in &requests {
            assert!(r.kpis.len() <= 25 && r.areas.as_ref().is_some_and(|a| a.len() <= 25));
            let path = r.url.split_once('?').map_or(r.url.as_str(), |(path, _)| path);
            for part in path.split('/').filter(|p| p.contains(',')) {
                assert!(part.split(',').count() <= 25, "{part}");
            }
        }
        assert_eq!(
            requests[0].url,
            format!(
                "https://api.kolada.se/v3/data/kpi/{}/municipality/{}?per_page=5000",
                (0..25).map(|i| format!("N{i:05}")).collect::<Vec<_>>().join(","),
                (0..25).map(|i| format!("{:04}", 1700 + i)).collect::<Vec<_>>().join(",")
            )
        );
        assert_eq!(
            requests[3].url,
            "https://api.kolada.se/v3/data/kpi/N00025,N00026,N00027,N00028,N00029/municipality/1725?per_page=5000"
        );
        let all: BTreeSet<(KpiId, AreaCode)> = requests
            .iter()
            .flat_map(|r| {
                r.kpis.iter().flat_map(move |k| r.areas.iter().flatten().map(move |a| (k.clone(), a.clone())))
            })
            .collect();
        assert_eq!(all.len(), 30 * 26);
    }

    #[test]
    fn the_country_is_asked_for_without_areas_and_the_groups_by_name() {
        let wanted = Wanted {
            kpis: (0..30).map(|i| kpi(&format!("N{i:05}"))).collect(),
            areas: vec![AreaCode("1780".into()), AreaCode("G37411".into())],
            groups: vec![MunicipalityGroupId("G37411".into())],
        };
        let requests = plan("https://api.kolada.se/v3", &wanted, 25, 5000, true);
        let urls: Vec<&str> = requests.iter().map(|r| r.url.as_str()).collect();
        let first: Vec<String> = (0..25).map(|i| format!("N{i:05}")).collect();
        assert_eq!(
            urls,
            [
                format!("https://api.kolada.se/v3/data/kpi/{}?per_page=5000", first.join(",")),
                format!("https://api.kolada.se/v3/data/kpi/{}/municipality/G37411?per_page=5000", first.join(",")),
                "https://api.kolada.se/v3/data/kpi/N00025,N00026,N00027,N00028,N00029?per_page=5000".to_owned(),
                "https://api.kolada.se/v3/data/kpi/N00025,N00026,N00027,N00028,N00029/municipality/G37411?per_page=5000"
                    .to_owned(),
            ]
        );
        assert_eq!(requests[0].areas, None);
    }

    #[test]
    fn of_the_country_a_file_keeps_the_year_the_ranks_need() {
        let rec = |area: &str, period, value: Option<f64>| Record {
            kpi: kpi("N15428"),
            area: AreaCode(area.into()),
            period,
            values: vec![values::GenderValue {
                gender: values::Gender::Total,
                count: None,
                status: None,
                value,
            }],
        };
        let records = vec![
            rec("1780", 2022, Some(1.0)),
            rec("1780", 2023, Some(2.0)),
            rec("1780", 2024, None),
            rec("0180", 2023, Some(3.0)),
            rec("0180", 2022, Some(3.0)),
            rec("0180", 2024, Some(3.0)),
            rec("G1", 2023, Some(3.0)),
        ];
        let wanted = BTreeSet::from(["1780"]);
        let (kept, others, latest) = kept(records, &wanted);
        let shown: Vec<(&str, i32)> = kept.iter().map(|r| (r.area.as_str(), r.period)).collect();
        assert_eq!(shown, [("1780", 2022), ("1780", 2023), ("1780", 2024), ("0180", 2023)]);
        assert_eq!((others, latest), (1, Some(2023)));
    }

    #[test]
    fn backoff_doubles_up_to_the_limit() {
        let cfg = HttpConfig {
            backoff: Duration::from_secs(1),
            max_wait: Duration::from_secs(5),
            ..HttpConfig::default()
        };
        let waits: Vec<u64> = (1..=5).map(|a| backoff(&cfg, a).as_secs()).collect();
        assert_eq!(waits, vec![1, 2, 4, 5, 5]);
        assert_eq!(backoff(&cfg, 200), Duration::from_secs(5));
    }

    #[test]
    fn a_base_url_without_the_version_gets_a_hint() {
        assert_eq!(
            version_hint("https://api.kolada.se/data/kpi/N1/municipality/1?per_page=5000").as_deref(),
            Some("the base URL ends with the API's version, like `--base-url https://api.kolada.se/v3`")
        );
        let v2 = version_hint("https://api.kolada.se/v2/data/kpi/N1/municipality/1");
        assert!(v2.is_some_and(|h| h.contains("v3 API")));
        assert_eq!(version_hint("https://api.kolada.se/v3/data/kpi/N1/municipality/1"), None);
    }

    #[test]
    fn retry_after_in_seconds() {
        assert_eq!(parse_retry_after(" 7 "), Some(Duration::from_secs(7)));
        assert_eq!(parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT"), None);
    }

    #[test]
    fn next_pages_resolve() {
        let cur = "http://127.0.0.1:8080/v3/data/kpi/N1/municipality/1?per_page=2";
        assert_eq!(
            resolve(cur, "https://api.kolada.se/v3/x?page=2").ok().as_deref(),
            Some("https://api.kolada.se/v3/x?page=2")
        );
        assert_eq!(resolve(cur, "/v3/x?page=2").ok().as_deref(), Some("http://127.0.0.1:8080/v3/x?page=2"));
        assert!(resolve(cur, "page=2").is_err());
    }

    #[test]
    fn summaries() {
        let rec = |area: &str, period| Record {
            kpi: kpi("N15428"),
            area: AreaCode(area.into()),
            period,
            values: vec![],
        };
        assert_eq!(
            summary(&kpi("N15428"), &[&rec("1780", 2020), &rec("1780", 2023), &rec("0000", 2021)]),
            "N15428  2 areas, 2020–2023, 3 records"
        );
        assert_eq!(summary(&kpi("N15428"), &[&rec("1780", 2020)]), "N15428  1 area, 2020, 1 record");
    }
}
