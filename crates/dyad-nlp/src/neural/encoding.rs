//! The neural parser in the model file.

use std::collections::HashMap;

use super::*;
use crate::codec::{Decoder, Encoder};
use crate::{Error, Labels};

impl NeuralParser {
    pub(crate) fn encode(&self, out: &mut Encoder) {
        let c = &self.cfg;
        for x in [
            c.word_dim,
            c.tag_dim,
            c.hidden,
            c.arc_dim,
            c.label_dim,
            self.n_tags,
        ] {
            out.u32(x as u32);
        }
        self.labels.encode(out);
        let mut words: Vec<(u64, u32)> = self.words.iter().map(|(&w, &i)| (w, i)).collect();
        words.sort_unstable_by_key(|&(_, i)| i);
        out.u32(words.len() as u32);
        for (w, _) in &words {
            out.u64(*w);
        }
        out.u32s(&self.counts);
        for t in &self.t {
            out.f32s(t);
        }
    }

    /// Whether the network predicts tags ([`NeuralConfig::tags`]).
    pub(crate) fn tags(&self) -> bool {
        self.cfg.tags
    }

    /// Reads a parser written by [`NeuralParser::encode`]; `tags` says
    /// whether it has a tag classifier (recorded by the caller).
    pub(crate) fn decode(input: &mut Decoder<'_>, tags: bool) -> Result<NeuralParser, Error> {
        let mut dims = [0usize; 6];
        for d in &mut dims {
            *d = input.u32()? as usize;
            if *d > 4096 {
                return Err(Error::corrupt("neural parser dimension too large"));
            }
        }
        let cfg = NeuralConfig {
            word_dim: dims[0],
            tag_dim: dims[1],
            hidden: dims[2],
            arc_dim: dims[3],
            label_dim: dims[4],
            tags,
            ..NeuralConfig::default()
        };
        let n_tags = dims[5];
        let labels = Labels::decode(input)?;
        let n_words = input.u32()? as usize;
        if n_words > input.remaining() / 8 {
            return Err(Error::corrupt("word table longer than the file"));
        }
        let mut words = HashMap::with_capacity(n_words);
        for i in 0..n_words {
            words.insert(input.u64()?, i as u32 + 2);
        }
        let counts = input.u32s()?;
        if counts.len() != n_words + 2 {
            return Err(Error::corrupt("word counts do not match the word table"));
        }
        let shapes = Self::shapes(&cfg, counts.len(), n_tags, labels.len());
        let mut t = Vec::with_capacity(N_TENSORS);
        for (rows, cols) in shapes {
            let v = input.f32s()?;
            if v.len() != rows * cols {
                return Err(Error::corrupt("tensor of the wrong size"));
            }
            t.push(v);
        }
        Ok(NeuralParser::from_weights(
            cfg, words, counts, n_tags, labels, t,
        ))
    }
}
