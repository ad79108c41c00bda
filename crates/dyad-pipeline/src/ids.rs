//! Document ids made unique across a run.

use std::collections::HashMap;

use dyad_core::{DocError, Document};

/// Wraps a document stream so that every document id is unique: a
/// document whose id was already seen (the same id in two JSONL lines,
/// `a/story.txt` and `b/story.txt` read with the same name) gets the id
/// `ID~N` (N = 2, 3, …; never one already taken) and a warning, so event
/// ids, which start with the document id, are unique too.
pub struct UniqueIds<I> {
    inner: I,
    seen: HashMap<String, u32>,
}

impl<I> UniqueIds<I> {
    /// Wraps `inner`.
    pub fn new(inner: I) -> UniqueIds<I> {
        UniqueIds {
            inner,
            seen: HashMap::new(),
        }
    }
}

impl<I> Iterator for UniqueIds<I>
where
    I: Iterator<Item = Result<Document, DocError>>,
{
    type Item = Result<Document, DocError>;

    fn next(&mut self) -> Option<Self::Item> {
        let mut item = self.inner.next()?;
        if let Ok(doc) = &mut item {
            let Some(&count) = self.seen.get(&doc.meta.id) else {
                self.seen.insert(doc.meta.id.clone(), 1);
                return Some(item);
            };
            let original = doc.meta.id.clone();
            let mut n = count;
            let renamed = loop {
                n += 1;
                let candidate = format!("{original}~{n}");
                if !self.seen.contains_key(&candidate) {
                    break candidate;
                }
            };
            self.seen.insert(original.clone(), n);
            doc.warnings.push(format!(
                "duplicate document id {original:?}: renamed {renamed:?}"
            ));
            self.seen.insert(renamed.clone(), 1);
            doc.meta.id = renamed;
        }
        Some(item)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use dyad_core::DocumentBuilder;

    #[test]
    fn repeated_ids_are_renamed_with_a_warning_and_never_collide() {
        let ids = ["a", "b", "a", "a~2", "a", "b"];
        let docs = ids
            .iter()
            .map(|id| Ok(DocumentBuilder::new(*id).finish()))
            .chain([Err(DocError::file("x", "broken"))]);
        let out: Vec<_> = UniqueIds::new(docs).collect();
        let got: Vec<String> = out
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .map(|d| d.meta.id.clone())
            .collect();
        assert_eq!(got, ["a", "b", "a~2", "a~2~2", "a~3", "b~2"]);
        let warned = out
            .iter()
            .filter_map(|r| r.as_ref().ok())
            .filter(|d| !d.warnings.is_empty())
            .count();
        assert_eq!(warned, 4);
        assert!(out.last().is_some_and(Result::is_err));
    }
}
