//! Kolada's areas: Riket (`0000`), the 21 regions and the 290 municipalities, by their official
//! codes (SCB's county and municipality codes, as Kolada uses them).
//!
//! The list is `src/kolada/areas.csv`, embedded in the program: Kolada's own list of areas
//! (`GET https://api.kolada.se/v3/municipality`, its `id`, `title` and `type`: `K` for a
//! municipality, `L` for a region or Riket), as kept in the project's reference data
//! (`kolada-municipalities.csv`). It decides whether a KPI's values cover the whole country, so
//! that an annex can give a party's place among all municipalities (or regions); see
//! [`crate::annex::rank`].

use std::collections::BTreeSet;
use std::sync::OnceLock;

use crate::sources::parties::PartyKind;

/// The embedded list: `id,title,type`, one area a line after the header.
const CSV: &str = include_str!("areas.csv");

/// The code of Riket, the whole country.
pub const RIKET: &str = "0000";

/// The official codes of Sweden's municipalities and regions.
#[derive(Debug, Default)]
pub struct Areas {
    municipalities: BTreeSet<&'static str>,
    regions: BTreeSet<&'static str>,
}

impl Areas {
    fn parse(csv: &'static str) -> Self {
        let mut areas = Self::default();
        for line in csv.lines().skip(1) {
            let mut fields = line.trim_end_matches('\r').split(',');
            let (Some(code), Some(kind)) = (fields.next(), fields.next_back()) else { continue };
            match kind {
                "K" => {
                    areas.municipalities.insert(code);
                }
                "L" if code != RIKET => {
                    areas.regions.insert(code);
                }
                _ => {}
            }
        }
        areas
    }

    /// The codes of every area of a kind: all municipalities, or all regions.
    pub fn of(&self, kind: PartyKind) -> &BTreeSet<&'static str> {
        match kind {
            PartyKind::Municipality => &self.municipalities,
            PartyKind::Region => &self.regions,
        }
    }

    /// Whether `code` is an official area code (a municipality, a region or Riket).
    pub fn contains(&self, code: &str) -> bool {
        code == RIKET || self.municipalities.contains(code) || self.regions.contains(code)
    }
}

/// The country's municipalities and regions, from the embedded list.
pub fn official() -> &'static Areas {
    static AREAS: OnceLock<Areas> = OnceLock::new();
    AREAS.get_or_init(|| Areas::parse(CSV))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_has_every_municipality_and_region() {
        let areas = official();
        assert_eq!(areas.of(PartyKind::Municipality).len(), 290);
        assert_eq!(areas.of(PartyKind::Region).len(), 21);
        assert!(areas.of(PartyKind::Municipality).contains("1780"));
        assert!(areas.of(PartyKind::Region).contains("0017"));
        assert!(areas.contains(RIKET) && !areas.contains("G12345"));
    }
}
