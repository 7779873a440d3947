//! A small worker pool for the commands that extract many articles: items are read on
//! one thread, worked on by several, and handed back in the order they were read, with a
//! bound on how many items (and how many bytes of them) are in flight at once.
//!
//! ```text
//!  reader ──(seq, item)──► worker 1..N ──(seq, result)──► caller: reorder, then `sink`
//!     ▲                                                          │
//!     └──────────────── budget: items and bytes in flight ◄──────┘
//! ```
//!
//! The reader takes room in the budget before it sends an item, and the caller gives the
//! room back once the item's result has gone through `sink`, so memory stays bounded
//! whatever the input size and however unevenly the workers progress. A worker that
//! panics on one item reports it as [`Panicked`] for that item; the others go on.

use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Condvar, Mutex, PoisonError};

/// How much may be in flight between the reader and the sink.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Limits {
    /// Items read and not yet through the sink.
    pub(crate) items: usize,
    /// Their weight in bytes (an item heavier than this still goes, alone).
    pub(crate) bytes: usize,
}

impl Limits {
    /// Room for a few batches of ordinary articles per worker, and 64 MiB of text.
    pub(crate) fn for_jobs(jobs: NonZeroUsize) -> Limits {
        Limits { items: 256usize.saturating_mul(jobs.get()).max(512), bytes: 64 << 20 }
    }
}

/// A worker panicked on this item: a bug in sitrep, reported for the one item.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Panicked(pub(crate) String);

/// Items handed to a worker at once, when the workers are busy.
///
/// Handing items over one by one costs a thread wake-up each way per item (about a tenth
/// of the work of extracting a short article); chunks cut that. A worker that waits for
/// work gets the items read so far at once, so a slow source (a pipe) is not held back.
const CHUNK: usize = 16;

/// One item on its way: its position in the source, its weight and the item or result.
type Slot<X> = (u64, usize, X);

/// Runs `work` on every item of `source` on `jobs` threads and passes each result to
/// `sink`, in the order of `source`; `weight` gives an item's size in bytes for
/// [`Limits::bytes`].
///
/// `source` is read on a thread of its own. When `sink` fails, reading stops, the items
/// in flight are dropped and the error is returned.
pub(crate) fn for_each_ordered<T, R>(
    jobs: NonZeroUsize,
    limits: Limits,
    source: impl Iterator<Item = T> + Send,
    weight: impl Fn(&T) -> usize + Send,
    work: impl Fn(T) -> R + Sync,
    mut sink: impl FnMut(Result<R, Panicked>) -> anyhow::Result<()>,
) -> anyhow::Result<()>
where
    T: Send,
    R: Send,
{
    let budget = Budget::new(limits);
    let idle = AtomicUsize::new(0);
    let (work_tx, work_rx) = mpsc::channel::<Vec<Slot<T>>>();
    let work_rx = Mutex::new(work_rx);
    let (done_tx, done_rx) = mpsc::channel::<Vec<Slot<Result<R, Panicked>>>>();
    std::thread::scope(|scope| {
        let (budget, idle) = (&budget, &idle);
        scope.spawn(move || {
            let mut chunk = Vec::with_capacity(CHUNK);
            for (seq, item) in (0u64..).zip(source) {
                let size = weight(&item);
                if !budget.try_take(size) {
                    // Hand over what is held before waiting: the room may only come back
                    // once those items are through.
                    if !chunk.is_empty() && work_tx.send(std::mem::take(&mut chunk)).is_err() {
                        return;
                    }
                    if !budget.take(size) {
                        return;
                    }
                }
                chunk.push((seq, size, item));
                let hungry = idle.load(Ordering::Acquire) > 0;
                if (chunk.len() >= CHUNK || hungry)
                    && work_tx
                        .send(std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK)))
                        .is_err()
                {
                    return;
                }
            }
            if !chunk.is_empty() {
                let _ = work_tx.send(chunk);
            }
        });
        for _ in 0..jobs.get() {
            let (work_rx, work, done_tx) = (&work_rx, &work, done_tx.clone());
            scope.spawn(move || {
                loop {
                    // The lock is held only while waiting for the next chunk.
                    idle.fetch_add(1, Ordering::AcqRel);
                    let next = work_rx.lock().unwrap_or_else(PoisonError::into_inner).recv();
                    idle.fetch_sub(1, Ordering::AcqRel);
                    let Ok(chunk) = next else { break };
                    let results = chunk
                        .into_iter()
                        .map(|(seq, size, item)| {
                            let result = catch_unwind(AssertUnwindSafe(|| work(item)))
                                .map_err(|payload| Panicked(panic_message(payload.as_ref())));
                            (seq, size, result)
                        })
                        .collect();
                    if done_tx.send(results).is_err() {
                        break;
                    }
                }
            });
        }
        drop(done_tx);
        // Closes the budget however this returns, so that a reader waiting for room stops.
        let _close = CloseOnDrop(budget);
        let mut pending = BTreeMap::new();
        let mut next = 0u64;
        for results in &done_rx {
            for (seq, size, result) in results {
                pending.insert(seq, (size, result));
            }
            while let Some((size, result)) = pending.remove(&next) {
                next += 1;
                sink(result)?;
                budget.give(size);
            }
        }
        Ok(())
    })
}

/// The message of a panic payload.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    if let Some(text) = payload.downcast_ref::<&str>() {
        (*text).to_string()
    } else if let Some(text) = payload.downcast_ref::<String>() {
        text.clone()
    } else {
        "a panic without a message".to_string()
    }
}

