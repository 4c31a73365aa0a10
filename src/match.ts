/**
 * Stage 5: lexicon matches.
 *
 * Walks a word trie over the tokens in one pass: whole words, any case except
 * abbreviations (see `wordKey`), and tolerant of spaces, hyphens and a single
 * line break between the words of a phrase. Where matches overlap, the one
 * with more tokens wins and the shorter one is tried again elsewhere, so
 * "subchondral bone marrow oedema" gives "subchondral" + "bone marrow oedema"
 * even though "subchondral bone" is also a phrase.
 */
import type {TrieNode} from './lexicon/compile.js'
import {isAbbreviation, WORD, type Tokens} from './tokens.js'

export interface PhraseMatch {
  /** First token. */
  first: number
  /** Last token (inclusive). */
  last: number
  /** Payload stored with the phrase in the trie. */
  payload: number
}

/** The trie child for token `index`: abbreviations first, then lower case. */
function step(node: TrieNode, tokens: Tokens, index: number, out: TrieNode[]): void {
  const next = node.next
  if (!next) return
  const raw = tokens.raw[index] ?? ''
  if (tokens.kind[index] !== WORD) {
    const child = next.get(raw)
    if (child) out.push(child)
    return
  }
  if (isAbbreviation(raw)) {
    const exact = next.get('=' + raw)
    if (exact) out.push(exact)
  }
  const child = next.get(tokens.lower[index] ?? '')
  if (child && !out.includes(child)) out.push(child)
}

/** Whether the gap between tokens `index - 1` and `index` may sit inside a phrase. */
export function joinable(text: string, tokens: Tokens, index: number): boolean {
  const from = tokens.end[index - 1] ?? 0
  const to = tokens.start[index] ?? 0
  let breaks = 0
  for (let offset = from; offset < to; offset++) {
    const code = text.charCodeAt(offset)
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(offset + 1) !== 0x0a) || code === 0x2028 || code === 0x2029) {
      breaks++
      if (breaks > 1) return false
    }
  }
  return true
}

/** Every phrase of `trie` that starts at token `first`, longest last. */
export function phrasesAt(
  text: string,
  tokens: Tokens,
  trie: TrieNode,
  first: number,
  limit: number,
  out: PhraseMatch[]
): void {
  let frontier: TrieNode[] = [trie]
  for (let index = first; index < limit && frontier.length > 0; index++) {
    if (index > first && !joinable(text, tokens, index)) return
    const next: TrieNode[] = []
    for (const node of frontier) step(node, tokens, index, next)
    for (const node of next) {
      if (node.ends) for (const payload of node.ends) out.push({first, last: index, payload})
    }
    frontier = next
  }
}

/**
 * All non-overlapping matches of `trie` among tokens `[from, to)`, in text
 * order. `skip(index)` excludes tokens (for example section headings).
 */
export function findPhrases(
  text: string,
  tokens: Tokens,
  trie: TrieNode,
  from = 0,
  to = tokens.length,
  skip?: (index: number) => boolean
): PhraseMatch[] {
  const candidates: PhraseMatch[] = []
  const roots = trie.next
  if (!roots) return candidates
  for (let index = from; index < to; index++) {
    if (skip?.(index)) continue
    phrasesAt(text, tokens, trie, index, to, candidates)
  }
  return selectLongest(candidates, skip)
}

/**
 * Keep the longest of overlapping candidates (ties: the earlier one, then the
 * earlier payload), and return the kept ones in text order.
 */
export function selectLongest(candidates: PhraseMatch[], skip?: (index: number) => boolean): PhraseMatch[] {
  if (candidates.length < 2) {
    return skip ? candidates.filter((match) => !spansSkipped(match, skip)) : candidates
  }
  const order = candidates
    .map((match, index) => ({match, index}))
    .sort(
      (a, b) =>
        b.match.last - b.match.first - (a.match.last - a.match.first) ||
        a.match.first - b.match.first ||
        a.index - b.index
    )
  const taken = new Set<number>()
  const kept: PhraseMatch[] = []
  for (const {match} of order) {
    let free = true
    for (let index = match.first; index <= match.last; index++) {
      if (taken.has(index) || skip?.(index)) {
        free = false
        break
      }
    }
    if (!free) continue
    for (let index = match.first; index <= match.last; index++) taken.add(index)
    kept.push(match)
  }
  return kept.sort((a, b) => a.first - b.first)
}

function spansSkipped(match: PhraseMatch, skip: (index: number) => boolean): boolean {
  for (let index = match.first; index <= match.last; index++) if (skip(index)) return true
  return false
}

/** First index in `matches` (sorted by `first`) whose `first` is at least `token`. */
export function lowerBound(matches: readonly PhraseMatch[], token: number): number {
  let low = 0
  let high = matches.length
  while (low < high) {
    const middle = (low + high) >>> 1
    if ((matches[middle]?.first ?? 0) < token) low = middle + 1
    else high = middle
  }
  return low
}
