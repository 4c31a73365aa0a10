/**
 * HTML → plain text, for `text/html` report attachments and XHTML narrative.
 *
 * A small single-pass tokenizer, not a full HTML parser: it knows just enough
 * about tags, comments, raw-text elements and character references to turn a
 * report written as HTML into the lines a reader would see.
 *
 * | HTML | Text |
 * | --- | --- |
 * | `p`, `div`, `h1`–`h6`, `section`, `article`, `header`, `footer`, `main`, `nav`, `aside`, `blockquote`, `address`, `figure`, `figcaption`, `fieldset`, `form`, `details`, `summary`, `dl`, `dt`, `dd`, `hr`, `center`, `html`, `body` (start or end tag) | ends the current line; never produces an empty line |
 * | `br` (and the stray `</br>`, as browsers do) | line break; `<br><br>` gives an empty line |
 * | `li` | a new line starting with `- ` (for `ul` and `ol` alike), indented two spaces per level of list nesting beyond the first |
 * | `ul`, `ol` | end the current line |
 * | `tr` | one line per table row |
 * | `td`, `th` | the row's cells joined with ` \| `; empty cells dropped; line breaks and blocks inside a cell become spaces |
 * | `table`, `thead`, `tbody`, `tfoot`, `caption` | end the current line or row |
 * | `pre` | ends the current line; line breaks in its text are kept (the first newline right after `<pre>` is ignored, as in HTML) |
 * | `script`, `style`, `title`, `template` | dropped together with their content, up to the first matching end tag (a self-closing `<script/>` is empty) |
 * | `head` | its content is dropped until `</head>`, `<body>` or the first start tag that cannot be in a head |
 * | comments, `<!DOCTYPE …>`, `<?…>`, `<![CDATA[…]]>` | dropped |
 * | every other tag (`span`, `b`, `a`, `img`, …) | dropped, its text kept inline; attributes are ignored |
 * | `&name;` | decoded for the names in {@link NAMED_ENTITIES}; unknown names, and names without the final `;`, are kept literally |
 * | `&#169;`, `&#xA9;` (final `;` optional) | decoded; 0, surrogates and values above U+10FFFF become U+FFFD; 128–159 are read as windows-1252, as HTML does |
 * | whitespace (space, tab, CR, LF, form feed, U+00A0 and `&nbsp;`) | each run becomes one space; every line is trimmed |
 * | a `<` that does not start a tag (`a < b`, `<3`) | kept as text |
 * | a tag, comment or raw-text element that is never closed | the rest of the input is dropped, as browsers do |
 *
 * The result has no leading or trailing empty lines. The function never
 * throws on malformed HTML.
 *
 * Linear time: the input is scanned once from left to right with `indexOf`
 * and plain loops; every search resumes where the previous one stopped. The
 * only regular expressions are single character-class runs (`[…]+`), which
 * cannot backtrack.
 *
 * @module
 */

/**
 * Code points of the bytes 0x80–0x9F in windows-1252 (index 0 is byte 0x80).
 *
 * HTML reads numeric character references in this range this way, and the
 * WHATWG Encoding Standard decodes the labels `iso-8859-1`, `latin1` and
 * `us-ascii` as windows-1252. The five bytes windows-1252 leaves undefined map
 * to the C1 control with the same value.
 */
export const WINDOWS_1252_C1: readonly number[] = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178
]

/** HTML 4 names of U+00A0 … U+00FF, in code point order. */
const LATIN_1_NAMES =
  'nbsp iexcl cent pound curren yen brvbar sect uml copy ordf laquo not shy reg macr ' +
  'deg plusmn sup2 sup3 acute micro para middot cedil sup1 ordm raquo frac14 frac12 frac34 iquest ' +
  'Agrave Aacute Acirc Atilde Auml Aring AElig Ccedil Egrave Eacute Ecirc Euml Igrave Iacute Icirc Iuml ' +
  'ETH Ntilde Ograve Oacute Ocirc Otilde Ouml times Oslash Ugrave Uacute Ucirc Uuml Yacute THORN szlig ' +
  'agrave aacute acirc atilde auml aring aelig ccedil egrave eacute ecirc euml igrave iacute icirc iuml ' +
  'eth ntilde ograve oacute ocirc otilde ouml divide oslash ugrave uacute ucirc uuml yacute thorn yuml'

