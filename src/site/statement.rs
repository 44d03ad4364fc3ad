//! The accessibility statement (tillgänglighetsredogörelse) of the web edition: its view, from
//! the document's `[publisher]` and date. What it says (the standard met, the known limitations,
//! how it was made) is the template's `statement.html.j2`, in the layout of DIGG's model.

use serde::Serialize;

use crate::names::STATEMENT_PAGE;
use crate::render::view::MetaView;
use crate::sources::Sources;
use crate::sources::common::swedish_date;

/// Where readers report a public body's failure to answer under lag (2018:1937): DIGG's form.
pub const DIGG_REPORT_FORM: &str = "https://www.digg.se/tdosanmalan";

/// The statement's title, the page's heading.
const TITLE: &str = "Tillgänglighetsredogörelse";

/// The accessibility statement's page.
#[derive(Serialize)]
pub struct StatementView {
    /// The page's title and metadata, as the document's with the statement's title.
    pub meta: MetaView,
    /// "Politiskt inriktningsdokument 2023".
    pub document_title: String,
    /// Who publishes the document: the publisher's name, or the document's author when the
    /// sources name no publisher (`check` warns then).
    pub publisher: String,
    /// The e-mail address for feedback, with its `mailto:` link.
    pub email: Option<ContactView>,
    /// The phone number, with its `tel:` link.
    pub phone: Option<ContactView>,
    /// The publisher's web page for the document.
    pub url: Option<ContactView>,
    /// DIGG's reporting form.
    pub digg_report_form: &'static str,
    /// The day the statement was made: the document's date, in Swedish ("5 maj 2023").
    pub date: String,
}

/// A way to reach the publisher: as shown, and as a link.
#[derive(Serialize)]
pub struct ContactView {
    /// "namn@regionvarmland.se", "070-174 06 05".
    pub text: String,
    /// "mailto:namn@regionvarmland.se", "tel:0701740605".
    pub href: String,
}

/// Where the footer of every page links for the accessibility statement, from the site's root:
/// the publisher's own statement when the sources name one, else the page `site` writes.
pub fn link(s: &Sources, root: &str) -> String {
    match s.document.data.publisher.as_ref().and_then(|p| p.accessibility_statement_url.as_ref()) {
        Some(url) => url.clone(),
        None => format!("{root}{STATEMENT_PAGE}"),
    }
}

/// Whether `site` writes the statement's page: unless the publisher keeps its own.
pub fn written(s: &Sources) -> bool {
    s.document.data.publisher.as_ref().is_none_or(|p| p.accessibility_statement_url.is_none())
}

/// The statement's view; `document` is the document's own metadata.
pub fn view(s: &Sources, document: &MetaView, document_title: &str) -> StatementView {
    let doc = &s.document.data;
    let p = doc.publisher.as_ref();
    StatementView {
        meta: MetaView {
            title: TITLE.to_owned(),
            full_title: format!("{TITLE} – {document_title} – {}", document.subtitle),
            subject: format!("Tillgänglighetsredogörelse för webbutgåvan av {document_title}"),
            ..document.clone()
        },
        document_title: document_title.to_owned(),
        publisher: p.map_or_else(|| doc.author.clone(), |p| p.name.clone()),
        email: p
            .and_then(|p| p.email.as_ref())
            .map(|e| ContactView { text: e.clone(), href: format!("mailto:{e}") }),
        phone: p.and_then(|p| p.phone.as_ref()).map(|n| ContactView { text: n.clone(), href: tel(n) }),
        url: p.and_then(|p| p.url.as_ref()).map(|u| ContactView { text: u.clone(), href: u.clone() }),
        digg_report_form: DIGG_REPORT_FORM,
        date: swedish_date(doc.date),
    }
}

/// A `tel:` link: the number's digits, with its leading `+` (RFC 3966 allows no spaces).
fn tel(number: &str) -> String {
    let plus = if number.trim_start().starts_with('+') { "+" } else { "" };
    let digits: String = number.chars().filter(char::is_ascii_digit).collect();
    format!("tel:{plus}{digits}")
}

#[cfg(test)]
mod tests {
    use super::tel;

    #[test]
    fn phone_links() {
        for (number, href) in [
            ("070-174 06 05", "tel:0701740605"),
            ("+46 70 174 06 05", "tel:+46701740605"),
            ("(070) 174\u{a0}06\u{a0}05", "tel:0701740605"),
        ] {
            assert_eq!(tel(number), href, "{number}");
        }
    }
}
