/**
 * The oracle of scripts/mutants.ts: runs the context cases, the sample
 * reports' expectations and each concept's examples and near misses (found
 * in the one, not in the other) against the copy of src/ in the directory
 * given, and prints how many fail (a case that throws fails).
 */
import {readdirSync, readFileSync} from 'node:fs'
import {join, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'

const root = resolve(import.meta.dirname, '..')
const copy = resolve(process.argv[2] ?? root)
const {detectContext} = (await import(pathToFileURL(join(copy, 'src/detect-context.ts')).href)) as typeof import('../src/detect-context.js')
const {explain} = (await import(pathToFileURL(join(copy, 'src/index.ts')).href)) as typeof import('../src/index.js')

interface Case {
  text: string
  target: string
  occurrence?: number
  expect: Record<string, unknown>
}

let failures = 0
const attempt = (run: () => boolean) => {
  try {
    if (!run()) failures++
  } catch {
    failures++
  }
}

const cases = join(root, 'fixtures/context')
for (const name of readdirSync(cases).filter((file) => file.endsWith('.json'))) {
  for (const item of JSON.parse(readFileSync(join(cases, name), 'utf8')) as Case[]) {
    attempt(() => {
      let start = -1
      for (let count = 0; count < (item.occurrence ?? 1); count++) start = item.text.indexOf(item.target, start + 1)
      const {context} = detectContext(item.text, {start, end: start + item.target.length})
      return JSON.stringify(context) === JSON.stringify(item.expect)
    })
  }
}

const expected = join(root, 'fixtures/expected')
for (const name of readdirSync(expected).filter((file) => file.endsWith('.json'))) {
  const file = JSON.parse(readFileSync(join(expected, name), 'utf8')) as {report: string; annotations: unknown[]}
  const input = readFileSync(join(root, 'fixtures/reports', file.report), 'utf8')
  attempt(() => {
    const annotations = explain(input, {format: file.report.endsWith('.md') ? 'markdown' : 'text'}).annotations.map((annotation) => {
      const flags: string[] = []
      for (const flag of ['negated', 'uncertain', 'historical', 'hypothetical'] as const) if (annotation.context[flag]) flags.push(flag)
      if (annotation.context.change) flags.push(`change:${annotation.context.change}`)
      return [annotation.text, annotation.conceptId, annotation.section, flags]
    })
    return JSON.stringify(annotations) === JSON.stringify(file.annotations)
  })
}

const {defaultLexicon} = (await import(pathToFileURL(join(copy, 'src/lexicon/default.ts')).href)) as typeof import('../src/lexicon/default.js')
for (const concept of defaultLexicon.concepts) {
  const found = (text: string) => explain(text).annotations.some((annotation) => annotation.conceptId === concept.id)
  for (const example of concept.examples ?? []) attempt(() => found(example))
  for (const miss of concept.nearMisses ?? []) attempt(() => !found(miss))
}

process.stdout.write(`${failures}\n`)