/** Other common names: markup, punctuation, arrows, maths and Greek letters used in reports. */
const OTHER_NAMES: ReadonlyArray<readonly [string, number]> = [
  ['quot', 0x22], ['amp', 0x26], ['apos', 0x27], ['lt', 0x3c], ['gt', 0x3e],
  ['OElig', 0x152], ['oelig', 0x153], ['Scaron', 0x160], ['scaron', 0x161], ['Yuml', 0x178], ['fnof', 0x192],
  ['circ', 0x2c6], ['tilde', 0x2dc],
  ['ensp', 0x2002], ['emsp', 0x2003], ['thinsp', 0x2009], ['zwnj', 0x200c], ['zwj', 0x200d], ['lrm', 0x200e], ['rlm', 0x200f],
  ['ndash', 0x2013], ['mdash', 0x2014], ['lsquo', 0x2018], ['rsquo', 0x2019], ['sbquo', 0x201a],
  ['ldquo', 0x201c], ['rdquo', 0x201d], ['bdquo', 0x201e], ['dagger', 0x2020], ['Dagger', 0x2021],
  ['bull', 0x2022], ['hellip', 0x2026], ['permil', 0x2030], ['prime', 0x2032], ['Prime', 0x2033],
  ['lsaquo', 0x2039], ['rsaquo', 0x203a], ['euro', 0x20ac], ['trade', 0x2122],
  ['larr', 0x2190], ['uarr', 0x2191], ['rarr', 0x2192], ['darr', 0x2193], ['harr', 0x2194],
  ['minus', 0x2212], ['radic', 0x221a], ['infin', 0x221e], ['asymp', 0x2248], ['ne', 0x2260],
  ['le', 0x2264], ['ge', 0x2265],
  ['Alpha', 0x391], ['Beta', 0x392], ['Gamma', 0x393], ['Delta', 0x394], ['Omega', 0x3a9],
  ['alpha', 0x3b1], ['beta', 0x3b2], ['gamma', 0x3b3], ['delta', 0x3b4], ['epsilon', 0x3b5],
  ['theta', 0x3b8], ['kappa', 0x3ba], ['lambda', 0x3bb], ['mu', 0x3bc], ['pi', 0x3c0],
  ['rho', 0x3c1], ['sigma', 0x3c3], ['tau', 0x3c4], ['phi', 0x3c6], ['omega', 0x3c9]
]

function buildEntityTable(): ReadonlyMap<string, string> {
  const table = new Map<string, string>()
  LATIN_1_NAMES.split(' ').forEach((name, index) => table.set(name, String.fromCodePoint(0xa0 + index)))
  for (const [name, codePoint] of OTHER_NAMES) table.set(name, String.fromCodePoint(codePoint))
  return table
}

/**
 * The named character references {@link htmlToText} decodes (name without
 * `&` and `;` → text): all HTML 4 Latin-1 names (`nbsp` … `yuml`), the five
 * markup names (`amp`, `lt`, `gt`, `quot`, `apos`), typographic punctuation
 * (`ndash`, `rsquo`, `hellip`, …), arrows, `le`/`ge`/`ne`/`asymp`/`minus`,
 * and common Greek letters. Names are case-sensitive, as in HTML.
 */
export const NAMED_ENTITIES: ReadonlyMap<string, string> = buildEntityTable()

const BLOCK = new Set([
  'address', 'article', 'aside', 'blockquote', 'body', 'center', 'dd', 'details', 'dialog', 'dir', 'div', 'dl', 'dt',
  'fieldset', 'figcaption', 'figure', 'footer', 'form', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'header', 'hgroup', 'hr',
  'html', 'legend', 'main', 'menu', 'nav', 'p', 'section', 'summary'
])
const TABLE_PARTS = new Set(['table', 'thead', 'tbody', 'tfoot', 'caption'])
const DROPPED_WITH_CONTENT = new Set(['script', 'style', 'title', 'template'])
const HEAD_CONTENT = new Set(['head', 'base', 'link', 'meta', 'noscript', 'script', 'style', 'template', 'title'])

