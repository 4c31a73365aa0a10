/**
 * Stage 3: tokens.
 *
 * One linear pass over the text. A word is a run of letters and digits (an
 * apostrophe between letters stays inside it: "Hoffa's"); every other visible
 * character except a hyphen is a one-character punctuation token. Spaces,
 * hyphens and dashes are gaps: a phrase may span them, so "edema-like" and
 * "edema like" give the same words.
 *
 * Tokens are kept as parallel typed arrays (struct of arrays) and no string
 * is made per token: the pass records offsets, a kind, a few case flags and a
 * hash of the lower-case form, which is all the matcher needs. Callers that
 * want the strings use `tokenText` and `tokenLower` (or, outside hot loops,
 * `tokenTexts` and `tokenKeys`).
 */

import type {Vocabulary} from './lexicon/compile.js'

export const WORD = 1
export const PUNCT = 2

/** Flag: the token has a character that lower-casing changes (a capital). */
export const HAS_UPPER = 1
/** Flag: the token has a character that upper-casing changes (a small letter). */
export const HAS_LOWER = 2
/** Flag: the first UTF-16 unit is a capital (`c !== c.toLowerCase()`). */
export const STARTS_UPPER = 4
/** Flag: the first character is an ASCII digit. */
export const STARTS_DIGIT = 8
/** Flag: the token has a character outside ASCII. */
export const NON_ASCII = 16
/**
 * Flag: a line break (`\n`, `\r`, U+2028, U+2029) stands in the gap before
 * the token, so stages that care about line starts read one byte per token
 * instead of rescanning the gap.
 */
export const BREAK_BEFORE = 32
/**
 * Flag: the gap before the token holds a hyphen, then at most spaces and
 * tabs, then a line break: the token may finish a word split at a line wrap
 * ("sub-⏎chondral", see `joinedIds` in match.ts).
 */
export const WRAP_BEFORE = 64
/**
 * Flag: the token before is `.`, `!`, `?` or `…`. With `BREAK_BEFORE` it
 * marks every token where a sentence may start (see sentences.ts).
 */
export const AFTER_STOP = 128

export interface Tokens {
  /** Number of tokens. */
  length: number
  /** The text the tokens index. */
  text: string
  start: Int32Array
  end: Int32Array
  /** WORD or PUNCT. */
  kind: Uint8Array
  /** Case flags (`HAS_UPPER`, `HAS_LOWER`, `STARTS_UPPER`, `STARTS_DIGIT`, `NON_ASCII`), `BREAK_BEFORE`, `WRAP_BEFORE` and `AFTER_STOP`. */
  flags: Uint8Array
  /** `wordHash` of the match key: the lower-case form of a word, a punctuation token as written. */
  hash: Int32Array
  /**
   * The tokens with `BREAK_BEFORE` or `AFTER_STOP`, in order: the only
   * places a sentence or a section may start, so those stages visit these
   * instead of every token.
   */
  breaks: readonly number[]
  /** Vocabulary ids, when `tokenize` was given a vocabulary (see `wordIds` in match.ts). */
  readonly ids?: TokenIds | undefined
}

/** Vocabulary ids of every token: any-case key and abbreviation key (-1: not in the vocabulary). */
export interface TokenIds {
  vocabulary: Vocabulary
  lower: Int32Array
  exact: Int32Array
  /**
   * Per token, the id of the word it makes with the next token when a
   * hyphen at a line wrap splits them ("sub-⏎chondral" reads "subchondral"),
   * or -1; `null` when the text has no such wrap (see `joinedIds` in match.ts).
   */
  joined?: Int32Array | null | undefined
}

/**
 * The match key of a word as written: its lower-case form, with a
 * typographic apostrophe (U+2019) read as a straight one, so "can’t" in a
 * report is the lexicon's "can't".
 */
export function wordLower(raw: string): string {
  const lower = raw.toLowerCase()
  return lower.includes('\u2019') ? lower.replaceAll('\u2019', "'") : lower
}

/**
 * Whether a line ends at `offset` of `text`: a line feed, a line or
 * paragraph separator, or a carriage return not followed by a line feed
 * (`\r\n` ends one line, at its `\n`).
 */
export function endsLine(text: string, offset: number): boolean {
  const code = text.charCodeAt(offset)
  return code === 0x0a || code === 0x2028 || code === 0x2029 || (code === 0x0d && text.charCodeAt(offset + 1) !== 0x0a)
}

