//! Reading a tagged PDF as an auditor does: its structure tree (types, pages, attributes,
//! alternative texts) with the text each element marks, its annotations and its metadata.
//!
//! Text comes from the content streams through the fonts' `/ToUnicode` maps, never from
//! `/ActualText`, so it is the text a viewer that ignores `/ActualText` copies.

use std::collections::BTreeMap;

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Object, ObjectId};

/// A structure element.
#[derive(Debug)]
pub(crate) struct Element {
    /// The standard structure type (after the role map): `P`, `H1`, `TH`, `Figure`, ….
    pub kind: String,
    /// The page (from 0) of its first marked content, if it marks any.
    pub page: Option<usize>,
    /// The text of its marked content and its descendants', in order.
    pub text: String,
    /// `/Alt`.
    pub alt: Option<String>,
    /// Its attributes as (owner, key, value), values as lopdf shows them (`Row`, `Disc`).
    pub attributes: Vec<(String, String, String)>,
    /// The index of its parent element (none for the top-level element).
    pub parent: Option<usize>,
    /// `/ID`.
    pub id: Option<String>,
    /// The `/Headers` of its `/Table` attributes: the `/ID`s of the header cells it names.
    pub headers: Vec<String>,
}

impl Element {
    /// The value of the attribute `key` of `owner` (`Table`, `List`, `Layout`).
    pub(crate) fn attribute(&self, owner: &str, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(o, k, _)| o == owner && k == key).map(|(_, _, v)| v.as_str())
    }
}

/// A link annotation.
#[derive(Debug)]
pub(crate) struct LinkAnnotation {
    /// The page (from 0).
    pub page: usize,
    /// `/Contents`, the description screen readers announce.
    pub contents: Option<String>,
    /// `/Rect`: left, bottom, right, top.
    pub rect: [f32; 4],
}

/// A tagged PDF, read.
pub(crate) struct Tagged {
    /// The elements in reading order (depth first).
    pub elements: Vec<Element>,
    doc: Document,
}

fn name(o: &Object) -> Option<String> {
    o.as_name().ok().map(|n| String::from_utf8_lossy(n).into_owned())
}

fn text_string(o: &Object) -> Option<String> {
    lopdf::decode_text_string(o).ok()
}

/// `/ToUnicode` of a font as code → text.
fn to_unicode(doc: &Document, font: &Dictionary) -> BTreeMap<u32, String> {
    let mut map = BTreeMap::new();
    let Some(stream) = font
        .get(b"ToUnicode")
        .ok()
        .and_then(|o| o.as_reference().ok())
        .and_then(|id| doc.get_object(id).ok())
        .and_then(|o| o.as_stream().ok())
    else {
        return map;
    };
    let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
    let text = String::from_utf8_lossy(&data);
    let hex = |s: &str| u32::from_str_radix(s, 16).ok();
    let utf16 = |s: &str| {
        let units: Vec<u16> =
            (0..s.len() / 4).filter_map(|i| u16::from_str_radix(&s[i * 4..i * 4 + 4], 16).ok()).collect();
        String::from_utf16_lossy(&units)
    };
    let tokens = |section: &str| -> Vec<String> {
        section.split(['<', '>']).map(str::trim).filter(|t| !t.is_empty()).map(str::to_owned).collect()
    };
    for block in text.split("beginbfchar").skip(1) {
        let body = block.split("endbfchar").next().unwrap_or("");
        for pair in tokens(body).chunks(2) {
            if let [code, dst] = pair
                && let Some(code) = hex(code)
            {
                map.insert(code, utf16(dst));
            }
        }
    }
    for block in text.split("beginbfrange").skip(1) {
        let body = block.split("endbfrange").next().unwrap_or("");
        for triple in tokens(body).chunks(3) {
            if let [lo, hi, dst] = triple
                && let (Some(lo), Some(hi)) = (hex(lo), hex(hi))
            {
                let first = utf16(dst);
                let mut chars: Vec<char> = first.chars().collect();
                for code in lo..=hi {
                    map.insert(code, chars.iter().collect());
                    if let Some(last) = chars.last_mut() {
                        *last = char::from_u32(*last as u32 + 1).unwrap_or(*last);
                    }
                }
            }
        }
    }
    map
}

