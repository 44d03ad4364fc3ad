//! `perspektiv site`: the web edition's files, links, structure and reproducibility, and the real
//! 2023 edition's content. The browser checks are in `browser.rs`.

use std::collections::BTreeMap;
use std::path::Path;

use perspektiv::sources::{self, DirTree};
use scraper::{ElementRef, Html, Selector};

use crate::support::{Project, copy_values, html_text, normalize, repo};

/// Every file under `dir`, by its path inside it (`/`-separated).
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_owned()];
    while let Some(d) = stack.pop() {
        for entry in std::fs::read_dir(&d).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let rel = path.strip_prefix(dir).unwrap().to_string_lossy().replace('\\', "/");
                files.insert(rel, std::fs::read(&path).unwrap());
            }
        }
    }
    files
}

fn select<'a>(doc: &'a Html, css: &str) -> Vec<ElementRef<'a>> {
    doc.select(&Selector::parse(css).unwrap()).collect()
}

/// The structure every page must have: Swedish, a title, one h1, headings without gaps, landmarks,
/// the stylesheet, no script, no event handler, tables with captions and scoped headers.
fn assert_page_structure(path: &str, html: &str) {
    let doc = Html::parse_document(html);
    assert_eq!(select(&doc, "html[lang=sv]").len(), 1, "{path}: lang");
    assert!(!select(&doc, "title")[0].text().collect::<String>().trim().is_empty(), "{path}: title");
    assert_eq!(select(&doc, "h1").len(), 1, "{path}: one h1");
    assert_eq!(select(&doc, "main").len(), 1, "{path}: main");
    assert_eq!(select(&doc, "body > header").len(), 1, "{path}: banner");
    assert_eq!(select(&doc, "body > footer").len(), 1, "{path}: footer");
    assert_eq!(select(&doc, "nav").len(), 1, "{path}: contents");
    assert!(!select(&doc, "a.hoppa[href='#sidans-innehall']").is_empty(), "{path}: skip link");
    assert!(select(&doc, "script, iframe, object, embed, base").is_empty(), "{path}: script");
    for el in doc.root_element().descendants().filter_map(ElementRef::wrap) {
        for (name, _) in el.value().attrs() {
            assert!(!name.starts_with("on"), "{path}: event handler `{name}`");
        }
    }
    let mut level = 0;
    for h in select(&doc, "h1, h2, h3, h4, h5, h6") {
        let l: usize = h.value().name()[1..].parse().unwrap();
        assert!(l <= level + 1, "{path}: h{l} after h{level}: {:?}", h.text().collect::<String>());
        level = l;
    }
    for table in select(&doc, "table") {
        let inner = Html::parse_fragment(&table.html());
        assert_eq!(select(&inner, "caption").len(), 1, "{path}: a table without caption");
        assert!(select(&inner, "th:not([scope])").is_empty(), "{path}: a th without scope");
    }
}

/// Every link inside the site leads to a file of the site and, with a fragment, to an element
/// with that id; stylesheets and fonts are the site's own.
fn assert_links_resolve(files: &BTreeMap<String, Vec<u8>>) {
    let ids: BTreeMap<&str, Vec<String>> = files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(p, b)| {
            let doc = Html::parse_document(std::str::from_utf8(b).unwrap());
            let ids = select(&doc, "[id]").iter().map(|e| e.value().id().unwrap().to_owned()).collect();
            (p.as_str(), ids)
        })
        .collect();
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
        let base = Path::new(path).parent().unwrap();
        for el in select(&doc, "[href], [src]") {
            let target = el.value().attr("href").or(el.value().attr("src")).unwrap();
            if target == "data:," && el.value().attr("rel") == Some("icon") {
                // No icon, and no request for one.
                continue;
            }
            if target.starts_with("https://")
                || target.starts_with("http://")
                || target.starts_with("mailto:")
            {
                assert_eq!(el.value().name(), "a", "{path}: `{target}` would be fetched from another host");
                continue;
            }
            let (file, fragment) = target.split_once('#').unwrap_or((target, ""));
            let file = if file.is_empty() {
                path.clone()
            } else {
                let mut parts: Vec<&str> =
                    base.to_str().unwrap().split('/').filter(|s| !s.is_empty()).collect();
                for part in file.split('/') {
                    match part {
                        ".." => {
                            parts.pop();
                        }
                        p => parts.push(p),
                    }
                }
                parts.join("/")
            };
            assert!(files.contains_key(&file), "{path}: `{target}` leads nowhere");
            if !fragment.is_empty() {
                assert!(
                    ids[file.as_str()].iter().any(|i| i == fragment),
                    "{path}: no `#{fragment}` in {file}"
                );
            }
        }
    }
}

