/**
 * Errors thrown by bme-explain. Messages name the parameter and the rule,
 * never the report text.
 */
import type {Audience} from './result-schema.js'

/** The default largest input, in UTF-16 code units (16 MiB of text). */
export const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024

/** Throw a `TypeError` unless `text` is a string (a `RangeError` if it is longer than `maxLength`). */
export function assertText(text: unknown, maxLength: number): asserts text is string {
  if (typeof text !== 'string') {
    throw new TypeError(`bme-explain: \`text\` must be a string, got ${describe(text)}`)
  }
  if (text.length > maxLength) {
    throw new RangeError(
      `bme-explain: \`text\` is ${text.length} characters long, over the limit of ${maxLength} (raise \`maxLength\` to allow it)`
    )
  }
}

/** A short, content-free description of a value's type. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}

/**
 * Throw a `TypeError` unless `options` is absent or a plain object whose
 * keys are all in `known`: a misspelt option (`maxlength`) would otherwise
 * be ignored without a word.
 */
export function assertOptions(options: unknown, known: readonly string[]): void {
  if (options === undefined || options === null) return
  if (typeof options !== 'object' || Array.isArray(options)) {
    throw new TypeError(`bme-explain: \`options\` must be an object, got ${describe(options)}`)
  }
  for (const key of Object.keys(options)) {
    if (!known.includes(key)) {
      throw new TypeError(`bme-explain: unknown option \`options.${key}\` (known: ${known.join(', ')})`)
    }
  }
}

/** Throw a `TypeError` unless `audience` is an audience. */
export function assertAudience(audience: unknown): asserts audience is Audience {
  if (audience !== 'patient' && audience !== 'clinician') throw new TypeError("bme-explain: `options.audience` must be 'patient' or 'clinician'")
}

/** Throw a `TypeError` unless `maxLength` is a whole number of characters (or absent). */
export function assertMaxLength(maxLength: unknown): void {
  if (maxLength === undefined) return
  if (typeof maxLength !== 'number' || !Number.isInteger(maxLength) || maxLength < 0) {
    throw new TypeError('bme-explain: `options.maxLength` must be a whole number of characters')
  }
}

/**
 * Throw a `TypeError` unless `lexicon` has the shape lexicon data needs
 * (the arrays and objects the pipeline reads). It checks the shape only:
 * `validateLexicon` from 'bme-explain/lexicon' checks the whole schema.
 */
export function assertLexiconShape(lexicon: unknown): void {
  const data = lexicon as Record<string, unknown> | null
  const ok =
    typeof data === 'object' &&
    data !== null &&
    Array.isArray(data['concepts']) &&
    Array.isArray(data['sources']) &&
    Array.isArray(data['cues']) &&
    Array.isArray(data['sections']) &&
    typeof data['notes'] === 'object' &&
    data['notes'] !== null
  if (!ok) {
    throw new TypeError(
      `bme-explain: \`options.lexicon\` must be lexicon data with \`concepts\`, \`sources\`, \`cues\`, \`sections\` and \`notes\` (check it with \`validateLexicon\` from 'bme-explain/lexicon')`
    )
  }
}
