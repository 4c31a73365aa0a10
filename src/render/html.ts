/**
 * HTML renderer: the report with each explained phrase marked, followed by a
 * glossary that explains each concept once and lists its mentions, linked
 * both ways. Built as a hast tree with hastscript and serialised by
 * hast-util-to-html, so report text only ever becomes text nodes (escaped on
 * output), never markup.
 *
 * Output shape (with the default prefix `bme-`):
 *
 * ```html
 * <div class="bme">
 *   <div class="bme-report">… <a class="bme-mark bme-negated" id="bme-m2" href="#bme-n2"
 *     aria-describedby="bme-g1-summary bme-n2-note" data-bme-concept="fracture"
 *     data-bme-status="negated"><mark>fracture</mark><small class="bme-status"> (not seen)</small></a> …<br>…</div>
 *   <section class="bme-glossary" aria-labelledby="bme-glossary-title">
 *     <h2 id="bme-glossary-title">Terms explained</h2>
 *     <p class="bme-disclaimer">…</p>
 *     <ol class="bme-entries"><li id="bme-g1" data-bme-concept="fracture">
 *       <p class="bme-term"><strong>Fracture</strong> <small>(condition)</small></p>
 *       <p id="bme-g1-summary">…</p> <p>…detail…</p>
 *       <ul class="bme-mentions"><li id="bme-n2">In the report, line 3: <q>fracture</q>
 *         <strong class="bme-status">not seen</strong> <span id="bme-n2-note">…</span>
 *         <a href="#bme-m2">Back to the text</a></li></ul>
 *       <p class="bme-cites">Sources: <a href="#bme-s1">[1]</a></p></li></ol>
 *     <h3>Sources</h3><ol class="bme-sources"><li id="bme-s1">Title. Publisher, 2019.</li></ol>
 *   </section>
 * </div>
 * ```
 *
 * Allow-list (checked by tests/render-html.test.ts): elements `div`,
 * `section`, `h1`–`h6` (one level and the next), `p`, `ol`, `ul`, `li`, `a`,
 * `mark`, `small`, `strong`, `q`, `span`, `br`; attributes `class`, `id`,
 * `href` (always an in-page `#` link), `aria-describedby` (on `a`),
 * `aria-labelledby` (on `section`), `data-bme-concept`, `data-bme-status`.
 *
 * Accessibility: each mark is a link (reachable with the keyboard) to its
 * mention in the glossary, described (`aria-describedby`) by the concept's
 * summary and the mention's status note; each glossary mention links back.
 * A mention's status is a visible text label, so it never depends on
 * colour, and no `title` attribute is used. The label is the only text the
 * renderer adds inside the report: the report's text content without the
 * `small.bme-status` labels equals the input exactly.
 */
import type {Element, ElementContent, Root} from 'hast'
import {toHtml as hastToHtml} from 'hast-util-to-html'
import {h} from 'hastscript'
import type {Annotation, Audience, ExplainResult} from '../result-schema.js'
import {assertBelongs, endSentence, NOTHING_FOUND, statusKeys, statusLabels, type StatusLabels} from './labels.js'

/** Interface words of the HTML output; change them to translate it. */
export interface HtmlLabels {
  /** Heading of the glossary. Default `'Terms explained'`. */
  glossary: string
  /** Before each mention's line number. Default `'In the report, line'`. */
  inReport: string
  /** Text of the link from a mention back to its mark. Default `'Back to the text'`. */
  back: string
  /** Heading of the source list, and the word before an entry's citations. Default `'Sources'`. */
  sources: string
  /** Shown when nothing was found. */
  none: string
  /** Status labels; default per audience (see `statusLabels`). */
  status: StatusLabels
}

/** Options of `toHtml` and `toHast`. */
export interface HtmlOptions {
  /** The text that was explained. Required: the result holds offsets into it, not the text itself. */
  input: string
  /** Prefix of every `id` and `class`, so several reports can share a page. Default `'bme-'`. */
  prefix?: string | undefined
  /** Wording of the status labels (`'patient'`: "not seen"; `'clinician'`: "negated"). Default: the result's audience. */
  audience?: Audience | undefined
  /** Include the result's disclaimer at the top of the glossary. Default `true`. */
  disclaimer?: boolean | undefined
  /** Level of the glossary heading, 1 to 6 (the source list gets the next level). Default 2. */
  headingLevel?: number | undefined
  /**
   * Prefix put before the target of every in-page link (`href="#…"`), not
   * before the `id`s. Pass `'user-content-'` when the output goes through
   * rehype-sanitize with GitHub's schema, which adds that prefix to ids.
   * Default `''`.
   */
  clobberPrefix?: string | undefined
  /** Interface words; anything missing keeps its default. */
  labels?: Partial<Omit<HtmlLabels, 'status'>> & {status?: Partial<StatusLabels> | undefined}
}

