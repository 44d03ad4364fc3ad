//! The document: its year, keywords, publisher, chapters and their blocks, and heading levels.

use super::{MAX_TEXT, Seen, Validator};
use crate::diagnostics::{KeyPath, Problem};
use crate::markdown::Headings;
use crate::sources::document::{Block, Chapter};
use crate::{key, msg, t};

impl Validator<'_> {
    pub(super) fn year(&mut self) {
        let doc = &self.s.document;
        if doc.data.year != self.s.year {
            self.error(
                doc.at(key!("year")),
                msg!("year-mismatch", document = doc.data.year, folder = self.s.year),
            );
        }
    }

    pub(super) fn document(&mut self) {
        let doc = &self.s.document;
        let groups = self.group_ids();
        let mut calendars = Seen::new("what-calendar");
        let mut ignore = Vec::new();
        for (i, c) in self.s.appendices.data.calendar.iter().enumerate() {
            calendars.add(c.id.as_str(), self.s.appendices.at(key!("calendar", i, "id")), &mut ignore);
        }
        if let Some(text) = &doc.data.cover.text {
            self.prose(doc, key!("cover", "text"), text, Headings::Forbidden);
        }
        // The keywords are one PDF string together, like any other text.
        let keywords = doc.data.keywords.join(", ").chars().count();
        if keywords > MAX_TEXT && doc.data.keywords.iter().all(|k| k.chars().count() <= MAX_TEXT) {
            self.problems.push(
                Problem::error(
                    doc.at(key!("keywords")),
                    msg!("keywords-too-long", length = keywords, max = MAX_TEXT),
                )
                .with_hint(t!("keywords-too-long.hint")),
            );
        }
        self.publisher();
        let mut chapters = Seen::new("what-chapter");
        let parts: [(&str, &Vec<Chapter>); 2] =
            [("chapter", &doc.data.chapter), ("appendix", &doc.data.appendix)];
        for (part, list) in parts {
            for (ci, c) in list.iter().enumerate() {
                chapters.add(c.id.as_str(), doc.at(key!(part, ci, "id")), &mut self.problems);
                self.chapter(part, ci, c, &groups, &calendars);
            }
        }
    }

    /// The publisher's contact: an e-mail address, a phone number and web addresses that work
    /// as links.
    fn publisher(&mut self) {
        let doc = &self.s.document;
        let Some(p) = &doc.data.publisher else { return };
        if let Some(email) = &p.email
            && !is_email(email)
        {
            self.problems.push(
                Problem::error(
                    doc.at(key!("publisher", "email")),
                    msg!("not-an-email", email = email.as_str()),
                )
                .with_hint(t!("not-an-email.hint")),
            );
        }
        if let Some(phone) = &p.phone
            && !is_phone(phone)
        {
            self.problems.push(
                Problem::error(
                    doc.at(key!("publisher", "phone")),
                    msg!("not-a-phone", phone = phone.as_str()),
                )
                .with_hint(t!("not-a-phone.hint")),
            );
        }
        for (key, value) in [("url", &p.url), ("accessibility_statement_url", &p.accessibility_statement_url)]
        {
            if let Some(url) = value
                && !is_web_address(url)
            {
                self.problems.push(
                    Problem::error(
                        doc.at(key!("publisher", key)),
                        msg!("not-a-web-address", url = url.as_str()),
                    )
                    .with_hint(t!("not-a-web-address.hint")),
                );
            }
        }
    }

    /// Warnings: no publisher, or one that gives readers no way to report a problem, so that the
    /// web edition's accessibility statement would lack what the law asks of it.
    pub(super) fn publisher_contact(&mut self) {
        let doc = &self.s.document;
        match &doc.data.publisher {
            None => self.problems.push(
                Problem::warning(doc.at(key!("author")), msg!("no-publisher"))
                    .with_hint(t!("no-publisher.hint")),
            ),
            Some(p) if p.email.is_none() && p.phone.is_none() && p.accessibility_statement_url.is_none() => {
                self.problems.push(
                    Problem::warning(
                        doc.at(key!("publisher", "name")),
                        msg!("publisher-without-contact", publisher = p.name.as_str()),
                    )
                    .with_hint(t!("publisher-without-contact.hint")),
                );
            }
            Some(_) => {}
        }
    }

    pub(super) fn chapter(&mut self, part: &str, ci: usize, c: &Chapter, groups: &Seen, calendars: &Seen) {
        let doc = &self.s.document;
        let mut levels: Vec<(u8, KeyPath)> = Vec::new();
        for (bi, b) in c.block.iter().enumerate() {
            let path = key!(part, ci, "block", bi);
            let body = |b: &Block| match b {
                Block::Members(r) => Some(r.body.clone()),
                Block::Roles(r) | Block::Group(r) | Block::Remit(r) | Block::Areas(r) => Some(r.body.clone()),
                _ => None,
            };
            if let Some(id) = body(b) {
                let kind = match b {
                    Block::Members(_) => "members",
                    Block::Roles(_) => "roles",
                    Block::Group(_) => "group",
                    Block::Remit(_) => "remit",
                    _ => "areas",
                };
                let bat = doc.at(key!(part, ci, "block", bi, kind, "body"));
                self.reference(id.as_str(), bat.clone(), groups, &self.s.groups.path);
                if let Some(g) = self.s.groups.data.group.iter().find(|g| g.id == id) {
                    let body = format!("{} (`{id}`)", g.name);
                    let empty = match b {
                        Block::Remit(_) => {
                            g.remit.is_none().then(|| msg!("block-without-remit", body = body, kind = kind))
                        }
                        Block::Areas(_) => {
                            g.area.is_empty().then(|| msg!("block-without-areas", body = body, kind = kind))
                        }
                        Block::Group(_) => (g.direction.is_none() && g.functions.is_empty())
                            .then(|| msg!("block-without-direction", body = body, kind = kind)),
                        _ => None,
                    };
                    if let Some(message) = empty {
                        let mut p = Problem::error(bat, message);
                        if let Some(loc) = groups.location(id.as_str()) {
                            p = p.with_related(loc.clone(), t!("body-defined-here"));
                        }
                        self.problems.push(p);
                    }
                }
            }
            match b {
                Block::Text(text) => {
                    for level in self.prose(doc, path.key("text"), text, Headings::From(2)) {
                        levels.push((level, path.key("text")));
                    }
                }
                Block::Aside(a) => {
                    self.prose(doc, path.key("aside").key("text"), &a.text, Headings::Forbidden);
                    if a.title.is_some() {
                        levels.push((2, path.clone()));
                    }
                }
                Block::Group(_) | Block::Indicators(_) => levels.push((2, path.clone())),
                Block::Remit(r) => {
                    let titled = self
                        .s
                        .groups
                        .data
                        .group
                        .iter()
                        .find(|g| g.id == r.body)
                        .and_then(|g| g.remit.as_ref())
                        .and_then(|id| self.s.groups.data.remit.iter().find(|x| &x.id == id))
                        .is_some_and(|x| x.title.is_some());
                    if titled {
                        levels.push((2, path.clone()));
                    }
                }
                Block::OrgChart(o) => {
                    self.reference(
                        o.root.as_str(),
                        doc.at(key!(part, ci, "block", bi, "org_chart", "root")),
                        groups,
                        &self.s.groups.path,
                    );
                    if o.title.is_some() {
                        levels.push((2, path.clone()));
                    }
                }
                Block::Calendar(r) => {
                    self.reference(
                        r.calendar.as_str(),
                        doc.at(key!(part, ci, "block", bi, "calendar", "calendar")),
                        calendars,
                        &self.s.appendices.path,
                    );
                }
                _ => {}
            }
        }
        // Headings must not skip levels: the chapter is level 1, so a level-3 heading needs a
        // level-2 heading before it, and so on.
        let mut current = 1;
        for (level, path) in levels {
            if level > current + 1 {
                self.problems.push(
                    Problem::error(
                        doc.at(path),
                        msg!("heading-skips-level", level = level, current = current),
                    )
                    .with_hint(t!("heading-skips-level.hint")),
                );
            }
            current = level;
        }
    }

    /// Warnings: a chapter without blocks, a members block that shows nobody.
    pub(super) fn empty_chapters(&mut self) {
        let s = self.s;
        let doc = &s.document;
        for (part, list) in [("chapter", &doc.data.chapter), ("appendix", &doc.data.appendix)] {
            for (ci, c) in list.iter().enumerate() {
                if c.block.is_empty() {
                    let message = match part {
                        "appendix" => msg!("empty-appendix", title = c.title.as_str()),
                        _ => msg!("empty-chapter", title = c.title.as_str()),
                    };
                    self.problems.push(Problem::warning(doc.at(key!(part, ci, "title")), message));
                }
                for (bi, b) in c.block.iter().enumerate() {
                    if let Block::Members(m) = b {
                        let any = s.members.data.member.iter().flat_map(|x| &x.role).any(|r| {
                            r.body == m.body
                                && m.from.is_none_or(|f| r.from.is_some_and(|rf| rf >= f))
                                && m.until.is_none_or(|u| r.until.is_some_and(|ru| ru <= u))
                        });
                        if !any {
                            self.problems.push(Problem::warning(
                                doc.at(key!(part, ci, "block", bi)),
                                msg!("members-block-empty", body = self.body_name(&m.body)),
                            ));
                        }
                    }
                }
            }
        }
    }
}

/// An e-mail address as a `mailto:` link takes it: one `@` between a local part and a domain
/// with a dot, no spaces.
fn is_email(s: &str) -> bool {
    let Some((local, domain)) = s.split_once('@') else { return false };
    !local.is_empty()
        && domain.contains('.')
        && !domain.starts_with('.')
        && !domain.ends_with('.')
        && !domain.contains('@')
        && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"(),;:".contains(c))
}

/// A phone number: digits with spaces, hyphens and parentheses, perhaps a leading `+`.
fn is_phone(s: &str) -> bool {
    let digits = s.chars().filter(char::is_ascii_digit).count();
    let rest = s.strip_prefix('+').unwrap_or(s);
    digits >= 5 && rest.chars().all(|c| c.is_ascii_digit() || " -()\u{a0}".contains(c))
}

/// A web address a link can point to: `https://` or `http://` and a host, no spaces.
fn is_web_address(s: &str) -> bool {
    let rest = s.strip_prefix("https://").or_else(|| s.strip_prefix("http://"));
    rest.is_some_and(|r| {
        let host = r.split(['/', '?', '#']).next().unwrap_or("");
        host.contains('.') && !s.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"".contains(c))
    })
}
