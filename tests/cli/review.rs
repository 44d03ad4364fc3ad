//! The review edition (`build --changes-since`, `site --changes-since`): the whole new document
//! with every change since the older side marked where it stands, in the PDF and on the web.

use std::collections::BTreeMap;
use std::process::Command;

use crate::support::{Project, assert_conforms, git, html_text, normalize, page_texts};

const REVIEW: &str = "out/2023/politiskt-inriktningsdokument-2023-granskning-2019.pdf";
const FINAL: &str = "out/2023/politiskt-inriktningsdokument-2023.pdf";

/// A marked run of the review edition's text: inserted or deleted, and its words.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Run {
    Inserted(String),
    Deleted(String),
}

/// The text of the review edition's document pages (after the opening and the contents): the
/// pages whose footer names the review edition, without the footer and the running header.
fn body_text(pages: &[String], furniture: &str) -> String {
    // The cover, then the opening; the document resumes with the contents ("Innehåll").
    let opening =
        pages.iter().position(|p| p.contains("Det här är en granskningsversion")).expect("the opening");
    let contents = pages.iter().position(|p| p.contains("Innehåll")).expect("the contents page");
    pages[..opening]
        .iter()
        .chain(&pages[contents + 1..])
        .map(|p| p.replace(furniture, " "))
        .collect::<Vec<_>>()
        .join(" ")
}

/// A document's text without its contents page.
fn document_text(pages: &[String]) -> String {
    pages.iter().filter(|p| !p.contains("Innehåll")).cloned().collect::<Vec<_>>().join(" ")
}

/// The marked runs of a text and the text with the marks resolved: the new side (deleted runs
/// left out) and the old side (inserted runs left out).
fn runs(text: &str) -> (Vec<Run>, String, String) {
    let mut out = Vec::new();
    let (mut new, mut old) = (String::new(), String::new());
    let mut rest = text;
    loop {
        let next = [("[tillagt: ", true), ("[borttaget: ", false)]
            .into_iter()
            .filter_map(|(m, ins)| rest.find(m).map(|i| (i, m, ins)))
            .min();
        let Some((i, marker, inserted)) = next else {
            new.push_str(rest);
            old.push_str(rest);
            break;
        };
        new.push_str(&rest[..i]);
        old.push_str(&rest[..i]);
        let after = &rest[i + marker.len()..];
        let end = after.find(']').expect("a mark is closed");
        let words = collapse(&after[..end]);
        if inserted {
            new.push_str(&after[..end]);
            out.push(Run::Inserted(words));
        } else {
            old.push_str(&after[..end]);
            out.push(Run::Deleted(words));
        }
        rest = &after[end + 1..];
    }
    (out, collapse(&new), collapse(&old))
}

/// The text with every run of white space one space.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Whether `word` is made of words of `set`: text extraction runs some neighbouring words
/// together ("beredningsgrupplägesrapport" from two cells of a table).
fn covered(word: &str, set: &BTreeMap<String, usize>) -> bool {
    let ends: Vec<usize> = word.char_indices().map(|(i, _)| i).skip(1).chain([word.len()]).collect();
    let mut reach = vec![false; word.len() + 1];
    reach[0] = true;
    for start in std::iter::once(0).chain(ends.iter().copied()) {
        if start >= word.len() || !reach[start] {
            continue;
        }
        for &end in ends.iter().filter(|&&e| e > start) {
            let part = &word[start..end];
            if set.contains_key(part) {
                reach[end] = true;
            }
        }
    }
    reach[word.len()]
}

fn words(text: &str) -> BTreeMap<String, usize> {
    let mut out = BTreeMap::new();
    // Numbers are left out: page numbers differ between the editions.
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty() && !w.chars().all(|c| c.is_ascii_digit()))
    {
        *out.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    out
}

