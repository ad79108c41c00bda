//! Greedy arc-eager dependency parser (root token at the end of the buffer,
//! Ballesteros & Nivre 2013) with an averaged perceptron over Zhang & Nivre
//! (2011) feature templates, trained with the dynamic oracle of Goldberg &
//! Nivre (2012). Labels come from a second perceptron consulted whenever an
//! arc is built. Non-projective gold trees are learned through the oracle's
//! best reachable tree; the output is always projective.

use crate::codec::{Decoder, Encoder};
use crate::perceptron::{Trainer, Weights, feat, mix};
use crate::{Error, Labels};

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

/// Feature context: per-position word and tag values, with `NIL`/`ROOT`.
struct Ctx<'a> {
    input: &'a ParseInput<'a>,
    n: u32,
    /// `punct[i]`: punctuation words among the first `i`.
    punct: Vec<u32>,
}

impl<'a> Ctx<'a> {
    fn new(input: &'a ParseInput<'a>) -> Ctx<'a> {
        let marks = [",", ";", ":", "-", "--", "(", ")"].map(crate::perceptron::hash_str);
        let mut punct = Vec::with_capacity(input.words.len() + 2);
        punct.push(0);
        for w in input.words {
            let last = punct.last().copied().unwrap_or(0);
            punct.push(last + u32::from(marks.contains(w)));
        }
        let last = punct.last().copied().unwrap_or(0);
        punct.push(last);
        Ctx {
            input,
            n: input.words.len() as u32,
            punct,
        }
    }

    /// Punctuation words strictly between `a < b`.
    fn between(&self, a: u32, b: u32) -> u64 {
        if a == NONE || b == NONE || a >= b {
            return 0;
        }
        u64::from((self.punct[b as usize] - self.punct[a as usize + 1]).min(3))
    }

    #[inline]
    fn w(&self, i: u32) -> u64 {
        if i == NONE {
            NIL
        } else if i == self.n {
            ROOT
        } else {
            self.input.words[i as usize]
        }
    }
    #[inline]
    fn t(&self, i: u32) -> u64 {
        if i == NONE {
            NIL
        } else if i == self.n {
            ROOT
        } else {
            u64::from(self.input.tags[i as usize])
        }
    }
}

fn get(v: &[u32], i: u32) -> u32 {
    if i == NONE { NONE } else { v[i as usize] }
}

fn lab(st: &State, i: u32) -> u64 {
    if i == NONE || st.head[i as usize] == NONE {
        NIL
    } else {
        u64::from(st.label[i as usize])
    }
}

