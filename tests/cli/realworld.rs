//! Real users' input: the files a regional office really produces (Windows line endings, byte
//! order marks, editors' scratch files, Kolada's own answers), the git states people have, and
//! every problem of a run at once. One test per class, each with the smallest input that showed
//! the fault, asserting the built PDF's text, the exit code, where a message points and that
//! files were left as they were.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::support::{Project, Run, normalize, pdf_text, repo};

const PDF_2030: &str = "out/2030/politiskt-inriktningsdokument-2030.pdf";
const PDF_2023: &str = "out/2023/politiskt-inriktningsdokument-2023.pdf";

/// Every file under `dir` (relative path, bytes).
fn files(dir: &Path) -> Vec<(PathBuf, Vec<u8>)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.strip_prefix(dir).unwrap().to_owned(), std::fs::read(&path).unwrap()));
            }
        }
    }
    out.sort();
    out
}

/// The publisher's name in the shipped sources, which give it no e-mail address or phone number.
const PUBLISHER: &str = "name = \"Region Värmland, Nya Perspektiv\"\n";

/// Fills in an e-mail address for the publisher of both shipped editions: the one warning their
/// sources keep (the editions give none, so none is shipped); `check --deny-warnings` passes then.
fn fill_in_publisher_contact(p: &Project) {
    for year in ["2019", "2023"] {
        p.edit(&format!("sources/{year}/document.toml"), |t| {
            t.replacen(PUBLISHER, &format!("{PUBLISHER}email = \"perspektiv@example.se\"\n"), 1)
        });
    }
}

/// Rewrites every TOML and JSON file under `dir` with `\r\n` line endings.
fn to_crlf(dir: &Path) {
    for (rel, bytes) in files(dir) {
        if rel.extension().is_some_and(|e| e == "toml" || e == "json") {
            let text = String::from_utf8(bytes).unwrap().replace("\r\n", "\n").replace('\n', "\r\n");
            std::fs::write(dir.join(rel), text).unwrap();
        }
    }
}

fn git_in(dir: &Path, args: &[&str]) -> String {
    let out = Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.se", "-c", "commit.gpgsign=false"])
        .args(["-c", "init.defaultBranch=main", "-c", "core.autocrlf=false"])
        .args(args)
        .current_dir(dir)
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// Runs `perspektiv` in `dir`.
fn run_in(dir: &Path, args: &[&str]) -> Run {
    let output = crate::support::perspektiv()
        .args(args)
        .current_dir(dir)
        .env_remove("SOURCE_DATE_EPOCH")
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    Run(output)
}

fn text_of(path: &Path) -> String {
    normalize(&pdf_text(&std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))))
}

// ------------------------------------------------------------------------------------------
// 1. Line endings

#[test]
fn sources_with_windows_line_endings_build_the_same_document_and_fmt_keeps_them() {
    let lf = Project::real();
    lf.run(&["build"]).ok();
    let crlf = Project::real();
    fill_in_publisher_contact(&crlf);
    to_crlf(&crlf.path("sources"));
    let before = files(&crlf.path("sources"));
    crlf.run(&["check", "--deny-warnings"]).ok();
    crlf.run(&["build"]).ok();
    assert_eq!(text_of(&crlf.path(PDF_2023)), text_of(&lf.path(PDF_2023)));

    // fmt finds nothing to change and writes nothing: the files keep their CRLF.
    let fmt = crlf.run(&["fmt"]).ok();
    assert!(fmt.stderr().contains("are formatted"), "{}", fmt.stderr());
    assert!(files(&crlf.path("sources")) == before, "fmt changed a CRLF file");
    crlf.run(&["fmt", "--check"]).ok();
}

