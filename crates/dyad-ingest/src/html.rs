//! HTML: the main article text of a page, one document per file.
//!
//! The page is parsed with `scraper` (html5ever). Scripts, styles,
//! navigation, headers, footers, asides, forms, iframes, buttons and
//! elements whose class, id or role look like site furniture (share bars,
//! comments, related links, newsletters, adverts, cookie banners, menus,
//! sidebars …) are dropped. The main content is `[itemprop=articleBody]`,
//! else the `<article>` with the most paragraph text, else `<main>`, else the
//! element whose paragraphs hold the most text (a simple readability
//! score). Its paragraphs, headings and list items form the body;
//! `<figcaption>`s and caption-classed elements become caption blocks (and
//! credit-classed parts of them credit blocks), never body text.
//!
//! Metadata: the title from `og:title`, `<h1>` or `<title>` (without a
//! " | Site Name" suffix); the date from `article:published_time` and the
//! other usual meta tags, JSON-LD `datePublished` or a `<time datetime>` in
//! the article; the URL from the canonical link or `og:url`.

use std::collections::HashMap;

use dyad_core::{BlockKind, Date, DocError, Document, DocumentBuilder, Meta, Origin};
use scraper::{ElementRef, Html, Node, Selector};

use crate::layout::{RawBlock, assemble, is_trailing_boilerplate, is_widget_line};
use crate::source::{ReadAllError, Source, read_all_capped, too_large_message};
use crate::walk::Items;
use crate::{MAX_DOCUMENT_BYTES, decode};

/// Reads one HTML page from `source`.
pub(crate) fn read(source: Source) -> Items {
    Box::new(std::iter::once_with(move || read_one(source)))
}

fn read_one(mut source: Source) -> Result<Document, DocError> {
    let bytes = match read_all_capped(&mut source.reader, MAX_DOCUMENT_BYTES) {
        Ok(bytes) => bytes,
        Err(ReadAllError::Io(err)) => return Err(source.io_error(&err, None)),
        Err(ReadAllError::TooLarge) => {
            return Err(source.error(None, too_large_message(MAX_DOCUMENT_BYTES)));
        }
    };
    let (text, warning) = decode_html(&bytes);
    if raw_nesting_depth(&text) > MAX_RAW_DEPTH {
        // html5ever's tree building is quadratic in the nesting depth.
        return Err(source
            .error(None, too_deep_message())
            .with_doc_id(source.stem.clone()));
    }
    let meta = Meta {
        id: source.stem.clone(),
        origin: Origin {
            path: source.path.clone(),
            line: None,
        },
        ..Meta::default()
    };
    match document_from_html(&text, meta) {
        Ok(mut doc) => {
            if let Some(warning) = warning {
                doc.warnings.push(warning);
            }
            Ok(doc)
        }
        Err(message) => Err(source.error(None, message).with_doc_id(source.stem.clone())),
    }
}

/// The deepest element nesting read; a page nested deeper yields an error
/// record. Browsers stop nesting at about this depth too (Blink's parser at
/// 512), so no real article is lost, and every walk below stays shallow
/// and linear.
const MAX_HTML_DEPTH: usize = 512;

/// The limit on [`raw_nesting_depth`], an over-estimate of the parsed
/// depth (it cannot tell every implicitly closed element), checked before
/// parsing.
const MAX_RAW_DEPTH: usize = 8 * MAX_HTML_DEPTH;

fn too_deep_message() -> String {
    format!("html nested deeper than {MAX_HTML_DEPTH} elements; not read")
}

/// Elements that never hold others, or whose end tag is optional (a new
/// one closes the open one), or which do not nest in each other: they are
/// not counted by [`raw_nesting_depth`].
const FLAT_TAGS: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
    "track", "wbr", "keygen", "p", "li", "dt", "dd", "tr", "td", "th", "tbody", "thead", "tfoot",
    "colgroup", "caption", "option", "optgroup", "rb", "rt", "rp", "rtc", "a", "h1", "h2", "h3",
    "h4", "h5", "h6", "button", "nobr", "form", "html", "head", "body",
];

