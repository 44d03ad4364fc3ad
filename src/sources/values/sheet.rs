//! Reading the own values of `values/*.csv` and `values/*.xlsx`: one value per row, every cell
//! with its place (sheet, row, column, and in a CSV file the byte range), so that every problem
//! says where it is.
//!
//! The columns are named in the first row, in any order and case, with or without the Swedish
//! letters (`område` or `omrade`): `indikator` or `kpi`, `område`, `år`, `kön` (optional, `T` by
//! default), `värde` (empty: no value) and `ersätter` (optional: `ja` when the row replaces
//! Kolada's value). Other columns (`namn`, a comment) are not read; one that looks like a
//! misspelling of a column that is read (`värd`) is an error.

use std::fmt;
use std::ops::Range;

use calamine::{Data, Reader};

use super::Gender;
use crate::i18n::Msg;
use crate::sources::ids::{IndicatorId, KpiId};
use crate::sources::parties::AreaCode;
use crate::{msg, t};

/// A cell as read.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Nothing.
    Empty,
    /// Text (every cell of a CSV file, trimmed).
    Text(String),
    /// A number of a workbook.
    Number(f64),
    /// Something else of a workbook: a truth value, a date, an error (`#N/A`), in words.
    Other(String),
}

impl Cell {
    fn of(data: &Data) -> Self {
        match data {
            Data::Empty => Self::Empty,
            Data::String(s) if s.trim().is_empty() => Self::Empty,
            Data::String(s) => Self::Text(crate::sources::text::nfc(s.trim()).into_owned()),
            Data::Float(f) => Self::Number(*f),
            Data::Int(i) => Self::Number(*i as f64),
            Data::Bool(b) => Self::Other(t!("sheet-cell.truth", value = if *b { "TRUE" } else { "FALSE" })),
            Data::DateTime(_) | Data::DateTimeIso(_) => Self::Other(t!("sheet-cell.date")),
            Data::DurationIso(_) => Self::Other(t!("sheet-cell.duration")),
            Data::Error(e) => Self::Other(t!("sheet-cell.error", error = e.to_string())),
        }
    }

    /// The cell as the user sees it, for messages.
    fn shown(&self) -> String {
        match self {
            Self::Empty => t!("sheet-cell.empty"),
            Self::Text(s) => format!("`{s}`"),
            Self::Number(n) => format!("`{n}`"),
            Self::Other(s) => s.clone(),
        }
    }
}

/// One row of a table.
#[derive(Clone, Debug, PartialEq)]
pub struct Row {
    /// The row's number as a spreadsheet shows it (1 is the first).
    pub number: usize,
    /// The cells, from column A.
    pub cells: Vec<Cell>,
    /// The cells' byte ranges in a CSV file's text.
    pub spans: Vec<Range<usize>>,
}

/// A sheet of a workbook, or a whole CSV file.
#[derive(Clone, Debug, PartialEq)]
pub struct Table {
    /// The sheet's name; `None` for a CSV file.
    pub sheet: Option<String>,
    /// The rows that are not empty; the first holds the column names.
    pub rows: Vec<Row>,
}

/// Where in a file: the sheet, the row and the column.
#[derive(Clone, Debug, PartialEq)]
pub struct Place {
    /// The sheet, in a workbook.
    pub sheet: Option<String>,
    /// The row's number (1 is the first).
    pub row: usize,
    /// The column's index (0 is A) and name, when the place is one cell.
    pub column: Option<(usize, String)>,
    /// The byte range in a CSV file's text.
    pub span: Option<Range<usize>>,
}

/// The letters of a column: 0 is `A`, 25 `Z`, 26 `AA`.
pub fn column_letters(mut index: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (index % 26) as u8);
        if index < 26 {
            break;
        }
        index = index / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