#[test]
fn the_2023_edition_against_2019_marks_every_change_in_place() {
    let p = Project::real();
    p.run(&["build", "2023", "--out", "out"]).ok();
    let plain = std::fs::read(p.path(FINAL)).unwrap();
    let run = p.run(&["build", "2023", "--changes-since", "2019", "--out", "out"]).ok();
    assert!(run.stderr().contains("granskning-2019.pdf"), "{}", run.stderr());
    // The final document is written as without the review edition.
    assert_eq!(std::fs::read(p.path(FINAL)).unwrap(), plain, "the final PDF changed");
    let review = std::fs::read(p.path(REVIEW)).unwrap();
    assert_conforms(&review);

    let pages = page_texts(&review);
    // The furniture names the edition on every page, and the title says it too; every page with
    // a mark has a bar in its margin, and no other page has one.
    for (i, (page, bar)) in pages.iter().zip(pages_with_bars(&review)).enumerate() {
        assert!(page.contains("Granskningsversion: ändringar sedan 2019"), "page {}: {page}", i + 1);
        let marked = page.contains("[tillagt: ") || page.contains("[borttaget: ");
        assert_eq!(marked, bar, "page {}: marked {marked}, bar {bar}", i + 1);
    }
    // The opening's pages are numbered i, ii, …; the pages after it keep the numbers they have in
    // the final document (the page after the cover's is 3, as there).
    let numbers: Vec<&str> = pages.iter().map(|p| p.split_whitespace().last().unwrap_or_default()).collect();
    let first = numbers.iter().position(|n| *n == "i").expect("the opening is numbered i, ii, …");
    let after = first + numbers[first..].iter().take_while(|n| n.chars().all(|c| "ivx".contains(c))).count();
    assert_eq!(numbers[first - 1], first.to_string(), "{numbers:?}");
    assert_eq!(numbers[after], (first + 1).to_string(), "{numbers:?}");
    assert_eq!(
        numbers.last().unwrap().parse::<usize>().unwrap(),
        pages.len() - (after - first),
        "{numbers:?}"
    );
    let doc = lopdf::Document::load_mem(&review).unwrap();
    // Every line of the overview and of "Det viktigaste" is a link (the page's first links).
    let opening = pages.iter().position(|p| p.contains("Det viktigaste")).unwrap();
    let page = &pages[opening];
    let lines = page[..page.find("Alla ändringar").unwrap_or(page.len())].matches('•').count();
    let page_id = doc.get_pages()[&(opening as u32 + 1)];
    let annots = doc.get_page_annotations(page_id).unwrap_or_default();
    let links = annots
        .iter()
        .filter(|a| a.get(b"Subtype").ok().and_then(|s| s.as_name().ok()) == Some(b"Link"))
        .count();
    assert!(lines >= 10 && links >= lines, "{links} links for {lines} lines of the overview");
    let info =
        doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).unwrap().1.as_dict().unwrap().clone();
    let raw = info.get(b"Title").unwrap().as_str().unwrap();
    // A text string: UTF-16 with its byte order mark.
    let units: Vec<u16> = raw[2..].chunks(2).map(|c| u16::from_be_bytes([c[0], c[1]])).collect();
    let title = String::from_utf16_lossy(&units);
    assert!(title.contains("Granskningsversion"), "{title}");

    // The new side of the marked text is the whole 2023 text; the old side holds 2019's words.
    let (marks, new_side, old_side) = runs(&body_text(&pages, "Granskningsversion: ändringar sedan 2019"));
    let final_text = document_text(&page_texts(&plain));
    let (w2023, wnew) = (words(&final_text), words(&new_side));
    // Text extraction runs some neighbouring words together ("styrgrupppolitisk" from two
    // boxes of the chart): such a word counts as there when its two parts are.
    let known = |w: &str| wnew.contains_key(w);
    let split = |w: &str| {
        w.char_indices()
            .skip(3)
            .any(|(i, _)| known(&w[..i]) && (known(&w[i..]) || w[i..].chars().count() < 3))
    };
    // Words of three letters or more: a shorter one may be a piece extraction cut off.
    let long = |w: &&String| w.chars().count() > 2;
    for (w, n) in w2023.iter().filter(|(w, _)| long(w)) {
        assert!(
            wnew.get(w).copied().unwrap_or(0) >= *n || split(w),
            "`{w}` of 2023 ({n} times) is missing from the review's new text ({} times)",
            wnew.get(w).copied().unwrap_or(0)
        );
    }
    let p2019 =
        std::fs::read(p.path("out/2019/politiskt-inriktningsdokument-2019.pdf")).ok().unwrap_or_else(|| {
            p.run(&["build", "2019", "--out", "out"]).ok();
            std::fs::read(p.path("out/2019/politiskt-inriktningsdokument-2019.pdf")).unwrap()
        });
    let old_text = document_text(&page_texts(&p2019));
    let (w2019, wold) = (words(&old_text), words(&old_side));
    let inserted: String = marks
        .iter()
        .filter_map(|m| if let Run::Inserted(t) = m { Some(t.as_str()) } else { None })
        .collect::<Vec<_>>()
        .join(" ");
    let deleted: String = marks
        .iter()
        .filter_map(|m| if let Run::Deleted(t) = m { Some(t.as_str()) } else { None })
        .collect::<Vec<_>>()
        .join(" ");
    let (wins, wdel) = (words(&inserted), words(&deleted));
    // A word only 2023 has is marked as inserted; a word only 2019 had is there, marked deleted.
    let split_in = covered;
    for w in w2023.keys().filter(long).filter(|w| !w2019.contains_key(*w)) {
        assert!(
            wins.contains_key(w) || split_in(w, &wins),
            "`{w}` is new in 2023 but not marked as inserted"
        );
    }
    for w in w2019.keys().filter(long).filter(|w| !w2023.contains_key(*w)) {
        if w.chars().all(|c| c.is_ascii_digit()) {
            continue; // page numbers of 2019
        }
        assert!(
            wdel.contains_key(w) || split_in(w, &wdel),
            "`{w}` was only in 2019 but is not shown as deleted"
        );
        assert!(wold.contains_key(w) || split_in(w, &wold));
    }
    // Two builds give the same bytes.
    p.run(&["build", "2023", "--changes-since", "2019", "--out", "again"]).ok();
    let again =
        std::fs::read(p.path("again/2023/politiskt-inriktningsdokument-2023-granskning-2019.pdf")).unwrap();
    assert!(again == review, "two builds of the review edition differ");
}