/// The text of each marked-content sequence, by (page, MCID).
fn marked_texts(doc: &Document) -> BTreeMap<(usize, i64), String> {
    let mut out = BTreeMap::new();
    for (index, (_, page_id)) in doc.get_pages().into_iter().enumerate() {
        let fonts: BTreeMap<Vec<u8>, BTreeMap<u32, String>> = doc
            .get_page_fonts(page_id)
            .unwrap_or_default()
            .into_iter()
            .map(|(name, font)| (name, to_unicode(doc, font)))
            .collect();
        let Ok(content) = Content::decode(&doc.get_page_content(page_id)) else { continue };
        let mut stack: Vec<Option<i64>> = Vec::new();
        let mut font: Option<&BTreeMap<u32, String>> = None;
        for op in &content.operations {
            match op.operator.as_str() {
                "BDC" => {
                    let mcid = op
                        .operands
                        .get(1)
                        .and_then(|o| o.as_dict().ok())
                        .and_then(|d| d.get(b"MCID").ok().and_then(|m| m.as_i64().ok()));
                    stack.push(mcid);
                }
                "BMC" => stack.push(None),
                "EMC" => {
                    stack.pop();
                }
                "Tf" => font = op.operands.first().and_then(|n| n.as_name().ok()).and_then(|n| fonts.get(n)),
                "Tj" | "TJ" => {
                    let Some(mcid) = stack.iter().rev().flatten().next() else { continue };
                    let strings: Vec<&[u8]> = match op.operands.first() {
                        Some(Object::Array(items)) => items.iter().filter_map(|o| o.as_str().ok()).collect(),
                        Some(o) => o.as_str().ok().into_iter().collect(),
                        None => Vec::new(),
                    };
                    let text = out.entry((index, *mcid)).or_insert_with(String::new);
                    for s in strings {
                        for code in s.chunks(2) {
                            let code = code.iter().fold(0u32, |acc, b| acc << 8 | u32::from(*b));
                            text.push_str(font.and_then(|f| f.get(&code)).map_or("\u{FFFD}", String::as_str));
                        }
                    }
                }
                _ => {}
            }
        }
    }
    out
}

