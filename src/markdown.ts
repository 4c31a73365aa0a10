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

/** Parse markdown into a view (see `InputView`). */
export const markdownView: ToView = (text) => {
  const tree = parser.parse(text) as Root
  return viewFromTree(text, tree)
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

  function visit(node: Nodes): void {
    const startOffset = node.position?.start.offset
    const endOffset = node.position?.end.offset
    if (startOffset === undefined || endOffset === undefined) return
    const start = startOffset + shift
    const end = endOffset + shift
    if (BLOCKS.has(node.type)) blockStarts.push(start)
    switch (node.type) {
      case 'text':
        keep(start, end)
        return
      case 'inlineCode':
      case 'code':
        keep(start, end)
        return
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
        return
      }
      default:
        if ('children' in node) for (const child of node.children) visit(child as Nodes)
    }
  }

  visit(tree)
  blank(text.length)
  const view = out.join('')
  return {view: view.length === text.length ? view : text, blockStarts}
}
