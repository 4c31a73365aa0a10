/**
 * Stage 1 for markdown input: parse with unified + remark-parse (CommonMark)
 * and build a view of the same length in which only the text of text nodes
 * (and inline or block code, and the text inside raw HTML) is kept; all
 * syntax (`#`, `*`, `[`, link destinations, HTML tags) becomes spaces, line
 * breaks stay. Offsets come from the mdast positions, which index the
 * original string.
 */
import type {Nodes, Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import type {InputView, ToView} from './input.js'

const parser = unified().use(remarkParse)

const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'tableCell', 'code', 'html', 'thematicBreak', 'definition'])

/**
 * Largest piece of markdown parsed at once. The parser takes time quadratic
 * in the size of some blocks (thousands of setext headings, nested list
 * items or emphasis marks in a row: 16 KB of "a\n=\n" takes seconds), so a
 * longer text is parsed piece by piece and no input costs more than a
 * bounded amount of work per character.
 */
export const MARKDOWN_PIECE = 1024

/**
 * Parse markdown into a view (see `InputView`). A text longer than
 * `MARKDOWN_PIECE` is cut into pieces of at most that size, each parsed on
 * its own: at the last blank line outside fenced code, else the last line
 * break, else the last space after a full stop, `!`, `?` or `;` (emphasis
 * rarely runs across a sentence's end), else the last space, else anywhere
 * but inside a surrogate pair or CRLF. Only syntax that spans a cut (a
 * reference definition used in another piece, a fence left open, emphasis
 * across a cut in a line of over 1,024 characters) reads differently; text
 * stays text.
 */
export const markdownView: ToView = (text) => {
  if (text.length <= MARKDOWN_PIECE) return viewFromTree(text, parser.parse(text) as Root)
  const views: string[] = []
  const blockStarts: number[] = []
  let from = 0
  while (from < text.length) {
    const to = cutAfter(text, from)
    const piece = text.slice(from, to)
    const part = viewFromTree(piece, parser.parse(piece) as Root)
    views.push(part.view)
    for (const start of part.blockStarts) blockStarts.push(start + from)
    from = to
  }
  return {view: views.join(''), blockStarts}
}

/** End of the piece that starts at `from` (see `markdownView`). */
function cutAfter(text: string, from: number): number {
  const limit = from + MARKDOWN_PIECE
  if (limit >= text.length) return text.length
  let blankLine = -1
  let lineBreak = -1
  let sentenceEnd = -1
  let space = -1
  let fenced = false
  let lineStart = from
  for (let offset = from; offset < limit; offset++) {
    const code = text.charCodeAt(offset)
    if (code === 0x0a || (code === 0x0d && text.charCodeAt(offset + 1) !== 0x0a)) {
      const line = text.slice(lineStart, offset).trim()
      if (line.startsWith('```') || line.startsWith('~~~')) fenced = !fenced
      else if (line === '' && !fenced && lineStart > from) blankLine = offset + 1
      lineBreak = offset + 1
      lineStart = offset + 1
    } else if (code === 0x20 || code === 0x09) {
      space = offset + 1
      const before = text.charCodeAt(offset - 1)
      if (before === 0x2e || before === 0x21 || before === 0x3f || before === 0x3b) sentenceEnd = offset + 1
    }
  }
  if (blankLine > from) return blankLine
  if (lineBreak > from) return lineBreak
  if (sentenceEnd > from) return sentenceEnd
  if (space > from) return space
  const code = text.charCodeAt(limit)
  const before = text.charCodeAt(limit - 1)
  if ((code >= 0xdc00 && code <= 0xdfff && before >= 0xd800 && before <= 0xdbff) || (code === 0x0a && before === 0x0d)) return limit - 1
  return limit
}

