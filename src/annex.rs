//! `perspektiv annexes`: one "Aktuellt perspektiv" annex per party (the municipalities and the
//! region), with its values of every indicator against the county and Sweden, trend charts, its
//! representatives and the yearly calendar; bundled in a reproducible zip with a manifest.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use anyhow::{Result, bail};
use rayon::prelude::*;
use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::build::{BuildConfig, describe_typst_error, load_checked, pdf_settings};
use crate::output::{plural, write_atomic};
use crate::render::trend::{self, SeriesInput, TrendLayout};
use crate::render::view::{CalendarView, MetaView, calendar_view, target_text};
use crate::render::{Rendered, Templates};
use crate::sources::common::swedish_date;
use crate::sources::goals::{Direction, Indicator, KpiRef, Unit};
use crate::sources::parties::{KpiAreaType, Party, PartyKind};
use crate::sources::values::{Gender, Values};
use crate::sources::Sources;
use crate::swedish;
use crate::typeset::{self, DocWorld, Fonts};

/// Everything an annex run needs, resolved once.
#[derive(Clone, Debug)]
pub struct AnnexConfig {
    /// The build settings (sources, out, templates, fonts, year).
    pub build: BuildConfig,
    /// Only these parties (ids, names or codes); all when empty.
    pub only: Vec<String>,
    /// Also write a zip of the annexes and a manifest here.
    pub zip: Option<PathBuf>,
}

/// One annex.
#[derive(Serialize)]
pub struct AnnexView {
    /// Title and PDF metadata.
    pub meta: MetaView,
    /// Never a draft.
    pub draft: Option<()>,
    /// The party.
    pub party: PartyView,
    /// The edition's year.
    pub year: i32,
    /// Whether there are no values at all.
    pub no_values: bool,
    /// The goals and their indicators.
    pub goals: Vec<AnnexGoalView>,
    /// The party's people in the bodies.
    pub representatives: Vec<RepresentativeView>,
    /// The calendars.
    pub calendars: Vec<CalendarView>,
    /// The areas compared with ("Region Värmland (länet) och riket").
    pub compared: String,
}

/// The party the annex is for.
#[derive(Serialize)]
pub struct PartyView {
    /// "Arvika".
    pub name: String,
    /// "Arvika kommun".
    pub official_name: String,
    /// "1784".
    pub code: String,
    /// "kommun" or "region".
    pub kind: String,
}

/// A goal of the annex.
#[derive(Serialize)]
pub struct AnnexGoalView {
    /// Heading.
    pub heading: String,
    /// Its indicators.
    pub indicators: Vec<AnnexIndicatorView>,
}

/// An indicator of the annex.
#[derive(Serialize)]
pub struct AnnexIndicatorView {
    /// The indicator as worded.
    pub text: String,
    /// "↑ öka".
    pub direction: String,
    /// "2 procentenheter.", "1000/100 000 inv." (a sentence's end).
    pub target: String,
    /// A note when there is nothing from Kolada.
    pub note: Option<String>,
    /// One per KPI shown.
    pub measures: Vec<MeasureView>,
}

/// The values of one KPI.
#[derive(Serialize)]
pub struct MeasureView {
    /// "Kolada N15428: Elever i åk 9 som är behöriga …".
    pub source: String,
    /// A remark on what the KPI covers ("Nyckeltalet finns bara för regioner.").
    pub notes: Vec<String>,
    /// The rows of the table.
    pub rows: Vec<RowView>,
    /// The chart, when there is a value to draw.
    pub chart: Option<TrendLayout>,
    /// The chart's alternative text.
    pub alt: String,
}

/// A row of an indicator's table.
#[derive(Serialize)]
pub struct RowView {
    /// "Arvika", "Arvika, kvinnor", "Värmland", "Riket".
    pub area: String,
    /// "2019: 62,3" or "uppgift saknas".
    pub baseline: String,
    /// "2023: 66,0" or "uppgift saknas".
    pub latest: String,
    /// "+3,7" or "–".
    pub change: String,
    /// "målet nått", "i rätt riktning", "i fel riktning", "oförändrat", "–".
    pub status: String,
}

