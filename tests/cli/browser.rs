//! The web edition of 2023 in a real browser: every page (the document, the 17 parties' pages with
//! generated values, the county overview, the change page since 2019) opened from disk in headless Chromium, checked by
//! axe-core against WCAG 2.1 A and AA, and by the Nu HTML Checker; the pages' text read back.
//!
//! The checks are JavaScript in `tests/browser/` (playwright-core, axe-core, vnu-jar from npm).
//! They need Chromium, Java and Node, which a machine with only Rust does not have: the test is
//! ignored by a plain `cargo test` and run by `cargo test -- --include-ignored` (as `.ci/run`
//! does, after installing them). Run without them, it fails and says what to install.

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::site::needles_2023;
use crate::support::{Project, normalize, repo};

/// The browser folder, or a panic naming everything missing and how to install it.
fn browser_tools() -> PathBuf {
    let dir = repo().join("tests/browser");
    let works = |cmd: &str, arg: &str| Command::new(cmd).arg(arg).output().is_ok_and(|o| o.status.success());
    let chromium =
        std::env::var_os("CHROMIUM").map_or_else(|| PathBuf::from("/usr/bin/chromium"), PathBuf::from);
    let mut missing = Vec::new();
    if !works("node", "--version") {
        missing.push("Node.js (`apt-get install -y nodejs npm`)".to_owned());
    }
    if !chromium.is_file() {
        missing.push(format!(
            "Chromium at `{}` (`apt-get install -y chromium`, or set CHROMIUM)",
            chromium.display()
        ));
    }
    let java = std::env::var("JAVA").unwrap_or_else(|_| "java".into());
    if !works(&java, "-version") {
        missing.push("Java for the Nu HTML Checker (`apt-get install -y default-jre-headless`)".to_owned());
    }
    for package in ["playwright-core", "axe-core", "vnu-jar"] {
        if !dir.join("node_modules").join(package).is_dir() {
            missing.push(format!(
                "the npm package {package} (`npm ci --ignore-scripts --prefix tests/browser`)"
            ));
        }
    }
    assert!(
        missing.is_empty(),
        "the browser checks cannot run; install: {}\n(.ci/run installs all of them on Debian)",
        missing.join("; ")
    );
    dir
}

/// Runs `check.mjs` on a site; the screenshots go to the target folder.
fn check(site: &Path) -> Value {
    let dir = browser_tools();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_owned();
    let out =
        Command::new("node").arg(dir.join("check.mjs")).arg(site).arg(&target).output().expect("node runs");
    assert!(
        out.status.success(),
        "the browser checks failed to run:\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).expect("check.mjs prints a JSON report")
}

#[test]
#[ignore = "needs Chromium, Java and the npm packages of tests/browser; .ci/run installs them and runs it"]
fn the_2023_site_passes_axe_and_the_nu_checker_in_chromium() {
    let p = Project::real();
    crate::support::generate_values(&p.path("sources"), 2023);
    p.run(&["site", "2023", "--changes-since", "2019"]).ok();
    let site = p.path("out/2023/webb");
    let report = check(&site);
    let pages = report["pages"].as_array().unwrap();
    assert_eq!(
        pages.len(),
        1 + 17 + 1 + 1 + 1,
        "the document, 17 parties, the county overview, the change page, the accessibility statement"
    );

    let mut problems = Vec::new();
    for page in pages {
        let path = page["path"].as_str().unwrap();
        for v in page["axe"]["violations"].as_array().unwrap() {
            problems.push(format!("{path}: axe {}: {} {}", v["id"], v["help"], v["nodes"]));
        }
        if page["axe"]["passes"].as_u64().unwrap() < 10 {
            problems.push(format!("{path}: axe checked almost nothing"));
        }
        for key in ["requests", "failed", "errors"] {
            for r in page[key].as_array().unwrap() {
                problems.push(format!("{path}: {key}: {r}"));
            }
        }
        if page["scripts"].as_u64() != Some(0) {
            problems.push(format!("{path}: has a script"));
        }
        let fonts: Vec<&str> = page["fonts"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
        if !fonts.iter().any(|f| f.starts_with("Source Sans 3 400 normal")) {
            problems.push(format!("{path}: the shipped font was not used: {fonts:?}"));
        }
    }
    for m in report["vnu"].as_array().unwrap() {
        problems
            .push(format!("Nu HTML Checker: {}:{} {}: {}", m["file"], m["line"], m["type"], m["message"]));
    }
    for width in ["375", "1280"] {
        if report[format!("overflow_{width}")].as_i64() != Some(0) {
            problems.push(format!(
                "the index page scrolls sideways at {width} px: {}",
                report[format!("overflow_{width}")]
            ));
        }
    }
    assert!(problems.is_empty(), "{} problems:\n{}", problems.len(), problems.join("\n"));

    // The text a reader gets: the whole document on the index, each party's indicators on its page.
    let text = |path: &str| {
        let page = pages.iter().find(|p| p["path"] == path).unwrap_or_else(|| panic!("no {path}"));
        normalize(page["text"].as_str().unwrap())
    };
    let index = text("index.html");
    let missing: Vec<String> =
        needles_2023().into_iter().filter(|n| !index.contains(&normalize(n))).collect();
    assert!(missing.is_empty(), "not in the index page's text: {missing:#?}");
    let arvika = text("aktuellt-perspektiv/arvika.html");
    assert!(arvika.contains(&normalize("Aktuellt perspektiv 2023 – Arvika kommun")));
    assert!(
        arvika.contains(&normalize("Färre barn (8 månaders ålder) ska utsättas för tobaksrökning i hemmet."))
    );
    assert!(text("forandringar-2019-2023.html").contains(&normalize("Förändringar 2019–2023")));
    let statement = text("tillganglighet.html");
    for needle in ["Tillgänglighetsredogörelse", "WCAG 2.1 på nivå AA", "Kända begränsningar"] {
        assert!(statement.contains(&normalize(needle)), "not in the statement's text: {needle:?}");
    }

    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_owned();
    for width in [375, 1280] {
        let shot = target.join(format!("site-index-{width}.png"));
        assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000), "no screenshot {}", shot.display());
    }
}
