/**
 * `bme-explain/html`: render a result as safe, accessible HTML, and a
 * rehype-sanitize schema extension that keeps that HTML intact.
 *
 * No dependency on rehype-sanitize: pass its `defaultSchema` (or your own
 * schema) to `sanitizeSchema` and use the schema it returns.
 */
export {
  serialize,
  stylesheet,
  toHast,
  toHtml,
  toHtmlDocument,
  type HtmlDocumentOptions,
  type HtmlLabels,
  type HtmlOptions
} from './render/html.js'
export {statusLabels, type StatusLabels} from './render/labels.js'

/** The parts of a hast-util-sanitize schema this module reads and writes. */
export interface SanitizeSchema {
  tagNames?: string[] | null | undefined
  attributes?: Record<string, Array<string | [string, ...Array<string | number | boolean | RegExp | null | undefined>]>> | null | undefined
  [key: string]: unknown
}

/** Options of `sanitizeSchema`. */
export interface SanitizeSchemaOptions {
  /** The `prefix` given to `toHtml`. Default `'bme-'`. */
  prefix?: string | undefined
}

const ELEMENTS = ['div', 'section', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'ol', 'ul', 'li', 'a', 'mark', 'small', 'strong', 'q', 'span', 'br']

/**
 * Extend a hast-util-sanitize / rehype-sanitize schema (typically GitHub's
 * `defaultSchema`) so it keeps `toHtml` output intact: adds `mark` and
 * `small`, classes starting with the prefix, the `data-bme-concept` and
 * `data-bme-status` attributes and `aria-labelledby` on `section`. Returns a
 * new schema; the one given is not changed. Keep the schema's clobber prefix
 * in mind: GitHub's prefixes ids with `user-content-`, so render with
 * `clobberPrefix: 'user-content-'` for the in-page links to keep working.
 *
 * @example
 *   import rehypeSanitize, {defaultSchema} from 'rehype-sanitize'
 *   unified().use(rehypeSanitize, sanitizeSchema(defaultSchema))
 */
export function sanitizeSchema<Schema extends SanitizeSchema>(base: Schema, options?: SanitizeSchemaOptions): Schema {
  if (typeof base !== 'object' || base === null) throw new TypeError('bme-explain: `base` must be a sanitize schema such as `defaultSchema`')
  const prefix = options?.prefix ?? 'bme-'
  if (typeof prefix !== 'string' || !/^[A-Za-z][A-Za-z0-9_-]*$/.test(prefix)) {
    throw new TypeError('bme-explain: `options.prefix` must start with a letter and hold only letters, digits, `-` and `_`')
  }
  const ours = new RegExp(`^${prefix}`)
  const root = prefix.replace(/[-_]$/, '') || prefix
  const tagNames = [...new Set([...(base.tagNames ?? []), ...ELEMENTS])]
  const attributes: NonNullable<SanitizeSchema['attributes']> = {}
  for (const [tag, list] of Object.entries(base.attributes ?? {})) attributes[tag] = list.map((item) => (Array.isArray(item) ? [...item] : item) as (typeof list)[number])

  const allowClass = (tag: string) => {
    const list = (attributes[tag] ??= [])
    const existing = list.findIndex((item) => item === 'className' || (Array.isArray(item) && item[0] === 'className'))
    const found = list[existing]
    if (found === 'className') return // every class already allowed
    if (Array.isArray(found)) {
      if (found.length > 1) list[existing] = [...found, ours, root]
      return
    }
    list.push(['className', ours, root])
  }
  const allow = (tag: string, name: string) => {
    const list = (attributes[tag] ??= [])
    if (!list.some((item) => item === name || (Array.isArray(item) && item[0] === name))) list.push(name)
  }
  for (const tag of ['div', 'section', 'p', 'ol', 'ul', 'li', 'a', 'small', 'strong', 'span']) allowClass(tag)
  for (const tag of ['a', 'li']) allow(tag, 'dataBmeConcept')
  allow('a', 'dataBmeStatus')
  allow('a', 'href')
  allow('a', 'ariaDescribedBy')
  allow('section', 'ariaLabelledBy')
  return {...base, tagNames, attributes}
}