/// A person of the party in a body.
#[derive(Serialize)]
pub struct RepresentativeView {
    /// The body.
    pub body: String,
    /// Name.
    pub name: String,
    /// Title.
    pub title: String,
    /// Role and period.
    pub role: String,
}

/// The stack of each worker thread (the default of 2 MiB is too small for Typst's layout of a
/// long annex).
const WORKER_STACK: usize = 32 << 20;

/// How many annexes an entry of Typst's cache outlives unused.
const CACHE_AGE: usize = 2;

/// The slug of a party's file: its id, which is ASCII.
pub fn slug(party: &Party) -> String {
    party.id.to_string()
}

/// The file name of a party's annex.
pub fn file_name(year: i32, party: &Party) -> String {
    format!("{year}-bilaga-{}.pdf", slug(party))
}

/// The county a party belongs to: the region whose code is `00` and the municipality's first two
/// digits (Kolada's and SCB's convention); a region is its own county.
fn county<'a>(parties: &'a [Party], party: &Party) -> Option<&'a Party> {
    let code = match party.kind {
        PartyKind::Region => party.code.as_str().to_owned(),
        PartyKind::Municipality => format!("00{}", party.code.as_str().get(..2)?),
    };
    parties.iter().find(|p| p.kind == PartyKind::Region && p.code.as_str() == code)
}

fn fmt_value(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    swedish::number(rounded)
}

fn fmt_change(v: f64) -> String {
    let rounded = (v * 10.0).round() / 10.0;
    if rounded > 0.0 {
        format!("+{}", swedish::number(rounded))
    } else if rounded < 0.0 {
        format!("−{}", swedish::number(-rounded))
    } else {
        "±0".into()
    }
}

/// Whether a target's amount is in the KPI's own unit, so that a change can be compared with it.
fn comparable(unit: Unit, kpi_title: &str) -> bool {
    match unit {
        Unit::Procentenheter => kpi_title.contains("andel") || kpi_title.contains("(%)"),
        Unit::Per100000Inv => kpi_title.contains("100 000"),
        Unit::Per1000Inv | Unit::SkillnaderMinska => false,
    }
}

struct Ctx<'a> {
    s: &'a Sources,
    values: &'a Values,
}

