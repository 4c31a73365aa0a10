/**
 * HL7 v2 → plain text: the report text carried in the OBX segments of an
 * ORU^R01 (or any other) HL7 v2 message.
 *
 * Rules:
 *
 * - The message starts with an `MSH` (or batch `FHS`/`BHS`) segment. MSH-1,
 *   the character after `MSH`, is the field separator; MSH-2 declares, in
 *   order, the component, repetition, escape and subcomponent characters
 *   (and, from v2.7, the truncation character). A later `MSH` re-declares
 *   them for the segments that follow it. Leading white space, a byte-order
 *   mark and MLLP framing characters (0x0B, 0x1C) are ignored.
 * - Segments are separated by CR, LF or CR LF. A non-empty line that does not
 *   start with a segment ID (three upper-case letters or digits, the first a
 *   letter, then the field separator or the end of the line) or a header
 *   (`MSH`, `FHS`, `BHS` and any separator) continues the
 *   previous segment after a line break: some senders put raw line breaks in
 *   OBX-5. Empty lines are ignored.
 * - Only OBX segments whose OBX-2 value type is `TX`, `FT` or `ST` count
 *   (case-insensitive); `NM`, `CE`, `CWE`, `ED`, `RP`, … are ignored. Their
 *   OBX-5 values are collected in message order.
 * - Each repetition of OBX-5 (split on the repetition character) is one or
 *   more lines of its own. The HL7 null value `""` is an empty line.
 * - TX, FT and ST are primitive (single-component) types, so OBX-5 is not split
 *   into components or subcomponents: a raw component or subcomponent
 *   character is kept as text. Senders should write `\S\` and `\T\` for them.
 * - Escape sequences use the escape character MSH-2 declares (see
 *   {@link decodeHl7Escapes}); with no escape character declared, text is
 *   taken as is.
 * - Trailing white space is removed from every line (HL7 says trailing spaces
 *   in TX carry no meaning); leading spaces (indentation) are kept. Empty lines
 *   in the middle are kept (senders use empty OBX lines as paragraph breaks);
 *   leading and trailing empty lines are removed.
 * - OBX-11 (result status) is not looked at: corrected and deleted results
 *   are returned like any other.
 *
 * Linear time: the input is split once, and escape sequences are found with
 * `indexOf` from left to right; no regular expression can backtrack.
 *
 * @module
 */
import {WINDOWS_1252_C1} from './html-to-text.js'

/**
 * Codes of the errors {@link fromHl7v2} throws:
 *
 * - `BME_HL7_INVALID_INPUT` (a `TypeError`): the input is neither a string nor
 *   an array of strings.
 * - `BME_HL7_NOT_A_MESSAGE`: a non-empty string that does not start with a
 *   valid `MSH`/`FHS`/`BHS` header, or a later `MSH` with invalid separators.
 * - `BME_HL7_NO_TEXT`: an empty input, a message without TX/FT/ST OBX text, or
 *   text that is only white space.
 */
export type Hl7ErrorCode = 'BME_HL7_INVALID_INPUT' | 'BME_HL7_NOT_A_MESSAGE' | 'BME_HL7_NO_TEXT'

/**
 * An error from {@link fromHl7v2}, with a stable `code`. Messages never
 * contain report text.
 */
export class Hl7AdapterError extends Error {
  override name = 'Hl7AdapterError'
  /** Stable, machine-readable reason. */
  readonly code: Hl7ErrorCode

  /**
   * @param code The stable error code.
   * @param message A human-readable message that contains no report text.
   */
  constructor(code: Hl7ErrorCode, message: string) {
    super(message)
    this.code = code
  }
}

/** A `TypeError` carrying the `BME_HL7_INVALID_INPUT` code. */
export type Hl7InputTypeError = TypeError & {readonly code: 'BME_HL7_INVALID_INPUT'}

/**
 * The separator characters of an HL7 v2 message (MSH-1 and MSH-2). An empty
 * string means the message does not use that character.
 */
export interface Hl7Encoding {
  /** MSH-1, usually `|`. */
  readonly field: string
  /** Usually `^`. */
  readonly component: string
  /** Usually `~`. */
  readonly repetition: string
  /** Usually `\`. */
  readonly escape: string
  /** Usually `&`. */
  readonly subcomponent: string
  /** v2.7+, usually `#`; usually absent. */
  readonly truncation: string
}

