//! The command line: clap derive. Every `///` here is help text (the English; the Swedish is
//! put in by [`help`]); clap's own errors are said in the language of the run by [`usage`].

mod help;
pub mod usage;

use std::num::NonZeroUsize;
use std::path::PathBuf;

use anyhow::{Result, bail};
use clap::{Args, Parser, Subcommand, ValueEnum};

use crate::annex::AnnexConfig;
use crate::build::BuildConfig;
use crate::check::{CheckConfig, Input, Reporting, newest_year};
use crate::diagnostics::DiagnosticFormat;
use crate::diff::command::{DiffConfig, DiffFormat};
use crate::document::RenderConfig;
use crate::kolada::{FetchConfig, HttpConfig, MAX_IDS_PER_PART, MAX_PER_PAGE};
use crate::serve::{DEFAULT_PORT, ServeConfig};
use crate::site::SiteConfig;
use crate::sources::ids::KpiId;
use crate::sources::values::template::TemplateConfig;
use crate::watch::WatchConfig;

pub use help::{command, parse};

/// Builds Nya Perspektiv's political direction document ("Politiskt inriktningsdokument") from
/// the versioned TOML sources under `sources/<YEAR>/`.
#[derive(Debug, Parser)]
#[command(name = "perspektiv", version, propagate_version = true, max_term_width = 100)]
pub struct Cli {
    /// Folder with the sources: `parties.toml`, `kolada.toml` and one folder per year.
    #[arg(long, global = true, value_name = "DIR", default_value = "sources")]
    pub sources: PathBuf,

    /// Folder the outputs are written to (`<OUT>/<YEAR>/...`) [default: out; for `schema`:
    /// `<SOURCES>/schema`].
    #[arg(long, global = true, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Folder with templates that replace the built-in ones (used if it exists).
    #[arg(long, global = true, value_name = "DIR", default_value = "templates")]
    pub templates: PathBuf,

    /// Folder with fonts that replace the built-in ones (used if it exists; the built-in fonts are
    /// the ones in the repository's `fonts/`).
    #[arg(long, global = true, value_name = "DIR", default_value = "fonts")]
    pub fonts: PathBuf,

    /// The language of messages and help [default: `PERSPEKTIV_LANG`, then the locale: Swedish
    /// when the first of `LC_ALL`, `LC_MESSAGES` and `LANG` that is set begins with `sv`].
    #[arg(long, global = true, value_name = "LANG", value_enum)]
    pub lang: Option<LangArg>,

    /// The command to run.
    #[command(subcommand)]
    pub command: Command,
}

impl Cli {
    /// The output folder: `--out`, or `out`.
    pub fn out_dir(&self) -> PathBuf {
        self.out.clone().unwrap_or_else(|| PathBuf::from("out"))
    }