impl Ctx<'_> {
    fn series(&self, kref: &KpiRef, area: &str, gender: Gender) -> Vec<(i32, Option<f64>)> {
        self.values
            .periods(kref.kpi.as_str(), area)
            .into_iter()
            .map(|p| (p, self.values.indicator(kref, area, p, gender)))
            .collect()
    }

    fn row(&self, ind: &Indicator, kref: &KpiRef, name: String, area: &str, gender: Gender) -> (RowView, Vec<(i32, Option<f64>)>) {
        let series = self.series(kref, area, gender);
        let known: Vec<(i32, f64)> = series.iter().filter_map(|(p, v)| v.map(|v| (*p, v))).collect();
        let baseline = self
            .s
            .goals
            .data
            .baseline_year
            .and_then(|b| known.iter().find(|(p, _)| *p == i32::from(b)).copied())
            .or_else(|| known.first().copied());
        let latest = known.last().copied();
        let missing = || "uppgift saknas".to_owned();
        let (change, status) = match (baseline, latest) {
            (Some((bp, bv)), Some((lp, lv))) if lp > bp => {
                let change = lv - bv;
                let toward = match ind.direction {
                    Direction::Increase => change,
                    Direction::Decrease => -change,
                };
                let kpi_title =
                    self.s.kolada.data.kpi.iter().find(|k| k.id == kref.kpi).map(|k| k.title.as_str()).unwrap_or("");
                let reached = ind
                    .target
                    .as_ref()
                    .filter(|t| comparable(t.unit, kpi_title))
                    .and_then(|t| t.amount)
                    .is_some_and(|amount| toward >= amount);
                let status = if (change * 10.0).round() == 0.0 {
                    "oförändrat"
                } else if reached {
                    "målet nått"
                } else if toward > 0.0 {
                    "i rätt riktning"
                } else {
                    "i fel riktning"
                };
                (fmt_change(change), status.to_owned())
            }
            _ => ("–".into(), "–".into()),
        };
        let row = RowView {
            area: name,
            baseline: baseline.map_or_else(missing, |(p, v)| format!("{p}: {}", fmt_value(v))),
            latest: latest.map_or_else(missing, |(p, v)| format!("{p}: {}", fmt_value(v))),
            change,
            status,
        };
        (row, series)
    }

    fn measure(&self, ind: &Indicator, kref: &KpiRef, party: &Party, county: Option<&Party>) -> MeasureView {
        let kpi = self.s.kolada.data.kpi.iter().find(|k| k.id == kref.kpi);
        let title = kpi.map(|k| k.title.clone()).unwrap_or_default();
        let mut notes = Vec::new();
        if let Some(label) = &kref.label {
            notes.push(format!("Gäller {label}."));
        }
        if kref.complement {
            notes.push("Kolada mäter motsatsen; värdena här är 100 minus Koladas värde.".to_owned());
        }
        let covers_party = kpi.is_none_or(|k| k.municipality_type.covers(party.kind));
        match kpi.map(|k| k.municipality_type) {
            Some(KpiAreaType::L) => notes.push("Nyckeltalet finns bara för regioner.".into()),
            Some(KpiAreaType::K) => notes.push("Nyckeltalet finns bara för kommuner.".into()),
            _ => {}
        }
        let mut rows = Vec::new();
        let mut chart_series = Vec::new();
        let mut areas: Vec<(String, &str, bool)> = vec![(party.name.clone(), party.code.as_str(), true)];
        if let Some(c) = county.filter(|c| c.id != party.id) {
            areas.push((c.name.clone(), c.code.as_str(), false));
        }
        for c in &self.s.parties.data.comparison {
            areas.push((c.name.clone(), c.code.as_str(), false));
        }
        for (name, code, is_party) in areas {
            if is_party && !covers_party {
                rows.push(RowView {
                    area: name,
                    baseline: "finns inte för en ".to_owned() + if party.kind == PartyKind::Region { "region" } else { "kommun" },
                    latest: "–".into(),
                    change: "–".into(),
                    status: "–".into(),
                });
                continue;
            }
            let (row, series) = self.row(ind, kref, name.clone(), code, Gender::Total);
            rows.push(row);
            chart_series.push(SeriesInput { name: name.clone(), points: series });
            if is_party {
                for (gender, word) in [(Gender::Women, "kvinnor"), (Gender::Men, "män")] {
                    if !self.series(kref, code, gender).iter().any(|(_, v)| v.is_some()) {
                        continue;
                    }
                    let (row, _) = self.row(ind, kref, format!("{name}, {word}"), code, gender);
                    rows.push(row);
                }
            }
        }
        let alt = trend::alt_text(&format!("{} ({})", ind.text, kref.kpi), &chart_series);
        MeasureView {
            source: format!("Kolada {}: {title}", kref.kpi),
            notes,
            rows,
            chart: trend::layout(&chart_series),
            alt,
        }
    }

    fn indicator(&self, ind: &Indicator, party: &Party, county: Option<&Party>) -> AnnexIndicatorView {
        let has_data = |k: &&KpiRef| !self.values.periods(k.kpi.as_str(), party.code.as_str()).is_empty()
            || county.is_some_and(|c| !self.values.periods(k.kpi.as_str(), c.code.as_str()).is_empty())
            || self.s.parties.data.comparison.iter().any(|c| !self.values.periods(k.kpi.as_str(), c.code.as_str()).is_empty());
        // Labelled KPIs (women, men) are all shown; otherwise the first KPI with values.
        let shown: Vec<&KpiRef> = if ind.kolada.iter().any(|k| k.label.is_some()) {
            ind.kolada.iter().collect()
        } else {
            ind.kolada.iter().find(has_data).or(ind.kolada.first()).into_iter().collect()
        };
        let note = if ind.kolada.is_empty() {
            Some(match &ind.data_source {
                Some(src) => format!("Indikatorn finns inte i Kolada; värdena kommer från {src}. Uppgift saknas i denna bilaga."),
                None => "Indikatorn finns inte i Kolada. Uppgift saknas i denna bilaga.".to_owned(),
            })
        } else {
            None
        };
        AnnexIndicatorView {
            text: ind.text.clone(),
            direction: format!("{} {}", ind.direction.arrow(), ind.direction.verb()),
            target: {
                let mut t = target_text(ind.target.as_ref());
                if !t.ends_with('.') {
                    t.push('.');
                }
                t
            },
            note,
            measures: shown.into_iter().map(|k| self.measure(ind, k, party, county)).collect(),
        }
    }

    fn view(&self, party: &Party) -> AnnexView {
        let s = self.s;
        let doc = &s.document.data;
        let county = county(&s.parties.data.party, party);
        let kind = if party.kind == PartyKind::Region { "region" } else { "kommun" };
        let title = format!("Aktuellt perspektiv {} – {}", s.year, party.official_name);
        let mut representatives: Vec<RepresentativeView> = Vec::new();
        for m in &s.members.data.member {
            for r in &m.role {
                if r.organisation.as_ref().or(m.organisation.as_ref()) != Some(&party.id) {
                    continue;
                }
                let body = s.groups.data.group.iter().find(|g| g.id == r.body).map_or_else(|| r.body.to_string(), |g| g.name.clone());
                let period = match (r.from, r.until) {
                    (None, None) => String::new(),
                    (Some(f), None) => format!(" från och med {}", swedish_date(f)),
                    (None, Some(u)) => format!(" till och med {}", swedish_date(u)),
                    (Some(f), Some(u)) => format!(" {} – {}", swedish_date(f), swedish_date(u)),
                };
                representatives.push(RepresentativeView {
                    body,
                    name: m.name.clone(),
                    title: r.title.clone().or_else(|| m.title.clone()).unwrap_or_default(),
                    role: format!("{}{period}", r.role.swedish()),
                });
            }
        }
        // "Region Värmland (länet) och riket": the county, then the comparison areas of
        // parties.toml.
        let mut compared: Vec<String> = county.filter(|c| c.id != party.id).map(|c| format!("{} (länet)", c.name)).into_iter().collect();
        compared.extend(s.parties.data.comparison.iter().map(|c| c.name.to_lowercase()));
        let compared = swedish::join_and(&compared);
        AnnexView {
            meta: MetaView {
                title: title.clone(),
                subtitle: format!("Bilaga till {} {} – {}", doc.title, s.year, doc.subtitle),
                year: s.year,
                full_title: title,
                author: doc.author.clone(),
                subject: format!("Hur {} förflyttar sig i förhållande till Nya Perspektivs gemensamma mål", party.official_name),
                keywords: ["Nya Perspektiv", "Aktuellt perspektiv", party.name.as_str(), "indikatorer", "Kolada"]
                    .map(str::to_owned)
                    .to_vec(),
                running_header: format!("Aktuellt perspektiv {} – {}", s.year, party.name),
                date: swedish_date(doc.date),
            },
            draft: None,
            party: PartyView {
                name: party.name.clone(),
                official_name: party.official_name.clone(),
                code: party.code.as_str().to_owned(),
                kind: kind.to_owned(),
            },
            year: s.year,
            no_values: self.values.is_empty(),
            goals: s
                .goals
                .data
                .goal
                .iter()
                .map(|g| AnnexGoalView {
                    heading: g.indicator_heading.clone().unwrap_or_else(|| g.title.clone()),
                    indicators: g.indicator.iter().map(|i| self.indicator(i, party, county)).collect(),
                })
                .collect(),
            representatives,
            calendars: s.appendices.data.calendar.iter().map(|c| calendar_view(s, c)).collect(),
            compared,
        }
    }
}

