//! Table cells name every header they sit under (`/Headers` of the `/Table` attributes).
//!
//! Typst writes the cells below a second-level header row (`table.header(level: 2, …)`, the
//! group rows of the county overview's matrix and of the change annex) with `/Headers` that list
//! only the group row's cell and the row header, and not the cell's own column header: a screen
//! reader announces "Folkhälsa, Eda" for a cell of the column "Säffle". Below the second group
//! row it also still names the first group's cell, and so on: every group row above, not the
//! nearest. Here every table of the structure tree is laid out as a grid (column and row spans
//! taken into account) and each cell of a body row, data cell or row header, gets the headers
//! of its columns in the table's top header rows, those of the nearest group row above it, and
//! the row headers of its row, in that order, in place of what Typst wrote. Every header cell
//! that lacks an `/ID` gets one, entered in the structure tree root's `/IDTree`.

use std::collections::{BTreeMap, BTreeSet};

use lopdf::{Dictionary, Document, Object, ObjectId, StringFormat};

use super::is_name;

/// Spans beyond this many rows or columns are read as this many (a guard, far above any table).
const MAX_SPAN: usize = 1000;

/// What kind of header a header cell is, by its `/Scope`.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Scope {
    Row,
    Column,
    Both,
    /// A header cell without a scope.
    Unset,
}

/// A cell placed in its table's grid.
#[derive(Debug)]
struct Cell {
    id: ObjectId,
    /// `None` for a data cell (`TD`), the scope for a header cell (`TH`).
    header: Option<Scope>,
    row: usize,
    col: usize,
    rows: usize,
    cols: usize,
}

impl Cell {
    fn heads_columns(&self) -> bool {
        matches!(self.header, Some(Scope::Column | Scope::Both))
    }

    fn heads_rows(&self) -> bool {
        matches!(self.header, Some(Scope::Row | Scope::Both))
    }

    fn covers_columns_of(&self, other: &Cell) -> bool {
        self.col < other.col + other.cols && other.col < self.col + self.cols
    }

    fn covers_rows_of(&self, other: &Cell) -> bool {
        self.row < other.row + other.rows && other.row < self.row + self.rows
    }
}

/// Sets the `/Headers` of every table cell as the module's documentation says.
pub(super) fn table_headers(doc: &mut Document) -> Result<(), lopdf::Error> {
    let roles = role_map(doc);
    let tables: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_dict().is_ok_and(|d| standard_type(&roles, d) == Some(b"Table")))
        .map(|(id, _)| *id)
        .collect();
    let mut ids = existing_ids(doc);
    let mut new_ids: Vec<(Vec<u8>, ObjectId)> = Vec::new();
    for table in tables {
        let cells = place(&rows(doc, &roles, table), |id| spans(doc, id));
        let mut cell_ids: BTreeMap<ObjectId, Vec<u8>> = BTreeMap::new();
        for cell in cells.iter().filter(|c| c.header.is_some()) {
            let id = match element_id(doc, cell.id) {
                Some(id) => id,
                None => {
                    let id = fresh_id(&ids, cell.id);
                    ids.insert(id.clone());
                    new_ids.push((id.clone(), cell.id));
                    doc.get_dictionary_mut(cell.id)?
                        .set("ID", Object::String(id.clone(), StringFormat::Literal));
                    id
                }
            };
            cell_ids.insert(cell.id, id);
        }
        for (cell, headers) in headers_of(&cells) {
            let names: Vec<Vec<u8>> = headers.iter().filter_map(|h| cell_ids.get(h).cloned()).collect();
            if names.is_empty() {
                continue;
            }
            let before = table_attribute(doc, cell, b"Headers")
                .and_then(|h| h.as_array().ok().cloned())
                .unwrap_or_default();
            let before: Vec<Vec<u8>> =
                before.iter().filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec)).collect();
            if names != before {
                let value =
                    names.into_iter().map(|n| Object::String(n, StringFormat::Literal)).collect::<Vec<_>>();
                set_table_attribute(doc, cell, "Headers", Object::Array(value))?;
            }
        }
    }
    if !new_ids.is_empty() {
        register_ids(doc, new_ids)?;
    }
    Ok(())
}

