import fc from 'fast-check'
import type {PhrasingContent, Root, RootContent} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {explainWith} from '../src/explain.js'
import {toMarkdown} from '../src/render/markdown.js'
import {smallLexicon} from './small-lexicon.js'

const explain = (text: string) => explainWith(text, {lexicon: smallLexicon}, {})
const parse = (markdown: string) => unified().use(remarkParse).parse(markdown) as Root

const NEGATED = 'The report uses this word to say the thing was not seen or is not there.'

/** The report part of the output: everything before the first footnote definition. */
function reportPart(markdown: string): string {
  const at = markdown.search(/\n\n\[\^[A-Za-z0-9_-]+\]: /)
  return at === -1 ? markdown : markdown.slice(0, at)
}

/** Text of parsed markdown: paragraphs joined by a blank line, hard breaks as line feeds. */
function textOf(root: Root): string {
  const inline = (node: PhrasingContent): string => {
    if (node.type === 'text') return node.value
    if (node.type === 'break') return '\n'
    if (node.type === 'strong') return node.children.map(inline).join('')
    throw new Error(`unexpected ${node.type} in the report`)
  }
  return root.children
    .map((block: RootContent) => {
      if (block.type !== 'paragraph') throw new Error(`unexpected ${block.type} in the report`)
      return block.children.map(inline).join('')
    })
    .join('\n\n')
}

/** The input as CommonMark keeps it: LF line ends, blank lines empty and collapsed, none at either end. */
function normalize(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (/^[ \t]*$/.test(line) ? '' : line))
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .replace(/^\n+|\n+$/g, '')
}

describe('toMarkdown', () => {
  it('bolds each phrase, adds a footnote per concept and lists mentions with their status', () => {
    const input = 'BME in the MFC.\nNo fracture; BME again.'
    const result = explain(input)
    expect(toMarkdown(result, {input})).toBe(
      [
        `> ${result.disclaimer}`,
        '',
        '**BME**[^1] in the **MFC**[^2].\\',
        'No **fracture**[^3]; **BME**[^1] again.',
        '',
        '[^1]: **bone-marrow-edema** (finding). Patient text for bone-marrow-edema.',
        '',
        '    - In the report, line 1: “BME”',
        '    - In the report, line 2: “BME”',
        '',
        '    Sources: Test source (Tests).',
        '',
        '[^2]: **medial-femoral-condyle** (anatomy). Patient text for medial-femoral-condyle.',
        '',
        '    - In the report, line 1: “MFC”',
        '',
        '    Sources: Test source (Tests).',
        '',
        '[^3]: **fracture** (condition). Patient text for fracture.',
        '',
        `    - In the report, line 2: “fracture” — **not seen**. ${NEGATED}`,
        '',
        '    Sources: Test source (Tests).',
        ''
      ].join('\n')
    )
  })

  it('escapes report text that looks like markdown, so it parses as the same text', () => {
    const input = [
      '# FINDINGS',
      '* bullet [link](http://x.test) <b>bold</b> `code` _em_ ~~del~~ |a|b|',
      '1. BME',
      '    indented code line',
      '---',
      '===',
      '> quote &amp; &#60; \\ end\\',
      '[^1]: fake footnote www.example.com a@b.test'
    ].join('\n')
    const markdown = toMarkdown(explain(input), {input, disclaimer: false})
    const report = reportPart(markdown)
    expect(report.split('\n')[0]).toBe('\\# FINDINGS\\')
    expect(report.split('\n')[2]).toBe('1\\. **BME**[^1]\\')
    expect(report.split('\n')[3]).toBe('&#32;&#32;&#32;&#32;indented code line\\')
    expect(report.split('\n')[4]).toBe('\\---\\')
    expect(textOf(parse(report))).toBe(input.replace('1. BME', '1. BME[^1]'))
  })

  it('keeps paragraphs and leading spaces, and uses no hard break before a blank line', () => {
    const input = '  BME here  \n\n\nnext\r\nline'
    const report = reportPart(toMarkdown(explain(input), {input, disclaimer: false}))
    expect(report).toBe('&#32;&#32;**BME**[^1] here&#32;&#32;\n\n\nnext\\\nline')
  })

  it('bolds a phrase wrapped at a CRLF line break, as at an LF one', () => {
    for (const input of ['No bone marrow\r\nedema.', 'No bone marrow\nedema.']) {
      const report = reportPart(toMarkdown(explain(input), {input, disclaimer: false}))
      expect(report).toBe('No **bone marrow\\\nedema**[^1].')
    }
  })

  it('leaves the bold out when a phrase does not start and end with a letter or digit', () => {
    const input = 'x-ray'
    const result = explain(input)
    const odd = {...result, annotations: result.annotations.map((annotation) => ({...annotation, start: 0, end: 2, text: 'x-'}))}
    expect(reportPart(toMarkdown(odd, {input, disclaimer: false}))).toBe('x-[^1]ray')
  })

  it('says when nothing was found and takes a footnote prefix', () => {
    const input = 'Normal.'
    expect(toMarkdown(explain(input), {input, disclaimer: false})).toBe('Normal.\n\nNo bone-marrow-edema-related terms were found in this text.\n')
    expect(toMarkdown(explain('BME'), {input: 'BME', disclaimer: false, prefix: 'bme-'})).toMatch(/^\*\*BME\*\*\[\^bme-1\]\n\n\[\^bme-1\]: /)
  })

  it('throws clear errors for a mismatched input and bad options', () => {
    const result = explain('BME')
    expect(() => toMarkdown(result, {input: 'xyz'})).toThrow(RangeError)
    expect(() => toMarkdown(result, {} as never)).toThrow(/options.input/)
    expect(() => toMarkdown(result, {input: 'BME', prefix: ']'})).toThrow(/options.prefix/)
  })

  it('property: any report parses back to its own text, with only paragraphs, bold and breaks', () => {
    const piece = fc.oneof(
      fc.constantFrom(
        'BME', 'no fracture', 'MFC', '# ', '* ', '1. ', '2) ', '+ ', '- ', '> ', '    ', '\t', '\n', '\r\n', '\n\n', '<b>', '[a](b)', '![a](b)',
        '`', '_', '&amp;', '\\', '|', '---', '===', 'T2-weighted (STIR).', '12.', 'http://x.org', 'www.x.org', 'a@b.org', ':', '(', ')', '!'
      ),
      fc.string({maxLength: 8})
    )
    fc.assert(
      fc.property(fc.array(piece, {maxLength: 12}), (parts) => {
        const input = parts.join('').replace(/\0/g, '')
        const result = explain(input)
        let report = reportPart(toMarkdown(result, {input, disclaimer: false}))
        if (result.glossary.length === 0) report = report.replace(/\n*No bone-marrow-edema-related terms were found in this text\.\n$/, '')
        // Expected: the input with each footnote reference after its phrase.
        let expected = ''
        let at = 0
        for (const annotation of result.annotations) {
          const n = result.glossary.findIndex((entry) => entry.conceptId === annotation.conceptId) + 1
          expected += input.slice(at, annotation.end) + `[^${n}]`
          at = annotation.end
        }
        expected += input.slice(at)
        expect(textOf(parse(report))).toBe(normalize(expected))
      }),
      {numRuns: 1000}
    )
  })
})
