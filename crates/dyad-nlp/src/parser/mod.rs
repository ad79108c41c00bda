//! Greedy arc-eager dependency parser (root token at the end of the buffer,
//! Ballesteros & Nivre 2013) with an averaged perceptron over Zhang & Nivre
//! (2011) feature templates, trained with the dynamic oracle of Goldberg &
//! Nivre (2012). Labels come from a second perceptron consulted whenever an
//! arc is built. Non-projective gold trees are learned through the oracle's
//! best reachable tree; the output is always projective.

mod features;

use features::{Ctx, action_features, label_features};

use crate::codec::{Decoder, Encoder};
use crate::perceptron::{Trainer, Weights};
use crate::{Error, Labels, Rng};

const SHIFT: usize = 0;
const REDUCE: usize = 1;
const LEFT: usize = 2;
const RIGHT: usize = 3;
const N_ACTIONS: usize = 4;

const NONE: u32 = u32::MAX;
/// Value of a missing word/tag/label in features.
const NIL: u64 = 0xDEAD_0001;
/// Value of the root token's word/tag in features.
const ROOT: u64 = 0xDEAD_0002;

/// One sentence as the parser sees it.
pub(crate) struct ParseInput<'a> {
    /// Lowercased form hashes.
    pub(crate) words: &'a [u64],
    /// Tag class ids.
    pub(crate) tags: &'a [u16],
}

/// A training sentence: input plus gold tree (heads 0-based, `n` = root).
pub(crate) struct ParseGold {
    pub(crate) words: Vec<u64>,
    pub(crate) tags: Vec<u16>,
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
}

/// Parser state. Token `n` is the root, always last in the buffer.
struct State {
    n: u32,
    stack: Vec<u32>,
    /// Front of the buffer.
    b: u32,
    head: Vec<u32>,
    label: Vec<u16>,
    l1: Vec<u32>,
    l2: Vec<u32>,
    r1: Vec<u32>,
    r2: Vec<u32>,
    n_left: Vec<u8>,
    n_right: Vec<u8>,
    left_set: Vec<u64>,
    right_set: Vec<u64>,
}

impl State {
    fn new(n: usize) -> State {
        let m = n + 1;
        State {
            n: n as u32,
            stack: Vec::with_capacity(n),
            b: 0,
            head: vec![NONE; m],
            label: vec![0; m],
            l1: vec![NONE; m],
            l2: vec![NONE; m],
            r1: vec![NONE; m],
            r2: vec![NONE; m],
            n_left: vec![0; m],
            n_right: vec![0; m],
            left_set: vec![0; m],
            right_set: vec![0; m],
        }
    }

    fn terminal(&self) -> bool {
        self.b == self.n && self.stack.is_empty()
    }

    fn s0(&self) -> u32 {
        self.stack.last().copied().unwrap_or(NONE)
    }

    fn legal(&self) -> [bool; N_ACTIONS] {
        let s0 = self.s0();
        let has_stack = s0 != NONE;
        let real_b = self.b < self.n;
        let s0_headed = has_stack && self.head[s0 as usize] != NONE;
        [
            real_b,
            s0_headed,
            has_stack && !s0_headed,
            has_stack && real_b,
        ]
    }

    fn add_arc(&mut self, h: u32, d: u32, label: u16) {
        let (hu, du) = (h as usize, d as usize);
        self.head[du] = h;
        self.label[du] = label;
        let bit = 1u64 << (label % 64);
        if d < h {
            self.n_left[hu] = self.n_left[hu].saturating_add(1);
            self.left_set[hu] |= bit;
            if self.l1[hu] == NONE || d < self.l1[hu] {
                self.l2[hu] = self.l1[hu];
                self.l1[hu] = d;
            } else if self.l2[hu] == NONE || d < self.l2[hu] {
                self.l2[hu] = d;
            }
        } else {
            self.n_right[hu] = self.n_right[hu].saturating_add(1);
            self.right_set[hu] |= bit;
            if self.r1[hu] == NONE || d > self.r1[hu] {
                self.r2[hu] = self.r1[hu];
                self.r1[hu] = d;
            } else if self.r2[hu] == NONE || d > self.r2[hu] {
                self.r2[hu] = d;
            }
        }
    }

    /// The (head, dependent) an arc action would build.
    fn arc(&self, action: usize) -> (u32, u32) {
        if action == LEFT {
            (self.b, self.s0())
        } else {
            (self.s0(), self.b)
        }
    }

    fn apply(&mut self, action: usize, label: u16) {
        match action {
            SHIFT => {
                self.stack.push(self.b);
                self.b += 1;
            }
            REDUCE => {
                self.stack.pop();
            }
            LEFT => {
                let s0 = self.stack.pop().unwrap_or(NONE);
                self.add_arc(self.b, s0, label);
            }
            _ => {
                let s0 = self.s0();
                self.add_arc(s0, self.b, label);
                self.stack.push(self.b);
                self.b += 1;
            }
        }
    }