#[test]
fn the_site_of_the_fixture_with_values() {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    let run = p.run(&["site"]).ok();
    assert!(
        run.stderr()
            .contains("wrote out/2030/webb (7 pages: the document, 4 pages of parties, the county overview, the accessibility statement)"),
        "{}",
        run.stderr()
    );
    let dir = p.path("out/2030/webb");
    let files = tree(&dir);
    for f in [
        "index.html",
        "aktuellt-perspektiv/eda.html",
        "aktuellt-perspektiv/saffle.html",
        "aktuellt-perspektiv/arjang.html",
        "aktuellt-perspektiv/region-varmland.html",
        "aktuellt-perspektiv/oversikt-varmland.html",
        "tillganglighet.html",
        "assets/perspektiv.css",
        "assets/fonts/SourceSans3-Regular.ttf",
        "assets/fonts/SourceSans3-LICENSE.txt",
    ] {
        assert!(files.contains_key(f), "no {f}: {:?}", files.keys().collect::<Vec<_>>());
    }
    // The shipped fonts, byte for byte.
    assert_eq!(
        files["assets/fonts/SourceSans3-Bold.ttf"],
        std::fs::read(repo().join("fonts/SourceSans3-Bold.ttf")).unwrap()
    );
    for (path, bytes) in files.iter().filter(|(p, _)| p.ends_with(".html")) {
        assert_page_structure(path, std::str::from_utf8(bytes).unwrap());
    }
    assert_links_resolve(&files);

    // The index carries the document and links every party's page, municipalities first.
    let index = std::str::from_utf8(&files["index.html"]).unwrap();
    let text = normalize(&html_text(index));
    for needle in [
        "Politiskt inriktningsdokument 2030",
        "Kommunerna Eda, Säffle, Årjäng samt Region Värmland.",
        "ersatt av Bo Berg från 5 maj 2030",
        "minst 2 procentenheter",
        "En fotnot.",
        "Åsa Ek",
    ] {
        assert!(text.contains(&normalize(needle)), "missing {needle:?}");
    }
    let doc = Html::parse_document(index);
    let parties: Vec<String> =
        select(&doc, ".parter-lista a").iter().map(|a| a.text().collect::<String>()).collect();
    assert_eq!(parties, ["Eda kommun", "Säffle kommun", "Årjängs kommun", "Region Värmland"]);
    // The organisation chart: nested lists, the state-financed mark in words.
    let chart = select(&doc, ".trad > li > ul > li > ul > li.statlig");
    assert_eq!(chart.len(), 1, "Rådet › Styrgruppen › Arbetsgruppen");
    assert!(chart[0].text().collect::<String>().contains("Arbetsgruppen (statligt finansierat uppdrag)"));
    // The calendar: a row header per month.
    let months: Vec<String> =
        select(&doc, "table.kalender tbody th[scope=row]").iter().map(|t| t.text().collect()).collect();
    assert!(months.len() >= 2 && months[0] == "Aug 2030", "{months:?}");

    // A party's page: the same content as its annex, with a chart beside each table.
    let saffle = std::str::from_utf8(&files["aktuellt-perspektiv/saffle.html"]).unwrap();
    let flat = normalize(&html_text(saffle));
    assert!(flat.contains(&normalize("Aktuellt perspektiv 2030 – Säffle kommun")));
    assert!(flat.contains(&normalize("Säffle 70,0 73,5 +3,5 ✔ målet nått")), "{flat}");
    assert!(flat.contains(&normalize("Riket 75,0 75,0 ±0,0 ■ oförändrat")), "{flat}");
    let doc = Html::parse_document(saffle);
    let charts = select(&doc, "figure.diagram svg[role=img]");
    assert!(!charts.is_empty());
    for svg in charts {
        let title = svg.value().attr("aria-labelledby").unwrap();
        let desc = svg.value().attr("aria-describedby").unwrap();
        assert_eq!(select(&doc, &format!("svg title#{title}")).len(), 1);
        let described: String = select(&doc, &format!("svg desc#{desc}"))[0].text().collect();
        assert!(described.contains("Säffle år för år: 2026 70,0"), "{described}");
    }
    assert!(flat.contains(&normalize("Representanter för Säffle kommun")));
    // The legend explains the dash wherever a summary table shows one, and does not hide it.
    for path in files.keys().filter(|p| p.starts_with("aktuellt-perspektiv/") && !p.contains("oversikt")) {
        let doc = Html::parse_document(std::str::from_utf8(&files[path]).unwrap());
        let dash = select(&doc, "table.sammanfattning td")
            .iter()
            .any(|td| td.text().collect::<String>().trim() == "–");
        let legend: String = select(&doc, "p.bedomningar")[0].text().collect();
        let explained = select(&doc, "p.bedomningar .bedomning-na .symbol:not([aria-hidden])")
            .iter()
            .any(|s| s.text().collect::<String>() == "–");
        assert_eq!(
            (dash, explained && legend.contains("– finns inte eller inget att bedöma")),
            (dash, dash),
            "{path}: {legend}"
        );
    }
    // The summary comes first, as in the annex.
    assert!(flat.find(&normalize("Sammanfattning")) < flat.find(&normalize("Riktning")), "{flat}");

    // A second run gives the same bytes, and a file of an earlier run does not stay.
    std::fs::write(dir.join("stale.html"), "old").unwrap();
    p.run(&["site", "2030"]).ok();
    let again = tree(&dir);
    assert!(files == again, "the second run differs");
    let other = Project::fixture("mini");
    copy_values(&other, "mini-2030", 2030);
    other.run(&["site"]).ok();
    assert!(files == tree(&other.path("out/2030/webb")), "another project folder gives other bytes");
}