/** The default HL7 v2 separators `|^~\&`, used for array input. */
export const DEFAULT_HL7_ENCODING: Hl7Encoding = Object.freeze({
  field: '|',
  component: '^',
  repetition: '~',
  escape: '\\',
  subcomponent: '&',
  truncation: ''
})

const TEXT_TYPES = new Set(['TX', 'FT', 'ST'])
const HEADER_SEGMENTS = new Set(['MSH', 'FHS', 'BHS'])
/** Most line breaks a single `\.sp N\` produces, so output stays linear in the input. */
const MAX_SP = 100
const SEGMENT_SEPARATOR = /\r\n|\r|\n/
const LINE_BREAKS = /\r\n|\r|\n/g
const FRAMING = /[\u000b\u001c]+/g
const NUL = /\u0000+/g

function invalidInput(message: string): Hl7InputTypeError {
  return Object.assign(new TypeError(message), {code: 'BME_HL7_INVALID_INPUT' as const})
}

function isSeparatorChar(char: string): boolean {
  const code = char.charCodeAt(0)
  // Printable ASCII that is neither a letter, a digit nor a space.
  return char.length === 1 && code > 0x20 && code < 0x7f && !/[A-Za-z0-9]/.test(char)
}

/** Reads MSH-1 and MSH-2 from a header segment, or `undefined` if invalid. */
function readEncoding(segment: string): Hl7Encoding | undefined {
  const field = segment.charAt(3)
  if (!isSeparatorChar(field)) return undefined
  const end = segment.indexOf(field, 4)
  const declared = segment.slice(4, end === -1 ? segment.length : end)
  if (declared.length < 1 || declared.length > 5) return undefined
  const seen = new Set([field])
  for (const char of declared) {
    if (!isSeparatorChar(char) || seen.has(char)) return undefined
    seen.add(char)
  }
  return {
    field,
    component: declared.charAt(0),
    repetition: declared.charAt(1),
    escape: declared.charAt(2),
    subcomponent: declared.charAt(3),
    truncation: declared.charAt(4)
  }
}

/** Whether `line` starts with a segment ID followed by the field separator or nothing. */
function startsSegment(line: string, field: string): boolean {
  if (line.length < 3 || !/^[A-Z][A-Z0-9]{2}$/.test(line.slice(0, 3))) return false
  return line.length === 3 || line.charAt(3) === field
}

function decodeBytes(bytes: number[]): string {
  const array = Uint8Array.from(bytes)
  try {
    return new TextDecoder('utf-8', {fatal: true, ignoreBOM: true}).decode(array)
  } catch {
    // Not UTF-8: read the bytes as windows-1252 (what `8859/1` means in practice).
    let text = ''
    for (const byte of array) {
      text += String.fromCodePoint(byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_C1[byte - 0x80] ?? byte) : byte)
    }
    return text
  }
}

function parseCount(argument: string, signed: boolean): number | undefined {
  if (argument === '') return 1
  const match = (signed ? /^[+-]?\d{1,9}$/ : /^\+?\d{1,9}$/).test(argument)
  return match ? Math.abs(Number.parseInt(argument, 10)) : undefined
}

type Escape = {readonly text: string} | {readonly bytes: number[]} | {readonly centre: true}

/** Interprets the text between two escape characters, or `undefined` if unknown. */
function interpretEscape(body: string, encoding: Hl7Encoding): Escape | undefined {
  switch (body) {
    case 'F':
      return {text: encoding.field}
    case 'S':
      return {text: encoding.component}
    case 'T':
      return {text: encoding.subcomponent}
    case 'R':
      return {text: encoding.repetition}
    case 'E':
      return {text: encoding.escape}
    case 'P':
      return encoding.truncation === '' ? undefined : {text: encoding.truncation}
    case 'H':
    case 'N':
      return {text: ''}
  }
  if (body.charAt(0) === 'X') {
    const hex = body.slice(1)
    if (hex.length === 0 || hex.length % 2 !== 0 || !/^[0-9A-Fa-f]+$/.test(hex)) return undefined
    const bytes: number[] = []
    for (let i = 0; i < hex.length; i += 2) bytes.push(Number.parseInt(hex.slice(i, i + 2), 16))
    return {bytes}
  }
  if (body.charAt(0) !== '.' || body.length < 3) return undefined
  const command = body.slice(1, 3).toLowerCase()
  const argument = body.slice(3).trim()
  switch (command) {
    case 'br':
      return argument === '' ? {text: '\n'} : undefined
    case 'fi':
    case 'nf':
      return argument === '' ? {text: ''} : undefined
    case 'ce':
      return argument === '' ? {centre: true} : undefined
    case 'sp': {
      const count = parseCount(argument, false)
      return count === undefined ? undefined : {text: '\n'.repeat(Math.min(count, MAX_SP))}
    }
    case 'sk': {
      const count = parseCount(argument, false)
      return count === undefined ? undefined : {text: count > 0 ? ' ' : ''}
    }
    case 'in':
    case 'ti':
      return parseCount(argument, true) === undefined ? undefined : {text: ''}
  }
  return undefined
}