impl fmt::Display for Place {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (column, name) = match &self.column {
            Some((index, name)) => (column_letters(*index), name.as_str()),
            None => (String::new(), ""),
        };
        let at = match &self.column {
            Some(_) if !name.is_empty() => "named-cell",
            Some(_) => "cell",
            None => "row",
        };
        let place = msg!(
            "sheet-place",
            within = if self.sheet.is_some() { "sheet" } else { "file" },
            sheet = self.sheet.as_deref().unwrap_or(""),
            row = self.row,
            at = at,
            column = column,
            name = name
        );
        f.write_str(&place.text())
    }
}

/// A problem in a spreadsheet of values, at its place.
#[derive(Clone, Debug, PartialEq)]
pub struct SheetProblem {
    /// Where.
    pub place: Place,
    /// What is wrong: a message whose key is the kind of problem, its code (`sheet-not-a-year`).
    pub message: Msg,
    /// How to fix it.
    pub hint: Option<String>,
}

/// Where a quote that opens a quoted cell is never closed, if one is: a CSV reader would read the
/// rest of the file as that one cell. A quote inside a cell's text (`5"`) opens nothing; a
/// doubled quote inside a quoted cell is a quote.
fn open_quote(text: &str) -> Option<usize> {
    let bytes = text.as_bytes();
    let mut opened: Option<usize> = None;
    let mut cell_start = true;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        match opened {
            Some(_) if b == b'"' && bytes.get(i + 1) == Some(&b'"') => i += 1,
            Some(_) if b == b'"' => opened = None,
            Some(_) => {}
            None if b == b'"' && cell_start => opened = Some(i),
            None => {}
        }
        cell_start = opened.is_none() && matches!(b, b';' | b',' | b'\t' | b'\n' | b'\r');
        i += 1;
    }
    opened
}

/// Reads a CSV file's text (without its byte order mark): `;`, tab or `,` between the fields,
/// whichever the first line uses (in that order), quotes as Excel writes them.
///
/// Errors: the text is not CSV (a quote left open), with the place.
pub fn read_csv(text: &str) -> Result<Table, Box<SheetProblem>> {
    if let Some(at) = open_quote(text) {
        let row = text[..at].matches('\n').count() + 1;
        return Err(Box::new(SheetProblem {
            place: Place { sheet: None, row, column: None, span: Some(at..at + 1) },
            message: msg!("sheet-open-quote"),
            hint: Some(t!("sheet-open-quote.hint")),
        }));
    }
    let first_line = text.lines().next().unwrap_or_default();
    let delimiter =
        [b';', b'\t', b','].into_iter().find(|d| first_line.as_bytes().contains(d)).unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
        .from_reader(text.as_bytes());
    let mut rows = Vec::new();
    for (i, record) in reader.records().enumerate() {
        let record = record.map_err(|e| {
            Box::new(SheetProblem {
                place: Place {
                    sheet: None,
                    row: i + 1,
                    column: None,
                    span: e.position().map(|p| p.byte() as usize..p.byte() as usize + 1),
                },
                // The CSV reader's own words for what is wrong.
                message: msg!("sheet-not-csv", error = e.to_string()),
                hint: None,
            })
        })?;
        let start = record.position().map_or(0, |p| p.byte() as usize);
        // The line, not the record's index: the reader skips empty lines, a spreadsheet shows them.
        let number = record.position().map_or(i + 1, |p| p.line() as usize);
        let cells: Vec<Cell> = record
            .iter()
            .map(|field| match field.trim() {
                "" => Cell::Empty,
                s => Cell::Text(s.to_owned()),
            })
            .collect();
        let mut spans = field_spans(text, start, delimiter);
        if spans.len() != cells.len() {
            spans = Vec::new();
        }
        if cells.iter().all(|c| *c == Cell::Empty) {
            continue;
        }
        rows.push(Row { number, cells, spans });
    }
    Ok(Table { sheet: None, rows })
}

