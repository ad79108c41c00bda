//! The parser's features: of the next action (Zhang & Nivre 2011 templates
//! and a few more) and of the label of a new arc.

use super::{NIL, NONE, ParseInput, ROOT, State};
use crate::perceptron::{feat, mix};

/// Feature context: per-position word and tag values, with `NIL`/`ROOT`.
pub(super) struct Ctx<'a> {
    input: &'a ParseInput<'a>,
    n: u32,
    /// `punct[i]`: punctuation words among the first `i`.
    punct: Vec<u32>,
}

impl<'a> Ctx<'a> {
    pub(super) fn new(input: &'a ParseInput<'a>) -> Ctx<'a> {
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

/// The positions around a parser state that the action features read, and
/// the words and tags there.
struct Window {
    s0: u32,
    s1: u32,
    b0: u32,
    s0h: u32,
    s0h2: u32,
    s0l: u32,
    s0r: u32,
    s0l2: u32,
    s0r2: u32,
    b0l: u32,
    b0l2: u32,
    s0w: u64,
    s0t: u64,
    b0w: u64,
    b0t: u64,
    b1w: u64,
    b1t: u64,
    b2w: u64,
    b2t: u64,
    s0wt: u64,
    b0wt: u64,
    b1wt: u64,
    s0ht: u64,
    s0lt: u64,
    s0rt: u64,
    b0lt: u64,
    /// The distance from `s0` to `b0`, capped at 5 (0 without both).
    d: u64,
}

impl Window {
    #[inline]
    fn new(ctx: &Ctx<'_>, st: &State) -> Window {
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
        let (s0l, s0r, b0l) = (get(&st.l1, s0), get(&st.r1, s0), get(&st.l1, b0));
        let (s0w, s0t, b0w, b0t) = (ctx.w(s0), ctx.t(s0), ctx.w(b0), ctx.t(b0));
        let (b1w, b1t) = (ctx.w(b1), ctx.t(b1));
        Window {
            s0,
            s1,
            b0,
            s0h,
            s0h2: get(&st.head, s0h),
            s0l,
            s0r,
            s0l2: get(&st.l2, s0),
            s0r2: get(&st.r2, s0),
            b0l,
            b0l2: get(&st.l2, b0),
            s0w,
            s0t,
            b0w,
            b0t,
            b1w,
            b1t,
            b2w: ctx.w(b2),
            b2t: ctx.t(b2),
            s0wt: mix(s0w, s0t),
            b0wt: mix(b0w, b0t),
            b1wt: mix(b1w, b1t),
            s0ht: ctx.t(s0h),
            s0lt: ctx.t(s0l),
            s0rt: ctx.t(s0r),
            b0lt: ctx.t(b0l),
            d: if s0 != NONE && b0 != NONE {
                u64::from((b0 - s0).min(5))
            } else {
                0
            },
        }
    }
}

/// The features of the parser's next action in state `st`, into `out`.
pub(super) fn action_features(ctx: &Ctx<'_>, st: &State, out: &mut Vec<u64>) {
    out.clear();
    let w = Window::new(ctx, st);
    let mut f = |id: u64, a: u64, b: u64| out.push(feat(1000 + id, a, b));
    first_order(st, &w, &mut f);
    higher_order(ctx, st, &w, &mut f);
    state_features(ctx, st, &w, &mut f);
}

/// Action features 0–37: single words, pairs, triples, distance, valency.
#[inline]
fn first_order(st: &State, w: &Window, f: &mut impl FnMut(u64, u64, u64)) {
    let Window {
        s0,
        b0,
        s0w,
        s0t,
        b0w,
        b0t,
        b1w,
        b1t,
        b2w,
        b2t,
        s0wt,
        b0wt,
        b1wt,
        s0ht,
        s0lt,
        s0rt,
        b0lt,
        d,
        ..
    } = *w;
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
    f(22, mix(s0ht, s0t), b0t);
    f(23, mix(s0t, s0lt), b0t);
    f(24, mix(s0t, s0rt), b0t);
    f(25, mix(s0t, b0t), b0lt);
    // Distance.
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
}

/// Action features 38–65: the heads and children of `s0` and `b0`, and
/// theirs.
#[inline]
fn higher_order(ctx: &Ctx<'_>, st: &State, w: &Window, f: &mut impl FnMut(u64, u64, u64)) {
    let Window {
        s0,
        s0h,
        s0h2,
        s0l,
        s0r,
        s0l2,
        s0r2,
        b0l,
        b0l2,
        s0t,
        b0t,
        s0ht,
        s0lt,
        s0rt,
        b0lt,
        ..
    } = *w;
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
}

/// Action features 66–93: label sets, the second stack item, whether `s0`
/// has a head, and punctuation between `s0` and `b0`.
#[inline]
fn state_features(ctx: &Ctx<'_>, st: &State, w: &Window, f: &mut impl FnMut(u64, u64, u64)) {
    let Window {
        s0,
        s1,
        b0,
        s0h,
        s0w,
        s0t,
        b0w,
        b0t,
        b1w,
        b1t,
        s0ht,
        s0rt,
        d,
        ..
    } = *w;
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
pub(super) fn label_features(
    ctx: &Ctx<'_>,
    st: &State,
    h: u32,
    d: u32,
    action: &[u64],
    out: &mut Vec<u64>,
) {
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