/// Elements whose content is raw text, skipped to their end tag.
const RAW_TEXT_TAGS: &[&str] = &[
    "script", "style", "textarea", "title", "xmp", "iframe", "noembed", "noframes",
];

/// An estimate of how deeply the elements of `html` nest, from its tags
/// alone (start tags minus end tags, leaving out void and optional-end
/// elements, comments and raw text), in one linear pass.
fn raw_nesting_depth(html: &str) -> usize {
    let html = html.to_ascii_lowercase();
    let html = html.as_str();
    let bytes = html.as_bytes();
    let (mut depth, mut deepest) = (0usize, 0usize);
    let mut at = 0;
    let skip_past = |from: usize, needle: &str| {
        html.get(from..)
            .and_then(|rest| rest.find(needle))
            .map_or(bytes.len(), |i| from + i + needle.len())
    };
    while let Some(i) = html.get(at..).and_then(|rest| rest.find('<')) {
        at += i + 1;
        if html[at..].starts_with("!--") {
            at = skip_past(at, "-->");
            continue;
        }
        let closing = bytes.get(at) == Some(&b'/');
        let name_start = at + usize::from(closing);
        let name_len = bytes[name_start.min(bytes.len())..]
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b':'))
            .count();
        if name_len == 0 || !bytes[name_start].is_ascii_alphabetic() {
            continue;
        }
        let name = &html[name_start..name_start + name_len];
        let tag_end = skip_past(name_start, ">");
        let self_closing = html[name_start..tag_end].ends_with("/>");
        at = tag_end;
        if FLAT_TAGS.contains(&name) || self_closing {
            continue;
        }
        if closing {
            depth = depth.saturating_sub(1);
        } else if RAW_TEXT_TAGS.contains(&name) {
            at = skip_past(at, &format!("</{name}"));
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    deepest
}

/// The depth of the deepest node of `page`, found without recursion.
fn tree_depth(page: &Html) -> usize {
    let root = page.tree.root();
    let mut node = root;
    let (mut depth, mut deepest) = (0usize, 0usize);
    loop {
        if let Some(child) = node.first_child() {
            node = child;
            depth += 1;
            deepest = deepest.max(depth);
            continue;
        }
        loop {
            if node.id() == root.id() {
                return deepest;
            }
            if let Some(sibling) = node.next_sibling() {
                node = sibling;
                break;
            }
            match node.parent() {
                Some(parent) => {
                    node = parent;
                    depth -= 1;
                }
                None => return deepest,
            }
        }
    }
}

/// Decodes a page: UTF-8 when valid, else the charset its `<meta>` declares,
/// else the shared policy.
fn decode_html(bytes: &[u8]) -> (String, Option<String>) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        let text = text.strip_prefix('\u{feff}').unwrap_or(text);
        return (text.to_string(), None);
    }
    let head = &bytes[..bytes.len().min(2048)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    if let Some(at) = head.find("charset=") {
        let label: String = head[at + 8..]
            .trim_start_matches(['"', '\''])
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_'))
            .collect();
        if let Some(encoding) = encoding_rs::Encoding::for_label(label.as_bytes())
            && encoding != encoding_rs::UTF_8
        {
            let (text, _) = encoding.decode_without_bom_handling(bytes);
            return (text.into_owned(), None);
        }
    }
    let (text, warning) = decode::decode(bytes);
    (text.into_owned(), warning.map(str::to_string))
}

fn selector(css: &str) -> Option<Selector> {
    Selector::parse(css).ok()
}

