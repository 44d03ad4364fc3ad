//! The formatter's unit tests: layout, comments, quoting and its proofs.

use super::*;
use crate::sources::document::Block;
use toml_edit::DocumentMut;

fn fmt<T: Model>(text: &str) -> String {
    match format::<T>(text) {
        Ok(out) => out,
        Err(e) => panic!("{e}\n---\n{text}"),
    }
}

const MEMBERS: &str = r#"#:schema ../schema/members.schema.json
# The people.

[[member]]
party = "S"   # since 2022
name = 'Anna Andersson'
id = "anna-andersson"
# her title
title = "kommunalråd"

[[member.role]]
until = 2026-12-31
role = "ledamot"
body = "styrgrupp"
"#;

#[test]
fn keys_follow_the_struct_order_and_comments_move_with_them() {
    let out = fmt::<crate::sources::MembersFile>(MEMBERS);
    assert_eq!(
        out,
        r#"#:schema ../schema/members.schema.json
# The people.

[[member]]
id = "anna-andersson"
name = "Anna Andersson"
# her title
title = "kommunalråd"
party = "S" # since 2022

[[member.role]]
body = "styrgrupp"
role = "ledamot"
until = 2026-12-31
"#
    );
}

#[test]
fn the_file_header_stays_at_the_top() {
    let text = "#:schema ../schema/goals.schema.json\n# about the goals\ntarget_year = 2030\nbaseline_year = 2020\n\n[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"x\"\n";
    let out = fmt::<crate::sources::GoalsFile>(text);
    assert_eq!(
        out,
        "#:schema ../schema/goals.schema.json\nbaseline_year = 2020\n# about the goals\ntarget_year = 2030\n\n[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"x\"\n"
    );
    let text = "#:schema ../schema/goals.schema.json\n# The goals.\n\ntarget_year = 2030\nbaseline_year = 2020\n\n[[goal]]\nid = \"a\"\ntitle = \"A\"\ntext = \"x\"\n";
    let out = fmt::<crate::sources::GoalsFile>(text);
    assert!(
        out.starts_with(
            "#:schema ../schema/goals.schema.json\n# The goals.\n\nbaseline_year = 2020\ntarget_year"
        ),
        "{out}"
    );
}

