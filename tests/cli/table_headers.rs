//! Every cell of every table names its headers (WCAG 1.3.1, Matterhorn 15-005): its column's
//! header cell, the group row's above it, and its row header, in every PDF the program writes.

use std::collections::{BTreeMap, BTreeSet};

use crate::support::{Project, assert_conforms, generate_values};
use crate::tagged::{Element, Tagged};

/// A cell placed in its table's grid: the element's index, its first column and its columns.
struct Placed {
    index: usize,
    col: usize,
    cols: usize,
}

/// The elements of `kind` among the children of `index`, as indices.
fn children_of(t: &Tagged, index: usize, kinds: &[&str]) -> Vec<usize> {
    (0..t.elements.len())
        .filter(|&i| t.elements[i].parent == Some(index) && kinds.contains(&t.elements[i].kind.as_str()))
        .collect()
}

fn span(e: &Element, key: &str) -> usize {
    e.attribute("Table", key).and_then(|s| s.parse().ok()).unwrap_or(1)
}

/// The rows of the table at `index`, each a list of its cells placed in the grid.
fn grid(t: &Tagged, index: usize) -> Vec<Vec<Placed>> {
    let mut rows = Vec::new();
    for kid in children_of(t, index, &["TR", "THead", "TBody", "TFoot"]) {
        if t.elements[kid].kind == "TR" {
            rows.push(kid);
        } else {
            rows.extend(children_of(t, kid, &["TR"]));
        }
    }
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut out = Vec::new();
    for (r, row) in rows.into_iter().enumerate() {
        let mut col = 0;
        let mut cells = Vec::new();
        for cell in children_of(t, row, &["TH", "TD"]) {
            while taken.contains(&(r, col)) {
                col += 1;
            }
            let e = &t.elements[cell];
            let (rows_spanned, cols) = (span(e, "RowSpan"), span(e, "ColSpan"));
            taken.extend((r..r + rows_spanned).flat_map(|y| (col..col + cols).map(move |x| (y, x))));
            cells.push(Placed { index: cell, col, cols });
            col += cols;
        }
        out.push(cells);
    }
    out
}

fn scope<'a>(t: &'a Tagged, cell: &Placed) -> Option<&'a str> {
    let e = &t.elements[cell.index];
    (e.kind == "TH").then(|| e.attribute("Table", "Scope").unwrap_or(""))
}

/// What the tables of a PDF hold: data cells checked, and of them those below a group row.
#[derive(Debug, Default)]
struct Checked {
    cells: usize,
    under_groups: usize,
}

/// Checks every table of `pdf`: each header cell has an `/ID`, every `/Headers` entry is a
/// header cell of the same table, and each data cell names the header of its column in the
/// table's header rows (the last of them, over its column), the group row above it if any, and
/// the row headers of its row; and no other: not a column it is not in, not an earlier group.
#[track_caller]
fn check_tables(name: &str, pdf: &[u8]) -> Checked {
    let t = Tagged::read(pdf);
    let mut checked = Checked::default();
    for (table, _) in t.elements.iter().enumerate().filter(|(_, e)| e.kind == "Table") {
        let rows = grid(&t, table);
        let text = |i: usize| t.elements[i].text.as_str();
        let id = |i: usize| {
            t.elements[i]
                .id
                .clone()
                .unwrap_or_else(|| panic!("{name}: the header cell {:?} has no /ID", text(i)))
        };
        let ids: BTreeMap<String, usize> = rows
            .iter()
            .flatten()
            .filter(|c| scope(&t, c).is_some())
            .map(|c| (id(c.index), c.index))
            .collect();
        let heads_columns =
            |row: &[Placed]| !row.is_empty() && row.iter().all(|c| scope(&t, c) == Some("Column"));
        // A group row is a single header cell across the table; the header rows above the
        // first are the table's header.
        let width = rows.iter().flatten().map(|c| c.col + c.cols).max().unwrap_or(0);
        let is_group = |row: &[Placed]| matches!(row, [only] if only.cols == width && width > 1);
        let top = rows.iter().take_while(|r| heads_columns(r) && !is_group(r)).count();
        let mut group: Option<&Vec<Placed>> = None;
        for row in rows.iter().skip(top) {
            if heads_columns(row) {
                group = Some(row);
                continue;
            }
            let row_headers: Vec<usize> =
                row.iter().filter(|c| scope(&t, c) == Some("Row")).map(|c| c.index).collect();
            for cell in row.iter().filter(|c| scope(&t, c).is_none()) {
                let headers = &t.elements[cell.index].headers;
                for h in headers {
                    assert!(
                        ids.contains_key(h),
                        "{name}: {:?} names {h:?}, not a header of its table",
                        text(cell.index)
                    );
                }
                let named: Vec<&str> = headers.iter().filter_map(|h| ids.get(h)).map(|&i| text(i)).collect();
                let over = |row: &Vec<Placed>| -> Vec<usize> {
                    row.iter()
                        .filter(|h| h.col < cell.col + cell.cols && cell.col < h.col + h.cols)
                        .map(|h| h.index)
                        .collect()
                };
                let mut wanted = if top > 0 { over(&rows[top - 1]) } else { Vec::new() };
                wanted.extend(group.map(over).unwrap_or_default());
                wanted.extend(&row_headers);
                assert!(!wanted.is_empty(), "{name}: the cell {:?} has no header cell", text(cell.index));
                for &w in &wanted {
                    assert!(
                        headers.contains(&id(w)),
                        "{name}: the cell {:?} does not name its header {:?}; it names {named:?}",
                        text(cell.index),
                        text(w),
                    );
                }
                let allowed: Vec<String> = rows[..top].iter().flat_map(over).chain(wanted).map(id).collect();
                for h in headers {
                    assert!(
                        allowed.contains(h),
                        "{name}: the cell {:?} names {:?}, a header it is not under",
                        text(cell.index),
                        text(ids[h]),
                    );
                }
                checked.cells += 1;
                checked.under_groups += usize::from(group.is_some());
            }
        }
    }
    checked
}

