/**
 * FHIR R4 → plain text: the report text of a `DiagnosticReport` or a
 * `DocumentReference`.
 *
 * Rules:
 *
 * - `DiagnosticReport`: the attachments in `presentedForm`; if none of them
 *   gives text, `conclusion`. `DocumentReference`: the attachment of each
 *   `content` entry (it has no fallback).
 * - An attachment gives text when it has inline base64 `data` and a
 *   `contentType` of `text/plain` or `text/html` (media type matched
 *   case-insensitively, parameters allowed). `text/html` is converted with
 *   {@link htmlToText}. Other attachments (PDF, images, DICOM, no
 *   `contentType`, no `data`) are skipped.
 * - `Attachment.url` is never fetched: an attachment that only has a `url` is
 *   skipped.
 * - The `charset` parameter is honoured: `utf-8` (the default; invalid UTF-8
 *   is an error, a byte-order mark is dropped), and `us-ascii`,
 *   `iso-8859-1` or `windows-1252` (and their usual aliases), which are
 *   decoded as windows-1252 as the WHATWG Encoding Standard and browsers do.
 *   Any other charset is an error.
 * - Line breaks are normalised to `\n` and each text is trimmed; a text that
 *   is empty after this is skipped, and so is a text identical to an earlier
 *   one (the same report attached as both text/plain and text/html).
 * - Several texts are joined, in order, with a blank line (`\n\n`).
 * - Error messages name fields and indexes (`presentedForm[1]`), never the
 *   report text.
 *
 * Pure and browser-safe: base64 is decoded with `atob`, bytes with
 * `TextDecoder`.
 *
 * @module
 */
import {htmlToText, WINDOWS_1252_C1} from './html-to-text.js'

/** The subset of a FHIR R4 `Attachment` that {@link fromFhir} reads. */
export interface FhirAttachment {
  /** MIME type with optional parameters, e.g. `text/plain; charset=utf-8`. */
  readonly contentType?: string
  /** The content, base64-encoded. */
  readonly data?: string
  /** Where the content can be fetched. Never fetched by {@link fromFhir}. */
  readonly url?: string
  /** Label to display in place of the data. Not used. */
  readonly title?: string
}

/** The subset of a FHIR R4 `DiagnosticReport` that {@link fromFhir} reads. */
export interface FhirDiagnosticReport {
  readonly resourceType: 'DiagnosticReport'
  /** The report as issued, in one or more renditions. */
  readonly presentedForm?: readonly FhirAttachment[]
  /** Clinical conclusion (interpretation); the fallback when no attachment gives text. */
  readonly conclusion?: string
}

/** One `DocumentReference.content` entry. */
export interface FhirDocumentReferenceContent {
  readonly attachment: FhirAttachment
}

/** The subset of a FHIR R4 `DocumentReference` that {@link fromFhir} reads. */
export interface FhirDocumentReference {
  readonly resourceType: 'DocumentReference'
  /** The document, in one or more renditions. */
  readonly content: readonly FhirDocumentReferenceContent[]
}

/** The resources {@link fromFhir} accepts. */
export type FhirReportResource = FhirDiagnosticReport | FhirDocumentReference

/**
 * Codes of the errors {@link fromFhir} throws:
 *
 * - `BME_FHIR_NOT_AN_OBJECT` (a `TypeError`): the input is not a JSON object
 *   (for example a JSON string that was not parsed, `null` or an array).
 * - `BME_FHIR_UNSUPPORTED_RESOURCE`: `resourceType` is missing or is not
 *   `DiagnosticReport` or `DocumentReference`.
 * - `BME_FHIR_INVALID_RESOURCE`: `presentedForm`, `content` or `conclusion`
 *   has the wrong JSON type.
 * - `BME_FHIR_BAD_ATTACHMENT`: an attachment (or `content` entry) is not an
 *   object, has a non-string `contentType` or `data`, or claims to be text but
 *   cannot be read: invalid base64, an unsupported charset, invalid UTF-8.
 * - `BME_FHIR_NO_TEXT`: nothing usable is left; the message says why (for
 *   example that some attachments only had a `url`, which is never fetched).
 */
export type FhirErrorCode =
  | 'BME_FHIR_NOT_AN_OBJECT'
  | 'BME_FHIR_UNSUPPORTED_RESOURCE'
  | 'BME_FHIR_INVALID_RESOURCE'
  | 'BME_FHIR_BAD_ATTACHMENT'
  | 'BME_FHIR_NO_TEXT'

/**
 * An error from {@link fromFhir}, with a stable `code`. Messages never
 * contain report text.
 */
export class FhirAdapterError extends Error {
  override name = 'FhirAdapterError'
  /** Stable, machine-readable reason. */
  readonly code: Exclude<FhirErrorCode, 'BME_FHIR_NOT_AN_OBJECT'>

