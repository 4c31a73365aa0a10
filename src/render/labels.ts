/**
 * Short interface labels the renderers share: the words that tell a reader
 * a mention's status ("not seen", "uncertain", ...) without colour. These are
 * interface text, not medical prose: the explanations and status notes
 * themselves come from `lexicon/`.
 */
import type {Annotation, Audience, Context} from '../result-schema.js'

/** What every renderer says when a text holds no term of the lexicon. */
export const NOTHING_FOUND = 'No bone-marrow-edema-related terms were found in this text.'

/** One label per status flag and per reported change. */
export interface StatusLabels {
  negated: string
  uncertain: string
  hypothetical: string
  historical: string
  new: string
  increased: string
  decreased: string
  unchanged: string
  resolved: string
}

/** The default status labels, per audience. */
export const statusLabels: Readonly<Record<Audience, Readonly<StatusLabels>>> = {
  patient: {
    negated: 'not seen',
    uncertain: 'uncertain',
    hypothetical: 'question or plan',
    historical: 'earlier or past',
    new: 'new',
    increased: 'increased',
    decreased: 'decreased',
    unchanged: 'unchanged',
    resolved: 'resolved'
  },
  clinician: {
    negated: 'negated',
    uncertain: 'uncertain',
    hypothetical: 'hypothetical',
    historical: 'historical',
    new: 'new',
    increased: 'increased',
    decreased: 'decreased',
    unchanged: 'unchanged',
    resolved: 'resolved'
  }
}

/** The status keys that apply to a mention, flags first, then the change. */
export function statusKeys(context: Context): (keyof StatusLabels)[] {
  const keys: (keyof StatusLabels)[] = []
  if (context.negated) keys.push('negated')
  if (context.uncertain) keys.push('uncertain')
  if (context.hypothetical) keys.push('hypothetical')
  if (context.historical) keys.push('historical')
  if (context.change) keys.push(context.change)
  return keys
}

/** The labels of a mention's status, in `statusKeys` order; empty for a plain mention. */
export function statusText(annotation: Annotation, labels: Readonly<StatusLabels>): string[] {
  return statusKeys(annotation.context).map((key) => labels[key])
}

/**
 * Check that a result's annotations index `input`: each one's `text` must
 * equal `input.slice(start, end)`. Throws a `RangeError` (naming no report
 * text) otherwise.
 */
export function assertBelongs(input: string, annotations: readonly Annotation[]): void {
  for (const [index, annotation] of annotations.entries()) {
    if (
      !Number.isInteger(annotation.start) ||
      !Number.isInteger(annotation.end) ||
      annotation.start < 0 ||
      annotation.end > input.length ||
      input.slice(annotation.start, annotation.end) !== annotation.text
    ) {
      throw new RangeError(`bme-explain: annotation ${index} does not match \`input\`: pass the same text that was explained`)
    }
  }
}

/** `text` ending in a full stop, unless it ends in one, or a question or exclamation mark, already ("What causes bone marrow edema?"). */
export function endSentence(text: string): string {
  return /[.?!]$/.test(text) ? text : `${text}.`
}
