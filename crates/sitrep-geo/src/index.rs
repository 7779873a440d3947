//! The name index: folded keys, each with the places it names, stored compactly.
//!
//! About 700,000 keys would cost a heap allocation each in a `HashMap<Box<str>, _>`; here
//! they live in one string, found through an open-addressing table of key numbers, and
//! their place references in one list. Lookups hash the key once and compare bytes.

/// Interns keys while the gazetteer loads, then answers lookups.
#[derive(Debug)]
pub(crate) struct NameIndex {
    /// Every key, concatenated in the order first seen.
    text: String,
    /// Key `n` is `text[bounds[n]..bounds[n + 1]]`; starts with 0.
    bounds: Vec<u32>,
    /// Open-addressing table (linear probing) of key number + 1; 0 is an empty slot.
    slots: Vec<u32>,
    /// The references of key `n` are `refs[ref_bounds[n]..ref_bounds[n + 1]]` once sealed.
    ref_bounds: Vec<u32>,
    refs: Vec<u32>,
}

/// FNV-1a: deterministic, and fast enough for short keys.
fn hash(key: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for &byte in key {
        h ^= u64::from(byte);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    h
}

impl NameIndex {
    /// An empty index sized for about `keys` keys.
    pub(crate) fn with_capacity(keys: usize, bytes: usize) -> NameIndex {
        let mut index = NameIndex {
            text: String::with_capacity(bytes),
            bounds: Vec::with_capacity(keys + 1),
            slots: vec![0; (keys.max(8) * 2).next_power_of_two()],
            ref_bounds: Vec::new(),
            refs: Vec::new(),
        };
        index.bounds.push(0);
        index
    }

    /// Number of keys.
    pub(crate) fn len(&self) -> usize {
        self.bounds.len().saturating_sub(1)
    }

    fn key(&self, number: usize) -> &str {
        let (Some(&start), Some(&end)) = (self.bounds.get(number), self.bounds.get(number + 1))
        else {
            return "";
        };
        self.text.get(start as usize..end as usize).unwrap_or("")
    }

    /// The slot holding `key`, or the empty slot where it would go.
    fn slot(&self, key: &str) -> usize {
        let mask = self.slots.len() - 1;
        #[expect(clippy::cast_possible_truncation, reason = "masked to the table size")]
        let mut at = (hash(key.as_bytes()) as usize) & mask;
        loop {
            match self.slots[at] {
                0 => return at,
                n if self.key(n as usize - 1) == key => return at,
                _ => at = (at + 1) & mask,
            }
        }
    }

    /// The number of `key`, adding it when new; `None` past `u32` limits.
    pub(crate) fn intern(&mut self, key: &str) -> Option<u32> {
        let at = self.slot(key);
        if self.slots[at] != 0 {
            return Some(self.slots[at] - 1);
        }
        let number = u32::try_from(self.len()).ok()?;
        let end = u32::try_from(self.text.len() + key.len()).ok()?;
        self.text.push_str(key);
        self.bounds.push(end);
        self.slots[at] = number + 1;
        if self.len() * 2 > self.slots.len() {
            self.grow();
        }
        Some(number)
    }

    fn grow(&mut self) {
        let size = self.slots.len() * 2;
        self.slots = vec![0; size];
        for number in 0..self.len() {
            let at = self.slot(self.key(number));
            #[expect(clippy::cast_possible_truncation, reason = "key numbers fit u32 (intern)")]
            let value = number as u32 + 1;
            self.slots[at] = value;
        }
    }

    /// Fixes the references: `pairs` of (key number, reference), grouped by key and, within
    /// a key, by `order`; for each key and entry only the first reference is kept.
    pub(crate) fn seal<K: Ord>(
        &mut self,
        mut pairs: Vec<(u32, u32)>,
        entry_of: impl Fn(u32) -> u32,
        order: impl Fn(u32) -> K,
    ) {
        pairs.sort_unstable_by(|a, b| a.0.cmp(&b.0).then_with(|| order(a.1).cmp(&order(b.1))));
        let keys = self.len();
        let mut refs: Vec<u32> = Vec::with_capacity(pairs.len());
        let mut ref_bounds: Vec<u32> = Vec::with_capacity(keys + 1);
        let mut pairs = pairs.into_iter().peekable();
        for key in 0..keys {
            ref_bounds.push(u32::try_from(refs.len()).unwrap_or(u32::MAX));
            let mut last_entry = u32::MAX;
            while let Some(&(k, reference)) = pairs.peek() {
                if k as usize != key {
                    break;
                }
                if entry_of(reference) != last_entry {
                    refs.push(reference);
                    last_entry = entry_of(reference);
                }
                pairs.next();
            }
        }
        ref_bounds.push(u32::try_from(refs.len()).unwrap_or(u32::MAX));
        refs.shrink_to_fit();
        self.text.shrink_to_fit();
        self.bounds.shrink_to_fit();
        self.refs = refs;
        self.ref_bounds = ref_bounds;
    }

    /// The stored key and its references, when `key` is known and names something.
    pub(crate) fn get(&self, key: &str) -> Option<(&str, &[u32])> {
        if self.slots.is_empty() {
            return None;
        }
        let number = self.slots[self.slot(key)].checked_sub(1)? as usize;
        let (&start, &end) = (self.ref_bounds.get(number)?, self.ref_bounds.get(number + 1)?);
        let refs = self.refs.get(start as usize..end as usize)?;
        (!refs.is_empty()).then(|| (self.key(number), refs))
    }

    /// Number of keys that name something.
    pub(crate) fn named_keys(&self) -> usize {
        self.ref_bounds.windows(2).filter(|w| w[1] > w[0]).count()
    }

    /// Heap bytes held, for the memory report.
    pub(crate) fn heap_bytes(&self) -> usize {
        self.text.capacity()
            + 4 * (self.bounds.capacity()
                + self.slots.capacity()
                + self.ref_bounds.capacity()
                + self.refs.capacity())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn interns_grows_and_finds() {
        let mut index = NameIndex::with_capacity(2, 4);
        let words: Vec<String> = (0..1000).map(|n| format!("key {n}")).collect();
        let mut pairs = Vec::new();
        for (n, word) in words.iter().enumerate() {
            let number = index.intern(word).expect("small index");
            assert_eq!(number as usize, n);
            pairs.push((number, u32::try_from(n).expect("small")));
        }
        assert_eq!(index.intern("key 7"), Some(7));
        let orphan = index.intern("no refs").expect("small index");
        index.seal(pairs, |r| r, |r| (r, false, false));
        assert_eq!(index.len(), 1001);
        assert_eq!(index.named_keys(), 1000);
        assert_eq!(index.get("key 512"), Some(("key 512", &[512][..])));
        assert_eq!(index.get("key 1000"), None);
        assert_eq!(index.get("no refs"), None, "key {orphan} has no references");
        assert_eq!(index.get(""), None);
    }

    #[test]
    fn keeps_one_reference_per_entry_in_order() {
        let mut index = NameIndex::with_capacity(4, 16);
        let a = index.intern("a").expect("small");
        // Entry 5 twice: the reference with the smaller order wins.
        let pairs = vec![(a, 5 | 0x100), (a, 3), (a, 5)];
        index.seal(pairs, |r| r & 0xff, |r| (r & 0xff, r & 0x100 == 0, false));
        assert_eq!(index.get("a"), Some(("a", &[3, 5 | 0x100][..])));
    }
}