impl Tagged {
    /// Reads the structure tree of `pdf`. Panics when the PDF cannot be read or is not tagged.
    pub(crate) fn read(pdf: &[u8]) -> Tagged {
        let doc = Document::load_mem(pdf).expect("the PDF can be read");
        let pages: BTreeMap<ObjectId, usize> =
            doc.get_pages().into_values().enumerate().map(|(i, id)| (id, i)).collect();
        let texts = marked_texts(&doc);
        let root_id = doc.catalog().unwrap().get(b"StructTreeRoot").unwrap().as_reference().unwrap();
        let root = doc.get_dictionary(root_id).unwrap();
        let role_map: BTreeMap<String, String> = root
            .get(b"RoleMap")
            .ok()
            .and_then(|o| match o {
                Object::Reference(id) => doc.get_dictionary(*id).ok(),
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .map(|d| {
                d.iter()
                    .filter_map(|(k, v)| Some((String::from_utf8_lossy(k).into_owned(), name(v)?)))
                    .collect()
            })
            .unwrap_or_default();

        let mut elements = Vec::new();
        let kids = |d: &Dictionary| -> Vec<Object> {
            match d.get(b"K") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(o) => vec![o.clone()],
                Err(_) => Vec::new(),
            }
        };
        struct Walk<'a> {
            doc: &'a Document,
            pages: &'a BTreeMap<ObjectId, usize>,
            texts: &'a BTreeMap<(usize, i64), String>,
            role_map: &'a BTreeMap<String, String>,
        }
        fn walk(
            w: &Walk,
            id: ObjectId,
            parent: Option<usize>,
            elements: &mut Vec<Element>,
            kids: &dyn Fn(&Dictionary) -> Vec<Object>,
        ) -> String {
            let Ok(d) = w.doc.get_dictionary(id) else { return String::new() };
            let Some(s) = d.get(b"S").ok().and_then(name) else { return String::new() };
            let kind = w.role_map.get(&s).cloned().unwrap_or(s);
            let page_of = |d: &Dictionary| {
                d.get(b"Pg").ok().and_then(|p| p.as_reference().ok()).and_then(|p| w.pages.get(&p).copied())
            };
            let own_page = page_of(d);
            let mut attributes = Vec::new();
            let attrs: Vec<&Dictionary> = match d.get(b"A") {
                Ok(Object::Dictionary(a)) => vec![a],
                Ok(Object::Array(items)) => items
                    .iter()
                    .filter_map(|o| match o {
                        Object::Dictionary(a) => Some(a),
                        Object::Reference(r) => w.doc.get_dictionary(*r).ok(),
                        _ => None,
                    })
                    .collect(),
                Ok(Object::Reference(r)) => w.doc.get_dictionary(*r).ok().into_iter().collect(),
                _ => Vec::new(),
            };
            let mut headers = Vec::new();
            for a in attrs {
                let owner = a.get(b"O").ok().and_then(name).unwrap_or_default();
                if owner == "Table"
                    && let Ok(ids) = a.get(b"Headers").and_then(Object::as_array)
                {
                    let ids = ids.iter().filter_map(|o| o.as_str().ok());
                    headers.extend(ids.map(|i| String::from_utf8_lossy(i).into_owned()));
                }
                for (k, v) in a.iter().filter(|(k, _)| k.as_slice() != b"O") {
                    let value = name(v).or_else(|| text_string(v)).unwrap_or_else(|| format!("{v:?}"));
                    attributes.push((owner.clone(), String::from_utf8_lossy(k).into_owned(), value));
                }
            }
            let index = elements.len();
            elements.push(Element {
                kind,
                page: None,
                text: String::new(),
                alt: d.get(b"Alt").ok().and_then(text_string),
                attributes,
                parent,
                id: d
                    .get(b"ID")
                    .ok()
                    .and_then(|i| i.as_str().ok())
                    .map(|i| String::from_utf8_lossy(i).into_owned()),
                headers,
            });
            let mut text = String::new();
            let mut page = None;
            for kid in kids(d) {
                match kid {
                    Object::Integer(mcid) => {
                        if let Some(p) = own_page {
                            page = page.or(Some(p));
                            text.push_str(w.texts.get(&(p, mcid)).map_or("", String::as_str));
                        }
                    }
                    Object::Dictionary(mcr) if mcr.has(b"MCID") => {
                        if let (Some(p), Ok(mcid)) =
                            (page_of(&mcr).or(own_page), mcr.get(b"MCID").and_then(Object::as_i64))
                        {
                            page = page.or(Some(p));
                            text.push_str(w.texts.get(&(p, mcid)).map_or("", String::as_str));
                        }
                    }
                    Object::Reference(kid_id) => {
                        let before = elements.len();
                        text.push_str(&walk(w, kid_id, Some(index), elements, kids));
                        if let Some(child) = elements.get(before) {
                            page = page.or(child.page);
                        }
                    }
                    _ => {}
                }
            }
            elements[index].text = text.clone();
            elements[index].page = page;
            text
        }
        let w = Walk { doc: &doc, pages: &pages, texts: &texts, role_map: &role_map };
        for kid in kids(root) {
            if let Object::Reference(id) = kid {
                walk(&w, id, None, &mut elements, &kids);
            }
        }
        Tagged { elements, doc }
    }

