/**
 * Markdown renderer: the disclaimer as a block quote, the report with each
 * explained phrase in bold followed by a footnote reference (`[^1]`), and
 * one GFM footnote per concept that explains it and lists its mentions with
 * their status.
 *
 * All report text (and lexicon text) is escaped, only where markdown would
 * read it: a character that opens or closes inline markup anywhere
 * (`` \`*_{}[]<&|~$^@ ``, and `:` before `//` and `.` after `www`, which GFM
 * makes links) gets a backslash, and so does one that starts a block at
 * the start of a line (`#`, `+`, `-`, `=`, `>`, or `.` and `)` after the
 * digits of a numbered item); spaces and tabs at the start or end of a
 * line become character references, and each line break inside a
 * paragraph is a hard break (`\` at the end of the line). So a report that
 * looks like markdown (`# `, `* `, `1. `, `<b>`, `[x](y)`, `|a|b|`,
 * four-space indents) renders as the text it is, and "T2-weighted (STIR)."
 * stays as written. Valid CommonMark; footnotes are GFM.
 */
import type {Annotation, Audience, ExplainResult} from '../result-schema.js'
import {assertBelongs, NOTHING_FOUND, statusKeys, statusLabels, type StatusLabels} from './labels.js'

/** Interface words of the markdown output; change them to translate it. */
export interface MarkdownLabels {
  /** Before each mention's line number. Default `'In the report, line'`. */
  inReport: string
  /** Before the citations. Default `'Sources'`. */
  sources: string
  /** Shown when nothing was found. */
  none: string
  /** Status labels; default per audience. */
  status: StatusLabels
}

/** Options of `toMarkdown`. */
export interface MarkdownOptions {
  /** The text that was explained. Required: the result holds offsets into it, not the text itself. */
  input: string
  /** Wording of the status labels. Default: the result's audience. */
  audience?: Audience | undefined
  /** Put the disclaimer first, as a block quote. Default `true`. */
  disclaimer?: boolean | undefined
  /** Prefix of the footnote labels (`[^bme-1]` with `'bme-'`), to avoid clashes in a larger document. Default `''`. */
  prefix?: string | undefined
  /** Interface words; anything missing keeps its default. */
  labels?: Partial<Omit<MarkdownLabels, 'status'>> & {status?: Partial<StatusLabels> | undefined}
}

const defaultLabels: Omit<MarkdownLabels, 'status'> = {
  inReport: 'In the report, line',
  sources: 'Sources',
  none: NOTHING_FOUND
}

const LINE = /\r\n|\r|\n/g
/** ASCII punctuation that opens or closes inline markup in CommonMark, GFM or a common extension (math, attributes, mentions). */
const INLINE = /[\\`*_{}[\]<&|~$^@]/g
/** What opens a block at the start of a line: a heading, list, quote or rule mark, or a numbered item's `.` or `)`. */
const BLOCK_START = /^([ \t]*)([#+\-=>]|\d{1,9}[.)])/
/** What GFM makes a link of in plain text: `http://`, `www.`. */
const LINK_LITERAL = /:\/\/|www\./gi
const WORDY = /^[\p{L}\p{N}][\s\S]*[\p{L}\p{N}]$|^[\p{L}\p{N}]$/u

/** Escape text so CommonMark reads it literally (one line; line breaks become spaces). */
export function escapeMarkdown(value: string): string {
  return escapeText(value.replace(/[\r\n]+/g, ' '), true)
}

/** The punctuation of `value` that markdown would read, escaped; `atStart`: the text starts a line. */
function escapeText(value: string, atStart: boolean): string {
  const out = value.replace(INLINE, '\\$&').replace(LINK_LITERAL, (link) => (link.startsWith(':') ? `\\${link}` : `${link.slice(0, -1)}\\.`))
  return atStart ? out.replace(BLOCK_START, (_, space: string, mark: string) => `${space}${mark.slice(0, -1)}\\${mark.slice(-1)}`) : out
}

/** Escape one line of report text: punctuation, spaces or tabs at either end, and a "(" right after a footnote reference. */
function escapeLine(value: string, atStart: boolean, atEnd: boolean, afterReference = false): string {
  let out = escapeText(value, atStart)
  if (afterReference && out.startsWith('(')) out = `\\${out}`
  if (atStart) out = out.replace(/^[ \t]+/, (space) => reference(space))
  if (atEnd) {
    // A scan, not /[ \t]+$/: that regex backtracks quadratically on a long run of spaces inside a line.
    let cut = out.length
    while (cut > 0 && (out.charCodeAt(cut - 1) === 0x20 || out.charCodeAt(cut - 1) === 0x09)) cut--
    if (cut < out.length) out = out.slice(0, cut) + reference(out.slice(cut))
  }
  return out
}

function reference(space: string): string {
  return [...space].map((char) => (char === '\t' ? '&#9;' : '&#32;')).join('')
}

interface Mark {
  annotation: Annotation
  label: string
  bold: boolean
}

/**
 * Render a result as markdown (see the module comment). Throws `TypeError`
 * for bad options and `RangeError` when the result's offsets do not fit
 * `options.input`.
 */