#[test]
fn without_values_the_site_is_the_document() {
    let p = Project::fixture("mini");
    let run = p.run(&["site", "2030"]).ok();
    assert!(run.stderr().contains("no values for 2030"), "{}", run.stderr());
    let files = tree(&p.path("out/2030/webb"));
    assert_eq!(
        files.keys().filter(|k| k.ends_with(".html")).collect::<Vec<_>>(),
        ["index.html", "tillganglighet.html"]
    );
    assert!(!std::str::from_utf8(&files["index.html"]).unwrap().contains("aktuellt-perspektiv"));
}

#[test]
fn a_template_error_names_the_template_and_writes_nothing() {
    let p = Project::fixture("mini");
    p.run(&["site"]).ok();
    let before = tree(&p.path("out/2030/webb"));
    std::fs::create_dir_all(p.path("templates/html/blocks")).unwrap();
    std::fs::write(p.path("templates/html/blocks/goals.html.j2"), "<ul>{{ b.nothing.here }}</ul>\n").unwrap();
    let run = p.run(&["site"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("templates/html/blocks/goals.html.j2"), "{}", run.stderr());
    assert!(before == tree(&p.path("out/2030/webb")), "the site changed");
    // An override that works replaces the embedded template; the stylesheet can be replaced too.
    std::fs::write(p.path("templates/html/blocks/goals.html.j2"), "<p>MÅL: {{ b.goals|length }}</p>\n")
        .unwrap();
    std::fs::create_dir_all(p.path("templates/html/assets")).unwrap();
    std::fs::write(p.path("templates/html/assets/perspektiv.css"), "body { color: #000 }\n").unwrap();
    p.run(&["site"]).ok();
    let files = tree(&p.path("out/2030/webb"));
    assert!(std::str::from_utf8(&files["index.html"]).unwrap().contains("<p>MÅL: 2</p>"));
    assert_eq!(files["assets/perspektiv.css"], b"body { color: #000 }\n");
}

#[test]
fn the_change_page() {
    let p = Project::fixture("pair");
    let run = p.run(&["site", "2030", "--changes-since", "2029"]).ok();
    assert!(run.stderr().contains("the change page"), "{}", run.stderr());
    let files = tree(&p.path("out/2030/webb"));
    let page = std::str::from_utf8(&files["forandringar-2029-2030.html"]).unwrap();
    assert_page_structure("forandringar-2029-2030.html", page);
    assert_links_resolve(&files);
    let doc = Html::parse_document(page);
    assert_eq!(select(&doc, "h1")[0].text().collect::<String>(), "Förändringar 2029–2030");
    assert!(!select(&doc, "del").is_empty() && !select(&doc, "ins").is_empty(), "{page}");
    // The lists' headings say what they list, as in the change annex.
    let lists: Vec<String> = select(&doc, "h3").iter().map(|h| h.text().collect()).collect();
    assert!(lists.iter().any(|h| h == "Ändrade indikatorer"), "{lists:?}");
    assert!(lists.iter().all(|h| h.split(' ').count() >= 2), "{lists:?}");
    let index = std::str::from_utf8(&files["index.html"]).unwrap();
    assert!(index.contains("href=\"forandringar-2029-2030.html\""));

    let run = p.run(&["site", "2030", "--changes-since", "1999"]);
    assert_eq!(run.code(), 1);
    assert!(run.stderr().contains("1999"), "{}", run.stderr());
}

/// The real 2023 edition: every chapter heading, every member's name and every indicator is in
/// the page's text, as in the PDF.
#[test]
fn the_2023_site_carries_the_document() {
    let p = Project::real();
    p.run(&["site", "2023"]).ok();
    let files = tree(&p.path("out/2023/webb"));
    let index = std::str::from_utf8(&files["index.html"]).unwrap();
    assert_page_structure("index.html", index);
    assert_links_resolve(&files);
    let text = normalize(&html_text(index));
    for needle in needles_2023() {
        assert!(text.contains(&normalize(&needle)), "not on the page: {needle:?}");
    }
    // The accessibility statement names the publisher and its web page, and that no e-mail
    // address or phone number is given yet.
    let statement = std::str::from_utf8(&files["tillganglighet.html"]).unwrap();
    assert_page_structure("tillganglighet.html", statement);
    let text = normalize(&html_text(statement));
    for needle in [
        "Region Värmland, Nya Perspektiv står bakom den här webbplatsen",
        "Region Värmland, Nya Perspektiv har ännu inte angett någon e-postadress eller något telefonnummer",
        "Kontaktvägar finns på https://www.regionvarmland.se/utveckling-tillvaxt/nya-perspektiv/.",
        "Redogörelsen upprättades den 5 maj 2023",
    ] {
        assert!(text.contains(&normalize(needle)), "not in the statement: {needle:?}\n{text}");
    }
}

/// What the 2023 document must show: chapter and appendix headings, members' names, indicators.
pub(crate) fn needles_2023() -> Vec<String> {
    let (s, _) = sources::load(&DirTree::new(repo().join("sources")), 2023)
        .unwrap_or_else(|_| panic!("the 2023 sources load"));
    let doc = &s.document.data;
    let mut needles: Vec<String> = doc.chapter.iter().map(|c| c.title.clone()).collect();
    needles.extend(doc.appendix.iter().enumerate().map(|(i, a)| format!("Bilaga {} – {}", i + 1, a.title)));
    needles.extend(s.members.data.member.iter().map(|m| m.name.clone()));
    needles.extend(s.goals.data.goal.iter().flat_map(|g| g.indicator.iter().map(|i| i.text.clone())));
    assert!(needles.len() > 60, "{needles:?}");
    needles
}

#[test]
fn watch_site_rebuilds_the_web_edition() {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let p = Project::fixture("mini");
    let mut child = crate::support::perspektiv()
        .args(["watch", "--site"])
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let index = p.path("out/2030/webb/index.html");
    let read = || std::fs::read_to_string(&index).ok();
    let wait_for = |what: &str, f: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !f() {
            assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(50));
        }
    };
    wait_for("the first build", &|| {
        read().is_some() && p.path("out/2030/politiskt-inriktningsdokument-2030.pdf").exists()
    });
    std::thread::sleep(Duration::from_millis(500));
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla ska må riktigt bra."));
    wait_for("the rebuild", &|| read().is_some_and(|h| h.contains("Alla ska må riktigt bra.")));
    child.kill().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let _ = child.wait();
    assert!(err.contains("and out/2030/webb in"), "{err}");
}

