//! Alignment of two lists by content: which item of the old list became which item of the new.
//!
//! Items that carry a key (a role's body, a month, a KPI id) pair with the items of the same key,
//! wherever they are; among several of the same key, the most alike pair. The other items are
//! aligned in order: equal items first (a longest common subsequence), then, between them, the
//! items that are at least half alike pair as edits and the rest are insertions and deletions.
//! So an item inserted before an edited one gives one insertion and one edit, not two edits.

use similar::{Algorithm, DiffTag, TextDiff};

/// An item of a list, as the alignment sees it.
#[derive(Clone, Debug)]
pub struct Item<'a> {
    /// Items pair only within the same class (a paragraph never pairs with a heading).
    pub class: &'a str,
    /// Items with the same key pair whatever their text.
    pub key: Option<&'a str>,
    /// The text compared.
    pub text: &'a str,
}

/// A pairing: the old item, the new item, or both.
pub type Pair = (Option<usize>, Option<usize>);

/// The share of words (and punctuation marks) two texts have in common, from 0 (nothing) to 1
/// (equal); the spaces between words do not count.
pub fn similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    let (a, b) = (tokens(a), tokens(b));
    f64::from(TextDiff::configure().algorithm(Algorithm::Patience).diff_slices(&a, &b).ratio())
}

/// The whole text in pieces: words (runs of letters and digits), runs of white space, and
/// single other characters (punctuation).
pub fn pieces(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = 0;
    let mut class: Option<u8> = None;
    for (i, c) in text.char_indices() {
        let this = if c.is_alphanumeric() {
            0
        } else if c.is_whitespace() {
            1
        } else {
            2
        };
        if class.is_some() && (class != Some(this) || this == 2) {
            out.push(&text[start..i]);
            start = i;
        }
        class = Some(this);
    }
    if start < text.len() {
        out.push(&text[start..]);
    }
    out
}

