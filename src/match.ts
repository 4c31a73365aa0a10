/**
 * Stage 5: lexicon matches.
 *
 * Each token is looked up once in the lexicon's vocabulary (by the hash the
 * tokenizer recorded, no strings made), then a word trie is walked over the
 * ids: whole words, any case except abbreviations (see `wordKey`), and
 * tolerant of spaces, hyphens and a single line break between the words of a
 * phrase. Where matches overlap, the one with more tokens wins and the
 * shorter one is tried again elsewhere, so "subchondral bone marrow oedema"
 * gives "subchondral" + "bone marrow oedema" even though "subchondral bone"
 * is also a phrase.
 */
import type {TrieNode, Vocabulary} from './lexicon/compile.js'
import {HAS_LOWER, HAS_UPPER, NON_ASCII, WORD, type Tokens} from './tokens.js'

export interface PhraseMatch {
  /** First token. */
  first: number
  /** Last token (inclusive). */
  last: number
  /** Payload stored with the phrase in the trie. */
  payload: number
}

/** Vocabulary ids of every token: any-case key and abbreviation key (-1: not in the lexicon). */
export interface WordIds {
  vocabulary: Vocabulary
  lower: Int32Array
  exact: Int32Array
}

const idCache = new WeakMap<Tokens, WordIds>()

/** Whether token `index` spells `key` (its lower-case form for a word, as written otherwise). */
function spells(tokens: Tokens, index: number, key: string): boolean {
  const text = tokens.text
  const from = tokens.start[index] ?? 0
  const to = tokens.end[index] ?? 0
  if (((tokens.flags[index] ?? 0) & NON_ASCII) !== 0) {
    const raw = text.slice(from, to)
    return (tokens.kind[index] === WORD ? raw.toLowerCase() : raw) === key
  }
  if (to - from !== key.length) return false
  for (let offset = from; offset < to; offset++) {
    let code = text.charCodeAt(offset)
    if (code <= 0x5a && code >= 0x41) code |= 0x20
    if (code !== key.charCodeAt(offset - from)) return false
  }
  return true
}

/** Look every token up in `vocabulary` (memoised per token list and vocabulary). */
export function wordIds(tokens: Tokens, vocabulary: Vocabulary): WordIds {
  const cached = idCache.get(tokens)
  if (cached?.vocabulary === vocabulary) return cached
  const length = tokens.length
  const lower = new Int32Array(length).fill(-1)
  const exact = new Int32Array(length).fill(-1)
  const {table, mask, hashes, lowers, ids} = vocabulary
  const {hash, flags, kind, start, end, text} = tokens
  for (let index = 0; index < length; index++) {
    const key = hash[index] ?? 0
    let entry = -1
    for (let slot = key & mask; ; slot = (slot + 1) & mask) {
      const candidate = (table[slot] ?? 0) - 1
      if (candidate < 0) break
      if (hashes[candidate] === key && spells(tokens, index, lowers[candidate] ?? '')) {
        entry = candidate
        break
      }
    }
    if (entry < 0) continue
    lower[index] = ids[entry] ?? -1
    const spellings = vocabulary.exact[entry]
    const f = flags[index] ?? 0
    if (spellings && kind[index] === WORD && (f & (HAS_UPPER | HAS_LOWER)) === HAS_UPPER && (end[index] ?? 0) - (start[index] ?? 0) >= 2) {
      const raw = text.slice(start[index], end[index])
      for (const spelling of spellings) if (spelling.spelling === raw) exact[index] = spelling.id
    }
  }
  const result = {vocabulary, lower, exact}
  idCache.set(tokens, result)
  return result
}

function idsFor(tokens: Tokens, trie: TrieNode): WordIds | undefined {
  return trie.vocabulary ? wordIds(tokens, trie.vocabulary) : undefined
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

/**
 * Follow the trie from `node` over tokens `index`, `index + 1`, ... below
 * `limit`, recording every phrase end. A token in capitals may follow two
 * keys (its spelling and its lower-case form); the spelling goes first.
 */
function walk(
  text: string,
  tokens: Tokens,
  ids: WordIds,
  node: TrieNode,
  first: number,
  index: number,
  limit: number,
  out: PhraseMatch[]
): void {
  for (; index < limit; index++) {
    const next = node.next
    if (!next || (index > first && !joinable(text, tokens, index))) return
    const exact = ids.exact[index] ?? -1
    if (exact >= 0) {
      const child = next.get(exact)
      if (child) {
        if (child.ends) for (const payload of child.ends) out.push({first, last: index, payload})
        walk(text, tokens, ids, child, first, index + 1, limit, out)
      }
    }
    const id = ids.lower[index] ?? -1
    const child = id >= 0 ? next.get(id) : undefined
    if (!child) return
    if (child.ends) for (const payload of child.ends) out.push({first, last: index, payload})
    node = child
  }
}

/** Every phrase of `trie` that starts at token `first`, shorter first. */
export function phrasesAt(
  text: string,
  tokens: Tokens,
  trie: TrieNode,
  first: number,
  limit: number,
  out: PhraseMatch[]
): void {
  const ids = idsFor(tokens, trie)
  if (ids && first < limit) walk(text, tokens, ids, trie, first, first, limit, out)
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
  const ids = idsFor(tokens, trie)
  if (!roots || !ids) return candidates
  const {lower, exact} = ids
  for (let index = Math.max(0, from); index < to; index++) {
    const id = lower[index] ?? -1
    const spelled = exact[index] ?? -1
    if ((id < 0 || !roots.has(id)) && (spelled < 0 || !roots.has(spelled))) continue
    if (skip?.(index)) continue
    walk(text, tokens, ids, trie, index, index, to, candidates)
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
  let low = Number.POSITIVE_INFINITY
  let high = 0
  for (const match of candidates) {
    if (match.first < low) low = match.first
    if (match.last > high) high = match.last
  }
  const order = candidates.map((_, index) => index)
  order.sort((a, b) => {
    const x = candidates[a] as PhraseMatch
    const y = candidates[b] as PhraseMatch
    return y.last - y.first - (x.last - x.first) || x.first - y.first || a - b
  })
  const taken = new Uint8Array(high - low + 1)
  const kept: PhraseMatch[] = []
  for (const position of order) {
    const match = candidates[position] as PhraseMatch
    let free = true
    for (let index = match.first; index <= match.last; index++) {
      if (taken[index - low] === 1 || skip?.(index)) {
        free = false
        break
      }
    }
    if (!free) continue
    for (let index = match.first; index <= match.last; index++) taken[index - low] = 1
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