#[cfg(unix)]
#[test]
fn site_writes_into_a_symbolically_linked_folder() {
    use crate::support::assert_link;
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    // The site's folder is a link to a folder elsewhere (a web server's, say), with a file of an
    // earlier run and a hidden file of the server's in it.
    let webb = p.link_to_new_folder("out/2030/webb");
    std::fs::write(webb.join("stale.html"), "old").unwrap();
    std::fs::write(webb.join(".htaccess"), "Options -Indexes\n").unwrap();
    p.run(&["site"]).ok();
    assert_link(&p.path("out/2030/webb"), &webb);
    let files = tree(&webb);
    assert!(files.contains_key("index.html") && files.contains_key("aktuellt-perspektiv/eda.html"));
    assert!(!files.contains_key("stale.html"), "a page of an earlier run stayed");
    assert_eq!(files[".htaccess"], b"Options -Indexes\n", "a hidden file is left alone");
    assert_eq!(files.keys().filter(|k| k.starts_with('.')).count(), 1, "{:?}", files.keys());

    // A second run after an edit: the link still leads to the same folder, with the new page.
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla ska må riktigt bra."));
    p.run(&["site"]).ok();
    assert_link(&p.path("out/2030/webb"), &webb);
    let index = std::fs::read_to_string(webb.join("index.html")).unwrap();
    assert!(index.contains("Alla ska må riktigt bra."));
    let mut plain = tree(&webb);
    plain.remove(".htaccess");
    let other = Project::fixture("mini");
    copy_values(&other, "mini-2030", 2030);
    other.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla ska må riktigt bra."));
    other.run(&["site"]).ok();
    assert!(plain == tree(&other.path("out/2030/webb")), "the linked folder holds other files");
}