const SPACE_RUN = /[\t\n\f\r \u00a0]+/g
const NEWLINE = /\r\n|\r|\n/

function isAsciiLetter(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0x61 && code <= 0x7a)
}

function isAsciiAlphanumeric(code: number): boolean {
  return isAsciiLetter(code) || (code >= 0x30 && code <= 0x39)
}

function isHtmlSpace(code: number): boolean {
  return code === 0x20 || code === 0x09 || code === 0x0a || code === 0x0c || code === 0x0d
}

function hexValue(code: number): number {
  if (code >= 0x30 && code <= 0x39) return code - 0x30
  if (code >= 0x41 && code <= 0x46) return code - 0x37
  if (code >= 0x61 && code <= 0x66) return code - 0x57
  return -1
}

function numericReference(value: number): string {
  if (value === 0 || value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) return '\ufffd'
  if (value >= 0x80 && value <= 0x9f) return String.fromCodePoint(WINDOWS_1252_C1[value - 0x80] ?? value)
  return String.fromCodePoint(value)
}

/** Longest entity name in the table is 7 characters; stop looking well after. */
const MAX_ENTITY_NAME = 32

/** Decodes character references in a run of text (see the table at the top). */
function decodeEntities(text: string): string {
  let amp = text.indexOf('&')
  if (amp === -1) return text
  let out = ''
  let from = 0
  while (amp !== -1) {
    out += text.slice(from, amp)
    let next = amp + 1
    let decoded: string | undefined
    if (text.charCodeAt(next) === 0x23 /* # */) {
      let i = next + 1
      const hex = text.charCodeAt(i) === 0x78 || text.charCodeAt(i) === 0x58
      if (hex) i++
      const digitsStart = i
      let value = 0
      for (; i < text.length; i++) {
        const digit = hex ? hexValue(text.charCodeAt(i)) : text.charCodeAt(i) - 0x30
        if (digit < 0 || digit > (hex ? 15 : 9)) break
        // Saturate instead of growing without bound on very long digit runs.
        value = value > 0x10ffff ? value : value * (hex ? 16 : 10) + digit
      }
      if (i > digitsStart) {
        decoded = numericReference(value)
        next = text.charCodeAt(i) === 0x3b /* ; */ ? i + 1 : i
      }
    } else {
      let i = next
      while (i < text.length && i - next <= MAX_ENTITY_NAME && isAsciiAlphanumeric(text.charCodeAt(i))) i++
      if (i > next && text.charCodeAt(i) === 0x3b) {
        decoded = NAMED_ENTITIES.get(text.slice(next, i))
        if (decoded !== undefined) next = i + 1
      }
    }
    if (decoded === undefined) {
      out += '&'
      from = amp + 1
    } else {
      out += decoded
      from = next
    }
    amp = text.indexOf('&', from)
  }
  return out + text.slice(from)
}

function collapse(text: string): string {
  return text.replace(SPACE_RUN, ' ').trim()
}

/** Index just after the next `marker` at or after `from`, or the end of the input. */
function skipPast(html: string, from: number, marker: string): number {
  const at = html.indexOf(marker, from)
  return at === -1 ? html.length : at + marker.length
}

/**
 * Index just after the end tag `</name …>` that closes a dropped element,
 * matched ASCII case-insensitively, or the end of the input.
 */
function skipElementContent(html: string, from: number, name: string): number {
  let at = html.indexOf('</', from)
  while (at !== -1) {
    const after = at + 2 + name.length
    if (html.slice(at + 2, after).toLowerCase() === name) {
      const code = html.charCodeAt(after)
      if (Number.isNaN(code) || isHtmlSpace(code) || code === 0x2f || code === 0x3e) return skipPast(html, after, '>')
    }
    at = html.indexOf('</', at + 2)
  }
  return html.length
}

