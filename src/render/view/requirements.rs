//! What a typeset document must show, located in the sources: the list the safety net after
//! typesetting checks the laid-out document against.

use super::{BlockView, DocumentView, RoleGroupView};
use crate::diagnostics::KeyPath;
use crate::render::chart::TreeNode;
use crate::sources::Sources;
use crate::typeset::contents::{Kind, MustShow};

/// The texts a document shows, located in the sources: the builder of a view's [`MustShow`],
/// the list the safety net after typesetting checks the laid-out document against. Each text is
/// found in the source file it comes from (`member[3].name`); one the sources do not hold as it
/// is printed is required without a place.
pub struct Requirements<'a> {
    s: &'a Sources,
    must: MustShow,
}

impl<'a> Requirements<'a> {
    /// An empty list for a document of `s`.
    pub fn new(s: &'a Sources) -> Self {
        Self { s, must: MustShow::new() }
    }

    /// A person's name, as `members.toml` spells it.
    pub fn person(&mut self, name: &str) {
        let members = &self.s.members;
        match members.data.member.iter().position(|m| m.name == name) {
            Some(i) => self.must.require(
                Kind::Person,
                name,
                members,
                KeyPath::root().key("member").index(i).key("name"),
            ),
            None => self.must.require_derived(Kind::Person, name),
        }
    }

    /// A body's name, heading or chart label, as `groups.toml` spells it.
    pub fn body(&mut self, text: &str) {
        let groups = &self.s.groups;
        let found = groups.data.group.iter().enumerate().find_map(|(i, g)| {
            let key = if g.name == text {
                "name"
            } else if g.chart_label.as_deref() == Some(text) {
                "chart_label"
            } else if g.short_name.as_deref() == Some(text) {
                "short_name"
            } else if g.direction.as_ref().and_then(|d| d.title.as_deref()) == Some(text) {
                return Some(KeyPath::root().key("group").index(i).key("direction").key("title"));
            } else {
                return None;
            };
            Some(KeyPath::root().key("group").index(i).key(key))
        });
        match found {
            Some(key) => self.must.require(Kind::Body, text, groups, key),
            None => self.must.require_derived(Kind::Body, text),
        }
    }

    /// A goal's title or indicator heading, as `goals.toml` spells it.
    pub fn goal(&mut self, text: &str) {
        let goals = &self.s.goals;
        let found = goals.data.goal.iter().enumerate().find_map(|(i, g)| {
            let key = if g.title == text {
                "title"
            } else if g.indicator_heading.as_deref() == Some(text) {
                "indicator_heading"
            } else {
                return None;
            };
            Some(KeyPath::root().key("goal").index(i).key(key))
        });
        match found {
            Some(key) => self.must.require(Kind::Goal, text, goals, key),
            None => self.must.require_derived(Kind::Goal, text),
        }
    }

    /// An indicator's text, as `goals.toml` spells it.
    pub fn indicator(&mut self, text: &str) {
        let goals = &self.s.goals;
        let found = goals.data.goal.iter().enumerate().find_map(|(i, g)| {
            let j = g.indicator.iter().position(|ind| ind.text == text)?;
            Some(KeyPath::root().key("goal").index(i).key("indicator").index(j).key("text"))
        });
        match found {
            Some(key) => self.must.require(Kind::Indicator, text, goals, key),
            None => self.must.require_derived(Kind::Indicator, text),
        }
    }

    /// A party's name or official name, as `parties.toml` spells it.
    pub fn party(&mut self, text: &str) {
        let parties = &self.s.parties;
        let found = parties.data.party.iter().enumerate().find_map(|(i, p)| {
            let key = if p.name == text {
                "name"
            } else if p.official_name == text {
                "official_name"
            } else {
                return None;
            };
            Some(KeyPath::root().key("party").index(i).key(key))
        });
        match found {
            Some(key) => self.must.require(Kind::Party, text, parties, key),
            None => self.must.require_derived(Kind::Party, text),
        }
    }

    /// Another text of the view, with no place of its own in the sources (a change of the change
    /// annex).
    pub fn change(&mut self, text: &str) {
        self.must.require_derived(Kind::Change, text);
    }

    /// The people of role groups.
    pub fn holders(&mut self, roles: &[RoleGroupView]) {
        for g in roles {
            for h in &g.holders {
                self.person(&h.name);
            }
        }
    }

    /// The list.
    pub fn finish(self) -> MustShow {
        self.must
    }
}

impl DocumentView {
    /// What the typeset document must show: the parties of the cover, every body, goal,
    /// indicator and person of the chapters and appendices.
    pub fn must_show(&self, s: &Sources) -> MustShow {
        let mut req = Requirements::new(s);
        for p in &s.parties.data.party {
            if self.cover.parties_line.contains(p.name.as_str()) {
                req.party(&p.name);
            }
        }
        for chapter in self.chapters.iter().chain(&self.appendices) {
            for block in &chapter.blocks {
                match block {
                    BlockView::Goals { goals } => goals.iter().for_each(|g| req.goal(&g.title)),
                    BlockView::Members(m) => {
                        req.body(&m.body);
                        for row in m.compositions.iter().flat_map(|c| &c.rows).filter(|r| !r.vacant) {
                            req.person(&row.name);
                        }
                    }
                    BlockView::Roles { roles } => req.holders(roles),
                    BlockView::Group(g) => {
                        req.body(&g.heading);
                        req.holders(&g.roles);
                    }
                    BlockView::Areas { areas } => areas.iter().for_each(|a| req.holders(&a.roles)),
                    BlockView::OrgChart(c) => {
                        fn walk(n: &TreeNode, req: &mut Requirements<'_>) {
                            req.body(&n.label);
                            n.children.iter().for_each(|c| walk(c, req));
                        }
                        walk(&c.tree, &mut req);
                    }
                    BlockView::Indicators(ind) => {
                        for g in &ind.goals {
                            req.goal(&g.heading);
                            for row in g.sections.iter().flat_map(|s| &s.rows) {
                                req.indicator(&row.text);
                            }
                        }
                    }
                    BlockView::Text { .. }
                    | BlockView::Aside { .. }
                    | BlockView::Remit(_)
                    | BlockView::Adjacent { .. }
                    | BlockView::Calendar(_)
                    | BlockView::Appendices { .. } => {}
                }
            }
        }
        req.finish()
    }
}
