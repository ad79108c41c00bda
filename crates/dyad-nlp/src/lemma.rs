//! Lemmatiser: an exception lexicon of `(form, tag) → lemma` learned from
//! the training data, backed for unseen forms by suffix rules ("strip `ies`,
//! append `y`") chosen by an averaged perceptron among the rules that apply.

use std::collections::HashMap;

use crate::codec::{Decoder, Encoder};
use crate::perceptron::{Trainer, Weights, feat, hash_str};
use crate::{Error, Labels};

/// A suffix rewrite, optionally after lowercasing the form.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
struct Rule {
    lower: bool,
    strip: String,
    append: String,
}

impl Rule {
    fn derive(form: &str, lemma: &str) -> Rule {
        let mut best: Option<Rule> = None;
        for lower in [false, true] {
            let f = if lower {
                form.to_lowercase()
            } else {
                form.to_string()
            };
            let prefix: usize = f
                .chars()
                .zip(lemma.chars())
                .take_while(|(a, b)| a == b)
                .map(|(a, _)| a.len_utf8())
                .sum();
            let rule = Rule {
                lower,
                strip: f[prefix..].to_string(),
                append: lemma[prefix..].to_string(),
            };
            if best
                .as_ref()
                .is_none_or(|b| rule.strip.len() < b.strip.len())
            {
                best = Some(rule);
            }
        }
        best.unwrap_or(Rule {
            lower: false,
            strip: String::new(),
            append: String::new(),
        })
    }

    fn name(&self) -> String {
        format!("{}\t{}\t{}", u8::from(self.lower), self.strip, self.append)
    }

    fn parse(name: &str) -> Option<Rule> {
        let mut parts = name.split('\t');
        let lower = parts.next()? == "1";
        let strip = parts.next()?.to_string();
        let append = parts.next()?.to_string();
        Some(Rule {
            lower,
            strip,
            append,
        })
    }

    fn apply(&self, form: &str) -> Option<String> {
        let f = if self.lower {
            form.to_lowercase()
        } else {
            form.to_string()
        };
        let stem = f.strip_suffix(self.strip.as_str())?;
        if stem.is_empty() && !self.strip.is_empty() {
            return None;
        }
        Some(format!("{stem}{}", self.append))
    }
}

/// The trained lemmatiser.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lemmatizer {
    /// Form → (tag class, lemma) pairs, most frequent first.
    lexicon: HashMap<String, Vec<(u16, String)>>,
    rule_names: Labels,
    rules: Vec<Rule>,
    /// Rule ids by stripped suffix.
    by_strip: HashMap<String, Vec<u16>>,
    max_strip: usize,
    /// (rule, tag class) pairs the lexicon shows: the rules a tag's words
    /// were seen to take. An unseen form takes one of those for its tag
    /// where any applies, so a verb is not lemmatised by a pronoun's rule
    /// ("welcome" → "welcoI" by "me" → "I").
    rule_tags: std::collections::HashSet<(u16, u16)>,
    /// Every lemma of the lexicon: a rule that gives one of these beats
    /// one that gives a word never seen ("risen" → "rise", not "riose").
    known_lemmas: std::collections::HashSet<String>,
    pub(crate) weights: Weights,
}

fn features(form: &str, tag: u16, out: &mut Vec<u64>) {
    out.clear();
    let lower = form.to_lowercase();
    let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
    let t = u64::from(tag);
    out.push(feat(200, t, 0));
    for k in 1..=5.min(bounds.len()) {
        let s = hash_str(&lower[bounds[bounds.len() - k]..]);
        out.push(feat(200 + k as u64, t, s));
        out.push(feat(210 + k as u64, s, 0));
    }
    let upper = form.chars().next().is_some_and(char::is_uppercase);
    out.push(feat(220, t, u64::from(upper)));
}

