//! Data is never code: arbitrary strings placed in source fields come out literally in the
//! compiled document's text, and in the web edition's DOM, where no string becomes an element, an
//! attribute or a script link.

use perspektiv::markdown::{Footnotes, Headings, Placement};
use perspektiv::render::Templates;
use perspektiv::sources::{self, DirTree, Sources};
use proptest::prelude::*;
use scraper::{ElementRef, Html};

use crate::support::{Project, copy_values, normalize, pdf_text};

/// Characters that mean something in Typst markup or code, in Jinja, in Markdown, plus letters.
const ALPHABET: &[char] = &[
    '#', '$', '*', '_', '@', '<', '>', '\\', '[', ']', '~', '/', '=', '-', '+', '.', '1', '{', '}', '(', ')',
    '"', '\'', '`', '%', '&', '^', '|', ':', ';', ',', '!', '?', ' ', 'a', 'Z', 'å', 'ä', 'ö', 'Å', 'É', '0',
    '9',
];

fn text_strategy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        4 => proptest::sample::select(ALPHABET).prop_map(String::from),
        1 => proptest::sample::select(vec!["//", "/*", "*/", "{{", "}}", "{%", "%}", "1.", "#set", "#read(\"x\")", "$x$", "--", "...", "\\u{41}", "= ", "- "]).prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 1..12)
        .prop_map(|v| v.concat())
        .prop_filter("needs a visible character", |s| !s.trim().is_empty())
}

fn pdf_of(p: &Project) -> Vec<u8> {
    let tree = DirTree::new(p.path("sources"));
    let (s, _) =
        sources::load(&tree, 2030).unwrap_or_else(|r| panic!("{}", r.texts.render(&r.problems, false)));
    let problems = perspektiv::validate::validate(&s, &|c| perspektiv::typeset::Fonts::embedded().covers(c));
    assert!(problems.iter().all(|p| !p.is_error()), "{problems:?}");
    let templates = Templates::new(None).unwrap();
    let fonts = perspektiv::typeset::Fonts::embedded();
    perspektiv::document::pdf(&s, &templates, None, fonts, &|w| {
        perspektiv::console::Console::default().typst_warning_now(w)
    })
    .unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 24, ..ProptestConfig::default() })]

    #[test]
    fn strings_come_out_literally(name in text_strategy(), title in text_strategy(), entry in text_strategy()) {
        let p = Project::fixture("mini");
        let edit = |rel: &str, f: &dyn Fn(&mut toml_edit::DocumentMut)| {
            let file = p.path(rel);
            let mut doc: toml_edit::DocumentMut = std::fs::read_to_string(&file).unwrap().parse().unwrap();
            f(&mut doc);
            std::fs::write(file, doc.to_string()).unwrap();
        };
        edit("sources/2030/members.toml", &|d| {
            let m = d["member"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap();
            m["name"] = toml_edit::value(name.as_str());
            m["title"] = toml_edit::value(title.as_str());
        });
        edit("sources/2030/appendices.toml", &|d| {
            d["adjacent"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap()["name"] = toml_edit::value(entry.as_str());
        });
        let text = normalize(&pdf_text(&pdf_of(&p)));
        for s in [&name, &title, &entry] {
            prop_assert!(text.contains(&normalize(s)), "{s:?} is not in the document's text");
        }
    }
}

/// What HTML, URLs and the templates make of: tags, quotes, entities, comments, script URLs.
const HTML_PIECES: &[&str] = &[
    "<script>alert(1)</script>",
    "</style>",
    "<style>*{}</style>",
    "</title>",
    "<!--",
    "-->",
    "<![CDATA[",
    "]]>",
    "&",
    "&amp;",
    "&lt;",
    "&#x3C;",
    "\"",
    "'",
    "\" onmouseover=\"alert(1)",
    "' onload='alert(1)",
    "<img src=x onerror=alert(1)>",
    "<svg/onload=alert(1)>",
    "javascript:alert(1)",
    "JaVaScRiPt:x",
    "data:text/html,<b>x</b>",
    "<a href=\"javascript:alert(1)\">l</a>",
    "{{ site }}",
    "{% raw %}",
    "</main>",
    "<p>",
];

fn html_strategy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        3 => proptest::sample::select(ALPHABET).prop_map(String::from),
        2 => proptest::sample::select(HTML_PIECES).prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 1..10)
        .prop_map(|v| v.concat())
        .prop_filter("needs a visible character", |s| !s.trim().is_empty())
}