  /**
   * @param code The stable error code.
   * @param message A human-readable message that contains no report text.
   */
  constructor(code: Exclude<FhirErrorCode, 'BME_FHIR_NOT_AN_OBJECT'>, message: string) {
    super(message)
    this.code = code
  }
}

/** A `TypeError` carrying the `BME_FHIR_NOT_AN_OBJECT` code. */
export type FhirInputTypeError = TypeError & {readonly code: 'BME_FHIR_NOT_AN_OBJECT'}

const UTF_8_LABELS = new Set(['utf-8', 'utf8', 'unicode-1-1-utf-8'])
const WINDOWS_1252_LABELS = new Set([
  'us-ascii', 'ascii', 'iso-8859-1', 'iso8859-1', 'iso_8859-1', 'latin1', 'l1', 'windows-1252', 'cp1252'
])
const LINE_BREAKS = /\r\n|\r/g

type JsonObject = Readonly<Record<string, unknown>>

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function describeType(value: unknown): string {
  if (value === null) return 'null'
  if (Array.isArray(value)) return 'an array'
  return typeof value
}

/** What a skipped attachment lacked, for the `BME_FHIR_NO_TEXT` message. */
type SkipReason = 'url-only' | 'no-data' | 'not-text' | 'empty'

interface ParsedContentType {
  readonly mediaType: string
  readonly charset: string | undefined
}

function parseContentType(contentType: string): ParsedContentType {
  const [type = '', ...parameters] = contentType.split(';')
  let charset: string | undefined
  for (const parameter of parameters) {
    const equals = parameter.indexOf('=')
    if (equals === -1 || parameter.slice(0, equals).trim().toLowerCase() !== 'charset') continue
    charset = parameter.slice(equals + 1).trim().replace(/^"|"$/g, '').trim().toLowerCase()
  }
  return {mediaType: type.trim().toLowerCase(), charset}
}

function badAttachment(where: string, problem: string): FhirAdapterError {
  return new FhirAdapterError('BME_FHIR_BAD_ATTACHMENT', `fromFhir: ${where} ${problem}`)
}

function decodeBase64(data: string, where: string): Uint8Array {
  let binary: string
  try {
    binary = atob(data)
  } catch {
    throw badAttachment(where, 'has data that is not valid base64')
  }
  const bytes = new Uint8Array(binary.length)
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i)
  return bytes
}

function decodeText(bytes: Uint8Array, charset: string | undefined, where: string): string {
  if (charset === undefined || charset === '' || UTF_8_LABELS.has(charset)) {
    try {
      return new TextDecoder('utf-8', {fatal: true}).decode(bytes)
    } catch {
      throw badAttachment(where, 'declares UTF-8 but its data is not valid UTF-8')
    }
  }
  if (WINDOWS_1252_LABELS.has(charset)) {
    // By hand: some runtimes' TextDecoder reads these labels as ISO-8859-1.
    let text = ''
    for (const byte of bytes) {
      text += String.fromCodePoint(byte >= 0x80 && byte <= 0x9f ? (WINDOWS_1252_C1[byte - 0x80] ?? byte) : byte)
    }
    return text
  }
  const shown = /^[a-z0-9._:-]{1,40}$/.test(charset) ? `"${charset}"` : '(unreadable)'
  throw badAttachment(where, `has an unsupported charset ${shown}; expected utf-8, us-ascii or iso-8859-1`)
}

/** The text of one attachment, or why it has none. */
function attachmentText(attachment: unknown, where: string): {readonly text: string} | {readonly skip: SkipReason} {
  if (!isObject(attachment)) throw badAttachment(where, `is ${describeType(attachment)}, expected an object`)
  const {contentType, data, url} = attachment
  if (contentType !== undefined && typeof contentType !== 'string') {
    throw badAttachment(where, `has a contentType that is ${describeType(contentType)}, expected a string`)
  }
  if (data !== undefined && typeof data !== 'string') {
    throw badAttachment(where, `has data that is ${describeType(data)}, expected a base64 string`)
  }
  if (data === undefined) return {skip: url === undefined ? 'no-data' : 'url-only'}
  if (contentType === undefined) return {skip: 'not-text'}
  const {mediaType, charset} = parseContentType(contentType)
  if (mediaType !== 'text/plain' && mediaType !== 'text/html') return {skip: 'not-text'}
  const text = decodeText(decodeBase64(data, where), charset, where)
  const plain = mediaType === 'text/html' ? htmlToText(text) : text.replace(LINE_BREAKS, '\n').trim()
  return plain === '' ? {skip: 'empty'} : {text: plain}
}

function readArray(resource: JsonObject, field: string): readonly unknown[] {
  const value = resource[field]
  if (value === undefined) return []
  if (!Array.isArray(value)) {
    throw new FhirAdapterError(
      'BME_FHIR_INVALID_RESOURCE',
      `fromFhir: ${String(resource['resourceType'])}.${field} is ${describeType(value)}, expected an array`
    )
  }
  return value
}

function plural(count: number, one: string, many: string): string {
  return `${count} ${count === 1 ? one : many}`
}