impl Lemmatizer {
    fn candidates(&self, form: &str, out: &mut Vec<u16>) {
        out.clear();
        let lower = form.to_lowercase();
        for (is_lower, f) in [(false, form), (true, lower.as_str())] {
            let mut starts = f.char_indices().rev().map(|(i, _)| i);
            for k in 0..=self.max_strip {
                let start = if k == 0 {
                    f.len()
                } else {
                    match starts.next() {
                        Some(i) => i,
                        None => break,
                    }
                };
                if let Some(ids) = self.by_strip.get(&f[start..]) {
                    for &id in ids {
                        let rule = &self.rules[id as usize];
                        if rule.lower == is_lower
                            && rule.apply(form).is_some()
                            && !out.contains(&id)
                        {
                            out.push(id);
                        }
                    }
                }
            }
        }
    }

    /// The lemma of `form` tagged with class `tag`.
    pub(crate) fn lemma(&self, form: &str, tag: u16) -> String {
        let known = |key: &str| {
            self.lexicon
                .get(key)
                .and_then(|entries| entries.iter().find(|(t, _)| *t == tag))
                .map(|(_, lemma)| lemma.clone())
        };
        if let Some(lemma) = known(form) {
            return lemma;
        }
        if form.chars().any(char::is_uppercase)
            && let Some(lemma) = known(&form.to_lowercase())
        {
            return lemma;
        }
        let mut cands = Vec::new();
        self.candidates(form, &mut cands);
        if cands.iter().any(|&c| self.rule_tags.contains(&(c, tag))) {
            cands.retain(|&c| self.rule_tags.contains(&(c, tag)));
        }
        // no rule that writes more than a short ending, or anything but
        // letters ("Beijing" → "BeijingLeigh@ECT")
        cands.retain(|&c| {
            let append = &self.rules[c as usize].append;
            append.chars().count() <= 4 && append.chars().all(char::is_alphabetic)
        });
        let known = |c: &u16| {
            self.rules[*c as usize]
                .apply(form)
                .is_some_and(|l| self.known_lemmas.contains(&l))
        };
        // (not for capitalised forms: names keep their own spelling)
        if !form.chars().next().is_some_and(char::is_uppercase) && cands.iter().any(known) {
            cands.retain(known);
        }
        if cands.is_empty() {
            return form.to_string();
        }
        let mut buf = Vec::new();
        features(form, tag, &mut buf);
        let mut scores = vec![0.0f32; self.rules.len()];
        self.weights.score(&buf, &mut scores);
        let mut best = cands[0];
        for &c in &cands {
            if scores[c as usize] > scores[best as usize] {
                best = c;
            }
        }
        self.rules[best as usize]
            .apply(form)
            .unwrap_or_else(|| form.to_string())
    }