/// Room for items in flight, in items and bytes.
///
/// A reader that found no room is woken only once half the room is back (or nothing is
/// in flight), not after every item given back.
struct Budget {
    limits: Limits,
    state: Mutex<BudgetState>,
    freed: Condvar,
}

#[derive(Default)]
struct BudgetState {
    items: usize,
    bytes: usize,
    closed: bool,
    waiting: bool,
}

impl BudgetState {
    fn room(&self, limits: Limits, size: usize) -> bool {
        self.items < limits.items
            && (self.items == 0 || self.bytes.saturating_add(size) <= limits.bytes)
    }
}

impl Budget {
    fn new(limits: Limits) -> Budget {
        Budget { limits, state: Mutex::new(BudgetState::default()), freed: Condvar::new() }
    }

    /// Takes room for one item of `size` bytes if there is some now.
    fn try_take(&self, size: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        let room = !state.closed && state.room(self.limits, size);
        if room {
            state.items += 1;
            state.bytes = state.bytes.saturating_add(size);
        }
        room
    }

    /// Waits for room for one item of `size` bytes and takes it; `false` once closed.
    fn take(&self, size: usize) -> bool {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        loop {
            if state.closed {
                return false;
            }
            if state.room(self.limits, size) {
                state.waiting = false;
                state.items += 1;
                state.bytes = state.bytes.saturating_add(size);
                return true;
            }
            state.waiting = true;
            state = self.freed.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
    }

    /// Gives back the room of one item of `size` bytes.
    fn give(&self, size: usize) {
        let mut state = self.state.lock().unwrap_or_else(PoisonError::into_inner);
        state.items = state.items.saturating_sub(1);
        state.bytes = state.bytes.saturating_sub(size);
        let half_back = state.items <= self.limits.items / 2
            && state.bytes <= self.limits.bytes / 2
            || state.items == 0;
        if state.waiting && half_back {
            state.waiting = false;
            self.freed.notify_all();
        }
    }

    fn close(&self) {
        self.state.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        self.freed.notify_all();
    }
}

struct CloseOnDrop<'a>(&'a Budget);

impl Drop for CloseOnDrop<'_> {
    fn drop(&mut self) {
        self.0.close();
    }
}

#[cfg(test)]
mod tests {
    use std::sync::atomic::{AtomicUsize, Ordering};

    use super::*;

    fn jobs(n: usize) -> NonZeroUsize {
        NonZeroUsize::new(n).expect("tests use positive job counts")
    }

    #[test]
    fn results_come_in_source_order() {
        for n in [1, 2, 7] {
            let mut seen = Vec::new();
            let limits = Limits { items: 5, bytes: usize::MAX };
            for_each_ordered(
                jobs(n),
                limits,
                0..500u64,
                |_| 1,
                // Uneven work, so that workers finish out of order.
                |i| {
                    let spin = (i * 7919) % 2000;
                    (0..spin).fold(i, |a, b| a.wrapping_add(b) % 1_000_003);
                    i * 2
                },
                |r| {
                    seen.push(r.expect("no panic"));
                    Ok(())
                },
            )
            .expect("the sink never fails");
            assert_eq!(seen, (0..500).map(|i| i * 2).collect::<Vec<_>>(), "{n} jobs");
        }
    }

    #[test]
    fn no_more_than_the_limits_are_in_flight() {
        let in_flight = AtomicUsize::new(0);
        let most = AtomicUsize::new(0);
        let source = (0..300usize).inspect(|_| {
            let now = in_flight.fetch_add(1, Ordering::SeqCst) + 1;
            most.fetch_max(now, Ordering::SeqCst);
        });
        // Items weigh 10 bytes; 35 bytes allow 3 at once, fewer than the 8 items allowed.
        let limits = Limits { items: 8, bytes: 35 };
        for_each_ordered(
            jobs(4),
            limits,
            source,
            |_| 10,
            |i| i,
            |_| {
                in_flight.fetch_sub(1, Ordering::SeqCst);
                Ok(())
            },
        )
        .expect("the sink never fails");
        // One more than the budget: the reader counts an item before it asks for room.
        assert!(most.load(Ordering::SeqCst) <= 4, "{} in flight", most.load(Ordering::SeqCst));
    }

    #[test]
    fn a_failing_sink_stops_the_reader() {
        let read = AtomicUsize::new(0);
        let source = (0..1_000_000u32).inspect(|_| {
            read.fetch_add(1, Ordering::SeqCst);
        });
        let limits = Limits { items: 16, bytes: usize::MAX };
        let mut calls = 0;
        let result = for_each_ordered(
            jobs(2),
            limits,
            source,
            |_| 1,
            |i| i,
            |_| {
                calls += 1;
                if calls == 10 { Err(anyhow::anyhow!("the disk is full")) } else { Ok(()) }
            },
        );
        assert_eq!(result.expect_err("the sink failed").to_string(), "the disk is full");
        assert!(read.load(Ordering::SeqCst) < 100, "the reader went on");
    }

    #[test]
    fn a_panic_is_reported_for_its_item_and_the_rest_go_on() {
        let mut seen = Vec::new();
        for_each_ordered(
            jobs(3),
            Limits { items: 4, bytes: usize::MAX },
            0..20u32,
            |_| 1,
            |i| {
                assert!(i != 7, "item seven is cursed");
                i
            },
            |r| {
                seen.push(r.map_err(|p| p.0));
                Ok(())
            },
        )
        .expect("the sink never fails");
        assert_eq!(seen.len(), 20);
        assert_eq!(seen[7], Err("item seven is cursed".to_string()));
        assert_eq!(seen[8], Ok(8));
    }
}
