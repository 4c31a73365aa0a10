/**
 * Property-based tests (fast-check) of `explain()` with the real default
 * lexicon, over arbitrary strings and over generated report-like text
 * (report fragments mixed with surrogate pairs, lone surrogates, combining
 * marks, zero-width characters, NBSP, CRLF, lone CR, tabs and control
 * characters), in both input formats.
 *
 * Each property runs `BME_PROPERTY_RUNS` cases (default 1,000; the nightly
 * script `scripts/property-nightly.ts` runs many more). A failure prints the
 * seed and the shrunk counter-example; replay it with `BME_PROPERTY_SEED`.
 */
import fc from 'fast-check'
import type {Root} from 'mdast'
import remarkParse from 'remark-parse'
import {unified} from 'unified'
import {describe, expect, it} from 'vitest'
import {blockEnd} from '../src/blocks.js'
import {explainWith} from '../src/explain.js'
import {detectContext, explain, explainMany, type BatchRecord} from '../src/index.js'
import {MARKDOWN_PIECE, markdownView, viewFromTree} from '../src/markdown.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import {resultSchema, type Annotation, type ExplainResult} from '../src/result-schema.js'

const RUNS = Number(process.env.BME_PROPERTY_RUNS ?? 1000)
const SEED = process.env.BME_PROPERTY_SEED === undefined ? undefined : Number(process.env.BME_PROPERTY_SEED)
const settings = SEED === undefined ? {numRuns: RUNS} : {numRuns: RUNS, seed: SEED}

const formats = ['text', 'markdown'] as const
type Format = (typeof formats)[number]

/** Pieces of real-looking reports: findings, cues, headings, list marks, markdown. */
const fragments = [
  'FINDINGS:',
  'IMPRESSION:',
  'CLINICAL HISTORY: ',
  'Indication: rule out stress fracture.',
  'Comparison: MRI 2021.',
  '# Findings',
  '## Impression',
  'Technique: sagittal STIR, coronal T1, axial PDFS.',
  'Bone marrow edema in the medial femoral condyle.',
  'No bone marrow oedema.',
  'no evidence of BME',
  'There is subchondral bone marrow edema of the lateral tibial plateau',
  'edema-like marrow signal',
  'Possible stress fracture of the second metatarsal.',
  'Marrow edema has resolved.',
  'History of osteonecrosis.',
  'Bone bruise, unchanged compared with prior.',
  'New insufficiency fracture',
  'no increase in synovitis',
  'which',
  'but',
  ' edema ',
  'soft tissue edema',
  'talus',
  'T2 FS hyperintense',
  'BML',
  '- ',
  '* ',
  '1. ',
  'a) ',
  '> ',
  '**',
  '_',
  '`',
  '```\n',
  '[link](http://example.com)',
  '<b>edema</b>',
  '&amp;',
  '|',
  '---'
]

/** Characters that have broken text tools before. */
const oddUnits = [
  '\u{1F600}', // surrogate pair
  '\u{1D538}', // mathematical letter (a word character outside the BMP)
  '\ud800', // lone high surrogate
  '\udfff', // lone low surrogate
  '\u0301', // combining acute
  '\u0308\u0323', // stacked combining marks
  '\u200b', // zero-width space
  '\u200c',
  '\u200d',
  '\u2060',
  '\ufeff',
  '\u00a0', // NBSP
  '\u202f',
  '\r\n',
  '\r',
  '\n',
  '\n\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b',
  '\u007f',
  '\u0085',
  '\u2028',
  '\u2029',
  '\u202e', // right-to-left override
  '\u00ad', // soft hyphen
  '\u2013',
  '’',
  "'",
  '.',
  ' '
]

const anyUnit = fc.integer({min: 0, max: 0xffff}).map((code) => String.fromCharCode(code))

/** Any string of UTF-16 code units, lone surrogates included. */
const anyString = fc.string({unit: anyUnit, maxLength: 200})

/** Report-like text: fragments, odd characters and random units. */
const reportText = fc
  .array(
    fc.oneof(
      {arbitrary: fc.constantFrom(...fragments), weight: 5},
      {arbitrary: fc.constantFrom(...oddUnits), weight: 4},
      {arbitrary: fc.constantFrom(' ', '\n', '. '), weight: 3},
      {arbitrary: anyUnit, weight: 1},
      {arbitrary: fc.string({unit: 'grapheme', maxLength: 6}), weight: 1}
    ),
    {maxLength: 60}
  )
  .map((parts) => parts.join(''))