    /// Trains on `(form, tag class, lemma)` triples.
    pub(crate) fn train(data: &[(String, u16, String)], epochs: usize, seed: u64) -> Lemmatizer {
        let mut counts: HashMap<String, HashMap<(u16, String), u32>> = HashMap::new();
        let mut rule_counts: HashMap<Rule, u32> = HashMap::new();
        for (form, tag, lemma) in data {
            *counts
                .entry(form.clone())
                .or_default()
                .entry((*tag, lemma.clone()))
                .or_default() += 1;
            *rule_counts.entry(Rule::derive(form, lemma)).or_default() += 1;
        }
        let mut lexicon = HashMap::new();
        for (form, dist) in counts {
            let mut by_tag: HashMap<u16, (u32, String)> = HashMap::new();
            let mut items: Vec<_> = dist.into_iter().collect();
            items.sort();
            for ((tag, lemma), n) in items {
                let e = by_tag.entry(tag).or_insert((0, String::new()));
                if n > e.0 {
                    *e = (n, lemma);
                }
            }
            let mut entries: Vec<(u16, String)> =
                by_tag.into_iter().map(|(t, (_, l))| (t, l)).collect();
            entries.sort();
            lexicon.insert(form, entries);
        }
        let mut rules: Vec<(Rule, u32)> =
            rule_counts.into_iter().filter(|(_, n)| *n >= 2).collect();
        rules.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.name().cmp(&b.0.name())));
        let rules: Vec<Rule> = rules.into_iter().map(|(r, _)| r).collect();
        let rule_names = Labels::from_names(rules.iter().map(Rule::name).collect());
        let mut lem = Lemmatizer {
            lexicon,
            rule_names,
            ..Lemmatizer::default()
        };
        lem.set_rules(rules);
        let ids: HashMap<Rule, u16> = lem
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r.clone(), i as u16))
            .collect();
        let mut trainer = Trainer::new(lem.rules.len().max(1));
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut rng = crate::Rng::new(seed);
        let (mut buf, mut cands) = (Vec::new(), Vec::new());
        let mut scores = vec![0.0f32; lem.rules.len().max(1)];
        for _ in 0..epochs {
            rng.shuffle(&mut order);
            for &i in &order {
                let (form, tag, lemma) = &data[i];
                let Some(&gold) = ids.get(&Rule::derive(form, lemma)) else {
                    continue;
                };
                lem.candidates(form, &mut cands);
                if cands.len() < 2 {
                    continue;
                }
                features(form, *tag, &mut buf);
                scores.fill(0.0);
                trainer.score(&buf, &mut scores);
                let mut guess = cands[0];
                for &c in &cands {
                    if scores[c as usize] > scores[guess as usize] {
                        guess = c;
                    }
                }
                trainer.update(&buf, gold as usize, guess as usize, 1.0);
                trainer.tick();
            }
        }
        lem.weights = trainer.freeze(1e-3, 1);
        lem
    }

    fn set_rules(&mut self, rules: Vec<Rule>) {
        self.by_strip.clear();
        self.max_strip = 0;
        for (i, r) in rules.iter().enumerate() {
            self.by_strip
                .entry(r.strip.clone())
                .or_default()
                .push(i as u16);
            self.max_strip = self.max_strip.max(r.strip.chars().count());
        }
        let ids: HashMap<&Rule, u16> = rules
            .iter()
            .enumerate()
            .map(|(i, r)| (r, i as u16))
            .collect();
        self.known_lemmas = self
            .lexicon
            .values()
            .flatten()
            .map(|(_, lemma)| lemma.clone())
            .collect();
        self.rule_tags = self
            .lexicon
            .iter()
            .flat_map(|(form, entries)| {
                entries.iter().filter_map(|(tag, lemma)| {
                    ids.get(&Rule::derive(form, lemma)).map(|&id| (id, *tag))
                })
            })
            .collect();
        self.rules = rules;
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        let mut forms: Vec<&String> = self.lexicon.keys().collect();
        forms.sort();
        out.u32(forms.len() as u32);
        for form in forms {
            out.str(form);
            let entries = &self.lexicon[form];
            out.u32(entries.len() as u32);
            for (tag, lemma) in entries {
                out.u32(u32::from(*tag));
                out.str(lemma);
            }
        }
        self.rule_names.encode(out);
        self.weights.encode(out);
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Lemmatizer, Error> {
        let n = input.u32()? as usize;
        let mut lexicon = HashMap::with_capacity(n.min(1 << 20));
        for _ in 0..n {
            let form = input.str()?;
            let m = input.u32()? as usize;
            let mut entries = Vec::with_capacity(m.min(64));
            for _ in 0..m {
                let tag = input.u32()? as u16;
                entries.push((tag, input.str()?));
            }
            lexicon.insert(form, entries);
        }
        let rule_names = Labels::decode(input)?;
        let rules = rule_names
            .names()
            .iter()
            .map(|n| Rule::parse(n).ok_or_else(|| Error::corrupt("bad lemma rule")))
            .collect::<Result<Vec<_>, _>>()?;
        let weights = Weights::decode(input)?;
        if weights.n_classes() < rules.len() {
            return Err(Error::corrupt("lemma weights disagree with the rules"));
        }
        let mut lem = Lemmatizer {
            lexicon,
            rule_names,
            weights,
            ..Lemmatizer::default()
        };
        lem.set_rules(rules);
        Ok(lem)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rules_round_trip() {
        let r = Rule::derive("studies", "study");
        assert_eq!(r.strip, "ies");
        assert_eq!(r.append, "y");
        assert_eq!(r.apply("flies").as_deref(), Some("fly"));
        let r = Rule::derive("The", "the");
        assert!(r.lower && r.strip.is_empty());
        assert_eq!(Rule::parse(&r.name()), Some(r));
    }
}