/** Characters that join words without being tokens: hyphens and dashes. */
export function isJoiner(code: number): boolean {
  return code === 0x2d || (code >= 0x2010 && code <= 0x2013) || code === 0xad
}

/** Characters treated as white space (including NBSP, zero-width and BOM). */
export function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    code === 0xa0 ||
    code === 0x1680 ||
    (code >= 0x2000 && code <= 0x200b) ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff ||
    code === 0x200c ||
    code === 0x200d
  )
}

const wordChar = /[\p{L}\p{N}\p{M}]/u

const NOT_ASCII = /[^\0-\x7f]/

/**
 * Whether the word read so far goes on at `index` (before `size`), where
 * there is no ASCII letter or digit: a letter outside ASCII, or an
 * apostrophe (`'` or `’`) followed by a letter ("O'Brien", "don't"), but
 * not by a possessive `s` that ends the word: "condyle's" is "condyle",
 * "'" and "s", so the lexicon's "femoral condyle" is found in "the femoral
 * condyle's surface".
 */
function continuesWord(text: string, index: number, size: number): boolean {
  const code = text.charCodeAt(index)
  if (code === 0x27 || code === 0x2019) {
    if (index + 1 >= size || !isWordAt(text, index + 1)) return false
    return (text.charCodeAt(index + 1) | 0x20) !== 0x73 || (index + 2 < size && isWordAt(text, index + 2))
  }
  return code >= 0x80 && isWordAt(text, index)
}

/** Whether the UTF-16 unit at `index` belongs to a word. */
function isWordAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 0x80) return ASCII_CLASS[code] === LETTER
  if (isSpace(code) || isJoiner(code)) return false
  if (code >= 0xd800 && code <= 0xdbff) {
    const low = text.charCodeAt(index + 1)
    if (low >= 0xdc00 && low <= 0xdfff) return wordChar.test(text.slice(index, index + 2))
    return false
  }
  if (code >= 0xdc00 && code <= 0xdfff) {
    const high = text.charCodeAt(index - 1)
    return high >= 0xd800 && high <= 0xdbff && wordChar.test(text.slice(index - 1, index + 1))
  }
  return wordChar.test(text[index] ?? '')
}

// Character classes of ASCII, by code.
const OTHER = 0
const GAP = 1
const LETTER = 2
const APOSTROPHE = 3
const ASCII_CLASS = new Uint8Array(128)
for (let code = 0; code < 128; code++) {
  const letter = (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)
  ASCII_CLASS[code] = letter ? LETTER : code === 0x27 ? APOSTROPHE : isSpace(code) || isJoiner(code) ? GAP : OTHER
}

// ASCII letters and digits by code: the lower-case code, and above it
// (from bit 8) HAS_UPPER or HAS_LOWER; 0 for any other character. One
// table, so the word loop reads one array per character.
const FOLDED = new Uint16Array(128)
for (let code = 0; code < 128; code++) {
  if (ASCII_CLASS[code] !== LETTER) continue
  const upper = code >= 0x41 && code <= 0x5a
  FOLDED[code] = upper ? (code | 0x20) | (HAS_UPPER << 8) : code | (code >= 0x61 ? HAS_LOWER << 8 : 0)
}

const FNV_OFFSET = 0x811c9dc5 | 0
const FNV_PRIME = 16777619

/** Top bit of a packed key (see `wordHash`). */
const PACKED = -0x80000000

/**
 * The hash `tokenize` records for a match key. A key of at most four ASCII
 * characters (most frequent words: "the", "no", "with", ";") is packed
 * whole, seven bits a character, the last lowest (so `tokenize` can pack a
 * word as it reads it), and equal packed values mean equal keys; any other
 * key gets FNV-1a over its UTF-16 units.
 */
export function wordHash(key: string): number {
  const [head, tail] = packedParts(key)
  return partsHash(key, head, tail)
}

/** `wordHash(key)`, given `packedParts(key)` (so a caller that needs both reads the key once). */
export function partsHash(key: string, head: number, tail: number): number {
  if (head === 0) return PACKED | tail
  let hash = FNV_OFFSET
  for (let index = 0; index < key.length; index++) hash = Math.imul(hash ^ key.charCodeAt(index), FNV_PRIME)
  return hash
}