#[test]
fn fmt_of_a_windows_file_changes_layout_only_and_never_writes_cr_escapes() {
    let p = Project::fixture("mini");
    p.run(&["render"]).ok();
    let markup = std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    p.edit("sources/2030/goals.toml", |t| {
        t.replace("direction = \"increase\"", "direction='increase'")
            .replace("text = \"Alla ska må bra.\"", "text = '''\nAlla ska må bra.\n\nOch trivas.'''")
    });
    to_crlf(&p.path("sources"));
    p.run(&["fmt"]).ok();
    let bytes = std::fs::read(p.path("sources/2030/goals.toml")).unwrap();
    let text = String::from_utf8(bytes).unwrap();
    assert!(!text.contains("\\r"), "fmt wrote a \\r escape:\n{text}");
    assert_eq!(text.matches('\n').count(), text.matches("\r\n").count(), "not every line ends in CRLF");
    assert!(text.contains("direction = \"increase\"\r\n"), "{text}");
    assert!(text.contains("text = \"\"\"\r\nAlla ska må bra.\r\n\r\nOch trivas.\"\"\"\r\n"), "{text}");
    // The content is the same as before the edit apart from the new paragraph.
    p.run(&["render"]).ok();
    let after = std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    assert!(!after.contains('\r'));
    assert_eq!(after.replace("\n\nOch trivas\\.", ""), markup);
}

#[test]
fn values_and_templates_with_windows_line_endings_give_the_same_annex() {
    let with_values = |crlf: bool| {
        let p = Project::fixture("mini");
        let dir = p.path("sources/2030/values");
        std::fs::create_dir_all(&dir).unwrap();
        for (rel, bytes) in files(&repo().join("tests/fixtures/values/mini-2030")) {
            std::fs::write(dir.join(rel), bytes).unwrap();
        }
        // Template overrides of the annex and all its parts, as an editor on Windows saves them.
        std::fs::create_dir_all(p.path("templates/typst/annex")).unwrap();
        let mut parts = vec!["annex.typ.j2".to_owned()];
        for (rel, _) in files(&repo().join("templates/typst/annex")) {
            parts.push(format!("annex/{}", rel.display()));
        }
        for rel in parts {
            let text = std::fs::read_to_string(repo().join("templates/typst").join(&rel)).unwrap();
            let text = if crlf { text.replace('\n', "\r\n") } else { text };
            std::fs::write(p.path("templates/typst").join(&rel), text).unwrap();
        }
        if crlf {
            to_crlf(&p.path("sources"));
        }
        p.run(&["annexes", "--only", "saffle"]).ok();
        text_of(&p.path("out/2030/annexes/2030-bilaga-saffle.pdf"))
    };
    let lf = with_values(false);
    assert!(lf.contains(&normalize("Säffle")), "{lf}");
    assert_eq!(with_values(true), lf);
}

