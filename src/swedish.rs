//! Swedish language helpers: collation (Å, Ä, Ö after Z), list joining and numbers as Swedish
//! text sets them ("100 000", "59,0").

use std::borrow::Cow;
use std::cmp::Ordering;
use std::sync::OnceLock;

use icu_collator::options::CollatorOptions;
use icu_collator::{Collator, CollatorBorrowed};
use icu_locale_core::locale;

fn collator() -> Option<&'static CollatorBorrowed<'static>> {
    static COLLATOR: OnceLock<Option<CollatorBorrowed<'static>>> = OnceLock::new();
    COLLATOR.get_or_init(|| Collator::try_new(locale!("sv").into(), CollatorOptions::default()).ok()).as_ref()
}

/// Compares two strings in Swedish alphabetical order.
pub fn compare(a: &str, b: &str) -> Ordering {
    match collator() {
        Some(c) => c.compare(a, b),
        None => a.cmp(b),
    }
}

/// Joins items the Swedish way: "A", "A och B", "A, B och C".
pub fn join_and(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} och {}", init.join(", "), last),
    }
}

/// The string with its first letter in upper case.
pub fn capitalize(s: &str) -> String {
    let mut chars = s.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// The space between digit groups of a number: U+202F NARROW NO-BREAK SPACE, the thin space
/// Swedish typography uses in "100 000". A line never breaks at it.
pub const NUMBER_SPACE: char = '\u{202F}';

/// A number as written in Swedish text: no decimals when whole, decimal comma otherwise, digit
/// groups of three separated by [`NUMBER_SPACE`] ("1 000", "100 000", "2,5").
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        signed(n < 0.0, &group_digits(&(n as i64).unsigned_abs().to_string()), "")
    } else {
        let text = format!("{}", n.abs());
        let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
        signed(n < 0.0, &group_digits(int), frac)
    }
}

/// A number with exactly `places` decimals, as in a table column where every row has the same
/// number of decimals: rounded half away from zero, a decimal comma, digit groups as in
/// [`number`] and the minus sign U+2212 ("59,0", "1 234,6", "−1,4"). A value that rounds to
/// zero has no sign ("0,0", not "−0,0").
pub fn decimal(n: f64, places: u32) -> String {
    let scale = 10f64.powi(places as i32);
    let rounded = (n * scale).round() / scale;
    let text = format!("{:.*}", places as usize, rounded.abs());
    let (int, frac) = text.split_once('.').unwrap_or((&text, ""));
    let negative = rounded < 0.0 && text.bytes().any(|b| b.is_ascii_digit() && b != b'0');
    let sign = if negative { "−" } else { "" };
    let grouped = group_digits(int);
    if frac.is_empty() { format!("{sign}{grouped}") } else { format!("{sign}{grouped},{frac}") }
}

fn signed(negative: bool, int: &str, frac: &str) -> String {
    let sign = if negative { "-" } else { "" };
    if frac.is_empty() { format!("{sign}{int}") } else { format!("{sign}{int},{frac}") }
}

/// "1234567" → "1 234 567" with [`NUMBER_SPACE`]; numbers below 1 000 stay as they are.
fn group_digits(digits: &str) -> String {
    let len = digits.len();
    let mut out = String::with_capacity(len + len / 3 * 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (len - i).is_multiple_of(3) {
            out.push(NUMBER_SPACE);
        }
        out.push(c);
    }
    out
}

/// Joins the digit groups of numbers written with ordinary spaces ("14 200", "100 000") by
/// [`NUMBER_SPACE`], so that no number is broken across lines. A number is a run of one to three
/// digits (not part of a word such as a KPI id) followed by groups of exactly three digits;
/// "2017 200" (a year and a count) is left alone.
pub fn join_digit_groups(text: &str) -> Cow<'_, str> {
    let chars: Vec<char> = text.chars().collect();
    let mut joins = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if !chars[i].is_ascii_digit() || (i > 0 && chars[i - 1].is_alphanumeric()) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && chars[i].is_ascii_digit() {
            i += 1;
        }
        if i - start > 3 {
            continue;
        }
        // Groups: a space, three digits, and no fourth digit.
        while i + 3 < chars.len()
            && matches!(chars[i], ' ' | '\u{A0}')
            && chars[i + 1..i + 4].iter().all(char::is_ascii_digit)
            && chars.get(i + 4).is_none_or(|c| !c.is_ascii_digit())
        {
            joins.push(i);
            i += 4;
        }
    }
    if joins.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out: Vec<char> = chars;
    for j in joins {
        out[j] = NUMBER_SPACE;
    }
    Cow::Owned(out.into_iter().collect())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_order_puts_a_ring_last() {
        let mut names =
            vec!["Årjäng", "Säffle", "Arvika", "Sunne", "Örebro", "Älvdalen", "Zinkgruvan", "Eda"];
        names.sort_by(|a, b| compare(a, b));
        assert_eq!(names, ["Arvika", "Eda", "Sunne", "Säffle", "Zinkgruvan", "Årjäng", "Älvdalen", "Örebro"]);
    }

    #[test]
    fn joins() {
        let v = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(join_and(&v(&[])), "");
        assert_eq!(join_and(&v(&["A"])), "A");
        assert_eq!(join_and(&v(&["A", "B"])), "A och B");
        assert_eq!(join_and(&v(&["A", "B", "C"])), "A, B och C");
    }

    #[test]
    fn numbers() {
        let cases = [
            (2.0, "2"),
            (999.0, "999"),
            (1000.0, "1\u{202F}000"),
            (100000.0, "100\u{202F}000"),
            (1234567.0, "1\u{202F}234\u{202F}567"),
            (2.5, "2,5"),
            (1234.5, "1\u{202F}234,5"),
            (-16.9, "-16,9"),
        ];
        for (n, expected) in cases {
            assert_eq!(number(n), expected, "{n}");
        }
    }

    #[test]
    fn decimals() {
        assert_eq!(decimal(59.0, 1), "59,0");
        assert_eq!(decimal(83.14, 1), "83,1");
        assert_eq!(decimal(1234.56, 1), "1\u{202F}234,6");
        assert_eq!(decimal(-0.04, 1), "0,0");
        assert_eq!(decimal(-1.44, 1), "−1,4");
        assert_eq!(decimal(2.25, 1), "2,3");
        assert_eq!(decimal(-0.5, 2), "−0,50");
        assert_eq!(decimal(999.0, 0), "999");
        assert_eq!(decimal(1000.0, 0), "1\u{202F}000");
        assert_eq!(decimal(12.0, 0), "12");
    }

    #[test]
    fn digit_groups_are_joined() {
        let n = NUMBER_SPACE;
        let cases = [
            ("14 200 invånare", format!("14{n}200 invånare")),
            ("1000/100 000 inv.", format!("1000/100{n}000 inv.")),
            ("1 234 567 kr", format!("1{n}234{n}567 kr")),
            ("år 2017 200 personer", "år 2017 200 personer".to_owned()),
            ("16 kommuner", "16 kommuner".to_owned()),
            ("12 3456", "12 3456".to_owned()),
            ("a1 000", "a1 000".to_owned()),
            ("5 000,5", format!("5{n}000,5")),
            ("utan siffror", "utan siffror".to_owned()),
        ];
        for (input, expected) in cases {
            assert_eq!(join_digit_groups(input), expected, "{input:?}");
        }
    }
}