/**
 * A key of one to eight ASCII characters as two numbers, packed as by
 * `wordHash` (seven bits a character, the last lowest): its last four
 * characters and, first, those before them (0 for a key of up to four).
 * Equal parts mean equal keys. [-1, -1] for any other key.
 */
export function packedParts(key: string): [number, number] {
  if (key.length === 0 || key.length > 8 || NOT_ASCII.test(key)) return [-1, -1]
  let head = 0
  let tail = 0
  for (let index = 0; index < key.length; index++) {
    head = (head << 7) | (tail >>> 21)
    tail = ((tail << 7) | key.charCodeAt(index)) & 0xfffffff
  }
  return [head, tail]
}

/** Case flags of a word from its string (for a word with an apostrophe or a character outside ASCII). */
function slowFlags(raw: string): number {
  const first = raw[0] ?? ''
  return (
    (NOT_ASCII.test(raw) ? NON_ASCII : 0) |
    (raw !== raw.toLowerCase() ? HAS_UPPER : 0) |
    (raw !== raw.toUpperCase() ? HAS_LOWER : 0) |
    (first !== first.toLowerCase() ? STARTS_UPPER : 0) |
    (first >= '0' && first <= '9' ? STARTS_DIGIT : 0)
  )
}

/** The per-token arrays, as views of one buffer (one allocation per text, not seven). */
interface Columns {
  start: Int32Array
  end: Int32Array
  hash: Int32Array
  lower: Int32Array
  exact: Int32Array
  kind: Uint8Array
  flags: Uint8Array
}

/** Token capacity above which `tokenize` copies its columns to their used length. */
const TRIM_ABOVE = 1 << 16

/**
 * New columns for at least `capacity` tokens, holding the first `count`
 * tokens of `from` if given: in `scratch.buffer` when that is large enough
 * (then sized to all of it), else in a new buffer that `scratch` keeps for
 * the next call.
 */
function columns(capacity: number, ids: boolean, scratch: TokenScratch | undefined, from?: Columns, count = 0): Columns {
  const width = ids ? 4 : 0
  const bytes = 14 + 2 * width
  let buffer = scratch?.buffer
  if (buffer && buffer.byteLength >= capacity * bytes) {
    capacity = Math.floor(buffer.byteLength / bytes)
  } else {
    buffer = new ArrayBuffer(capacity * bytes)
    if (scratch) scratch.buffer = buffer
  }
  const out: Columns = {
    start: new Int32Array(buffer, 0, capacity),
    end: new Int32Array(buffer, capacity * 4, capacity),
    hash: new Int32Array(buffer, capacity * 8, capacity),
    lower: new Int32Array(buffer, capacity * 12, ids ? capacity : 0),
    exact: new Int32Array(buffer, capacity * (12 + width), ids ? capacity : 0),
    kind: new Uint8Array(buffer, capacity * (12 + 2 * width), capacity),
    flags: new Uint8Array(buffer, capacity * (13 + 2 * width), capacity)
  }
  // (Without ids, `lower` and `exact` are empty in both: nothing to copy.)
  if (from) for (const [key, column] of Object.entries(out)) column.set(from[key as keyof Columns].subarray(0, count))
  return out
}

/**
 * Room for token columns that one caller reuses from call to call (see
 * `tokenize`). `explain` reads a long text block by block and is done with
 * one block's tokens before it tokenizes the next, so every block writes
 * into the same buffer instead of making one of its own (on the
 * benchmark's 10 MB input, about 7 MB less peak memory: the allocator
 * keeps the pages of freed buffers). The buffer dies with the call: no
 * trace of one text outlives its `explain()`.
 */
export interface TokenScratch {
  buffer?: ArrayBuffer | undefined
}

/** Whether `text[from, to)` spells `key` (folding ASCII capitals if `word`; a string only outside ASCII). */
function spells(text: string, from: number, to: number, key: string, word: boolean, ascii: boolean): boolean {
  if (!ascii) {
    const raw = text.slice(from, to)
    return (word ? wordLower(raw) : raw) === key
  }
  if (to - from !== key.length) return false
  for (let offset = from; offset < to; offset++) {
    let code = text.charCodeAt(offset)
    if (code <= 0x5a && code >= 0x41) code |= 0x20
    if (code !== key.charCodeAt(offset - from)) return false
  }
  return true
}

