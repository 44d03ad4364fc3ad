//! `perspektiv diff`: formats, exit codes, git revisions, and the real 2019 → 2023 editions.

use serde_json::Value;

use crate::support::{Project, assert_conforms, git, normalize, pdf_text, repo};

#[test]
fn text_md_and_json_of_a_fixture_pair() {
    let p = Project::fixture("pair");
    let text = p.run(&["diff", "2029", "2030"]);
    assert_eq!(text.code(), 1, "{}", text.stderr());
    insta::assert_snapshot!("pair_text", text.stdout());
    let md = p.run(&["diff", "2029", "2030", "--format", "md"]);
    assert_eq!(md.code(), 1);
    insta::assert_snapshot!("pair_md", md.stdout());
    let json = p.run(&["diff", "2029", "2030", "--format", "json"]);
    assert_eq!(json.code(), 1);
    let v: Value = serde_json::from_str(&json.stdout()).expect("valid JSON");
    assert_eq!(v["schema"], "perspektiv-diff/2");
    assert_valid(&v);
    insta::assert_snapshot!("pair_json", json.stdout());
}

/// The JSON output validates against the committed schema.
#[track_caller]
fn assert_valid(v: &Value) {
    let schema: Value = serde_json::from_str(
        &std::fs::read_to_string(repo().join("sources/schema/diff.schema.json"))
            .expect("the diff schema is committed"),
    )
    .expect("the schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("the schema compiles");
    let errors: Vec<String> =
        validator.iter_errors(v).map(|e| format!("{e} at {}", e.instance_path())).collect();
    assert!(errors.is_empty(), "the diff does not match its schema:\n{}", errors.join("\n"));
}

#[test]
fn change_annex_pdf_conforms() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(run.stdout().is_empty(), "with only --pdf nothing goes to stdout");
    let pdf = std::fs::read(p.path("out/forandringar.pdf")).unwrap();
    assert_conforms(&pdf);
    let text = normalize(&pdf_text(&pdf));
    for needle in [
        "Förändringar 2029–2030",
        "Översikt",
        "Indikatorer",
        "öka med minst 3 procentenheter",
        "öka med minst 2 procentenheter",
        "Bo Berg",
        "Dan Ek",
        "(saknas)",
        // Changed words are marked in the text itself, for a screen reader and in greyscale.
        "[borttaget: 16]–84",
        "[tillagt: 18]–84",
    ] {
        assert!(text.contains(&normalize(needle)), "missing {needle:?}");
    }
    assert!(!text.contains("målvärde") && !text.contains("–|"), "field paths or bare dashes in the annex");

    // The lists' headings say what they list: "Ändrade indikatorer", never a bare "Ändrade".
    let tagged = crate::tagged::Tagged::read(&pdf);
    let lists: Vec<&str> = tagged.of_kind("H3").map(|e| e.text.as_str()).collect();
    assert!(
        lists.contains(&"Ändrade indikatorer") && lists.contains(&"Nya personer och roller"),
        "{lists:?}"
    );
    for heading in &lists {
        assert!(heading.split(' ').count() >= 2, "a heading that does not say what it lists: {heading:?}");
    }
    let mut unique = lists.clone();
    unique.sort_unstable();
    unique.dedup();
    assert_eq!(unique.len(), lists.len(), "headings repeated: {lists:?}");

    // The annex speaks for the steering group (the document's author), not for the program.
    let doc = lopdf::Document::load_mem(&pdf).unwrap();
    let info =
        doc.trailer.get(b"Info").and_then(|i| doc.dereference(i)).unwrap().1.as_dict().unwrap().clone();
    let author = info.get(b"Author").and_then(lopdf::decode_text_string);
    assert!(matches!(&author, Ok(a) if a == "Testförfattare"), "{author:?}");

    // The rows of a changed entity point to its name (a second-level header) and to their
    // field, which is a row header.
    let cells = struct_elements(&doc);
    let row_headers: Vec<&Elem> =
        cells.iter().filter(|e| e.kind == "TH" && e.scope.as_deref() == Some("Row")).collect();
    let groups: Vec<&Elem> = cells.iter().filter(|e| e.kind == "TH" && e.colspan == Some(3)).collect();
    assert!(row_headers.len() >= 10, "{} row headers", row_headers.len());
    assert!(groups.len() >= 8, "{} group headers", groups.len());
    let data: Vec<&Elem> = cells.iter().filter(|e| e.kind == "TD").collect();
    assert!(!data.is_empty());
    for cell in data {
        let points_to = |h: &&Elem| h.id.as_ref().is_some_and(|id| cell.headers.contains(id));
        assert!(groups.iter().any(points_to), "a data cell without its entity: {:?}", cell.headers);
        assert!(row_headers.iter().any(points_to), "a data cell without its field: {:?}", cell.headers);
    }
}

/// A table cell of the structure tree.
#[derive(Debug)]
struct Elem {
    kind: String,
    id: Option<String>,
    scope: Option<String>,
    colspan: Option<i64>,
    headers: Vec<String>,
}