function noTextMessage(resourceType: string, where: string, skipped: readonly SkipReason[], fallback: string): string {
  const count = (reason: SkipReason): number => skipped.filter((r) => r === reason).length
  const reasons: string[] = []
  const urlOnly = count('url-only')
  if (urlOnly > 0) reasons.push(`${plural(urlOnly, 'attachment only has', 'attachments only have')} a url, which is never fetched`)
  const notText = count('not-text')
  if (notText > 0) reasons.push(`${plural(notText, 'attachment is', 'attachments are')} not text/plain or text/html`)
  const noData = count('no-data')
  if (noData > 0) reasons.push(`${plural(noData, 'attachment has', 'attachments have')} neither data nor a url`)
  const empty = count('empty')
  if (empty > 0) reasons.push(`${plural(empty, 'text attachment is', 'text attachments are')} empty`)
  if (skipped.length === 0) reasons.push(`${where} is empty or missing`)
  return `fromFhir: ${resourceType} has no usable report text: ${reasons.join('; ')}${fallback}`
}

/**
 * Extracts the report text from a FHIR R4 `DiagnosticReport` (its
 * `presentedForm` attachments, else its `conclusion`) or `DocumentReference`
 * (its `content[].attachment`s), following the rules at the top of this
 * module. Inline text/plain and text/html attachments are decoded and joined
 * with a blank line; `Attachment.url` is never fetched.
 *
 * Pure and browser-safe (no network, no Node built-ins).
 *
 * @param resource A parsed FHIR R4 resource (JSON object).
 * @returns The report text.
 * @throws {TypeError} with `code` `BME_FHIR_NOT_AN_OBJECT` when `resource`
 *   is not an object.
 * @throws {FhirAdapterError} `BME_FHIR_UNSUPPORTED_RESOURCE`,
 *   `BME_FHIR_INVALID_RESOURCE`, `BME_FHIR_BAD_ATTACHMENT` or
 *   `BME_FHIR_NO_TEXT` (see {@link FhirErrorCode}).
 */
export function fromFhir(resource: unknown): string {
  if (!isObject(resource)) {
    const error = new TypeError(
      `fromFhir: expected a parsed FHIR resource object, got ${describeType(resource)}` +
        (typeof resource === 'string' ? ' (parse the JSON first)' : '')
    )
    throw Object.assign(error, {code: 'BME_FHIR_NOT_AN_OBJECT' as const}) satisfies FhirInputTypeError
  }
  const resourceType = resource['resourceType']
  let attachments: {readonly attachment: unknown; readonly where: string}[]
  if (resourceType === 'DiagnosticReport') {
    attachments = readArray(resource, 'presentedForm').map((attachment, index) => ({
      attachment,
      where: `presentedForm[${index}]`
    }))
  } else if (resourceType === 'DocumentReference') {
    attachments = readArray(resource, 'content').map((entry, index) => {
      if (!isObject(entry)) {
        throw badAttachment(`content[${index}]`, `is ${describeType(entry)}, expected an object`)
      }
      if (entry['attachment'] === undefined) throw badAttachment(`content[${index}]`, 'has no attachment')
      return {attachment: entry['attachment'], where: `content[${index}].attachment`}
    })
  } else {
    // Only echo a resourceType that looks like one, never arbitrary text.
    const problem =
      resourceType === undefined
        ? 'the resource has no resourceType'
        : typeof resourceType === 'string' && /^[A-Za-z][A-Za-z0-9]{0,63}$/.test(resourceType)
          ? `unsupported resourceType "${resourceType}"`
          : 'the resource has an invalid resourceType'
    throw new FhirAdapterError(
      'BME_FHIR_UNSUPPORTED_RESOURCE',
      `fromFhir: ${problem}; expected DiagnosticReport or DocumentReference`
    )
  }

  const texts = new Set<string>()
  const skipped: SkipReason[] = []
  for (const {attachment, where} of attachments) {
    const result = attachmentText(attachment, where)
    if ('skip' in result) skipped.push(result.skip)
    else texts.add(result.text)
  }
  if (texts.size > 0) return [...texts].join('\n\n')

  if (resourceType === 'DiagnosticReport') {
    const conclusion = resource['conclusion']
    if (conclusion !== undefined && typeof conclusion !== 'string') {
      throw new FhirAdapterError(
        'BME_FHIR_INVALID_RESOURCE',
        `fromFhir: DiagnosticReport.conclusion is ${describeType(conclusion)}, expected a string`
      )
    }
    const text = conclusion?.replace(LINE_BREAKS, '\n').trim() ?? ''
    if (text !== '') return text
    throw new FhirAdapterError(
      'BME_FHIR_NO_TEXT',
      noTextMessage('DiagnosticReport', 'presentedForm', skipped, ', and there is no conclusion')
    )
  }
  throw new FhirAdapterError('BME_FHIR_NO_TEXT', noTextMessage('DocumentReference', 'content', skipped, ''))
}