const defaultLabels: Omit<HtmlLabels, 'status'> = {
  glossary: 'Terms explained',
  inReport: 'In the report, line',
  back: 'Back to the text',
  sources: 'Sources',
  none: NOTHING_FOUND
}

const PREFIX = /^[A-Za-z][A-Za-z0-9_-]*$/
const LINE_END = /\r\n|[\n\r\u2028\u2029]/g

interface Settings {
  input: string
  p: string
  clobber: string
  disclaimer: boolean
  level: number
  labels: HtmlLabels
}

function settingsOf(result: ExplainResult, options: HtmlOptions | undefined): Settings {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.annotations)) {
    throw new TypeError('bme-explain: `result` must be the value returned by `explain()`')
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('bme-explain: `options` must be an object with `input`')
  const {input, prefix = 'bme-', clobberPrefix = '', headingLevel = 2, disclaimer = true} = options
  if (typeof input !== 'string') throw new TypeError('bme-explain: `options.input` must be the string that was explained')
  if (typeof prefix !== 'string' || !PREFIX.test(prefix)) {
    throw new TypeError('bme-explain: `options.prefix` must start with a letter and hold only letters, digits, `-` and `_`')
  }
  if (typeof clobberPrefix !== 'string' || (clobberPrefix !== '' && !PREFIX.test(clobberPrefix))) {
    throw new TypeError('bme-explain: `options.clobberPrefix` must be empty or like `user-content-`')
  }
  if (!Number.isInteger(headingLevel) || headingLevel < 1 || headingLevel > 6) {
    throw new TypeError('bme-explain: `options.headingLevel` must be a whole number from 1 to 6')
  }
  const audience = options.audience ?? result.audience
  if (audience !== 'patient' && audience !== 'clinician') throw new TypeError("bme-explain: `options.audience` must be 'patient' or 'clinician'")
  assertBelongs(input, result.annotations)
  const labels: HtmlLabels = {...defaultLabels, ...stripUndefined(options.labels ?? {}), status: {...statusLabels[audience], ...stripUndefined(options.labels?.status ?? {})}}
  return {input, p: prefix, clobber: clobberPrefix, disclaimer: disclaimer !== false, level: headingLevel, labels}
}

function stripUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => typeof item === 'string')) as Partial<T>
}

/** Text nodes for `value`, with a `<br>` after each line end (the line end itself stays in the text). */
function lines(value: string): ElementContent[] {
  const out: ElementContent[] = []
  let from = 0
  for (const match of value.matchAll(LINE_END)) {
    const to = match.index + match[0].length
    out.push({type: 'text', value: value.slice(from, to)}, h('br'))
    from = to
  }
  if (from < value.length) out.push({type: 'text', value: value.slice(from)})
  return out
}

/**
 * The annotations that get a mark, in text order: an annotation that
 * overlaps one already marked is listed in the glossary but not marked.
 */
function markable(annotations: readonly Annotation[]): Set<number> {
  const order = annotations.map((_, index) => index).sort((a, b) => (annotations[a]?.start ?? 0) - (annotations[b]?.start ?? 0) || a - b)
  const marked = new Set<number>()
  let cursor = 0
  for (const index of order) {
    const annotation = annotations[index]
    if (!annotation || annotation.start < cursor || annotation.end <= annotation.start) continue
    marked.add(index)
    cursor = annotation.end
  }
  return marked
}

/**
 * Render a result as a hast tree (see the module comment for its shape).
 * Throws `TypeError` for bad options and `RangeError` when the result's
 * offsets do not fit `options.input`.
 */
