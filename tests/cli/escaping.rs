//! Data is never code: arbitrary strings placed in source fields come out literally in the
//! compiled document's text.

use perspektiv::render::Templates;
use perspektiv::sources::{self, DirTree};
use proptest::prelude::*;

use crate::support::{Project, normalize, pdf_text};

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
    perspektiv::build::document_pdf(&s, &templates, None).unwrap()
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