/**
 * Where a key with hash `hash` is first looked for in a vocabulary's table
 * (size `mask + 1`). The high bits are folded in: a packed hash keeps its
 * last characters in the low bits, so words that end alike ("the", "she")
 * would otherwise crowd the same slots.
 */
export function firstSlot(hash: number, mask: number): number {
  return (hash ^ (hash >>> 15)) & mask
}

/**
 * The vocabulary entry a token spells, or -1: the token is `text[from, to)`
 * with hash `hash` and case flags `flags`; `word` for a WORD token.
 */
export function vocabularyEntry(vocabulary: Vocabulary, text: string, from: number, to: number, hash: number, flags: number, word: boolean): number {
  const {slots, mask, lowers, hashes} = vocabulary
  const ascii = (flags & NON_ASCII) === 0
  // An ASCII token with no capital is its own match key: compared natively.
  const lowerCase = (flags & HAS_UPPER) === 0 && ascii
  for (let slot = firstSlot(hash, mask); ; slot = (slot + 1) & mask) {
    const candidate = (slots[slot * 4] as number) - 1
    if (candidate < 0) return -1
    if (hashes[candidate] !== hash) continue
    if (lowerCase ? text.startsWith(lowers[candidate] as string, from) && (lowers[candidate] as string).length === to - from : spells(text, from, to, lowers[candidate] as string, word, ascii)) return candidate
  }
}

/** The id of an abbreviation key spelled exactly by a token in capitals, or -1. */
export function exactId(vocabulary: Vocabulary, entry: number, text: string, from: number, to: number, flags: number): number {
  const spellings = vocabulary.exact[entry]
  if (spellings === undefined || (flags & (HAS_UPPER | HAS_LOWER)) !== HAS_UPPER || to - from < 2) return -1
  const raw = text.slice(from, to)
  let id = -1
  for (const spelling of spellings) if (spelling.spelling === raw) id = spelling.id
  return id
}

/**
 * Split `text` into tokens. Runs in one pass; never throws on any string
 * (lone surrogates become punctuation tokens). Given a vocabulary, each
 * token is also looked up in it in the same pass (see `Tokens.ids`).
 *
 * Given `from` and `to` (both in white space), only `text[from, to)` is
 * tokenized, as if it were the whole text, but offsets still index `text`:
 * `explain` reads a large text one block at a time (see blocks.ts). Given a
 * `scratch`, the columns are written into its buffer, overwriting those of
 * the tokens the previous call with it returned: pass one only when those
 * are no longer used.
 */