/// The TH and TD elements of a tagged PDF's structure tree, with their table attributes.
fn struct_elements(doc: &lopdf::Document) -> Vec<Elem> {
    fn string(o: &lopdf::Object) -> Option<String> {
        match o {
            lopdf::Object::String(b, _) => Some(String::from_utf8_lossy(b).into_owned()),
            lopdf::Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
            _ => None,
        }
    }
    fn walk(doc: &lopdf::Document, o: &lopdf::Object, out: &mut Vec<Elem>, depth: usize) {
        let Ok((_, o)) = doc.dereference(o) else { return };
        if depth > 200 {
            return;
        }
        match o {
            lopdf::Object::Array(items) => {
                for i in items {
                    walk(doc, i, out, depth + 1);
                }
            }
            lopdf::Object::Dictionary(d) => {
                let kind = d.get(b"S").ok().and_then(string);
                if let Some(kind @ ("TH" | "TD")) = kind.as_deref() {
                    let mut e = Elem {
                        kind: kind.to_owned(),
                        id: d.get(b"ID").ok().and_then(string),
                        scope: None,
                        colspan: None,
                        headers: Vec::new(),
                    };
                    let attrs: Vec<lopdf::Object> =
                        match d.get(b"A").ok().map(|a| doc.dereference(a).map(|(_, a)| a.clone())) {
                            Some(Ok(lopdf::Object::Array(a))) => a,
                            Some(Ok(a)) => vec![a],
                            _ => Vec::new(),
                        };
                    for a in attrs {
                        if let Ok((_, lopdf::Object::Dictionary(a))) = doc.dereference(&a) {
                            e.scope = e.scope.or_else(|| a.get(b"Scope").ok().and_then(string));
                            e.colspan =
                                e.colspan.or_else(|| a.get(b"ColSpan").ok().and_then(|c| c.as_i64().ok()));
                            if let Ok(lopdf::Object::Array(h)) = a.get(b"Headers") {
                                e.headers.extend(h.iter().filter_map(string));
                            }
                        }
                    }
                    out.push(e);
                }
                if (d.has(b"S") || d.has(b"Type"))
                    && let Ok(k) = d.get(b"K")
                {
                    walk(doc, k, out, depth + 1);
                }
            }
            _ => {}
        }
    }
    let mut out = Vec::new();
    let root = doc.catalog().ok().and_then(|c| c.get(b"StructTreeRoot").ok().cloned());
    if let Some(root) = root {
        walk(doc, &root, &mut out, 0);
    }
    out
}

#[test]
fn identical_sides_exit_0_without_output() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2030", "2030"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains(": inga skillnader.\n"), "{}", run.stdout());
    let p = Project::real();
    let run = p.run(&["diff", "2023", "2023"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains(": inga skillnader.\n"), "{}", run.stdout());
}

