/**
 * The longest-match choice of `selectLongest` (and so of `findPhrases`)
 * against the rule written out plainly, with skipped tokens: clusters where
 * one candidate spans all the others take a short cut, and must agree.
 */
import fc from 'fast-check'
import {describe, expect, it} from 'vitest'
import {selectLongest} from '../src/match.js'
import {longestFirst} from './longest.js'

const candidate = fc.record({first: fc.nat(30), length: fc.nat(4), payload: fc.nat(3)}).map(({first, length, payload}) => ({first, last: first + length, payload}))

describe('selectLongest', () => {
  it('agrees with the plain rule, with and without skipped tokens', () => {
    fc.assert(
      fc.property(fc.array(candidate, {maxLength: 40}), fc.uniqueArray(fc.nat(34), {maxLength: 4}), (candidates, skip) => {
        const skipped = new Set(skip)
        expect(selectLongest(candidates)).toEqual(longestFirst(candidates))
        expect(selectLongest(candidates, (index) => skipped.has(index))).toEqual(longestFirst(candidates, skipped))
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