/// Markdown with links to script URLs, raw HTML and the rest.
fn prose_strategy() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        3 => html_strategy(),
        1 => proptest::sample::select(vec![
            "[länk](javascript:alert(1))",
            "[länk](<java\tscript:alert(1)>)",
            "[länk](data:text/html,x \"t\")",
            "[länk](vbscript:x)",
            "<javascript:alert(1)>",
            "[länk](https://example.se/\"onclick=\"x)",
            "*kursiv*",
            "**fet**",
            "`kod <b>`",
            "\n\n- punkt\n",
            "\n\n",
        ])
        .prop_map(String::from),
    ];
    proptest::collection::vec(pieces, 1..8)
        .prop_map(|v| v.concat())
        .prop_filter("needs a visible character", |s| !s.trim().is_empty())
}

/// The elements the templates and the Markdown writer produce.
const ELEMENTS: &[&str] = &[
    "html",
    "head",
    "meta",
    "title",
    "link",
    "body",
    "a",
    "header",
    "main",
    "nav",
    "footer",
    "section",
    "div",
    "p",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "dl",
    "dt",
    "dd",
    "strong",
    "em",
    "code",
    "span",
    "table",
    "caption",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
    "br",
    "abbr",
    "sup",
    "blockquote",
    "figure",
    "figcaption",
    "svg",
    "g",
    "line",
    "text",
    "polyline",
    "circle",
    "rect",
    "polygon",
    "desc",
    "del",
    "ins",
];

/// Whether a link target would run something: a scheme other than http, https, mailto and tel,
/// read as a browser reads it (tabs, line breaks and leading controls dropped, any case).
fn script_url(url: &str) -> bool {
    let cleaned: String = url
        .trim_start_matches(|c: char| c <= ' ')
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    match cleaned.split_once(':') {
        Some((scheme, _)) if !scheme.contains(['/', '?', '#']) => {
            !matches!(scheme.to_ascii_lowercase().as_str(), "http" | "https" | "mailto" | "tel")
        }
        _ => false,
    }
}

/// No string became an element the program does not write, an event handler, or a script link.
fn assert_no_injection(name: &str, html: &str) -> Result<(), TestCaseError> {
    let doc = Html::parse_document(html);
    for el in doc.root_element().descendants().filter_map(ElementRef::wrap) {
        let tag = el.value().name();
        prop_assert!(ELEMENTS.contains(&tag), "{name}: an element <{tag}>");
        for (attr, value) in el.value().attrs() {
            prop_assert!(!attr.starts_with("on"), "{name}: an event handler {attr}={value:?}");
            prop_assert!(attr != "style", "{name}: a style attribute");
            if matches!(attr, "href" | "src" | "xlink:href" | "action" | "formaction") {
                let icon = tag == "link" && el.value().attr("rel") == Some("icon") && value == "data:,";
                prop_assert!(icon || !script_url(value), "{name}: <{tag} {attr}={value:?}>");
            }
        }
    }
    Ok(())
}

/// The mini fixture with values, loaded and validated; `None` with the problems when the sources
/// are rejected.
fn load_valid(p: &Project) -> Result<Sources, String> {
    let tree = DirTree::new(p.path("sources"));
    let (s, _) = sources::load(&tree, 2030).map_err(|r| r.texts.render(&r.problems, false))?;
    let problems = perspektiv::validate::validate(&s, &|c| perspektiv::typeset::Fonts::embedded().covers(c));
    let errors: Vec<String> = problems.iter().filter(|p| p.is_error()).map(|p| format!("{p:?}")).collect();
    if errors.is_empty() { Ok(s) } else { Err(errors.join("\n")) }
}

/// Every page of the site of validated sources: (path, HTML).
fn site_pages(s: &Sources) -> Vec<(String, String)> {
    let templates = Templates::html(None).unwrap();
    let stylesheet = perspektiv::render::html::STYLESHEET;
    perspektiv::site::site_files(s, &templates, stylesheet, None)
        .unwrap()
        .into_iter()
        .filter(|f| f.path.ends_with(".html"))
        .map(|f| (f.path, String::from_utf8(f.bytes).unwrap()))
        .collect()
}