    /// The elements of a type.
    pub(crate) fn of_kind<'a>(&'a self, kind: &'a str) -> impl Iterator<Item = &'a Element> + 'a {
        self.elements.iter().filter(move |e| e.kind == kind)
    }

    /// The children of the element at `index`.
    pub(crate) fn children(&self, index: usize) -> impl Iterator<Item = &Element> + '_ {
        self.elements.iter().filter(move |e| e.parent == Some(index))
    }

    /// The catalog's entry `key` as a name.
    pub(crate) fn catalog_name(&self, key: &[u8]) -> Option<String> {
        self.doc.catalog().ok()?.get(key).ok().and_then(name)
    }

    /// The document information's `/Title`.
    pub(crate) fn info_title(&self) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
        text_string(self.doc.get_dictionary(info).ok()?.get(b"Title").ok()?)
    }

    /// The document information's date `key` (`CreationDate`, `ModDate`) as written.
    pub(crate) fn info_date(&self, key: &[u8]) -> Option<String> {
        let info = self.doc.trailer.get(b"Info").ok()?.as_reference().ok()?;
        let date = self.doc.get_dictionary(info).ok()?.get(key).ok()?.as_str().ok()?;
        Some(String::from_utf8_lossy(date).into_owned())
    }

    /// The XMP metadata packet.
    pub(crate) fn xmp(&self) -> String {
        let id = self.doc.catalog().unwrap().get(b"Metadata").unwrap().as_reference().unwrap();
        let stream = self.doc.get_object(id).unwrap().as_stream().unwrap();
        let data = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        String::from_utf8_lossy(&data).into_owned()
    }

    /// The bookmarks' titles, depth first.
    pub(crate) fn bookmarks(&self) -> Vec<String> {
        let doc = &self.doc;
        let get = |d: &Dictionary, k: &[u8]| d.get(k).ok().and_then(|o| o.as_reference().ok());
        let mut out = Vec::new();
        let Some(outlines) = self.doc.catalog().ok().and_then(|c| get(c, b"Outlines")) else { return out };
        let mut stack: Vec<ObjectId> =
            doc.get_dictionary(outlines).ok().and_then(|o| get(o, b"First")).into_iter().collect();
        while let Some(id) = stack.pop() {
            let Ok(item) = doc.get_dictionary(id) else { continue };
            out.extend(item.get(b"Title").ok().and_then(text_string));
            // The next sibling after the children: children are read first.
            stack.extend(get(item, b"Next"));
            stack.extend(get(item, b"First"));
            if out.len() > 10_000 {
                break;
            }
        }
        out
    }

    /// The output intents' `/RegistryName`s.
    pub(crate) fn output_intent_registries(&self) -> Vec<String> {
        self.doc
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .filter(|d| d.get(b"Type").ok().and_then(name).as_deref() == Some("OutputIntent"))
            .filter_map(|d| d.get(b"RegistryName").ok().and_then(text_string))
            .collect()
    }

    /// Every link annotation, page by page.
    pub(crate) fn links(&self) -> Vec<LinkAnnotation> {
        let mut out = Vec::new();
        for (index, (_, page_id)) in self.doc.get_pages().into_iter().enumerate() {
            let Ok(page) = self.doc.get_dictionary(page_id) else { continue };
            let annots = match page.get(b"Annots") {
                Ok(Object::Array(a)) => a.clone(),
                Ok(Object::Reference(r)) => {
                    self.doc.get_object(*r).and_then(Object::as_array).cloned().unwrap_or_default()
                }
                _ => Vec::new(),
            };
            for a in annots {
                let Some(d) = a.as_reference().ok().and_then(|r| self.doc.get_dictionary(r).ok()) else {
                    continue;
                };
                if d.get(b"Subtype").ok().and_then(name).as_deref() != Some("Link") {
                    continue;
                }
                let rect: Vec<f32> = d
                    .get(b"Rect")
                    .and_then(Object::as_array)
                    .map(|r| r.iter().filter_map(|n| n.as_float().ok()).collect())
                    .unwrap_or_default();
                out.push(LinkAnnotation {
                    page: index,
                    contents: d.get(b"Contents").ok().and_then(text_string),
                    rect: rect.try_into().unwrap_or([0.0; 4]),
                });
            }
        }
        out
    }

    /// The properties of every artifact's marked content (`/Type`, `/Subtype`), page by page.
    pub(crate) fn artifact_kinds(&self) -> Vec<(usize, Option<String>, Option<String>)> {
        let mut out = Vec::new();
        for (index, (_, page_id)) in self.doc.get_pages().into_iter().enumerate() {
            let Ok(content) = Content::decode(&self.doc.get_page_content(page_id)) else { continue };
            for op in content.operations.iter().filter(|o| o.operator == "BDC") {
                if op.operands.first().and_then(name).as_deref() != Some("Artifact") {
                    continue;
                }
                let props = op.operands.get(1).and_then(|o| o.as_dict().ok());
                let get = |k: &[u8]| props.and_then(|p| p.get(k).ok()).and_then(name);
                out.push((index, get(b"Type"), get(b"Subtype")));
            }
        }
        out
    }
}