#[test]
fn against_the_same_edition_there_are_no_marks_and_the_same_text() {
    let p = Project::real();
    p.run(&["build", "2023", "--changes-since", "2023", "--out", "out"]).ok();
    let review =
        std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023-granskning-2023.pdf")).unwrap();
    let plain = std::fs::read(p.path(FINAL)).unwrap();
    assert_conforms(&review);
    let pages = page_texts(&review);
    let all = pages.join("\n");
    assert!(!all.contains("[tillagt:") && !all.contains("[borttaget:"), "marks without changes");
    assert!(all.contains("Texten har inga ändringar sedan 2023."));
    // Apart from the furniture and the opening, the text is the final document's.
    let strip = |pages: &[String]| -> String {
        let start = pages.iter().position(|p| p.contains("Innehåll")).unwrap() + 1;
        normalize(
            &pages[start..]
                .iter()
                .map(|p| p.replace("Granskningsversion: ändringar sedan 2023", ""))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    };
    assert_eq!(strip(&pages), strip(&page_texts(&plain)));
}

/// For each page of a review PDF: whether it draws a change bar, a line of 1.6 pt placed 19 mm
/// from the page's left edge (as `review.typ.j2` asks).
fn pages_with_bars(pdf: &[u8]) -> Vec<bool> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    let number = |o: &lopdf::Object| o.as_float().ok().or_else(|| o.as_i64().ok().map(|i| i as f32));
    doc.get_pages()
        .values()
        .map(|&id| {
            let content = lopdf::content::Content::decode(&doc.get_page_content(id)).unwrap();
            content.operations.windows(4).any(|w| {
                w[0].operator == "cm"
                    && w[0].operands.get(4).and_then(number).is_some_and(|x| (x - 53.858).abs() < 0.01)
                    && w.iter().any(|o| o.operator == "w" && o.operands.first().and_then(number) == Some(1.6))
            })
        })
        .collect()
}

/// The marks of the review edition of the edited 2023 sources against their commit; each page
/// with a mark has a bar in its margin, and no other page has one.
fn marks_after(edit: impl FnOnce(&Project)) -> (Vec<Run>, String) {
    let p = Project::real();
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["commit", "-q", "-m", "2023"]);
    edit(&p);
    let run = p.run(&["build", "2023", "--changes-since", "HEAD:2023", "--out", "out"]).ok();
    let path = p.path("out/2023/politiskt-inriktningsdokument-2023-granskning-head-2023.pdf");
    let review = std::fs::read(&path).unwrap_or_else(|_| panic!("no review edition: {}", run.stderr()));
    let pages = page_texts(&review);
    let bars = pages_with_bars(&review);
    for (i, (text, bar)) in pages.iter().zip(&bars).enumerate() {
        let marked = text.contains("[tillagt: ") || text.contains("[borttaget: ");
        assert_eq!(marked, *bar, "page {}: marked {marked}, bar {bar}: {text}", i + 1);
    }
    let (marks, new_side, _) =
        runs(&body_text(&pages, "Granskningsversion: ändringar sedan 2023 (HEAD:2023)"));
    (marks, new_side)
}

