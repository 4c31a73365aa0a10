/**
 * `bme-explain/remark`: a unified (remark) plugin. In a remark pipeline it
 * explains the markdown document and
 *
 * - stores the full result in `file.data.bmeExplain`;
 * - emits one informational vfile message per mention: `place` (start and
 *   end points), `ruleId` = the concept id, `source` = `'bme-explain'`,
 *   `reason` = the concept's label and category plus the mention's status,
 *   `note` = the explanation; no report text is copied into a message;
 * - marks each phrase in the tree: the text nodes are split at the mention's
 *   offsets and the phrase becomes a text node with `data.hName: 'mark'` and
 *   `hProperties` (`className` `bme-mark` plus one class per status,
 *   `data-bme-concept`, `data-bme-status`), so remark-rehype renders
 *   `<mark>`. Phrases in code, inline code or raw HTML are explained but
 *   not marked.
 *
 * It reuses the tree it is given (no second parse).
 */
import type {Nodes, Parent, Root, Text} from 'mdast'
import type {VFile} from 'vfile'
import {explainWith, type ExplainOptions} from './explain.js'
import {alignText, viewFromTree} from './markdown.js'
import {statusKeys, statusLabels} from './render/labels.js'
import type {Annotation, ExplainResult} from './result-schema.js'

export {alignText}

declare module 'vfile' {
  interface DataMap {
    /** The result of `bme-explain/remark` for this file. */
    bmeExplain: ExplainResult
  }
}

/** Options of the remark plugin. */
export interface Options {
  /** Who the explanations are written for. Default `'patient'`. */
  audience?: ExplainOptions['audience']
  /** A lexicon of your own (see `validateLexicon`). */
  lexicon?: ExplainOptions['lexicon']
  /** Largest accepted document, in UTF-16 code units. Default 16 MiB. */
  maxLength?: ExplainOptions['maxLength']
  /** Mark the phrases in the tree. Default `true`. */
  mark?: boolean | undefined
  /** Prefix of the classes put on marks. Default `'bme-'`. */
  prefix?: string | undefined
}

interface Point {
  line: number
  column: number
  offset: number
}

/** unist points (lines end at CR LF, CR or LF, like mdast positions) for offsets into `text`. */
function pointLocator(text: string): (offset: number) => Point {
  const starts = [0]
  for (const match of text.matchAll(/\r\n|\r|\n/g)) starts.push(match.index + match[0].length)
  return (offset) => {
    let low = 0
    let high = starts.length - 1
    while (low < high) {
      const middle = (low + high + 1) >>> 1
      if ((starts[middle] ?? 0) <= offset) low = middle
      else high = middle - 1
    }
    return {line: low + 1, column: offset - (starts[low] ?? 0) + 1, offset}
  }
}

/**
 * Explain a markdown document in a unified pipeline (see the module
 * comment). Use after remark-parse:
 *
 * @example
 *   unified().use(remarkParse).use(remarkBmeExplain).use(remarkRehype).use(rehypeStringify)
 */
export default function remarkBmeExplain(options?: Options | null): (tree: Root, file: VFile) => undefined {
  const settings = options ?? {}
  if (typeof settings !== 'object') throw new TypeError('bme-explain/remark: options must be an object')
  const prefix = settings.prefix ?? 'bme-'
  if (typeof prefix !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(prefix)) {
    throw new TypeError('bme-explain/remark: `prefix` must start with a letter and hold only letters, digits, `-` and `_`')
  }
  const explainOptions: ExplainOptions = {format: 'markdown', audience: settings.audience, lexicon: settings.lexicon, maxLength: settings.maxLength}

  return function transformer(tree, file) {
    const text = String(file)
    const result = explainWith(text, explainOptions, {markdown: () => viewFromTree(text, tree)})
    file.data.bmeExplain = result
    const point = pointLocator(text)
    const labels = statusLabels[result.audience]

    for (const annotation of result.annotations) {
      const status = statusKeys(annotation.context).map((key) => labels[key])
      const reason = `${annotation.label} (${annotation.category}${status.length > 0 ? `; ${status.join(', ')}` : ''})`
      const message = file.info(reason, {
        place: {start: point(annotation.start), end: point(annotation.end)},
        ruleId: annotation.conceptId,
        source: 'bme-explain'
      })
      const {explanation} = annotation
      message.note = [explanation.summary, explanation.detail, explanation.note].filter((part) => part !== undefined).join('\n')
    }

    if (settings.mark !== false && result.annotations.length > 0) markTree(tree, text, result.annotations, prefix, point)
    return undefined
  }
}

/** Split text nodes at the annotations and turn each phrase piece into a mark. */
function markTree(tree: Root, text: string, annotations: readonly Annotation[], prefix: string, point: (offset: number) => Point): void {
  const sorted = [...annotations].sort((a, b) => a.start - b.start)

  function visit(parent: Parent): void {
    for (let index = 0; index < parent.children.length; index++) {
      const node = parent.children[index] as Nodes
      if (node.type === 'text') {
        const pieces = split(node)
        if (pieces) {
          parent.children.splice(index, 1, ...pieces)
          index += pieces.length - 1
        }
      } else if ('children' in node) {
        visit(node)
      }
    }
  }

  function split(node: Text): Text[] | undefined {
    const start = node.position?.start.offset
    const end = node.position?.end.offset
    if (start === undefined || end === undefined) return undefined
    const inside = sorted.filter((annotation) => annotation.start < end && annotation.end > start)
    if (inside.length === 0) return undefined
    const map = alignText(text.slice(start, end), node.value)
    if (!map) return undefined
    const pieces: Text[] = []
    let cursor = start
    const piece = (from: number, to: number, annotation?: Annotation) => {
      const value = node.value.slice(map[from - start], map[to - start])
      if (value === '') return
      const out: Text = {type: 'text', value, position: {start: point(from), end: point(to)}}
      if (annotation) {
        const keys = statusKeys(annotation.context)
        out.data = {
          hName: 'mark',
          hProperties: {
            className: [`${prefix}mark`, ...keys.map((key) => `${prefix}${key}`)],
            dataBmeConcept: annotation.conceptId,
            ...(keys.length > 0 ? {dataBmeStatus: keys.join(' ')} : {})
          }
        } as Text['data']
      }
      pieces.push(out)
    }
    for (const annotation of inside) {
      const from = Math.max(start, annotation.start)
      if (from < cursor) continue // overlaps a phrase already marked
      piece(cursor, from)
      const to = Math.min(end, annotation.end)
      piece(from, to, annotation)
      cursor = to
    }
    piece(cursor, end)
    return pieces
  }

  visit(tree)
}