    /// Resolves the command line into what the chosen command needs: defaults filled in (the
    /// newest year, the output folder), values checked. Nothing after this sees clap's types.
    ///
    /// Errors: no year folder to default to; a malformed Kolada base URL.
    pub fn resolve(self) -> Result<Job> {
        Ok(match &self.command {
            Command::Build(args) => Job::Build(self.build_config(args)?),
            Command::Check(args) => {
                Job::Check(CheckConfig { input: self.input(args.year.year)?, reporting: args.reporting() })
            }
            Command::Render(args) => Job::Render(RenderConfig {
                input: self.input(args.year)?,
                out: self.out_dir(),
                templates: self.templates.clone(),
            }),
            Command::Watch(args) => {
                Job::Watch(WatchConfig { build: self.build_config(&args.build)?, site: args.site })
            }
            Command::Serve(args) => Job::Serve(self.serve_config(args)?),
            Command::Site(args) => Job::Site(SiteConfig {
                input: self.input(args.check.year.year)?,
                reporting: args.check.reporting(),
                out: self.out_dir(),
                templates: self.templates.clone(),
                changes_since: args.changes_since.clone(),
            }),
            Command::Annexes(args) => Job::Annexes(AnnexConfig {
                input: self.input(args.year.year)?,
                out: self.out_dir(),
                templates: self.templates.clone(),
                only: args.only.clone(),
                zip: args.zip.clone(),
                jobs: args.jobs.map_or_else(crate::annex::schedule::default_workers, NonZeroUsize::get),
                cache: !args.no_cache,
                allow_missing_values: args.allow_missing_values,
                markup: args.markup,
            }),
            Command::Diff(args) => Job::Diff(DiffConfig {
                sources: self.sources.clone(),
                templates: self.templates.clone(),
                fonts: self.fonts.clone(),
                old: args.old.clone(),
                new: args.new.clone(),
                format: match (args.format, &args.pdf) {
                    (Some(f), _) => Some(f.into()),
                    (None, None) => Some(DiffFormat::Text),
                    (None, Some(_)) => None,
                },
                pdf: args.pdf.clone(),
            }),
            Command::New(args) => {
                Job::New { sources: self.sources.clone(), year: args.year, from: args.from }
            }
            Command::Schema => {
                Job::Schema { dir: self.out.clone().unwrap_or_else(|| self.sources.join(crate::schema::DIR)) }
            }
            Command::Fmt(args) => Job::Fmt { sources: self.sources.clone(), check: args.check },
            Command::Kolada(KoladaArgs { command: KoladaCommand::Fetch(args) }) => {
                Job::KoladaFetch(self.fetch_config(args)?)
            }
            Command::Values(ValuesArgs { command: ValuesCommand::Template(args) }) => {
                Job::ValuesTemplate(self.template_config(args)?)
            }
        })
    }

    fn year_or_newest(&self, year: Option<i32>) -> Result<i32> {
        match year {
            Some(year) => Ok(year),
            None => newest_year(&self.sources),
        }
    }

    /// The sources of the year asked for, or of the newest.
    fn input(&self, year: Option<i32>) -> Result<Input> {
        Ok(Input {
            sources: self.sources.clone(),
            year: self.year_or_newest(year)?,
            fonts: self.fonts.clone(),
        })
    }

    fn build_config(&self, args: &BuildArgs) -> Result<BuildConfig> {
        Ok(BuildConfig {
            input: self.input(args.check.year.year)?,
            reporting: args.check.reporting(),
            out: self.out_dir(),
            templates: self.templates.clone(),
            draft: args.draft,
            changes_since: args.changes_since.clone(),
        })
    }

    fn serve_config(&self, args: &ServeArgs) -> Result<ServeConfig> {
        if let Some(editor) = &args.editor
            && !editor.contains("{path}")
        {
            bail!(crate::t!("error-editor-url", url = editor));
        }
        Ok(ServeConfig {
            build: self.build_config(&args.build)?,
            host: args.host,
            port: args.port,
            open: args.open,
            changes_since: args.build.changes_since.clone(),
            editor: args.editor.clone(),
        })
    }

    fn template_config(&self, args: &TemplateArgs) -> Result<TemplateConfig> {
        let input = self.input(args.year.year)?;
        let mut kpis = Vec::new();
        for kpi in &args.kpi {
            if !KpiId::is_valid(kpi) {
                bail!(crate::t!("invalid-kpi-id", kpi = kpi));
            }
            kpis.push(KpiId(kpi.clone()));
        }
        let output = args.output.clone().unwrap_or_else(|| {
            self.out_dir().join(input.year.to_string()).join(format!("egna-varden-{}.xlsx", input.year))
        });
        Ok(TemplateConfig { input, output, kpis })
    }