fn edit(p: &Project, rel: &str, f: &dyn Fn(&mut toml_edit::DocumentMut)) {
    let file = p.path(rel);
    let mut doc: toml_edit::DocumentMut = std::fs::read_to_string(&file).unwrap().parse().unwrap();
    f(&mut doc);
    std::fs::write(file, doc.to_string()).unwrap();
}

fn nth<'a>(d: &'a mut toml_edit::DocumentMut, key: &str, i: usize) -> &'a mut toml_edit::Table {
    d[key].as_array_of_tables_mut().unwrap().get_mut(i).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    /// Plain texts of every kind of source file come out as literal text on the pages of the
    /// web edition (the document and the parties' pages), never as markup.
    #[test]
    fn strings_come_out_as_literal_text_in_the_html(
        texts in proptest::collection::vec(html_strategy(), 9),
    ) {
        let p = Project::fixture("mini");
        copy_values(&p, "mini-2030", 2030);
        let t = |i: usize| toml_edit::value(texts[i].as_str());
        edit(&p, "sources/2030/members.toml", &|d| {
            nth(d, "member", 0)["name"] = t(0);
            nth(d, "member", 0)["title"] = t(1);
        });
        edit(&p, "sources/2030/appendices.toml", &|d| {
            nth(d, "adjacent", 0)["name"] = t(2);
            let month = nth(d, "calendar", 0)["month"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap();
            month["tasks"]["styrgrupp"] = toml_edit::value(toml_edit::Array::from_iter([texts[3].as_str()]));
        });
        edit(&p, "sources/2030/document.toml", &|d| {
            nth(d, "chapter", 0)["title"] = t(4);
            nth(d, "chapter", 0)["subtitle"] = t(5);
        });
        edit(&p, "sources/2030/goals.toml", &|d| {
            nth(d, "goal", 0)["title"] = t(6);
            nth(d, "goal", 0)["indicator"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap()["text"] = t(7);
        });
        edit(&p, "sources/2030/groups.toml", &|d| nth(d, "group", 0)["name"] = t(8));
        let s = load_valid(&p).map_err(TestCaseError::fail)?;
        let pages = site_pages(&s);
        prop_assert_eq!(pages.len(), 7, "the document, 4 parties, the county overview, the accessibility statement");
        let mut all_text = String::new();
        for (name, html) in &pages {
            assert_no_injection(name, html)?;
            all_text.push_str(&crate::support::html_text(html));
        }
        let index = normalize(&crate::support::html_text(&pages[0].1));
        let everywhere = normalize(&all_text);
        // The name of the chart's root body and the calendar's tasks are on the index; the
        // indicator's text is on the parties' pages too.
        for (i, text) in texts.iter().enumerate() {
            let found = if i == 7 { everywhere.contains(&normalize(text)) } else { index.contains(&normalize(text)) };
            prop_assert!(found, "{text:?} is not in the pages' text");
        }
    }

    /// Prose is rejected with a message, or written with no element, attribute or link that the
    /// program does not make.
    #[test]
    fn prose_never_becomes_a_script(intro in prose_strategy(), text in prose_strategy()) {
        let p = Project::fixture("mini");
        edit(&p, "sources/2030/document.toml", &|d| {
            d["cover"]["text"] = toml_edit::value(intro.as_str());
            let block = nth(d, "chapter", 0)["block"].as_array_of_tables_mut().unwrap().get_mut(0).unwrap();
            block["text"] = toml_edit::value(text.as_str());
        });
        match load_valid(&p) {
            Ok(s) => {
                for (name, html) in site_pages(&s) {
                    assert_no_injection(&name, &html)?;
                }
            }
            Err(problems) => prop_assert!(problems.contains("prose") || problems.contains("heading"), "{problems}"),
        }
    }

    /// The Markdown writer alone, on any text (validated or not): raw HTML becomes text, and no
    /// link leads to a script.
    #[test]
    fn the_markdown_writer_escapes_everything(md in prose_strategy(), shift in 0u8..2) {
        let place = Placement { shift, lead: Some("<b onclick=\"x\">Mål</b>"), origin: None };
        if let Ok(html) = perspektiv::markdown::to_html(&md, Headings::From(2), place, &mut Footnotes::default()) {
            assert_no_injection("prose", &format!("<!DOCTYPE html><html><head><title>t</title></head><body>{html}</body></html>"))?;
        }
    }
}