// ------------------------------------------------------------------------------------------
// The accessibility statement, and the names of charts, the organisation chart and the calendar

/// The footer's link to the accessibility statement on every page of the site, as written.
fn statement_links(files: &BTreeMap<String, Vec<u8>>) -> BTreeMap<String, String> {
    files
        .iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| {
            let doc = Html::parse_document(std::str::from_utf8(bytes).unwrap());
            let links: Vec<String> = select(&doc, "body > footer a")
                .iter()
                .filter(|a| a.text().collect::<String>() == "Tillgänglighetsredogörelse")
                .map(|a| a.value().attr("href").unwrap().to_owned())
                .collect();
            assert_eq!(links.len(), 1, "{path}: the footer links the statement once: {links:?}");
            (path.clone(), links[0].clone())
        })
        .collect()
}

#[test]
fn every_page_links_the_accessibility_statement_in_its_footer() {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    p.run(&["site"]).ok();
    let files = tree(&p.path("out/2030/webb"));
    let links = statement_links(&files);
    assert!(links.len() >= 7, "{links:?}");
    for (path, href) in &links {
        let expected = if path.contains('/') { "../tillganglighet.html" } else { "tillganglighet.html" };
        assert_eq!(href, expected, "{path}");
    }
    assert_links_resolve(&files);
}