/**
 * Index just after the `>` closing a tag whose name ends before `from`,
 * skipping quoted attribute values, or -1 if the tag is never closed.
 */
function tagEnd(html: string, from: number): number {
  let quote = 0
  let previous = 0
  for (let i = from; i < html.length; i++) {
    const code = html.charCodeAt(i)
    if (quote !== 0) {
      if (code === quote) quote = 0
      continue
    }
    if (code === 0x3e) return i + 1
    if ((code === 0x22 || code === 0x27) && previous === 0x3d /* = */) quote = code
    else if (!isHtmlSpace(code)) previous = code
  }
  return -1
}

/** Accumulates lines, list prefixes and table rows while the tokenizer runs. */
class TextBuilder {
  readonly lines: string[] = []
  private line = ''
  private prefix = ''
  private listDepth = 0
  private preDepth = 0
  private skipPreNewline = false
  private inHead = false
  private cells: string[] | undefined
  private cellOpen = false

  text(raw: string): void {
    if (this.inHead || raw === '') return
    let text = decodeEntities(raw)
    if (this.skipPreNewline) {
      this.skipPreNewline = false
      if (text.startsWith('\r\n')) text = text.slice(2)
      else if (text.startsWith('\n') || text.startsWith('\r')) text = text.slice(1)
    }
    if (this.cells !== undefined) {
      if (!this.cellOpen) {
        if (collapse(text) === '') return
        this.cells.push('')
        this.cellOpen = true
      }
      this.cells[this.cells.length - 1] += text
      return
    }
    if (this.preDepth === 0) {
      this.line += text
      return
    }
    const parts = text.split(NEWLINE)
    parts.forEach((part, index) => {
      if (index > 0) this.lineBreak()
      this.line += part
    })
  }

  startTag(name: string): void {
    this.skipPreNewline = false
    if (this.inHead && !HEAD_CONTENT.has(name)) this.inHead = false
    if (name === 'head') this.inHead = true
    else if (name === 'br') this.lineBreak()
    else if (name === 'li') {
      this.blockBreak()
      if (this.cells === undefined) this.prefix = `${'  '.repeat(Math.max(0, this.listDepth - 1))}- `
    } else if (name === 'ul' || name === 'ol') {
      this.blockBreak()
      this.listDepth++
    } else if (name === 'tr') {
      this.flushRow()
      this.blockBreak()
      this.cells = []
    } else if (name === 'td' || name === 'th') {
      if (this.cells === undefined) {
        this.blockBreak()
        this.cells = []
      }
      this.cells.push('')
      this.cellOpen = true
    } else if (TABLE_PARTS.has(name)) {
      this.flushRow()
      this.blockBreak()
    } else if (name === 'pre') {
      this.blockBreak()
      this.preDepth++
      this.skipPreNewline = true
    } else if (BLOCK.has(name)) this.blockBreak()
  }

  endTag(name: string): void {
    this.skipPreNewline = false
    if (name === 'head') this.inHead = false
    else if (name === 'br') this.lineBreak()
    else if (name === 'li') {
      this.blockBreak()
      if (this.cells === undefined) this.prefix = ''
    } else if (name === 'ul' || name === 'ol') {
      this.blockBreak()
      this.prefix = ''
      this.listDepth = Math.max(0, this.listDepth - 1)
    } else if (name === 'tr') this.flushRow()
    else if (name === 'td' || name === 'th') this.cellOpen = false
    else if (TABLE_PARTS.has(name)) {
      this.flushRow()
      this.blockBreak()
    } else if (name === 'pre') {
      this.blockBreak()
      this.preDepth = Math.max(0, this.preDepth - 1)
    } else if (BLOCK.has(name)) this.blockBreak()
  }

  finish(): string {
    this.flushRow()
    this.blockBreak()
    let start = 0
    let end = this.lines.length
    while (start < end && this.lines[start] === '') start++
    while (end > start && this.lines[end - 1] === '') end--
    return this.lines.slice(start, end).join('\n')
  }

