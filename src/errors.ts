/**
 * Errors thrown by bme-explain. Messages name the parameter and the rule,
 * never the report text.
 */

/** The default largest input, in UTF-16 code units (16 MiB of text). */
export const DEFAULT_MAX_LENGTH = 16 * 1024 * 1024

/** Throw a `TypeError` unless `value` is a string. */
export function assertText(value: unknown, name: string, maxLength: number): asserts value is string {
  if (typeof value !== 'string') {
    throw new TypeError(`bme-explain: \`${name}\` must be a string, got ${describe(value)}`)
  }
  if (value.length > maxLength) {
    throw new RangeError(
      `bme-explain: \`${name}\` is ${value.length} characters long, over the limit of ${maxLength} (raise \`maxLength\` to allow it)`
    )
  }
}

/** A short, content-free description of a value's type. */
export function describe(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value === 'object' ? 'an object' : typeof value
}