/// For each cell of a body row: the header cells it sits under, in order (column headers of the
/// top header rows, then of the nearest group row above it, then the row headers of its row).
///
/// A header row is a row of column header cells only; the header rows from the table's first row
/// on, up to the first that is a single cell across the table, are its top header rows, and
/// every later run of header rows is a group row.
fn headers_of(cells: &[Cell]) -> Vec<(ObjectId, Vec<ObjectId>)> {
    let row_count = cells.iter().map(|c| c.row + 1).max().unwrap_or(0);
    let mut by_row: Vec<Vec<&Cell>> = vec![Vec::new(); row_count];
    for cell in cells {
        by_row[cell.row].push(cell);
    }
    let width = cells.iter().map(|c| c.col + c.cols).max().unwrap_or(0);
    let is_header_row: Vec<bool> =
        by_row.iter().map(|r| !r.is_empty() && r.iter().all(|c| c.heads_columns())).collect();
    // A group row is one header cell across the whole table; the top header rows end before the
    // first (Typst puts a level-2 header right below the level-1 header).
    let is_group_row =
        |row: usize| matches!(by_row[row].as_slice(), [only] if only.cols == width && width > 1);
    let top = (0..row_count).take_while(|&r| is_header_row[r] && !is_group_row(r)).count();
    let mut out = Vec::new();
    let mut group: std::ops::Range<usize> = 0..0;
    for row in top..row_count {
        if is_header_row[row] {
            group = if group.end == row && group.start >= top { group.start..row + 1 } else { row..row + 1 };
            continue;
        }
        for cell in by_row[row].iter().filter(|c| c.header.is_none() || c.heads_rows()) {
            let column_heads = |rows: std::ops::Range<usize>| {
                rows.flat_map(|r| by_row[r].iter())
                    .filter(|h| h.covers_columns_of(cell))
                    .map(|h| h.id)
                    .collect::<Vec<_>>()
            };
            let mut headers = column_heads(0..top);
            headers.extend(column_heads(group.clone()));
            headers.extend(
                cells
                    .iter()
                    .filter(|h| h.id != cell.id && h.heads_rows() && h.covers_rows_of(cell))
                    // A row header names the row headers before it, a data cell all of its row's.
                    .filter(|h| cell.header.is_none() || h.col < cell.col)
                    .map(|h| h.id),
            );
            let mut seen = BTreeSet::new();
            headers.retain(|h| seen.insert(*h));
            out.push((cell.id, headers));
        }
    }
    out
}

/// Places the cells of `rows` (each a list of (cell, header scope)) in a grid: each cell takes
/// the first column of its row not covered by a cell above spanning into it.
fn place(rows: &[Vec<(ObjectId, Option<Scope>)>], spans: impl Fn(ObjectId) -> (usize, usize)) -> Vec<Cell> {
    let mut taken: BTreeSet<(usize, usize)> = BTreeSet::new();
    let mut cells = Vec::new();
    for (row, items) in rows.iter().enumerate() {
        let mut col = 0;
        for &(id, header) in items {
            while taken.contains(&(row, col)) {
                col += 1;
            }
            let (rows_spanned, cols) = spans(id);
            let rows_spanned = rows_spanned.min(rows.len() - row);
            for r in row..row + rows_spanned {
                for c in col..col + cols {
                    taken.insert((r, c));
                }
            }
            cells.push(Cell { id, header, row, col, rows: rows_spanned, cols });
            col += cols;
        }
    }
    cells
}