    fn fetch_config(&self, args: &FetchArgs) -> Result<FetchConfig> {
        let base_url = args.base_url.trim_end_matches('/').to_owned();
        if !(base_url.starts_with("https://") || base_url.starts_with("http://")) {
            bail!(crate::t!("error-base-url", url = &args.base_url));
        }
        Ok(FetchConfig {
            sources: self.sources.clone(),
            year: self.year_or_newest(args.year)?,
            base_url,
            http: HttpConfig {
                timeout: std::time::Duration::from_millis(args.timeout_ms.max(1)),
                retries: args.retries,
                backoff: std::time::Duration::from_millis(args.backoff_ms),
                max_wait: std::time::Duration::from_millis(args.max_wait_ms),
            },
            ids_per_part: usize::from(args.ids_per_part).clamp(1, MAX_IDS_PER_PART),
            per_page: args.per_page.clamp(1, MAX_PER_PAGE),
            country: !args.only_parties,
            progress: std::io::IsTerminal::is_terminal(&std::io::stderr()),
        })
    }
}

/// A resolved command: what [`crate::run`] executes.
#[derive(Debug)]
pub enum Job {
    /// `build`.
    Build(BuildConfig),
    /// `check`.
    Check(CheckConfig),
    /// `render`.
    Render(RenderConfig),
    /// `watch`: the PDF, and with `site` the web edition too.
    Watch(WatchConfig),
    /// `site`.
    Site(SiteConfig),
    /// `serve`.
    Serve(ServeConfig),
    /// `annexes`.
    Annexes(AnnexConfig),
    /// `diff`.
    Diff(DiffConfig),
    /// `new`: copy `from` to `year` under `sources`.
    New {
        /// The sources folder.
        sources: PathBuf,
        /// The new year.
        year: i32,
        /// The year copied.
        from: i32,
    },
    /// `schema`: write the JSON Schemas to `dir`.
    Schema {
        /// The target folder.
        dir: PathBuf,
    },
    /// `fmt`.
    Fmt {
        /// The sources folder.
        sources: PathBuf,
        /// Only report.
        check: bool,
    },
    /// `kolada fetch`.
    KoladaFetch(FetchConfig),
    /// `values template`.
    ValuesTemplate(TemplateConfig),
}

