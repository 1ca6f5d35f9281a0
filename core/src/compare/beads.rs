//! The bead model of sentence alignment (GUIDE §5): the bead shapes tried, their Gale–Church
//! priors as costs, the cost of a sentence left alone, and the dynamic programme that finds the
//! cheapest sequence of beads. `align` prices beads by their words; `refine` reuses the
//! programme on the gaps between confident pairs.

/// Cost of leaving one sentence unpaired.
pub(super) const SKIP: f64 = 0.5;
/// Scale of the bead priors (Gale–Church's −ln P(bead) relative to 1-1) in cost units.
const PRIOR_SCALE: f64 = 0.08;

/// Extra cost of a many-sentence bead: Gale–Church's priors (1-1 0.89, 2-1 0.089, 2-2 0.011),
/// extended to larger groups by the same factor per extra sentence.
pub(super) fn bead_penalty(da: usize, db: usize) -> f64 {
    // −ln(P / P(1-1)): 2-1 ≈ 2.30, 2-2 ≈ 4.39; each further sentence ≈ 2.30 more.
    let extra = (da + db - 2) as f64;
    let log_ratio = if da == 2 && db == 2 {
        4.39
    } else {
        2.30 * extra
    };
    PRIOR_SCALE * log_ratio
}
/// The bead shapes tried.
pub(super) const BEADS: [(usize, usize); 10] = [
    (1, 1),
    (1, 0),
    (0, 1),
    (2, 1),
    (1, 2),
    (2, 2),
    (3, 1),
    (1, 3),
    (4, 1),
    (1, 4),
];

/// Gale–Church's bead priors as costs: 0 for 1-1 and for a sentence left alone (whose cost is
/// [`SKIP`]), [`bead_penalty`] for merges.
pub(super) fn gale_church_penalties() -> [f64; BEADS.len()] {
    BEADS.map(|(da, db)| {
        if da == 0 || db == 0 {
            0.0
        } else {
            bead_penalty(da, db)
        }
    })
}

/// The cheapest sequence of beads from (0, 0) to (n, m) by dynamic programming: each bead
/// (i, j, da, db) covers A sentences i..i+da and B sentences j..j+db. `pair_cost` prices a
/// bead with both sides; one-sided beads cost [`SKIP`] per sentence; `penalty` is added per
/// bead shape (in the order of [`BEADS`]). Cells outside the band are not explored; if the
/// end is out of reach, the remaining sentences are left one-sided.
pub(super) fn best_path(
    n: usize,
    m: usize,
    penalty: &[f64; BEADS.len()],
    in_band: &dyn Fn(usize, usize) -> bool,
    pair_cost: impl Fn(usize, usize, usize, usize) -> f64,
) -> Vec<(usize, usize, usize, usize)> {
    let width = m + 1;
    let mut cost = vec![f64::INFINITY; (n + 1) * width];
    let mut back: Vec<(u8, u8)> = vec![(0, 0); (n + 1) * width];
    cost[0] = 0.0;
    for i in 0..=n {
        for j in 0..=m {
            let here = cost[i * width + j];
            if !here.is_finite() || !in_band(i, j) {
                continue;
            }
            for (k, (da, db)) in BEADS.into_iter().enumerate() {
                let (ni, nj) = (i + da, j + db);
                if ni > n || nj > m {
                    continue;
                }
                let c = if da == 0 || db == 0 {
                    SKIP * (da + db) as f64
                } else {
                    pair_cost(i, j, da, db)
                } + penalty[k];
                let total = here + c;
                if total < cost[ni * width + nj] {
                    cost[ni * width + nj] = total;
                    back[ni * width + nj] = (da as u8, db as u8);
                }
            }
        }
    }
    let mut path = Vec::new();
    let (mut i, mut j) = (n, m);
    while i > 0 || j > 0 {
        let (da, db) = match back[i * width + j] {
            // Unreachable cell (outside the band): one-sided rows.
            (0, 0) if i > 0 => (1, 0),
            (0, 0) => (0, 1),
            (da, db) => (da as usize, db as usize),
        };
        path.push((i - da, j - db, da, db));
        i -= da;
        j -= db;
    }
    path.reverse();
    path
}

/// The rows a path of beads makes: a bead with both sides is one row (scored by `score`); a
/// one-sided bead becomes one row per sentence. `a` and `b` are the sentence indices the path's
/// positions stand for.
pub(super) fn rows(
    path: &[(usize, usize, usize, usize)],
    a: &[usize],
    b: &[usize],
    score: &super::GroupScore,
) -> Vec<super::AlignedGroup> {
    use super::AlignedGroup;
    let mut out = Vec::new();
    for &(i, j, da, db) in path {
        let (ga, gb) = (&a[i..i + da], &b[j..j + db]);
        if da > 0 && db > 0 {
            out.push(AlignedGroup {
                a: ga.to_vec(),
                b: gb.to_vec(),
                score: score(ga, gb),
            });
        } else {
            out.extend(ga.iter().map(|&x| AlignedGroup {
                a: vec![x],
                b: vec![],
                score: 0.0,
            }));
            out.extend(gb.iter().map(|&y| AlignedGroup {
                a: vec![],
                b: vec![y],
                score: 0.0,
            }));
        }
    }
    out
}