/// The rows of a table, in order (also those in `THead`, `TBody` and `TFoot`), each the list of
/// its cells with their header scope.
fn rows(
    doc: &Document,
    roles: &BTreeMap<Vec<u8>, Vec<u8>>,
    table: ObjectId,
) -> Vec<Vec<(ObjectId, Option<Scope>)>> {
    let kind = |id: ObjectId| doc.get_dictionary(id).ok().and_then(|d| standard_type(roles, d));
    let mut row_ids = Vec::new();
    for kid in kids(doc, table) {
        match kind(kid) {
            Some(b"TR") => row_ids.push(kid),
            Some(b"THead" | b"TBody" | b"TFoot") => {
                row_ids.extend(kids(doc, kid).into_iter().filter(|r| kind(*r) == Some(b"TR")));
            }
            _ => {}
        }
    }
    row_ids
        .into_iter()
        .map(|row| {
            kids(doc, row)
                .into_iter()
                .filter_map(|cell| match kind(cell) {
                    Some(b"TD") => Some((cell, None)),
                    Some(b"TH") => Some((cell, Some(scope(doc, cell)))),
                    _ => None,
                })
                .collect()
        })
        .collect()
}

/// The structure elements among the kids of an element (marked content and object references
/// are not elements).
fn kids(doc: &Document, id: ObjectId) -> Vec<ObjectId> {
    let Ok(elem) = doc.get_dictionary(id) else { return Vec::new() };
    let refs: Vec<ObjectId> = match elem.get(b"K") {
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
        Ok(Object::Reference(r)) => vec![*r],
        _ => Vec::new(),
    };
    refs.into_iter()
        .filter(|r| {
            doc.get_dictionary(*r).is_ok_and(|d| d.has(b"S") && !is_name(d.get(b"Type").ok(), b"MCR"))
        })
        .filter(|r| doc.get_dictionary(*r).is_ok_and(|d| !is_name(d.get(b"Type").ok(), b"OBJR")))
        .collect()
}

/// The role map of the structure tree root.
fn role_map(doc: &Document) -> BTreeMap<Vec<u8>, Vec<u8>> {
    let Some(root) = struct_tree_root(doc).and_then(|id| doc.get_dictionary(id).ok()) else {
        return BTreeMap::new();
    };
    let map = match root.get(b"RoleMap") {
        Ok(Object::Dictionary(d)) => Some(d),
        Ok(Object::Reference(r)) => doc.get_dictionary(*r).ok(),
        _ => None,
    };
    map.map(|m| m.iter().filter_map(|(k, v)| Some((k.clone(), v.as_name().ok()?.to_vec()))).collect())
        .unwrap_or_default()
}

fn struct_tree_root(doc: &Document) -> Option<ObjectId> {
    doc.catalog().ok()?.get(b"StructTreeRoot").ok()?.as_reference().ok()
}

/// The standard structure type of a structure element, through the role map.
fn standard_type<'a>(roles: &'a BTreeMap<Vec<u8>, Vec<u8>>, elem: &'a Dictionary) -> Option<&'a [u8]> {
    if elem.has(b"Type") && !is_name(elem.get(b"Type").ok(), b"StructElem") {
        return None;
    }
    let mut kind = elem.get(b"S").ok()?.as_name().ok()?;
    // Role maps may chain; the bound guards against cycles.
    for _ in 0..8 {
        match roles.get(kind) {
            Some(next) if next.as_slice() != kind => kind = next,
            _ => break,
        }
    }
    Some(kind)
}

/// The attribute dictionaries of an element (direct or referenced).
fn attributes<'a>(doc: &'a Document, elem: &'a Dictionary) -> Vec<&'a Dictionary> {
    let deref = |o: &'a Object| match o {
        Object::Dictionary(d) => Some(d),
        Object::Reference(r) => doc.get_dictionary(*r).ok(),
        _ => None,
    };
    match elem.get(b"A") {
        Ok(Object::Array(items)) => items.iter().filter_map(deref).collect(),
        Ok(o) => deref(o).into_iter().collect(),
        Err(_) => Vec::new(),
    }
}