  /** `br`: always ends the line, even an empty one. */
  private lineBreak(): void {
    if (this.cells !== undefined) {
      this.spaceInCell()
      return
    }
    const text = collapse(this.line)
    this.lines.push(text === '' ? '' : this.prefix + text)
    if (text !== '') this.prefix = ''
    this.line = ''
  }

  /** Block boundary: ends the line if it has text. */
  private blockBreak(): void {
    if (this.cells !== undefined) {
      this.spaceInCell()
      return
    }
    const text = collapse(this.line)
    if (text !== '') {
      this.lines.push(this.prefix + text)
      this.prefix = ''
    }
    this.line = ''
  }

  private spaceInCell(): void {
    if (this.cells !== undefined && this.cellOpen) this.cells[this.cells.length - 1] += ' '
  }

  private flushRow(): void {
    if (this.cells === undefined) return
    const cells = this.cells.map(collapse).filter((cell) => cell !== '')
    this.cells = undefined
    this.cellOpen = false
    if (cells.length > 0) this.lines.push(cells.join(' | '))
  }
}

/**
 * Converts HTML (a whole document or a fragment, HTML or XHTML) to plain
 * text following the mapping documented at the top of this module: block
 * elements become line breaks, list items start with `- `, table cells are
 * joined with ` | `, `script`/`style`/`head` content is dropped, character
 * references are decoded and whitespace is collapsed within each line.
 *
 * Never throws on malformed HTML; runs in time linear in the input length.
 *
 * @param html The HTML source. Anything that is not a string gives `''`.
 * @returns The text, without leading or trailing blank lines.
 */
export function htmlToText(html: string): string {
  if (typeof html !== 'string') return ''
  const builder = new TextBuilder()
  const length = html.length
  let textStart = 0
  let lt = html.indexOf('<')
  while (lt !== -1) {
    const next = html.charCodeAt(lt + 1)
    let resume = -1
    if (next === 0x21 /* ! */) {
      builder.text(html.slice(textStart, lt))
      if (html.startsWith('<!--', lt)) {
        if (html.startsWith('<!-->', lt)) resume = lt + 5
        else if (html.startsWith('<!--->', lt)) resume = lt + 6
        else resume = skipPast(html, lt + 4, '-->')
      } else resume = skipPast(html, lt + 2, '>')
    } else if (next === 0x3f /* ? */) {
      builder.text(html.slice(textStart, lt))
      resume = skipPast(html, lt + 2, '>')
    } else if (next === 0x2f /* / */) {
      builder.text(html.slice(textStart, lt))
      if (isAsciiLetter(html.charCodeAt(lt + 2))) {
        let nameEnd = lt + 2
        while (nameEnd < length && !isEndOfTagName(html.charCodeAt(nameEnd))) nameEnd++
        const end = tagEnd(html, nameEnd)
        resume = end === -1 ? length : end
        if (end !== -1) builder.endTag(html.slice(lt + 2, nameEnd).toLowerCase())
      } else resume = skipPast(html, lt + 2, '>')
    } else if (isAsciiLetter(next)) {
      builder.text(html.slice(textStart, lt))
      let nameEnd = lt + 1
      while (nameEnd < length && !isEndOfTagName(html.charCodeAt(nameEnd))) nameEnd++
      const end = tagEnd(html, nameEnd)
      if (end === -1) resume = length
      else {
        const name = html.slice(lt + 1, nameEnd).toLowerCase()
        const selfClosing = html.charCodeAt(end - 2) === 0x2f
        builder.startTag(name)
        resume = DROPPED_WITH_CONTENT.has(name) && !selfClosing ? skipElementContent(html, end, name) : end
      }
    }
    if (resume === -1) {
      // A `<` that does not start markup stays in the text run.
      lt = html.indexOf('<', lt + 1)
      continue
    }
    textStart = resume
    lt = resume >= length ? -1 : html.indexOf('<', resume)
  }
  builder.text(html.slice(textStart))
  return builder.finish()
}

function isEndOfTagName(code: number): boolean {
  return isHtmlSpace(code) || code === 0x2f || code === 0x3e
}