#[test]
fn a_secretarys_edits_are_marked_and_nothing_else() {
    let (marks, new_side) = marks_after(|p| {
        // A word changed in a paragraph, and a paragraph inserted before an edited one.
        p.edit("sources/2023/document.toml", |t| {
            t.replacen("komplexiteten ökar", "komplexiteten växer", 1).replacen(
                "Vi lever i ett samhälle",
                "Ett nytt stycke om samverkan i länet.\n\nVi lever i ett samhälle",
                1,
            )
        });
        // A target changed.
        p.edit("sources/2023/goals.toml", |t| {
            t.replacen(
                "target = { amount = 2, unit = \"procentenheter\" }",
                "target = { amount = 5, unit = \"procentenheter\" }",
                1,
            )
        });
    });
    let expected = [
        Run::Inserted("Ett nytt stycke om samverkan i länet.".into()),
        Run::Deleted("ökar".into()),
        Run::Inserted("växer".into()),
        Run::Deleted("2".into()),
        Run::Inserted("5".into()),
    ];
    let mut got = marks.clone();
    got.sort();
    let mut want = expected.to_vec();
    want.sort();
    assert_eq!(got, want, "{marks:?}");
    assert!(new_side.contains("komplexiteten växer"));
}

#[test]
fn an_indicator_added_and_one_removed_are_marked_as_rows() {
    let (marks, _) = marks_after(|p| {
        p.edit("sources/2023/goals.toml", |t| {
            let at = t.find("[[goal.indicator]]").unwrap();
            let next = t[at + 1..].find("[[goal.indicator]]").map(|i| i + at + 1).unwrap();
            // The first indicator removed, a copy of it with a new id and text added at the end.
            let first = t[at..next].to_owned();
            let added = first.replacen("id = \"", "id = \"ny-", 1).replacen(
                "text = \"",
                "text = \"Helt ny indikator: ",
                1,
            );
            format!("{}{}\n{}", &t[..at], &t[next..], added.trim_end())
        });
    });
    assert!(
        marks.iter().any(|m| matches!(m, Run::Inserted(t) if t.starts_with("Helt ny indikator"))),
        "{marks:?}"
    );
    assert!(marks.iter().any(|m| matches!(m, Run::Deleted(_))), "{marks:?}");
    // Only the two rows: their cells, each marked whole.
    assert!(marks.iter().all(|m| match m {
        Run::Inserted(_) | Run::Deleted(_) => true,
    }));
}

#[test]
fn the_review_page_of_the_web_edition_marks_and_links_its_changes() {
    let p = Project::real();
    let run = p.run(&["site", "2023", "--changes-since", "2019", "--out", "out"]).ok();
    assert!(run.stderr().contains("the review edition"), "{}", run.stderr());
    let page = std::fs::read_to_string(p.path("out/2023/webb/granskning-2019-2023.html")).unwrap();
    assert!(page.contains("<del") && page.contains("<ins"));
    assert!(page.contains("<span class=\"dold\">tillagt: </span>"));
    assert!(
        page.contains("<title>Granskningsversion (ändringar sedan 2019): Politiskt inriktningsdokument 2023")
    );
    // Every line of the overview and of "Det viktigaste" is a link.
    let overview = &page[page.find("Översikt").unwrap()..page.find("Alla ändringar").unwrap()];
    let lines = overview.matches("<li>").count();
    assert!(lines >= 10, "{overview}");
    assert_eq!(overview.matches("<li><a href=\"#andring-").count(), lines, "{overview}");
    // Every link of the opening leads to a mark on the page.
    for link in page.split("href=\"#andring-").skip(1) {
        let n: String = link.chars().take_while(char::is_ascii_digit).collect();
        assert!(page.contains(&format!(" id=\"andring-{n}\"")), "no mark andring-{n}");
    }
    // The change page links to it; the written site has no script.
    let changes = std::fs::read_to_string(p.path("out/2023/webb/forandringar-2019-2023.html")).unwrap();
    assert!(changes.contains("href=\"granskning-2019-2023.html\""));
    assert!(!page.contains("<script"));
    let text = html_text(&page);
    assert!(text.contains("Ändringar sedan 2019"));
}