/** Longer report-like text: markdown over 1,024 characters is parsed in pieces. */
const longReport = fc
  .array(fc.oneof({arbitrary: fc.constantFrom(...fragments), weight: 6}, {arbitrary: fc.constantFrom(...oddUnits), weight: 3}, {arbitrary: fc.constantFrom('\n', '\n\n', ' '), weight: 3}), {
    minLength: 40,
    maxLength: 120
  })
  .map((parts) => parts.join(''))

const anyInput = fc.oneof({arbitrary: reportText, weight: 3}, {arbitrary: anyString, weight: 1})

/** Unrelated text: words that are no concept form, cue or section heading. */
const unrelated = fc
  .array(fc.constantFrom('lorem', 'ipsum', 'dolor', 'sit', 'amet', 'tempus', 'fugit', 'Quux', 'zebra', 'Orange', '42', ',', '.'), {
    minLength: 1,
    maxLength: 20
  })
  .map((words) => words.join(' '))

/** The line and column of `offset`, counted here independently of the library. */
function lineColumn(input: string, offset: number): {line: number; column: number} {
  let line = 1
  let lineStart = 0
  for (let index = 0; index < offset; index++) {
    const code = input.charCodeAt(index)
    const crlf = code === 0x0d && input.charCodeAt(index + 1) === 0x0a
    if (code === 0x0a || code === 0x2028 || code === 0x2029 || (code === 0x0d && !crlf)) {
      line++
      lineStart = index + 1
    }
  }
  return {line, column: offset - lineStart + 1}
}

/** Every claim the result makes about offsets into `input`, checked. */
function checkOffsets(input: string, result: ExplainResult): void {
  for (const annotation of result.annotations) {
    expect(annotation.start).toBeGreaterThanOrEqual(0)
    expect(annotation.end).toBeGreaterThan(annotation.start)
    expect(annotation.end).toBeLessThanOrEqual(input.length)
    expect(input.slice(annotation.start, annotation.end)).toBe(annotation.text)
    expect({line: annotation.line, column: annotation.column}).toEqual(lineColumn(input, annotation.start))
    for (const cue of annotation.cues) {
      expect(cue.end).toBeLessThanOrEqual(input.length)
      expect(input.slice(cue.start, cue.end)).toBe(cue.text)
    }
  }
  for (const section of result.sections) {
    expect(section.start).toBeGreaterThanOrEqual(0)
    expect(section.end).toBeLessThanOrEqual(input.length)
    expect(input.slice(section.start, section.start + section.heading.length)).toBe(section.heading)
  }
}

function checkOrder(annotations: readonly Annotation[]): void {
  for (let index = 1; index < annotations.length; index++) {
    const before = annotations[index - 1]!
    const after = annotations[index]!
    // Sorted by start and never overlapping: the library documents no nesting.
    expect(after.start).toBeGreaterThanOrEqual(before.end)
  }
}

describe.each(formats)('explain() properties, format %s', (format: Format) => {
  const run = (input: string): ExplainResult => explain(input, {format})

  it('never throws within the size limit and returns a result that matches the public schema', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const result = run(input)
        expect(resultSchema.safeParse(result).success).toBe(true)
      }),
      settings
    )
  })

  it('gives exact offsets: every annotation, cue and heading is the input at its offsets, line and column included', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        checkOffsets(input, run(input))
      }),
      settings
    )
  })

  it('returns annotations sorted by position and not overlapping', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        checkOrder(run(input).annotations)
      }),
      settings
    )
  })

  it('is deterministic: the same input gives the same output byte for byte, also from a fresh copy of the lexicon', () => {
    fc.assert(
      fc.property(anyInput, (input) => {
        const first = JSON.stringify(run(input))
        expect(JSON.stringify(run(input))).toBe(first)
        expect(JSON.stringify(explain(input, {format, lexicon: freshLexicon}))).toBe(first)
      }),
      settings
    )
  })

  it('shifts every offset by exactly the length of unrelated text put before the report', () => {
    fc.assert(
      fc.property(unrelated, reportText, (prefixText, report) => {
        // A byte order mark is one only at the very start of a document (markdown drops it there).
        fc.pre(!report.startsWith('\ufeff'))
        const prefix = prefixText + '\n\n'
        const prefixLines = 2
        const alone = run(report)
        const shifted = run(prefix + report)
        const moved = (annotation: Annotation): Annotation => ({
          ...annotation,
          start: annotation.start + prefix.length,
          end: annotation.end + prefix.length,
          line: annotation.line + prefixLines,
          cues: annotation.cues.map((cue) => ({...cue, start: cue.start + prefix.length, end: cue.end + prefix.length}))
        })
        expect(shifted.annotations).toEqual(alone.annotations.map(moved))
      }),
      settings
    )
  })
})

