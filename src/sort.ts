/**
 * Sorting the short lists the stages make (a mention's cues, a line's
 * heading candidates): `Array.prototype.sort` costs about a microsecond to
 * set up, more than sorting two or three items by insertion.
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