#[test]
fn bad_sides_exit_2() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2029", "tjugo"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("neither a year"), "{}", run.stderr());
    let run = p.run(&["diff", "2029", "2031"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("there are no sources for 2031"), "{}", run.stderr());
    let run = p.run(&["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 2);
    assert!(run.stderr().contains("not inside a git repository"), "{}", run.stderr());
}

#[test]
fn a_revision_without_the_year_says_so_without_advice() {
    let p = Project::fixture("pair");
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["rm", "-r", "-q", "--cached", "sources/2030"]);
    git(&p, &["commit", "-q", "-m", "2029 only"]);
    let run = p.run(&["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    let err = run.stderr();
    assert!(err.contains("`HEAD` has no sources/2030: the year was added later"), "{err}");
    assert!(!err.contains("perspektiv new") && !err.contains("perspektiv check"), "no advice: {err}");
    let run = p.run(&["diff", "HEAD:2031", "2030"]);
    assert_eq!(run.code(), 2, "{}", run.stderr());
    assert!(
        run.stderr().contains("`HEAD` has no sources/2031: its years with sources are 2029"),
        "{}",
        run.stderr()
    );
}

#[test]
fn git_revisions_against_the_working_tree() {
    let p = Project::fixture("mini");
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["commit", "-q", "-m", "remiss"]);
    git(&p, &["tag", "v2030-remiss"]);
    p.edit("sources/2030/goals.toml", |t| t.replacen("amount = 2", "amount = 4", 1));

    let run = p.run(&["diff", "v2030-remiss:2030", "2030"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    assert!(
        run.stdout().contains("Mål: öka med minst 2 procentenheter → öka med minst 4 procentenheter"),
        "{}",
        run.stdout()
    );
    assert!(run.stdout().starts_with("Förändringar v2030-remiss:2030 – 2030"), "{}", run.stdout());

    git(&p, &["commit", "-q", "-am", "höjd ambition"]);
    let run = p.run(&["diff", "HEAD~1:2030", "HEAD:2030", "--format", "json"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let v: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(v["entities"].as_array().unwrap().len(), 1, "{v:#}");
    assert_eq!(v["entities"][0]["id"], "behoriga");

    let run = p.run(&["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    let run = p.run(&["diff", "nosuchrev:2030", "2030"]);
    assert_eq!(run.code(), 2);
    assert!(
        run.stderr().contains("`nosuchrev` names no commit: there is no branch, tag or commit `nosuchrev`"),
        "{}",
        run.stderr()
    );
    // Errors speak of the user's revision, never of the git library's internals.
    for (rev, says) in [
        ("HEAD~5", "`HEAD~5` goes back further than the history: `HEAD` has 1 commit before it"),
        ("HEAD^2", "`HEAD^2` names parent 2 of `HEAD`, but `HEAD` has 1 parent"),
        ("HEAD@{9}", "`HEAD@{9}` names an entry of `HEAD`'s reflog"),
    ] {
        let run = p.run(&["diff", &format!("{rev}:2030"), "2030"]);
        assert_eq!(run.code(), 2, "{rev}");
        let err = run.stderr();
        assert!(err.contains(says), "{rev}: {err}");
        assert!(!err.contains("delegate") && !err.contains("input="), "{rev}: {err}");
    }
}

fn entity<'a>(diff: &'a Value, kind: &str, id: &str) -> &'a Value {
    diff["entities"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == kind && e["id"] == id)
        .unwrap_or_else(|| panic!("no {kind} {id} in the diff"))
}

fn field<'a>(e: &'a Value, name: &str) -> &'a Value {
    e["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {e:#}"))
}

fn fields<'a>(e: &'a Value, name: &str) -> Vec<&'a Value> {
    e["fields"].as_array().unwrap().iter().filter(|f| f["field"] == name).collect()
}

/// The real editions: what persists shows as changed, never as removed plus added, in the
/// document's terms; the JSON matches its schema.
#[test]
fn the_2019_and_2023_editions() {
    let p = Project::real();
    let run = p.run(&["diff", "2019", "2023", "--format", "json"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let d: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_valid(&d);

    // A target is one field, printed as Bilaga 1 prints it, with the raw values beside.
    let placed = entity(&d, "indicator", "placerade-barn-gymnasium");
    assert_eq!(placed["change"], "changed");
    let target = field(placed, "target");
    assert_eq!(target["label"], "Mål");
    assert_eq!(target["before"], "öka med minst 4 procentenheter");
    assert_eq!(target["after"], "öka med 3 procentenheter");
    assert_eq!(target["old"]["amount"], 4.0);
    assert_eq!(target["new"]["amount"], 3.0);

    let falls = entity(&d, "indicator", "fallskador-80");
    assert_eq!(field(falls, "target")["after"], "minska med 1\u{202F}000/100\u{202F}000 inv.");
    assert_eq!(field(falls, "target")["new"]["unit"], "per-100000-inv");

    let suicide = entity(&d, "indicator", "suicid");
    let words = field(suicide, "text")["words"].as_array().unwrap();
    assert!(words.iter().any(|w| w["op"] == "delete" && w["text"] == "självmordsförsök"), "{words:?}");
    assert!(words.iter().any(|w| w["op"] == "insert" && w["text"].as_str().unwrap().contains("(suicid)")));

    let health = entity(&d, "indicator", "god-halsa");
    assert_eq!(field(health, "age")["before"], "16–84 år");
    assert_eq!(field(health, "age")["after"], "18–84 år");

    for group in ["barnalivet", "ungdomslivet", "vuxenlivet", "aldrelivet"] {
        let g = entity(&d, "body", group);
        assert_eq!(g["change"], "changed");
        assert_eq!(field(g, "kind")["before"], "arbetsgrupp");
        assert_eq!(field(g, "kind")["after"], "samverkansgrupp");
    }

    // The steering group persists; its members changed, told with names, roles and periods.
    let steering = entity(&d, "body", "politisk-styrgrupp");
    assert_eq!(steering["change"], "changed");
    let members = fields(steering, "members");
    assert!(members.iter().any(|f| f["before"] == "Ulric Andersson, ledamot" && f.get("after").is_none()));
    assert!(members.iter().any(|f| f["after"] == "Åsa Johansson, ordförande 5 maj 2023 – 31 december 2026"));
    for gone in ["ulric-andersson", "elisabeth-kihlstrom", "bjarne-olsson", "anna-dahlen-gauffin"] {
        assert_eq!(entity(&d, "member", gone)["change"], "removed");
    }
    let stina = entity(&d, "member", "stina-hook");
    assert_eq!(stina["change"], "changed");
    assert_eq!(
        field(stina, "role")["after"],
        "ledamot i Politiska styrgruppen 5 maj 2023 – 31 december 2026"
    );
    let johansson = entity(&d, "member", "asa-johansson");
    assert_eq!(
        johansson["summary"],
        "regionråd, Region Värmland (S); ordförande i Politiska styrgruppen 5 maj 2023 – 31 december 2026"
    );

    // A chapter that became an appendix is the same chapter.
    let adjacent = entity(&d, "chapter", "angransande");
    assert_eq!(adjacent["name"], "Bilaga 2 – Angränsande och kompletterande arbeten");
    assert_eq!(field(adjacent, "part")["after"], "bilaga");

    // Nothing that persists is removed: no indicator, goal or body is gone, and the only new
    // indicator is the one 2019 did not have.
    let of = |kind: &str, change: &str| -> Vec<String> {
        d["entities"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|e| e["kind"] == kind && e["change"] == change)
            .map(|e| e["id"].as_str().unwrap().to_owned())
            .collect()
    };
    assert!(of("indicator", "removed").is_empty(), "{:?}", of("indicator", "removed"));
    assert_eq!(of("indicator", "added"), ["ofrivillig-ensamhet-85"]);
    assert!(of("goal", "removed").is_empty() && of("goal", "added").is_empty());
    assert!(of("body", "removed").is_empty(), "{:?}", of("body", "removed"));
}

/// Everything of the kind a programmer writes and a politician does not read: raw JSON, ISO
/// dates, Markdown syntax from the sources, ids used as names, internal key paths.
fn programmer_speak(text: &str, markdown: bool) -> Vec<String> {
    let mut found = Vec::new();
    let mut look = |what: &str, hit: bool| {
        if hit {
            found.push(what.to_owned());
        }
    };
    look("raw JSON", text.contains("{\"") || text.contains("\":") || text.contains("\"body\""));
    let bytes = text.as_bytes();
    let iso = bytes.windows(10).any(|w| {
        w.iter().enumerate().all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
    });
    look("an ISO date", iso);
    for path in ["mål ›", "omslag ›", "target.", "role[", "paragraph[", " › "] {
        look(&format!("a key path ({path})"), text.contains(path));
    }
    // Markdown from the sources; the Markdown report's own `**`, `~~` and `- ` are its syntax.
    for syntax in ["\\*", "\\[", "[^", "](", "\\_", "`"] {
        look(&format!("Markdown syntax {syntax}"), text.contains(syntax));
    }
    if !markdown {
        for syntax in ["**", "~~", "*Agenda", "* "] {
            look(&format!("Markdown syntax {syntax}"), text.contains(syntax));
        }
    }
    for line in text.lines() {
        let body = line.trim_start().trim_start_matches(['-', '+', '~', '#', '*', ' ']);
        look(
            &format!("a list written into a line: {line:?}"),
            body.contains(" - ") && body.matches(" - ").count() > 2,
        );
    }
    // Ids: slugs of the sources never appear as words.
    let word = |w: &str| {
        text.match_indices(w).any(|(i, _)| {
            let before = text[..i].chars().next_back();
            let after = text[i + w.len()..].chars().next();
            let joins = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric() || c == '-');
            !joins(before) && !joins(after)
        })
    };
    for id in [
        "politisk-styrgrupp",
        "god-och-nara-vard",
        "region-varmland",
        "arshjul",
        "beredningsgruppens-arbetssatt",
        "samverkansgrupperna",
        "ordforande",
        "per-100000-inv",
        "stodstruktur",
        "document",
    ] {
        look(&format!("the id {id}"), word(id));
    }
    found
}

/// The Markdown and text reports of 2019 → 2023 read as documents: an overview first, then the
/// changes in the document's own terms.
#[test]
fn the_reports_read_as_documents() {
    let p = Project::real();
    let md = p.run(&["diff", "2019", "2023", "--format", "md"]).stdout();
    let text = p.run(&["diff", "2019", "2023"]).stdout();
    assert_eq!(programmer_speak(&md, true), Vec::<String>::new(), "in the Markdown report");
    assert_eq!(programmer_speak(&text, false), Vec::<String>::new(), "in the text report");

    // An overview first: counts, then the most important changes.
    assert!(md.starts_with("# Förändringar 2019–2023\n"), "{md}");
    let overview = md.find("## Översikt").expect("an overview");
    let first_section = md.find("## Dokumentet").expect("the sections");
    assert!(overview < first_section);
    let head = &md[overview..first_section];
    for needle in [
        "Indikatorer: 1 ny och 24 ändrade",
        "Personer: 38 nya, 4 borttagna och 1 ändrad",
        "**Ändrat mål:** Fler barn som varit placerade hela årskursen 9 ska som 20-åringar ha avslutat treårigt gymnasium: öka med minst 4 procentenheter → öka med 3 procentenheter",
        "**Ny indikator:** Invånare 85+ år som upplever ofrivillig ensamhet, kvinnor/män",
        // The steering group on each document's date, each person once, the body named once.
        "**Politiska styrgruppen:** Ny mandatperiod 5 maj 2023 – 31 december 2026: ny ordförande Åsa Johansson (tidigare Stina Höök, nu ledamot); nya: Hanna Andersson, Solweig Gard, Malin Hagström, Sofia Magnusson, Lars Nilsson och Daniel Schützer; har lämnat: Ulric Andersson, Anna Dahlen Gauffin, Elisabeth Kihlström och Bjarne Olsson.",
    ] {
        assert!(head.contains(needle), "the overview lacks {needle:?}:\n{head}");
    }
    // Values as the document prints them.
    for needle in [
        "**Mål**: minska antalet fallskador bland individer 80+ år med 10/1000 invånare → minska med 1\u{202F}000/100\u{202F}000 inv.",
        "**Datum**: 30 april 2019 → 5 maj 2023",
        "**Roll**: ordförande i Politisk styrgrupp → ledamot i Politiska styrgruppen 5 maj 2023 – 31 december 2026",
        "- **Åsa Johansson**: regionråd, Region Värmland (S); ordförande i Politiska styrgruppen 5 maj 2023 – 31 december 2026",
        "Liv & Hälsa (fotnot: Befolkningsundersökningen Liv & Hälsa genomförs återkommande i Värmland. 14\u{202F}200 invånare",
        "#### Bilaga 4 – Årshjul för politisk styrgrupp och beredningsgrupp",
    ] {
        assert!(
            md.contains(needle) || needle.starts_with("####") && md.contains("- **Bilaga 4 – Årshjul"),
            "the Markdown report lacks {needle:?}"
        );
    }
    // Prose is prose: emphasis is gone, words are marked as words.
    assert!(md.contains("Agenda 2030 är en agenda för ett hållbart samhälle."));
    assert!(md.contains("Antal ~~självmordsförsök~~ **självmord (suicid)**"), "{md}");
    // The text report says the same.
    for needle in [
        "Översikt",
        "Indikatorer: 1 ny och 24 ändrade",
        "Mål: öka med minst 4 procentenheter → öka med 3 procentenheter",
        "Antal [-självmordsförsök-] {+självmord (suicid)+}",
    ] {
        assert!(text.contains(needle), "the text report lacks {needle:?}");
    }
}

/// An item inserted before an edited one is one insertion and one word-level change: for a
/// paragraph, a remit's task and a person's role; the positions are the new document's.
#[test]
fn an_insertion_before_an_edit_is_one_insertion_and_one_edit() {
    let p = Project::fixture("pair");
    p.edit("sources/2030/document.toml", |t| {
        t.replace(
            "Första stycket med \"citat\" och en lista:",
            "Ett nytt första stycke om något helt annat.\n\nFörsta stycket med \"citat\" och en kort lista:",
        )
    });
    p.edit("sources/2030/groups.toml", |t| {
        t.replace(
            "items = [\"Identifiera.\", \"Stödja.\"]",
            "items = [\"Planera året.\", \"Identifiera behov och resurser.\", \"Stödja.\"]",
        )
    });
    p.edit("sources/2030/members.toml", |t| {
        t.replace(
            "[[member.role]]\nbody = \"arbetsgrupp\"\nrole = \"samordnare\"\n",
            "[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ledamot\"\n\n[[member.role]]\nbody = \"arbetsgrupp\"\nrole = \"samordnare\"\nuntil = 2030-12-31\n",
        )
    });
    let run = p.run(&["diff", "2029", "2030", "--format", "json"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let d: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_valid(&d);
    for (kind, id, list, added_label, changed_label) in [
        ("chapter", "inledning", "paragraph", "Stycke 1", "Stycke 2"),
        ("remit", "arbetsgrupp", "items", "Uppgift 1", "Uppgift 2"),
        ("member", "cecilia-dahl", "role", "Roll", "Roll"),
    ] {
        let changes = fields(entity(&d, kind, id), list);
        assert_eq!(changes.len(), 2, "{kind} {id}: {changes:#?}");
        let added = changes.iter().find(|f| f.get("before").is_none()).expect("one insertion");
        let edited = changes.iter().find(|f| f.get("before").is_some()).expect("one edit");
        assert_eq!(added["label"], added_label, "{added:#}");
        assert_eq!(edited["label"], changed_label, "{edited:#}");
        let words = edited["words"].as_array().expect("a word-level change");
        assert!(words.iter().any(|w| w["op"] == "insert"), "{edited:#}");
        assert!(words.iter().filter(|w| w["op"] == "equal").count() >= 1, "{edited:#}");
    }
    let text = p.run(&["diff", "2029", "2030"]).stdout();
    for needle in [
        "Stycke 1 (tillkommer): Ett nytt första stycke om något helt annat.",
        "Stycke 2: Första stycket med {+\"citat\" och+} en {+kort+} lista:",
        "Uppgift 1 (tillkommer): Planera året.",
        "Uppgift 2: Identifiera behov {+och resurser+}.",
        "Roll (tillkommer): ledamot i Styrgruppen",
        "Roll: samordnare i Arbetsgrupp → samordnare i Arbetsgruppen till och med 31 december 2030",
        "Plats i organet: Cecilia Dahl, samordnare {+till och med 31 december 2030+}",
    ] {
        assert!(text.contains(needle), "missing {needle:?} in\n{text}");
    }
}

/// A person who keeps one of two seats in a body loses one role, told as such.
#[test]
fn a_person_who_keeps_one_of_two_seats_loses_one_role() {
    let p = Project::fixture("pair");
    // 2029: Åsa Ek chairs until 4 May and is a member from 5 May; 2030: only the membership.
    p.edit("sources/2029/members.toml", |t| {
        t.replacen(
            "[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ordforande\"\n",
            "[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ordforande\"\nuntil = 2030-05-04\n\n[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ledamot\"\nfrom = 2030-05-05\n",
            1,
        )
    });
    p.edit("sources/2030/members.toml", |t| {
        t.replacen(
            "[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ordforande\"\nuntil = 2030-05-04\n\n",
            "",
            1,
        )
    });
    let d: Value =
        serde_json::from_str(&p.run(&["diff", "2029", "2030", "--format", "json"]).stdout()).unwrap();
    let roles = fields(entity(&d, "member", "asa-ek"), "role");
    assert_eq!(roles.len(), 1, "{roles:#?}");
    assert_eq!(roles[0]["before"], "ordförande i Styrgruppen till och med 4 maj 2030");
    assert!(roles[0].get("after").is_none() && roles[0].get("position").is_none(), "{:#}", roles[0]);
    let md = p.run(&["diff", "2029", "2030", "--format", "md"]).stdout();
    assert!(md.contains("- **Roll** (utgår): ordförande i Styrgruppen till och med 4 maj 2030\n"), "{md}");
}

/// Every TOML file of `sources/<year>` rewritten in Unicode normal form D (`å` as `a` and a
/// combining ring), as text copied from macOS file names arrives; returns how many characters
/// changed form.
fn decompose_year(p: &Project, year: i32) -> usize {
    use unicode_normalization::UnicodeNormalization;
    let mut decomposed = 0;
    for entry in std::fs::read_dir(p.path(&format!("sources/{year}"))).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "toml") {
            let text = std::fs::read_to_string(&path).unwrap();
            let nfd: String = text.nfd().collect();
            decomposed += nfd.chars().count() - text.chars().count();
            std::fs::write(&path, nfd).unwrap();
        }
    }
    decomposed
}

/// NFD and NFC copies of the same sources are the same document: the strings are normalised
/// on load, so `diff` finds nothing, and the PDF's text is NFC.
#[test]
fn decomposed_and_composed_sources_are_the_same_document() {
    let p = Project::fixture("pair");
    git(&p, &["init", "-q"]);
    git(&p, &["add", "-A"]);
    git(&p, &["commit", "-q", "-m", "nfc"]);
    assert!(decompose_year(&p, 2030) > 10, "the fixture has å, ä and ö to decompose");
    let members = std::fs::read_to_string(p.path("sources/2030/members.toml")).unwrap();
    assert!(members.contains("A\u{30a}sa Ek") && !members.contains("Åsa Ek"));

    let run = p.run(&["diff", "HEAD:2030", "2030"]);
    assert_eq!(run.code(), 0, "{}\n{}", run.stderr(), run.stdout());
    assert!(run.stdout().contains("jämfört med 2030 (HEAD:2030): inga skillnader.\n"), "{}", run.stdout());
    let run = p.run(&["diff", "HEAD:2030", "2030", "--format", "md"]);
    assert_eq!(run.code(), 0, "{}", run.stderr());
    assert!(run.stdout().contains("jämfört med 2030 (HEAD:2030): inga skillnader."), "{}", run.stdout());
    let run = p.run(&["diff", "HEAD:2030", "2030", "--format", "json"]);
    let v: Value = serde_json::from_str(&run.stdout()).unwrap();
    assert_eq!(v["entities"].as_array().map(Vec::len), Some(0), "{v:#}");

    p.run(&["build", "2030"]).ok();
    let pdf = std::fs::read_dir(p.path("out/2030"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|path| path.extension().is_some_and(|e| e == "pdf"))
        .expect("a PDF");
    let text = pdf_text(&std::fs::read(pdf).unwrap());
    assert!(text.contains("Åsa Ek"), "{text}");
    let combining: Vec<char> = text.chars().filter(|c| ('\u{300}'..='\u{36f}').contains(c)).collect();
    assert!(combining.is_empty(), "combining marks in the PDF's text: {combining:?}");
}

/// A seat of the steering group in the members file: role, first and last day.
type Seat<'a> = (&'a str, Option<&'a str>, Option<&'a str>);

/// A members file of the pair fixture: the steering group's people (id, name, seats) and the
/// working group's coordinator as the fixture has her.
fn steering_members(people: &[(&str, &str, &[Seat<'_>])]) -> String {
    let mut out = String::new();
    for (id, name, seats) in people {
        out.push_str(&format!(
            "[[member]]\nid = \"{id}\"\nname = \"{name}\"\ntitle = \"regionråd\"\norganisation = \"region-varmland\"\n\n"
        ));
        for (role, from, until) in *seats {
            out.push_str(&format!("[[member.role]]\nbody = \"styrgrupp\"\nrole = \"{role}\"\n"));
            if let Some(f) = from {
                out.push_str(&format!("from = {f}\n"));
            }
            if let Some(u) = until {
                out.push_str(&format!("until = {u}\n"));
            }
            out.push('\n');
        }
    }
    out.push_str(
        "[[member]]\nid = \"cecilia-dahl\"\nname = \"Cecilia Dahl\"\ntitle = \"utvecklingsledare\"\norganisation = \"region-varmland\"\n\n[[member.role]]\nbody = \"arbetsgrupp\"\nrole = \"samordnare\"\n\n[[member.role]]\nbody = \"arbetsgrupp\"\nrole = \"kontaktperson\"\narea = \"omrade-a\"\n",
    );
    out
}

const CHAIR: &[Seat<'static>] = &[("ordforande", None, None)];
const MEMBER: &[Seat<'static>] = &[("ledamot", None, None)];

/// The pair fixture with 2030 a copy of 2029 dated `date`, the steering group as `before` in
/// 2029 and as `after` in 2030; the report's text.
fn steering_change(
    date: &str,
    before: &[(&str, &str, &[Seat<'_>])],
    after: &[(&str, &str, &[Seat<'_>])],
) -> (Project, String) {
    let p = Project::fixture("pair");
    for entry in std::fs::read_dir(p.path("sources/2029")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, p.path("sources/2030").join(path.file_name().unwrap())).unwrap();
    }
    p.edit("sources/2030/document.toml", |t| {
        t.replace("year = 2029", "year = 2030").replace("date = 2029-03-01", &format!("date = {date}"))
    });
    std::fs::write(p.path("sources/2029/members.toml"), steering_members(before)).unwrap();
    std::fs::write(p.path("sources/2030/members.toml"), steering_members(after)).unwrap();
    let run = p.run(&["diff", "2029", "2030"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    (p, run.stdout())
}

/// The steering group's line of "Det viktigaste", if any.
fn steering_highlight(text: &str) -> Option<String> {
    let overview = &text[text.find("Det viktigaste").unwrap_or(0)..];
    let overview = &overview[..overview.find("\n\n").unwrap_or(overview.len())];
    let lines: Vec<&str> = overview.lines().filter(|l| l.starts_with("  Styrgruppen: ")).collect();
    assert!(lines.len() <= 1, "the body told twice:\n{text}");
    lines.first().map(|l| l.trim_start_matches("  Styrgruppen: ").to_owned())
}

/// "Det viktigaste" compares the steering group by the seats in force on each side's date and
/// by the people's ids: a chair, who joined, who left and who replaced whom, each once.
#[test]
fn the_steering_group_is_compared_by_seats_in_force_and_ids() {
    let asa = ("asa-ek", "Åsa Ek");
    let dan = ("dan-ek", "Dan Ek");
    let karin = ("karin-berg", "Karin Berg");
    let before = [(asa.0, asa.1, CHAIR), (dan.0, dan.1, MEMBER)];
    type Case<'a> = (&'a str, &'a str, Vec<(&'a str, &'a str, &'a [Seat<'a>])>, Option<&'a str>);
    let cases: Vec<Case<'_>> = vec![
        (
            "the chair replaced mid-term, the ended seat kept",
            "2030-06-01",
            vec![
                (asa.0, asa.1, &[("ordforande", None, Some("2030-01-31"))]),
                (karin.0, karin.1, &[("ordforande", Some("2030-02-01"), None)]),
                (dan.0, dan.1, MEMBER),
            ],
            Some("Åsa Ek ersattes som ordförande av Karin Berg från 1 februari 2030."),
        ),
        (
            "a replacement announced for after the document's date",
            "2030-01-15",
            vec![
                (asa.0, asa.1, &[("ordforande", None, Some("2030-01-31"))]),
                (karin.0, karin.1, &[("ordforande", Some("2030-02-01"), None)]),
                (dan.0, dan.1, MEMBER),
            ],
            Some("Åsa Ek ersätts som ordförande av Karin Berg från 1 februari 2030."),
        ),
        (
            "a member replaced mid-term",
            "2030-06-01",
            vec![
                (asa.0, asa.1, CHAIR),
                (dan.0, dan.1, &[("ledamot", None, Some("2030-01-31"))]),
                (karin.0, karin.1, &[("ledamot", Some("2030-02-01"), None)]),
            ],
            Some("Dan Ek ersattes av Karin Berg från 1 februari 2030."),
        ),
        (
            "a member and the chair change roles",
            "2030-06-01",
            vec![(asa.0, asa.1, MEMBER), (dan.0, dan.1, CHAIR)],
            Some("Ny ordförande Dan Ek (tidigare Åsa Ek, nu ledamot)."),
        ),
        (
            "a new chair from outside, the old one gone",
            "2030-06-01",
            vec![(karin.0, karin.1, CHAIR), (dan.0, dan.1, MEMBER)],
            Some("Ny ordförande Karin Berg (tidigare Åsa Ek, som har lämnat styrgruppen)."),
        ),
        (
            "a vice chair",
            "2030-06-01",
            vec![(asa.0, asa.1, CHAIR), (dan.0, dan.1, &[("vice-ordforande", None, None)])],
            Some("Ny vice ordförande Dan Ek."),
        ),
        (
            "one joins, one leaves",
            "2030-06-01",
            vec![(asa.0, asa.1, CHAIR), (karin.0, karin.1, MEMBER)],
            Some("Nya: Karin Berg; har lämnat: Dan Ek."),
        ),
        (
            "a member becomes a deputy",
            "2030-06-01",
            vec![(asa.0, asa.1, CHAIR), (dan.0, dan.1, &[("ersattare", None, None)])],
            Some("Dan Ek är nu ersättare (tidigare ledamot)."),
        ),
        (
            "a seat that ended before the document's date is not in force",
            "2030-06-01",
            vec![(asa.0, asa.1, CHAIR), (dan.0, dan.1, &[("ledamot", None, Some("2030-04-30"))])],
            Some("Har lämnat: Dan Ek."),
        ),
        (
            "the chair renamed: the same person",
            "2030-06-01",
            vec![(asa.0, "Åsa Lind", CHAIR), (dan.0, dan.1, MEMBER)],
            None,
        ),
    ];
    for (what, date, after, want) in cases {
        let (_, text) = steering_change(date, &before, &after);
        assert_eq!(steering_highlight(&text).as_deref(), want, "{what}:\n{text}");
        for name in ["Åsa Ek", "Dan Ek", "Karin Berg"] {
            let told = steering_highlight(&text).unwrap_or_default().matches(name).count();
            assert!(told <= 1, "{what}: {name} told {told} times:\n{text}");
        }
    }
}

/// With terms of office: a replacement inside the term is told as such, without a new term; a
/// new term in force on the new date is named once, with the people who sit in it.
#[test]
fn terms_of_office_frame_the_steering_group() {
    let term = |p: &Project, year: i32, terms: &str| {
        p.edit(&format!("sources/{year}/groups.toml"), |t| {
            t.replacen("kind = \"styrgrupp\"\n", &format!("kind = \"styrgrupp\"\nterm = {terms}\n"), 1)
        });
    };
    let before = [("asa-ek", "Åsa Ek", CHAIR), ("dan-ek", "Dan Ek", MEMBER)];

    let inside: [(&str, &str, &[Seat<'_>]); 3] = [
        ("asa-ek", "Åsa Ek", &[("ordforande", None, Some("2030-01-31"))]),
        ("karin-berg", "Karin Berg", &[("ordforande", Some("2030-02-01"), None)]),
        ("dan-ek", "Dan Ek", MEMBER),
    ];
    let (p, _) = steering_change("2030-06-01", &before, &inside);
    let one_term = "[{ from = 2027-01-01, until = 2030-12-31 }]";
    term(&p, 2029, one_term);
    term(&p, 2030, one_term);
    let text = p.run(&["diff", "2029", "2030"]).stdout();
    assert_eq!(
        steering_highlight(&text).as_deref(),
        Some("Åsa Ek ersattes som ordförande av Karin Berg från 1 februari 2030."),
        "{text}"
    );

    let new_term: [(&str, &str, &[Seat<'_>]); 3] = [
        ("asa-ek", "Åsa Ek", &[("ordforande", None, Some("2029-12-31"))]),
        (
            "dan-ek",
            "Dan Ek",
            &[("ledamot", None, Some("2029-12-31")), ("ordforande", Some("2030-01-01"), None)],
        ),
        ("karin-berg", "Karin Berg", &[("ledamot", Some("2030-01-01"), None)]),
    ];
    let (p, _) = steering_change("2030-06-01", &before, &new_term);
    term(&p, 2029, "[{ until = 2029-12-31 }]");
    term(&p, 2030, "[{ until = 2029-12-31 }, { from = 2030-01-01, until = 2033-12-31 }]");
    let text = p.run(&["diff", "2029", "2030"]).stdout();
    assert_eq!(
        steering_highlight(&text).as_deref(),
        Some(
            "Ny mandatperiod 1 januari 2030 – 31 december 2033: ny ordförande Dan Ek (tidigare Åsa Ek, som har lämnat styrgruppen); nya: Karin Berg."
        ),
        "{text}"
    );
}

/// A person whose name changes (the same id) is one person with a new name, in every count and
/// section: never a departure and an arrival, never a new chair.
#[test]
fn a_renamed_person_is_a_name_change() {
    let before = [("asa-ek", "Åsa Ek", CHAIR), ("dan-ek", "Dan Ek", MEMBER)];
    let after = [("asa-ek", "Åsa Lind", CHAIR), ("dan-ek", "Dan Ek", MEMBER)];
    let (p, text) = steering_change("2030-06-01", &before, &after);
    assert!(text.contains("  Personer: 1 ändrad\n"), "{text}");
    assert!(text.contains("  ~ Åsa Lind\n      Namn: Åsa Ek → Åsa Lind\n"), "{text}");
    assert!(!text.contains("Det viktigaste"), "{text}");
    assert!(!text.contains("Organ och grupper"), "the body's seats did not change:\n{text}");
    for word in ["har lämnat", "nya:", "ordförande Åsa Lind", "tillkommer", "utgår"] {
        assert!(!text.contains(word), "{word:?} in\n{text}");
    }
    let md = p.run(&["diff", "2029", "2030", "--format", "md"]).stdout();
    assert!(md.contains("#### Åsa Lind\n\n- **Namn**: Åsa Ek → Åsa Lind\n"), "{md}");
}

/// The chair replaced mid-term reads the same in the text, Markdown and PDF forms: the new
/// chair, the leaver and the date, once; neither as joining nor as leaving.
#[test]
fn a_replaced_chair_reads_alike_in_every_form() {
    let before = [("asa-ek", "Åsa Ek", CHAIR), ("dan-ek", "Dan Ek", MEMBER)];
    let after: [(&str, &str, &[Seat<'_>]); 3] = [
        ("asa-ek", "Åsa Ek", &[("ordforande", None, Some("2030-01-31"))]),
        ("karin-berg", "Karin Berg", &[("ordforande", Some("2030-02-01"), None)]),
        ("dan-ek", "Dan Ek", MEMBER),
    ];
    let (p, text) = steering_change("2030-06-01", &before, &after);
    let sentence = "Åsa Ek ersattes som ordförande av Karin Berg från 1 februari 2030.";
    assert!(text.contains(&format!("  Styrgruppen: {sentence}\n")), "{text}");
    // The body's rows still say it as the members table does.
    assert!(text.contains("Plats i organet: Åsa Ek, ordförande {+till och med 31 januari 2030+}"), "{text}");
    let md = p.run(&["diff", "2029", "2030", "--format", "md"]).stdout();
    assert!(md.contains(&format!("- **Styrgruppen:** {sentence}\n")), "{md}");
    p.run(&["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"]);
    let pdf = normalize(&pdf_text(&std::fs::read(p.path("out/forandringar.pdf")).unwrap()));
    assert!(pdf.contains(&normalize(&format!("Styrgruppen: {sentence}"))), "{pdf}");
    for form in [&text, &md] {
        assert!(!form.contains("Nya: Karin Berg") && !form.contains("har lämnat: Åsa Ek"), "{form}");
    }
}

/// A council is a political body too: its new chair is in the overview.
#[test]
fn a_council_gets_a_chair() {
    let people = [("asa-ek", "Åsa Ek", CHAIR), ("dan-ek", "Dan Ek", MEMBER)];
    let (p, text) = steering_change("2030-06-01", &people, &people);
    assert_eq!(steering_highlight(&text), None, "{text}");
    p.edit("sources/2030/members.toml", |t| {
        t.replacen(
            "role = \"ledamot\"\n",
            "role = \"ledamot\"\n\n[[member.role]]\nbody = \"radet\"\nrole = \"ordforande\"\n",
            1,
        )
    });
    let text = p.run(&["diff", "2029", "2030"]).stdout();
    assert!(text.contains("\n  Rådet: Ny ordförande Dan Ek.\n"), "{text}");
}

/// A new steering group is told once, as a new body, not again with its members.
#[test]
fn a_new_steering_group_is_told_once() {
    let p = Project::fixture("pair");
    p.edit("sources/2030/groups.toml", |t| {
        format!("{t}\n[[group]]\nid = \"ny-styrgrupp\"\nname = \"Nya styrgruppen\"\nkind = \"styrgrupp\"\n")
    });
    p.edit("sources/2030/members.toml", |t| {
        t.replacen(
            "[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ordforande\"\nfrom = 2030-05-05\n",
            "[[member.role]]\nbody = \"styrgrupp\"\nrole = \"ordforande\"\nfrom = 2030-05-05\n\n[[member.role]]\nbody = \"ny-styrgrupp\"\nrole = \"ordforande\"\n",
            1,
        )
    });
    let text = p.run(&["diff", "2029", "2030"]).stdout();
    let overview = &text[text.find("Det viktigaste").unwrap()..text.find("\nDokumentet").unwrap()];
    assert!(overview.contains("  Nytt organ: Nya styrgruppen\n"), "{overview}");
    assert_eq!(overview.matches("Nya styrgruppen").count(), 1, "{overview}");
}

/// The base names of the fonts a PDF embeds, without their subset tags (`SourceSans3-Bold`).
fn embedded_fonts(pdf: &[u8]) -> std::collections::BTreeSet<String> {
    let doc = lopdf::Document::load_mem(pdf).unwrap();
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter(|d| d.get(b"Type").and_then(lopdf::Object::as_name).is_ok_and(|t| t == b"Font"))
        .filter_map(|d| d.get(b"BaseFont").and_then(lopdf::Object::as_name).ok())
        .map(|n| {
            let n = String::from_utf8_lossy(n).into_owned();
            n.split_once('+').map_or(n.clone(), |(_, base)| base.to_owned())
        })
        .collect()
}

#[test]
fn the_change_annex_is_set_in_the_fonts_of_the_font_folder() {
    let p = Project::fixture("pair");
    let run = p.run(&["diff", "2029", "2030", "--pdf", "out/built-in.pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let built_in = embedded_fonts(&std::fs::read(p.path("out/built-in.pdf")).unwrap());
    assert!(built_in.len() > 1, "{built_in:?}");

    // A font folder replaces the built-in fonts, as for `build`: with only the regular weight,
    // every text is set in it.
    std::fs::create_dir_all(p.path("fonts")).unwrap();
    std::fs::copy(repo().join("fonts/SourceSans3-Regular.ttf"), p.path("fonts/SourceSans3-Regular.ttf"))
        .unwrap();
    let run = p.run(&["diff", "2029", "2030", "--pdf", "out/regular.pdf"]);
    assert_eq!(run.code(), 1, "{}", run.stderr());
    let regular = embedded_fonts(&std::fs::read(p.path("out/regular.pdf")).unwrap());
    assert_eq!(regular, ["SourceSans3-Regular".to_owned()].into(), "built in: {built_in:?}");

    // A folder without fonts is refused with `build`'s message (and diff's exit code for trouble),
    // and nothing is written.
    std::fs::remove_file(p.path("fonts/SourceSans3-Regular.ttf")).unwrap();
    let build = p.run(&["build"]);
    let run = p.run(&["diff", "2029", "2030", "--pdf", "out/none.pdf"]);
    assert!(build.stderr().contains("the fonts folder `fonts` has no fonts"), "{}", build.stderr());
    assert_eq!(run.stderr(), build.stderr());
    assert_eq!((run.code(), build.code()), (2, 1));
    assert!(!p.path("out/none.pdf").exists());
}