/// The commands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Build the document as an accessible PDF (PDF/UA-1, PDF/A-2a):
    /// `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.pdf`.
    Build(BuildArgs),
    /// Validate the sources and report every problem; writes nothing.
    Check(CheckArgs),
    /// Write the intermediate Typst markup: `<OUT>/<YEAR>/politiskt-inriktningsdokument-<YEAR>.typ`
    /// (compiles with stock Typst 0.15, `--features a11y-extras --font-path fonts`).
    Render(YearArg),
    /// Show what changed between two sets of sources: goals, indicators, bodies, members and their
    /// roles, appendices, calendars and prose, field by field. Each side is a year (`2023`) or a
    /// git revision and a year (`HEAD~3:2023`, `v2023-remiss:2023`). Exit code 0: no differences,
    /// 1: differences, 2: error.
    Diff(DiffArgs),
    /// Start next year's sources from an earlier year's: copies `<SOURCES>/<FROM>` to
    /// `<SOURCES>/<YEAR>`, moves the document's year and date and the calendar's years, unsets the
    /// meeting days, and prints a checklist of what to review. Never overwrites a year.
    New(NewArgs),
    /// Write the JSON Schemas of the source files, generated from the program's own types, to
    /// `<OUT>` (default `<SOURCES>/schema`): `document`, `goals`, `members`, `groups`,
    /// `appendices`, `parties` and `kolada.schema.json`; and `diff.schema.json`, the shape of
    /// `diff --format json`. Editors with a TOML language server
    /// (taplo, tombi) use them through each file's `#:schema` line to validate and complete.
    Schema,
    /// Rewrite every TOML file of the sources in the canonical layout: keys in the order of the
    /// program's types, one quoting style, one blank line before each table header, comments kept
    /// with what they precede. Only the layout changes, never the content.
    Fmt(FmtArgs),
    /// Build one "Aktuellt perspektiv" annex per party (the municipalities and the region):
    /// `<OUT>/<YEAR>/annexes/<YEAR>-bilaga-<party>.pdf`, opening with a summary page, then every
    /// indicator over the follow-up period of `goals.toml` against the county and Sweden (values
    /// from `sources/<YEAR>/values/`), trend charts, the party's representatives and the
    /// calendar. Also the county overview (`<YEAR>-oversikt-<county>.pdf`: every party side by
    /// side) and a spreadsheet (`<YEAR>-aktuellt-perspektiv.xlsx`). Refuses a year without
    /// values unless `--allow-missing-values` is given.
    Annexes(AnnexArgs),
    /// Build the web edition: the document, and one page per party when the year has values, as
    /// a self-contained static site in `<OUT>/<YEAR>/webb/` (open `index.html`, or publish the
    /// folder as it is). Accessible HTML5 with the shipped fonts, no JavaScript, nothing fetched
    /// from other hosts. The folder is replaced whole.
    Site(SiteArgs),
    /// Build, then rebuild the PDF whenever a source, template or font changes. Errors are
    /// printed and the last good PDF stays in place. Stop with Ctrl-C.
    Watch(WatchArgs),
    /// Preview the draft in the browser: build the web edition and the PDF into a folder of
    /// their own (`<OUT>/.serve/<YEAR>/`, never the published files), serve them on
    /// `http://127.0.0.1:<PORT>/`, and after every save rebuild them and reload the open pages
    /// (keeping their scroll position). A save that breaks the sources keeps the last good pages
    /// and shows every problem in a banner on them. Hovering a passage shows the source line it
    /// comes from; with `--editor` a click opens it there. With `--changes-since`, also the review
    /// edition's page and PDF, and the change page. Stop with Ctrl-C.
    Serve(ServeArgs),
    /// Work with Kolada, the database of key figures of Sweden's municipalities and regions.
    Kolada(KoladaArgs),
    /// Work with the values that come from elsewhere than Kolada (spreadsheets in
    /// `<SOURCES>/<YEAR>/values/`).
    Values(ValuesArgs),
}

/// Options of `values`.
#[derive(Debug, Args)]
pub struct ValuesArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: ValuesCommand,
}

/// The `values` commands.
#[derive(Debug, Subcommand)]
pub enum ValuesCommand {
    /// Write a workbook to fill in with the values Kolada does not have: one sheet per indicator
    /// that no KPI measures (and per KPI given with `--kpi`), a row per party and comparison area
    /// and year of the follow-up period, codes stored as text and `värde` empty; filled in, it
    /// goes into `<SOURCES>/<YEAR>/values/`. Never overwrites a file.
    Template(TemplateArgs),
}

/// Options of `values template`.
#[derive(Debug, Args)]
pub struct TemplateArgs {
    /// The year.
    #[command(flatten)]
    pub year: YearArg,
    /// The workbook written [default: `<OUT>/<YEAR>/egna-varden-<YEAR>.xlsx`].
    #[arg(long, short = 'o', value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Also a sheet for this KPI (repeat, or separate by commas), for values that replace
    /// Kolada's (its sheet has the column `ersätter`).
    #[arg(long, value_name = "KPI", value_delimiter = ',')]
    pub kpi: Vec<String>,
}

/// Options of `kolada`.
#[derive(Debug, Args)]
pub struct KoladaArgs {
    /// What to do.
    #[command(subcommand)]
    pub command: KoladaCommand,
}