/// The byte ranges of the fields of the record at `start`, quotes included.
fn field_spans(text: &str, start: usize, delimiter: u8) -> Vec<Range<usize>> {
    let bytes = text.as_bytes();
    let mut i = start;
    let mut spans = Vec::new();
    loop {
        let from = i;
        if bytes.get(i) == Some(&b'"') {
            i += 1;
            while i < bytes.len() {
                if bytes[i] == b'"' {
                    if bytes.get(i + 1) == Some(&b'"') {
                        i += 2;
                        continue;
                    }
                    i += 1;
                    break;
                }
                i += 1;
            }
        }
        while i < bytes.len() && ![delimiter, b'\n', b'\r'].contains(&bytes[i]) {
            i += 1;
        }
        spans.push(from..i);
        if bytes.get(i) == Some(&delimiter) {
            i += 1;
        } else {
            return spans;
        }
    }
}

/// Reads every sheet of a workbook, in the workbook's order.
///
/// Errors: the bytes are not a workbook that can be read, in words.
pub fn read_xlsx(bytes: &[u8]) -> Result<Vec<Table>, String> {
    let mut workbook: calamine::Xlsx<std::io::Cursor<&[u8]>> =
        calamine::open_workbook_from_rs(std::io::Cursor::new(bytes))
            .map_err(|e: calamine::XlsxError| e.to_string())?;
    let mut tables = Vec::new();
    for name in workbook.sheet_names() {
        let range = workbook
            .worksheet_range(&name)
            .map_err(|e| t!("sheet-unreadable", sheet = &name, error = e.to_string()))?;
        let (top, left) = range.start().unwrap_or((0, 0));
        let mut rows = Vec::new();
        for (i, row) in range.rows().enumerate() {
            let mut cells = vec![Cell::Empty; left as usize];
            cells.extend(row.iter().map(Cell::of));
            if cells.iter().all(|c| *c == Cell::Empty) {
                continue;
            }
            rows.push(Row { number: top as usize + i + 1, cells, spans: Vec::new() });
        }
        tables.push(Table { sheet: Some(crate::sources::text::nfc(&name).into_owned()), rows });
    }
    Ok(tables)
}

/// What a row gives a value of.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Measured {
    /// A Kolada KPI.
    Kpi(KpiId),
    /// An indicator that no KPI measures.
    Indicator(IndicatorId),
}

impl fmt::Display for Measured {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&match self {
            Self::Kpi(k) => t!("sheet-measured.kpi", id = k.as_str()),
            Self::Indicator(i) => t!("sheet-measured.indicator", id = i.as_str()),
        })
    }
}

/// One value of a spreadsheet, checked.
#[derive(Clone, Debug, PartialEq)]
pub struct OwnValue {
    /// What it is a value of.
    pub measured: Measured,
    /// The area.
    pub area: AreaCode,
    /// The year.
    pub year: i32,
    /// Whose value.
    pub gender: Gender,
    /// The value; `None` for an empty cell.
    pub value: Option<f64>,
    /// Whether the row replaces Kolada's value (`ersätter` is `ja`).
    pub replaces: bool,
    /// The row.
    pub place: Place,
}

/// What the rows are checked against.
pub struct Known<'a> {
    /// The KPIs of `kolada.toml`.
    pub kpis: &'a dyn Fn(&str) -> bool,
    /// The areas a value may be for: those of `parties.toml` and the country's municipalities
    /// and regions.
    pub areas: &'a dyn Fn(&str) -> bool,
    /// The indicators of the year's `goals.toml`: `Some(true)` when KPIs measure it, `Some(false)`
    /// when none does, `None` for an unknown id.
    pub indicator: &'a dyn Fn(&str) -> Option<bool>,
    /// The ids of the indicators no KPI measures, for suggestions.
    pub own_indicators: Vec<&'a str>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Column {
    Indicator,
    Kpi,
    Area,
    Year,
    Gender,
    Value,
    Replaces,
}

