//! Helpers: temporary projects made from fixtures, running the binary, reading PDFs.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use page_validation::{ValidationOptions, ValidationProfile, validate_pdf_bytes};

/// The repository's root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The `perspektiv` binary, speaking English whatever the machine's locale says (the
/// snapshots are English); a test of another language sets it on the command.
pub(crate) fn perspektiv() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_perspektiv"));
    command.env("PERSPEKTIV_LANG", "en").env("LANG", "C").env_remove("LC_ALL").env_remove("LC_MESSAGES");
    command
}

/// A project folder in a temporary directory, with a copy of some sources.
pub(crate) struct Project {
    dir: tempfile::TempDir,
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

impl Project {
    /// A project whose `sources/` is a copy of `tests/fixtures/<name>/sources`.
    pub(crate) fn fixture(name: &str) -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures").join(name).join("sources"), &dir.path().join("sources"));
        Self { dir }
    }

    /// A project whose `sources/` is a copy of the repository's real sources.
    pub(crate) fn real() -> Self {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("sources"), &dir.path().join("sources"));
        Self { dir }
    }

    /// The project folder.
    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    /// A path inside the project.
    pub(crate) fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    /// Rewrites a file of the project.
    pub(crate) fn edit(&self, rel: &str, f: impl FnOnce(String) -> String) {
        let path = self.path(rel);
        let text = std::fs::read_to_string(&path).unwrap();
        let new = f(text.clone());
        assert_ne!(text, new, "the edit of {rel} changed nothing");
        std::fs::write(path, new).unwrap();
    }

    /// Moves the file or folder `rel` of the project to `elsewhere/<rel>` (outside `sources/` and
    /// `out/`) and leaves a relative symbolic link to it in its place; returns the target.
    #[cfg(unix)]
    pub(crate) fn link_away(&self, rel: &str) -> PathBuf {
        let (link, target) = (self.path(rel), self.path(&format!("elsewhere/{rel}")));
        std::fs::create_dir_all(target.parent().unwrap()).unwrap();
        std::fs::rename(&link, &target).unwrap();
        let up = "../".repeat(Path::new(rel).components().count() - 1);
        std::os::unix::fs::symlink(format!("{up}elsewhere/{rel}"), &link).unwrap();
        target
    }

    /// Makes `rel` a symbolic link to a new empty folder `elsewhere/<rel>`; returns the folder.
    #[cfg(unix)]
    pub(crate) fn link_to_new_folder(&self, rel: &str) -> PathBuf {
        std::fs::create_dir_all(self.path(rel)).unwrap();
        self.link_away(rel)
    }

    /// Runs `perspektiv` in the project folder.
    pub(crate) fn run(&self, args: &[&str]) -> Run {
        self.run_in(&[], args)
    }

    /// Runs `perspektiv` in the project folder with the environment variables `vars` (an empty
    /// value removes the variable): the language chosen by the locale.
    pub(crate) fn run_in(&self, vars: &[(&str, &str)], args: &[&str]) -> Run {
        let mut command = perspektiv();
        for (name, value) in vars {
            if value.is_empty() {
                command.env_remove(name);
            } else {
                command.env(name, value);
            }
        }
        let output = command
            .args(args)
            .current_dir(self.dir.path())
            .env_remove("SOURCE_DATE_EPOCH")
            .env("NO_COLOR", "1")
            .output()
            .unwrap();
        Run(output)
    }
}

/// The result of a run.
pub(crate) struct Run(pub Output);

impl Run {
    /// The exit code.
    pub(crate) fn code(&self) -> i32 {
        self.0.status.code().unwrap_or(-1)
    }

    /// Standard error.
    pub(crate) fn stderr(&self) -> String {
        String::from_utf8_lossy(&self.0.stderr).into_owned()
    }

    /// Standard output.
    pub(crate) fn stdout(&self) -> String {
        String::from_utf8_lossy(&self.0.stdout).into_owned()
    }

    /// Asserts success and returns self.
    #[track_caller]
    pub(crate) fn ok(self) -> Self {
        assert_eq!(self.code(), 0, "stderr:\n{}\nstdout:\n{}", self.stderr(), self.stdout());
        self
    }
}

/// Asserts that `link` is still a symbolic link, and that it leads to `target`.
#[cfg(unix)]
#[track_caller]
pub(crate) fn assert_link(link: &Path, target: &Path) {
    let meta = std::fs::symlink_metadata(link).unwrap();
    assert!(meta.file_type().is_symlink(), "`{}` is no longer a symbolic link", link.display());
    assert_eq!(link.canonicalize().unwrap(), target.canonicalize().unwrap(), "{}", link.display());
}

/// Text for comparisons: no whitespace and no hyphens, so line breaks, hyphenation and spacing
/// from style changes do not matter.
pub(crate) fn normalize(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace() && !matches!(c, '-' | '\u{2010}' | '\u{AD}')).collect()
}