#[test]
fn a_broken_older_side_writes_nothing() {
    let p = Project::real();
    p.edit("sources/2019/document.toml", |t| t.replacen("year = 2019", "year = \"nitton\"", 1));
    let run = p.run(&["build", "2023", "--changes-since", "2019", "--out", "out"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stderr().contains("no review edition"), "{}", run.stderr());
    assert!(!p.path(FINAL).exists(), "the final PDF was written although the build failed");
    assert!(!p.path(REVIEW).exists());
}

#[test]
fn a_member_replaced_mid_term_is_marked_in_the_table() {
    let (marks, new_side) = marks_after(|p| {
        p.edit("sources/2023/members.toml", |t| {
            let at = t.find("id = \"lars-nilsson\"").unwrap();
            let end = at + t[at..].find("until = 2026-12-31").unwrap();
            let mut t = format!("{}until = 2024-06-30{}", &t[..end], &t[end + "until = 2026-12-31".len()..]);
            t.push_str(
                "\n[[member]]\nid = \"karin-berg\"\nname = \"Karin Berg\"\ntitle = \"kommunalråd\"\norganisation = \"kristinehamn\"\nparty = \"S\"\n\n[[member.role]]\nbody = \"politisk-styrgrupp\"\nrole = \"ledamot\"\nfrom = 2024-07-01\nuntil = 2026-12-31\n",
            );
            t
        });
    });
    assert!(new_side.contains("Karin Berg"), "the successor is not in the text");
    let inserted: Vec<&String> =
        marks.iter().filter_map(|m| if let Run::Inserted(t) = m { Some(t) } else { None }).collect();
    assert!(inserted.iter().any(|t| t.contains("Karin Berg")), "{marks:?}");
    // The successor's row and the note of the replacement; nothing of the rest of the document.
    assert!(marks.len() <= 8, "{marks:?}");
    assert!(!marks.iter().any(|m| matches!(m, Run::Deleted(t) if t.contains("Lars Nilsson"))), "{marks:?}");
}

#[test]
fn a_meeting_moved_to_another_month_is_deleted_there_and_inserted_here() {
    let (marks, _) = marks_after(|p| {
        p.edit("sources/2023/appendices.toml", |t| {
            let from = "[[calendar.month]]\nmonth = 9\n\n[[calendar.month.meeting]]\nbody = \"varmlandsradet\"\nday = 15\n";
            let to = "[[calendar.month]]\nmonth = 10\n\n[[calendar.month.meeting]]\nbody = \"ordforanderadet\"\nday = 20\n";
            assert!(t.contains(from) && t.contains(to));
            t.replacen(from, "[[calendar.month]]\nmonth = 9\n", 1).replacen(
                to,
                &format!("{to}\n[[calendar.month.meeting]]\nbody = \"varmlandsradet\"\nday = 15\n"),
                1,
            )
        });
    });
    assert!(marks.iter().any(|m| matches!(m, Run::Deleted(_))), "{marks:?}");
    assert!(marks.iter().any(|m| matches!(m, Run::Inserted(_))), "{marks:?}");
    assert!(marks.len() <= 4, "{marks:?}");
}

#[test]
fn watch_rebuilds_the_review_edition_on_every_save() {
    use std::io::Read;
    use std::process::Stdio;
    use std::time::{Duration, Instant};

    let p = Project::fixture("mini");
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["commit", "-q", "-m", "2030"]);
    let mut child = Command::new(env!("CARGO_BIN_EXE_perspektiv"))
        .args(["watch", "--changes-since", "HEAD:2030"])
        .current_dir(p.root())
        .env("NO_COLOR", "1")
        .stderr(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .unwrap();
    let review = p.path("out/2030/politiskt-inriktningsdokument-2030-granskning-head-2030.pdf");
    let text = || std::fs::read(&review).ok().map(|pdf| page_texts(&pdf).join(" "));
    let wait_for = |what: &str, f: &dyn Fn() -> bool| {
        let start = Instant::now();
        while !f() {
            assert!(start.elapsed() < Duration::from_secs(60), "timed out waiting for {what}");
            std::thread::sleep(Duration::from_millis(100));
        }
    };
    wait_for("the first build", &|| {
        text().is_some_and(|t| normalize(&t).contains(&normalize("Texten har inga ändringar")))
    });
    std::thread::sleep(Duration::from_millis(500));
    p.edit("sources/2030/goals.toml", |t| t.replace("Alla ska må bra.", "Alla ska må riktigt bra."));
    wait_for("the rebuild", &|| text().is_some_and(|t| normalize(&t).contains("[tillagt:riktigt")));
    child.kill().unwrap();
    let mut err = String::new();
    child.stderr.take().unwrap().read_to_string(&mut err).unwrap();
    let _ = child.wait();
    assert!(err.contains("the review edition"), "{err}");
}

/// The review edition as an auditor reads it: the checks of every PDF, the opening in the
/// bookmarks, its links described, the marks' words in the tagged text.
#[test]
fn the_review_edition_reads_as_it_looks() {
    let p = Project::fixture("pair");
    p.run(&["build", "2030", "--changes-since", "2029"]).ok();
    let pdf =
        std::fs::read(p.path("out/2030/politiskt-inriktningsdokument-2030-granskning-2029.pdf")).unwrap();
    assert_conforms(&pdf);
    let t = crate::tagged::Tagged::read(&pdf);
    let h1 = t.elements.iter().find(|e| e.kind == "H1").map(|e| e.text.clone()).unwrap_or_default();
    assert!(h1.contains("borttaget") && h1.contains("tillagt"), "the cover's title marks the year: {h1:?}");
    crate::accessibility::audit_common(&t, &h1);
    assert!(t.bookmarks().iter().any(|b| b == "Ändringar sedan 2029"), "{:?}", t.bookmarks());
    assert!(t.links().len() >= 3, "the opening links its changes");
    let text: String = t.elements.iter().map(|e| e.text.as_str()).collect::<Vec<_>>().join(" ");
    assert!(text.contains("[tillagt: ") && text.contains("[borttaget: "), "the marks' words are tagged text");
    // The bars are artifacts: no figure or path of them is read.
    assert_eq!(t.of_kind("Figure").count(), t.of_kind("Figure").filter(|f| f.alt.is_some()).count());
}

#[test]
fn a_review_edition_that_leaves_out_a_text_both_editions_show_is_not_written() {
    let p = Project::fixture("pair");
    // The review edition's template drops the indicators' rows: the one both editions have is
    // missed (the other changed its text, and may be split by its marks).
    crate::completeness::override_template(&p, "blocks/indicators.typ.j2", |t| {
        t.replace("{% for r in s.rows %}", "{% for r in s.rows if not review %}")
    });
    let run = p.run(&["build", "2030", "--changes-since", "2029"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("does not show 1 indicator"), "{err}");
    assert!(err.contains("indicator \"Fler elever ska vara behöriga.\""), "{err}");
    assert!(!p.path("out/2030/politiskt-inriktningsdokument-2030-granskning-2029.pdf").exists());
    assert!(!p.path("out/2030/politiskt-inriktningsdokument-2030.pdf").exists());
}

#[test]
fn an_organisation_chart_that_is_gone_is_shown_as_it_was_and_named_as_removed() {
    let p = Project::real();
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["commit", "-q", "-m", "2023"]);
    p.edit("sources/2023/document.toml", |t| {
        let chart = "[[chapter.block]]\norg_chart = { root = \"varmlandsradet\", legend = \"Uppdragen som är blåmarkerade finansieras av statliga satsningar\" }\n";
        assert!(t.contains(chart));
        t.replacen(chart, "", 1)
    });
    let run = p.run(&["build", "2023", "--changes-since", "HEAD:2023", "--out", "out"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let review =
        std::fs::read(p.path("out/2023/politiskt-inriktningsdokument-2023-granskning-head-2023.pdf"))
            .unwrap();
    assert_conforms(&review);
    let text = normalize(&page_texts(&review).join(" "));
    // normalize() leaves out whitespace.
    assert!(
        text.contains("borttagnarutor[borttaget:Värmlandsrådet,Ordföranderådet"),
        "no note of the gone boxes"
    );
    // The web edition's review page too; and 2019, which has no chart, against 2023.
    let run = p.run(&["site", "2023", "--changes-since", "HEAD:2023", "--out", "out"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    git(&p, &["stash", "-q"]);
    let older = p.run(&["build", "2019", "--changes-since", "2023", "--out", "out"]);
    assert_eq!(older.code(), 0, "{}", older.stderr());
}