fn action_features(ctx: &Ctx<'_>, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let s0 = st.s0();
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    let b0 = if st.b <= st.n { st.b } else { NONE };
    let b1 = if st.b < st.n { st.b + 1 } else { NONE };
    let b2 = if st.b + 1 < st.n { st.b + 2 } else { NONE };
    let s0h = get(&st.head, s0);
    let s0h2 = get(&st.head, s0h);
    let (s0l, s0r, s0l2, s0r2) = (
        get(&st.l1, s0),
        get(&st.r1, s0),
        get(&st.l2, s0),
        get(&st.r2, s0),
    );
    let (b0l, b0l2) = (get(&st.l1, b0), get(&st.l2, b0));
    let (s0w, s0t, b0w, b0t) = (ctx.w(s0), ctx.t(s0), ctx.w(b0), ctx.t(b0));
    let (b1w, b1t, b2w, b2t) = (ctx.w(b1), ctx.t(b1), ctx.w(b2), ctx.t(b2));
    let s0wt = mix(s0w, s0t);
    let b0wt = mix(b0w, b0t);
    let b1wt = mix(b1w, b1t);
    let mut f = |id: u64, a: u64, b: u64| out.push(feat(1000 + id, a, b));
    // Single words.
    f(0, s0wt, 0);
    f(1, s0w, 0);
    f(2, s0t, 0);
    f(3, b0wt, 0);
    f(4, b0w, 0);
    f(5, b0t, 0);
    f(6, b1wt, 0);
    f(7, b1w, 0);
    f(8, b1t, 0);
    f(9, mix(b2w, b2t), 0);
    f(10, b2w, 0);
    f(11, b2t, 0);
    // Pairs.
    f(12, s0wt, b0wt);
    f(13, s0wt, b0w);
    f(14, s0w, b0wt);
    f(15, s0wt, b0t);
    f(16, s0t, b0wt);
    f(17, s0w, b0w);
    f(18, s0t, b0t);
    f(19, b0t, b1t);
    // Triples.
    f(20, mix(b0t, b1t), b2t);
    f(21, mix(s0t, b0t), b1t);
    let s0ht = ctx.t(s0h);
    f(22, mix(s0ht, s0t), b0t);
    let s0lt = ctx.t(s0l);
    let s0rt = ctx.t(s0r);
    let b0lt = ctx.t(b0l);
    f(23, mix(s0t, s0lt), b0t);
    f(24, mix(s0t, s0rt), b0t);
    f(25, mix(s0t, b0t), b0lt);
    // Distance.
    let d = if s0 != NONE && b0 != NONE {
        u64::from((b0 - s0).min(5))
    } else {
        0
    };
    f(26, s0w, d);
    f(27, s0t, d);
    f(28, b0w, d);
    f(29, b0t, d);
    f(30, mix(s0w, b0w), d);
    f(31, mix(s0t, b0t), d);
    // Valency.
    let vl = |i: u32| {
        if i == NONE {
            99
        } else {
            u64::from(st.n_left[i as usize])
        }
    };
    let vr = |i: u32| {
        if i == NONE {
            99
        } else {
            u64::from(st.n_right[i as usize])
        }
    };
    f(32, s0w, vr(s0));
    f(33, s0t, vr(s0));
    f(34, s0w, vl(s0));
    f(35, s0t, vl(s0));
    f(36, b0w, vl(b0));
    f(37, b0t, vl(b0));
    // Unigrams of the second order.
    f(38, ctx.w(s0h), 0);
    f(39, s0ht, 0);
    f(40, lab(st, s0), 0);
    f(41, ctx.w(s0l), 0);
    f(42, s0lt, 0);
    f(43, lab(st, s0l), 0);
    f(44, ctx.w(s0r), 0);
    f(45, s0rt, 0);
    f(46, lab(st, s0r), 0);
    f(47, ctx.w(b0l), 0);
    f(48, b0lt, 0);
    f(49, lab(st, b0l), 0);
    // Third order.
    f(50, ctx.w(s0h2), 0);
    f(51, ctx.t(s0h2), 0);
    f(52, lab(st, s0h), 0);
    f(53, ctx.w(s0l2), 0);
    f(54, ctx.t(s0l2), 0);
    f(55, lab(st, s0l2), 0);
    f(56, ctx.w(s0r2), 0);
    f(57, ctx.t(s0r2), 0);
    f(58, lab(st, s0r2), 0);
    f(59, ctx.w(b0l2), 0);
    f(60, ctx.t(b0l2), 0);
    f(61, lab(st, b0l2), 0);
    f(62, mix(s0t, s0lt), ctx.t(s0l2));
    f(63, mix(s0t, s0rt), ctx.t(s0r2));
    f(64, mix(s0t, s0ht), ctx.t(s0h2));
    f(65, mix(b0t, b0lt), ctx.t(b0l2));
    // Label sets.
    let set = |v: &[u64], i: u32| if i == NONE { NIL } else { v[i as usize] };
    f(66, s0w, set(&st.right_set, s0));
    f(67, s0t, set(&st.right_set, s0));
    f(68, s0w, set(&st.left_set, s0));
    f(69, s0t, set(&st.left_set, s0));
    f(70, b0w, set(&st.left_set, b0));
    f(71, b0t, set(&st.left_set, b0));
    // Second stack item and head status.
    let s1t = ctx.t(s1);
    f(72, s1t, 0);
    f(73, ctx.w(s1), 0);
    f(74, mix(s1t, s0t), b0t);
    let headed = u64::from(s0h != NONE);
    f(75, mix(headed, s0t), b0t);
    f(76, mix(headed, s0w), b0t);
    f(77, mix(headed, s0t), b0w);
    f(78, mix(headed, s0ht), mix(s0t, b0t));
    f(79, mix(headed, s0t), mix(b0t, b1t));
    let s0lab = lab(st, s0);
    f(80, mix(s0w, b0w), b1t);
    f(81, mix(ctx.w(s1), s0w), b0t);
    f(83, b0w, b1w);
    f(84, mix(b0t, b1t), b1w);
    f(85, mix(s0t, s0rt), b0w);
    f(86, mix(s0ht, s0t), b0w);
    f(87, s0lab, b0t);
    f(88, mix(s0lab, s0t), b0w);
    f(89, mix(s0lab, s0t), mix(b0t, b1t));
    let commas = ctx.between(s0, b0);
    f(90, mix(s0t, b0t), commas);
    f(91, mix(s0w, b0t), commas);
    f(92, mix(s0t, b0w), commas);
    f(93, mix(commas, d), mix(s0lab, b0t));
}

/// How many of the action features (the first: words, tags, pairs, triples,
/// distance, valency, second-order items) the label classifier shares.
const LABEL_SHARED: usize = 50;

