//! Part-of-speech and morphology tagger: a greedy left-to-right averaged
//! perceptron predicting the joint UPOS+XPOS class of each word, then a
//! second perceptron choosing its FEATS among those seen with that class.

mod train;

use crate::codec::{Decoder, Encoder};
use crate::perceptron::{HashMap64, Weights, feat, hash_str, mix};
use crate::{Error, Labels};

/// Precomputed hashes of one word form.
#[derive(Clone, Debug)]
pub(crate) struct Tok {
    /// Lowercased form.
    pub(crate) lower: u64,
    /// Form as written.
    pub(crate) form: u64,
    suffix: [u64; 4],
    prefix: [u64; 3],
    shape: u64,
    flags: u64,
}

const PAD: u64 = 0x5AD_5AD;

impl Tok {
    /// Hash of the last three letters (lowercased); a fixed value for
    /// words of three letters or fewer.
    pub(crate) fn suffix3(&self) -> u64 {
        self.suffix[2]
    }

    /// Hash of the word's shape (`Xxxx`, `dd`, …).
    pub(crate) fn shape(&self) -> u64 {
        self.shape
    }

    pub(crate) fn new(form: &str) -> Tok {
        let lower = form.to_lowercase();
        let bounds: Vec<usize> = lower.char_indices().map(|(i, _)| i).collect();
        let n = bounds.len();
        let mut suffix = [PAD; 4];
        for (k, s) in suffix.iter_mut().enumerate() {
            if n > k + 1 {
                *s = mix(hash_str(&lower[bounds[n - k - 1]..]), k as u64);
            }
        }
        let mut prefix = [PAD; 3];
        for (k, p) in prefix.iter_mut().enumerate() {
            if n > k + 1 {
                *p = mix(hash_str(&lower[..bounds[k + 1]]), 10 + k as u64);
            }
        }
        let mut shape = String::new();
        let mut last = ' ';
        let mut run = 0;
        for c in form.chars() {
            let s = if c.is_uppercase() {
                'X'
            } else if c.is_lowercase() {
                'x'
            } else if c.is_ascii_digit() {
                'd'
            } else {
                c
            };
            if s == last {
                run += 1;
            } else {
                run = 0;
                last = s;
            }
            if run < 2 {
                shape.push(s);
            }
        }
        let first_upper = form.chars().next().is_some_and(char::is_uppercase);
        let has_digit = form.chars().any(|c| c.is_ascii_digit());
        let has_hyphen = form.contains('-');
        let all_upper = form.chars().all(|c| !c.is_lowercase()) && first_upper;
        let flags = u64::from(first_upper)
            | u64::from(has_digit) << 1
            | u64::from(has_hyphen) << 2
            | u64::from(all_upper) << 3;
        Tok {
            lower: hash_str(&lower),
            form: hash_str(form),
            suffix,
            prefix,
            shape: hash_str(&shape),
            flags,
        }
    }
}

/// Tag id standing for "before the sentence".
const START: u64 = 0xFFFF;

/// The tags of the two words before word `i` (`START` before the sentence).
fn previous_tags(tags: &[u16], i: usize) -> (u64, u64) {
    let at = |back: usize| {
        i.checked_sub(back)
            .and_then(|j| tags.get(j))
            .map_or(START, |&t| u64::from(t))
    };
    (at(1), at(2))
}
/// Which of a word's features to compute: all of them (training), those
/// that do not depend on the tags chosen so far to the left (scored for a
/// whole sentence at once), or those that do.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Part {
    All,
    Fixed,
    Previous,
}

impl Part {
    /// Whether features that do (`tagged`) or do not depend on the tags
    /// to the left belong to this part.
    fn wants(self, tagged: bool) -> bool {
        match self {
            Part::All => true,
            Part::Fixed => !tagged,
            Part::Previous => tagged,
        }
    }
}

/// Tag id standing for "after the sentence".
const END: u64 = 0xFFFE;