export function tokenize(text: string, vocabulary?: Vocabulary, from = 0, to = text.length, scratch?: TokenScratch): Tokens {
  // Optimised code reads a module-level constant anew at every use, as a
  // value of unknown type, and keeps a loop variable that starts from such
  // a constant or from a parameter boxed in memory: the loop reads these
  // locals instead, made integers once (`| 0`).
  const classes = ASCII_CLASS
  const folding = FOLDED
  const afterStop = AFTER_STOP | 0
  const offset = FNV_OFFSET | 0
  const prime = FNV_PRIME | 0
  const size = to | 0
  let capacity = ((to - from) >> 2) + 16
  const withIds = vocabulary !== undefined
  let cols = columns(capacity, withIds, scratch)
  capacity = cols.start.length
  let {start, end, kind, flags, hash, lower, exact} = cols
  let length = 0
  const breaks: number[] = []
  // BREAK_BEFORE and WRAP_BEFORE as the current GAP earns them, and
  // AFTER_STOP if the last token earned it.
  let lineBreak = 0
  // In the current GAP: a hyphen, then only spaces or tabs so far.
  let hyphen = false

  let index = from | 0
  while (index < size) {
    const code = text.charCodeAt(index)
    const type = code < 0x80 ? (classes[code] as number) : isSpace(code) || isJoiner(code) ? GAP : isWordAt(text, index) ? LETTER : OTHER
    if (type === GAP) {
      if (code === 0x0a || code === 0x0d || code === 0x2028 || code === 0x2029) {
        lineBreak |= hyphen ? BREAK_BEFORE | WRAP_BEFORE : BREAK_BEFORE
        hyphen = false
      } else if (code !== 0x20) {
        hyphen = code === 0x2d || code === 0x2010 || code === 0x2011 || code === 0xad || (hyphen && code === 0x09)
      }
      index++
      continue
    }
    if (length === capacity) {
      cols = columns(capacity * 2, withIds, scratch, cols, length)
      capacity = cols.start.length
      ;({start, end, kind, flags, hash, lower, exact} = cols)
    }
    // The token is text[first, index) when this `if` is done.
    const first = index
    let f = lineBreak
    let h: number
    // The match key's `packedParts` when the token is read as ASCII and
    // has at most eight characters, else `tail` is -1.
    let head = 0
    let tail = -1
    if (type === LETTER) {
      h = offset
      // The last four characters packed and those before (see `packedParts`).
      let packed = 0
      // ASCII letters and digits, the common case, in a loop that calls
      // nothing (a call in it would keep its values in memory, not registers).
      while (index < size) {
        const c = text.charCodeAt(index)
        const both = c < 0x80 ? (folding[c] as number) : 0
        if (both === 0) break
        const folded = both & 0x7f
        f |= both >> 8
        h = Math.imul(h ^ folded, prime)
        head = (head << 7) | (packed >>> 21)
        packed = ((packed << 7) | folded) & 0xfffffff
        index++
      }
      // (Most words end at an ASCII character other than an apostrophe:
      // told here, without a call.)
      const next = index < size ? text.charCodeAt(index) : 0
      if ((next >= 0x80 || next === 0x27) && (index === first || continuesWord(text, index, size))) {
        // A character outside ASCII or an apostrophe inside the WORD: the
        // rest is read by the general rule, and flags and hash from the string.
        while (index < size && (isWordAt(text, index) || continuesWord(text, index, size))) index++
        const raw = text.slice(first, index)
        f = slowFlags(raw) | lineBreak
        // (`| 0` keeps `h` a machine integer in the optimised loop.)
        h = wordHash(wordLower(raw)) | 0
      } else {
        // Without branches (which WORD is short is not predictable): all
        // ones if the WORD has at most four characters, else zero.
        const short = ~((first + 4 - index) >> 31)
        h = (h & ~short) | ((PACKED | packed) & short)
        if (index - first <= 8) tail = packed
        if (code <= 0x5a && code >= 0x41) f |= STARTS_UPPER
        else if (code <= 0x39) f |= STARTS_DIGIT
      }
      kind[length] = WORD
    } else {
      // The next unit only after a high surrogate (reading past the end
      // would send the optimised code back to the interpreter).
      const next = code >= 0xd800 && code <= 0xdbff && index + 1 < text.length ? text.charCodeAt(index + 1) : 0
      const width = next >= 0xdc00 && next <= 0xdfff ? 2 : 1
      kind[length] = PUNCT
      if (code >= 0x80) f |= NON_ASCII
      else tail = code
      h = code < 0x80 ? PACKED | code : width === 1 ? Math.imul(offset ^ code, prime) : Math.imul(Math.imul(offset ^ code, prime) ^ next, prime)
      index += width
    }
    start[length] = first
    end[length] = index
    flags[length] = f
    hash[length] = h
    if (vocabulary) {
      const isWord = type === LETTER
      let entry = -1
      let id = -1
      if (tail >= 0) {
        // A key of at most eight ASCII characters is equal to the token when
        // its packed parts are: the probe reads one slot of four numbers,
        // which holds the id too.
        const {slots, mask} = vocabulary
        for (let slot = firstSlot(h, mask); ; slot = (slot + 1) & mask) {
          const at = slot << 2
          const candidate = (slots[at] as number) - 1
          if (candidate < 0) break
          if (slots[at + 2] === head && slots[at + 3] === tail) {
            entry = candidate
            id = slots[at + 1] as number
            break
          }
        }
      } else {
        entry = vocabularyEntry(vocabulary, text, first, index, h, f, isWord)
        id = entry < 0 ? -1 : (vocabulary.ids[entry] as number)
      }
      lower[length] = id
      exact[length] = entry < 0 || !isWord || vocabulary.exact[entry] === undefined ? -1 : exactId(vocabulary, entry, text, first, index, f)
    }
    if (lineBreak !== 0) breaks.push(length)
    lineBreak = type !== LETTER && (code === 0x2e || code === 0x21 || code === 0x3f || code === 0x2026) ? afterStop : 0
    hyphen = false
    length++
    // One space is the most common GAP: stepped over here, not by a turn of the loop.
    if (index < size && text.charCodeAt(index) === 0x20) index++
  }
  // The columns were sized for the worst case (a token every four
  // characters); a large text keeps only what it uses (not in a scratch
  // buffer: that one lives on for the next call anyway).
  if (!scratch && capacity > TRIM_ABOVE && length < capacity - (capacity >> 2)) {
    cols = columns(length, withIds, undefined, cols, length)
    ;({start, end, kind, flags, hash, lower, exact} = cols)
  }

  return new TokenList(
    length,
    text,
    start.subarray(0, length),
    end.subarray(0, length),
    kind.subarray(0, length),
    flags.subarray(0, length),
    hash.subarray(0, length),
    breaks,
    vocabulary ? {vocabulary, lower: lower.subarray(0, length), exact: exact.subarray(0, length)} : undefined
  )
}

