//! The web edition of 2023 in a real browser: every page (the document, the 17 parties' pages with
//! generated values, the county overview, the change page since 2019) opened from disk in headless Chromium, checked by
//! axe-core against WCAG 2.1 A and AA, and by the Nu HTML Checker; the pages' text read back. And
//! what axe cannot see: no page scrolls sideways at 320 px (only a table in its region does, and
//! only a table that is wider is a region, its headers staying in view), the focus shows on every
//! tab stop, the charts take system colours in forced colours, and every page printed to A4 holds
//! all its headings and table headers (the county overview: every party's column).
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

/// Runs `check.mjs` on a site; the screenshots go to the target folder, the printed pages to
/// `site-print/` in it.
fn check(site: &Path) -> Value {
    let dir = browser_tools();
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_owned();
    let out = Command::new("node")
        .arg(dir.join("check.mjs"))
        .arg(site)
        .arg(&target)
        .arg(target.join("site-print"))
        .output()
        .expect("node runs");
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
        1 + 17 + 1 + 1 + 1 + 1,
        "the document, 17 parties, the county overview, the change page, the review edition, the accessibility statement"
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
        reflow_problems(path, &page["reflow"], &page["sticky"], &mut problems);
        focus_problems(path, &page["focus"], &mut problems);
        forced_colour_problems(path, &page["colours"], &mut problems);
        print_problems(path, &page["print"], &mut problems);
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
    // The review edition: the whole text, the marks read aloud.
    let review = text("granskning-2019-2023.html");
    let missing: Vec<String> =
        needles_2023().into_iter().filter(|n| !review.contains(&normalize(n))).collect();
    assert!(missing.is_empty(), "not in the review page's text: {missing:#?}");
    assert!(review.contains(&normalize("tillagt:")) && review.contains(&normalize("borttaget:")));
    let statement = text("tillganglighet.html");
    for needle in ["Tillgänglighetsredogörelse", "WCAG 2.1 på nivå AA", "Kända begränsningar"] {
        assert!(statement.contains(&normalize(needle)), "not in the statement's text: {needle:?}");
    }

    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap().to_owned();
    for width in [375, 1280] {
        let shot = target.join(format!("site-index-{width}.png"));
        assert!(std::fs::metadata(&shot).is_ok_and(|m| m.len() > 10_000), "no screenshot {}", shot.display());
    }

    // A party's page: only its wide tables are tab stops (three summaries, the representatives,
    // the calendar), not its two dozen tables of values.
    let stops =
        |path: &str| pages.iter().find(|p| p["path"] == path).unwrap()["focus"].as_array().unwrap().len();
    assert!(stops("aktuellt-perspektiv/arvika.html") <= 20, "{}", stops("aktuellt-perspektiv/arvika.html"));
    let overview = pages.iter().find(|p| p["path"] == "aktuellt-perspektiv/oversikt-varmland.html").unwrap();
    let printed: Vec<&str> =
        overview["print"]["texts"].as_array().unwrap().iter().filter_map(Value::as_str).collect();
    for party in ["Arvika", "Kristinehamn", "Säffle", "Torsby", "Årjäng", "Region Värmland"] {
        assert!(printed.contains(&party), "the printed county overview's headers lack {party}");
    }
}

/// At 320 px no page scrolls sideways, and a table that is wider than the screen scrolls in a
/// region the keyboard reaches; a region is one because its table is wider (else it would be a
/// tab stop for nothing). Scrolled to its end at 375 px, a region keeps its first column and its
/// column headers in view.
fn reflow_problems(path: &str, reflow: &Value, sticky: &Value, problems: &mut Vec<String>) {
    let (scroll, client) =
        (reflow["scroll_width"].as_i64().unwrap(), reflow["client_width"].as_i64().unwrap());
    if scroll > client {
        problems.push(format!("{path}: scrolls sideways at 320 px ({scroll} px wide)"));
    }
    for t in reflow["tables"].as_array().unwrap() {
        let (label, width) = (&t["label"], &t["width"]);
        let region = t["region"] == true && t["focusable"] == true;
        if t["overflows"] == true && !region {
            problems.push(format!("{path}: table {label} ({width} px) scrolls at 320 px but is no region"));
        }
        if t["overflows"] == false && t["region"] == true {
            problems
                .push(format!("{path}: table {label} fits 320 px but is a region, a tab stop for nothing"));
        }
    }
    for s in sticky.as_array().unwrap() {
        if s["scrolls"] == true
            && (s["first_column_left"].as_i64() != Some(0) || s["header_top"].as_i64() != Some(0))
        {
            problems.push(format!("{path}: scrolled at 375 px, table {} loses its headers: {s}", s["label"]));
        }
    }
}

/// Every tab stop changes how it looks when it has the focus: at least a ring of pixels around it.
fn focus_problems(path: &str, focus: &Value, problems: &mut Vec<String>) {
    let stops = focus.as_array().unwrap();
    if stops.is_empty() {
        problems.push(format!("{path}: no tab stops found"));
    }
    for stop in stops {
        if stop["changed"].as_u64().unwrap() < stop["perimeter"].as_u64().unwrap() {
            problems.push(format!("{path}: the focus hardly shows on {stop}"));
        }
    }
}

/// In forced colours the charts' lines and markers take system colours, no longer their own, and
/// keep their dash patterns.
fn forced_colour_problems(path: &str, colours: &Value, problems: &mut Vec<String>) {
    if colours.is_null() {
        return;
    }
    let system: Vec<&Value> = colours["system"].as_array().unwrap().iter().collect();
    let (normal, forced) = (colours["normal"].as_array().unwrap(), colours["forced"].as_array().unwrap());
    assert_eq!(normal.len(), forced.len());
    let mut changed = false;
    for (n, f) in normal.iter().zip(forced) {
        for key in ["stroke", "fill"] {
            if f[key] != "none" && !system.contains(&&f[key]) {
                problems
                    .push(format!("{path}: in forced colours a chart's {} has {key} {}", f["kind"], f[key]));
            }
            changed |= n[key] != f[key];
        }
        if n["dash"] != f["dash"] {
            problems
                .push(format!("{path}: in forced colours a chart's {} loses its dash pattern", f["kind"]));
        }
    }
    if !changed {
        problems.push(format!("{path}: the charts keep their own colours in forced colours"));
    }
}

/// Printed to PDF (A4), a page holds every heading and table header it shows on paper. Compared
/// without white space (lines break differently on paper) and with Chromium's ligatures spelled
/// out ("Säﬀle": its PDF names the glyph ﬀ by the one ligature character).
fn print_problems(path: &str, print: &Value, problems: &mut Vec<String>) {
    let pdf = std::fs::read(print["pdf"].as_str().unwrap()).expect("the printed page");
    let squeeze = |s: &str| {
        let mut out = String::new();
        for c in s.chars().filter(|c| !c.is_whitespace() && *c != '\u{ad}') {
            match c {
                '\u{fb00}' => out.push_str("ff"),
                '\u{fb01}' => out.push_str("fi"),
                '\u{fb02}' => out.push_str("fl"),
                '\u{fb03}' => out.push_str("ffi"),
                '\u{fb04}' => out.push_str("ffl"),
                c => out.push(c),
            }
        }
        out
    };
    let text = squeeze(&crate::support::pdf_text(&pdf));
    let missing: Vec<&str> = print["texts"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(Value::as_str)
        .filter(|t| !text.contains(&squeeze(t)))
        .collect();
    if !missing.is_empty() {
        problems.push(format!("{path}: printed, it lacks {} texts: {missing:?}", missing.len()));
    }
}
