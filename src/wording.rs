//! The Swedish wording of the sources' facts that every capability prints the same way: periods,
//! seats, targets, goal headings, the parties of the cover. The document's views, the annexes and
//! the change report all word them here, so that a target or a period reads alike wherever it
//! stands ("5 maj 2023 – 31 december 2026", "minst 2 procentenheter", "1 000/100 000 inv.").

use crate::sources::common::{Date, swedish_date};
use crate::sources::goals::{Direction, Goal, Target, Unit};
use crate::sources::members::Role;
use crate::sources::parties::{Party, PartyKind};
use crate::swedish;

/// A period in Swedish running text: "5 maj 2023 – 31 december 2026", "till och med 4 maj 2023",
/// "från och med 5 maj 2023"; `None` when neither end is known.
pub fn period_text(from: Option<Date>, until: Option<Date>) -> Option<String> {
    match (from, until) {
        (None, None) => None,
        (None, Some(u)) => Some(format!("till och med {}", swedish_date(u))),
        (Some(f), None) => Some(format!("från och med {}", swedish_date(f))),
        (Some(f), Some(u)) => Some(format!("{} – {}", swedish_date(f), swedish_date(u))),
    }
}

/// The caption of a composition: body name and period.
pub fn period_caption(name: &str, from: Option<Date>, until: Option<Date>) -> String {
    match period_text(from, until) {
        Some(period) => format!("{name} {period}"),
        None => name.to_owned(),
    }
}

/// A seat as a line of text: "ledamot i Politiska styrgruppen 5 maj 2023 – 31 december 2026",
/// "samordnare för suicidprevention i RKPH, representerar kommunerna". `body` is the body's
/// name (left out when the context names the body), `area` the focus area's text when the seat
/// is for one.
pub fn role_text(role: &Role, body: Option<&str>, area: Option<&str>) -> String {
    let mut text = role.role.swedish().to_owned();
    if let Some(area) = area {
        text.push_str(&format!(" för {area}"));
    }
    if let Some(body) = body {
        text.push_str(&format!(" i {body}"));
    }
    if let Some(period) = period_text(role.from, role.until) {
        text.push_str(&format!(" {period}"));
    }
    if let Some(remark) = &role.remark {
        text.push_str(&format!(", {remark}"));
    }
    text
}

/// The target as printed in Bilaga 1: "minst 2 procentenheter", "1 000/100 000 inv.", "anges
/// inte"; numbers with their digit groups joined by [`swedish::NUMBER_SPACE`].
pub fn target_text(target: Option<&Target>) -> String {
    let Some(t) = target else {
        return "anges inte".into();
    };
    if let Some(w) = &t.wording {
        return w.clone();
    }
    let amount = t.amount.map(swedish::number).unwrap_or_default();
    let nb = swedish::NUMBER_SPACE;
    let text = match t.unit {
        Unit::Procentenheter if t.amount == Some(1.0) => "1 procentenhet".to_owned(),
        Unit::Procentenheter => format!("{amount} procentenheter"),
        Unit::Per100000Inv => format!("{amount}/100{nb}000 inv."),
        Unit::Per1000Inv => format!("{amount}/1{nb}000 invånare"),
        Unit::SkillnaderMinska => "skillnader, minska".to_owned(),
    };
    if t.at_least { format!("minst {text}") } else { text }
}

/// The target as the end of a sentence ("Mål: 2 procentenheter."): with a full stop.
pub fn target_sentence_end(target: Option<&Target>) -> String {
    let mut t = target_text(target);
    if !t.ends_with('.') {
        t.push('.');
    }
    t
}

/// The target as a sentence part with its direction: "öka med minst 4 procentenheter",
/// "minska med 1 000/100 000 inv."; the edition's own wording, "skillnader, minska" and "anges
/// inte" as they are.
pub fn target_phrase(direction: Direction, target: Option<&Target>) -> String {
    match target {
        Some(t) if t.wording.is_none() && t.unit.needs_amount() => {
            format!("{} med {}", direction.verb(), target_text(Some(t)))
        }
        other => target_text(other),
    }
}

/// A direction with its arrow: "↑ öka".
pub fn direction_text(direction: Direction) -> String {
    format!("{} {}", direction.arrow(), direction.verb())
}

/// The heading of a goal's indicators: its own, or the goal's title.
pub fn goal_heading(g: &Goal) -> String {
    g.indicator_heading.clone().unwrap_or_else(|| g.title.clone())
}

/// "Kommunerna Arvika, Eda, …, Årjäng samt Region Värmland." from the parties.
pub fn parties_line(prefix: &str, parties: &[Party]) -> String {
    let mut municipalities: Vec<&str> =
        parties.iter().filter(|p| p.kind == PartyKind::Municipality).map(|p| p.name.as_str()).collect();
    municipalities.sort_by(|a, b| swedish::compare(a, b));
    let regions: Vec<String> =
        parties.iter().filter(|p| p.kind == PartyKind::Region).map(|p| p.name.clone()).collect();
    let mut line = format!("{prefix} {}", municipalities.join(", "));
    if !regions.is_empty() {
        line.push_str(" samt ");
        line.push_str(&swedish::join_and(&regions));
    }
    line.push('.');
    line
}

/// The source of raw values as Kolada's terms of use ask it to be cited: "Källa: Kolada", then
/// the own values' sources, if any ("Källa: Kolada, Barnhälsovården och Liv & Hälsa").
pub fn sources_sentence(own: &[String]) -> String {
    let mut all = vec!["Kolada".to_owned()];
    all.extend(own.iter().cloned());
    format!("Källa: {}.", swedish::join_and(&all))
}