/// The trained tagger.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tagger {
    /// Joint classes, named `UPOS\tXPOS`.
    pub(crate) classes: Labels,
    /// Most frequent class and hash of the set of usual classes of frequent
    /// words (by lowercased form hash).
    ambiguity: HashMap64<(u16, u64)>,
    /// Frequent words (by form hash) that practically always take one class;
    /// they are not scored.
    sure: HashMap64<u16>,
    pub(crate) weights: Weights,
    /// Second pass, which also sees the first pass's tags to the right
    /// (empty: no second pass).
    pub(crate) second: Weights,
    /// FEATS strings.
    pub(crate) feats: Labels,
    /// FEATS ids seen with each class, most frequent first.
    feats_candidates: Vec<Vec<u16>>,
    pub(crate) feats_weights: Weights,
}

/// One training sentence as the tagger sees it.
pub(crate) struct TagGold {
    pub(crate) toks: Vec<Tok>,
    pub(crate) class: Vec<u16>,
    pub(crate) feats: Vec<u16>,
}

impl Tagger {
    /// The class a frequent word (any case) usually takes in training, if
    /// it is frequent enough to be listed.
    pub(crate) fn usual_class(&self, form: &str) -> Option<u16> {
        self.ambiguity
            .get(&hash_str(&form.to_lowercase()))
            .map(|&(c, _)| c)
    }

    fn amb(&self, toks: &[Tok], i: isize) -> (u64, u64) {
        if i < 0 {
            return (START, START);
        }
        match toks.get(i as usize) {
            None => (END, END),
            Some(t) => self
                .ambiguity
                .get(&t.lower)
                .map_or((END + 1, END + 1), |&(c, sig)| (u64::from(c), sig)),
        }
    }

    /// The features of word `i` after tags `p1` and `p2` (those of `part`).
    fn features(
        &self,
        toks: &[Tok],
        i: usize,
        (p1, p2): (u64, u64),
        part: Part,
        out: &mut Vec<u64>,
    ) {
        out.clear();
        let mut put = |tagged: bool, f: u64| {
            if part.wants(tagged) {
                out.push(f);
            }
        };
        let word = |j: isize| -> u64 {
            if j < 0 {
                START
            } else {
                toks.get(j as usize).map_or(END, |t| t.lower)
            }
        };
        let i = i as isize;
        let around = Around {
            w_1: word(i - 1),
            w_2: word(i - 2),
            w1: word(i + 1),
            w2: word(i + 2),
        };
        word_features(&toks[i as usize], i == 0, around, (p1, p2), &mut put);
        self.class_features(toks, i, around, (p1, p2), &mut put);
    }

    /// Features 22–51 of word `i` (and some of 30–36 on its neighbours):
    /// the ambiguity classes of the word and its neighbours, with its
    /// affixes, shape and the previous tags.
    #[inline]
    fn class_features(
        &self,
        toks: &[Tok],
        i: isize,
        Around { w_1, w_2, w1, w2 }: Around,
        (p1, p2): (u64, u64),
        put: &mut impl FnMut(bool, u64),
    ) {
        let t = &toks[i as usize];
        let (a0, g0) = self.amb(toks, i);
        let (a1, g1) = self.amb(toks, i + 1);
        let (a2, g2) = self.amb(toks, i + 2);
        let (_, g_1) = self.amb(toks, i - 1);
        put(false, feat(37, g0, 0));
        put(false, feat(38, g1, 0));
        put(false, feat(39, g0, g1));
        put(true, feat(40, p1, g0));
        put(false, feat(41, g_1, g0));
        put(false, feat(42, g1, g2));
        put(true, feat(43, mix(p1, g0), g1));
        put(true, feat(44, p1, w1));
        put(true, feat(45, p2, t.lower));
        put(false, feat(46, t.suffix[2], g1));
        put(false, feat(47, t.shape, g1));
        put(true, feat(48, p1, mix(t.lower, w1)));
        put(true, feat(49, p1, t.suffix[3]));
        put(false, feat(50, t.suffix[1], g1));
        put(true, feat(51, mix(p1, t.flags), t.shape));
        put(false, feat(22, a0, 0));
        put(false, feat(23, a1, 0));
        put(false, feat(24, a1, a2));
        put(true, feat(25, p1, a1));
        put(false, feat(26, a0, a1));
        put(true, feat(27, p1, t.suffix[2]));
        put(false, feat(28, t.suffix[2], w1));
        put(false, feat(29, w_1, t.suffix[1]));
        if let Some(n) = toks.get(i as usize + 1) {
            put(false, feat(30, n.suffix[2], 0));
            put(false, feat(31, n.shape, 0));
        }
        if i > 0 {
            let p = &toks[i as usize - 1];
            put(false, feat(32, p.suffix[2], 0));
            put(false, feat(33, p.shape, t.shape));
        }
        put(true, feat(34, p1, t.shape));
        put(false, feat(35, w_2, w_1));
        put(false, feat(36, w1, w2));
    }

