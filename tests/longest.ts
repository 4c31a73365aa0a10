/**
 * The longest-match rule of `selectLongest` (src/match.ts) written out
 * plainly, for tests to compare it with: longest first, then the earlier
 * first token, then the earlier candidate; never a candidate that overlaps
 * one kept already or covers a `skipped` token, except one with the span
 * of a kept one and a payload of its own. Kept ones in text order.
 */
import type {PhraseMatch} from '../src/match.js'

export function longestFirst(candidates: readonly PhraseMatch[], skipped: ReadonlySet<number> = new Set()): PhraseMatch[] {
  const order = candidates
    .map((match, index) => ({match, index}))
    .sort((a, b) => b.match.last - b.match.first - (a.match.last - a.match.first) || a.match.first - b.match.first || a.index - b.index)
  const taken = new Set<number>()
  const kept: PhraseMatch[] = []
  for (const {match} of order) {
    // A candidate with the span of one kept and another payload is kept too (one phrase, several payloads).
    const twin = kept.find((other) => other.first === match.first && other.last === match.last)
    if (twin) {
      if (!kept.some((other) => other.first === match.first && other.last === match.last && other.payload === match.payload)) kept.push(match)
      continue
    }
    let free = true
    for (let index = match.first; index <= match.last; index++) if (taken.has(index) || skipped.has(index)) free = false
    if (!free) continue
    for (let index = match.first; index <= match.last; index++) taken.add(index)
    kept.push(match)
  }
  return kept.sort((a, b) => a.first - b.first || a.last - b.last)
}