/** Tokens of one text (a class only so every instance has one shape). */
class TokenList implements Tokens {
  constructor(
    readonly length: number,
    readonly text: string,
    readonly start: Int32Array,
    readonly end: Int32Array,
    readonly kind: Uint8Array,
    readonly flags: Uint8Array,
    readonly hash: Int32Array,
    readonly breaks: readonly number[],
    readonly ids: TokenIds | undefined
  ) {}
}

/** The tokens as written, as strings (for tests and tools; hot loops use `tokenText`). */
export function tokenTexts(tokens: Tokens): string[] {
  return Array.from({length: tokens.length}, (_, index) => tokenText(tokens, index))
}

/** The match keys of the tokens: a word's lower-case form, punctuation as written (see `tokenTexts`). */
export function tokenKeys(tokens: Tokens): string[] {
  return tokenTexts(tokens).map((raw, index) => (isWord(tokens, index) ? wordLower(raw) : raw))
}

/** The text of token `index` as written (`''` out of range). */
export function tokenText(tokens: Tokens, index: number): string {
  return index >= 0 && index < tokens.length ? tokens.text.slice(tokens.start[index], tokens.end[index]) : ''
}

/** The lower-case form of token `index` (`''` out of range). */
export function tokenLower(tokens: Tokens, index: number): string {
  return wordLower(tokenText(tokens, index))
}

/**
 * A test that token `index` is one of `words` (lower-case match keys), a
 * list or one string of words parted by single spaces ("and or nor"). The
 * token's recorded hash is looked up first, so a string is made only for a
 * likely member.
 */
export function wordSet(words: string | Iterable<string>): (tokens: Tokens, index: number) => boolean {
  const set = new Set(typeof words === 'string' ? words.split(' ') : words)
  const hashes = new Set(Array.from(set, wordHash))
  return (tokens, index) => hashes.has(tokens.hash[index] ?? 0) && set.has(tokenLower(tokens, index))
}

/** Whether token `index` is a word (`WORD`; not punctuation, and not out of range). */
export function isWord(tokens: Tokens, index: number): boolean {
  return tokens.kind[index] === WORD
}

/** Whether a line break stands in the gap before token `index` (its `BREAK_BEFORE` flag). */
export function startsLine(tokens: Tokens, index: number): boolean {
  return ((tokens.flags[index] ?? 0) & BREAK_BEFORE) !== 0
}

/** The first UTF-16 unit of token `index`, or -1 out of range (cheap test for punctuation: `tokenCode(t, i) === 0x2e`). */
export function tokenCode(tokens: Tokens, index: number): number {
  return index >= 0 && index < tokens.length ? tokens.text.charCodeAt(tokens.start[index] ?? 0) : -1
}

/** Whether token `index` is a word written as an abbreviation (see `isAbbreviation`), from its flags. */
export function isAbbreviationAt(tokens: Tokens, index: number): boolean {
  const f = tokens.flags[index] ?? 0
  return isWord(tokens, index) && (f & (HAS_UPPER | HAS_LOWER)) === HAS_UPPER && (tokens.end[index] ?? 0) - (tokens.start[index] ?? 0) >= 2
}

/**
 * Whether a word is written as an abbreviation: two or more characters, at
 * least one capital letter and no lower-case letter ("BME", "T1", "PDFS").
 * Such a word in the lexicon matches only when the text writes it the same.
 */
export function isAbbreviation(word: string): boolean {
  return word.length >= 2 && word !== word.toLowerCase() && word === word.toUpperCase()
}