/// A built annex.
pub struct Annex {
    /// The file name.
    pub file: String,
    /// The party.
    pub party: Party,
    /// Pages.
    pub pages: usize,
    /// The PDF.
    pub pdf: Vec<u8>,
}

/// The parties selected by `--only` (ids, names or codes, case-insensitive); all when empty.
pub fn select<'a>(parties: &'a [Party], only: &[String]) -> Result<Vec<&'a Party>> {
    if only.is_empty() {
        return Ok(parties.iter().collect());
    }
    let mut out = Vec::new();
    for wanted in only {
        let w = wanted.trim().to_lowercase();
        let found = parties.iter().find(|p| {
            p.id.as_str() == w || p.code.as_str() == w || p.name.to_lowercase() == w || p.official_name.to_lowercase() == w
        });
        match found {
            Some(p) if !out.iter().any(|q: &&Party| q.id == p.id) => out.push(p),
            Some(_) => {}
            None => bail!(
                "`{wanted}` is not a party; use an id, name or code, such as `{}`, `{}` or `{}`",
                parties[0].id,
                parties[0].name,
                parties[0].code.as_str()
            ),
        }
    }
    Ok(out)
}

/// Builds the annexes of `parties`, in parallel over the cores.
pub fn build_annexes(s: &Sources, parties: &[&Party], templates: &Templates, fonts: Arc<Fonts>, progress: &indicatif::ProgressBar) -> Result<Vec<Annex>> {
    let ctx = Ctx { s, values: &s.values };
    let settings = pdf_settings(s)?;
    // Typst's layout recurses deeply; the threads get the stack of a main thread and more.
    let pool = rayon::ThreadPoolBuilder::new()
        .stack_size(WORKER_STACK)
        .thread_name(|i| format!("annex-{i}"))
        .build()
        .map_err(|e| anyhow::anyhow!("failed to start the worker threads: {e}"))?;
    let results: Vec<Result<Annex>> = pool.install(|| parties
        .par_iter()
        .map(|party| {
            let view = ctx.view(party);
            let rendered: Rendered = templates.render("annex.typ.j2", &view)?;
            let name = format!("{}.typ", file_name(s.year, party).trim_end_matches(".pdf"));
            let world = DocWorld::with_fonts(&name, rendered.markup.clone(), Some(settings.date), fonts.clone());
            let mut pdf_settings = settings.clone();
            pdf_settings.ident = format!("perspektiv/annex/{}/{}", s.year, slug(party));
            let result = typeset::compile(&world).and_then(|(doc, _)| {
                let pages = doc.pages().len();
                typeset::export_pdf(&world, &doc, &pdf_settings).map(|pdf| (pages, pdf))
            });
            let (pages, pdf) = result.map_err(|e| anyhow::anyhow!(describe_typst_error(&e, &rendered, &name)))?;
            // Typst's memoization cache keeps every annex's layout, which no later annex can use
            // (their contents differ): without eviction a national run grows to gigabytes. What
            // the last few annexes used (the shared definitions and styles) stays.
            typst::comemo::evict(CACHE_AGE);
            progress.inc(1);
            Ok(Annex { file: file_name(s.year, party), party: (*party).clone(), pages, pdf })
        })
        .collect());
    results.into_iter().collect()
}