export function toHast(result: ExplainResult, options: HtmlOptions): Root {
  const s = settingsOf(result, options)
  const {p, labels} = s
  const entryOf = new Map(result.glossary.map((entry, index) => [entry.conceptId, index + 1]))
  const sourceOf = new Map(result.sources.map((source, index) => [source.id, index + 1]))
  const marked = markable(result.annotations)
  const link = (id: string) => `#${s.clobber}${p}${id}`

  // The report.
  const report: ElementContent[] = []
  let cursor = 0
  const order = [...marked].sort((a, b) => (result.annotations[a]?.start ?? 0) - (result.annotations[b]?.start ?? 0))
  for (const index of order) {
    const annotation = result.annotations[index]
    if (!annotation) continue
    report.push(...lines(s.input.slice(cursor, annotation.start)))
    const n = index + 1
    const keys = statusKeys(annotation.context)
    const entry = entryOf.get(annotation.conceptId)
    const describedBy = [
      ...(entry === undefined ? [] : [`${p}g${entry}-summary`]),
      ...(annotation.explanation.note === undefined ? [] : [`${p}n${n}-note`])
    ]
    const children: ElementContent[] = [h('mark', lines(annotation.text))]
    if (keys.length > 0) children.push(h('small', {className: [`${p}status`]}, ` (${keys.map((key) => labels.status[key]).join(', ')})`))
    report.push(
      h(
        'a',
        {
          className: [`${p}mark`, ...keys.map((key) => `${p}${key}`)],
          id: `${p}m${n}`,
          href: link(`n${n}`),
          ariaDescribedBy: describedBy.length > 0 ? describedBy : undefined,
          dataBmeConcept: annotation.conceptId,
          dataBmeStatus: keys.length > 0 ? keys.join(' ') : undefined
        },
        children
      )
    )
    cursor = annotation.end
  }
  report.push(...lines(s.input.slice(cursor)))

  // The glossary.
  const glossary: ElementContent[] = [nl(), h(`h${s.level}`, {id: `${p}glossary-title`}, labels.glossary)]
  if (s.disclaimer) glossary.push(nl(), h('p', {className: [`${p}disclaimer`]}, result.disclaimer))
  if (result.glossary.length === 0) glossary.push(nl(), h('p', {className: [`${p}none`]}, labels.none))
  const entries: ElementContent[] = []
  for (const [entryIndex, entry] of result.glossary.entries()) {
    const g = `${p}g${entryIndex + 1}`
    const mentions: ElementContent[] = []
    for (const [index, annotation] of result.annotations.entries()) {
      if (annotation.conceptId !== entry.conceptId) continue
      const n = index + 1
      const keys = statusKeys(annotation.context)
      const item: ElementContent[] = [`${labels.inReport} ${annotation.line}: `, h('q', lines(annotation.text))].map(asNode)
      if (keys.length > 0) item.push(asNode(' '), h('strong', {className: [`${p}status`]}, keys.map((key) => labels.status[key]).join(', ')))
      if (annotation.explanation.note !== undefined) item.push(asNode(' '), h('span', {id: `${p}n${n}-note`}, annotation.explanation.note))
      const extra = annotation.explanation.sources.filter((ref) => !entry.sources.some((own) => own.id === ref.id))
      if (extra.length > 0) item.push(asNode(' '), ...citations(extra.map((ref) => ref.id), sourceOf, link, labels))
      if (marked.has(index)) item.push(asNode(' '), h('a', {href: link(`m${n}`)}, labels.back))
      mentions.push(nl(), h('li', {id: `${p}n${n}`}, item))
    }
    const body: ElementContent[] = [
      nl(),
      h('p', {className: [`${p}term`]}, [h('strong', entry.label), ' ', h('small', `(${entry.category})`)]),
      nl(),
      h('p', {id: `${g}-summary`}, entry.summary)
    ]
    if (entry.detail !== undefined) body.push(nl(), h('p', entry.detail))
    body.push(nl(), h('ul', {className: [`${p}mentions`]}, [...mentions, nl()]))
    if (entry.sources.length > 0) {
      body.push(nl(), h('p', {className: [`${p}cites`]}, citations(unique(entry.sources.map((ref) => ref.id)), sourceOf, link, labels)))
    }
    entries.push(nl(), h('li', {id: g, dataBmeConcept: entry.conceptId}, [...body, nl()]))
  }
  if (entries.length > 0) glossary.push(nl(), h('ol', {className: [`${p}entries`]}, [...entries, nl()]))
  if (result.sources.length > 0) {
    const sources = result.sources.map((source, index) => {
      const by = source.author === undefined ? source.publisher : `${source.author}, ${source.publisher}`
      return [nl(), h('li', {id: `${p}s${index + 1}`}, `${endSentence(source.title)} ${by}${source.year === null ? '' : `, ${source.year}`}.`)]
    })
    glossary.push(nl(), h(`h${Math.min(6, s.level + 1)}`, labels.sources), nl(), h('ol', {className: [`${p}sources`]}, [...sources.flat(), nl()]))
  }

  const root: Element = h('div', {className: [p.replace(/[-_]$/, '') || p]}, [
    nl(),
    h('div', {className: [`${p}report`]}, report),
    nl(),
    h('section', {className: [`${p}glossary`], ariaLabelledBy: [`${p}glossary-title`]}, [...glossary, nl()]),
    nl()
  ])
  return {type: 'root', children: [root, nl()]}
}

