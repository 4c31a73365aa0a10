import {readdirSync, readFileSync} from 'node:fs'
import {z} from 'zod'
import {describe, expect, it} from 'vitest'
import {explainWith} from '../src/explain.js'
import {markdownView} from '../src/markdown.js'
import {SCHEMA_VERSION, annotationSchema, lexiconSchema, resultJsonSchema, resultSchema} from '../src/schema.js'
import {smallLexicon} from './small-lexicon.js'

const shipped = JSON.parse(readFileSync(new URL('../schema.json', import.meta.url), 'utf8')) as Record<string, unknown>
const reports = new URL('../fixtures/reports/', import.meta.url)

describe('bme-explain/schema', () => {
  it('schema.json is z.toJSONSchema of the result schema (run `npx tsx scripts/build-schema.ts` if not)', () => {
    expect(shipped).toEqual(resultJsonSchema())
    expect(shipped['$schema']).toBe('https://json-schema.org/draft/2020-12/schema')
    expect(shipped['required']).toEqual(['schemaVersion', 'lexiconVersion', 'audience', 'annotations', 'sections', 'glossary', 'sources', 'disclaimer'])
    expect((shipped['properties'] as Record<string, unknown>)['schemaVersion']).toEqual({type: 'number', const: SCHEMA_VERSION})
  })

  it('is shipped in the package and exported as bme-explain/schema.json', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as {files: string[]; exports: Record<string, unknown>}
    expect(pkg.files).toContain('schema.json')
    expect(pkg.exports['./schema.json']).toBe('./schema.json')
  })

  it('every sample report, in both audiences, gives a result both schemas accept', () => {
    const fromJson = z.fromJSONSchema(shipped as Parameters<typeof z.fromJSONSchema>[0])
    const files = readdirSync(reports).filter((name) => /\.(txt|md)$/.test(name))
    expect(files.length).toBeGreaterThan(0)
    let mentions = 0
    for (const name of files) {
      const text = readFileSync(new URL(name, reports), 'utf8')
      for (const audience of ['patient', 'clinician'] as const) {
        // The default lexicon: the real concepts, sections and context.
        const result = explainWith(text, {audience, format: name.endsWith('.md') ? 'markdown' : 'text'}, {markdown: markdownView})
        mentions += result.annotations.length
        expect(result.schemaVersion).toBe(SCHEMA_VERSION)
        expect(resultSchema.safeParse(result).success, name).toBe(true)
        expect(fromJson.safeParse(result).success, name).toBe(true)
      }
    }
    expect(mentions).toBeGreaterThan(files.length)
  })

  it('rejects results that break the contract, in zod and in the shipped JSON Schema', () => {
    const fromJson = z.fromJSONSchema(shipped as Parameters<typeof z.fromJSONSchema>[0])
    const good = explainWith('No fracture in the talus.', {lexicon: smallLexicon}, {})
    const first = good.annotations[0]
    if (!first) throw new Error('expected a mention')
    const bad = [
      {...good, schemaVersion: SCHEMA_VERSION + 1},
      {...good, audience: 'radiologist'},
      {...good, extra: true},
      {...good, annotations: [{...first, start: -1}]},
      {...good, annotations: [{...first, context: {...first.context, negated: 'yes'}}]}
    ]
    for (const value of bad) {
      expect(resultSchema.safeParse(value).success).toBe(false)
      expect(fromJson.safeParse(value).success).toBe(false)
    }
  })

  it('re-exports the lexicon schemas', () => {
    expect(lexiconSchema.safeParse(smallLexicon).success).toBe(true)
    expect(annotationSchema.shape.conceptId).toBeDefined()
  })
})