/**
 * Decodes the HL7 v2 escape sequences in one field value (one repetition):
 *
 * | Escape | Text |
 * | --- | --- |
 * | `\F\` `\S\` `\T\` `\R\` `\E\` | the field, component, subcomponent, repetition or escape character |
 * | `\P\` | the truncation character, if MSH-2 declares one (else kept literally) |
 * | `\.br\` | a line break |
 * | `\.sp\`, `\.sp N\` | N line breaks (default 1, at most 100; `\.sp 0\` gives none) |
 * | `\.ce\` | ends the current line if it has text (HL7: "end current output line and center the next line"); no text of its own |
 * | `\.sk N\` | one space (HL7: "skip N spaces to the right"; the width is not kept); none for N = 0 |
 * | `\.in N\`, `\.ti N\`, `\.fi\`, `\.nf\` | removed (indent, temporary indent, fill, no-fill) |
 * | `\H\`, `\N\` | removed (start and end of highlighting) |
 * | `\Xhh…\` | the bytes `hh…` read as UTF-8 if they are valid UTF-8, else as windows-1252; adjacent `\X…\` escapes are decoded together, so a UTF-8 character may be split across them; CR, LF and CR LF become a line break (`\X0D\`, `\X0A\`, `\X0D0A\`) and NUL bytes are dropped (so `\X000D\` is a line break too) |
 * | anything else (`\Z…\`, `\C…\`, `\M…\`, `\.xx\`, an odd number of hex digits, …) | kept literally |
 * | an escape character with no closing one | kept literally |
 *
 * The escape character shown here as `\` is the one in `encoding`. Line breaks
 * are returned as `\n`.
 *
 * @param value Raw field content, after splitting off repetitions.
 * @param encoding The message's separators.
 * @returns The decoded text.
 */
export function decodeHl7Escapes(value: string, encoding: Hl7Encoding = DEFAULT_HL7_ENCODING): string {
  const escape = encoding.escape
  if (escape === '' || !value.includes(escape)) return value
  let out = ''
  let pending: number[] = []
  const flush = (): void => {
    if (pending.length > 0) {
      out += decodeBytes(pending).replace(LINE_BREAKS, '\n').replace(NUL, '')
      pending = []
    }
  }
  let from = 0
  while (from < value.length) {
    const start = value.indexOf(escape, from)
    if (start === -1) break
    if (start > from) {
      flush()
      out += value.slice(from, start)
    }
    const end = value.indexOf(escape, start + 1)
    if (end === -1) {
      from = start
      break
    }
    const decoded = interpretEscape(value.slice(start + 1, end), encoding)
    if (decoded === undefined) {
      // Keep the escape character; the closing one may open a valid escape.
      flush()
      out += escape
      from = start + 1
      continue
    }
    if ('bytes' in decoded) for (const byte of decoded.bytes) pending.push(byte)
    else {
      flush()
      if ('centre' in decoded) {
        if (out !== '' && !out.endsWith('\n')) out += '\n'
      } else out += decoded.text
    }
    from = end + 1
  }
  flush()
  return out + value.slice(from)
}

/** Splits decoded text into lines with trailing white space removed. */
function pushLines(lines: string[], text: string): void {
  for (const line of text.split(SEGMENT_SEPARATOR)) lines.push(line.trimEnd())
}

function decodeValue(value: string, encoding: Hl7Encoding): string {
  return value === '""' ? '' : decodeHl7Escapes(value, encoding)
}

function finish(lines: readonly string[], what: string): string {
  let start = 0
  let end = lines.length
  while (start < end && lines[start]?.trim() === '') start++
  while (end > start && lines[end - 1]?.trim() === '') end--
  if (start === end) throw new Hl7AdapterError('BME_HL7_NO_TEXT', `fromHl7v2: ${what}`)
  return lines.slice(start, end).join('\n')
}

