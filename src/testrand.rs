//! A small deterministic generator for the tests that compare an index with the scan it
//! replaced over many generated texts (xorshift64: the same sequence on every run).

/// A function that gives, for each `n`, a number below `n` (0 when `n` is 0), from a
/// sequence started at `seed`.
pub fn below(seed: u64) -> impl FnMut(usize) -> usize {
    let mut x = seed;
    move |n| {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        (x % n.max(1) as u64) as usize
    }
}