/// The columns that are read, by name.
const COLUMNS: [(&str, Column); 7] = [
    ("indikator", Column::Indicator),
    ("kpi", Column::Kpi),
    ("område", Column::Area),
    ("år", Column::Year),
    ("kön", Column::Gender),
    ("värde", Column::Value),
    ("ersätter", Column::Replaces),
];

/// A column name without case and without the Swedish letters' rings and dots.
fn fold(name: &str) -> String {
    name.trim()
        .to_lowercase()
        .chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'ö' => 'o',
            c => c,
        })
        .collect()
}

struct Checker<'k, 'a> {
    known: &'k Known<'a>,
    sheet: Option<String>,
    problems: Vec<SheetProblem>,
}

impl Checker<'_, '_> {
    fn at(&self, row: &Row, column: usize, name: &str) -> Place {
        Place {
            sheet: self.sheet.clone(),
            row: row.number,
            column: Some((column, name.to_owned())),
            span: row.spans.get(column).cloned(),
        }
    }

    fn problem(&mut self, place: Place, message: Msg, hint: Option<String>) {
        self.problems.push(SheetProblem { place, message, hint });
    }
}

/// The values of a table, checked, and its problems. A row with a problem gives no value.
pub fn values(table: &Table, known: &Known<'_>) -> (Vec<OwnValue>, Vec<SheetProblem>) {
    let mut c = Checker { known, sheet: table.sheet.clone(), problems: Vec::new() };
    let Some((header, rows)) = table.rows.split_first() else {
        return (Vec::new(), Vec::new());
    };
    // The columns: where each one is read, and the names as written.
    let mut columns: Vec<(Column, usize)> = Vec::new();
    let mut names: Vec<String> = Vec::new();
    for (i, cell) in header.cells.iter().enumerate() {
        let name = match cell {
            Cell::Text(s) => s.clone(),
            Cell::Number(n) => n.to_string(),
            _ => String::new(),
        };
        names.push(name.clone());
        let folded = fold(&name);
        match COLUMNS.iter().find(|(n, _)| fold(n) == folded) {
            Some((canonical, column)) => {
                if columns.iter().any(|(c, _)| c == column) {
                    let place = c.at(header, i, &name);
                    c.problem(place, msg!("sheet-column-twice", column = *canonical), None);
                } else {
                    columns.push((*column, i));
                }
            }
            None if !folded.is_empty() => {
                let folded_names: Vec<String> = COLUMNS.iter().map(|(n, _)| fold(n)).collect();
                let meant = folded_names.iter().position(|n| {
                    let limit = if n.chars().count() <= 3 { 1 } else { 2 };
                    strsim::damerau_levenshtein(&folded, n) <= limit
                        && folded.chars().count().abs_diff(n.chars().count()) <= 1
                        && folded != "namn"
                });
                if let Some(m) = meant {
                    let place = c.at(header, i, &name);
                    let hint = crate::suggest::did_you_mean_hint(COLUMNS[m].0);
                    c.problem(place, msg!("sheet-unknown-column", column = name.as_str()), Some(hint));
                }
            }
            None => {}
        }
    }
    let col = |wanted: Column| columns.iter().find(|(c, _)| *c == wanted).map(|(_, i)| *i);
    let missing: Vec<&str> = [(Column::Area, "område"), (Column::Year, "år"), (Column::Value, "värde")]
        .into_iter()
        .filter(|(column, _)| col(*column).is_none())
        .map(|(_, name)| name)
        .collect();
    let header_place = Place {
        sheet: c.sheet.clone(),
        row: header.number,
        column: None,
        span: header.spans.first().map(|f| f.start..header.spans.last().map_or(f.end, |l| l.end)),
    };
    let hint = t!("sheet-columns-hint");
    if col(Column::Indicator).is_none() && col(Column::Kpi).is_none() {
        c.problem(header_place.clone(), msg!("sheet-no-measure-column"), Some(hint.clone()));
    }
    if !missing.is_empty() {
        let list = missing.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", ");
        c.problem(
            header_place,
            msg!("sheet-missing-columns", columns = list, count = missing.len()),
            Some(hint),
        );
    }
    if !c.problems.is_empty() {
        return (Vec::new(), c.problems);
    }
    let name = |i: usize| names.get(i).cloned().unwrap_or_default();
    let mut out = Vec::new();
    for row in rows {
        let cell = |i: Option<usize>| i.and_then(|i| row.cells.get(i)).unwrap_or(&Cell::Empty);
        let before = c.problems.len();
        let measured = c.measured(row, col(Column::Indicator), col(Column::Kpi), &name);
        let area = c.area(row, col(Column::Area).unwrap_or_default(), &name);
        let year = c.year(row, col(Column::Year).unwrap_or_default(), &name);
        let gender = match (col(Column::Gender), cell(col(Column::Gender))) {
            (_, Cell::Empty) | (None, _) => Some(Gender::Total),
            (Some(_), Cell::Text(s)) if Gender::from_code(&s.to_uppercase()).is_some() => {
                Gender::from_code(&s.to_uppercase())
            }
            (Some(i), other) => {
                let message = msg!("sheet-not-a-gender", cell = other.shown());
                c.problem(c.at(row, i, &name(i)), message, None);
                None
            }
        };
        let value = col(Column::Value).and_then(|i| match cell(Some(i)) {
            Cell::Empty => Some(None),
            Cell::Number(n) if n.is_finite() => Some(Some(*n)),
            Cell::Text(s) if number(s).is_some() => Some(number(s)),
            other => {
                let message = msg!("sheet-not-a-number", cell = other.shown());
                c.problem(c.at(row, i, &name(i)), message, Some(t!("sheet-not-a-number.hint")));
                None
            }
        });
        let replaces = match col(Column::Replaces) {
            None => Some(false),
            Some(i) => match cell(Some(i)) {
                Cell::Empty => Some(false),
                Cell::Text(s) if fold(s) == "ja" => Some(true),
                Cell::Text(s) if fold(s) == "nej" => Some(false),
                other => {
                    let message = msg!("sheet-not-yes-or-no", cell = other.shown());
                    c.problem(c.at(row, i, &name(i)), message, Some(t!("sheet-not-yes-or-no.hint")));
                    None
                }
            },
        };
        if let (Some(Measured::Indicator(id)), Some(true)) = (&measured, replaces) {
            let i = col(Column::Replaces).unwrap_or_default();
            let message = msg!("sheet-nothing-to-replace", indicator = id.as_str());
            c.problem(c.at(row, i, &name(i)), message, Some(t!("sheet-nothing-to-replace.hint")));
        }
        if c.problems.len() != before {
            continue;
        }
        if let (Some(measured), Some(area), Some(year), Some(gender), Some(value), Some(replaces)) =
            (measured, area, year, gender, value, replaces)
        {
            let place = Place { sheet: c.sheet.clone(), row: row.number, column: None, span: row_span(row) };
            out.push(OwnValue { measured, area, year, gender, value, replaces, place });
        }
    }
    (out, c.problems)
}