/// The value of `key` in the `/Table` attributes of the element `id`.
fn table_attribute<'a>(doc: &'a Document, id: ObjectId, key: &[u8]) -> Option<&'a Object> {
    let elem = doc.get_dictionary(id).ok()?;
    attributes(doc, elem)
        .into_iter()
        .filter(|a| is_name(a.get(b"O").ok(), b"Table"))
        .find_map(|a| a.get(key).ok())
}

fn scope(doc: &Document, id: ObjectId) -> Scope {
    match table_attribute(doc, id, b"Scope").and_then(|s| s.as_name().ok()) {
        Some(b"Row") => Scope::Row,
        Some(b"Column") => Scope::Column,
        Some(b"Both") => Scope::Both,
        _ => Scope::Unset,
    }
}

/// (rows, columns) a cell spans.
fn spans(doc: &Document, id: ObjectId) -> (usize, usize) {
    let span = |key: &[u8]| {
        table_attribute(doc, id, key)
            .and_then(|s| s.as_i64().ok())
            .and_then(|n| usize::try_from(n).ok())
            .map_or(1, |n| n.clamp(1, MAX_SPAN))
    };
    (span(b"RowSpan"), span(b"ColSpan"))
}

/// Sets `key` in the element's `/Table` attributes, adding a `/Table` attribute dictionary when
/// it has none.
fn set_table_attribute(
    doc: &mut Document,
    id: ObjectId,
    key: &str,
    value: Object,
) -> Result<(), lopdf::Error> {
    let referenced = {
        let elem = doc.get_dictionary(id)?;
        let refs: Vec<ObjectId> = match elem.get(b"A") {
            Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_reference().ok()).collect(),
            Ok(Object::Reference(r)) => vec![*r],
            _ => Vec::new(),
        };
        refs.into_iter().find(|r| doc.get_dictionary(*r).is_ok_and(|a| is_name(a.get(b"O").ok(), b"Table")))
    };
    if let Some(attr) = referenced {
        doc.get_dictionary_mut(attr)?.set(key, value);
        return Ok(());
    }
    let elem = doc.get_dictionary_mut(id)?;
    let is_table = |a: &Dictionary| is_name(a.get(b"O").ok(), b"Table");
    let mut fresh = Dictionary::new();
    fresh.set("O", Object::Name(b"Table".to_vec()));
    fresh.set(key, value.clone());
    match elem.get_mut(b"A") {
        Ok(Object::Dictionary(a)) if is_table(a) => a.set(key, value),
        Ok(Object::Array(items)) => {
            match items.iter_mut().find_map(|o| o.as_dict_mut().ok().filter(|a| is_table(a))) {
                Some(a) => a.set(key, value),
                None => items.push(Object::Dictionary(fresh)),
            }
        }
        Ok(other) => {
            let old = std::mem::replace(other, Object::Null);
            *other = Object::Array(vec![old, Object::Dictionary(fresh)]);
        }
        Err(_) => elem.set("A", Object::Dictionary(fresh)),
    }
    Ok(())
}

fn element_id(doc: &Document, id: ObjectId) -> Option<Vec<u8>> {
    doc.get_dictionary(id).ok()?.get(b"ID").ok()?.as_str().ok().map(<[u8]>::to_vec)
}

/// The `/ID`s of every structure element.
fn existing_ids(doc: &Document) -> BTreeSet<Vec<u8>> {
    doc.objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"ID").ok()?.as_str().ok().map(<[u8]>::to_vec))
        .collect()
}

/// An identifier for the element `id` that no element has.
fn fresh_id(taken: &BTreeSet<Vec<u8>>, id: ObjectId) -> Vec<u8> {
    (0..)
        .map(|n: u32| match n {
            0 => format!("TH{}", id.0).into_bytes(),
            n => format!("TH{}-{n}", id.0).into_bytes(),
        })
        .find(|candidate| !taken.contains(candidate))
        .unwrap_or_default()
}