function nl(): ElementContent {
  return {type: 'text', value: '\n'}
}

function asNode(value: ElementContent | string): ElementContent {
  return typeof value === 'string' ? {type: 'text', value} : value
}

function unique(values: string[]): string[] {
  return [...new Set(values)]
}

function citations(ids: string[], sourceOf: Map<string, number>, link: (id: string) => string, labels: HtmlLabels): ElementContent[] {
  const out: ElementContent[] = [asNode(`${labels.sources}: `)]
  let first = true
  for (const id of unique(ids)) {
    const n = sourceOf.get(id)
    if (n === undefined) continue
    if (!first) out.push(asNode(' '))
    out.push(h('a', {href: link(`s${n}`)}, `[${n}]`))
    first = false
  }
  return first ? [] : out
}

/**
 * Serialise hast to HTML. A carriage return is written as `&#13;`, because
 * an HTML parser turns a literal one into a line feed; everything else is
 * hast-util-to-html's default escaping.
 */
export function serialize(tree: Root): string {
  return hastToHtml(tree).replace(/\r/g, '&#13;')
}

/**
 * Render a result as an HTML fragment: the report with marked phrases, then
 * the glossary. Safe to insert into a page: report text is escaped, never
 * parsed as markup. Throws like `toHast`.
 *
 * @example
 *   const result = explain(report)
 *   element.innerHTML = toHtml(result, {input: report})
 */
export function toHtml(result: ExplainResult, options: HtmlOptions): string {
  return serialize(toHast(result, options))
}

/**
 * A small stylesheet for the output: marks underlined (solid for a plain
 * mention, dashed when negated, dotted when uncertain, so status never
 * depends on colour alone) and a visible focus ring. Optional.
 */
export function stylesheet(prefix = 'bme-'): string {
  if (!PREFIX.test(prefix)) throw new TypeError('bme-explain: `prefix` must start with a letter and hold only letters, digits, `-` and `_`')
  const p = '.' + prefix
  return [
    `${p}mark { color: inherit; text-decoration: none; }`,
    `${p}mark mark { background: #fff1a8; color: #000; border-bottom: 2px solid; }`,
    `${p}mark${p}negated mark { background: #e8e8e8; border-bottom-style: dashed; }`,
    `${p}mark${p}uncertain mark { background: #e3efff; border-bottom-style: dotted; }`,
    `${p}mark:focus-visible, ${p}glossary a:focus-visible { outline: 3px solid; outline-offset: 2px; }`,
    `${p}status { font-size: 0.85em; }`,
    `${p}glossary li:target { outline: 2px solid; }`,
    `${p}report { line-height: 1.6; }`,
    `@media (forced-colors: active) { ${p}mark mark { border-bottom-color: CanvasText; } }`
  ].join('\n')
}

/** Options of `toHtmlDocument`: those of `toHtml`, plus the page title and language. */
export interface HtmlDocumentOptions extends HtmlOptions {
  /** The page's `<title>`. Default `'Report terms explained'`. */
  title?: string | undefined
  /** The page's `lang`. Default `'en'`. */
  lang?: string | undefined
}

/**
 * A complete HTML page (doctype, UTF-8, viewport, the stylesheet) around the
 * `toHtml` fragment, for saving to a file (the CLI's `--format html`). The
 * disclaimer opens the page, before the report (unless `disclaimer` is
 * false), instead of heading the glossary.
 */
export function toHtmlDocument(result: ExplainResult, options: HtmlDocumentOptions): string {
  // On a page of its own the notice comes first, before the report, as in
  // the CLI's text output; in a fragment it heads the glossary.
  const fragment = toHast(result, {...options, disclaimer: false})
  const notice = options.disclaimer === false ? [] : [h('p', {className: [`${options.prefix ?? 'bme-'}disclaimer`]}, result.disclaimer), nl()]
  const page: Root = {
    type: 'root',
    children: [
      {type: 'doctype'},
      h('html', {lang: options.lang ?? 'en'}, [
        h('head', [
          h('meta', {charSet: 'utf-8'}),
          h('meta', {name: 'viewport', content: 'width=device-width, initial-scale=1'}),
          h('title', options.title ?? 'Report terms explained'),
          h('style', stylesheet(options.prefix ?? 'bme-'))
        ]),
        h('body', [...notice, ...fragment.children.filter((node): node is ElementContent => node.type !== 'doctype')])
      ]),
      nl()
    ]
  }
  return serialize(page)
}
