import fc from 'fast-check'
import type {Element, Nodes, Root} from 'hast'
import rehypeSanitize, {defaultSchema} from 'rehype-sanitize'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {explainWith} from '../src/explain.js'
import {sanitizeSchema, stylesheet, toHast, toHtml, toHtmlDocument} from '../src/html.js'
import {smallLexicon} from './small-lexicon.js'

const explain = (text: string, audience: 'patient' | 'clinician' = 'patient') => explainWith(text, {lexicon: smallLexicon, audience}, {})

/**
 * A strict reader for the HTML the renderer writes: start tags with
 * double-quoted attributes, end tags, text with numeric character
 * references. Anything else (a comment, a `<` in text, an unquoted or
 * unknown attribute, a named reference) fails the test. Text is read the
 * way an HTML parser reads it: CR LF and lone CR become LF before
 * references are decoded.
 */
interface El {
  tag: string
  attrs: Record<string, string>
  children: Array<El | string>
}
const VOID = new Set(['br', 'meta'])
function parseHtml(html: string): El {
  const root: El = {tag: '#root', attrs: {}, children: []}
  const stack = [root]
  const decode = (raw: string) => {
    expect(raw).not.toMatch(/&(?!#x[0-9A-Fa-f]+;|#[0-9]+;)/)
    return raw
      .replace(/\r\n?/g, '\n')
      .replace(/&#x([0-9A-Fa-f]+);|&#([0-9]+);/g, (_, hex: string | undefined, dec: string | undefined) =>
        String.fromCodePoint(hex === undefined ? Number(dec) : Number.parseInt(hex, 16))
      )
  }
  const tag = /<(\/?)([a-z][a-z0-9]*)((?: [a-z-]+="[^"<]*")*)>/y
  let index = 0
  while (index < html.length) {
    const next = html.indexOf('<', index)
    const end = next === -1 ? html.length : next
    if (end > index) stack.at(-1)?.children.push(decode(html.slice(index, end)))
    if (next === -1) break
    tag.lastIndex = next
    const match = tag.exec(html)
    if (!match) throw new Error(`not a tag the renderer writes at ${next}: ${JSON.stringify(html.slice(next, next + 30))}`)
    const [, close, name = '', attrText = ''] = match
    if (close) {
      const open = stack.pop()
      expect(open?.tag).toBe(name)
    } else {
      const attrs: Record<string, string> = {}
      for (const attr of attrText.matchAll(/ ([a-z-]+)="([^"]*)"/g)) {
        expect(attrs).not.toHaveProperty(attr[1] ?? '')
        attrs[attr[1] ?? ''] = decode(attr[2] ?? '')
      }
      const element: El = {tag: name, attrs, children: []}
      stack.at(-1)?.children.push(element)
      if (!VOID.has(name)) stack.push(element)
    }
    index = tag.lastIndex
  }
  expect(stack).toHaveLength(1)
  return root
}

function textOf(node: El | string, skip: (el: El) => boolean = () => false): string {
  if (typeof node === 'string') return node
  if (skip(node)) return ''
  return node.children.map((child) => textOf(child, skip)).join('')
}

function find(node: El, test: (el: El) => boolean): El[] {
  const out: El[] = []
  const walk = (el: El) => {
    if (test(el)) out.push(el)
    for (const child of el.children) if (typeof child !== 'string') walk(child)
  }
  walk(node)
  return out
}

const hasClass = (name: string) => (el: El) => (el.attrs['class'] ?? '').split(' ').includes(name)

/** The documented allow-list (see src/render/html.ts). */
const ALLOWED_ELEMENTS = new Set(['div', 'section', 'h2', 'h3', 'p', 'ol', 'ul', 'li', 'a', 'mark', 'small', 'strong', 'q', 'span', 'br'])
const ALLOWED_ATTRIBUTES: Record<string, RegExp> = {
  class: /^bme(-[a-z0-9]+)*( bme-[a-z0-9]+)*$/,
  id: /^bme-[a-z0-9-]+$/,
  href: /^#bme-[a-z0-9-]+$/,
  'aria-describedby': /^bme-[a-z0-9-]+( bme-[a-z0-9-]+)*$/,
  'aria-labelledby': /^bme-glossary-title$/,
  'data-bme-concept': /^[a-z0-9]+(-[a-z0-9]+)*$/,
  'data-bme-status': /^[a-z]+( [a-z]+)*$/
}

function checkAllowList(root: El): void {
  for (const el of find(root, (el) => el.tag !== '#root')) {
    expect(ALLOWED_ELEMENTS.has(el.tag), el.tag).toBe(true)
    for (const [name, value] of Object.entries(el.attrs)) {
      expect(ALLOWED_ATTRIBUTES[name], `attribute ${name} on ${el.tag}`).toBeDefined()
      expect(value).toMatch(ALLOWED_ATTRIBUTES[name] ?? /^$/)
    }
    if (el.attrs['aria-describedby'] !== undefined) expect(el.tag).toBe('a')
    if (el.attrs['aria-labelledby'] !== undefined) expect(el.tag).toBe('section')
  }
}

function reportOf(root: El): El {
  const [report] = find(root, hasClass('bme-report'))
  if (!report) throw new Error('no report')
  return report
}

/** The report's text content without the status labels the renderer adds. */
const reportText = (root: El) => textOf(reportOf(root), hasClass('bme-status'))

describe('toHtml', () => {
  it('marks each phrase with a link to its glossary mention, and links back', () => {
    const input = 'Bone marrow edema in the MFC.\nNo fracture.'
    const root = parseHtml(toHtml(explain(input), {input}))
    const marks = find(reportOf(root), hasClass('bme-mark'))
    expect(marks.map((mark) => textOf(mark))).toEqual(['Bone marrow edema', 'MFC', 'fracture (not seen)'])
    expect(marks.map((mark) => mark.tag)).toEqual(['a', 'a', 'a'])
    expect(marks.map((mark) => mark.attrs['href'])).toEqual(['#bme-n1', '#bme-n2', '#bme-n3'])
    expect(marks.map((mark) => mark.attrs['id'])).toEqual(['bme-m1', 'bme-m2', 'bme-m3'])
    expect(marks.map((mark) => mark.attrs['data-bme-concept'])).toEqual(['bone-marrow-edema', 'medial-femoral-condyle', 'fracture'])
    // Each glossary mention names the phrase and links back to its mark.
    const mention = find(root, (el) => el.attrs['id'] === 'bme-n3')[0]
    expect(find(mention ?? root, (el) => el.tag === 'q').map((q) => textOf(q))).toEqual(['fracture'])
    expect(find(mention ?? root, (el) => el.tag === 'a').map((a) => a.attrs['href'])).toEqual(['#bme-m3'])
    expect(textOf(mention ?? root)).toContain('In the report, line 2: fracture not seen')
  })

  it('describes each mark by the concept summary and the status note, without title attributes', () => {
    const input = 'No fracture. BME.'
    const html = toHtml(explain(input), {input})
    const root = parseHtml(html)
    expect(html).not.toContain('title=')
    const [negated, plain] = find(reportOf(root), hasClass('bme-mark'))
    expect(negated?.attrs['aria-describedby']).toBe('bme-g1-summary bme-n1-note')
    expect(plain?.attrs['aria-describedby']).toBe('bme-g2-summary')
    const ids = (id: string) => find(root, (el) => el.attrs['id'] === id).map((el) => textOf(el))
    expect(ids('bme-g1-summary')).toEqual(['Patient text for fracture.'])
    expect(ids('bme-n1-note')).toEqual(['The report uses this word to say the thing was not seen or is not there.'])
  })

  it('labels negated and uncertain mentions in words, with a class and data attribute as well', () => {
    const input = 'No fracture. Possible stress fracture. BME.'
    const root = parseHtml(toHtml(explain(input), {input}))
    const marks = find(reportOf(root), hasClass('bme-mark'))
    expect(marks.map((mark) => find(mark, hasClass('bme-status')).map((label) => textOf(label)))).toEqual([[' (not seen)'], [' (uncertain)'], []])
    expect(marks.map((mark) => mark.attrs['class'])).toEqual(['bme-mark bme-negated', 'bme-mark bme-uncertain', 'bme-mark'])
    expect(marks.map((mark) => mark.attrs['data-bme-status'])).toEqual(['negated', 'uncertain', undefined])
  })

  it('words the labels for the audience asked for, and takes replacements', () => {
    const input = 'No fracture.'
    const clinician = parseHtml(toHtml(explain(input, 'clinician'), {input}))
    expect(textOf(find(reportOf(clinician), hasClass('bme-status'))[0] ?? clinician)).toBe(' (negated)')
    const french = parseHtml(toHtml(explain(input), {input, labels: {glossary: 'Termes expliqués', status: {negated: 'non vu'}}}))
    expect(textOf(find(reportOf(french), hasClass('bme-status'))[0] ?? french)).toBe(' (non vu)')
    expect(textOf(find(french, (el) => el.tag === 'h2')[0] ?? french)).toBe('Termes expliqués')
  })

  it('escapes report text that looks like markup', () => {
    const input = '<script>alert(1)</script> <img src=x onerror=alert(2)> &amp; BME "quoted" \'single\''
    const html = toHtml(explain(input), {input})
    expect(html).not.toContain('<script')
    expect(html).not.toContain('<img')
    expect(html).toContain('&#x3C;script>alert(1)&#x3C;/script>')
    expect(html).toContain('&#x26;amp;')
    expect(reportText(parseHtml(html))).toBe(input)
  })

  it('keeps line breaks as text and adds a <br> after each, writing CR as a reference', () => {
    const input = 'a\r\nb\rc\nd\u2028e'
    const html = toHtml(explain(input), {input})
    expect(html).toContain('<div class="bme-report">a&#13;\n<br>b&#13;<br>c\n<br>d\u2028<br>e</div>')
    expect(reportText(parseHtml(html))).toBe(input)
  })

  it('applies the prefix to every id and class, and the clobber prefix to link targets only', () => {
    const input = 'No fracture.'
    const html = toHtml(explain(input), {input, prefix: 'r2-', clobberPrefix: 'user-content-'})
    const root = parseHtml(html)
    for (const el of find(root, (el) => el.tag !== '#root')) {
      if (el.attrs['id']) expect(el.attrs['id']).toMatch(/^r2-/)
      for (const name of (el.attrs['class'] ?? '').split(' ').filter(Boolean)) expect(name).toMatch(/^r2(-|$)/)
      if (el.attrs['href']) expect(el.attrs['href']).toMatch(/^#user-content-r2-/)
    }
  })

  it('leaves the disclaimer out when asked and sets the heading level', () => {
    const input = 'BME.'
    const result = explain(input)
    const with_ = toHtml(result, {input})
    const without = toHtml(result, {input, disclaimer: false, headingLevel: 3})
    expect(with_).toContain(`<p class="bme-disclaimer">${result.disclaimer}</p>`)
    expect(without).not.toContain('bme-disclaimer')
    expect(without).toContain('<h3 id="bme-glossary-title">Terms explained</h3>')
    expect(without).toContain('<h4>Sources</h4>')
  })

  it('renders a result with nothing found as the report and a short notice', () => {
    const input = 'Normal knee.'
    const root = parseHtml(toHtml(explain(input), {input}))
    expect(reportText(root)).toBe(input)
    expect(find(root, hasClass('bme-none')).map((el) => textOf(el))).toEqual(['No bone-marrow-edema-related terms were found in this text.'])
    expect(find(root, hasClass('bme-entries'))).toEqual([])
  })

  it('lists sources once, numbered, and cites them from each entry', () => {
    const input = 'BME and fracture.'
    const root = parseHtml(toHtml(explain(input), {input}))
    expect(find(root, hasClass('bme-sources')).map((el) => textOf(el))).toEqual(['\nTest source. Tests.\n'])
    expect(find(root, hasClass('bme-cites')).map((el) => textOf(el))).toEqual(['Sources: [1]', 'Sources: [1]'])
  })

  it('throws clear errors for a result that does not fit the input, and for bad options', () => {
    const result = explain('BME here.')
    expect(() => toHtml(result, {input: 'Other text.'})).toThrow(RangeError)
    expect(() => toHtml(result, {input: 'Other text.'})).toThrow(/annotation 0 does not match `input`/)
    expect(() => toHtml(result, {input: 'Other text.'})).not.toThrow(/BME/)
    expect(() => toHtml(result, undefined as never)).toThrow(TypeError)
    expect(() => toHtml(result, {input: 3} as never)).toThrow(/options.input/)
    expect(() => toHtml(result, {input: 'BME here.', prefix: '"><x'})).toThrow(/options.prefix/)
    expect(() => toHtml(result, {input: 'BME here.', headingLevel: 7})).toThrow(/headingLevel/)
    expect(() => toHtml(null as never, {input: ''})).toThrow(TypeError)
  })

  it('marks the first of two overlapping annotations and still lists both', () => {
    const input = 'bone marrow edema'
    const result = explain(input)
    const first = result.annotations[0]
    if (!first) throw new Error('expected a mention')
    const overlapping = {...result, annotations: [first, {...first, start: 5, text: 'marrow edema'}]}
    const root = parseHtml(toHtml(overlapping, {input}))
    expect(find(reportOf(root), hasClass('bme-mark'))).toHaveLength(1)
    expect(find(root, (el) => el.attrs['id'] === 'bme-n2').map((el) => find(el, (a) => a.tag === 'a'))).toEqual([[]])
    expect(reportText(root)).toBe(input)
  })

  it('builds a complete UTF-8 page with the stylesheet for --format html', () => {
    const input = 'BME.'
    const page = toHtmlDocument(explain(input), {input})
    expect(page.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8">')).toBe(true)
    expect(page).toContain(`<style>${stylesheet()}</style>`)
    // The notice comes first on a page, once.
    const result = explain(input)
    expect(page).toContain(`<body><p class="bme-disclaimer">${result.disclaimer}</p>\n<div class="bme">`)
    expect(page.split(result.disclaimer)).toHaveLength(2)
    expect(toHtmlDocument(result, {input, disclaimer: false})).not.toContain(result.disclaimer)
  })
})

describe('sanitizeSchema', () => {
  const sanitize = (tree: Root, schema: Parameters<typeof rehypeSanitize>[0]) =>
    unified().use(rehypeSanitize, schema).runSync(structuredClone(tree)) as Root

  function strip(node: Nodes): unknown {
    if (node.type === 'element') {
      const properties = Object.fromEntries(
        Object.entries(node.properties).map(([key, value]) => [
          key,
          key === 'id' || key === 'ariaDescribedBy' || key === 'ariaLabelledBy'
            ? (Array.isArray(value) ? value : [value]).map((item) => String(item).replace(/^user-content-/, ''))
            : value
        ])
      )
      return {tag: node.tagName, properties, children: node.children.map(strip)}
    }
    return 'value' in node ? node.value : node.type === 'root' ? node.children.map(strip) : node.type
  }

  const input = 'No fracture. Possible stress fracture. BME in the MFC.'
  const tree = toHast(explain(input), {input, clobberPrefix: 'user-content-'})

  it('keeps the output intact through GitHub-style sanitising (ids prefixed, links still resolve)', () => {
    const clean = sanitize(tree, sanitizeSchema(defaultSchema))
    expect(strip(clean)).toEqual(strip(tree))
    const ids = new Set<string>()
    const hrefs: string[] = []
    const walk = (node: Nodes) => {
      if (node.type === 'element') {
        if (typeof node.properties['id'] === 'string') ids.add(node.properties['id'])
        if (typeof node.properties['href'] === 'string') hrefs.push(node.properties['href'])
      }
      if ('children' in node) for (const child of node.children) walk(child)
    }
    walk(clean)
    expect(hrefs.length).toBeGreaterThan(0)
    for (const href of hrefs) expect(ids.has(href.slice(1)), href).toBe(true)
  })

  it('is needed: the default schema alone drops marks, classes and data attributes', () => {
    const clean = sanitize(tree, defaultSchema)
    expect(JSON.stringify(strip(clean))).not.toContain('"mark"')
    expect(JSON.stringify(strip(clean))).not.toContain('dataBmeConcept')
  })

  it('does not change the schema it extends, and still drops what the base drops', () => {
    const before = JSON.stringify(defaultSchema)
    const schema = sanitizeSchema(defaultSchema)
    expect(JSON.stringify(defaultSchema)).toBe(before)
    const hostile: Root = {
      type: 'root',
      children: [
        {
          type: 'element',
          tagName: 'a',
          properties: {href: 'javascript:alert(1)', className: ['bme-mark', 'evil'], onClick: 'x', dataOther: 'y'},
          children: [{type: 'element', tagName: 'script', properties: {}, children: []} as Element]
        }
      ]
    }
    const clean = sanitize(hostile, schema).children[0] as Element
    expect(clean.properties).toEqual({className: ['bme-mark']})
    expect(clean.children).toEqual([])
  })
})

describe('toHtml property', () => {
  const phrase = fc.constantFrom(
    'bone marrow edema',
    'No fracture',
    'possible stress fracture',
    'BME',
    'MFC',
    'talus',
    'x-ray',
    'STIR',
    'FINDINGS:',
    'INDICATION: rule out fracture.',
    '<script>alert(1)</script>',
    '<b onclick="x">',
    '&amp;',
    '&#60;',
    ']]>',
    '<!--',
    '"\'`',
    '\r\n',
    '\r',
    '\n',
    '\u2028',
    '. ',
    ' '
  )
  const anyText = fc.array(fc.oneof(phrase, fc.string({unit: 'binary', maxLength: 12}), fc.string({maxLength: 12})), {maxLength: 14}).map((parts) => parts.join(''))
  const runs = 1000

  it('keeps the report text equal to the input, and uses only allow-listed elements and attributes', () => {
    fc.assert(
      fc.property(anyText, fc.constantFrom<'patient' | 'clinician'>('patient', 'clinician'), (input, audience) => {
        const html = toHtml(explain(input, audience), {input})
        const root = parseHtml(html)
        checkAllowList(root)
        expect(reportText(root)).toBe(input)
      }),
      {numRuns: runs}
    )
  })

  it('keeps the text of the hast tree equal to the input for every string', () => {
    const text = (node: Nodes): string => {
      if (node.type === 'text') return node.value
      if (node.type === 'element' && (node.properties['className'] as string[] | undefined)?.includes('bme-status')) return ''
      return 'children' in node ? node.children.map(text).join('') : ''
    }
    fc.assert(
      fc.property(anyText, (input) => {
        const tree = toHast(explain(input), {input})
        const root = tree.children[0] as Element
        const report = root.children.find((child) => child.type === 'element' && child.tagName === 'div') as Element
        expect(text(report)).toBe(input)
      }),
      {numRuns: runs}
    )
  })
})
