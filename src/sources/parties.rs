//! `sources/parties.toml`: the 16 municipalities and Region Värmland, kept once for all years,
//! and `sources/kolada.toml`: the Kolada KPIs the indicators refer to.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};
use serde_with::skip_serializing_none;

use super::common::Date;
use super::ids::{KpiId, MunicipalityGroupId, PartyId};

/// The parties of Nya Perspektiv and the areas they are compared with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartiesFile {
    /// The parties: Värmland's municipalities and Region Värmland.
    pub party: Vec<Party>,
    /// Areas the annexes compare with that are not parties themselves (Riket).
    #[serde(default)]
    pub comparison: Vec<ComparisonArea>,
}

/// One party of the collaboration.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Party {
    /// Stable id, also the ASCII file-name slug (`hammaro`, `region-varmland`).
    pub id: PartyId,
    /// Short name as listed on the cover ("Hammarö").
    pub name: String,
    /// Full official name ("Hammarö kommun", "Region Värmland").
    pub official_name: String,
    /// Official area code (SCB/Kolada): four digits, `1761` for Hammarö, `0017` for Region Värmland.
    pub code: AreaCode,
    /// Whether the party is a municipality or the region.
    pub kind: PartyKind,
    /// Kolada municipality groups ("kommungrupper") of similar municipalities that the party's
    /// annex compares with, besides the county and the comparison areas: each group's value,
    /// as Kolada gives it (the unweighted mean of its members'), is a row of the tables of the
    /// KPIs it applies to, named by the group's title. `perspektiv kolada fetch` fetches their
    /// values and their titles and members into `kolada.toml`.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<PartyGroup>,
}

/// A Kolada municipality group a party compares with.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PartyGroup {
    /// Kolada's id of the group (`G37411`), as `/v3/municipality_groups` lists it; its title
    /// and members are in `kolada.toml`'s `[[group]]` tables.
    pub id: MunicipalityGroupId,
    /// The KPIs the group is compared on, for a group of one service area (Kolada's groups of
    /// similar municipalities are made per service area: grundskola, äldreomsorg, …); left
    /// out, the group is compared on every KPI of the party's annex. An empty list is an error.
    pub kpis: Option<Vec<KpiId>>,
}

/// An area used only for comparison, such as Sweden as a whole.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ComparisonArea {
    /// Kolada area code (`0000` for Riket).
    pub code: AreaCode,
    /// Name in Swedish, as a table cell or a chart legend prints it ("Riket", "Sverige").
    pub name: String,
    /// The name inside a sentence, where Swedish writes a common noun in lower case ("riket" in
    /// "jämfört med Region Värmland (länet) och riket"). Without it, sentences use `name` exactly
    /// as written: a proper name ("Sverige", "Norden") is never lowercased.
    #[serde(default)]
    pub in_sentence: Option<String>,
}

impl ComparisonArea {
    /// The area's name inside running text: `in_sentence` if given, else `name` unchanged.
    pub fn in_sentence(&self) -> &str {
        self.in_sentence.as_deref().unwrap_or(&self.name)
    }
}

/// Municipality or region.
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum PartyKind {
    /// A municipality (kommun).
    Municipality,
    /// A region.
    Region,
}

/// A four-digit official area code (`0000` Riket, `0017` Region Värmland, `1780` Karlstad).
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, schemars::JsonSchema)]
#[serde(transparent)]
pub struct AreaCode(#[schemars(regex(pattern = r"^[0-9]{4}$"))] pub String);

impl AreaCode {
    /// The code as written.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl<'de> Deserialize<'de> for AreaCode {
    fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        let s = String::deserialize(d)?;
        if s.len() == 4 && s.bytes().all(|b| b.is_ascii_digit()) {
            Ok(Self(s))
        } else {
            Err(serde::de::Error::custom(crate::t!("value-invalid-area-code", code = s)))
        }
    }
}

/// The Kolada KPI catalogue the indicators may refer to.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KoladaFile {
    /// One entry per KPI.
    pub kpi: Vec<Kpi>,
    /// The municipality groups the parties compare with, as Kolada lists them
    /// (`/v3/municipality_groups`); `perspektiv kolada fetch` adds and updates them.
    #[serde(default)]
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub group: Vec<KoladaGroup>,
}

/// A Kolada municipality group ("kommungrupp"): similar municipalities whose values Kolada
/// gives as one, the unweighted mean of its members'.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KoladaGroup {
    /// Kolada's id (`G37411`).
    pub id: MunicipalityGroupId,
    /// Kolada's own title, as the annexes name the group's row and column.
    pub title: String,
    /// The area codes of the group's members, as Kolada lists them.
    #[serde(default)]
    pub members: Vec<AreaCode>,
    /// Whether Kolada still lists the group: false when `/v3/municipality_groups/<id>` no longer
    /// does (`check` then warns about a party that compares with it).
    pub current: bool,
}