    fn feats_features(&self, toks: &[Tok], i: usize, tags: &[u16], out: &mut Vec<u64>) {
        out.clear();
        let c = u64::from(tags[i]);
        let word = |j: isize| -> u64 {
            if j < 0 {
                START
            } else {
                toks.get(j as usize).map_or(END, |t| t.lower)
            }
        };
        let tag = |j: isize| -> u64 {
            if j < 0 {
                START
            } else {
                tags.get(j as usize).map_or(END, |&t| u64::from(t))
            }
        };
        let i = i as isize;
        let t = &toks[i as usize];
        out.push(feat(100, c, 0));
        out.push(feat(101, c, t.lower));
        out.push(feat(102, c, word(i - 1)));
        out.push(feat(103, c, word(i - 2)));
        out.push(feat(104, c, word(i - 3)));
        out.push(feat(105, c, word(i + 1)));
        out.push(feat(106, c, tag(i - 1)));
        out.push(feat(107, c, mix(tag(i - 1), tag(i - 2))));
        out.push(feat(108, c, tag(i + 1)));
        out.push(feat(109, c, t.suffix[1]));
        out.push(feat(110, c, t.flags));
        out.push(feat(111, c, mix(word(i - 1), word(i - 2))));
        out.push(feat(112, c, mix(tag(i - 1), word(i - 1))));
    }

    /// One greedy pass over `toks`, writing class ids to `tags`; `first`
    /// holds the first pass's tags for the second. The features that do not
    /// depend on the tags to the left are scored for the whole sentence at
    /// once, so that their lookups overlap; then each word adds those that do.
    fn pass(
        &self,
        weights: &Weights,
        toks: &[Tok],
        first: Option<&[u16]>,
        allowed: &[Option<Vec<bool>>],
        tags: &mut Vec<u16>,
    ) {
        tags.clear();
        let k = self.classes.len();
        let sure: Vec<Option<u16>> = toks
            .iter()
            .enumerate()
            .map(|(i, t)| match allowed.get(i) {
                Some(Some(_)) => None,
                _ => self.sure.get(&t.form).copied(),
            })
            .collect();
        let mut buf = Vec::with_capacity(96);
        let mut all = Vec::with_capacity(toks.len() * 48);
        let mut ends = Vec::with_capacity(toks.len());
        for (i, sure) in sure.iter().enumerate() {
            if sure.is_none() {
                self.features(toks, i, (START, START), Part::Fixed, &mut buf);
                if let Some(first) = first {
                    second_features(first, toks, i, START, Part::Fixed, &mut buf);
                }
                all.extend_from_slice(&buf);
            }
            ends.push(all.len());
        }
        let mut fixed = vec![0.0f32; toks.len() * k];
        weights.score_groups(&all, &ends, &mut fixed);
        for i in 0..toks.len() {
            if let Some(c) = sure[i] {
                tags.push(c);
                continue;
            }
            let (p1, p2) = previous_tags(tags, i);
            self.features(toks, i, (p1, p2), Part::Previous, &mut buf);
            if let Some(first) = first {
                second_features(first, toks, i, p1, Part::Previous, &mut buf);
            }
            let scores = &mut fixed[i * k..(i + 1) * k];
            weights.score(&buf, scores);
            let best = match allowed.get(i) {
                Some(Some(mask)) if mask.iter().any(|&a| a) => {
                    let mut best = None::<usize>;
                    for (c, &score) in scores.iter().enumerate() {
                        if mask.get(c) == Some(&true) && best.is_none_or(|b| score > scores[b]) {
                            best = Some(c);
                        }
                    }
                    best.unwrap_or_else(|| argmax(scores))
                }
                _ => argmax(scores),
            };
            tags.push(best as u16);
        }
    }