/// The `kolada` commands.
#[derive(Debug, Subcommand)]
pub enum KoladaCommand {
    /// Fetch from Kolada's API the values of every KPI named in the year's `goals.toml` into
    /// `<SOURCES>/<YEAR>/values/<KPI>.json` (one file per KPI, replaced whole): for every party,
    /// comparison area and municipality group of `parties.toml`, all years, and for the other
    /// municipalities and regions of the country the latest year (for the annexes' places
    /// "plats 45 av 287"; `--only-parties` leaves them out). Also the KPIs' metadata and the
    /// groups' titles and members into `<SOURCES>/kolada.toml` (title, municipality type,
    /// division by gender, latest period, publication date, and `current = false` for a KPI or
    /// group Kolada does not list; comments and layout kept). Nothing is written unless every
    /// page arrives intact.
    Fetch(FetchArgs),
}

/// Options of `kolada fetch`.
#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The edition's year; defaults to the newest year under the sources folder.
    pub year: Option<i32>,
    /// Kolada's API, up to and including the version.
    #[arg(long, value_name = "URL", default_value = crate::kolada::DEFAULT_BASE_URL)]
    pub base_url: String,
    /// The longest one request may take, in milliseconds.
    #[arg(long, hide = true, value_name = "MS", default_value_t = 60_000)]
    pub timeout_ms: u64,
    /// How often a request is tried again after a timeout, a lost connection, HTTP 429 or 5xx.
    #[arg(long, hide = true, value_name = "N", default_value_t = 5)]
    pub retries: u32,
    /// The wait before the first retry in milliseconds; it doubles for each further retry.
    #[arg(long, hide = true, value_name = "MS", default_value_t = 1_000)]
    pub backoff_ms: u64,
    /// The longest wait before a retry in milliseconds; a longer Retry-After stops the run.
    #[arg(long, hide = true, value_name = "MS", default_value_t = 120_000)]
    pub max_wait_ms: u64,
    /// Ask only for the parties, the comparison areas and the municipality groups, not for every
    /// municipality and region of the country (the annexes then give no places among them).
    #[arg(long)]
    pub only_parties: bool,
    /// Ids per path part of a request (Kolada takes at most 25).
    #[arg(long, hide = true, value_name = "N", default_value_t = 25,
          value_parser = clap::value_parser!(u16).range(1..=25))]
    pub ids_per_part: u16,
    /// Records asked for per page (Kolada gives at most 5000).
    #[arg(long, hide = true, value_name = "N", default_value_t = 5_000,
          value_parser = clap::value_parser!(u32).range(1..=5_000))]
    pub per_page: u32,
}

/// Options of `site`.
#[derive(Debug, Args)]
pub struct SiteArgs {
    /// Year and checks.
    #[command(flatten)]
    pub check: CheckArgs,
    /// Also write the change page `forandringar-<OLD>-<YEAR>.html` and the review edition's page
    /// `granskning-<OLD>-<YEAR>.html`: what changed since `OLD`, a year (`2019`) or a git revision
    /// and a year (`v2023-remiss:2023`), as `diff` reads it.
    #[arg(long, value_name = "OLD")]
    pub changes_since: Option<String>,
}

/// Options of `serve`.
#[derive(Debug, Args)]
// `--changes-since` is the build's, which serve uses for more than its PDF.
#[command(mut_arg("changes_since", |a| a.help(SERVE_CHANGES_SINCE)))]
pub struct ServeArgs {
    /// Year, checks, draft marks and the review edition.
    #[command(flatten)]
    pub build: BuildArgs,
    /// The port to listen on (0: any free port; the address is printed).
    #[arg(long, value_name = "N", default_value_t = DEFAULT_PORT)]
    pub port: u16,
    /// The address to listen on. Anything but a loopback address lets other machines read the
    /// draft (a warning says so).
    #[arg(long, value_name = "ADDRESS", default_value = "127.0.0.1")]
    pub host: std::net::IpAddr,
    /// Open the browser at the address.
    #[arg(long)]
    pub open: bool,
    /// Open a passage's source line in an editor on a click: a URL with `{path}` (the absolute
    /// path), `{line}` and `{column}`, like `vscode://file/{path}:{line}:{column}`.
    #[arg(long, value_name = "URL")]
    pub editor: Option<String>,
}

