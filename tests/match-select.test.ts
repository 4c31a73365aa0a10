/**
 * The longest-match choice of `selectLongest` (and so of `findPhrases`)
 * against the rule written out plainly, with skipped tokens: clusters where
 * one candidate spans all the others take a short cut, and must agree.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {selectLongest, type PhraseMatch} from '../src/match.js'

/** Longest first, then earlier, then earlier candidate; never one over a skipped token. */
function reference(candidates: readonly PhraseMatch[], skipped: ReadonlySet<number>): PhraseMatch[] {
  const order = candidates
    .map((match, index) => ({match, index}))
    .sort((a, b) => b.match.last - b.match.first - (a.match.last - a.match.first) || a.match.first - b.match.first || a.index - b.index)
  const taken = new Set<number>()
  const kept: PhraseMatch[] = []
  for (const {match} of order) {
    let free = true
    for (let index = match.first; index <= match.last; index++) if (taken.has(index) || skipped.has(index)) free = false
    if (!free) continue
    for (let index = match.first; index <= match.last; index++) taken.add(index)
    kept.push(match)
  }
  return kept.sort((a, b) => a.first - b.first)
}

const candidate = fc.record({first: fc.nat(30), length: fc.nat(4), payload: fc.nat(3)}).map(({first, length, payload}) => ({first, last: first + length, payload}))

describe('selectLongest', () => {
  it('agrees with the plain rule, with and without skipped tokens', () => {
    fc.assert(
      fc.property(fc.array(candidate, {maxLength: 40}), fc.uniqueArray(fc.nat(34), {maxLength: 4}), (candidates, skip) => {
        const skipped = new Set(skip)
        expect(selectLongest(candidates)).toEqual(reference(candidates, new Set()))
        expect(selectLongest(candidates, (index) => skipped.has(index))).toEqual(reference(candidates, skipped))
      }),
      {numRuns: 2000}
    )
  })

  it('takes the one candidate that spans its cluster, or the next best when that one crosses a skipped token', () => {
    const cluster = [
      {first: 0, last: 0, payload: 0},
      {first: 0, last: 2, payload: 1},
      {first: 1, last: 2, payload: 2}
    ]
    expect(selectLongest(cluster)).toEqual([{first: 0, last: 2, payload: 1}])
    expect(selectLongest(cluster, (index) => index === 0)).toEqual([{first: 1, last: 2, payload: 2}])
  })
})