/// A Kolada key performance indicator.
#[skip_serializing_none]
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize, schemars::JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Kpi {
    /// Kolada's id (`N15428`).
    pub id: KpiId,
    /// Kolada's own title.
    pub title: String,
    /// What a value is: a share in per cent, a rate per 100 000 inhabitants, an index, a mean or
    /// years. Kolada's metadata has no such field; it is read from the title and the KPI's
    /// description on kolada.se, and decides whether a target's amount can be compared with a
    /// change (a target in percentage points with a share, not with an index).
    pub unit: KpiUnit,
    /// Which areas Kolada publishes it for.
    pub municipality_type: KpiAreaType,
    /// Whether Kolada publishes values for women and men besides the total (Kolada's
    /// `is_divided_by_gender`); absent until `perspektiv kolada fetch` has asked.
    pub is_divided_by_gender: Option<bool>,
    /// The latest year Kolada has published, if known (Kolada's `publ_period`).
    pub publ_period: Option<u16>,
    /// The day Kolada last published values of the KPI, if known (Kolada's `publication_date`).
    pub publication_date: Option<Date>,
    /// Whether Kolada still publishes the KPI: true while Kolada's KPI metadata (`/v3/kpi/<id>`)
    /// lists it; false for a KPI Kolada has retired (its values stop at `publ_period`).
    pub current: bool,
}

/// What the values of a KPI are, as its title says ("andel (%)", "antal/100 000 inv", "index",
/// "medelvärde", "år").
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize, schemars::JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub enum KpiUnit {
    /// A share in per cent ("andel (%)"); changes are in percentage points.
    Andel,
    /// A number per 100 000 inhabitants ("antal/100 000 inv").
    #[serde(rename = "per-100000-inv")]
    Per100000Inv,
    /// An index, such as the patient survey's 0–100 scales ("index").
    Index,
    /// A mean of survey answers ("medelvärde").
    Medelvarde,
    /// Years ("Medellivslängd, år").
    Ar,
}

impl KpiUnit {
    /// How the unit is named on a chart's y-axis and in a table's note ("Andel (%)").
    pub fn label(self) -> &'static str {
        match self {
            Self::Andel => "Andel (%)",
            Self::Per100000Inv => "Antal per 100 000 invånare",
            Self::Index => "Index",
            Self::Medelvarde => "Medelvärde",
            Self::Ar => "År",
        }
    }

    /// The unit of a change, written out ("procentenheter").
    pub fn change_unit(self) -> &'static str {
        match self {
            Self::Andel => "procentenheter",
            Self::Per100000Inv => "per 100 000 invånare",
            Self::Index => "indexenheter",
            Self::Medelvarde => "enheter",
            Self::Ar => "år",
        }
    }

    /// The unit of a change, short, after a figure ("+4,6 p.e.").
    pub fn change_short(self) -> &'static str {
        match self {
            Self::Andel => "p.e.",
            Self::Per100000Inv => "per 100 000 inv.",
            Self::Index => "indexenheter",
            Self::Medelvarde => "enheter",
            Self::Ar => "år",
        }
    }

    /// The unit in a sentence, after "ett nyckeltal som är …" ("en andel i procent").
    pub fn described(self) -> &'static str {
        match self {
            Self::Andel => "en andel i procent",
            Self::Per100000Inv => "ett antal per 100 000 invånare",
            Self::Index => "ett index",
            Self::Medelvarde => "ett medelvärde",
            Self::Ar => "ett antal år",
        }
    }
}

/// Which kinds of areas a KPI exists for.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize, schemars::JsonSchema)]
pub enum KpiAreaType {
    /// Municipalities and regions.
    A,
    /// Municipalities only (kommuner).
    K,
    /// Regions only (landsting/regioner).
    L,
}

impl KpiAreaType {
    /// Whether the KPI exists for parties of this kind.
    pub fn covers(self, kind: PartyKind) -> bool {
        matches!(
            (self, kind),
            (Self::A, _) | (Self::K, PartyKind::Municipality) | (Self::L, PartyKind::Region)
        )
    }
}

impl PartiesFile {
    /// The Kolada area code of every party, then of every comparison area (Riket): the areas
    /// whose values the annexes read.
    pub fn area_codes(&self) -> impl Iterator<Item = &str> {
        self.party.iter().map(|p| p.code.as_str()).chain(self.comparison.iter().map(|c| c.code.as_str()))
    }

    /// The municipality groups the parties compare with, each once, sorted.
    pub fn group_ids(&self) -> std::collections::BTreeSet<&MunicipalityGroupId> {
        self.party.iter().flat_map(|p| p.group.iter().map(|g| &g.id)).collect()
    }

    /// The areas whose values are read and fetched: [`Self::area_codes`], then the groups'
    /// ids.
    pub fn value_areas(&self) -> impl Iterator<Item = &str> {
        self.area_codes().chain(self.group_ids().into_iter().map(MunicipalityGroupId::as_str))
    }
}

impl KoladaFile {
    /// The group of `id`, if the catalogue lists it.
    pub fn group(&self, id: &MunicipalityGroupId) -> Option<&KoladaGroup> {
        self.group.iter().find(|g| &g.id == id)
    }
}

/// Lookup helpers over the catalogue.
pub fn kpi_index(file: &KoladaFile) -> BTreeMap<&KpiId, &Kpi> {
    file.kpi.iter().map(|k| (&k.id, k)).collect()
}