/// Adds `entries` (identifier, element) to the structure tree root's `/IDTree`, which becomes one
/// sorted `/Names` array (a name tree's root may hold all its names).
fn register_ids(doc: &mut Document, entries: Vec<(Vec<u8>, ObjectId)>) -> Result<(), lopdf::Error> {
    let root_id = struct_tree_root(doc).ok_or(lopdf::Error::DictKey("StructTreeRoot".to_owned()))?;
    let tree = match doc.get_dictionary(root_id)?.get(b"IDTree") {
        Ok(Object::Reference(r)) => Some(*r),
        _ => None,
    };
    let mut names: BTreeMap<Vec<u8>, Object> = BTreeMap::new();
    let top = match tree {
        Some(r) => doc.get_dictionary(r).ok(),
        None => doc.get_dictionary(root_id)?.get(b"IDTree").ok().and_then(|t| t.as_dict().ok()),
    };
    if let Some(top) = top {
        collect_names(doc, top, &mut names, 0);
    }
    for (name, elem) in entries {
        names.insert(name, Object::Reference(elem));
    }
    let flat: Vec<Object> =
        names.into_iter().flat_map(|(k, v)| [Object::String(k, StringFormat::Literal), v]).collect();
    let mut node = Dictionary::new();
    node.set("Names", Object::Array(flat));
    match tree {
        Some(r) => {
            doc.objects.insert(r, Object::Dictionary(node));
        }
        None => doc.get_dictionary_mut(root_id)?.set("IDTree", Object::Dictionary(node)),
    }
    Ok(())
}