/// How a figure perspektiv computes from the values (a change, an assessment, an order) is
/// marked where it is shown, as Kolada's terms of use ask: "Förändring och bedömning: egen
/// bearbetning av data från Kolada." `what` names the figures ("Förändring och bedömning"),
/// `source` the raw values' source ("Kolada", "Barnhälsovården").
pub fn own_processing(what: &str, source: &str) -> String {
    format!("{what}: egen bearbetning av data från {source}.")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::sources::ids::{GroupId, PartyId};
    use crate::sources::members::RoleKind;
    use crate::sources::parties::AreaCode;

    fn date(y: i32, m: u8, d: u8) -> Option<Date> {
        Date::from_ymd(y, m, d)
    }

    fn target(amount: Option<f64>, unit: Unit, at_least: bool) -> Target {
        Target { amount, unit, at_least, wording: None }
    }

    #[test]
    fn periods_name_the_ends_they_know() {
        let cases = [
            (None, None, None),
            (date(2023, 5, 5), None, Some("från och med 5 maj 2023")),
            (None, date(2023, 5, 4), Some("till och med 4 maj 2023")),
            (date(2023, 5, 5), date(2026, 12, 31), Some("5 maj 2023 – 31 december 2026")),
        ];
        for (from, until, expected) in cases {
            assert_eq!(period_text(from, until).as_deref(), expected, "{from:?} {until:?}");
        }
        assert_eq!(period_caption("Politisk styrgrupp", None, None), "Politisk styrgrupp");
        assert_eq!(
            period_caption("Politisk styrgrupp", date(2023, 5, 5), date(2026, 12, 31)),
            "Politisk styrgrupp 5 maj 2023 – 31 december 2026"
        );
    }

    #[test]
    fn a_seat_reads_role_area_body_period_remark() {
        let role = Role {
            body: GroupId("rkph".into()),
            role: RoleKind::Samordnare,
            area: None,
            from: date(2023, 5, 5),
            until: None,
            title: None,
            organisation: Some(PartyId("arvika".into())),
            remark: Some("representerar kommunerna".into()),
            acknowledged: None,
        };
        assert_eq!(
            role_text(&role, Some("RKPH"), Some("suicidprevention")),
            "samordnare för suicidprevention i RKPH från och med 5 maj 2023, representerar kommunerna"
        );
        let plain = Role { role: RoleKind::Ledamot, from: None, remark: None, ..role };
        assert_eq!(role_text(&plain, None, None), "ledamot");
    }

    #[test]
    fn targets_in_swedish() {
        let nb = swedish::NUMBER_SPACE;
        let cases = [
            (target(Some(2.0), Unit::Procentenheter, false), "2 procentenheter".to_owned()),
            (target(Some(1.0), Unit::Procentenheter, false), "1 procentenhet".to_owned()),
            (target(Some(4.0), Unit::Procentenheter, true), "minst 4 procentenheter".to_owned()),
            (target(Some(2.5), Unit::Procentenheter, false), "2,5 procentenheter".to_owned()),
            (target(Some(1000.0), Unit::Per100000Inv, false), format!("1{nb}000/100{nb}000 inv.")),
            (target(Some(10.0), Unit::Per1000Inv, false), format!("10/1{nb}000 invånare")),
            (target(None, Unit::SkillnaderMinska, false), "skillnader, minska".to_owned()),
        ];
        for (t, expected) in cases {
            assert_eq!(target_text(Some(&t)), expected, "{t:?}");
        }
        assert_eq!(target_text(None), "anges inte");
        let own =
            Target { wording: Some("minska fallskadorna".into()), ..target(None, Unit::Per1000Inv, false) };
        assert_eq!(target_text(Some(&own)), "minska fallskadorna");
    }

    #[test]
    fn a_target_as_a_sentence_end_and_with_its_direction() {
        let points = target(Some(4.0), Unit::Procentenheter, true);
        let per = target(Some(1000.0), Unit::Per100000Inv, false);
        assert_eq!(target_sentence_end(Some(&points)), "minst 4 procentenheter.");
        assert!(target_sentence_end(Some(&per)).ends_with("inv."), "no second full stop");
        assert_eq!(target_sentence_end(None), "anges inte.");
        assert_eq!(target_phrase(Direction::Increase, Some(&points)), "öka med minst 4 procentenheter");
        let differences = target(None, Unit::SkillnaderMinska, false);
        assert_eq!(target_phrase(Direction::Decrease, Some(&differences)), "skillnader, minska");
        assert_eq!(target_phrase(Direction::Decrease, None), "anges inte");
        assert_eq!(direction_text(Direction::Increase), "↑ öka");
        assert_eq!(direction_text(Direction::Decrease), "↓ minska");
    }

    #[test]
    fn the_parties_line_sorts_the_swedish_way_and_ends_with_the_region() {
        let party = |name: &str, kind| Party {
            id: PartyId(name.to_lowercase()),
            name: name.into(),
            official_name: name.into(),
            code: AreaCode("0000".into()),
            kind,
            group: Vec::new(),
        };
        let parties = [
            party("Årjäng", PartyKind::Municipality),
            party("Region Värmland", PartyKind::Region),
            party("Arvika", PartyKind::Municipality),
            party("Öckerö", PartyKind::Municipality),
            party("Eda", PartyKind::Municipality),
        ];
        assert_eq!(
            parties_line("Kommunerna", &parties),
            "Kommunerna Arvika, Eda, Årjäng, Öckerö samt Region Värmland."
        );
    }
}