    /// Goldberg & Nivre (2012) costs of the four actions under `gold` heads.
    fn costs(&self, gold: &[u32]) -> [u32; N_ACTIONS] {
        let s0 = self.s0();
        let b = self.b;
        let n = self.n;
        let mut cost = [0u32; N_ACTIONS];
        let in_stack = |k: u32| self.stack.contains(&k);
        if s0 != NONE {
            let su = s0 as usize;
            // LEFT: s0 loses a head in the buffer beyond b0, and its buffer dependents.
            let gh = gold[su];
            if gh > b {
                cost[LEFT] += 1;
            }
            let mut deps_in_buffer = 0;
            for k in b..n {
                if gold[k as usize] == s0 {
                    deps_in_buffer += 1;
                }
            }
            cost[LEFT] += deps_in_buffer;
            cost[REDUCE] = deps_in_buffer;
        }
        if b < n {
            let bu = b as usize;
            let gh = gold[bu];
            // Dependents of b0 still headless on the stack.
            let mut stack_deps = 0;
            for &k in &self.stack {
                if gold[k as usize] == b && self.head[k as usize] == NONE {
                    stack_deps += 1;
                }
            }
            // SHIFT loses b0's head on the stack and its stack dependents.
            cost[SHIFT] = stack_deps + u32::from(in_stack(gh));
            // RIGHT loses b0's head elsewhere (stack below s0 or later buffer)
            // and its stack dependents.
            if gh != s0 && (gh > b || in_stack(gh)) {
                cost[RIGHT] += 1;
            }
            cost[RIGHT] += stack_deps;
        }
        cost
    }
}

/// The trained parser.
#[derive(Clone, Debug, Default)]
pub(crate) struct Parser {
    pub(crate) labels: Labels,
    pub(crate) weights: Weights,
    pub(crate) label_weights: Weights,
}

/// A parse: 0-based heads (`n` = root) and label ids.
#[derive(Clone, Debug, Default)]
pub(crate) struct Tree {
    pub(crate) heads: Vec<u32>,
    pub(crate) labels: Vec<u16>,
    /// Tag classes the parser predicts for the words (the neural parser
    /// with [`crate::NeuralConfig::tags`]); else empty.
    pub(crate) tags: Vec<u16>,
}

impl Parser {
    fn root_label(&self) -> u16 {
        self.labels.id("root").unwrap_or(0)
    }

    fn best_label(&self, scores: &[f32], to_root: bool) -> u16 {
        let root = self.root_label();
        if to_root {
            return root;
        }
        let mut best = if root == 0 { 1 } else { 0 };
        for (i, &s) in scores.iter().enumerate() {
            if i as u16 != root && s > scores[best] {
                best = i;
            }
        }
        best as u16
    }

    /// Parses one sentence.
    pub(crate) fn parse(&self, input: &ParseInput<'_>) -> Tree {
        let n = input.words.len();
        let ctx = Ctx::new(input);
        let mut st = State::new(n);
        let mut buf = Vec::with_capacity(96);
        let mut lbuf = Vec::with_capacity(128);
        let mut scores = [0.0f32; N_ACTIONS];
        let mut lscores = vec![0.0f32; self.labels.len().max(2)];
        while !st.terminal() {
            action_features(&ctx, &st, &mut buf);
            scores.fill(0.0);
            self.weights.score(&buf, &mut scores);
            let legal = st.legal();
            let action = best_legal(&scores, &legal);
            let mut label = 0;
            if action == LEFT || action == RIGHT {
                let (h, d) = st.arc(action);
                if h == st.n {
                    label = self.root_label();
                } else {
                    label_features(&ctx, &st, h, d, &buf, &mut lbuf);
                    lscores.fill(0.0);
                    self.label_weights.score(&lbuf, &mut lscores);
                    label = self.best_label(&lscores, false);
                }
            }
            st.apply(action, label);
        }
        self.finish(st)
    }

    /// Turns a terminal state into a single-rooted tree.
    fn finish(&self, st: State) -> Tree {
        let n = st.n;
        let mut heads: Vec<u32> = st.head[..n as usize].to_vec();
        let mut labels: Vec<u16> = st.label[..n as usize].to_vec();
        let root = heads.iter().position(|&h| h == n || h == NONE);
        if let Some(root) = root {
            let fallback = self
                .labels
                .id("parataxis")
                .or_else(|| self.labels.id("dep"))
                .unwrap_or(0);
            let root_label = self.root_label();
            heads[root] = n;
            labels[root] = root_label;
            for i in 0..n as usize {
                if i != root && (heads[i] == n || heads[i] == NONE) {
                    heads[i] = root as u32;
                    if labels[i] == root_label {
                        labels[i] = fallback;
                    }
                }
            }
        }
        Tree {
            heads,
            labels,
            tags: Vec::new(),
        }
    }