/** A deep copy of the default lexicon: a different object, so compiled afresh. */
const freshLexicon = structuredClone(defaultLexicon)

describe('detectContext() properties', () => {
  const withSpan = anyInput.chain((input) =>
    fc.tuple(fc.nat({max: input.length}), fc.nat({max: input.length})).map(([a, b]) => ({input, start: Math.min(a, b), end: Math.max(a, b)}))
  )

  it('never throws for any span of any input, and every cue it lists is the input at its offsets', () => {
    fc.assert(
      fc.property(withSpan, ({input, start, end}) => {
        const {context, cues} = detectContext(input, {start, end})
        for (const flag of ['negated', 'uncertain', 'historical', 'hypothetical'] as const) expect(typeof context[flag]).toBe('boolean')
        for (const cue of cues) {
          expect(cue.start).toBeGreaterThanOrEqual(0)
          expect(cue.end).toBeLessThanOrEqual(input.length)
          expect(input.slice(cue.start, cue.end)).toBe(cue.text)
        }
      }),
      settings
    )
  })
})

describe('long markdown, parsed in pieces', () => {
  it('never throws, keeps every offset exact and annotations in order', () => {
    fc.assert(
      fc.property(longReport, (input) => {
        const result = explain(input, {format: 'markdown'})
        checkOffsets(input, result)
        checkOrder(result.annotations)
      }),
      settings
    )
  })
})

/** Markdown syntax beyond `fragments`: every construct whose text the view keeps or drops. */
const markdownSyntax = [
  '\\*',
  '\\',
  '&nbsp;',
  '&#x41;',
  '&#65;',
  '&bogus;',
  '![alt edema](pic.png "title edema")',
  '[edema][ref]',
  '[ref]',
  '[ref]: http://example.com "Title edema"\n',
  '<http://example.com/edema>',
  '<a@b.co>',
  '```js info edema\n',
  '~~~\n',
  '    ',
  '\n    code edema\n',
  '<div>\n',
  '</div>\n',
  '<!-- note edema -->',
  '<br>',
  '===\n',
  '***',
  '  \n',
  '\\\n',
  '`code edema`',
  '``',
  '#',
  ' #'
]

/** Markdown-like text that stays within one piece. */
const markdownText = fc
  .array(
    fc.oneof(
      {arbitrary: fc.constantFrom(...fragments), weight: 5},
      {arbitrary: fc.constantFrom(...markdownSyntax), weight: 5},
      {arbitrary: fc.constantFrom(...oddUnits), weight: 2},
      {arbitrary: fc.constantFrom(' ', '\n', '\n\n', '. '), weight: 3}
    ),
    {maxLength: 50}
  )
  .map((parts) => parts.join('').slice(0, MARKDOWN_PIECE))

describe("markdown read from the parser's events", () => {
  const parser = unified().use(remarkParse)
  it('gives the view and block starts that the remark plugin builds from the mdast tree', () => {
    fc.assert(
      // (Within one piece: a longer text is parsed piece by piece, the tree whole.)
      fc.property(fc.oneof(markdownText, reportText.map((text) => text.slice(0, MARKDOWN_PIECE))), (input) => {
        const fromEvents = markdownView(input)
        const fromTree = viewFromTree(input, parser.parse(input) as Root)
        expect(fromEvents.view).toBe(fromTree.view)
        // In text order as given, which `explain` relies on.
        expect(fromEvents.blockStarts).toEqual([...fromEvents.blockStarts].sort((a, b) => a - b))
        expect(fromTree.blockStarts).toEqual([...fromTree.blockStarts].sort((a, b) => a - b))
        expect(fromEvents.blockStarts).toEqual(fromTree.blockStarts)
      }),
      settings
    )
  })
})