#[test]
fn the_accessibility_statement_names_contact_digg_standard_and_limitations() {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    p.edit("sources/2030/document.toml", |t| {
        t.replacen(
            "email = \"perspektiv@example.se\"\n",
            "email = \"perspektiv@example.se\"\nphone = \"070-174 06 05\"\nurl = \"https://www.example.se/perspektiv\"\n",
            1,
        )
    });
    p.run(&["site"]).ok();
    let files = tree(&p.path("out/2030/webb"));
    let page = std::str::from_utf8(&files["tillganglighet.html"]).unwrap();
    assert_page_structure("tillganglighet.html", page);
    let doc = Html::parse_document(page);
    assert_eq!(select(&doc, "h1")[0].text().collect::<String>(), "Tillgänglighetsredogörelse");
    assert!(select(&doc, "title")[0].text().collect::<String>().starts_with("Tillgänglighetsredogörelse – "));
    // The ways to report a problem, as links.
    for (href, text) in [
        ("mailto:perspektiv@example.se", "perspektiv@example.se"),
        ("tel:0701740605", "070-174 06 05"),
        ("https://www.example.se/perspektiv", "https://www.example.se/perspektiv"),
        ("https://www.digg.se/tdosanmalan", "Diggs formulär för anmälan om bristande tillgänglighet"),
    ] {
        let a = select(&doc, &format!("a[href='{href}']"));
        assert_eq!(a.len(), 1, "no link to {href}");
        assert_eq!(a[0].text().collect::<String>(), text);
    }
    let text = normalize(&html_text(page));
    for needle in [
        "Testregionen står bakom den här webbplatsen, webbutgåvan av Politiskt inriktningsdokument 2030.",
        "lagen (2018:1937) om tillgänglighet till digital offentlig service",
        "WCAG 2.1 på nivå AA",
        "EN 301 549",
        "PDF/UA-1",
        "PDF/A-2a",
        "Kända begränsningar",
        "Diagrammen i PDF-filerna (bilagornas trenddiagram och länsöversiktens prickdiagram) är ritade som artefakter",
        "beskrivs i stället av sin alternativa text",
        "en egen bedömning (självskattning) som Testregionen har gjort",
        "Redogörelsen upprättades den 1 mars 2030, samma dag som dokumentet är daterat.",
    ] {
        assert!(text.contains(&normalize(needle)), "not in the statement: {needle:?}\n{text}");
    }
    assert!(!text.contains("har ännu inte angett"), "{text}");
}

#[test]
fn check_warns_while_the_publisher_gives_no_contact() {
    let p = Project::fixture("mini");
    p.edit("sources/2030/document.toml", |t| t.replacen("email = \"perspektiv@example.se\"\n", "", 1));
    let run = p.run(&["check"]).ok();
    let err = run.stderr();
    assert!(
        err.contains(
            "warning: the accessibility statement gives no e-mail address or phone number for Testregionen"
        ),
        "{err}"
    );
    assert!(err.contains("sources/2030/document.toml:17:8"), "{err}");
    assert!(err.contains("key `publisher.name`"), "{err}");
    assert!(err.contains("hint: add `email` or `phone` to `[publisher]`"), "{err}");
    assert_eq!(p.run(&["check", "--deny-warnings"]).code(), 1);
    // The site is still made; its statement says that no contact is given.
    p.run(&["site"]).ok();
    let page = std::fs::read_to_string(p.path("out/2030/webb/tillganglighet.html")).unwrap();
    assert!(
        normalize(&html_text(&page)).contains(&normalize(
            "Testregionen har ännu inte angett någon e-postadress eller något telefonnummer för synpunkter på tillgängligheten."
        )),
        "{page}"
    );

    // Without a publisher, the warning is at the document's author.
    p.edit("sources/2030/document.toml", |t| t.replacen("[publisher]\nname = \"Testregionen\"\n", "", 1));
    let err = p.run(&["check"]).ok().stderr().to_owned();
    assert!(err.contains("warning: the document names no publisher"), "{err}");
    assert!(err.contains("sources/2030/document.toml:5:10"), "{err}");
    assert!(err.contains("hint: add a `[publisher]` table"), "{err}");
}

