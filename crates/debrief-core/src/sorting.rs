//! The one stable sort the program uses.
//!
//! The standard library's sort is generic over the item and the comparison, so every call
//! site compiles its own copy of the whole algorithm: in the web app that was 39 copies and
//! about a twentieth of the module. Here the algorithm runs once, on positions, with the
//! comparison behind a `dyn`; each call site adds only a small wrapper and the moves that
//! put its items in the order found. Stable, like `slice::sort_by`: equal items keep their
//! order.

use std::cmp::Ordering;

/// Sorts `items` by `compare`, keeping equal items in their order.
pub fn sort_by<T>(items: &mut [T], mut compare: impl FnMut(&T, &T) -> Ordering) {
    let order = sorted_positions(items.len(), &mut |a, b| compare(&items[a], &items[b]));
    arrange(items, order);
}

/// Sorts `items` by the key `key` gives each, keeping items with equal keys in their order.
pub fn sort_by_key<T, K: Ord>(items: &mut [T], mut key: impl FnMut(&T) -> K) {
    sort_by(items, |a, b| key(a).cmp(&key(b)));
}

/// Sorts `items` in their own order.
pub fn sort<T: Ord>(items: &mut [T]) {
    sort_by(items, T::cmp);
}

/// The positions `0..len` in the order `compare` gives them: the only instance of the
/// standard sort in the program.
#[inline(never)]
fn sorted_positions(len: usize, compare: &mut dyn FnMut(usize, usize) -> Ordering) -> Vec<usize> {
    let mut order: Vec<usize> = (0..len).collect();
    #[allow(clippy::disallowed_methods)]
    order.sort_by(|&a, &b| compare(a, b));
    order
}

/// Moves the items so that position `i` holds what was at `order[i]`, following each cycle
/// of the permutation once; `order` marks the positions done.
fn arrange<T>(items: &mut [T], mut order: Vec<usize>) {
    for start in 0..items.len() {
        let mut at = start;
        loop {
            let from = order[at];
            order[at] = at;
            if from == start || from == at {
                break;
            }
            items.swap(at, from);
            at = from;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn sorts_as_the_standard_stable_sort_does(items in prop::collection::vec((0u8..6, any::<u16>()), 0..80)) {
            let mut expected = items.clone();
            #[allow(clippy::disallowed_methods)]
            expected.sort_by_key(|item| item.0);
            let mut sorted = items;
            sort_by_key(&mut sorted, |item| item.0);
            prop_assert_eq!(sorted, expected);
        }
    }

    #[test]
    fn sorts_in_place_through_every_cycle() {
        let mut words = vec!["d", "a", "c", "b", "e", "a"];
        sort(&mut words);
        assert_eq!(words, ["a", "a", "b", "c", "d", "e"]);
        let mut numbers = vec![3, 1, 2];
        sort_by(&mut numbers, |a, b| b.cmp(a));
        assert_eq!(numbers, [3, 2, 1]);
    }
}
