//! Swedish language helpers: collation (Å, Ä, Ö after Z), list joining and numbers.

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

/// A number as written in Swedish text: no decimals when whole, decimal comma otherwise.
pub fn number(n: f64) -> String {
    if n.fract() == 0.0 && n.abs() < 1e15 {
        format!("{}", n as i64)
    } else {
        format!("{n}").replace('.', ",")
    }
}

/// A number with exactly `places` decimals, rounded half away from zero, with a decimal comma,
/// thousands grouped by a no-break space and a minus sign (U+2212): "1\u{a0}234,5", "−2,50".
pub fn decimal(n: f64, places: u32) -> String {
    let scale = 10f64.powi(places as i32);
    let rounded = (n * scale).round() / scale;
    let text = format!("{:.*}", places as usize, rounded.abs());
    let (whole, decimals) = match text.split_once('.') {
        Some((w, d)) => (w, Some(d)),
        None => (text.as_str(), None),
    };
    let mut out = String::new();
    if rounded < 0.0 {
        out.push('−');
    }
    for (i, c) in whole.chars().enumerate() {
        if i > 0 && (whole.len() - i).is_multiple_of(3) {
            out.push('\u{a0}');
        }
        out.push(c);
    }
    if let Some(d) = decimals {
        out.push(',');
        out.push_str(d);
    }
    out
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
        assert_eq!(number(2.0), "2");
        assert_eq!(number(1000.0), "1000");
        assert_eq!(number(2.5), "2,5");
        assert_eq!(decimal(1234.56, 1), "1\u{a0}234,6");
        assert_eq!(decimal(2.25, 1), "2,3");
        assert_eq!(decimal(-0.5, 2), "−0,50");
        assert_eq!(decimal(1000.0, 0), "1\u{a0}000");
        assert_eq!(decimal(999.0, 0), "999");
    }
}