fn row_span(row: &Row) -> Option<Range<usize>> {
    let first = row.spans.first()?;
    Some(first.start..row.spans.last().map_or(first.end, |l| l.end))
}

impl Checker<'_, '_> {
    fn measured(
        &mut self,
        row: &Row,
        indicator: Option<usize>,
        kpi: Option<usize>,
        name: &dyn Fn(usize) -> String,
    ) -> Option<Measured> {
        let text = |i: Option<usize>| i.and_then(|i| row.cells.get(i).map(|c| (i, c)));
        match (text(indicator), text(kpi)) {
            (Some((i, Cell::Text(id))), Some((_, Cell::Text(_)))) => {
                let message = msg!("sheet-indicator-and-kpi", indicator = id.as_str());
                self.problem(self.at(row, i, &name(i)), message, Some(t!("sheet-indicator-and-kpi.hint")));
                None
            }
            (Some((i, Cell::Text(id))), _) => match (self.known.indicator)(id) {
                Some(false) => Some(Measured::Indicator(IndicatorId(id.clone()))),
                Some(true) => {
                    let message = msg!("sheet-indicator-has-kpis", indicator = id.as_str());
                    self.problem(
                        self.at(row, i, &name(i)),
                        message,
                        Some(t!("sheet-indicator-has-kpis.hint")),
                    );
                    None
                }
                None => {
                    let hint =
                        match crate::suggest::did_you_mean(id, self.known.own_indicators.iter().copied()) {
                            Some(meant) => crate::suggest::did_you_mean_hint(meant),
                            None => t!(
                                "sheet-unknown-indicator.hint",
                                indicators = crate::suggest::all_of(&self.known.own_indicators)
                            ),
                        };
                    let message = msg!("sheet-unknown-indicator", indicator = id.as_str());
                    self.problem(self.at(row, i, &name(i)), message, Some(hint));
                    None
                }
            },
            (_, Some((k, Cell::Text(id)))) => {
                if !KpiId::is_valid(id) {
                    self.problem(self.at(row, k, &name(k)), msg!("invalid-kpi-id", kpi = id.as_str()), None);
                    None
                } else if !(self.known.kpis)(id) {
                    let message = msg!("unknown-kpi", kpi = id.as_str());
                    self.problem(self.at(row, k, &name(k)), message, Some(t!("unknown-kpi.hint")));
                    None
                } else {
                    Some(Measured::Kpi(KpiId(id.clone())))
                }
            }
            (Some((i, other)), _) | (None, Some((i, other))) if *other != Cell::Empty => {
                self.problem(self.at(row, i, &name(i)), msg!("sheet-not-an-id", cell = other.shown()), None);
                None
            }
            _ => {
                let place =
                    Place { sheet: self.sheet.clone(), row: row.number, column: None, span: row_span(row) };
                self.problem(place, msg!("sheet-no-measure"), Some(t!("sheet-no-measure.hint")));
                None
            }
        }
    }

