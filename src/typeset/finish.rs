//! Finishing the exported PDF: the entries a reader's software uses that Typst's export (krilla)
//! does not write, or writes in a way readers misread, set with lopdf after the export.
//!
//! - Bullet lists say which bullet they show: `/ListNumbering /Disc` for "•", `/Circle` for "◦",
//!   `/Square` for "▪", by nesting level as `style.typ.j2` draws them (krilla writes `/Circle` for
//!   every bullet list).
//! - The document opens with its bookmarks panel (`/PageMode /UseOutlines`).
//! - The output intent names its condition in the ICC's registry (`sRGB IEC61966-2.1` at
//!   `http://www.color.org`) instead of "Custom" and an empty registry name.
//! - Link descriptions (`/Contents`) have no leading or trailing spaces (the table of contents
//!   writes ` ”Rubrik” sida 4` for headings without numbers).
//! - The hyphen Typst sets where it hyphenates a word copies as "-": Typst gives that glyph the
//!   text U+00AD (soft hyphen), and a font's glyph has one entry in its `/ToUnicode` map, the
//!   first text it was set with. Were a hyphenation the first hyphen of a document, every real
//!   hyphen after it would copy as an invisible soft hyphen in readers that ignore
//!   `/ActualText`. The entry becomes U+002D; where the text differs, `/ActualText` still says
//!   which it was.
//! - Every table cell names all its headers, also below a group row (see `finish/tables.rs`).
//!
//! Streams are copied as they are, but for the `/ToUnicode` maps this changes.

use lopdf::{Dictionary, Document, Object, ObjectId};

mod tables;

/// The `/ListNumbering` of a bullet list at each nesting level (repeating), matching the markers
/// `•`, `◦`, `▪` of `style.typ.j2`.
const BULLETS: [&[u8]; 3] = [b"Disc", b"Circle", b"Square"];

/// What krilla writes for every bullet list.
const KRILLA_BULLET: &[u8] = b"Circle";

/// The output condition of krilla's sRGB intent, and its registered name.
const SRGB_CONDITION: &[u8] = b"sRGB";
const SRGB_IDENTIFIER: &str = "sRGB IEC61966-2.1";
const ICC_REGISTRY: &str = "http://www.color.org";

/// Reads `pdf`, sets the entries above, and writes it again.
///
/// Errors when lopdf cannot read or write the PDF.
pub(crate) fn finish(pdf: &[u8]) -> Result<Vec<u8>, lopdf::Error> {
    let mut doc = Document::load_mem(pdf)?;
    list_numbering(&mut doc);
    page_mode(&mut doc)?;
    output_intents(&mut doc);
    link_descriptions(&mut doc);
    hyphen_text(&mut doc)?;
    tables::table_headers(&mut doc)?;
    let mut out = Vec::with_capacity(pdf.len() + 4096);
    doc.save_to(&mut out)?;
    Ok(out)
}

fn is_name(obj: Option<&Object>, name: &[u8]) -> bool {
    obj.and_then(|o| o.as_name().ok()) == Some(name)
}

