/**
 * Stage 3: tokens.
 *
 * One linear pass over the text. A word is a run of letters and digits (an
 * apostrophe between letters stays inside it: "Hoffa's"); every other visible
 * character except a hyphen is a one-character punctuation token. Spaces,
 * hyphens and dashes are gaps: a phrase may span them, so "edema-like" and
 * "edema like" give the same words.
 *
 * Tokens are kept as parallel arrays (struct of arrays) so a 10 MB report
 * allocates a handful of arrays, not millions of objects.
 */

export const WORD = 1
export const PUNCT = 2

export interface Tokens {
  /** Number of tokens. */
  length: number
  start: Int32Array
  end: Int32Array
  /** WORD or PUNCT. */
  kind: Uint8Array
  /** The token as written. */
  raw: string[]
  /** Lower-case form, used as the match key. */
  lower: string[]
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

/** Whether the UTF-16 unit at `index` belongs to a word. */
function isWordAt(text: string, index: number): boolean {
  const code = text.charCodeAt(index)
  if (code < 0x80) {
    return (code >= 0x61 && code <= 0x7a) || (code >= 0x41 && code <= 0x5a) || (code >= 0x30 && code <= 0x39)
  }
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

function isApostrophe(code: number): boolean {
  return code === 0x27 || code === 0x2019
}

/**
 * Split `text` into tokens. Runs in one pass; never throws on any string
 * (lone surrogates become punctuation tokens).
 */
export function tokenize(text: string): Tokens {
  const capacity = Math.max(16, (text.length >> 2) + 16)
  let start = new Int32Array(capacity)
  let end = new Int32Array(capacity)
  let kind = new Uint8Array(capacity)
  const raw: string[] = []
  const lower: string[] = []
  let length = 0

  function push(from: number, to: number, k: number): void {
    if (length === start.length) {
      const grow = start.length * 2
      const s = new Int32Array(grow)
      s.set(start)
      start = s
      const e = new Int32Array(grow)
      e.set(end)
      end = e
      const kk = new Uint8Array(grow)
      kk.set(kind)
      kind = kk
    }
    const value = text.slice(from, to)
    start[length] = from
    end[length] = to
    kind[length] = k
    raw.push(value)
    lower.push(value.toLowerCase())
    length++
  }

  let index = 0
  const size = text.length
  while (index < size) {
    const code = text.charCodeAt(index)
    if (isWordAt(text, index)) {
      const from = index
      index++
      while (index < size) {
        if (isWordAt(text, index)) {
          index++
        } else if (isApostrophe(text.charCodeAt(index)) && index + 1 < size && isWordAt(text, index + 1)) {
          index += 2
        } else {
          break
        }
      }
      push(from, index, WORD)
    } else if (isSpace(code) || isJoiner(code)) {
      index++
    } else {
      const next = text.charCodeAt(index + 1)
      const width = code >= 0xd800 && code <= 0xdbff && next >= 0xdc00 && next <= 0xdfff ? 2 : 1
      push(index, index + width, PUNCT)
      index += width
    }
  }

  return {
    length,
    start: start.subarray(0, length),
    end: end.subarray(0, length),
    kind: kind.subarray(0, length),
    raw,
    lower
  }
}

/**
 * Whether a word is written as an abbreviation: two or more characters, at
 * least one capital letter and no lower-case letter ("BME", "T1", "PDFS").
 * Such a word in the lexicon matches only when the text writes it the same.
 */
export function isAbbreviation(word: string): boolean {
  return word.length >= 2 && word !== word.toLowerCase() && word === word.toUpperCase()
}