export function toMarkdown(result: ExplainResult, options: MarkdownOptions): string {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.annotations)) {
    throw new TypeError('bme-explain: `result` must be the value returned by `explain()`')
  }
  if (typeof options !== 'object' || options === null) throw new TypeError('bme-explain: `options` must be an object with `input`')
  const {input, prefix = ''} = options
  if (typeof input !== 'string') throw new TypeError('bme-explain: `options.input` must be the string that was explained')
  if (typeof prefix !== 'string' || !/^[A-Za-z0-9_-]*$/.test(prefix)) {
    throw new TypeError('bme-explain: `options.prefix` may hold only letters, digits, `-` and `_`')
  }
  const audience = options.audience ?? result.audience
  if (audience !== 'patient' && audience !== 'clinician') throw new TypeError("bme-explain: `options.audience` must be 'patient' or 'clinician'")
  assertBelongs(input, result.annotations)
  const labels: MarkdownLabels = {
    ...defaultLabels,
    ...pickStrings(options.labels ?? {}),
    status: {...statusLabels[audience], ...pickStrings(options.labels?.status ?? {})}
  }
  const entryOf = new Map(result.glossary.map((entry, index) => [entry.conceptId, `${prefix}${index + 1}`]))

  // Marks in text order; one that overlaps an earlier mark is left out of the text.
  const marks: Mark[] = []
  let cursor = 0
  for (const annotation of [...result.annotations].sort((a, b) => a.start - b.start)) {
    const label = entryOf.get(annotation.conceptId)
    if (label === undefined || annotation.start < cursor || annotation.end <= annotation.start) continue
    // (A CRLF is one line break, not a CR and an LF: made an LF first.)
    marks.push({annotation, label, bold: WORDY.test(annotation.text) && !/[\r\n][ \t]*[\r\n]/.test(annotation.text.replaceAll('\r\n', '\n'))})
    cursor = annotation.end
  }

  const out: string[] = []
  if (options.disclaimer !== false) out.push(`> ${escapeMarkdown(result.disclaimer)}`, '')
  out.push(reportMarkdown(input, marks))
  if (result.glossary.length === 0) out.push('', escapeMarkdown(labels.none))

  const sourceText = new Map(
    result.sources.map((source) => {
      const by = source.author === undefined ? source.publisher : `${source.author}, ${source.publisher}`
      return [source.id, escapeMarkdown(`${source.title} (${by}${source.year === null ? '' : `, ${source.year}`})`)]
    })
  )
  for (const entry of result.glossary) {
    const lines = [`[^${entryOf.get(entry.conceptId)}]: **${escapeMarkdown(entry.label)}** (${escapeMarkdown(entry.category)}). ${escapeMarkdown(entry.summary)}`]
    if (entry.detail !== undefined) lines[0] += ` ${escapeMarkdown(entry.detail)}`
    lines.push('')
    for (const annotation of result.annotations) {
      if (annotation.conceptId !== entry.conceptId) continue
      const status = statusKeys(annotation.context).map((key) => labels.status[key])
      let item = `    - ${escapeMarkdown(labels.inReport)} ${annotation.line}: “${escapeMarkdown(annotation.text)}”`
      if (status.length > 0) item += ` — **${escapeMarkdown(status.join(', '))}**.`
      if (annotation.explanation.note !== undefined) item += ` ${escapeMarkdown(annotation.explanation.note)}`
      lines.push(item)
    }
    const cited = [...new Set(entry.sources.map((ref) => ref.id))].map((id) => sourceText.get(id)).filter((text) => text !== undefined)
    if (cited.length > 0) lines.push('', `    ${escapeMarkdown(labels.sources)}: ${cited.join('; ')}.`)
    out.push('', ...lines)
  }
  return out.join('\n') + '\n'
}

function pickStrings<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, item]) => typeof item === 'string')) as Partial<T>
}

/** The report as markdown paragraphs, with the marks applied. */
function reportMarkdown(input: string, marks: readonly Mark[]): string {
  // Where each line starts and ends (without its line ending).
  const lines: {start: number; end: number}[] = []
  let from = 0
  for (const match of input.matchAll(LINE)) {
    lines.push({start: from, end: match.index})
    from = match.index + match[0].length
  }
  lines.push({start: from, end: input.length})

  // Insertions at offsets: `**` before a bold phrase, `**[^n]` after it.
  const opens = new Map<number, string>()
  const closes = new Map<number, string>()
  for (const mark of marks) {
    if (mark.bold) opens.set(mark.annotation.start, '**')
    closes.set(mark.annotation.end, `${mark.bold ? '**' : ''}[^${mark.label}]`)
  }

  const blank = (line: {start: number; end: number}) => /^[ \t]*$/.test(input.slice(line.start, line.end))
  // Every offset where a mark opens or closes, in order; each line takes
  // its own from where the last line stopped (one pass over all of them).
  const offsets = [...new Set([...opens.keys(), ...closes.keys()])].sort((a, b) => a - b)
  let pending = 0
  const out: string[] = []
  for (const [index, line] of lines.entries()) {
    while (pending < offsets.length && (offsets[pending] as number) < line.start) pending++
    if (blank(line)) {
      // A blank line ends the paragraph; a mark closing here (at a line start) closes on it.
      out.push(closes.get(line.start) ?? '')
      continue
    }
    let text = ''
    let at = line.start
    const cuts: number[] = []
    for (let cut = pending; cut < offsets.length && (offsets[cut] as number) <= line.end; cut++) cuts.push(offsets[cut] as number)
    // After a footnote reference, a "(" would make it a link: "[^1](2)".
    let afterReference = false
    for (const cut of cuts) {
      text += escapeLine(input.slice(at, cut), at === line.start, false, afterReference)
      const close = closes.get(cut) ?? ''
      const open = opens.get(cut) ?? ''
      text += close + open
      afterReference = close !== '' && open === ''
      at = cut
    }
    text += escapeLine(input.slice(at, line.end), at === line.start, true, afterReference)
    const next = lines[index + 1]
    out.push(next !== undefined && !blank(next) ? `${text}\\` : text)
  }
  return out.join('\n')
}