    fn area(&mut self, row: &Row, i: usize, name: &dyn Fn(usize) -> String) -> Option<AreaCode> {
        let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
        let code = match cell {
            Cell::Text(s) => s.clone(),
            // A code typed into a cell of a general format is a number: right when it has four
            // digits, but `0017` has lost its leading zero.
            Cell::Number(n) if n.fract() == 0.0 && (1000.0..=9999.0).contains(n) => format!("{n:.0}"),
            Cell::Number(n) => {
                let message = msg!("sheet-area-code-number", code = n.to_string());
                self.problem(self.at(row, i, &name(i)), message, Some(t!("sheet-area-code-number.hint")));
                return None;
            }
            other => {
                let message = msg!("sheet-not-an-area-code", cell = other.shown());
                self.problem(self.at(row, i, &name(i)), message, Some(t!("sheet-not-an-area-code.hint")));
                return None;
            }
        };
        if !(code.len() == 4 && code.bytes().all(|b| b.is_ascii_digit())) {
            let message = msg!("sheet-invalid-area-code", code = code.as_str());
            self.problem(self.at(row, i, &name(i)), message, None);
            return None;
        }
        if !(self.known.areas)(&code) {
            let message = msg!("sheet-unknown-area", code = code.as_str());
            self.problem(self.at(row, i, &name(i)), message, Some(t!("sheet-unknown-area.hint")));
            return None;
        }
        Some(AreaCode(code))
    }