describe('batches', () => {
  // There is no streaming-by-lines API: explainMany streams whole reports.
  it('explainMany over an array or an async iterable gives, item by item, exactly what explain() gives', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(reportText, {maxLength: 4}), fc.constantFrom(...formats), async (reports, format) => {
        const expected = reports.map((report, index) => ({index, id: null, result: explain(report, {format})}))
        expect([...explainMany(reports, {format})]).toEqual(expected)
        const streamed: BatchRecord[] = []
        for await (const record of explainMany((async function* () {
          yield* reports
        })(), {format})) streamed.push(record)
        expect(JSON.stringify(streamed)).toBe(JSON.stringify(expected))
      }),
      settings
    )
  })
})

/** Report text with many blank lines (block edges), of every kind of line break. */
const blankLines = fc
  .array(
    fc.oneof(
      {arbitrary: fc.constantFrom(...fragments), weight: 6},
      {arbitrary: fc.constantFrom('\n\n', '\r\n\r\n', '\r\r', '\u2028\u2029', ' \n \n ', '-\n\n', '\n-\n', '\n', '\n1. ', ': '), weight: 4},
      {arbitrary: fc.constantFrom(...oddUnits), weight: 1}
    ),
    {maxLength: 80}
  )
  .map((parts) => parts.join(''))

describe('explaining block by block (blocks.ts)', () => {
  const views = {markdown: markdownView}
  it.each(formats)('gives exactly the whole-text result at any block size, format %s', (format: Format) => {
    let split = 0
    fc.assert(
      fc.property(fc.oneof(blankLines, longReport, reportText), fc.integer({min: 1, max: 300}), fc.constantFrom('patient', 'clinician'), (text, size, audience) => {
        if (blockEnd(text, 0, size) < text.length) split++
        const whole = explainWith(text, {format, audience}, views, Infinity)
        expect(JSON.stringify(explainWith(text, {format, audience}, views, size))).toBe(JSON.stringify(whole))
      }),
      {...settings, numRuns: Math.max(200, settings.numRuns)}
    )
    // The property says something only if many inputs are cut into blocks.
    expect(split).toBeGreaterThan(Math.max(200, settings.numRuns) / 4)
  })

  it('reads a label and its answer on one line only, so a block reads as the whole text does (a case the property found)', () => {
    // "S:" ends its line before a blank line: it labels nothing below it, so
    // "edema" and "talus:" are one sentence in the whole text as in a block.
    const text = 'S:\n\nedema\ntalus:'
    for (const format of formats) {
      const whole = explainWith(text, {format}, views, Infinity)
      expect(whole.annotations.map((annotation) => annotation.text)).toEqual(['edema', 'talus'])
      expect(JSON.stringify(explainWith(text, {format}, views, 1))).toBe(JSON.stringify(whole))
    }
  })

  it('cuts after the last word before the first blank line past the block size', () => {
    const text = 'edema one\n\ntwo\r\n \r\nthree\nfour\n\n'
    expect(blockEnd(text, 0, 1)).toBe('edema one'.length)
    expect(blockEnd(text, 0, 10)).toBe(text.indexOf('two') + 3)
    expect(blockEnd(text, 11, 1)).toBe(text.indexOf('two') + 3)
    // Only white space after the last blank line: a cut there, before it.
    expect(blockEnd(text, 20, 1)).toBe(text.indexOf('four') + 4)
    expect(blockEnd('no blank line\nhere', 0, 1)).toBe(18)
  })
})

describe('explain() input checks, as properties', () => {
  it('throws a RangeError exactly when the input is longer than maxLength', () => {
    fc.assert(
      fc.property(fc.string({maxLength: 40}), fc.nat({max: 40}), (input, maxLength) => {
        if (input.length > maxLength) {
          expect(() => explain(input, {maxLength})).toThrow(RangeError)
        } else {
          expect(() => explain(input, {maxLength})).not.toThrow()
        }
      }),
      settings
    )
  })

  it('throws a TypeError for any value that is not a string', () => {
    fc.assert(
      fc.property(
        fc.anything().filter((value) => typeof value !== 'string'),
        (value) => {
          expect(() => explain(value as string)).toThrow(TypeError)
        }
      ),
      settings
    )
  })
})
