//! A party's place among all of the country's municipalities (or regions) in an indicator:
//! "plats 45 av 287", and its quartile in words ("bästa fjärdedelen").
//!
//! The rule for the whole country: a KPI's places are given only when at least three quarters of
//! the municipalities of the official list ([`crate::kolada::areas`]), or of the regions for a
//! region's place, have a value in the period's latest year. Kolada's answer for the whole
//! country (what `kolada fetch` asks for) has a value for nearly every municipality; a fetch or a
//! spreadsheet for Värmland alone (16 of 290) never gives places, nor does a year for which
//! Kolada has published only some municipalities, and the annex says instead how many have one. Places are counted
//! among the areas *with a value* in the period's latest year (the total, not women or men), in
//! the direction the indicator wants (the highest first when it should rise, the lowest first
//! when it should fall), on the indicator's values (100 − Kolada's for a `complement` KPI).
//! Values are compared as the annex shows them, rounded to one decimal; equal values share the
//! better place (competition ranking: 1, 2, 2, 4). Places and quartiles are the program's own
//! processing of Kolada's data, and marked so where they are shown.

use serde::Serialize;

use crate::sources::goals::Direction;
use crate::sources::parties::PartyKind;

/// Whether records for `covered` of the country's `total` areas of a kind are the whole
/// country's answer: at least three quarters of them.
pub fn covers_country(covered: usize, total: usize) -> bool {
    total > 0 && covered * 4 >= total * 3
}

/// A place among the areas with a value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Rank {
    /// 1 for the best.
    pub place: usize,
    /// How many areas have a value.
    pub of: usize,
}

impl Rank {
    /// The place of `own` among `all` (which holds `own` too), in `direction`: one more than the
    /// number of values that are better once rounded to one decimal. `None` when `own` is not
    /// a finite value.
    pub fn among(own: f64, all: &[f64], direction: Direction) -> Option<Self> {
        if !own.is_finite() {
            return None;
        }
        let key = |v: f64| {
            let rounded = (v * 10.0).round();
            match direction {
                Direction::Increase => -rounded,
                Direction::Decrease => rounded,
            }
        };
        let mine = key(own);
        let values: Vec<f64> = all.iter().copied().filter(|v| v.is_finite()).collect();
        let better = values.iter().filter(|v| key(**v) < mine).count();
        Some(Self { place: better + 1, of: values.len().max(better + 1) })
    }

    /// The quartile, 1 (the best quarter) to 4: places 1 to ⌈M/4⌉ are the best quarter, and so on.
    pub fn quartile(self) -> usize {
        if self.of == 0 {
            return 4;
        }
        ((self.place.saturating_sub(1) * 4) / self.of + 1).min(4)
    }
}

/// A place as the annexes show it.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct RankView {
    /// "plats 45 av 287".
    pub text: String,
    /// "bästa fjärdedelen", "näst bästa fjärdedelen", "näst sämsta fjärdedelen", "sämsta
    /// fjärdedelen".
    pub quartile: String,
    /// "bland landets kommuner", "bland landets regioner".
    pub among: String,
    /// The place.
    pub place: usize,
    /// How many areas have a value.
    pub of: usize,
}

impl RankView {
    /// The view of a party's place among the areas of its kind.
    pub fn of(rank: Rank, kind: PartyKind) -> Self {
        let quartile = match rank.quartile() {
            1 => "bästa fjärdedelen",
            2 => "näst bästa fjärdedelen",
            3 => "näst sämsta fjärdedelen",
            _ => "sämsta fjärdedelen",
        };
        Self {
            text: format!("plats {} av {}", rank.place, rank.of),
            quartile: quartile.to_owned(),
            among: format!("bland landets {}", super::view::kind_plural(kind)),
            place: rank.place,
            of: rank.of,
        }
    }
}

/// Why a KPI's values give no places: only `covered` of the country's `total` areas of a kind
/// have a value in `year`. "Placering bland landets kommuner visas inte: bara 16 av 290
/// kommuner har ett värde för 2023 i underlaget."
/// With `who`, for one party among others of another kind (the region in the county overview):
/// "Placering för Region Värmland bland landets regioner visas inte: …".
pub fn partial_note(who: Option<&str>, covered: usize, total: usize, year: i32, kind: PartyKind) -> String {
    let plural = super::view::kind_plural(kind);
    let who = who.map(|w| format!(" för {w}")).unwrap_or_default();
    format!(
        "Placering{who} bland landets {plural} visas inte: bara {covered} av {total} {plural} har ett värde för {year} i underlaget."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn place(own: f64, all: &[f64], d: Direction) -> (usize, usize) {
        Rank::among(own, all, d).map_or((0, 0), |r| (r.place, r.of))
    }

    #[test]
    fn places_follow_the_direction() {
        let all = [10.0, 30.0, 20.0, 40.0];
        assert_eq!(place(40.0, &all, Direction::Increase), (1, 4));
        assert_eq!(place(10.0, &all, Direction::Increase), (4, 4));
        assert_eq!(place(10.0, &all, Direction::Decrease), (1, 4));
        assert_eq!(place(30.0, &all, Direction::Decrease), (3, 4));
    }

    #[test]
    fn equal_values_share_the_better_place() {
        // Competition ranking: 1, 2, 2, 4; values equal as shown (one decimal) are equal.
        let all = [9.0, 7.0, 7.04, 5.0];
        let places: Vec<usize> = all.iter().map(|v| place(*v, &all, Direction::Increase).0).collect();
        assert_eq!(places, [1, 2, 2, 4]);
        let places: Vec<usize> = all.iter().map(|v| place(*v, &all, Direction::Decrease).0).collect();
        assert_eq!(places, [4, 2, 2, 1]);
    }

    #[test]
    fn quartiles_split_the_places_in_four() {
        let q = |place, of| Rank { place, of }.quartile();
        assert_eq!((q(1, 287), q(72, 287), q(73, 287), q(287, 287)), (1, 1, 2, 4));
        assert_eq!((q(144, 287), q(216, 287), q(217, 287)), (2, 3, 4));
        assert_eq!((q(1, 1), q(2, 4), q(3, 4), q(4, 4)), (1, 2, 3, 4));
        let v = RankView::of(Rank { place: 45, of: 287 }, PartyKind::Municipality);
        assert_eq!(
            (v.text.as_str(), v.quartile.as_str(), v.among.as_str()),
            ("plats 45 av 287", "bästa fjärdedelen", "bland landets kommuner")
        );
        let v = RankView::of(Rank { place: 20, of: 21 }, PartyKind::Region);
        assert_eq!((v.quartile.as_str(), v.among.as_str()), ("sämsta fjärdedelen", "bland landets regioner"));
    }

    #[test]
    fn three_quarters_of_the_country_are_the_country() {
        assert!(covers_country(290, 290) && covers_country(218, 290) && covers_country(16, 21));
        assert!(!covers_country(217, 290) && !covers_country(16, 290) && !covers_country(1, 21));
        assert!(!covers_country(0, 0));
    }

    #[test]
    fn a_partial_fetch_says_why() {
        assert_eq!(
            partial_note(None, 17, 290, 2023, PartyKind::Municipality),
            "Placering bland landets kommuner visas inte: bara 17 av 290 kommuner har ett värde för 2023 i underlaget."
        );
    }
}