    fn year(&mut self, row: &Row, i: usize, name: &dyn Fn(usize) -> String) -> Option<i32> {
        let cell = row.cells.get(i).unwrap_or(&Cell::Empty);
        let year = match cell {
            Cell::Number(n) if n.fract() == 0.0 => Some(*n as i32),
            Cell::Text(s) if s.len() == 4 => s.parse::<i32>().ok(),
            _ => None,
        };
        match year {
            Some(y) if (1900..=2100).contains(&y) => Some(y),
            _ => {
                let message = msg!("sheet-not-a-year", cell = cell.shown());
                self.problem(self.at(row, i, &name(i)), message, Some(t!("sheet-not-a-year.hint")));
                None
            }
        }
    }
}

/// A number as Swedish and other spreadsheets write it: a decimal comma or point, a minus sign
/// or hyphen, spaces between the thousands. `None` for anything else.
pub fn number(s: &str) -> Option<f64> {
    let cleaned: String = s
        .chars()
        .filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}'))
        .map(|c| if c == '−' { '-' } else { c })
        .collect();
    if cleaned.contains(',') && cleaned.contains('.') {
        return None;
    }
    let cleaned = cleaned.replace(',', ".");
    let digits = cleaned.strip_prefix(['-', '+']).unwrap_or(&cleaned);
    if digits.is_empty()
        || !digits.bytes().all(|b| b.is_ascii_digit() || b == b'.')
        || digits.matches('.').count() > 1
        || !digits.bytes().any(|b| b.is_ascii_digit())
    {
        return None;
    }
    cleaned.parse::<f64>().ok().filter(|n| n.is_finite())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_swedish_and_other_forms() {
        for (text, expected) in [
            ("59,0", Some(59.0)),
            ("59.5", Some(59.5)),
            ("−1,4", Some(-1.4)),
            ("-1.4", Some(-1.4)),
            ("1 234,5", Some(1234.5)),
            ("1\u{a0}234", Some(1234.0)),
            ("5,x", None),
            ("1,234.5", None),
            ("inf", None),
            ("1e3", None),
            (",", None),
            ("1.2.3", None),
        ] {
            assert_eq!(number(text), expected, "{text}");
        }
    }

    #[test]
    fn column_letters_as_spreadsheets_name_them() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(3), "D");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn a_quote_never_closed_is_named_where_it_opens() {
        let text = "indikator;område;år;kön;värde\n\"overvikt;1784;2018;T;5\novervikt;1784;2019;T;6\n";
        let problem = read_csv(text).expect_err("an error");
        assert_eq!((problem.place.row, problem.place.span.clone()), (2, Some(34..35)));
        assert_eq!(problem.message.text(), "a quote (`\"`) opened here is never closed");
        // Closed quotes, doubled quotes inside them and a quote inside a cell's text are fine.
        assert!(read_csv("a;b\n\"x;\"\"y\"\"\";5\"\n").is_ok());
        assert_eq!(open_quote("a;\"b\"\"c\";d"), None);
    }

    #[test]
    fn csv_with_semicolons_quotes_and_spans() -> Result<(), Box<SheetProblem>> {
        let text = "kpi;område;år;värde\nN15428;\"0017\";2023;\"59,0\"\n\n;;;\nN15428;1780;2022;\n";
        let table = read_csv(text)?;
        assert_eq!(table.rows.len(), 3);
        assert_eq!(table.rows[1].number, 2);
        assert_eq!(table.rows[2].number, 5);
        assert_eq!(table.rows[1].cells[1], Cell::Text("0017".into()));
        assert_eq!(&text[table.rows[1].spans[3].clone()], "\"59,0\"");
        assert_eq!(table.rows[2].cells[3], Cell::Empty);
        let comma = read_csv("kpi,område,år,värde\nN15428,0017,2023,59.0\n")?;
        assert_eq!(comma.rows[1].cells[3], Cell::Text("59.0".into()));
        Ok(())
    }

    /// The problems of a CSV text checked against one KPI, two areas and two indicators (one
    /// measured by the KPI, one by nothing): each as "place: message".
    fn problems(text: &str) -> Vec<String> {
        let kpis = |k: &str| k == "N15428";
        let areas = |a: &str| ["0017", "1780"].contains(&a);
        let indicator = |i: &str| match i {
            "behoriga" => Some(true),
            "overvikt" => Some(false),
            _ => None,
        };
        let known =
            Known { kpis: &kpis, areas: &areas, indicator: &indicator, own_indicators: vec!["overvikt"] };
        let table = read_csv(text).unwrap_or_else(|p| panic!("{p:?}"));
        let (_, found) = values(&table, &known);
        found.into_iter().map(|p| format!("{}: {}", p.place, p.message.text())).collect()
    }

    #[test]
    fn every_problem_of_a_row_or_a_header_is_located() {
        let head = "indikator;kpi;område;år;kön;värde;ersätter\n";
        for (row, expected) in [
            (
                "overvikt;N15428;0017;2023;;1;",
                "row 2, column A (`indikator`): the row names both the indicator `overvikt` and a KPI",
            ),
            (";;0017;2023;;1;", "row 2: the row names neither an indicator nor a KPI"),
            ("overvkt;;0017;2023;;1;", "row 2, column A (`indikator`): unknown indicator `overvkt`"),
            (
                "behoriga;;0017;2023;;1;",
                "row 2, column A (`indikator`): indicator `behoriga` is measured by Kolada's KPIs",
            ),
            (
                ";n15428;0017;2023;;1;",
                "row 2, column B (`kpi`): invalid Kolada KPI id `n15428`: expected a capital letter and five digits, like `N15428`",
            ),
            (";N00001;0017;2023;;1;", "row 2, column B (`kpi`): unknown KPI `N00001`"),
            (
                ";N15428;17;2023;;1;",
                "row 2, column C (`område`): invalid area code `17`: expected four digits, like `1780` or `0017`",
            ),
            (";N15428;1781;2023;;1;", "row 2, column C (`område`): unknown area code `1781`"),
            (";N15428;0017;23;;1;", "row 2, column D (`år`): `23` is not a year"),
            (
                ";N15428;0017;2023;X;1;",
                "row 2, column E (`kön`): `X` is not a gender: expected `T` (total), `K` (women) or `M` (men), or nothing for `T`",
            ),
            (";N15428;0017;2023;;5,x;", "row 2, column F (`värde`): `5,x` is not a number"),
            (
                ";N15428;0017;2023;;1;kanske",
                "row 2, column G (`ersätter`): `kanske` is neither `ja` nor `nej`",
            ),
            (
                "overvikt;;0017;2023;;1;ja",
                "row 2, column G (`ersätter`): indicator `overvikt` has no Kolada value that this row could replace (no KPI measures it)",
            ),
        ] {
            assert_eq!(problems(&format!("{head}{row}\n")), vec![expected.to_owned()], "{row}");
        }
        for (text, expected) in [
            ("område;år;värde\n", "row 1: the first row names neither `indikator` nor `kpi`"),
            ("kpi;år\n", "row 1: the first row lacks the columns `område`, `värde`"),
            ("kpi;område;år;värde;Värde\n", "row 1, column E (`Värde`): the column `värde` is given twice"),
            ("kpi;område;år;värd;namn\n", "row 1, column D (`värd`): unknown column `värd`"),
        ] {
            assert!(problems(text).contains(&expected.to_owned()), "{text}: {:?}", problems(text));
        }
        assert_eq!(
            problems("KPI;Omrade;AR;Kon;VARDE;namn;kommentar\nN15428;0017;2023;k;1,5;Region Värmland;x\n"),
            Vec::<String>::new()
        );
    }

    #[test]
    fn places_read_as_a_spreadsheet_shows_them() {
        let place =
            Place { sheet: Some("Värden".into()), row: 7, column: Some((3, "värde".into())), span: None };
        assert_eq!(place.to_string(), "sheet `Värden`, row 7, column D (`värde`)");
        let row = Place { sheet: None, row: 2, column: None, span: None };
        assert_eq!(row.to_string(), "row 2");
    }
}