    /// Trains with a dynamic oracle; `report` runs after each epoch.
    pub(crate) fn train(
        data: &[ParseGold],
        labels: Labels,
        epochs: usize,
        seed: u64,
        min_updates: u32,
        mut report: impl FnMut(usize, &Parser),
    ) -> Parser {
        let mut parser = Parser {
            labels,
            ..Parser::default()
        };
        let n_labels = parser.labels.len().max(2);
        let mut t = Training {
            trainer: Trainer::new(N_ACTIONS),
            ltrainer: Trainer::new(n_labels),
            rng: Rng::new(seed),
            buf: Vec::with_capacity(96),
            lbuf: Vec::with_capacity(128),
            lscores: vec![0.0f32; n_labels],
        };
        let mut order: Vec<usize> = (0..data.len()).collect();
        parser.weights = t.trainer.freeze(1e-3, min_updates);
        parser.label_weights = t.ltrainer.freeze(1e-3, min_updates);
        for epoch in 0..epochs {
            t.rng.shuffle(&mut order);
            for &s in &order {
                t.sentence(&parser, &data[s], epoch);
            }
            parser.weights = t.trainer.freeze(1e-3, min_updates);
            parser.label_weights = t.ltrainer.freeze(1e-3, min_updates);
            report(epoch, &parser);
        }
        parser
    }

    pub(crate) fn encode(&self, out: &mut Encoder) {
        self.labels.encode(out);
        self.weights.encode(out);
        self.label_weights.encode(out);
    }

    pub(crate) fn decode(input: &mut Decoder<'_>) -> Result<Parser, Error> {
        let labels = Labels::decode(input)?;
        let weights = Weights::decode(input)?;
        let label_weights = Weights::decode(input)?;
        if weights.n_classes() != N_ACTIONS || label_weights.n_classes() < labels.len() {
            return Err(Error::corrupt("parser tables disagree with the label set"));
        }
        Ok(Parser {
            labels,
            weights,
            label_weights,
        })
    }
}

fn best_legal(scores: &[f32; N_ACTIONS], legal: &[bool; N_ACTIONS]) -> usize {
    let mut best = usize::MAX;
    for a in 0..N_ACTIONS {
        if legal[a] && (best == usize::MAX || scores[a] > scores[best]) {
            best = a;
        }
    }
    if best == usize::MAX { SHIFT } else { best }
}

/// Training state: the action and label perceptrons, the random source
/// (shuffling and exploration), and feature buffers.
struct Training {
    trainer: Trainer,
    ltrainer: Trainer,
    rng: Rng,
    buf: Vec<u64>,
    lbuf: Vec<u64>,
    lscores: Vec<f32>,
}

impl Training {
    /// Parses `gold` once with the dynamic oracle, learning from each
    /// mistake; `parser` gives the label set.
    fn sentence(&mut self, parser: &Parser, gold: &ParseGold, epoch: usize) {
        let input = ParseInput {
            words: &gold.words,
            tags: &gold.tags,
        };
        let n = gold.words.len();
        let ctx = Ctx::new(&input);
        let mut st = State::new(n);
        while !st.terminal() {
            let follow = self.action(&ctx, &st, gold, epoch);
            let label = self.label(parser, &ctx, &st, gold, follow);
            st.apply(follow, label);
        }
    }

    /// Scores the actions in `st`, learns from the oracle's best ones, and
    /// returns the action to follow: the guess, when it is one of the best
    /// or (after the first epoch, nine times in ten) even when not.
    fn action(&mut self, ctx: &Ctx<'_>, st: &State, gold: &ParseGold, epoch: usize) -> usize {
        action_features(ctx, st, &mut self.buf);
        let mut scores = [0.0f32; N_ACTIONS];
        self.trainer.score(&self.buf, &mut scores);
        let legal = st.legal();
        let guess = best_legal(&scores, &legal);
        let costs = st.costs(&gold.heads);
        let min_cost = (0..N_ACTIONS)
            .filter(|&a| legal[a])
            .map(|a| costs[a])
            .min()
            .unwrap_or(0);
        let zero: [bool; N_ACTIONS] = std::array::from_fn(|a| legal[a] && costs[a] == min_cost);
        let best = best_legal(&scores, &zero);
        if !zero[guess] {
            self.trainer.update(&self.buf, best, guess, 1.0);
        }
        self.trainer.tick();
        if zero[guess] || (epoch > 0 && self.rng.next_f64() < 0.9) {
            guess
        } else {
            best
        }
    }

    /// The label of the arc that action `follow` builds in `st` (0 for no
    /// arc): the gold one, learnt, when the arc is right; else the guess.
    fn label(
        &mut self,
        parser: &Parser,
        ctx: &Ctx<'_>,
        st: &State,
        gold: &ParseGold,
        follow: usize,
    ) -> u16 {
        let mut label = 0;
        if follow == LEFT || follow == RIGHT {
            let (h, d) = st.arc(follow);
            let gold_label = gold.labels[d as usize];
            if h == st.n {
                label = parser.root_label();
            } else {
                label_features(ctx, st, h, d, &self.buf, &mut self.lbuf);
                self.lscores.fill(0.0);
                self.ltrainer.score(&self.lbuf, &mut self.lscores);
                let lguess = parser.best_label(&self.lscores, false);
                if gold.heads[d as usize] == h {
                    self.ltrainer
                        .update(&self.lbuf, gold_label as usize, lguess as usize, 1.0);
                    self.ltrainer.tick();
                    label = gold_label;
                } else {
                    label = lguess;
                }
            }
        }
        label
    }
}
