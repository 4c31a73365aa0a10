/**
 * Privacy: the library makes no network request, writes nothing to the
 * console or the process's output streams, and no error message, batch error
 * record or vfile message it produces contains report text.
 *
 * Every public function is run on a report holding a marker that appears in
 * no lexicon (`SECRET`), with every way out of the process trapped.
 */
import dgram from 'node:dgram'
import dns from 'node:dns'
import http from 'node:http'
import http2 from 'node:http2'
import https from 'node:https'
import net from 'node:net'
import tls from 'node:tls'
import fc from 'fast-check'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import rehypeStringify from 'rehype-stringify'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {afterEach, beforeEach, describe, expect, it, vi, type MockInstance} from 'vitest'
import {explain as explainCore} from '../src/core.js'
import {toHtml, toHtmlDocument} from '../src/html.js'
import {
  detectContext,
  explain,
  explainMany,
  fromFhir,
  fromHl7v2,
  htmlToText,
  listConcepts,
  toMarkdown,
  toText,
  type BatchItem,
  type BatchRecord
} from '../src/index.js'
import {validateLexicon} from '../src/lexicon/index.js'
import remarkBmeExplain from '../src/remark.js'
import {thrown} from './thrown.js'

/** A patient's name, in no lexicon: it must never leave the report. */
const SECRET = 'Quillonby Marchetti-Vasquez'
const REPORT = `Patient: ${SECRET}\nFINDINGS:\nBone marrow edema in the medial femoral condyle, seen in ${SECRET}.\nNo fracture.\n`
const MARKDOWN = `# Findings\n\n- ${SECRET}: **bone marrow edema** in the talus.\n- No stress fracture.\n`

const trapped: MockInstance[] = []

function trap<T extends object>(target: T, key: keyof T & string): void {
  if (typeof target[key] !== 'function') return
  trapped.push(
    vi.spyOn(target, key as never).mockImplementation((() => {
      throw new Error(`network or output call: ${key}`)
    }) as never)
  )
}

const networkGlobals = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'] as const
const savedGlobals = new Map<string, unknown>()
const globalCalls: string[] = []

beforeEach(() => {
  globalCalls.length = 0
  for (const name of networkGlobals) {
    savedGlobals.set(name, (globalThis as Record<string, unknown>)[name])
    ;(globalThis as Record<string, unknown>)[name] = function blocked() {
      globalCalls.push(name)
      throw new Error(`network call: ${name}`)
    }
  }
  for (const module of [http, https]) {
    trap(module, 'request')
    trap(module, 'get')
  }
  trap(http2, 'connect')
  trap(net, 'connect')
  trap(net, 'createConnection')
  trap(net.Socket.prototype, 'connect')
  trap(tls, 'connect')
  trap(dgram, 'createSocket')
  trap(dns, 'lookup')
  trap(dns, 'resolve')
  trap(dns.promises, 'lookup')
  const quiet = console as unknown as Record<string, (...args: unknown[]) => unknown>
  for (const key of Object.keys(quiet)) {
    if (typeof quiet[key] === 'function') trapped.push(vi.spyOn(quiet, key).mockImplementation(() => undefined))
  }
  trapped.push(vi.spyOn(process.stdout, 'write'), vi.spyOn(process.stderr, 'write'))
})

afterEach(() => {
  for (const spy of trapped.splice(0)) spy.mockRestore()
  for (const [name, value] of savedGlobals) (globalThis as Record<string, unknown>)[name] = value
})

/** Every trap that was sprung: none may be. */
function sprung(): string[] {
  const calls = trapped.filter((spy) => spy.mock.calls.length > 0).map((spy) => spy.getMockName())
  return [...globalCalls, ...calls]
}

/** Run every public function of the package on `report` (and `markdown`). */
async function useEverything(report: string, markdown: string): Promise<unknown[]> {
  const outputs: unknown[] = []
  for (const audience of ['patient', 'clinician'] as const) {
    const result = explain(report, {audience})
    outputs.push(result, toText(result), toMarkdown(result, {input: report}), toHtml(result, {input: report}))
    outputs.push(toHtmlDocument(result, {input: report}))
    const fromMarkdown = explain(markdown, {audience, format: 'markdown'})
    outputs.push(fromMarkdown, toHtml(fromMarkdown, {input: markdown}))
  }
  outputs.push(explainCore(report), detectContext(report, {start: 0, end: 20}), listConcepts(), listConcepts({audience: 'clinician'}))
  outputs.push([...explainMany([report, {id: 'b', text: markdown}], {format: 'markdown'})])
  const records: BatchRecord[] = []
  for await (const record of explainMany((async function* () {
    yield report
    yield {id: 7, text: markdown}
  })())) records.push(record)
  outputs.push(records)
  const file = await unified().use(remarkParse).use(remarkBmeExplain).use(remarkRehype).use(rehypeStringify).process(markdown)
  outputs.push(String(file), file.messages)
  outputs.push(htmlToText(`<p>${report}</p>`))
  outputs.push(validateLexicon(structuredClone((await import('../src/lexicon/default.js')).defaultLexicon)))
  return outputs
}