/// Extracts the article of an HTML page; the error record's message when
/// it has no text or is nested too deeply to read.
pub(crate) fn document_from_html(html: &str, mut meta: Meta) -> Result<Document, String> {
    let page = Html::parse_document(html);
    if tree_depth(&page) > MAX_HTML_DEPTH {
        return Err(too_deep_message());
    }
    let metas = meta_tags(&page);
    let main = main_content(&page);
    let title = find_title(&page, &metas);
    let date_text = find_date(&page, &metas, main);
    meta.date = date_text.as_deref().and_then(Date::parse);
    meta.date_text = date_text;
    meta.url = find_url(&page, &metas);
    meta.title = title.clone();

    let mut keep = Vec::new();
    let mut node = main;
    while let Some(element) = node {
        keep.push(element);
        node = element.parent().and_then(ElementRef::wrap);
    }
    let mut walker = Walker {
        keep,
        title: title.as_deref().map(normalise),
        blocks: Vec::new(),
        paragraph: String::new(),
    };
    match main {
        Some(main) => walker.walk(main),
        None => {
            let root = page.root_element();
            walker.walk(root);
        }
    }
    walker.flush();
    let mut blocks = walker.blocks;
    // Trailing boilerplate paragraphs, and widget lines anywhere.
    while blocks
        .last()
        .is_some_and(|(kind, text)| *kind == BlockKind::Body && is_trailing_boilerplate(text))
    {
        blocks.pop();
    }
    blocks.retain(|(kind, text)| *kind != BlockKind::Body || !is_widget_line(text));

    let mut builder = DocumentBuilder::with_meta(meta);
    if let Some(title) = &title {
        builder.push_block(BlockKind::Title, title);
    }
    assemble(&mut builder, blocks);
    if builder.is_empty() {
        return Err("empty document".to_string());
    }
    Ok(builder.finish())
}

/// `<meta>` contents by lower-cased `property`, `name` or `itemprop`.
fn meta_tags(page: &Html) -> HashMap<String, String> {
    let mut metas = HashMap::new();
    let Some(meta) = selector("meta") else {
        return metas;
    };
    for element in page.select(&meta) {
        let Some(content) = element.attr("content") else {
            continue;
        };
        for key in ["property", "name", "itemprop"] {
            if let Some(name) = element.attr(key) {
                metas
                    .entry(name.trim().to_ascii_lowercase())
                    .or_insert_with(|| content.trim().to_string());
            }
        }
    }
    metas
}

fn find_title(page: &Html, metas: &HashMap<String, String>) -> Option<String> {
    let from_meta = ["og:title", "twitter:title"]
        .iter()
        .find_map(|key| metas.get(*key).filter(|t| !t.is_empty()).cloned());
    let first_text = |css: &str| {
        let selector = selector(css)?;
        let element = page.select(&selector).next()?;
        let text = normalise(&element.text().collect::<String>());
        (!text.is_empty()).then_some(text)
    };
    let title = from_meta
        .or_else(|| first_text("h1"))
        .or_else(|| first_text("title"))?;
    Some(strip_site_name(&decode::decode_entities(&title)))
}

/// "Headline | Site Name" → "Headline" (also ` - `, ` – `, ` — `), when the
/// last part is short.
fn strip_site_name(title: &str) -> String {
    let title = normalise(title);
    for separator in [" | ", " - ", " – ", " — ", " :: "] {
        if let Some((head, site)) = title.rsplit_once(separator)
            && site.chars().count() <= 40
            && head.chars().count() > site.chars().count()
        {
            return head.trim().to_string();
        }
    }
    title
}

const DATE_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "date",
    "pubdate",
    "publishdate",
    "dc.date.issued",
    "dc.date",
    "sailthru.date",
    "parsely-pub-date",
];

fn find_date(
    page: &Html,
    metas: &HashMap<String, String>,
    main: Option<ElementRef<'_>>,
) -> Option<String> {
    if let Some(date) = DATE_KEYS
        .iter()
        .find_map(|key| metas.get(*key).filter(|d| !d.is_empty()))
    {
        return Some(date.clone());
    }
    if let Some(scripts) = selector(r#"script[type="application/ld+json"]"#) {
        for script in page.select(&scripts) {
            let json: String = script.text().collect();
            if let Ok(value) = serde_json::from_str::<serde_json::Value>(&json)
                && let Some(date) = json_ld_date(&value, 0)
            {
                return Some(date);
            }
        }
    }
    let time = selector("time[datetime]")?;
    let from = |element: ElementRef<'_>| {
        element
            .select(&time)
            .find_map(|t| t.attr("datetime").map(str::trim).filter(|d| !d.is_empty()))
            .map(str::to_string)
    };
    main.and_then(from).or_else(|| from(page.root_element()))
}