    /// Tags `toks`, writing class ids to `tags` and FEATS ids to `feats`.
    pub(crate) fn tag(&self, toks: &[Tok], tags: &mut Vec<u16>, feats: &mut Vec<u16>) {
        self.tag_within(toks, &[], true, tags, feats);
    }

    /// Like [`Tagger::tag`], with word `i` restricted to the classes
    /// `allowed[i]` marks, where given; without the `second` pass (that
    /// reads the first pass's tags to the right) unless asked.
    pub(crate) fn tag_within(
        &self,
        toks: &[Tok],
        allowed: &[Option<Vec<bool>>],
        second: bool,
        tags: &mut Vec<u16>,
        feats: &mut Vec<u16>,
    ) {
        feats.clear();
        self.pass(&self.weights, toks, None, allowed, tags);
        if second && !self.second.is_empty() {
            let first = tags.clone();
            self.pass(&self.second, toks, Some(&first), allowed, tags);
        }
        let mut buf = Vec::with_capacity(64);
        let mut fscores = vec![0.0f32; self.feats.len()];
        for i in 0..toks.len() {
            let best = self.feats_of(toks, i, tags, &mut buf, &mut fscores);
            feats.push(best);
        }
    }

    /// The FEATS id of word `i` among those seen with its tag.
    pub(crate) fn feats_of(
        &self,
        toks: &[Tok],
        i: usize,
        tags: &[u16],
        buf: &mut Vec<u64>,
        fscores: &mut Vec<f32>,
    ) -> u16 {
        let cands = self
            .feats_candidates
            .get(tags[i] as usize)
            .map_or(&[][..], Vec::as_slice);
        match cands {
            [] => 0,
            [only] => *only,
            _ => {
                self.feats_features(toks, i, tags, buf);
                fscores.clear();
                fscores.resize(self.feats.len(), 0.0);
                self.feats_weights.score(buf, fscores);
                best_of(cands, fscores)
            }
        }
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        self.classes.encode(out);
        let mut amb: Vec<(u64, (u16, u64))> =
            self.ambiguity.iter().map(|(&k, &v)| (k, v)).collect();
        amb.sort_unstable();
        out.u32(amb.len() as u32);
        for (k, (c, sig)) in amb {
            for x in [k, sig] {
                out.u32(x as u32);
                out.u32((x >> 32) as u32);
            }
            out.u32(u32::from(c));
        }
        let mut sure: Vec<(u64, u16)> = self.sure.iter().map(|(&k, &v)| (k, v)).collect();
        sure.sort_unstable();
        out.u32(sure.len() as u32);
        for (k, c) in sure {
            out.u32(k as u32);
            out.u32((k >> 32) as u32);
            out.u32(u32::from(c));
        }
        self.weights.encode(out);
        self.feats.encode(out);
        out.u32(self.feats_candidates.len() as u32);
        for c in &self.feats_candidates {
            out.u16s(c);
        }
        self.feats_weights.encode(out);
        self.second.encode(out);
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Tagger, Error> {
        let classes = Labels::decode(input)?;
        let n = input.u32()? as usize;
        let mut ambiguity = HashMap64::default();
        for _ in 0..n {
            let key = u64::from(input.u32()?) | u64::from(input.u32()?) << 32;
            let sig = u64::from(input.u32()?) | u64::from(input.u32()?) << 32;
            let v = input.u32()?;
            if v as usize >= classes.len() {
                return Err(Error::corrupt("tag class out of range"));
            }
            ambiguity.insert(key, (v as u16, sig));
        }
        let n = input.u32()? as usize;
        let mut sure = HashMap64::default();
        for _ in 0..n {
            let key = u64::from(input.u32()?) | u64::from(input.u32()?) << 32;
            let v = input.u32()?;
            if v as usize >= classes.len() {
                return Err(Error::corrupt("tag class out of range"));
            }
            sure.insert(key, v as u16);
        }
        let weights = Weights::decode(input)?;
        let feats = Labels::decode(input)?;
        let n = input.u32()? as usize;
        if n != classes.len() || weights.n_classes() != classes.len() {
            return Err(Error::corrupt(
                "tagger tables disagree on the number of classes",
            ));
        }
        let mut feats_candidates = Vec::with_capacity(n);
        for _ in 0..n {
            let c = input.u16s()?;
            if c.iter().any(|&f| f as usize >= feats.len()) {
                return Err(Error::corrupt("feats class out of range"));
            }
            feats_candidates.push(c);
        }
        let feats_weights = Weights::decode(input)?;
        let second = Weights::decode(input)?;
        if second.n_classes() != classes.len() {
            return Err(Error::corrupt(
                "second tagger pass disagrees on the classes",
            ));
        }
        Ok(Tagger {
            second,
            classes,
            ambiguity,
            sure,
            weights,
            feats,
            feats_candidates,
            feats_weights,
        })
    }
}

/// The words around a word: two before and two after (`START` and `END`
/// past the sentence).
#[derive(Clone, Copy)]
struct Around {
    w_1: u64,
    w_2: u64,
    w1: u64,
    w2: u64,
}

/// Features 0–21 of word `t` (`first` in its sentence): its form, affixes,
/// shape and flags, the words around it, and the previous tags.
#[inline]
fn word_features(
    t: &Tok,
    first: bool,
    Around { w_1, w_2, w1, w2 }: Around,
    (p1, p2): (u64, u64),
    put: &mut impl FnMut(bool, u64),
) {
    put(false, feat(0, 0, 0));
    put(false, feat(1, t.lower, 0));
    put(false, feat(2, t.form, 0));
    for (k, &s) in t.suffix.iter().enumerate() {
        put(false, feat(3 + k as u64, s, 0));
    }
    for (k, &p) in t.prefix.iter().enumerate() {
        put(false, feat(7 + k as u64, p, 0));
    }
    put(false, feat(10, t.shape, 0));
    put(false, feat(11, t.flags, u64::from(first)));
    put(false, feat(12, w_1, 0));
    put(false, feat(13, w_2, 0));
    put(false, feat(14, w1, 0));
    put(false, feat(15, w2, 0));
    put(true, feat(16, p1, 0));
    put(true, feat(17, p2, 0));
    put(true, feat(18, p1, p2));
    put(true, feat(19, p1, t.lower));
    put(false, feat(20, w_1, t.lower));
    put(false, feat(21, t.lower, w1));
}

/// Features of the second pass: the first pass's tags around `i`.
fn second_features(first: &[u16], toks: &[Tok], i: usize, p1: u64, part: Part, out: &mut Vec<u64>) {
    let mut put = |tagged: bool, f: u64| {
        if part.wants(tagged) {
            out.push(f);
        }
    };
    let tag = |j: usize| first.get(j).map_or(END, |&t| u64::from(t));
    let (f0, f1, f2) = (tag(i), tag(i + 1), tag(i + 2));
    let f_1 = if i > 0 { tag(i - 1) } else { START };
    let t = &toks[i];
    put(false, feat(60, f0, 0));
    put(false, feat(61, f1, 0));
    put(false, feat(62, f1, f2));
    put(true, feat(63, p1, f1));
    put(false, feat(64, t.lower, f1));
    put(false, feat(65, t.suffix[2], f1));
    put(false, feat(66, f_1, f1));
    put(false, feat(67, f0, f1));
    put(false, feat(68, t.lower, f0));
    put(true, feat(69, mix(p1, f0), f1));
}

/// Index of the highest score (first on ties).
pub(crate) fn argmax(scores: &[f32]) -> usize {
    let mut best = 0;
    for (i, &s) in scores.iter().enumerate() {
        if s > scores[best] {
            best = i;
        }
    }
    best
}

/// The candidate with the highest score (first on ties).
fn best_of(cands: &[u16], scores: &[f32]) -> u16 {
    let mut best = cands[0];
    let mut best_score = f32::NEG_INFINITY;
    for &c in cands {
        let s = scores.get(c as usize).copied().unwrap_or(f32::NEG_INFINITY);
        if s > best_score {
            best = c;
            best_score = s;
        }
    }
    best
}
