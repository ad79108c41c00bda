//! Decoding: the tree a sentence's arc scores give, the best projective one
//! ([`eisner`]) or, for long sentences, each word's best head repaired into
//! a tree ([`to_tree`]).

/// Longest sentence decoded exactly ([`eisner`], cubic time); longer ones
/// keep their best heads, repaired by [`to_tree`].
pub(super) const EXACT_MAX: usize = 150;

/// The best projective tree with one word on the root (Eisner 1996) under
/// `scores` (as in [`to_tree`]), each word's scores normalised to log
/// probabilities over its heads.
pub(crate) fn eisner(scores: &[Vec<f32>]) -> Vec<u32> {
    let n = scores.len();
    let mut head = vec![0u32; n + 1];
    if n == 0 {
        return head;
    }
    let sc = log_probs(scores);
    let chart = Chart::fill(&sc, n);
    let idx = |a: usize, b: usize| a * chart.m + b;
    let (mut best, mut root) = (f32::NEG_INFINITY, 1);
    for r in 1..=n {
        let v = sc[0][r] + chart.cr[idx(1, r)] + chart.cl[idx(r, n)];
        if v > best {
            best = v;
            root = r;
        }
    }
    if !best.is_finite() {
        return to_tree(scores);
    }
    head[root] = 0;
    chart.backtrack(root, n, &mut head);
    head
}

/// `sc[h][d]`: log p(head `h` | word `d`) over positions `0..=n` from
/// `scores` (as in [`to_tree`]); `-∞` where a score is.
fn log_probs(scores: &[Vec<f32>]) -> Vec<Vec<f32>> {
    let n = scores.len();
    let mut sc = vec![vec![f32::NEG_INFINITY; n + 1]; n + 1];
    for d in 1..=n {
        let row = &scores[d - 1];
        let mx = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
        let z: f32 = row
            .iter()
            .filter(|x| x.is_finite())
            .map(|x| (x - mx).exp())
            .sum();
        let logz = mx + z.ln();
        for h in 0..=n {
            if h != d && row[h].is_finite() {
                sc[h][d] = row[h] - logz;
            }
        }
    }
    sc
}

/// Eisner's chart over words `1..=n` (flat, `m` = `n + 1` a row): the best
/// complete spans headed left (`cl`) and right (`cr`), incomplete spans
/// with the arc left→right (`il`) or right→left (`ir`), and the split
/// points that gave them.
struct Chart {
    m: usize,
    cl: Vec<f32>,
    cr: Vec<f32>,
    bcl: Vec<usize>,
    bcr: Vec<usize>,
    bi: Vec<usize>,
}

impl Chart {
    /// Fills the chart under the log probabilities `sc`.
    fn fill(sc: &[Vec<f32>], n: usize) -> Chart {
        let m = n + 1;
        let idx = |a: usize, b: usize| a * m + b;
        let neg = f32::NEG_INFINITY;
        let (mut cl, mut cr, mut il, mut ir) = (
            vec![neg; m * m],
            vec![neg; m * m],
            vec![neg; m * m],
            vec![neg; m * m],
        );
        let (mut bcl, mut bcr, mut bi) = (
            vec![0usize; m * m],
            vec![0usize; m * m],
            vec![0usize; m * m],
        );
        for a in 1..=n {
            cl[idx(a, a)] = 0.0;
            cr[idx(a, a)] = 0.0;
        }
        for len in 1..n {
            for a in 1..=n - len {
                let b = a + len;
                let (mut best, mut arg) = (neg, a);
                for r in a..b {
                    let v = cl[idx(a, r)] + cr[idx(r + 1, b)];
                    if v > best {
                        best = v;
                        arg = r;
                    }
                }
                il[idx(a, b)] = best + sc[a][b];
                ir[idx(a, b)] = best + sc[b][a];
                bi[idx(a, b)] = arg;
                let (mut best, mut arg) = (neg, a);
                for r in a + 1..=b {
                    let v = il[idx(a, r)] + cl[idx(r, b)];
                    if v > best {
                        best = v;
                        arg = r;
                    }
                }
                cl[idx(a, b)] = best;
                bcl[idx(a, b)] = arg;
                let (mut best, mut arg) = (neg, a);
                for r in a..b {
                    let v = cr[idx(a, r)] + ir[idx(r, b)];
                    if v > best {
                        best = v;
                        arg = r;
                    }
                }
                cr[idx(a, b)] = best;
                bcr[idx(a, b)] = arg;
            }
        }
        Chart {
            m,
            cl,
            cr,
            bcl,
            bcr,
            bi,
        }
    }

