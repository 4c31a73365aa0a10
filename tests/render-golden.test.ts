/**
 * Golden files for the three renderers, on one report with plain, negated,
 * uncertain and hypothetical mentions, CR LF line ends and text that looks
 * like markup. The renderers read a stored result
 * (`report.result.json`, made once by the pipeline with the small test
 * lexicon), so the goldens change only when a renderer does, not when the
 * context rules are tuned. The files were read and checked by hand; after a
 * deliberate change, rewrite them with
 * `UPDATE_GOLDEN=1 npx vitest run tests/render-golden.test.ts` and review
 * the diff.
 */
import {readFileSync, writeFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {explainWith} from '../src/explain.js'
import {resultSchema} from '../src/result-schema.js'
import {toHtml} from '../src/render/html.js'
import {toMarkdown} from '../src/render/markdown.js'
import {toText} from '../src/render/text.js'
import {smallLexicon} from './small-lexicon.js'

const dir = new URL('../fixtures/golden/', import.meta.url)
const input = readFileSync(new URL('report.txt', dir), 'utf8')
const stored = new URL('report.result.json', dir)
if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(stored, JSON.stringify(explainWith(input, {lexicon: smallLexicon}, {}), null, 2) + '\n')
const result = resultSchema.parse(JSON.parse(readFileSync(stored, 'utf8')))

function golden(name: string, actual: string): void {
  const file = new URL(name, dir)
  if (process.env['UPDATE_GOLDEN'] === '1') writeFileSync(file, actual)
  expect(actual).toBe(readFileSync(file, 'utf8'))
}

describe('golden renderer output', () => {
  it('the stored result fits the report', () => {
    for (const annotation of result.annotations) expect(input.slice(annotation.start, annotation.end)).toBe(annotation.text)
    const flags = result.annotations.map((annotation) => annotation.context)
    expect(flags.some((context) => context.negated)).toBe(true)
    expect(flags.some((context) => context.uncertain)).toBe(true)
    expect(flags.some((context) => context.hypothetical)).toBe(true)
  })

  it('text', () => golden('report.text.txt', toText(result, {input})))
  it('markdown', () => golden('report.md', toMarkdown(result, {input})))
  it('html', () => golden('report.html', toHtml(result, {input})))
})
