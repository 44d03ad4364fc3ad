//! "Did you mean …?": the known name closest to a misspelt one, for messages about keys, values,
//! ids and command-line arguments.
//!
//! Names are compared folded (lowercase, Swedish letters as their ASCII base: `ordförande` is
//! close to `ordforande`, `Håbo` to `habo`, `_` and spaces as `-`) by the Damerau–Levenshtein
//! distance of the `strsim` crate; a candidate is suggested when it is at most a third of the
//! name's length away (at least one edit), or when one folded name starts with the other.

/// A name folded for comparison.
pub fn fold(s: &str) -> String {
    s.trim()
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
            'ö' | 'ø' | 'ó' | 'ô' => 'o',
            'é' | 'è' | 'ê' | 'ë' => 'e',
            'ü' | 'ú' => 'u',
            '_' | ' ' => '-',
            c => c,
        })
        .collect()
}

/// The candidate closest to `name`, if one is close enough to be what was meant.
pub fn did_you_mean<'a>(name: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let wanted = fold(name);
    if wanted.is_empty() {
        return None;
    }
    let limit = (wanted.chars().count() / 3).max(1);
    candidates
        .into_iter()
        .filter_map(|c| {
            let folded = fold(c);
            let distance = strsim::damerau_levenshtein(&wanted, &folded);
            let prefix =
                wanted.chars().count() >= 3 && (folded.starts_with(&wanted) || wanted.starts_with(&folded));
            (distance <= limit || prefix).then_some((distance, c))
        })
        .min_by_key(|(d, _)| *d)
        .map(|(_, c)| c)
}

/// A list of names for a message: `` `a`, `b` or `c` ``.
pub fn one_of(names: &[&str]) -> String {
    list(names, false)
}

/// A list of names for a message: `` `a`, `b` and `c` ``.
pub fn all_of(names: &[&str]) -> String {
    list(names, true)
}

fn list(names: &[&str], all: bool) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => String::new(),
        [one] => one.clone(),
        _ if all => crate::i18n::join_and(&quoted),
        [init @ .., last] => crate::t!("list-or", init = init.join(", "), last = last),
    }
}

/// "did you mean `name`?".
pub fn did_you_mean_hint(name: &str) -> String {
    crate::t!("did-you-mean", name = name)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        let roles = crate::sources::members::RoleKind::NAMES;
        for (input, expected) in [
            ("vice ordfrande", Some("vice-ordforande")),
            ("viceordförande", Some("vice-ordforande")),
            ("vice ordf", Some("vice-ordforande")),
            ("vice", Some("vice-ordforande")),
            ("ersätare", Some("ersattare")),
            ("adjungerade", Some("adjungerad")),
            ("sekretare", Some("sekreterare")),
            ("ordförande", Some("ordforande")),
            ("Ordf", Some("ordforande")),
            ("ledamöt", Some("ledamot")),
            ("samordnar", Some("samordnare")),
            ("ordinarie", None),
            ("", None),
            ("x", None),
        ] {
            assert_eq!(did_you_mean(input, roles), expected, "{input}");
        }
        assert_eq!(did_you_mean("titel", ["id", "name", "title"]), Some("title"));
        assert_eq!(did_you_mean("karlstadt", ["karlstad", "kil", "arvika"]), Some("karlstad"));
        assert_eq!(did_you_mean("habo", ["håbo", "hammarö"]), Some("håbo"));
    }

    #[test]
    fn lists() {
        assert_eq!(one_of(&["a"]), "`a`");
        assert_eq!(one_of(&["a", "b", "c"]), "`a`, `b` or `c`");
        assert_eq!(all_of(&["a", "b"]), "`a` and `b`");
    }
}
