//! Hash maps and sets for the pipeline's own keys, hashed with foldhash from a fixed seed.
//!
//! Every stage keeps many small maps (interned texts, bigram sets, memos, buckets); SipHash
//! was ~3.5% of a run's instructions over them (BENCHMARKS.md, session 21). foldhash is
//! several times cheaper on short keys. The seed is fixed, so nothing about a map depends on
//! the process: output never follows a map's order anyway (the report is sorted), and with
//! a fixed seed not even the order of work does. Keys come from the documents checked, and a
//! crafted document could make a fixed hash collide often; the maps are per document or per
//! run, and at worst such a document is slow to check, never wrong.

/// A `std` hash map hashed with foldhash from a fixed seed (or with `S`). Build one with
/// `HashMap::default()` (`new` is only for the random-seeded `std` hasher).
pub type HashMap<K, V, S = foldhash::fast::FixedState> = std::collections::HashMap<K, V, S>;

/// A `std` hash set hashed with foldhash from a fixed seed (or with `S`).
pub type HashSet<K, S = foldhash::fast::FixedState> = std::collections::HashSet<K, S>;
