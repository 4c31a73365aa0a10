/**
 * The sample reports in fixtures/reports/ against the annotations expected
 * for them in fixtures/expected/, written by hand from the report text.
 * Each expected annotation is `[text, conceptId, section, flags]`, where
 * flags lists the context that is set: negated, uncertain, historical,
 * hypothetical, and `change:<value>`.
 */
import {readdirSync, readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {explain, type Annotation} from '../src/index.js'

type Expected = [text: string, conceptId: string, section: string | null, flags: string[]]

interface ExpectedFile {
  report: string
  note?: string
  annotations: Expected[]
}

const root = new URL('../fixtures/', import.meta.url)
const files = readdirSync(new URL('expected/', root)).filter((name) => name.endsWith('.json'))

function flags(annotation: Annotation): string[] {
  const out: string[] = []
  for (const flag of ['negated', 'uncertain', 'historical', 'hypothetical'] as const) if (annotation.context[flag]) out.push(flag)
  if (annotation.context.change) out.push(`change:${annotation.context.change}`)
  return out
}

describe('sample reports', () => {
  it('has at least ten reports, each with expectations', () => {
    const reports = readdirSync(new URL('reports/', root))
    expect(reports.length).toBeGreaterThanOrEqual(10)
    const covered = files.map((name) => (JSON.parse(readFileSync(new URL(`expected/${name}`, root), 'utf8')) as ExpectedFile).report)
    expect(covered.sort()).toEqual(reports.sort())
  })

  for (const name of files) {
    const expected = JSON.parse(readFileSync(new URL(`expected/${name}`, root), 'utf8')) as ExpectedFile
    const input = readFileSync(new URL(`reports/${expected.report}`, root), 'utf8')
    const format = expected.report.endsWith('.md') ? 'markdown' : 'text'

    it(`${expected.report}: finds exactly the expected annotations`, () => {
      const result = explain(input, {format})
      const actual = result.annotations.map((annotation): Expected => [annotation.text, annotation.conceptId, annotation.section, flags(annotation)])
      expect(actual).toEqual(expected.annotations)
    })

    it(`${expected.report}: every annotation's text is input.slice(start, end), for both audiences`, () => {
      for (const audience of ['patient', 'clinician'] as const) {
        const result = explain(input, {format, audience})
        for (const annotation of result.annotations) {
          expect(input.slice(annotation.start, annotation.end)).toBe(annotation.text)
          expect(annotation.explanation.sources.length).toBeGreaterThan(0)
        }
      }
    })
  }
})
