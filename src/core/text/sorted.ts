/**
 * The first index of `list` whose item `isBefore` says false, where the list holds every item
 * it says true of first (a sorted list and a "comes before" test): found by halving.
 */
export function partitionPoint<T>(list: readonly T[], isBefore: (item: T) => boolean): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (isBefore(list[mid])) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
