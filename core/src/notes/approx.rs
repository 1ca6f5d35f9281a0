//! Approximate substring search with Myers' bit-parallel algorithm (multi-word blocks as in
//! Hyyrö and edlib): every place where a pattern of `m` chars matches the text with at most `k`
//! edits, in O(⌈m/64⌉ · n) word operations instead of the O(m · n) of the plain dynamic
//! programme. Anchoring uses it to find a changed quote again.

use std::collections::HashMap;

const HIGH: u64 = 1 << 63;

/// The match vectors of a pattern: for each char, the bits of the positions where it occurs.
pub struct Pattern {
    blocks: usize,
    len: usize,
    ascii: Vec<u64>,
    other: HashMap<char, Vec<u64>>,
    zero: Vec<u64>,
}

impl Pattern {
    /// Prepares a pattern (non-empty).
    pub fn new(pattern: &[char]) -> Pattern {
        let blocks = pattern.len().div_ceil(64).max(1);
        let mut ascii = vec![0u64; 128 * blocks];
        let mut other: HashMap<char, Vec<u64>> = HashMap::new();
        for (i, &c) in pattern.iter().enumerate() {
            let (b, bit) = (i / 64, 1u64 << (i % 64));
            if (c as u32) < 128 {
                ascii[c as usize * blocks + b] |= bit;
            } else {
                other.entry(c).or_insert_with(|| vec![0; blocks])[b] |= bit;
            }
        }
        Pattern {
            blocks,
            len: pattern.len(),
            ascii,
            other,
            zero: vec![0; blocks],
        }
    }

    fn eq(&self, c: char) -> &[u64] {
        if (c as u32) < 128 {
            let i = c as usize * self.blocks;
            &self.ascii[i..i + self.blocks]
        } else {
            self.other.get(&c).map_or(&self.zero, Vec::as_slice)
        }
    }
}

/// One step of one block: the vertical deltas `pv`/`mv` advance by one text char; `hin` is the
/// horizontal delta coming in from the block above (−1, 0, +1); returns the one going out of
/// the block's row `out_bit`.
fn step(pv: &mut u64, mv: &mut u64, eq: u64, hin: i32, out_bit: u64) -> i32 {
    let hin_neg = u64::from(hin < 0);
    let xv = eq | *mv;
    let eq = eq | hin_neg;
    let xh = ((eq & *pv).wrapping_add(*pv) ^ *pv) | eq;
    let mut ph = *mv | !(xh | *pv);
    let mut mh = *pv & xh;
    let hout = i32::from(ph & out_bit != 0) - i32::from(mh & out_bit != 0);
    ph <<= 1;
    mh <<= 1;
    mh |= hin_neg;
    ph |= u64::from(hin > 0);
    *pv = mh | !(xv | ph);
    *mv = ph & xv;
    hout
}

/// Every end position `e` (exclusive, in chars) where the pattern matches `text[s..e]` for some
/// `s` with at most `k` edits, with that smallest distance: `(distance, end)` in text order.
pub fn match_ends(text: &[char], pattern: &Pattern, k: usize) -> Vec<(usize, usize)> {
    let m = pattern.len;
    let blocks = pattern.blocks;
    let mut pv = vec![u64::MAX; blocks];
    let mut mv = vec![0u64; blocks];
    let last_bit = 1u64 << ((m - 1) % 64);
    let mut score = m;
    let mut out = Vec::new();
    for (j, &c) in text.iter().enumerate() {
        let eq = pattern.eq(c);
        // Searching: the top row is all zeros, so nothing comes in from above the first block.
        let mut h = 0;
        for b in 0..blocks {
            let bit = if b + 1 == blocks { last_bit } else { HIGH };
            h = step(&mut pv[b], &mut mv[b], eq[b], h, bit);
        }
        score = (score as i64 + i64::from(h)) as usize;
        if score <= k {
            out.push((score, j + 1));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    /// The plain dynamic programme (Sellers), the oracle.
    fn naive(text: &[char], pattern: &[char], k: usize) -> Vec<(usize, usize)> {
        let m = pattern.len();
        let mut col: Vec<usize> = (0..=m).collect();
        let mut out = Vec::new();
        for (j, &c) in text.iter().enumerate() {
            let mut diag = col[0];
            col[0] = 0;
            for i in 1..=m {
                let up = col[i];
                col[i] = (diag + usize::from(pattern[i - 1] != c))
                    .min(col[i - 1] + 1)
                    .min(up + 1);
                diag = up;
            }
            if col[m] <= k {
                out.push((col[m], j + 1));
            }
        }
        out
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(300))]
        #[test]
        fn agrees_with_the_plain_dynamic_programme(
            text in "[abcé ]{0,300}",
            pattern in "[abcé ]{1,150}",
            k in 0usize..40,
        ) {
            let t: Vec<char> = text.chars().collect();
            let p: Vec<char> = pattern.chars().collect();
            prop_assert_eq!(match_ends(&t, &Pattern::new(&p), k), naive(&t, &p, k));
        }
    }

    #[test]
    fn finds_a_long_pattern_across_blocks() {
        let quote: String = (0..200)
            .map(|i| (b'a' + (i * 7 % 26) as u8) as char)
            .collect();
        let text = format!("xxxx{}yyyy", quote.replacen('h', "H", 3));
        let t: Vec<char> = text.chars().collect();
        let p: Vec<char> = quote.chars().collect();
        let ends = match_ends(&t, &Pattern::new(&p), 5);
        assert!(ends.contains(&(3, 204)), "{ends:?}");
        assert_eq!(ends, naive(&t, &p, 5));
    }
}
