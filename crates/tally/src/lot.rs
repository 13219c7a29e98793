//! Reproducible rehearsal lots from a published seed.

use rand_chacha::ChaCha20Rng;
use rand_core::{RngCore, SeedableRng};
use sha2::{Digest, Sha256};

/// Draws `places` of the `tied` candidates by lot, reproducibly, from a
/// published `seed` and a `context` that names the draw (contest, run and
/// purpose, so that one seed gives independent draws in different contests).
///
/// For rehearsals and training: at a real count the returning officer draws
/// the lot and its outcome is recorded as an input. The algorithm is fixed
/// and documented so anyone can check a draw:
///
/// 1. key = SHA-256 of `"countroom-lot-v1"`, a zero byte, the seed, a zero
///    byte, and the context (all UTF-8);
/// 2. a ChaCha20 generator is seeded with the key;
/// 3. the tied candidates, sorted ascending, are shuffled by Fisher–Yates
///    from the last position down, each swap index drawn uniformly in
///    `0..=i` by rejection sampling on the generator's `next_u64`;
/// 4. the first `places` candidates of the shuffled list are the winners,
///    in order.
#[must_use]
pub fn seeded_lot(seed: &str, context: &str, tied: &[usize], places: usize) -> Vec<usize> {
    let mut hasher = Sha256::new();
    hasher.update(b"countroom-lot-v1\0");
    hasher.update(seed.as_bytes());
    hasher.update([0u8]);
    hasher.update(context.as_bytes());
    let key: [u8; 32] = hasher.finalize().into();
    let mut rng = ChaCha20Rng::from_seed(key);
    let mut order = tied.to_vec();
    order.sort_unstable();
    for i in (1..order.len()).rev() {
        let j = uniform_below(&mut rng, i as u64 + 1);
        order.swap(i, j as usize);
    }
    order.truncate(places);
    order
}

/// A uniform integer in `0..n` (n ≥ 1), by rejection sampling.
fn uniform_below(rng: &mut ChaCha20Rng, n: u64) -> u64 {
    // The largest multiple of n that fits: values at or above it are redrawn.
    let zone = u64::MAX - (u64::MAX % n);
    loop {
        let x = rng.next_u64();
        if x < zone {
            return x % n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_inputs_same_draw() {
        let a = seeded_lot("2026-05-07 rehearsal", "abbey/1/election", &[3, 1, 2], 2);
        let b = seeded_lot("2026-05-07 rehearsal", "abbey/1/election", &[1, 2, 3], 2);
        assert_eq!(
            a, b,
            "the input order of the tied candidates does not matter"
        );
        assert_eq!(a.len(), 2);
        assert!(a.iter().all(|c| [1, 2, 3].contains(c)));
    }

    /// Pins the algorithm: a change here changes every recorded rehearsal.
    #[test]
    fn draw_is_pinned() {
        let draws: Vec<Vec<usize>> = (0..4)
            .map(|i| seeded_lot("seed", &format!("ctx{i}"), &[0, 1, 2, 3], 4))
            .collect();
        assert_eq!(draws, PINNED.iter().map(|d| d.to_vec()).collect::<Vec<_>>());
    }
    const PINNED: [[usize; 4]; 4] = [[3, 1, 2, 0], [2, 1, 3, 0], [1, 3, 2, 0], [2, 3, 1, 0]];

    /// Each candidate wins a one-place draw about a third of the time.
    #[test]
    fn draws_are_roughly_uniform() {
        let mut wins = [0u32; 3];
        for i in 0..3_000 {
            wins[seeded_lot("s", &i.to_string(), &[0, 1, 2], 1)[0]] += 1;
        }
        assert!(wins.iter().all(|&w| (850..1150).contains(&w)), "{wins:?}");
    }

    #[test]
    fn every_candidate_can_win() {
        let mut seen = [false; 3];
        for i in 0..200 {
            seen[seeded_lot("s", &i.to_string(), &[0, 1, 2], 1)[0]] = true;
        }
        assert_eq!(seen, [true; 3]);
    }
}
