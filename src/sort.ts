/**
 * Sorting the short lists the stages make (a mention's cues, a line's
 * heading candidates): `Array.prototype.sort` costs about a microsecond to
 * set up, more than sorting two or three items by insertion. And finding
 * a place in a sorted list.
 */

/**
 * Sort `list` in place by `compare`, stably (equal items keep their order),
 * as `Array.prototype.sort` does; by insertion when it is short.
 */
export function sortSmall<T>(list: T[], compare: (a: T, b: T) => number): T[] {
  if (list.length > 16) return list.sort(compare)
  for (let index = 1; index < list.length; index++) {
    const item = list[index] as T
    let at = index
    for (; at > 0 && compare(list[at - 1] as T, item) > 0; at--) list[at] = list[at - 1] as T
    list[at] = item
  }
  return list
}

/**
 * The first of the indexes `[0, count)` for which `before` is false, by
 * binary search: `before` must be true up to some index and false from it
 * on ("the first token that starts at or after an offset").
 */
export function partition(count: number, before: (index: number) => boolean): number {
  let low = 0
  let high = count
  while (low < high) {
    const middle = (low + high) >>> 1
    if (before(middle)) low = middle + 1
    else high = middle
  }
  return low
}

/**
 * The first index in `matches` (phrase matches, mentions or sentences,
 * sorted by `first`) whose `first` is at least `token`. (`partition`
 * written out: this one runs for every cue and mention, where a call per
 * step would cost.)
 */
export function lowerBound(matches: readonly {readonly first: number}[], token: number): number {
  let low = 0
  let high = matches.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((matches[middle]?.first ?? 0) < token) low = middle + 1
    else high = middle
  }
  return low
}