#[test]
fn quoting() -> Result<(), Box<dyn std::error::Error>> {
    let cases = [
        ("plain", r#""plain""#),
        ("a \"quote\" and \\", r#""a \"quote\" and \\""#),
        ("tab\there", r#""tab\there""#),
        ("bell\u{7}", r#""bell\u0007""#),
        ("line\n", "\"\"\"\nline\n\"\"\""),
        ("\nstarts with a break", "\"\"\"\n\nstarts with a break\"\"\""),
        ("\"\"\" three\n", "\"\"\"\n\\\"\\\"\" three\n\"\"\""),
        ("ends with \"\nand \"", "\"\"\"\nends with \"\nand \\\"\"\"\""),
        ("hard break  \nnext\n", "\"\"\"\nhard break \\u0020\nnext\n\"\"\""),
        ("crlf\r\nx", "\"\"\"\ncrlf\\r\nx\"\"\""),
        ("back\\slash\n", "\"\"\"\nback\\\\slash\n\"\"\""),
    ];
    for (value, expected) in cases {
        assert_eq!(quote(value), expected, "{value:?}");
        let doc: DocumentMut = format!("x = {expected}\n").parse()?;
        assert_eq!(doc["x"].as_str(), Some(value), "{expected}");
    }
    Ok(())
}

#[test]
fn literal_and_multiline_strings_become_canonical() {
    let text = "title = 'Titel'\nsubtitle = '''\nEn \"rad\"\n'''\nyear = 2030\ndate = 2030-01-01\nauthor = \"\"\"x\"\"\"\nsubject = \"s\"\nrunning_header = \"r\"\n\n[cover]\nparties_prefix = \"K\"\n";
    let out = fmt::<crate::sources::DocumentFile>(text);
    assert!(out.starts_with("title = \"Titel\"\nsubtitle = \"\"\"\nEn \"rad\"\n\"\"\"\nyear = 2030\ndate = 2030-01-01\nauthor = \"x\"\n"), "{out}");
}

#[test]
fn blocks_and_inline_tables() {
    let text = r#"title = "T"
subtitle = "S"
year = 2030
date = 2030-05-05
author = "A"
subject = "S"
running_header = "R"
[cover]
parties_prefix = "K"
[[chapter]]
title = "Kapitel"
id = "kapitel"
[[chapter.block]]
members = {until = 2030-12-31, body = "styrgrupp",from=2030-01-01}
[[chapter.block]]
goals = {}
[[chapter.block]]
org_chart = { legend = "L", root = "rad" }
"#;
    let out = fmt::<crate::sources::DocumentFile>(text);
    assert!(out.contains("\n\n[[chapter]]\nid = \"kapitel\"\ntitle = \"Kapitel\"\n"), "{out}");
    assert!(
        out.contains("members = { body = \"styrgrupp\", from = 2030-01-01, until = 2030-12-31 }\n"),
        "{out}"
    );
    assert!(out.contains("goals = {}\n"), "{out}");
    assert!(out.contains("org_chart = { root = \"rad\", legend = \"L\" }\n"), "{out}");
    assert!(out.contains("\n\n[cover]\nparties_prefix"), "{out}");
    let _: Option<Block> = None;
}

#[test]
fn arrays_wrap_when_long_or_commented_and_keep_their_comments() {
    let text = r#"[[calendar]]
id = "c"
[[calendar.track]]
id = "t"
label = "T"
[[calendar.month]]
month = 1
[calendar.month.tasks]
t = [
  "Kort.",
]
u = ["Ett.", # the first
  # before the second
  "Två.",
  # at the end
]
v = ["En mycket lång uppgift som inte får plats på en rad.", "Och en till som gör raden alldeles för lång."]
"#;
    let out = fmt::<crate::sources::AppendicesFile>(text);
    assert!(out.contains("t = [\"Kort.\"]\n"), "{out}");
    assert!(
        out.contains(
            "u = [\n  \"Ett.\", # the first\n  # before the second\n  \"Två.\",\n  # at the end\n]\n"
        ),
        "{out}"
    );
    assert!(out.contains("v = [\n  \"En mycket lång"), "{out}");
}

#[test]
fn blank_lines_and_whitespace() {
    let text = "[[party]]   \n\n\n  id   =   \"a\"  \n\nname = \"A\"\nofficial_name = \"A kommun\"\ncode = \"1234\"\nkind = \"municipality\"\n[[party]]\n\n\n# second\n\n\n\nid = \"b\"\nname = \"B\"\nofficial_name = \"B kommun\"\ncode = \"1235\"\nkind = \"municipality\"\n\n\n# the end\n\n\n";
    let out = fmt::<crate::sources::PartiesFile>(text);
    assert_eq!(
        out,
        "[[party]]\nid = \"a\"\nname = \"A\"\nofficial_name = \"A kommun\"\ncode = \"1234\"\nkind = \"municipality\"\n\n[[party]]\n\n# second\n\nid = \"b\"\nname = \"B\"\nofficial_name = \"B kommun\"\ncode = \"1235\"\nkind = \"municipality\"\n\n# the end\n"
    );
}

#[test]
fn idempotent_on_the_examples() {
    let out = fmt::<crate::sources::MembersFile>(MEMBERS);
    assert_eq!(fmt::<crate::sources::MembersFile>(&out), out);
}

#[test]
fn content_errors_are_reported_not_formatted() {
    assert!(
        format::<crate::sources::MembersFile>("[[member]]\nid = \"a\"\nname = \"A\"\ntitel = \"x\"\n")
            .is_err()
    );
    assert!(format::<crate::sources::MembersFile>("[[member]\n").is_err());
}

#[test]
fn comments_inside_inline_tables_are_not_dropped_silently() {
    let text = "[[member]]\nid = \"a\"\nname = \"A\"\n\n[[member.role]]\nbody = \"b\"\nrole = \"ledamot\"\n";
    assert!(format::<crate::sources::MembersFile>(text).is_ok());
    assert_eq!(comments("a = 1 # x\nb = \"# not a comment\"\n"), vec!["# x".to_owned()]);
}