function fromValues(values: readonly unknown[]): string {
  const lines: string[] = []
  values.forEach((value, index) => {
    if (typeof value !== 'string') {
      throw invalidInput(`fromHl7v2: array item ${index} is ${value === null ? 'null' : typeof value}, expected a string`)
    }
    pushLines(lines, decodeValue(value, DEFAULT_HL7_ENCODING))
  })
  return finish(lines, 'the OBX-5 values contain no text')
}

function notAMessage(message: string): Hl7AdapterError {
  return new Hl7AdapterError('BME_HL7_NOT_A_MESSAGE', `fromHl7v2: ${message}`)
}

/** Separators a header line declares; throws if `line` is not a valid header. */
function readHeader(line: string, index: number): Hl7Encoding {
  const encoding = HEADER_SEGMENTS.has(line.slice(0, 3)) ? readEncoding(line) : undefined
  if (encoding !== undefined) return encoding
  throw notAMessage(
    index === 0
      ? 'the input is not an HL7 v2 message (it must start with MSH, FHS or BHS and valid separators)'
      : `segment ${index + 1} (${line.slice(0, 3)}) declares invalid separators`
  )
}

function fromMessage(input: string): string {
  const message = input.replace(FRAMING, '').replace(/^\ufeff/, '').trimStart()
  if (message.trim() === '') throw new Hl7AdapterError('BME_HL7_NO_TEXT', 'fromHl7v2: the input is empty')

  // Group lines into segments, each with the separators in force for it.
  const segments: {text: string; encoding: Hl7Encoding}[] = []
  let encoding: Hl7Encoding | undefined
  for (const line of message.split(SEGMENT_SEPARATOR)) {
    if (line.trim() === '') continue
    const last = segments[segments.length - 1]
    // A header always starts a segment, even if its field separator differs.
    const header = HEADER_SEGMENTS.has(line.slice(0, 3)) && isSeparatorChar(line.charAt(3))
    if (last !== undefined && encoding !== undefined && !header && !startsSegment(line, encoding.field)) {
      last.text += `\n${line}`
      continue
    }
    const current = header || encoding === undefined ? readHeader(line, segments.length) : encoding
    segments.push({text: line, encoding: current})
    encoding = current
  }

  const lines: string[] = []
  for (const {text, encoding: current} of segments) {
    if (!text.startsWith('OBX')) continue
    const fields = text.split(current.field)
    if (fields[0] !== 'OBX' || !TEXT_TYPES.has((fields[2] ?? '').trim().toUpperCase())) continue
    const value = fields[5] ?? ''
    const repetitions = current.repetition === '' ? [value] : value.split(current.repetition)
    for (const repetition of repetitions) pushLines(lines, decodeValue(repetition, current))
  }
  return finish(lines, 'the message has no OBX segment with TX, FT or ST text')
}

/**
 * Extracts the report text from an HL7 v2 message: the OBX-5 values of the
 * OBX segments whose value type (OBX-2) is `TX`, `FT` or `ST`, in order, one
 * line per repetition, with escape sequences decoded (see
 * {@link decodeHl7Escapes} and the rules at the top of this module), joined
 * with `\n`.
 *
 * Given an array, each item is taken as one OBX-5 value that was already
 * extracted from its message: escape sequences are decoded with the default
 * separators `|^~\&`, but the value is not split on `~` (the caller has
 * already split the field).
 *
 * Pure and browser-safe; linear in the input length.
 *
 * @param input A whole HL7 v2 message, or the OBX-5 values.
 * @returns The report text, lines joined with `\n`, without leading or
 *   trailing empty lines.
 * @throws {Hl7AdapterError} `BME_HL7_NOT_A_MESSAGE` for a string that is not
 *   an HL7 v2 message; `BME_HL7_NO_TEXT` when there is no text.
 * @throws {TypeError} with `code` `BME_HL7_INVALID_INPUT` when the input is not
 *   a string or an array of strings.
 */
export function fromHl7v2(input: string | readonly string[]): string {
  if (typeof input === 'string') return fromMessage(input)
  if (Array.isArray(input)) return fromValues(input)
  const got = input === null ? 'null' : typeof input
  throw invalidInput(`fromHl7v2: expected an HL7 v2 message string or an array of OBX-5 strings, got ${got}`)
}