/// The names of a name tree node and its descendants.
fn collect_names(doc: &Document, node: &Dictionary, out: &mut BTreeMap<Vec<u8>, Object>, depth: usize) {
    if depth > 32 {
        return;
    }
    if let Ok(items) = node.get(b"Names").and_then(Object::as_array) {
        for pair in items.chunks(2) {
            if let [Object::String(k, _), v] = pair {
                out.insert(k.clone(), v.clone());
            }
        }
    }
    if let Ok(kids) = node.get(b"Kids").and_then(Object::as_array) {
        for kid in kids.iter().filter_map(|k| k.as_reference().ok()) {
            if let Ok(kid) = doc.get_dictionary(kid) {
                collect_names(doc, kid, out, depth + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const COL: Option<Scope> = Some(Scope::Column);
    const ROW: Option<Scope> = Some(Scope::Row);

    fn id(n: u32) -> ObjectId {
        (n, 0)
    }

    /// The headers of each body cell of a grid given as rows of (object number, scope, colspan).
    fn headers(rows: &[&[(u32, Option<Scope>, usize)]]) -> Vec<(u32, Vec<u32>)> {
        let spans: BTreeMap<ObjectId, usize> =
            rows.iter().flat_map(|r| r.iter()).map(|c| (id(c.0), c.2)).collect();
        let rows: Vec<Vec<(ObjectId, Option<Scope>)>> =
            rows.iter().map(|r| r.iter().map(|c| (id(c.0), c.1)).collect()).collect();
        let cells = place(&rows, |i| (1, spans[&i]));
        headers_of(&cells).into_iter().map(|(c, hs)| (c.0, hs.into_iter().map(|h| h.0).collect())).collect()
    }

    #[test]
    fn cells_under_group_rows_keep_their_column_headers() {
        // Indikator | Period | Eda | Säffle; then "Folkhälsa" over all four; then a row.
        let got = headers(&[
            &[(1, COL, 1), (2, COL, 1), (3, COL, 1), (4, COL, 1)],
            &[(10, COL, 4)],
            &[(11, ROW, 1), (12, None, 1), (13, None, 1), (14, None, 1)],
            &[(20, COL, 4)],
            &[(21, ROW, 1), (22, None, 1), (23, None, 1), (24, None, 1)],
        ]);
        assert_eq!(
            got,
            [
                (11, vec![1, 10]),
                (12, vec![2, 10, 11]),
                (13, vec![3, 10, 11]),
                (14, vec![4, 10, 11]),
                (21, vec![1, 20]),
                (22, vec![2, 20, 21]),
                (23, vec![3, 20, 21]),
                (24, vec![4, 20, 21]),
            ]
        );
    }

    #[test]
    fn spans_move_later_cells_and_plain_tables_keep_column_then_row() {
        // Two header rows: "Område" over two columns, then "2019" and "2023" under it.
        let got = headers(&[
            &[(1, COL, 1), (2, COL, 2)],
            &[(3, COL, 1), (4, COL, 1), (5, COL, 1)],
            &[(6, ROW, 1), (7, None, 1), (8, None, 1)],
            &[(9, None, 2), (10, None, 1)],
        ]);
        assert_eq!(
            got,
            [
                (6, vec![1, 3]),
                (7, vec![2, 4, 6]),
                (8, vec![2, 5, 6]),
                (9, vec![1, 2, 3, 4]),
                (10, vec![2, 5])
            ]
        );
    }

    /// A table of a header row and one body row whose header cells have no `/ID`, and whose data
    /// cell has no attributes.
    #[test]
    fn header_cells_without_ids_get_ids_in_the_id_tree() -> Result<(), lopdf::Error> {
        use lopdf::dictionary;
        let mut doc = Document::with_version("1.7");
        let root = doc.new_object_id();
        let table = doc.new_object_id();
        let th = |doc: &mut Document, scope: &str| {
            doc.add_object(dictionary! { "Type" => "StructElem", "S" => "TH",
            "A" => dictionary! { "O" => "Table", "Scope" => scope } })
        };
        let (h1, h2) = (th(&mut doc, "Column"), th(&mut doc, "Column"));
        let head = doc.add_object(
            dictionary! { "Type" => "StructElem", "S" => "TR", "K" => vec![h1.into(), h2.into()] },
        );
        let r = th(&mut doc, "Row");
        let d = doc.add_object(dictionary! { "Type" => "StructElem", "S" => "TD" });
        let body = doc
            .add_object(dictionary! { "Type" => "StructElem", "S" => "TR", "K" => vec![r.into(), d.into()] });
        doc.objects.insert(
            table,
            Object::Dictionary(dictionary! { "Type" => "StructElem", "S" => "Table", "P" => root, "K" => vec![head.into(), body.into()] }),
        );
        doc.objects
            .insert(root, Object::Dictionary(dictionary! { "Type" => "StructTreeRoot", "K" => table }));
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "StructTreeRoot" => root });
        doc.trailer.set("Root", catalog);

        table_headers(&mut doc)?;
        let id_of = |e: ObjectId| element_id(&doc, e).expect("an /ID");
        let headers: Vec<Vec<u8>> = table_attribute(&doc, d, b"Headers")
            .and_then(|h| h.as_array().ok())
            .map(|a| a.iter().filter_map(|o| o.as_str().ok().map(<[u8]>::to_vec)).collect())
            .unwrap_or_default();
        assert_eq!(headers, [id_of(h2), id_of(r)]);
        let tree = doc.get_dictionary(root)?.get(b"IDTree")?.as_dict()?;
        let names = tree.get(b"Names")?.as_array()?;
        let keys: Vec<&[u8]> = names.iter().step_by(2).filter_map(|k| k.as_str().ok()).collect();
        let mut sorted = keys.clone();
        sorted.sort();
        assert_eq!((keys.len(), keys.clone()), (3, sorted));
        for e in [h1, h2, r] {
            let at = keys.iter().position(|k| *k == id_of(e).as_slice()).expect("in the tree");
            assert_eq!(names[at * 2 + 1].as_reference()?, e);
        }
        Ok(())
    }
}