/// Words (runs of letters and digits) and single punctuation marks.
fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    for (i, c) in text.char_indices() {
        if c.is_alphanumeric() {
            start.get_or_insert(i);
            continue;
        }
        if let Some(s) = start.take() {
            out.push(&text[s..i]);
        }
        if !c.is_whitespace() {
            out.push(&text[i..i + c.len_utf8()]);
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Items at least this alike pair as an edit when they have no key.
pub const ALIKE: f64 = 0.5;

/// Aligns two lists. The result lists every item once, in the new list's order, with each
/// removed item after the new item that follows its old predecessor.
pub fn align(old: &[Item<'_>], new: &[Item<'_>]) -> Vec<Pair> {
    let mut old_partner: Vec<Option<usize>> = vec![None; old.len()];
    let mut new_partner: Vec<Option<usize>> = vec![None; new.len()];

    // 1. Keyed items pair with their key, in order, the most alike first.
    let mut keys: Vec<&str> = old.iter().chain(new).filter_map(|i| i.key).collect();
    keys.sort_unstable();
    keys.dedup();
    for key in keys {
        let o: Vec<usize> = (0..old.len()).filter(|&i| old[i].key == Some(key)).collect();
        let n: Vec<usize> = (0..new.len()).filter(|&j| new[j].key == Some(key)).collect();
        let score = |i: usize, j: usize| {
            (old[i].class == new[j].class).then(|| 1.0 + similarity(old[i].text, new[j].text))
        };
        for (i, j) in best_pairs(&o, &n, score) {
            old_partner[i] = Some(j);
            new_partner[j] = Some(i);
        }
    }

    // 2. The rest in order: equal runs, then alike items between them.
    let o: Vec<usize> = (0..old.len()).filter(|&i| old_partner[i].is_none()).collect();
    let n: Vec<usize> = (0..new.len()).filter(|&j| new_partner[j].is_none()).collect();
    let ot: Vec<(&str, &str)> = o.iter().map(|&i| (old[i].class, old[i].text)).collect();
    let nt: Vec<(&str, &str)> = n.iter().map(|&j| (new[j].class, new[j].text)).collect();
    for op in similar::capture_diff_slices(Algorithm::Patience, &ot, &nt) {
        let (tag, a, b) = op.as_tag_tuple();
        match tag {
            DiffTag::Equal => {
                for (x, y) in a.zip(b) {
                    old_partner[o[x]] = Some(n[y]);
                    new_partner[n[y]] = Some(o[x]);
                }
            }
            DiffTag::Replace => {
                let a: Vec<usize> = a.map(|x| o[x]).collect();
                let b: Vec<usize> = b.map(|y| n[y]).collect();
                let score = |i: usize, j: usize| {
                    let compatible = old[i].class == new[j].class
                        && (old[i].key.is_none() || new[j].key.is_none() || old[i].key == new[j].key);
                    if !compatible {
                        return None;
                    }
                    let s = similarity(old[i].text, new[j].text);
                    (s >= ALIKE).then_some(s)
                };
                for (i, j) in best_pairs(&a, &b, score) {
                    old_partner[i] = Some(j);
                    new_partner[j] = Some(i);
                }
            }
            DiffTag::Delete | DiffTag::Insert => {}
        }
    }

    // 3. In the new list's order; a removed item after the new partner of its old predecessor
    // (or first, when no old item before it has a partner).
    let mut keyed: Vec<((usize, bool, usize), Pair)> = Vec::with_capacity(old.len() + new.len());
    for (j, partner) in new_partner.iter().enumerate() {
        keyed.push(((j + 1, false, 0), (*partner, Some(j))));
    }
    let mut slot = 0;
    for (i, partner) in old_partner.iter().enumerate() {
        match partner {
            Some(j) => slot = j + 1,
            None => keyed.push(((slot, true, i), (Some(i), None))),
        }
    }
    keyed.sort_by_key(|(at, _)| *at);
    keyed.into_iter().map(|(_, pair)| pair).collect()
}

/// The order-preserving pairing of `a` (old indices) with `b` (new indices) that maximises the
/// sum of the scores; `None` means the two cannot pair.
fn best_pairs(a: &[usize], b: &[usize], score: impl Fn(usize, usize) -> Option<f64>) -> Vec<(usize, usize)> {
    let (n, m) = (a.len(), b.len());
    if n == 0 || m == 0 {
        return Vec::new();
    }
    // best[x][y]: the best total for a[x..] and b[y..].
    let mut best = vec![vec![0.0f64; m + 1]; n + 1];
    let mut scores = vec![vec![None; m]; n];
    for x in (0..n).rev() {
        for y in (0..m).rev() {
            let s = score(a[x], b[y]);
            scores[x][y] = s;
            let pair = s.map_or(f64::NEG_INFINITY, |s| s + best[x + 1][y + 1]);
            best[x][y] = pair.max(best[x + 1][y]).max(best[x][y + 1]);
        }
    }
    let mut out = Vec::new();
    let (mut x, mut y) = (0, 0);
    while x < n && y < m {
        match scores[x][y] {
            Some(s) if (s + best[x + 1][y + 1] - best[x][y]).abs() < 1e-9 => {
                out.push((a[x], b[y]));
                x += 1;
                y += 1;
            }
            _ if (best[x + 1][y] - best[x][y]).abs() < 1e-9 => x += 1,
            _ => y += 1,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn items<'a>(texts: &[&'a str]) -> Vec<Item<'a>> {
        texts.iter().map(|t| Item { class: "p", key: None, text: t }).collect()
    }

    #[test]
    fn an_insertion_before_an_edit_is_one_insertion_and_one_edit() {
        let old = items(&[
            "Inledning om samverkan.",
            "Beredningsgruppen stödjer kommunerna i arbetet med avtal.",
            "Slut.",
        ]);
        let new = items(&[
            "Inledning om samverkan.",
            "Ett helt nytt stycke om något annat.",
            "Beredningsgruppen stödjer kommunerna och regionen i arbetet med avtal.",
            "Slut.",
        ]);
        assert_eq!(
            align(&old, &new),
            [(Some(0), Some(0)), (None, Some(1)), (Some(1), Some(2)), (Some(2), Some(3))]
        );
    }

    #[test]
    fn unlike_items_are_a_removal_and_an_addition() {
        let old = items(&["Identifiera behov av stöd."]);
        let new = items(&["Årligen anordna en konferens."]);
        assert_eq!(align(&old, &new), [(Some(0), None), (None, Some(0))]);
    }

    #[test]
    fn removed_items_stay_where_they_were() {
        let old = items(&["Borta först.", "A.", "Borta mitt i.", "B."]);
        let new = items(&["A.", "B.", "Ny sist."]);
        assert_eq!(
            align(&old, &new),
            [(Some(0), None), (Some(1), Some(0)), (Some(2), None), (Some(3), Some(1)), (None, Some(2))]
        );
    }

    #[test]
    fn keyed_items_pair_by_key_and_the_most_alike_first() {
        let k = |key: &'static str, text: &'static str| Item { class: "roll", key: Some(key), text };
        // A person had two seats in a body and keeps the second.
        let old = [
            k("styrgrupp", "ledamot till och med 4 maj 2023"),
            k("styrgrupp", "ledamot 5 maj 2023 – 31 december 2026"),
            k("rad", "ledamot"),
        ];
        let new = [k("rad", "ordförande"), k("styrgrupp", "ledamot 5 maj 2023 – 31 december 2026")];
        let pairs = align(&old, &new);
        assert!(pairs.contains(&(Some(2), Some(0))), "{pairs:?}");
        assert!(pairs.contains(&(Some(1), Some(1))), "{pairs:?}");
        assert!(pairs.contains(&(Some(0), None)), "{pairs:?}");
        assert_eq!(pairs.len(), 3);
    }

    #[test]
    fn spaces_do_not_make_texts_alike() {
        let a = "Nya Perspektivs mål behöver brytas ned och omsättas nära de vi är till för.";
        let b = "Vi lever i ett samhälle där komplexiteten ökar och organisationerna har svårt att stötta.";
        assert!(similarity(a, b) < 0.2, "{}", similarity(a, b));
        assert!(similarity("Identifiera behov.", "Identifiera.") >= ALIKE);
    }

    #[test]
    fn pieces_cover_the_text() {
        assert_eq!(
            pieces("Fler elever, 16–84 år."),
            ["Fler", " ", "elever", ",", " ", "16", "–", "84", " ", "år", "."]
        );
        assert_eq!(pieces("a  b"), ["a", "  ", "b"]);
        assert!(pieces("").is_empty());
    }

    #[test]
    fn classes_do_not_mix() {
        let old = [Item { class: "rubrik", key: None, text: "Bakgrund" }];
        let new = [Item { class: "stycke", key: None, text: "Bakgrund" }];
        assert_eq!(align(&old, &new), [(Some(0), None), (None, Some(0))]);
    }
}