/// Whether `text` has a comma right after a number with a decimal comma ("59,0, 61,2"), which a
/// listener cannot tell from three numbers.
pub(crate) fn comma_after_a_value(text: &str) -> bool {
    let chars: Vec<char> = text.chars().collect();
    (0..chars.len()).filter(|&i| chars[i] == ',').any(|i| {
        let digits = chars[..i].iter().rev().take_while(|c| c.is_ascii_digit()).count();
        let start = i - digits;
        digits > 0 && start >= 2 && chars[start - 1] == ',' && chars[start - 2].is_ascii_digit()
    })
}

/// The text of a PDF, extracted from its content streams.
pub(crate) fn pdf_text(pdf: &[u8]) -> String {
    pdf_extract::extract_text_from_mem(pdf).expect("the PDF's text can be extracted")
}

/// Copies the test values of `tests/fixtures/values/<name>` into a project's year.
pub(crate) fn copy_values(p: &Project, name: &str, year: i32) {
    let to = p.path(&format!("sources/{year}/values"));
    std::fs::create_dir_all(&to).unwrap();
    for entry in std::fs::read_dir(repo().join("tests/fixtures/values").join(name)).unwrap() {
        let entry = entry.unwrap();
        std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
    }
}

/// The text of an HTML page's body as a browser's DOM holds it (entities decoded, no markup).
pub(crate) fn html_text(html: &str) -> String {
    let doc = scraper::Html::parse_document(html);
    let body = scraper::Selector::parse("body").unwrap();
    doc.select(&body).flat_map(|b| b.text()).collect()
}

/// Asserts that a PDF passes PDF/A-2a and PDF/UA-1 with zero failed rules.
#[track_caller]
pub(crate) fn assert_conforms(pdf: &[u8]) {
    for profile in [ValidationProfile::PdfA2a, ValidationProfile::PdfUa1] {
        let report = validate_pdf_bytes(pdf, &ValidationOptions::default().profile(profile))
            .expect("the PDF can be validated");
        let failures: Vec<String> = report.failures.iter().map(|f| f.to_string()).collect();
        assert!(
            report.is_compliant && failures.is_empty(),
            "{profile:?}: {} failed rules:\n{}",
            failures.len(),
            failures.join("\n")
        );
    }
}

/// Made-up values for every KPI of a year's goals, the same numbers on every run: the generator
/// the benchmarks use.
#[path = "../../benches/common/values.rs"]
mod values;
pub(crate) use values::generate_values;

/// A PDF text string: UTF-16BE after a byte order mark, else PDFDocEncoding (Latin-1 for the
/// characters that matter here).
fn text_string(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> =
            rest.chunks(2).map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)])).collect();
        String::from_utf16_lossy(&units)
    } else {
        bytes.iter().map(|&b| char::from(b)).collect()
    }
}

/// The structure elements of a tagged PDF: (standard type after the role map, /Alt text, the
/// table attribute /Scope of a header cell).
pub(crate) fn structure_elements(pdf: &[u8]) -> Vec<(String, Option<String>, Option<String>)> {
    let doc = lopdf::Document::load_mem(pdf).expect("the PDF loads");
    let root = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
    let root = doc.get_dictionary(root).unwrap();
    let mut roles = std::collections::BTreeMap::new();
    if let Ok(map) = root.get(b"RoleMap").and_then(|m| doc.dereference(m)).and_then(|(_, m)| m.as_dict()) {
        for (k, v) in map.iter() {
            if let Ok(name) = v.as_name() {
                roles.insert(k.clone(), name.to_vec());
            }
        }
    }
    let mut out = Vec::new();
    for object in doc.objects.values() {
        let Ok(dict) = object.as_dict() else { continue };
        let Ok(kind) = dict.get(b"S").and_then(|s| s.as_name()) else { continue };
        if dict.get(b"Type").and_then(|t| t.as_name()).is_ok_and(|t| t != b"StructElem") {
            continue;
        }
        let std = roles.get(kind).cloned().unwrap_or_else(|| kind.to_vec());
        let alt = dict.get(b"Alt").ok().and_then(|a| a.as_str().ok()).map(text_string);
        let attributes: Vec<&lopdf::Dictionary> = match dict.get(b"A").map(|a| doc.dereference(a)) {
            Ok(Ok((_, lopdf::Object::Array(items)))) => {
                items.iter().filter_map(|i| doc.dereference(i).ok()?.1.as_dict().ok()).collect()
            }
            Ok(Ok((_, lopdf::Object::Dictionary(d)))) => vec![d],
            _ => Vec::new(),
        };
        let scope = attributes
            .iter()
            .find_map(|a| a.get(b"Scope").ok()?.as_name().ok())
            .map(|n| String::from_utf8_lossy(n).into_owned());
        out.push((String::from_utf8_lossy(&std).into_owned(), alt, scope));
    }
    out
}

/// The text of each page of a PDF, as a reader that copies it gets it.
pub(crate) fn page_texts(pdf: &[u8]) -> Vec<String> {
    pdf_extract::extract_text_from_mem_by_pages(pdf).expect("the PDF's text can be extracted")
}

/// Runs git in the project's folder, with a committer of its own.
pub(crate) fn git(p: &Project, args: &[&str]) {
    let out = std::process::Command::new("git")
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.se", "-c", "commit.gpgsign=false"])
        .args(args)
        .current_dir(p.root())
        .output()
        .expect("git runs");
    assert!(out.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&out.stderr));
}
