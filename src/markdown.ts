/**
 * Stage 1 for markdown input: parse as CommonMark and build a view of the
 * same length in which only the text of text nodes (and inline or block
 * code, and the text inside raw HTML) is kept; all syntax (`#`, `*`, `[`,
 * link destinations, HTML tags) becomes spaces, line breaks stay.
 *
 * `explain()` reads micromark's events (the tokenizer under remark-parse)
 * and builds no tree: building the mdast tree costs more than all of
 * explain's own work on a report, and nothing here needs it. The remark
 * plugin (remark.ts) gets a tree from its pipeline and builds the same
 * view from it (`viewFromTree`); a property test holds the two equal.
 * Offsets come from the parser's points, which index the original string.
 */
import type {Nodes, Root} from 'mdast'
import {parse, postprocess, preprocess} from 'micromark'
import type {Event} from 'micromark-util-types'
import type {InputView, ToView} from './input.js'

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
  if (text.length <= MARKDOWN_PIECE) return viewFromEvents(text, events(text))
  const views: string[] = []
  const blockStarts: number[] = []
  let from = 0
  while (from < text.length) {
    const to = cutAfter(text, from)
    const piece = text.slice(from, to)
    const part = viewFromEvents(piece, events(piece))
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
    } else if (char === '\\' && ASCII_PUNCTUATION.test(source[i + 1] ?? '') && source[i + 1] === value[j]) {
      // An escape, read before a character equal to the value's: in "\\*" the first backslash escapes the second.
      map[i++] = j
      map[i++] = j++
    } else if (char === value[j] || (char === '\0' && value[j] === '\ufffd')) {
      // (The parser reads a NUL as U+FFFD.)
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

/**
 * Writes a view from left to right: each range kept is copied, the text
 * before it blanked (line breaks kept). Offsets index the text; the callers
 * add one to the parser's when the text starts with a byte order mark,
 * which micromark drops.
 */
class ViewWriter {
  readonly #text: string
  readonly #out: string[] = []
  #cursor = 0
  readonly blockStarts: number[] = []

  constructor(text: string) {
    this.#text = text
  }

  /** Blank `[cursor, to)` (keeping line breaks), then copy `[from, to)`. */
  keep(from: number, to: number): void {
    if (from < this.#cursor) from = this.#cursor
    if (to <= from) return
    this.blank(from)
    this.#out.push(this.#text.slice(from, to))
    this.#cursor = to
  }

  /** Blank up to `to`. */
  blank(to: number): void {
    if (to <= this.#cursor) return
    this.#out.push(this.#text.slice(this.#cursor, to).replace(/[^\r\n]/g, ' '))
    this.#cursor = to
  }

  /**
   * Keep what of `[from, to)` is a text node's `value`, and blank the
   * rest (see `alignText`): the `>` of a block quote's later lines, the
   * backslash of an escape, a character reference ("bone&nbsp;marrow" reads
   * "bone      marrow"). If the two cannot be lined up, keep it all.
   */
  keepText(from: number, to: number, value: string): void {
    const source = this.#text.slice(from, to)
    const map = source === value || from < this.#cursor ? undefined : alignText(source, value)
    if (!map) {
      this.keep(from, to)
      return
    }
    this.blank(from)
    let kept = ''
    for (let index = 0; index < source.length; index++) {
      const char = source[index] as string
      const own = map[index + 1] === (map[index] as number) + 1 && (value[map[index] as number] === char || char === '\0')
      kept += own || char === '\n' || char === '\r' ? char : ' '
    }
    this.#out.push(kept)
    this.#cursor = to
  }

  /** Keep the text between the tags of raw HTML in `[from, to)`: "<b>edema</b>" reads "   edema    ". */
  keepHtml(from: number, to: number): void {
    let inTag = false
    let run = from
    for (let offset = from; offset < to; offset++) {
      const code = this.#text.charCodeAt(offset)
      if (!inTag && code === 0x3c) {
        this.keep(run, offset)
        inTag = true
      } else if (inTag && code === 0x3e) {
        inTag = false
        run = offset + 1
      }
    }
    if (!inTag) this.keep(run, to)
  }

  /** The view, blank to the end (the text itself if the lengths differ, which no parse should make happen). */
  view(): InputView {
    this.blank(this.#text.length)
    const view = this.#out.join('')
    return {view: view.length === this.#text.length ? view : this.#text, blockStarts: this.blockStarts}
  }
}

/** Nodes whose start is a block start (a hard sentence break); raw HTML only between blocks. */
const BLOCKS = new Set(['paragraph', 'heading', 'listItem', 'blockquote', 'tableCell', 'code', 'thematicBreak', 'definition'])

/** Nodes whose children are phrasing content: raw HTML in them is inline ("no <b>fracture</b>"), no block. */
const PHRASING_PARENTS = new Set(['paragraph', 'heading', 'emphasis', 'strong', 'delete', 'link', 'linkReference', 'tableCell'])

/** Build the view of `text` from its mdast `tree` (the remark plugin's way: see `viewFromEvents`). */
export function viewFromTree(text: string, tree: Root): InputView {
  const writer = new ViewWriter(text)
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0
  // Depth first, in document order, with a stack of its own: deeply nested
  // input must not overflow the call stack. Each node with whether its
  // parent holds phrasing content.
  const stack: [Nodes, boolean][] = [[tree, false]]
  for (let item = stack.pop(); item !== undefined; item = stack.pop()) {
    const [node, inline] = item
    const startOffset = node.position?.start.offset
    const endOffset = node.position?.end.offset
    if (startOffset === undefined || endOffset === undefined) continue
    const start = startOffset + shift
    const end = endOffset + shift
    if (BLOCKS.has(node.type) || (node.type === 'html' && !inline)) writer.blockStarts.push(start)
    switch (node.type) {
      case 'text':
        writer.keepText(start, end, node.value)
        continue
      case 'inlineCode':
      case 'code':
        writer.keep(start, end)
        continue
      case 'html':
        writer.keepHtml(start, end)
        continue
      default:
        if ('children' in node) {
          const phrasing = PHRASING_PARENTS.has(node.type)
          for (let index = node.children.length - 1; index >= 0; index--) stack.push([node.children[index] as Nodes, phrasing])
        }
    }
  }
  return writer.view()
}

/** micromark's events for `text` (CommonMark, no extensions). */
function events(text: string): Event[] {
  return postprocess(parse().document().write(preprocess()(text, undefined, true)))
}

/** Tokens whose start is a block start (see `BLOCKS`): `listItemPrefix` is where mdast's list item starts. */
const BLOCK_TOKENS = new Set(['paragraph', 'atxHeading', 'setextHeading', 'listItemPrefix', 'blockQuote', 'codeFenced', 'codeIndented', 'htmlFlow', 'thematicBreak', 'definition'])

/** Tokens whose text mdast keeps as a text node's value. */
const TEXT_TOKENS = new Set(['data', 'characterEscapeValue', 'autolinkProtocol', 'autolinkEmail'])

/**
 * Tokens whose text mdast keeps as whole nodes (code, raw HTML), and those
 * whose text it keeps in no text node (an image's alt text, destinations,
 * titles, labels of references and definitions, a fence's info string):
 * the events inside either are skipped.
 */
const WHOLE_TOKENS = new Set(['codeFenced', 'codeIndented', 'codeText', 'htmlFlow', 'htmlText'])
const DROPPED_TOKENS = new Set([
  'image',
  'codeFencedFenceInfo',
  'codeFencedFenceMeta',
  'definitionDestinationString',
  'definitionLabelString',
  'definitionTitleString',
  'referenceString',
  'resourceDestinationString',
  'resourceTitleString'
])

/**
 * Build the view of `text` from micromark's events, as `viewFromTree`
 * builds it from the mdast tree those events make: the text of a text
 * node is the text of its `data`, escaped characters and autolinks, where
 * the tree's value is lined up with its source (a decoded character
 * reference is blanked either way).
 */
function viewFromEvents(text: string, events: readonly Event[]): InputView {
  const writer = new ViewWriter(text)
  const shift = text.charCodeAt(0) === 0xfeff ? 1 : 0
  for (let index = 0; index < events.length; index++) {
    const [kind, token] = events[index] as Event
    if (kind !== 'enter') continue
    const {type} = token
    const start = token.start.offset + shift
    if (BLOCK_TOKENS.has(type)) writer.blockStarts.push(start)
    if (TEXT_TOKENS.has(type)) {
      writer.keep(start, token.end.offset + shift)
    } else if (WHOLE_TOKENS.has(type) || DROPPED_TOKENS.has(type)) {
      if (type === 'htmlFlow' || type === 'htmlText') writer.keepHtml(start, token.end.offset + shift)
      else if (WHOLE_TOKENS.has(type)) writer.keep(start, token.end.offset + shift)
      // Skip to this token's exit (tokens nest: the first exit of it is its own).
      while (index + 1 < events.length && !((events[index + 1] as Event)[0] === 'exit' && (events[index + 1] as Event)[1] === token)) index++
    }
  }
  return writer.view()
}