/// The zip: the annexes and `manifest.csv` (file, party, code, pages, sha256), entries sorted by
/// name, every timestamp fixed, so the same annexes give the same bytes.
pub fn zip_bytes(annexes: &[Annex]) -> Result<Vec<u8>> {
    let mut sorted: Vec<&Annex> = annexes.iter().collect();
    sorted.sort_by(|a, b| a.file.cmp(&b.file));
    let mut manifest = csv::Writer::from_writer(Vec::new());
    manifest.write_record(["file", "party", "code", "pages", "sha256"])?;
    for a in &sorted {
        let digest = Sha256::digest(&a.pdf);
        let hex: String = digest.iter().map(|b| format!("{b:02x}")).collect();
        manifest.write_record([a.file.as_str(), a.party.official_name.as_str(), a.party.code.as_str(), &a.pages.to_string(), &hex])?;
    }
    let manifest = manifest.into_inner().map_err(|e| anyhow::anyhow!("failed to write the manifest: {e}"))?;

    let mut entries: Vec<(&str, &[u8])> = sorted.iter().map(|a| (a.file.as_str(), a.pdf.as_slice())).collect();
    entries.push(("manifest.csv", &manifest));
    entries.sort_by(|a, b| a.0.cmp(b.0));

    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let time = zip::DateTime::from_date_and_time(2000, 1, 1, 0, 0, 0).map_err(|e| anyhow::anyhow!("{e}"))?;
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(time)
        .unix_permissions(0o644);
    for (name, bytes) in entries {
        zip.start_file(name, options)?;
        zip.write_all(bytes)?;
    }
    Ok(zip.finish()?.into_inner())
}