/// The first `datePublished` in a JSON-LD value (objects, arrays, `@graph`).
fn json_ld_date(value: &serde_json::Value, depth: usize) -> Option<String> {
    if depth > 8 {
        return None;
    }
    match value {
        serde_json::Value::Object(object) => {
            if let Some(date) = object.get("datePublished").and_then(|d| d.as_str()) {
                return Some(date.trim().to_string());
            }
            object.values().find_map(|v| json_ld_date(v, depth + 1))
        }
        serde_json::Value::Array(items) => items.iter().find_map(|v| json_ld_date(v, depth + 1)),
        _ => None,
    }
}

fn find_url(page: &Html, metas: &HashMap<String, String>) -> Option<String> {
    let canonical = selector(r#"link[rel="canonical"]"#).and_then(|s| {
        page.select(&s)
            .find_map(|l| l.attr("href").map(str::trim).filter(|h| !h.is_empty()))
            .map(str::to_string)
    });
    canonical.or_else(|| metas.get("og:url").filter(|u| !u.is_empty()).cloned())
}

/// The element holding the article text.
fn main_content(page: &Html) -> Option<ElementRef<'_>> {
    if let Some(body) = selector(r#"[itemprop="articleBody"]"#).and_then(|s| page.select(&s).next())
    {
        return Some(body);
    }
    if let Some(articles) = selector("article") {
        let best = page
            .select(&articles)
            .map(|a| (paragraph_text(a), a))
            .filter(|(len, _)| *len > 0)
            .max_by_key(|(len, _)| *len);
        if let Some((_, article)) = best {
            return Some(article);
        }
    }
    if let Some(main) = selector(r#"main, [role="main"]"#).and_then(|s| page.select(&s).next()) {
        return Some(main);
    }
    // Readability-style: paragraphs score their parent fully and their
    // grandparent half.
    let paragraphs = selector("p")?;
    let mut scores: HashMap<_, (usize, ElementRef<'_>)> = HashMap::new();
    for p in page.select(&paragraphs) {
        if has_dropped_ancestor(p) {
            continue;
        }
        let len = p.text().map(|t| t.trim().chars().count()).sum::<usize>();
        if len < 25 {
            continue;
        }
        let parent = p.parent().and_then(ElementRef::wrap);
        let grandparent = parent.and_then(|e| e.parent()).and_then(ElementRef::wrap);
        if let Some(parent) = parent {
            scores.entry(parent.id()).or_insert((0, parent)).0 += len * 2;
        }
        if let Some(grandparent) = grandparent {
            scores.entry(grandparent.id()).or_insert((0, grandparent)).0 += len;
        }
    }
    scores
        .into_values()
        .max_by_key(|(score, element)| (*score, std::cmp::Reverse(element.id())))
        .map(|(_, element)| element)
}

fn has_dropped_ancestor(element: ElementRef<'_>) -> bool {
    let mut node = Some(element);
    while let Some(e) = node {
        if is_dropped(e) {
            return true;
        }
        node = e.parent().and_then(ElementRef::wrap);
    }
    false
}

/// Text length of the paragraphs inside `element`.
fn paragraph_text(element: ElementRef<'_>) -> usize {
    let Some(p) = selector("p") else {
        return 0;
    };
    element
        .select(&p)
        .filter(|p| !has_dropped_ancestor(*p))
        .map(|p| p.text().map(|t| t.trim().len()).sum::<usize>())
        .sum()
}

const DROPPED_TAGS: &[&str] = &[
    "script", "style", "noscript", "nav", "header", "footer", "aside", "form", "iframe", "svg",
    "button", "template", "select", "input", "textarea", "object", "embed", "canvas", "dialog",
    "menu", "head", "video", "audio", "img", "picture",
];

/// Words in class or id that mark site furniture.
const BOILERPLATE_WORDS: &[&str] = &[
    "share",
    "sharing",
    "social",
    "comment",
    "comments",
    "related",
    "newsletter",
    "subscribe",
    "subscription",
    "promo",
    "advert",
    "advertisement",
    "ad",
    "ads",
    "adslot",
    "sponsor",
    "sponsored",
    "cookie",
    "cookies",
    "consent",
    "breadcrumb",
    "breadcrumbs",
    "menu",
    "nav",
    "navbar",
    "navigation",
    "footer",
    "sidebar",
    "widget",
    "popup",
    "modal",
    "outbrain",
    "taboola",
    "recirc",
    "recommended",
    "popular",
    "toolbar",
    "masthead",
    "signup",
    "paywall",
    "banner",
    "tags",
    "skip",
    "byline",
    "author",
];

/// Prefixes of class or id words that mark site furniture ("shareBar").
const BOILERPLATE_PREFIXES: &[&str] = &[
    "share",
    "social",
    "newsletter",
    "subscri",
    "advert",
    "cookie",
    "breadcrumb",
    "sidebar",
    "promo",
    "related",
];

const DROPPED_ROLES: &[&str] = &[
    "navigation",
    "banner",
    "complementary",
    "contentinfo",
    "search",
    "dialog",
    "alertdialog",
    "menu",
    "menubar",
    "toolbar",
];

/// Whether `element` (and all it holds) is site furniture.
fn is_dropped(element: ElementRef<'_>) -> bool {
    let value = element.value();
    let name = value.name();
    if DROPPED_TAGS.contains(&name) {
        return true;
    }
    if matches!(name, "html" | "body" | "main" | "article") || is_caption(element) {
        return false;
    }
    if value.attr("hidden").is_some()
        || value.attr("aria-hidden") == Some("true")
        || value.attr("style").is_some_and(|s| {
            s.replace(' ', "")
                .to_ascii_lowercase()
                .contains("display:none")
        })
    {
        return true;
    }
    if value.attr("itemprop") == Some("articleBody") {
        return false;
    }
    if value
        .attr("role")
        .is_some_and(|r| DROPPED_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
    {
        return true;
    }
    let names = value.attr("class").into_iter().chain(value.attr("id"));
    names.flat_map(str::split_whitespace).any(|class| {
        let class = class.to_ascii_lowercase();
        class
            .split(['-', '_'])
            .any(|word| BOILERPLATE_WORDS.contains(&word))
            || BOILERPLATE_PREFIXES
                .iter()
                .any(|p| class.starts_with(p) && !class.starts_with("commentary"))
    })
}

fn class_words(element: ElementRef<'_>) -> impl Iterator<Item = String> + '_ {
    element
        .value()
        .attr("class")
        .into_iter()
        .flat_map(str::split_whitespace)
        .flat_map(|c| c.split(['-', '_']))
        .map(str::to_ascii_lowercase)
}

fn is_caption(element: ElementRef<'_>) -> bool {
    element.value().name() == "figcaption"
        || class_words(element).any(|w| matches!(w.as_str(), "caption" | "figcaption"))
}

fn is_credit(element: ElementRef<'_>) -> bool {
    class_words(element).any(|w| matches!(w.as_str(), "credit" | "copyright" | "source"))
}

const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "section",
    "article",
    "main",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "table",
    "tr",
    "td",
    "th",
    "dl",
    "dt",
    "dd",
    "figure",
    "address",
    "hr",
    "center",
    "body",
    "html",
    "br",
];

/// Collects blocks from the main content, in document order.
struct Walker<'a> {
    /// Elements never dropped (the main content and its ancestors).
    keep: Vec<ElementRef<'a>>,
    /// The normalised title, to skip an `<h1>` repeating it.
    title: Option<String>,
    blocks: Vec<RawBlock>,
    paragraph: String,
}

impl<'a> Walker<'a> {
    fn flush(&mut self) {
        let text = self.paragraph.trim();
        if !text.is_empty() {
            self.blocks.push((BlockKind::Body, text.to_string()));
        }
        self.paragraph.clear();
    }

    fn walk(&mut self, element: ElementRef<'a>) {
        let name = element.value().name();
        if !self.keep.iter().any(|k| k.id() == element.id()) && is_dropped(element) {
            return;
        }
        if is_caption(element) {
            self.flush();
            let mut caption = String::new();
            let mut credit = String::new();
            collect_caption(element, &mut caption, &mut credit);
            let caption = normalise(&caption);
            let credit = normalise(&credit);
            if !caption.is_empty() {
                self.blocks.push((BlockKind::Caption, caption));
            }
            if !credit.is_empty() {
                self.blocks.push((BlockKind::Credit, credit));
            }
            return;
        }
        if name == "br" {
            self.paragraph.push('\n');
            return;
        }
        let block = BLOCK_TAGS.contains(&name);
        if block {
            self.flush();
        }
        if name == "h1"
            && let Some(title) = &self.title
            && normalise(&element.text().collect::<String>()) == *title
        {
            return;
        }
        for child in element.children() {
            match child.value() {
                Node::Text(text) => push_collapsed(&mut self.paragraph, text),
                Node::Element(_) => {
                    if let Some(child) = ElementRef::wrap(child) {
                        self.walk(child);
                    }
                }
                _ => {}
            }
        }
        if block {
            self.flush();
        }
    }
}

/// Caption text, with credit-classed parts collected apart.
fn collect_caption(element: ElementRef<'_>, caption: &mut String, credit: &mut String) {
    for child in element.children() {
        match child.value() {
            Node::Text(text) => push_collapsed(caption, text),
            Node::Element(_) => {
                if let Some(child) = ElementRef::wrap(child) {
                    if DROPPED_TAGS.contains(&child.value().name()) {
                        continue;
                    }
                    if is_credit(child) {
                        credit.push(' ');
                        for text in child.text() {
                            push_collapsed(credit, text);
                        }
                    } else {
                        caption.push(' ');
                        collect_caption(child, caption, credit);
                    }
                }
            }
            _ => {}
        }
    }
}

/// Appends `text` with whitespace runs collapsed to one space.
fn push_collapsed(out: &mut String, text: &str) {
    let mut space = text.starts_with(char::is_whitespace);
    for word in text.split_whitespace() {
        if space && !out.is_empty() && !out.ends_with([' ', '\n']) {
            out.push(' ');
        }
        out.push_str(word);
        space = true;
    }
    if text.ends_with(char::is_whitespace) && !out.is_empty() && !out.ends_with([' ', '\n']) {
        out.push(' ');
    }
}

fn normalise(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn raw_depth_leaves_out_void_optional_end_and_raw_text() {
        let page = "<!DOCTYPE html><html><head><meta charset=utf-8><script>if (a<b) {}</script>\
            </head><body><div class=x><p>one<p>two<br><img src=a.png/><ul><li>a<li>b</ul>\
            <!-- <div><div><div> --><SPAN>s</SPAN></div></body></html>";
        assert_eq!(raw_nesting_depth(page), 2);
        assert_eq!(raw_nesting_depth(&"<div>".repeat(100)), 100);
        assert_eq!(raw_nesting_depth(&"<div></div>".repeat(100)), 1);
        assert_eq!(raw_nesting_depth("<SCRIPT>x</SCRIPT><div><div>"), 2);
        assert_eq!(raw_nesting_depth("a < b and <3 <"), 0);
    }

    #[test]
    fn tree_depth_counts_the_deepest_node() {
        let page =
            Html::parse_document("<html><body><div><span>x</span></div><p>y</p></body></html>");
        // document > html > body > div > span > text
        assert_eq!(tree_depth(&page), 5);
    }
}