/// Features of the label of the arc `h → d`: its own templates plus the
/// first action features `action` of the state, conjoined with the direction.
fn label_features(ctx: &Ctx<'_>, st: &State, h: u32, d: u32, action: &[u64], out: &mut Vec<u64>) {
    out.clear();
    let dir = u64::from(d < h);
    let shared = &action[..action.len().min(LABEL_SHARED)];
    out.extend(shared.iter().map(|&f| mix(f, 0x1AB + dir)));
    let (hw, ht, dw, dt) = (ctx.w(h), ctx.t(h), ctx.w(d), ctx.t(d));
    let dist = if h == st.n {
        9
    } else {
        u64::from(h.abs_diff(d).min(6))
    };
    let mut f = |id: u64, a: u64, b: u64| out.push(feat(2000 + id, mix(a, dir), b));
    f(0, 0, 0);
    f(1, hw, 0);
    f(2, ht, 0);
    f(3, dw, 0);
    f(4, dt, 0);
    f(5, hw, dw);
    f(6, ht, dt);
    f(7, hw, dt);
    f(8, ht, dw);
    f(9, mix(ht, dt), dist);
    let (dl, dr) = (get(&st.l1, d), get(&st.r1, d));
    f(10, mix(dt, lab(st, dl)), lab(st, dr));
    f(11, mix(dt, ctx.t(dl)), ctx.t(dr));
    let hs = if d < h {
        st.left_set[h as usize]
    } else {
        st.right_set[h as usize]
    };
    f(12, mix(ht, dt), hs);
    let hh = get(&st.head, h);
    f(13, mix(ht, dt), ctx.t(hh));
    f(14, mix(ht, dt), lab(st, h));
    let prev = if d > 0 { d - 1 } else { NONE };
    let next = if d + 1 < st.n { d + 1 } else { NONE };
    f(15, mix(dt, ctx.t(prev)), ctx.t(next));
    f(16, mix(dt, ctx.w(prev)), ht);
    f(17, mix(dt, ctx.w(next)), ht);
    f(18, mix(dt, dw), ctx.w(dl));
    f(19, mix(ht, dt), ctx.w(dl));
    let hp = if h > 0 && h < st.n { h - 1 } else { NONE };
    f(20, mix(ht, dt), ctx.w(hp));
    f(21, mix(hw, dt), dist);
    f(22, mix(dt, dw), ctx.w(dr));
    let s1 = if st.stack.len() >= 2 {
        st.stack[st.stack.len() - 2]
    } else {
        NONE
    };
    f(23, mix(ht, dt), ctx.t(s1));
    f(
        24,
        mix(ht, dt),
        u64::from(st.n_left[d as usize]) * 8 + u64::from(st.n_right[d as usize]),
    );
    let (lo, hi) = if d < h { (d, h) } else { (h, d) };
    f(25, mix(ht, dt), ctx.between(lo, hi));
    f(26, mix(hw, dw), dist);
    f(27, mix(ht, hw), mix(dt, hs));
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
        let mut trainer = Trainer::new(N_ACTIONS);
        let mut ltrainer = Trainer::new(n_labels);
        let mut rng = crate::Rng::new(seed);
        let mut order: Vec<usize> = (0..data.len()).collect();
        let mut buf = Vec::with_capacity(96);
        let mut lbuf = Vec::with_capacity(128);
        let mut lscores = vec![0.0f32; n_labels];
        parser.weights = trainer.freeze(1e-3, min_updates);
        parser.label_weights = ltrainer.freeze(1e-3, min_updates);
        for epoch in 0..epochs {
            rng.shuffle(&mut order);
            for &s in &order {
                let gold = &data[s];
                let input = ParseInput {
                    words: &gold.words,
                    tags: &gold.tags,
                };
                let n = gold.words.len();
                let ctx = Ctx::new(&input);
                let mut st = State::new(n);
                while !st.terminal() {
                    action_features(&ctx, &st, &mut buf);
                    let mut scores = [0.0f32; N_ACTIONS];
                    trainer.score(&buf, &mut scores);
                    let legal = st.legal();
                    let guess = best_legal(&scores, &legal);
                    let costs = st.costs(&gold.heads);
                    let min_cost = (0..N_ACTIONS)
                        .filter(|&a| legal[a])
                        .map(|a| costs[a])
                        .min()
                        .unwrap_or(0);
                    let zero: [bool; N_ACTIONS] =
                        std::array::from_fn(|a| legal[a] && costs[a] == min_cost);
                    let best = best_legal(&scores, &zero);
                    if !zero[guess] {
                        trainer.update(&buf, best, guess, 1.0);
                    }
                    trainer.tick();
                    let follow = if zero[guess] || (epoch > 0 && rng.next_f64() < 0.9) {
                        guess
                    } else {
                        best
                    };
                    let mut label = 0;
                    if follow == LEFT || follow == RIGHT {
                        let (h, d) = st.arc(follow);
                        let gold_label = gold.labels[d as usize];
                        if h == st.n {
                            label = parser.root_label();
                        } else {
                            label_features(&ctx, &st, h, d, &buf, &mut lbuf);
                            lscores.fill(0.0);
                            ltrainer.score(&lbuf, &mut lscores);
                            let lguess = parser.best_label(&lscores, false);
                            if gold.heads[d as usize] == h {
                                ltrainer.update(&lbuf, gold_label as usize, lguess as usize, 1.0);
                                ltrainer.tick();
                                label = gold_label;
                            } else {
                                label = lguess;
                            }
                        }
                    }
                    st.apply(follow, label);
                }
            }
            parser.weights = trainer.freeze(1e-3, min_updates);
            parser.label_weights = ltrainer.freeze(1e-3, min_updates);
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