/// The help of `serve --changes-since`.
const SERVE_CHANGES_SINCE: &str = "Also serve the review edition against `OLD`, a year (`2019`) or a git \
revision and a year (`v2023-remiss:2023`), as `diff` reads it: its page `granskning-<OLD>-<YEAR>.html`, \
where serving starts, beside the change page, and its PDF beside the document's, both rebuilt on every save.";

/// Options of `watch`.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// Year, checks and draft marks.
    #[command(flatten)]
    pub build: BuildArgs,
    /// Also rebuild the web edition (`<OUT>/<YEAR>/webb/`) on every change.
    #[arg(long)]
    pub site: bool,
}

/// Options of `annexes`.
#[derive(Debug, Args)]
pub struct AnnexArgs {
    /// The year.
    #[command(flatten)]
    pub year: YearArg,
    /// Only these parties: ids, names or codes, comma-separated (`arjang,Karlstad,0017`). The
    /// county overview is made only when all parties are; the run's spreadsheet is named by its
    /// parties (`2023-aktuellt-perspektiv-arjang.xlsx`), and the outputs of a run of all parties
    /// (their spreadsheet, the overview, their zip) are never replaced.
    #[arg(long, value_name = "PARTIES", value_delimiter = ',')]
    pub only: Vec<String>,
    /// Also write a zip file with the annexes, the county overview, the spreadsheet and
    /// `manifest.csv` (file, name, code, pages and SHA-256 of each; for a Swedish Excel).
    #[arg(long, value_name = "FILE")]
    pub zip: Option<PathBuf>,
    /// How many documents (annexes, overview) to typeset at once [default: the number of CPU cores].
    #[arg(long, short = 'j', value_name = "N")]
    pub jobs: Option<NonZeroUsize>,
    /// Typeset every document, without the cache of finished PDFs in `<OUT>/.cache/<YEAR>/annexes/`
    /// (by default a PDF whose markup, fonts and program are unchanged is copied from there).
    #[arg(long)]
    pub no_cache: bool,
    /// Build even when the year has no values, for a rehearsal of layout and distribution: every
    /// page is marked "UTAN VÄRDEN" and the titles say so. Without it, a year without values is
    /// an error.
    #[arg(long)]
    pub allow_missing_values: bool,
    /// Also write each annex's Typst markup beside its PDF (`<YEAR>-bilaga-<party>.typ`, and
    /// `<YEAR>-oversikt-<county>.typ` for the county overview), before typesetting: to find an
    /// error in a changed template.
    #[arg(long)]
    pub markup: bool,
}

/// Options of `new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The new edition's year.
    pub year: i32,
    /// The year to start from.
    #[arg(long, value_name = "YEAR")]
    pub from: i32,
}

/// Options of `fmt`.
#[derive(Debug, Args)]
pub struct FmtArgs {
    /// Write nothing; list the files that are not formatted and exit with 1 if there are any.
    #[arg(long)]
    pub check: bool,
}

/// Options of `diff`.
#[derive(Debug, Args)]
pub struct DiffArgs {
    /// The old side: `2019`, or `REV:YEAR` such as `v2023-remiss:2023`.
    pub old: String,
    /// The new side: `2023`, or `REV:YEAR` such as `HEAD:2023`.
    pub new: String,
    /// Output on standard output [default: text, unless --pdf is given].
    #[arg(long, value_enum)]
    pub format: Option<DiffFormatArg>,
    /// Also write the change annex ("Förändringar 2019–2023") as an accessible PDF.
    #[arg(long, value_name = "FILE")]
    pub pdf: Option<PathBuf>,
}

/// Output formats of `diff`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum DiffFormatArg {
    /// The report in Swedish for the terminal (coloured when standard output is a terminal).
    Text,
    /// The report in Swedish as Markdown, for the preparatory group's papers.
    Md,
    /// JSON with a stable schema (`perspektiv-diff/2`, see the README).
    Json,
}