#[test]
fn a_publishers_own_statement_is_linked_instead_of_written() {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    p.edit("sources/2030/document.toml", |t| {
        t.replacen(
            "email = \"perspektiv@example.se\"\n",
            "accessibility_statement_url = \"https://www.example.se/tillganglighet\"\n",
            1,
        )
    });
    let run = p.run(&["check"]).ok();
    assert!(!run.stderr().contains("accessibility statement"), "{}", run.stderr());
    let run = p.run(&["site"]).ok();
    assert!(!run.stderr().contains("the accessibility statement"), "{}", run.stderr());
    let files = tree(&p.path("out/2030/webb"));
    assert!(!files.contains_key("tillganglighet.html"), "{:?}", files.keys().collect::<Vec<_>>());
    for (path, href) in statement_links(&files) {
        assert_eq!(href, "https://www.example.se/tillganglighet", "{path}");
    }
    assert_links_resolve(&files);
}

#[test]
fn charts_the_organisation_chart_and_the_calendar_are_named_by_what_they_show() {
    let p = Project::fixture("mini");
    copy_values(&p, "mini-2030", 2030);
    p.run(&["site"]).ok();
    let files = tree(&p.path("out/2030/webb"));
    let page = |path: &str| Html::parse_document(std::str::from_utf8(&files[path]).unwrap());

    // A chart's figure is named by the SVG's title, which names what it shows, never by the
    // legend; the SVG's axis labels are hidden, its description gives the values.
    for path in ["aktuellt-perspektiv/saffle.html", "aktuellt-perspektiv/oversikt-varmland.html"] {
        let doc = page(path);
        let figures = select(&doc, "figure.diagram");
        assert!(!figures.is_empty(), "{path}");
        for figure in figures {
            let inner = Html::parse_fragment(&figure.html());
            let svg = select(&inner, "svg[role=img]")[0];
            let title_id =
                figure.value().attr("aria-labelledby").unwrap_or_else(|| panic!("{path}: unnamed figure"));
            assert_eq!(svg.value().attr("aria-labelledby"), Some(title_id), "{path}");
            let title: String = select(&inner, &format!("svg title#{title_id}"))[0].text().collect();
            assert!(title.starts_with("Diagram: Kolada "), "{path}: {title}");
            let legend: String = select(&inner, "figcaption")[0].text().collect();
            assert!(!normalize(&legend).contains(&normalize(&title)), "{path}: {legend}");
            for text in select(&inner, "svg[role=img] text") {
                let hidden = text
                    .ancestors()
                    .filter_map(ElementRef::wrap)
                    .any(|a| a.value().attr("aria-hidden") == Some("true"));
                assert!(hidden, "{path}: a label the accessibility tree reads: {}", text.html());
            }
        }
    }

    let doc = page("index.html");
    // The organisation chart is a figure with a name; its legend names the mark in words and
    // the bodies that carry it.
    let chart = select(&doc, "div.organisation[role=figure]");
    assert_eq!(chart.len(), 1);
    assert_eq!(chart[0].value().attr("aria-label"), Some("Organisationsschema"));
    let legend: String = select(&doc, ".organisation .forklaring")[0].text().collect();
    assert!(
        normalize(&legend)
            .contains(&normalize("I schemat är de märkta ”statligt finansierat uppdrag”: Arbetsgruppen.")),
        "{legend}"
    );
    // The calendar's first column is "Månad", written out.
    let header: Vec<String> =
        select(&doc, "table.kalender thead th").iter().map(|t| t.text().collect()).collect();
    assert_eq!(header.first().map(String::as_str), Some("Månad"), "{header:?}");
    assert!(select(&doc, "table.kalender abbr").is_empty());
}