const ASCII_PUNCTUATION = /[!-/:-@[-`{-~]/

/**
 * For a text node whose source is `source` and whose value is `value`, the
 * value index at each source offset (`source.length + 1` entries), allowing
 * for backslash escapes, character references, and the whitespace and
 * block quote marks (`>` at a line start) the parser dropped. `undefined`
 * when the two cannot be lined up.
 */
export function alignText(source: string, value: string): number[] | undefined {
  if (source === value) return Array.from({length: source.length + 1}, (_, index) => index)
  const map: number[] = []
  let i = 0
  let j = 0
  while (i < source.length) {
    const char = source[i] ?? ''
    const reference = char === '&' ? /^&(?:#[xX]([0-9A-Fa-f]{1,6})|#([0-9]{1,7})|[A-Za-z][A-Za-z0-9]{1,31});/.exec(source.slice(i, i + 40)) : null
    if (reference && !value.startsWith(reference[0], j)) {
      // A character reference the parser decoded: one code unit, or two for an astral code point.
      const code = reference[1] !== undefined ? Number.parseInt(reference[1], 16) : reference[2] !== undefined ? Number(reference[2]) : 0
      const length = code > 0xffff ? 2 : 1
      for (const end = i + reference[0].length; i < end; ) map[i++] = j
      j += length
    } else if (char === value[j]) {
      map[i++] = j++
    } else if (char === '\\' && ASCII_PUNCTUATION.test(source[i + 1] ?? '') && source[i + 1] === value[j]) {
      map[i++] = j
      map[i++] = j++
    } else if (/[ \t\r\n]/.test(char) || (char === '>' && quoteMark(source, i))) {
      map[i++] = j
    } else {
      return undefined
    }
  }
  map[source.length] = j
  return j === value.length ? map : undefined
}

/** Whether the `>` at `index` opens a line, after spaces, tabs and other `>` only. */
function quoteMark(source: string, index: number): boolean {
  for (let back = index - 1; back >= 0; back--) {
    const char = source[back]
    if (char === '\n' || char === '\r') return true
    if (char !== ' ' && char !== '\t' && char !== '>') return false
  }
  return false
}

/** Build the view of `text` from its mdast `tree` (also used by the remark plugin). */
export function viewFromTree(text: string, tree: Root): InputView {
  const out: string[] = []
  let cursor = 0
  const blockStarts: number[] = []
  // micromark drops a leading byte order mark, so its offsets then count
  // from the character after it.
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0

  /** Blank `[cursor, to)` (keeping line breaks), then copy `[to, end)`. */
  function keep(from: number, to: number): void {
    if (from < cursor) from = cursor
    if (to <= from) return
    blank(from)
    out.push(text.slice(from, to))
    cursor = to
  }

  function blank(to: number): void {
    if (to <= cursor) return
    out.push(text.slice(cursor, to).replace(/[^\r\n]/g, ' '))
    cursor = to
  }

  /**
   * Keep what of `[from, to)` is the text node's `value`, and blank the
   * rest (see `alignText`): the `>` of a block quote's later lines, the
   * backslash of an escape, a character reference ("bone&nbsp;marrow" reads
   * "bone      marrow"). If the two cannot be lined up, keep it all.
   */
  function keepText(from: number, to: number, value: string): void {
    const source = text.slice(from, to)
    const map = source === value || from < cursor ? undefined : alignText(source, value)
    if (!map) {
      keep(from, to)
      return
    }
    blank(from)
    let kept = ''
    for (let index = 0; index < source.length; index++) {
      const char = source[index] as string
      const own = map[index + 1] === (map[index] as number) + 1 && value[map[index] as number] === char
      kept += own || char === '\n' || char === '\r' ? char : ' '
    }
    out.push(kept)
    cursor = to
  }

  // Depth first, in document order, with a stack of its own: deeply nested
  // input must not overflow the call stack.
  const stack: Nodes[] = [tree]
  for (let node = stack.pop(); node !== undefined; node = stack.pop()) {
    const startOffset = node.position?.start.offset
    const endOffset = node.position?.end.offset
    if (startOffset === undefined || endOffset === undefined) continue
    const start = startOffset + shift
    const end = endOffset + shift
    if (BLOCKS.has(node.type)) blockStarts.push(start)
    switch (node.type) {
      case 'text':
        keepText(start, end, node.value)
        continue
      case 'inlineCode':
      case 'code':
        keep(start, end)
        continue
      case 'html': {
        // Keep the text between tags: "<b>edema</b>" reads "   edema    ".
        let inTag = false
        let run = start
        for (let offset = start; offset < end; offset++) {
          const char = text[offset]
          if (!inTag && char === '<') {
            keep(run, offset)
            inTag = true
          } else if (inTag && char === '>') {
            inTag = false
            run = offset + 1
          }
        }
        if (!inTag) keep(run, end)
        continue
      }
      default:
        if ('children' in node) for (let index = node.children.length - 1; index >= 0; index--) stack.push(node.children[index] as Nodes)
    }
  }

  blank(text.length)
  const view = out.join('')
  return {view: view.length === text.length ? view : text, blockStarts}
}