/// The languages of `--lang` (read before the parser, by [`crate::i18n::choose`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum LangArg {
    /// Swedish.
    Sv,
    /// English.
    En,
}

/// A year of the sources.
#[derive(Debug, Args)]
pub struct YearArg {
    /// The edition's year; defaults to the newest year under the sources folder.
    pub year: Option<i32>,
}

/// How problems in the sources are printed.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, ValueEnum)]
pub enum DiagnosticFormatArg {
    /// Readable, with the source line.
    #[default]
    Human,
    /// One JSON object per line (severity, file, line, column, key, message, hint).
    Json,
}

/// Options of `check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    /// The year.
    #[command(flatten)]
    pub year: YearArg,
    /// Treat warnings as errors (for CI).
    #[arg(long)]
    pub deny_warnings: bool,
    /// How problems are printed.
    #[arg(long, value_enum, default_value_t)]
    pub diagnostic_format: DiagnosticFormatArg,
}

impl CheckArgs {
    fn reporting(&self) -> Reporting {
        Reporting { deny_warnings: self.deny_warnings, format: self.diagnostic_format.into(), quiet: false }
    }
}

impl From<DiagnosticFormatArg> for DiagnosticFormat {
    fn from(arg: DiagnosticFormatArg) -> Self {
        match arg {
            DiagnosticFormatArg::Human => DiagnosticFormat::Human,
            DiagnosticFormatArg::Json => DiagnosticFormat::Json,
        }
    }
}

impl From<DiffFormatArg> for DiffFormat {
    fn from(arg: DiffFormatArg) -> Self {
        match arg {
            DiffFormatArg::Text => DiffFormat::Text,
            DiffFormatArg::Md => DiffFormat::Md,
            DiffFormatArg::Json => DiffFormat::Json,
        }
    }
}

/// Options of `build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Year and checks.
    #[command(flatten)]
    pub check: CheckArgs,
    /// Mark the PDF as a draft: "UTKAST" across every page, the build date and the sources'
    /// commit in the footer.
    #[arg(long)]
    pub draft: bool,
    /// Also write the review edition ("granskningsversion")
    /// `politiskt-inriktningsdokument-<YEAR>-granskning-<OLD>.pdf` beside the document: the whole
    /// document with every change since `OLD` marked where it stands, opened by an overview of the
    /// changes with links to them. `OLD` is a year (`2019`) or a git revision and a year
    /// (`v2023-remiss:2023`), as `diff` reads it. The document itself is written as without it.
    #[arg(long, value_name = "OLD")]
    pub changes_since: Option<String>,
}

#[cfg(test)]
mod tests {
    use clap::CommandFactory;

    #[test]
    fn cli_is_valid() {
        super::Cli::command().debug_assert();
    }

    #[test]
    fn serve_help_speaks_of_serving_the_review_edition() {
        use crate::i18n::Lang;
        for (lang, serving, not) in [
            (Lang::En, "where serving starts", "The document itself is written"),
            (Lang::Sv, "där visningen börjar", "Dokumentet självt"),
        ] {
            let mut cmd = super::help::command(lang);
            let help = cmd.find_subcommand_mut("serve").map(|c| c.render_long_help().to_string());
            // As one line: the help is wrapped.
            let help = help.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
            let arg = help.split("--changes-since <OLD>").nth(1).unwrap_or_default();
            assert!(
                arg.contains(serving) && arg.contains("granskning-<OLD>-<YEAR>.html"),
                "{lang:?}: {help}"
            );
            assert!(!help.contains(not), "{lang:?}: {help}");
        }
        // `build` keeps its own.
        let mut cmd = super::help::command(Lang::En);
        let build = cmd.find_subcommand_mut("build").map(|c| c.render_long_help().to_string());
        let build = build.unwrap_or_default().split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(build.contains("The document itself is written"), "{build}");
    }
}
