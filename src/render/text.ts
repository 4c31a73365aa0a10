/**
 * Text renderer, for terminals: each mention with its line and column, the
 * report line around it with the phrase marked, the explanation, the status
 * note and the sources, wrapped to a width (80 columns by default). Colour
 * (ANSI bold and dim) only when asked for; control characters from the
 * report are shown as `�` so report text cannot drive the terminal.
 */
import {noteKey} from '../annotate.js'
import type {Annotation, ExplainResult} from '../result-schema.js'
import {assertBelongs, endSentence, NOTHING_FOUND, statusLabels, statusText, type StatusLabels} from './labels.js'

export interface TextOptions {
  /** Use ANSI bold and dim. Default false; the CLI turns it on for a TTY without `NO_COLOR`. */
  color?: boolean | undefined
  /** Line width, at least 40. Default 80. */
  width?: number | undefined
  /** The original input, to show each mention in its line. Without it only the phrase is shown. */
  input?: string | undefined
}

const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g

/** Make report text safe to print: controls and bidi overrides become U+FFFD, runs of white space one space. */
export function printable(value: string): string {
  return value.replace(/[\t\n\r\u2028\u2029]+/g, ' ').replace(CONTROL, '\uFFFD')
}

const ANSI = /\u001b\[[0-9;]*m/g

/** Visible length: ANSI styling codes take no columns. */
function visible(value: string): number {
  return value.replace(ANSI, '').length
}

/**
 * Word-wrap `value` to `width`, each line starting with `indent` (the first
 * with `firstIndent`). ANSI styling codes take no room; a word longer than
 * a whole line is cut.
 */
export function wrap(value: string, width: number, indent: string, firstIndent = indent): string {
  const room = Math.max(10, width - indent.length)
  const words: string[] = []
  for (const word of value.split(/ +/).filter(Boolean)) {
    if (visible(word) <= room || word.includes('\u001b')) {
      words.push(word)
    } else {
      for (let at = 0; at < word.length; at += room) words.push(word.slice(at, at + room))
    }
  }
  const lines: string[] = []
  let line = firstIndent
  let empty = true
  for (const word of words) {
    if (!empty && visible(line) + 1 + visible(word) > width) {
      lines.push(line)
      line = indent + word
    } else {
      line += (empty ? '' : ' ') + word
    }
    empty = false
  }
  lines.push(line)
  return lines.join('\n')
}

/** The parts of a stream and an environment that decide colour. */
export interface ColorContext {
  isTTY?: boolean | undefined
}

/**
 * Whether to colour output: only on a TTY, never when `NO_COLOR` is set to
 * anything but the empty string (https://no-color.org) or when
 * `TERM=dumb`.
 */
export function colorEnabled(stream: ColorContext, env: Record<string, string | undefined>): boolean {
  if (stream.isTTY !== true) return false
  if (env['NO_COLOR'] !== undefined && env['NO_COLOR'] !== '') return false
  return env['TERM'] !== 'dumb'
}

const LINE_BREAK = /[\n\r\u2028\u2029]/

function excerpt(input: string, annotation: Annotation, room: number): string {
  const phrase = printable(annotation.text)
  const side = Math.max(8, Math.floor((room - phrase.length - 2) / 2))
  // The line around the phrase, read no further than the excerpt can show
  // (with room for spaces trimmed): a report of one long line costs no
  // more per mention than one of many short ones.
  const reach = 2 * side + 64
  let lineStart = annotation.start
  while (lineStart > 0 && annotation.start - lineStart < reach && !LINE_BREAK.test(input[lineStart - 1] ?? '')) lineStart--
  let lineEnd = annotation.end
  while (lineEnd < input.length && lineEnd - annotation.end < reach && !LINE_BREAK.test(input[lineEnd] ?? '')) lineEnd++
  // (Cut short, not at the line's edge: the excerpt says so.)
  const clippedBefore = lineStart > 0 && !LINE_BREAK.test(input[lineStart - 1] ?? '')
  const clippedAfter = lineEnd < input.length && !LINE_BREAK.test(input[lineEnd] ?? '')
  let before = printable(input.slice(lineStart, annotation.start)).trimStart()
  let after = printable(input.slice(annotation.end, lineEnd)).trimEnd()
  if (before.length > side || clippedBefore) before = '…' + before.slice(Math.max(0, before.length - side + 1))
  if (after.length > side || clippedAfter) after = after.slice(0, side - 1) + '…'
  return before + '[' + phrase + ']' + after
}

function flags(annotation: Annotation, labels: Readonly<StatusLabels>): string {
  const out = statusText(annotation, labels)
  return out.length > 0 ? ` — ${out.join(', ')}` : ''
}

/** Render a result as text for a terminal. */
export function toText(result: ExplainResult, options?: TextOptions): string {
  if (typeof result !== 'object' || result === null || !Array.isArray(result.annotations)) {
    throw new TypeError('bme-explain: `result` must be the value returned by `explain()`')
  }
  if (options !== undefined && (typeof options !== 'object' || options === null)) throw new TypeError('bme-explain: `options` must be an object')
  const requested = options?.width ?? 80
  if (typeof requested !== 'number' || !Number.isFinite(requested)) throw new TypeError('bme-explain: `options.width` must be a number of columns')
  // (Narrower than 40 columns would leave an explanation a word a line.)
  const width = Math.max(40, Math.floor(requested))
  if (options?.input !== undefined) {
    if (typeof options.input !== 'string') throw new TypeError('bme-explain: `options.input` must be the string that was explained')
    assertBelongs(options.input, result.annotations)
  }
  const color = options?.color === true
  const bold = (s: string) => (color ? `\u001b[1m${s}\u001b[22m` : s)
  const dim = (s: string) => (color ? `\u001b[2m${s}\u001b[22m` : s)
  const out: string[] = []

  out.push(wrap(result.disclaimer, width, ''), '')
  if (result.annotations.length === 0) {
    out.push(NOTHING_FOUND)
    return out.join('\n') + '\n'
  }
  out.push(`${result.annotations.length} term${result.annotations.length === 1 ? '' : 's'} found:`, '')

  // Where each concept was first explained: a later mention points there
  // instead of printing the same explanation again (a report names
  // "subchondral" or "T1" many times); its own note is still shown.
  const explainedAt = new Map<string, string>()
  for (const annotation of result.annotations) {
    const place = `${annotation.line}:${annotation.column}`
    out.push(
      wrap(`${bold(printable(annotation.text))} (${annotation.label}, ${annotation.category})${flags(annotation, statusLabels[result.audience])}`, width, '    ', `${place}  `)
    )
    if (options?.input !== undefined) {
      out.push(dim(wrap(excerpt(options.input, annotation, width - 6), width, '      ', '    > ')))
    }
    const {explanation} = annotation
    const first = explainedAt.get(annotation.conceptId)
    if (first !== undefined) {
      out.push(dim(wrap(`Explained at ${first} above.`, width, '    ')))
    } else {
      explainedAt.set(annotation.conceptId, place)
      out.push(wrap(explanation.summary, width, '    '))
      if (explanation.detail) out.push(wrap(explanation.detail, width, '    '))
    }
    if (explanation.note) out.push(wrap(`Note${saidBy(annotation)}: ${explanation.note}`, width, '    '))
    if (first === undefined) out.push(dim(wrap(`Sources: ${[...new Set(explanation.sources.map((source) => source.id))].join(', ')}`, width, '    ')))
    out.push('')
  }

  if (result.sources.length > 0) {
    out.push('Sources')
    for (const source of result.sources) {
      const by = source.author ?? source.publisher
      out.push(wrap(`[${source.id}] ${endSentence(source.title)} ${by}${source.year === null ? '' : `, ${source.year}`}.`, width, '    ', '  '))
    }
  }
  return out.join('\n') + '\n'
}

/**
 * What in the report the note is about: the cue that set the status the
 * note tells (the note tells one, `noteKey`), or the heading whose section
 * implies it (" (the report says “Rule out”)", " (under “INDICATION”)").
 */
function saidBy(annotation: Annotation): string {
  const key = noteKey(annotation.context)
  const ref = annotation.cues.find((cue) => cue.change === key || cue.category === key) ?? annotation.cues.find((cue) => cue.via === 'cue')
  if (!ref) return ''
  return ref.via === 'section' ? ` (under “${printable(ref.text)}”)` : ` (the report says “${printable(ref.text)}”)`
}