#[test]
fn a_lone_cr_is_a_line_break_and_a_byte_order_mark_does_not_shift_columns() {
    let p = Project::fixture("mini");
    p.run(&["render"]).ok();
    let markup = std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    // Old Mac line endings and a byte order mark (as Notepad saves) in one file.
    let path = p.path("sources/2030/document.toml");
    let text = std::fs::read_to_string(&path).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(text.replace('\n', "\r").as_bytes());
    std::fs::write(&path, &bytes).unwrap();
    p.run(&["render"]).ok();
    let after = std::fs::read_to_string(p.path("out/2030/politiskt-inriktningsdokument-2030.typ")).unwrap();
    assert_eq!(after, markup);

    // A misspelt first key after a byte order mark, in a CRLF file: line 1, column 1.
    let members = p.path("sources/2030/members.toml");
    let text = std::fs::read_to_string(&members).unwrap();
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(format!("titel = \"x\"\n{text}").replace('\n', "\r\n").as_bytes());
    std::fs::write(&members, &bytes).unwrap();
    let run = p.run(&["check"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("sources/2030/members.toml:1:1"), "{}", run.stderr());
    assert!(run.stderr().contains("unknown key `titel`"), "{}", run.stderr());
    assert_eq!(std::fs::read(&members).unwrap(), bytes, "check changed the file");
}

#[test]
fn diff_between_a_commit_and_a_working_tree_with_crlf_is_empty() {
    let p = Project::real();
    git_in(p.root(), &["init", "-q"]);
    git_in(p.root(), &["add", "sources"]);
    git_in(p.root(), &["commit", "-q", "-m", "lf"]);
    to_crlf(&p.path("sources"));
    for year in ["2019", "2023"] {
        let run = p.run(&["diff", &format!("HEAD:{year}"), year]);
        assert_eq!(run.code(), 0, "{}", run.stderr());
        assert!(run.stdout().contains(": inga skillnader.\n"), "{}", run.stdout());
    }
}

#[test]
fn the_repository_keeps_lf_on_every_platform() {
    let attributes = std::fs::read_to_string(repo().join(".gitattributes")).unwrap();
    assert!(attributes.lines().any(|l| l.trim() == "* text=auto eol=lf"), "{attributes}");
    assert!(attributes.lines().any(|l| l.trim() == "*.ttf binary"), "{attributes}");
}

// ------------------------------------------------------------------------------------------
// 2. watch

/// Lines of standard error of a running `watch`, as they come.
struct Watch {
    child: std::process::Child,
    lines: mpsc::Receiver<String>,
    seen: Vec<String>,
}

impl Watch {
    fn start(dir: &Path, args: &[&str]) -> Self {
        let mut child = crate::support::perspektiv()
            .args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .stderr(Stdio::piped())
            .stdout(Stdio::null())
            .spawn()
            .unwrap();
        let stderr = child.stderr.take().unwrap();
        let (tx, lines) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Self { child, lines, seen: Vec::new() }
    }

    /// Waits (a generous minute) for the next line that starts with `prefix`.
    fn wait_for(&mut self, prefix: &str) -> String {
        loop {
            match self.lines.recv_timeout(Duration::from_secs(60)) {
                Ok(line) => {
                    self.seen.push(line.clone());
                    if line.starts_with(prefix) {
                        return line;
                    }
                }
                Err(_) => panic!("no line starting with {prefix:?}; so far:\n{}", self.seen.join("\n")),
            }
        }
    }

    fn count(&self, prefix: &str) -> usize {
        self.seen.iter().filter(|l| l.starts_with(prefix)).count()
    }
}

impl Drop for Watch {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

#[test]
fn watch_in_the_sources_folder_rebuilds_once_per_save_and_never_for_its_own_output() {
    let p = Project::fixture("mini");
    let sources = p.path("sources");
    // `cd sources && perspektiv --sources . watch`: the output folder is inside the sources.
    let mut watch = Watch::start(&sources, &["--sources", ".", "watch"]);
    watch.wait_for("wrote ");
    watch.wait_for("watching ");
    let goals = sources.join("2030/goals.toml");

    // Things that are no change: a touch, editor scratch and backup files, a temporary file.
    let text = std::fs::read_to_string(&goals).unwrap();
    std::fs::write(&goals, &text).unwrap();
    for scratch in
        ["2030/goals.toml~", "2030/.goals.toml.swp", "2030/4913", "2030/.#goals.toml", "2030/#goals.toml#"]
    {
        std::fs::write(sources.join(scratch), "scratch").unwrap();
    }
    std::fs::write(sources.join("out/2030/.perspektiv-test.tmp"), "tmp").unwrap();
    // One save.
    std::thread::sleep(Duration::from_millis(800));
    std::fs::write(&goals, text.replace("Alla ska må bra.", "Alla ska må riktigt bra.")).unwrap();
    let second = watch.wait_for("wrote ");
    assert!(second.contains("(2 warnings, as before)"), "{second}");
    assert!(text_of(&sources.join(PDF_2030)).contains(&normalize("Alla ska må riktigt bra.")));
    // Another save: the rebuild count shows whether anything in between rebuilt.
    std::fs::write(&goals, text.replace("Alla ska må bra.", "Alla ska må bra igen.")).unwrap();
    watch.wait_for("wrote ");
    assert_eq!(watch.count("wrote "), 3, "{}", watch.seen.join("\n"));
    // Warnings are printed once, not on every rebuild.
    assert_eq!(watch.count("warning: Arbetsgruppen has a vacant seat (MAS)"), 1, "{}", watch.seen.join("\n"));
    assert_eq!(watch.count("warning: the sources of 2030 have 2 warnings"), 1);
}

#[test]
fn watch_with_out_inside_the_sources_ignores_the_output_and_prints_new_warnings() {
    let p = Project::fixture("mini");
    let mut watch = Watch::start(p.root(), &["--out", "sources/utdata", "watch"]);
    watch.wait_for("wrote sources/utdata/2030/");
    watch.wait_for("watching ");
    // A change that adds a warning: the new set of warnings is printed after the build result.
    p.edit("sources/2030/goals.toml", |t| t.replacen("kolada = [{ kpi = \"N15428\" }]\n", "", 1));
    watch.wait_for("wrote ");
    watch.wait_for("warning: the indicator ”Fler elever ska vara behöriga.” has no Kolada KPI");
    watch.wait_for("warning: the sources of 2030 have 3 warnings");
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla mår bra."));
    watch.wait_for("wrote ");
    assert!(
        watch.seen.last().is_some_and(|l| l.ends_with("(3 warnings, as before)")),
        "{}",
        watch.seen.join("\n")
    );
    assert_eq!(watch.count("wrote "), 3, "{}", watch.seen.join("\n"));
}

// ------------------------------------------------------------------------------------------
// 3 and 4. git

#[test]
fn draft_marks_follow_git_status_in_a_clone_with_crlf_ignored_and_backup_files() {
    let origin = Project::fixture("mini");
    git_in(origin.root(), &["init", "-q"]);
    std::fs::write(origin.path(".gitignore"), "/out\n*.log\n").unwrap();
    git_in(origin.root(), &["add", "-A"]);
    git_in(origin.root(), &["commit", "-q", "-m", "remiss"]);
    let dir = tempfile::tempdir().unwrap();
    // A path with å, ä and ö; a checkout with Windows line endings.
    let clone = dir.path().join("Region Värmland – källor");
    let out = Command::new("git")
        .args(["clone", "-q", "-c", "core.autocrlf=true"])
        .arg(origin.root())
        .arg(&clone)
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let goals = clone.join("sources/2030/goals.toml");
    assert!(std::fs::read_to_string(&goals).unwrap().contains("\r\n"), "the checkout is not CRLF");
    std::fs::write(clone.join("sources/2030/build.log"), "ignored").unwrap();
    std::fs::copy(&goals, clone.join("sources/2030/goals.toml~")).unwrap();
    let short = git_in(&clone, &["rev-parse", "--short=7", "HEAD"]);

    run_in(&clone, &["build", "--draft"]).ok();
    let text = text_of(&clone.join(PDF_2030));
    assert!(text.contains(&normalize(&format!("källor {short}"))), "no commit in {text}");
    assert!(!text.contains(&normalize("med ändringar")), "a clean clone is marked as changed");

    // A real edit is a change.
    let edited = std::fs::read_to_string(&goals).unwrap().replace("Alla ska må bra.", "Alla ska må bättre.");
    std::fs::write(&goals, edited).unwrap();
    run_in(&clone, &["build", "--draft"]).ok();
    assert!(text_of(&clone.join(PDF_2030)).contains(&normalize(&format!("källor {short} med ändringar"))));

    // A detached HEAD and a linked worktree read the same sources.
    git_in(&clone, &["checkout", "-q", "--", "."]);
    git_in(&clone, &["checkout", "-q", "--detach"]);
    let run = run_in(&clone, &["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let worktree = dir.path().join("arbetskopia-ö");
    git_in(&clone, &["worktree", "add", "-q", worktree.to_str().unwrap(), "HEAD"]);
    let run = run_in(&worktree, &["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    run_in(&worktree, &["build", "--draft"]).ok();
    assert!(!text_of(&worktree.join(PDF_2030)).contains(&normalize("med ändringar")));
}

#[test]
fn a_shallow_clone_says_the_history_is_not_there_and_a_bare_repository_is_named() {
    let origin = Project::fixture("mini");
    git_in(origin.root(), &["init", "-q"]);
    git_in(origin.root(), &["add", "-A"]);
    git_in(origin.root(), &["commit", "-q", "-m", "first"]);
    git_in(origin.root(), &["commit", "-q", "--allow-empty", "-m", "second"]);
    let dir = tempfile::tempdir().unwrap();
    let url = format!("file://{}", origin.root().display());
    let out = Command::new("git")
        .args(["clone", "-q", "--depth", "1", &url, "shallow"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = run_in(&dir.path().join("shallow"), &["diff", "HEAD~1:2030", "2030"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("`HEAD~1` is not in this clone: it is shallow"), "{err}");
    assert!(err.contains("git fetch --unshallow"), "{err}");

    // A bare repository has no sources to compare with: a clear message, exit 2.
    let out = Command::new("git")
        .args(["clone", "-q", "--bare", &url, "bare.git"])
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let run = run_in(dir.path(), &["--sources", "bare.git", "diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("is bare (it has no work tree); run perspektiv in a clone of it"),
        "{}",
        run.stderr()
    );
}

// ------------------------------------------------------------------------------------------
// 5. Every problem, once, in the user's words

const FOUR_PROBLEMS: &str = r#"[[member]]
id = "asa-ek"
name = 5
titel = "kommunalråd"

[[member.role]]
body = "styrgrupp"
role = "ordf"
until = 2030-13-01
"#;

#[test]
fn a_file_with_four_problems_reports_four_located_errors_and_the_other_files_too() {
    let p = Project::fixture("mini");
    std::fs::write(p.path("sources/2030/members.toml"), FOUR_PROBLEMS).unwrap();
    p.edit("sources/2030/document.toml", |t| t.replace("date = 2030-03-01", "date = 1 mars 2030"));
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    for (place, key, message, hint) in [
        (
            "members.toml:3:8",
            "member[0].name",
            "expected text in double quotes, found the number 5",
            "write text in double quotes: \"5\"",
        ),
        ("members.toml:4:1", "member[0].titel", "unknown key `titel`", "did you mean `title`?"),
        ("members.toml:8:8", "member[0].role[0].role", "unknown value `ordf`", "did you mean `ordforande`?"),
        (
            "members.toml:9:9",
            "member[0].role[0].until",
            "`2030-13-01` is not a date in the calendar",
            "dates are written YYYY-MM-DD",
        ),
        (
            "document.toml:4:8",
            "date",
            "`1 mars 2030` is not a date (YYYY-MM-DD)",
            "write the date as 2030-03-01",
        ),
    ] {
        let block = err
            .split("\n\n")
            .find(|b| b.starts_with(&format!("error: {message}")))
            .unwrap_or_else(|| panic!("no `{message}` in:\n{err}"));
        assert!(block.contains(&format!("sources/2030/{place}")), "{place}: {block}");
        if !key.is_empty() {
            assert!(block.contains(&format!("key `{key}`")), "{key}: {block}");
        }
        assert!(block.contains(&format!("hint: {hint}")), "{hint}: {block}");
    }
    assert_eq!(err.matches("\nerror: ").count() + usize::from(err.starts_with("error: ")), 6, "{err}");
    assert!(
        err.contains("have 5 errors; the checks across files and their warnings follow once every file reads; nothing was written"),
        "{err}"
    );
    assert!(!err.contains("missing key"), "a consequence was reported: {err}");
    assert!(!p.path(PDF_2030).exists());
}

#[test]
fn swedish_spellings_are_accepted_and_json_diagnostics_have_every_problem() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| t.replacen("role = \"ordforande\"", "role = \"ordförande\"", 1));
    p.edit("sources/2030/groups.toml", |t| t.replacen("kind = \"rad\"", "kind = \"råd\"", 1));
    p.run(&["build"]).ok();

    std::fs::write(p.path("sources/2030/members.toml"), FOUR_PROBLEMS).unwrap();
    let run = p.run(&["check", "--diagnostic-format", "json"]);
    assert_eq!(run.code(), 1);
    let lines: Vec<serde_json::Value> =
        run.stdout().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    let places: Vec<(u64, u64)> =
        lines.iter().map(|d| (d["line"].as_u64().unwrap_or(0), d["column"].as_u64().unwrap_or(0))).collect();
    assert_eq!(places, vec![(3, 8), (4, 1), (8, 8), (9, 9)], "{}", run.stdout());
}

#[test]
fn diff_over_invalid_sources_exits_2_with_the_located_errors() {
    let p = Project::fixture("pair");
    p.edit("sources/2030/goals.toml", |t| t.replacen("id = \"tillit\"", "id = \"behoriga\"", 1));
    p.edit("sources/2029/document.toml", |t| t.replace("year = 2029", "year = \"2029\""));
    let run = p.run(&["diff", "2029", "2030"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert_eq!(run.stdout(), "", "a diff was printed");
    let err = run.stderr();
    assert!(
        err.contains("duplicate indicator id `behoriga`") && err.contains("sources/2030/goals.toml:"),
        "{err}"
    );
    assert!(err.contains("expected a whole number, found the text \"2029\""), "{err}");
    assert!(err.contains("sources/2029/document.toml:3:8"), "{err}");
    assert!(err.contains("error: the sources of `2029` have 1 error"), "{err}");
    assert!(err.contains("error: the sources of `2030` have 1 error"), "{err}");
}

// ------------------------------------------------------------------------------------------
// 7. Kolada's own answers

fn mini_with_kolada_answer() -> Project {
    let p = Project::fixture("mini");
    let dir = p.path("sources/2030/values");
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::copy(repo().join("tests/fixtures/kolada-v3/N15428.json"), dir.join("N15428.json")).unwrap();
    p
}

#[test]
fn a_raw_kolada_answer_loads_without_its_deleted_values() {
    let p = mini_with_kolada_answer();
    let check = p.run(&["check"]).ok();
    let err = check.stderr();
    // The other municipalities' records are kept (for the ranks), not skipped.
    assert!(!err.contains("skipped"), "{err}");
    // The answer has 2028 and 2029: follow those two years.
    p.edit("sources/2030/goals.toml", |t| t.replacen("follow_up_years = 3", "baseline_year = 2028", 1));
    p.run(&["annexes", "--only", "eda"]).ok();
    let text = text_of(&p.path("out/2030/annexes/2030-bilaga-eda.pdf"));
    assert!(text.contains(&normalize("Eda 70,0 uppgift saknas")), "{text}");
    assert!(!text.contains("99,9") && !text.contains("99.9"), "a deleted value was used: {text}");
    assert!(text.contains(&normalize("Riket 80,0 81,0 +1,0")), "{text}");
}

#[test]
fn an_error_in_a_one_line_answer_shows_a_window_around_it() {
    let p = mini_with_kolada_answer();
    p.edit("sources/2030/values/N15428.json", |t| t.replacen("\"value\":70.0", "\"value\":\"70,0\"", 1));
    let run = p.run(&["check"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    let file = std::fs::read_to_string(p.path("sources/2030/values/N15428.json")).unwrap();
    let column = file[..file.find("\"70,0\"").unwrap()].chars().count() + 1;
    assert!(err.contains(&format!("N15428.json:1:{column}")), "{err}");
    assert!(err.contains("the value \"70,0\" is not a number"), "{err}");
    assert!(err.lines().all(|l| l.chars().count() < 200), "a whole line was printed:\n{err}");
}

// ------------------------------------------------------------------------------------------
// 8. Warnings a team can live with

#[test]
fn deny_warnings_passes_on_the_shipped_sources_and_fails_on_anything_new() {
    let p = Project::real();
    // The one warning the shipped sources keep: no e-mail address or phone number of the
    // publisher for the accessibility statement, which neither edition gives.
    for year in ["2019", "2023"] {
        let run = p.run(&["check", year]).ok();
        let err = run.stderr();
        assert_eq!(err.matches("warning: ").count(), 2, "{err}");
        assert!(err.contains("warning: the accessibility statement gives no e-mail address or phone number for Region Värmland, Nya Perspektiv"), "{err}");
        assert!(err.contains(&format!("sources/{year}/document.toml:")), "{err}");
        assert_eq!(p.run(&["check", year, "--deny-warnings"]).code(), 1, "{err}");
    }
    fill_in_publisher_contact(&p);
    for year in ["2019", "2023"] {
        let run = p.run(&["check", year, "--deny-warnings"]).ok();
        assert!(run.stderr().contains("warnings acknowledged in the sources"), "{}", run.stderr());
    }
    // A new vacancy is a new warning.
    p.edit("sources/2023/groups.toml", |t| {
        t.replacen(
            "[[group.vacancy]]",
            "[[group.vacancy]]\nfunction = \"Skolchef\"\nside = \"municipality\"\n\n[[group.vacancy]]",
            1,
        )
    });
    let run = p.run(&["check", "--deny-warnings"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("Beredningsgruppen has a vacant seat (Skolchef)"), "{}", run.stderr());
    assert!(!run.stderr().contains("vacant seat (MAS)"), "{}", run.stderr());
}

#[test]
fn an_acknowledgement_without_a_warning_is_itself_a_warning() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| {
        t.replacen(
            "kolada = [{ kpi = \"N15428\" }]",
            "kolada = [{ kpi = \"N15428\" }]\nacknowledged = \"Mäts i Liv & Hälsa.\"",
            1,
        )
    });
    let run = p.run(&["check"]).ok();
    assert!(
        run.stderr().contains("`acknowledged` is set, but there is no warning here to acknowledge"),
        "{}",
        run.stderr()
    );
    assert!(run.stderr().contains("key `goal[0].indicator[0].acknowledged`"), "{}", run.stderr());
}

#[test]
fn a_seat_that_ended_this_year_before_the_documents_date_is_a_warning() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| {
        t.replace(
            "body = \"arbetsgrupp\"\nrole = \"samordnare\"\n",
            "body = \"arbetsgrupp\"\nrole = \"samordnare\"\nuntil = 2030-02-01\n",
        )
    });
    let run = p.run(&["check"]).ok();
    let err = run.stderr();
    assert!(err.contains("warning: Cecilia Dahl's seat in Arbetsgruppen ended on 1 februari 2030, before the document's date (1 mars 2030), and nobody took it over"), "{err}");
    assert!(err.contains("key `member[2].role[0].until`"), "{err}");
    // Acknowledged, it is no longer given.
    p.edit("sources/2030/members.toml", |t| {
        t.replace(
            "until = 2030-02-01\n",
            "until = 2030-02-01\nacknowledged = \"Ny samordnare utses i april.\"\n",
        )
    });
    let run = p.run(&["check"]).ok();
    assert!(!run.stderr().contains("Cecilia Dahl's seat"), "{}", run.stderr());
}

#[test]
fn files_in_a_year_folder_that_are_not_read_are_warnings() {
    let p = Project::fixture("mini");
    std::fs::write(p.path("sources/2030/notes.toml"), "anteckningar = true\n").unwrap();
    std::fs::copy(p.path("sources/2030/members.toml"), p.path("sources/2030/members (kopia).toml")).unwrap();
    std::fs::write(p.path("sources/2030/members.toml~"), "a backup").unwrap();
    std::fs::create_dir_all(p.path("sources/2030/values")).unwrap();
    std::fs::write(p.path("sources/2030/values/läsmig.txt"), "text").unwrap();
    let run = p.run(&["check"]).ok();
    let err = run.stderr();
    assert!(err.contains("warning: `notes.toml` is not a source file; perspektiv does not read it"), "{err}");
    assert!(err.contains("warning: `members (kopia).toml` is not a source file"), "{err}");
    assert!(err.contains("hint: is it a copy of `members.toml`?"), "{err}");
    assert!(err.contains("warning: `läsmig.txt` is not a values file"), "{err}");
    assert!(!err.contains("members.toml~"), "{err}");
    assert_eq!(p.run(&["check", "--deny-warnings"]).code(), 1);
}

// ------------------------------------------------------------------------------------------
// 9. Messages

#[test]
fn counts_are_english_and_hints_agree_with_their_messages() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/members.toml", |t| {
        t.replacen("title = \"kommunalråd\"", "titel = \"kommunalråd\"", 1)
    });
    let run = p.run(&["check"]);
    assert!(run.stderr().contains("have 1 error; the checks across files"), "{}", run.stderr());
    let p = crate::annexes::with_values();
    let run = p.run(&["annexes", "--only", "eda"]).ok();
    assert!(run.stderr().contains("wrote 1 annex and the spreadsheet "), "{}", run.stderr());

    // An empty year folder is no year with sources: not the default year, not in the hint.
    std::fs::create_dir_all(p.path("sources/2099")).unwrap();
    let run = p.run(&["build", "2099"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("there are no sources for 2099"), "{err}");
    assert!(
        err.contains("years with sources: 2030; start 2099 with `perspektiv new 2099 --from 2030`"),
        "{err}"
    );
    p.run(&["check"]).ok();
}

#[test]
fn a_template_error_names_the_line_and_annexes_can_show_their_markup() {
    let p = Project::fixture("mini");
    std::fs::create_dir_all(p.path("templates/typst/blocks")).unwrap();
    // The error is on line 3, a line without `{{ }}`.
    std::fs::write(
        p.path("templates/typst/blocks/goals.typ.j2"),
        "{% for g in b.goals %}[{{ g.title }}]{% endfor %}\n\n#lisst(1)\n",
    )
    .unwrap();
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("templates/typst/blocks/goals.typ.j2`, line 3"), "{}", run.stderr());
    assert!(run.stderr().contains("hint: run `perspektiv render 2030`"), "{}", run.stderr());

    let p = crate::annexes::with_values();
    let annex = std::fs::read_to_string(repo().join("templates/typst/annex.typ.j2")).unwrap();
    std::fs::create_dir_all(p.path("templates/typst")).unwrap();
    std::fs::write(p.path("templates/typst/annex.typ.j2"), format!("{annex}\n#lisst(1)\n")).unwrap();
    let run = p.run(&["annexes", "--only", "eda"]);
    assert_eq!(run.code(), 1);
    let err = run.stderr();
    assert!(err.contains("hint: run `perspektiv annexes 2030 --only eda --markup`"), "{err}");
    let run = p.run(&["annexes", "--only", "eda", "--markup"]);
    assert_eq!(run.code(), 1);
    let markup = std::fs::read_to_string(p.path("out/2030/annexes/2030-bilaga-eda.typ")).unwrap();
    assert!(markup.contains("#lisst(1)"), "the markup was not written");
    assert!(!p.path("out/2030/annexes/2030-bilaga-eda.pdf").exists());
}

// ------------------------------------------------------------------------------------------
// 10. Prose

#[test]
fn an_email_autolink_becomes_a_mailto_link_and_a_link_without_text_is_an_error() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/goals.toml", |t| {
        t.replace("Alla ska må bra.", "Alla ska må bra. Frågor: <namn@example.se>.")
    });
    p.run(&["build"]).ok();
    let pdf = std::fs::read(p.path(PDF_2030)).unwrap();
    assert!(String::from_utf8_lossy(&pdf).contains("mailto:namn@example.se"), "no mailto link");
    assert!(normalize(&pdf_text(&pdf)).contains(&normalize("Frågor: namn@example.se.")));

    p.edit("sources/2030/goals.toml", |t| t.replace("<namn@example.se>", "[](https://example.se)"));
    let run = p.run(&["build"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("a link without text"), "{}", run.stderr());
    assert!(run.stderr().contains("key `goal[0].text`"), "{}", run.stderr());
}

/// A save that changes only the line endings (an editor on Windows writing CRLF into a clone
/// without `core.autocrlf`) is no change: the draft is not marked "med ändringar", and `diff`
/// finds nothing; both follow the one rule of the README.
#[test]
fn a_save_that_only_changes_line_endings_is_no_change_for_the_draft_or_diff() {
    let p = Project::fixture("mini");
    git_in(p.root(), &["init", "-q"]);
    std::fs::write(p.path(".gitignore"), "/out\n").unwrap();
    git_in(p.root(), &["add", "-A"]);
    git_in(p.root(), &["commit", "-q", "-m", "remiss"]);
    p.edit("sources/2030/goals.toml", |t| format!("\u{feff}{}", t.replace('\n', "\r\n")));
    assert!(!git_in(p.root(), &["status", "--porcelain"]).is_empty(), "git sees the file as changed");
    run_in(p.root(), &["build", "--draft"]).ok();
    assert!(!text_of(&p.path(PDF_2030)).contains(&normalize("med ändringar")));
    assert_eq!(run_in(p.root(), &["diff", "HEAD:2030", "2030"]).code(), 0);
    // A real edit is a change for both.
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla ska må bättre."));
    run_in(p.root(), &["build", "--draft"]).ok();
    assert!(text_of(&p.path(PDF_2030)).contains(&normalize("med ändringar")));
    assert_eq!(run_in(p.root(), &["diff", "HEAD:2030", "2030"]).code(), 1);
}