/// The attribute dictionaries (`/A`) of a structure element that are direct objects.
fn attributes_mut(elem: &mut Dictionary) -> Vec<&mut Dictionary> {
    match elem.get_mut(b"A") {
        Ok(Object::Dictionary(d)) => vec![d],
        Ok(Object::Array(items)) => items
            .iter_mut()
            .filter_map(|o| match o {
                Object::Dictionary(d) => Some(d),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn list_attribute_numbering(elem: &Dictionary) -> Option<&[u8]> {
    let attrs: Vec<&Dictionary> = match elem.get(b"A") {
        Ok(Object::Dictionary(d)) => vec![d],
        Ok(Object::Array(items)) => items.iter().filter_map(|o| o.as_dict().ok()).collect(),
        _ => Vec::new(),
    };
    attrs
        .into_iter()
        .filter(|a| is_name(a.get(b"O").ok(), b"List"))
        .find_map(|a| a.get(b"ListNumbering").and_then(Object::as_name).ok())
}

/// Bullet lists get the bullet of their nesting level.
fn list_numbering(doc: &mut Document) {
    let bullets: std::collections::BTreeSet<ObjectId> = doc
        .objects
        .iter()
        .filter_map(|(id, o)| o.as_dict().ok().map(|d| (id, d)))
        .filter(|(_, d)| {
            is_name(d.get(b"S").ok(), b"L") && list_attribute_numbering(d) == Some(KRILLA_BULLET)
        })
        .map(|(id, _)| *id)
        .collect();
    let parent = |id: ObjectId| -> Option<ObjectId> {
        doc.get_dictionary(id).ok()?.get(b"P").ok()?.as_reference().ok()
    };
    let depths: Vec<(ObjectId, usize)> = bullets
        .iter()
        .map(|&id| {
            let mut depth = 0;
            let mut at = parent(id);
            // The parent chain of a structure tree is short; the bound guards against cycles.
            for _ in 0..256 {
                let Some(p) = at else { break };
                depth += usize::from(bullets.contains(&p));
                at = parent(p);
            }
            (id, depth)
        })
        .collect();
    for (id, depth) in depths {
        if let Ok(elem) = doc.get_dictionary_mut(id) {
            for attr in attributes_mut(elem) {
                if is_name(attr.get(b"O").ok(), b"List") {
                    attr.set("ListNumbering", Object::Name(BULLETS[depth % BULLETS.len()].to_vec()));
                }
            }
        }
    }
}

/// A glyph's text in a `/ToUnicode` map, as krilla writes it: `<00AD>`, UTF-16BE in hex.
const SOFT_HYPHEN: &[u8] = b"<00AD>";
const HYPHEN_MINUS: &[u8] = b"<002D>";

/// Maps every glyph that a font's `/ToUnicode` map gives the text U+00AD to U+002D (see the
/// module's documentation). Only the `bfchar` entries' text is changed, never a glyph id.
fn hyphen_text(doc: &mut Document) -> Result<(), lopdf::Error> {
    let maps: std::collections::BTreeSet<ObjectId> = doc
        .objects
        .values()
        .filter_map(|o| o.as_dict().ok())
        .filter_map(|d| d.get(b"ToUnicode").and_then(Object::as_reference).ok())
        .collect();
    for id in maps {
        let Ok(stream) = doc.get_object_mut(id).and_then(Object::as_stream_mut) else { continue };
        let cmap = stream.decompressed_content().unwrap_or_else(|_| stream.content.clone());
        if let Some(fixed) = soft_hyphens_as_hyphens(&cmap) {
            stream.set_plain_content(fixed);
            stream.compress()?;
        }
    }
    Ok(())
}

/// The CMap with `<gid> <00AD>` entries of its `bfchar` sections mapped to `<002D>`, or `None`
/// when it has none.
fn soft_hyphens_as_hyphens(cmap: &[u8]) -> Option<Vec<u8>> {
    let mut changed = false;
    let mut in_bfchar = false;
    let mut out = Vec::with_capacity(cmap.len());
    for line in cmap.split_inclusive(|&b| b == b'\n') {
        let trimmed = line.trim_ascii();
        if trimmed.ends_with(b"beginbfchar") {
            in_bfchar = true;
        } else if trimmed == b"endbfchar" {
            in_bfchar = false;
        } else if in_bfchar {
            let mut tokens = trimmed.split(u8::is_ascii_whitespace).filter(|t| !t.is_empty());
            if let (Some(glyph), Some(text), None) = (tokens.next(), tokens.next(), tokens.next())
                && text.eq_ignore_ascii_case(SOFT_HYPHEN)
            {
                out.extend_from_slice(&line[..line.len() - line.trim_ascii_start().len()]);
                out.extend_from_slice(glyph);
                out.push(b' ');
                out.extend_from_slice(HYPHEN_MINUS);
                out.extend_from_slice(&line[line.trim_ascii_end().len()..]);
                changed = true;
                continue;
            }
        }
        out.extend_from_slice(line);
    }
    changed.then_some(out)
}

/// Opens the bookmarks panel when the document has bookmarks.
fn page_mode(doc: &mut Document) -> Result<(), lopdf::Error> {
    let catalog = doc.catalog_mut()?;
    if catalog.has(b"Outlines") {
        catalog.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    }
    Ok(())
}

/// The output intents, as object ids or (for direct dictionaries in the catalog's array) none.
fn output_intent_ids(doc: &Document) -> Vec<ObjectId> {
    let Ok(catalog) = doc.catalog() else { return Vec::new() };
    let Ok(intents) = catalog.get(b"OutputIntents") else { return Vec::new() };
    let array = match intents {
        Object::Reference(id) => doc.get_object(*id).and_then(Object::as_array).ok(),
        Object::Array(a) => Some(a),
        _ => None,
    };
    array.into_iter().flatten().filter_map(|o| o.as_reference().ok()).collect()
}

/// Names the sRGB output condition as the ICC registers it.
fn output_intents(doc: &mut Document) {
    for id in output_intent_ids(doc) {
        let Ok(intent) = doc.get_dictionary_mut(id) else { continue };
        let condition = intent.get(b"OutputCondition").and_then(Object::as_str).ok();
        if condition == Some(SRGB_CONDITION) {
            intent.set("OutputConditionIdentifier", lopdf::text_string(SRGB_IDENTIFIER));
            intent.set("RegistryName", lopdf::text_string(ICC_REGISTRY));
        }
    }
}

/// Trims the descriptions of link annotations.
fn link_descriptions(doc: &mut Document) {
    for object in doc.objects.values_mut() {
        let Ok(annot) = object.as_dict_mut() else { continue };
        if !is_name(annot.get(b"Subtype").ok(), b"Link") {
            continue;
        }
        let Some(text) = annot.get(b"Contents").ok().and_then(|c| lopdf::decode_text_string(c).ok()) else {
            continue;
        };
        let trimmed = text.trim();
        if trimmed.len() != text.len() {
            annot.set("Contents", lopdf::text_string(trimmed));
        }
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn soft_hyphens_of_a_cmap_become_hyphens_and_glyph_ids_stay() {
        let cmap = b"2 beginbfchar\n<003F> <00AD>\n<00AD> <0041>\nendbfchar\n<00AD> <00ad>\n";
        let fixed = soft_hyphens_as_hyphens(cmap).unwrap();
        // Inside bfchar only, and only the text: glyph 0xAD keeps its id and its text.
        assert_eq!(fixed, b"2 beginbfchar\n<003F> <002D>\n<00AD> <0041>\nendbfchar\n<00AD> <00ad>\n");
        assert_eq!(soft_hyphens_as_hyphens(b"1 beginbfchar\n<0001> <0041>\nendbfchar\n"), None);
    }

    use super::*;
    use lopdf::dictionary;

    /// A one-page document with a structure tree of nested bullet lists, a numbered list, a link
    /// annotation and krilla's output intent.
    fn sample() -> Result<Vec<u8>, lopdf::Error> {
        let mut doc = Document::with_version("1.7");
        let pages_id = doc.new_object_id();
        let page_id = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "MediaBox" => vec![0.into(), 0.into(), 100.into(), 100.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page_id.into()], "Count" => 1 },
            ),
        );
        let root_id = doc.new_object_id();
        let list = |parent: ObjectId, numbering: &str| {
            dictionary! {
                "Type" => "StructElem", "S" => "L", "P" => parent,
                "A" => dictionary! { "O" => "List", "ListNumbering" => numbering },
            }
        };
        let outer = doc.add_object(list(root_id, "Circle"));
        let inner = doc.add_object(list(outer, "Circle"));
        doc.add_object(list(inner, "Circle"));
        let numbered = doc.add_object(list(root_id, "Decimal"));
        doc.objects.insert(
            root_id,
            Object::Dictionary(dictionary! {
                "Type" => "StructTreeRoot",
                "K" => vec![outer.into(), numbered.into()],
            }),
        );
        doc.add_object(dictionary! {
            "Type" => "Annot", "Subtype" => "Link",
            "Contents" => lopdf::text_string(" ”Rubrik” sida 4"),
        });
        let intent = doc.add_object(dictionary! {
            "Type" => "OutputIntent", "S" => "GTS_PDFA1",
            "OutputConditionIdentifier" => Object::string_literal("Custom"),
            "OutputCondition" => Object::string_literal("sRGB"),
            "RegistryName" => Object::string_literal(""),
        });
        let intents = doc.add_object(vec![Object::Reference(intent)]);
        let outlines = doc.add_object(dictionary! { "Type" => "Outlines", "Count" => 0 });
        let catalog = doc.add_object(dictionary! {
            "Type" => "Catalog", "Pages" => pages_id, "StructTreeRoot" => root_id,
            "OutputIntents" => intents, "Outlines" => outlines,
        });
        doc.trailer.set("Root", catalog);
        let mut out = Vec::new();
        doc.save_to(&mut out)?;
        Ok(out)
    }

    fn numbering_of(doc: &Document, id: ObjectId) -> Option<Vec<u8>> {
        list_attribute_numbering(doc.get_dictionary(id).ok()?).map(<[u8]>::to_vec)
    }

    #[test]
    fn bullets_by_level_bookmarks_registry_and_trimmed_links() -> Result<(), Box<dyn std::error::Error>> {
        let finished = Document::load_mem(&finish(&sample()?)?)?;
        let lists: Vec<(ObjectId, &Dictionary)> = finished
            .objects
            .iter()
            .filter_map(|(id, o)| o.as_dict().ok().map(|d| (*id, d)))
            .filter(|(_, d)| is_name(d.get(b"S").ok(), b"L"))
            .collect();
        let mut by_numbering: Vec<Vec<u8>> =
            lists.iter().filter_map(|(id, _)| numbering_of(&finished, *id)).collect();
        by_numbering.sort();
        let expected: Vec<Vec<u8>> =
            [&b"Circle"[..], b"Decimal", b"Disc", b"Square"].iter().map(|n| n.to_vec()).collect();
        assert_eq!(by_numbering, expected);

        let catalog = finished.catalog()?;
        assert_eq!(catalog.get(b"PageMode")?.as_name()?, b"UseOutlines");

        let intent = finished
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .find(|d| is_name(d.get(b"Type").ok(), b"OutputIntent"))
            .ok_or("no output intent")?;
        assert_eq!(lopdf::decode_text_string(intent.get(b"RegistryName")?)?, ICC_REGISTRY);
        assert_eq!(lopdf::decode_text_string(intent.get(b"OutputConditionIdentifier")?)?, SRGB_IDENTIFIER);

        let link = finished
            .objects
            .values()
            .filter_map(|o| o.as_dict().ok())
            .find(|d| is_name(d.get(b"Subtype").ok(), b"Link"))
            .ok_or("no link")?;
        assert_eq!(lopdf::decode_text_string(link.get(b"Contents")?)?, "”Rubrik” sida 4");
        Ok(())
    }

    #[test]
    fn without_bookmarks_the_page_mode_is_left_alone() -> Result<(), Box<dyn std::error::Error>> {
        let mut doc = Document::load_mem(&sample()?)?;
        doc.catalog_mut()?.remove(b"Outlines");
        let mut bytes = Vec::new();
        doc.save_to(&mut bytes)?;
        let finished = Document::load_mem(&finish(&bytes)?)?;
        assert!(!finished.catalog()?.has(b"PageMode"));
        Ok(())
    }

    #[test]
    fn what_is_not_a_pdf_is_an_error() {
        assert!(finish(b"not a pdf").is_err());
    }
}