    /// Sets the heads of the best tree with word `root` on the root.
    fn backtrack(&self, root: usize, n: usize, head: &mut [u32]) {
        let idx = |a: usize, b: usize| a * self.m + b;
        // (span, kind): 0 complete-left, 1 complete-right, 2 incomplete a→b,
        // 3 incomplete b→a
        let mut stack = vec![(1, root, 1u8), (root, n, 0u8)];
        while let Some((a, b, kind)) = stack.pop() {
            if a >= b {
                continue;
            }
            match kind {
                0 => {
                    let r = self.bcl[idx(a, b)];
                    stack.push((a, r, 2));
                    stack.push((r, b, 0));
                }
                1 => {
                    let r = self.bcr[idx(a, b)];
                    stack.push((a, r, 1));
                    stack.push((r, b, 3));
                }
                _ => {
                    if kind == 2 {
                        head[b] = a as u32;
                    } else {
                        head[a] = b as u32;
                    }
                    let r = self.bi[idx(a, b)];
                    stack.push((a, r, 0));
                    stack.push((r + 1, b, 1));
                }
            }
        }
    }
}

/// Turns per-word head choices into a tree over positions `0..=n` (0 the
/// root): the word whose root arc scores best is the only one on the
/// root; other root children, and a word of each cycle, are attached to
/// their best head outside the cycle that keeps the tree acyclic, or to
/// the root word.
pub(crate) fn to_tree(scores: &[Vec<f32>]) -> Vec<u32> {
    // scores[i - 1][j]: word i (1-based) headed by position j
    let n = scores.len();
    let mut head = vec![0u32; n + 1];
    for i in 1..=n {
        let row = &scores[i - 1];
        let mut best = 0;
        for j in 0..=n {
            if j != i && row[j] > row[best] {
                best = j;
            }
        }
        head[i] = best as u32;
    }
    if n == 0 {
        return head;
    }
    // one root word: the best-scoring root arc among those choosing it, or
    // overall when none does
    let candidates: Vec<usize> = (1..=n).filter(|&i| head[i] == 0).collect();
    let pool: Vec<usize> = if candidates.is_empty() {
        (1..=n).collect()
    } else {
        candidates
    };
    let root = pool
        .iter()
        .copied()
        .max_by(|&a, &b| {
            scores[a - 1][0]
                .total_cmp(&scores[b - 1][0])
                .then(b.cmp(&a))
        })
        .unwrap_or(1);
    head[root] = 0;
    for i in 1..=n {
        if i != root && head[i] == 0 {
            head[i] = root as u32;
        }
    }
    break_cycles(scores, root, &mut head);
    head
}

/// Re-attaches a word of each cycle in `head` so that every word reaches
/// the `root` word: to its best head outside the cycle that reaches the
/// root, or to the root word.
fn break_cycles(scores: &[Vec<f32>], root: usize, head: &mut [u32]) {
    let n = scores.len();
    let reaches = |head: &[u32], i: usize| -> bool {
        let mut at = i;
        for _ in 0..=n {
            if at == root {
                return true;
            }
            at = head[at] as usize;
        }
        false
    };
    for i in 1..=n {
        if reaches(head, i) {
            continue;
        }
        // the cycle i leads into
        let mut at = i;
        let mut seen = vec![false; n + 1];
        while !seen[at] {
            seen[at] = true;
            at = head[at] as usize;
        }
        let mut cycle = vec![at];
        let mut k = head[at] as usize;
        while k != at {
            cycle.push(k);
            k = head[k] as usize;
        }
        let in_cycle = |x: usize| cycle.contains(&x);
        // best re-attachment of a cycle word to a word that reaches the root
        let mut best: Option<(f32, usize, usize)> = None;
        for &c in &cycle {
            for j in 1..=n {
                if j != c && !in_cycle(j) && reaches(head, j) {
                    let gain = scores[c - 1][j] - scores[c - 1][head[c] as usize];
                    if best.is_none_or(|(b, _, _)| gain > b) {
                        best = Some((gain, c, j));
                    }
                }
            }
        }
        match best {
            Some((_, c, j)) => head[c] = j as u32,
            None => head[cycle[0]] = root as u32,
        }
    }
}