describe('no network, no console, no output streams', () => {
  it('every public function runs on a report without any network call or console or stream write', async () => {
    const outputs = await useEverything(REPORT, MARKDOWN)
    expect(sprung()).toEqual([])
    // The report was really worked on: phrases were found and explained.
    const first = outputs[0] as ReturnType<typeof explain>
    expect(first.annotations.map((annotation) => annotation.text)).toEqual(['Bone marrow edema', 'medial femoral condyle', 'fracture'])
  })

  it('nothing is written even when every call fails', async () => {
    const failures: unknown[] = []
    const attempt = (run: () => unknown) => {
      try {
        run()
      } catch (error) {
        failures.push(error)
      }
    }
    attempt(() => explain(REPORT, {maxLength: 10}))
    attempt(() => explain(42 as unknown as string))
    attempt(() => explainCore(REPORT, {format: 'markdown'}))
    attempt(() => detectContext(REPORT, {start: 5, end: 1}))
    attempt(() => toHtml(explain(REPORT), {input: 'another text'}))
    attempt(() => fromHl7v2(REPORT))
    attempt(() => fromFhir({resourceType: 'DiagnosticReport', conclusion: 42, note: SECRET}))
    expect(failures.length).toBe(7)
    expect(sprung()).toEqual([])
  })
})

/** All the text an error carries: message, stack, cause, and own fields. */
function errorText(error: unknown): string {
  if (!(error instanceof Error)) return JSON.stringify(error) ?? String(error)
  return [error.message, error.stack ?? '', JSON.stringify(error, Object.getOwnPropertyNames(error)), errorText(error.cause ?? '')].join('\n')
}


describe('no report text in errors or messages', () => {
  const cases: [string, () => unknown][] = [
    ['explain over maxLength', () => explain(REPORT, {maxLength: 10})],
    ['explain with a bad audience', () => explain(REPORT, {audience: SECRET as 'patient'})],
    ['explain with a bad format', () => explain(REPORT, {format: SECRET as 'text'})],
    ['core explain asked for markdown', () => explainCore(REPORT, {format: 'markdown'})],
    ['detectContext with a bad span', () => detectContext(REPORT, {start: 30, end: 2})],
    ['detectContext over maxLength', () => detectContext(REPORT, {start: 0, end: 1}, {maxLength: 3})],
    ['toHtml with the wrong input', () => toHtml(explain(REPORT), {input: SECRET})],
    ['toHtml with a bad prefix', () => toHtml(explain(REPORT), {input: REPORT, prefix: SECRET})],
    ['fromHl7v2 on text that is no message', () => fromHl7v2(REPORT)],
    ['fromFhir on a resource without text', () => fromFhir({resourceType: 'Observation', valueString: REPORT})],
    ['validateLexicon on bad data', () => validateLexicon({version: SECRET, concepts: [{id: SECRET}]})]
  ]

  it.each(cases)('%s: the error names the rule, not the report', (_name, run) => {
    const error = thrown(run)
    expect(error).toBeInstanceOf(Error)
    const text = errorText(error)
    expect(text).not.toContain(SECRET)
    expect(text).not.toContain('Marchetti')
    expect(text).not.toContain('medial femoral condyle,')
  })

  it('batch error records hold no report text', () => {
    const records = [...explainMany([REPORT, {id: 'x', text: REPORT + REPORT}, {text: 42} as unknown as BatchItem], {maxLength: REPORT.length})]
    expect(records.map((record) => ('error' in record ? record.error.name : 'ok'))).toEqual(['ok', 'RangeError', 'TypeError'])
    expect(JSON.stringify(records.filter((record) => 'error' in record))).not.toContain(SECRET)
  })

  it('vfile messages of the remark plugin hold no report text', async () => {
    const file = new VFile({value: MARKDOWN, path: 'report.md'})
    await unified().use(remarkParse).use(remarkBmeExplain).use(remarkRehype).use(rehypeStringify).process(file)
    expect(file.messages.length).toBeGreaterThan(0)
    for (const message of file.messages) {
      const fields = [message.reason, message.message, message.note ?? '', message.url ?? '', message.ruleId ?? '', message.source ?? '']
      const all = fields.join('\n') + JSON.stringify({...message, stack: message.stack, cause: String(message.cause)})
      expect(all).not.toContain(SECRET)
      expect(all).not.toContain('Marchetti')
    }
  })

  // The same message for every input of a length: nothing of the input is in it. (Asking
  // that the input not occur in the message failed now and then on inputs such as "ngth",
  // which the message's own words contain.)
  it('a RangeError over the limit reads the same for any input of that length (property)', () => {
    fc.assert(
      fc.property(fc.string({unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz '.split('')), minLength: 4, maxLength: 80}), (input) => {
        // One call site for both, so their stacks name the same lines.
        const [error, other] = [input, 'x'.repeat(input.length)].map((text) => thrown(() => explain(text, {maxLength: text.length - 1})))
        expect(error).toBeInstanceOf(RangeError)
        expect(errorText(error)).toBe(errorText(other))
      }),
      {numRuns: 1000}
    )
  })
})
