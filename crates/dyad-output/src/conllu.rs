//! CoNLL-U output of documents.

use dyad_core::{Document, Sentence};

use crate::OutputError;

/// Appends `doc` as CoNLL-U to `out`: one `# newdoc`, then each sentence
/// with `# sent_id` and `# text`, multiword-token lines for clitic groups,
/// and `SpaceAfter=No` where no space follows. Columns the pipeline has not
/// filled yet are `_`.
pub fn write_document_conllu(doc: &Document, out: &mut Vec<u8>) -> Result<(), OutputError> {
    for (index, sentence) in doc.sentences.iter().enumerate() {
        let mut conllu = to_conllu(doc, sentence);
        conllu.comments.clear();
        if index == 0 {
            conllu.comments.push(format!("newdoc id = {}", doc.meta.id));
        }
        conllu
            .comments
            .push(format!("sent_id = {}-{}", doc.meta.id, index + 1));
        conllu.comments.push(format!(
            "text = {}",
            doc.slice(sentence.span).replace('\n', " ")
        ));
        dyad_conllu::write_sentence(out, &conllu)?;
    }
    Ok(())
}

/// The CoNLL-U view of one sentence (surface tokens and words).
fn to_conllu(doc: &Document, sentence: &Sentence) -> dyad_conllu::Sentence {
    let tokens = &sentence.tokens;
    let mut conllu = dyad_conllu::Sentence::default();
    // SpaceAfter=No inside the sentence where the next char is not a space.
    let no_space = |end: u32| {
        let glued = end < sentence.span.byte_end
            && doc
                .text
                .get(end as usize..)
                .and_then(|rest| rest.chars().next())
                .is_some_and(|c| !c.is_whitespace());
        if glued {
            "SpaceAfter=No".to_string()
        } else {
            String::new()
        }
    };
    let mut i = 0;
    while i < tokens.len() {
        let mut j = i + 1;
        while j < tokens.len() && tokens[j].joined {
            j += 1;
        }
        let group_end = tokens[j - 1].span.byte_end;
        if j - i > 1 {
            conllu.multiword_tokens.push(dyad_conllu::MultiwordToken {
                first: i as u32 + 1,
                last: j as u32,
                form: doc
                    .text
                    .get(tokens[i].span.byte_start as usize..group_end as usize)
                    .unwrap_or_default()
                    .to_string(),
                misc: no_space(group_end),
            });
        }
        for (k, token) in tokens.iter().enumerate().take(j).skip(i) {
            let analysis = sentence.analysis.get(k);
            let field = |f: fn(&dyad_core::Analysis) -> &str| {
                analysis.map(|a| f(a).to_string()).unwrap_or_default()
            };
            conllu.words.push(dyad_conllu::Word {
                id: k as u32 + 1,
                form: token.form(&doc.text).replace(char::is_whitespace, "_"),
                lemma: field(|a| &a.lemma),
                upos: field(|a| &a.upos),
                xpos: field(|a| &a.xpos),
                feats: field(|a| &a.feats),
                head: analysis.map(|a| a.head),
                deprel: field(|a| &a.deprel),
                misc: if j - i > 1 {
                    String::new()
                } else {
                    no_space(token.span.byte_end)
                },
                ..dyad_conllu::Word::default()
            });
        }
        i = j;
    }
    conllu
}

#[cfg(test)]
#[allow(clippy::unwrap_used)]
mod tests {
    use super::*;
    use crate::document::tests::doc;

    #[test]
    fn conllu_has_multiword_tokens_and_space_after() {
        let mut out = Vec::new();
        write_document_conllu(&doc(), &mut out).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(
            text.starts_with(
                "# newdoc id = d1\n# sent_id = d1-1\n# text = Iran’s move\n1-2\tIran’s\t"
            ),
            "{text}"
        );
        assert!(
            text.contains("2-3\tdon't\t_\t_\t_\t_\t_\t_\t_\t_\n2\tdo\t"),
            "{text}"
        );
        assert!(
            text.contains("4\tknow\t_\t_\t_\t_\t_\t_\t_\tSpaceAfter=No\n5\t.\t"),
            "{text}"
        );
        // It reads back as valid CoNLL-U with the same text.
        let sentences: Vec<_> = dyad_conllu::Reader::new(text.as_bytes())
            .collect::<Result<_, _>>()
            .unwrap();
        assert_eq!(sentences[1].raw_text(), "They don't know.");
    }
}