/// Every PDF the program writes, checked and validated: the document (the real one and the
/// fixture's), every annex and the overview (of the real sources with generated values and of the
/// fixture's test values), and the change annexes (the real editions and the fixture pair).
#[test]
fn every_data_cell_names_its_column_header_the_group_row_and_its_row_header() {
    let mut pdfs: Vec<(String, Vec<u8>)> = Vec::new();
    let read_dir = |p: &Project, dir: &str, pdfs: &mut Vec<(String, Vec<u8>)>| {
        let mut entries: Vec<_> =
            std::fs::read_dir(p.path(dir)).unwrap().map(|e| e.unwrap().path()).collect();
        entries.sort();
        for path in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "pdf")) {
            pdfs.push((
                path.file_name().unwrap().to_string_lossy().into_owned(),
                std::fs::read(path).unwrap(),
            ));
        }
    };

    let real = Project::real();
    generate_values(&real.path("sources"), 2023);
    real.run(&["build", "2023"]).ok();
    real.run(&["annexes", "2023"]).ok();
    // `diff` exits 1 when the sides differ.
    assert_eq!(real.run(&["diff", "2019", "2023", "--pdf", "out/forandringar-2019-2023.pdf"]).code(), 1);
    read_dir(&real, "out/2023", &mut pdfs);
    read_dir(&real, "out/2023/annexes", &mut pdfs);
    read_dir(&real, "out", &mut pdfs);

    let mini = crate::annexes::with_values();
    mini.run(&["build"]).ok();
    mini.run(&["annexes"]).ok();
    read_dir(&mini, "out/2030", &mut pdfs);
    read_dir(&mini, "out/2030/annexes", &mut pdfs);

    let pair = Project::fixture("pair");
    assert_eq!(pair.run(&["diff", "2029", "2030", "--pdf", "out/forandringar.pdf"]).code(), 1);
    read_dir(&pair, "out", &mut pdfs);

    let kinds = ["politiskt-inriktningsdokument", "bilaga", "oversikt", "forandringar"];
    for kind in kinds {
        assert!(
            pdfs.iter().any(|(n, _)| n.contains(kind)),
            "no {kind} PDF among {:?}",
            pdfs.iter().map(|p| &p.0)
        );
    }
    let mut under_groups = BTreeMap::new();
    for (name, pdf) in &pdfs {
        let checked = check_tables(name, pdf);
        assert!(checked.cells > 0, "{name} has no table cells");
        let kind = kinds.iter().find(|k| name.contains(**k)).unwrap();
        *under_groups.entry(*kind).or_insert(0) += checked.under_groups;
        assert_conforms(pdf);
    }
    // The tables with group rows: the overview's matrix and the change annex.
    assert!(under_groups["oversikt"] > 0 && under_groups["forandringar"] > 0, "{under_groups:?}");
}