/// `perspektiv annexes`.
pub fn run(cfg: &AnnexConfig) -> Result<ExitCode> {
    let Some(s) = load_checked(&cfg.build)? else {
        return Ok(ExitCode::from(1));
    };
    let parties = select(&s.parties.data.party, &cfg.only)?;
    let templates = Templates::new(Some(&cfg.build.templates))?;
    let fonts = Fonts::for_build(&cfg.build.fonts)?;
    let progress = if std::io::stderr().is_terminal() {
        let bar = indicatif::ProgressBar::new(parties.len() as u64);
        if let Ok(style) = indicatif::ProgressStyle::with_template("{bar:30} {pos}/{len} annexes {elapsed}") {
            bar.set_style(style);
        }
        bar
    } else {
        indicatif::ProgressBar::hidden()
    };
    let annexes = build_annexes(&s, &parties, &templates, fonts, &progress)?;
    progress.finish_and_clear();

    let dir = cfg.build.out.join(s.year.to_string()).join("annexes");
    for a in &annexes {
        write_atomic(&dir.join(&a.file), &a.pdf)?;
    }
    if s.values.is_empty() {
        eprintln!("note: there are no values for {}; every value reads \"uppgift saknas\" (fetch them with `perspektiv kolada fetch {}`)", s.year, s.year);
    }
    eprintln!("wrote {} to {}", plural(annexes.len(), "annex"), dir.display());
    if let Some(zip) = &cfg.zip {
        let bytes = zip_bytes(&annexes)?;
        write_atomic(zip, &bytes)?;
        eprintln!("wrote {} ({} annexes and manifest.csv)", zip.display(), annexes.len());
    }
    Ok(ExitCode::SUCCESS)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn changes_and_values_in_swedish() {
        assert_eq!(fmt_change(3.72), "+3,7");
        assert_eq!(fmt_change(-0.04), "±0");
        assert_eq!(fmt_change(-2.0), "−2");
        assert_eq!(fmt_value(83.14), "83,1");
    }

    #[test]
    fn units_that_compare_with_the_kpi() {
        assert!(comparable(Unit::Procentenheter, "Elever i åk 9 som är behöriga, andel (%)"));
        assert!(comparable(Unit::Per100000Inv, "Fallskador bland personer 80+, antal/100 000 inv"));
        assert!(!comparable(Unit::Per1000Inv, "Fallskador bland personer 80+, antal/100 000 inv"));
        assert!(!comparable(Unit::SkillnaderMinska, "Medellivslängd män, år"));
    }
}
