#!/usr/bin/env node
/**
 * The `bme-explain` command. Reads a report from a file, from `-`, or from
 * piped standard input, and prints the explained terms as text, JSON,
 * markdown or an HTML page. With `--ndjson` it reads one JSON object per
 * line (`{"id": ..., "text": ...}`) and writes one result per line, on one
 * thread or, with `--jobs N`, on a pool of worker threads (output order is
 * input order).
 *
 * Exit codes: 0 success (finding nothing is success), 1 unreadable input
 * (or, with `--ndjson`, at least one line that could not be explained),
 * 2 bad usage. Error messages are one line and never echo report text.
 */
import {createReadStream, readFileSync} from 'node:fs'
import {availableParallelism} from 'node:os'
import process from 'node:process'
import {createInterface} from 'node:readline'
import {parseArgs} from 'node:util'
import {isMainThread, parentPort, Worker, workerData} from 'node:worker_threads'
import {explainItem} from './batch.js'
import type {ExplainOptions} from './explain.js'
import {explain} from './index.js'
import {toHtmlDocument} from './render/html.js'
import {toMarkdown} from './render/markdown.js'
import {colorEnabled, toText} from './render/text.js'

const usage = `Usage: bme-explain [FILE|-] [options]
       bme-explain --ndjson [FILE|-] [--jobs N] [options]

Find bone-marrow-edema-related terms in an MRI report and explain them.
Educational, not diagnostic. Reads standard input when FILE is - or omitted
and input is piped.

Options:
  --format text|json|markdown|html
                              output format (default: text; html is a
                              complete UTF-8 page)
  --audience patient|clinician
                              who the explanations are for (default: patient)
  --input text|markdown       how to read the report (default: markdown for
                              .md files, else text)
  --max-length N              largest input in characters (default: 16777216)
  --ndjson                    batch mode: one JSON object per input line,
                              {"id": ..., "text": ...}; one line out per line
                              in: {"id": ..., "result": {...}} or
                              {"id": ..., "line": N, "error": {...}}
  --jobs N|auto               with --ndjson: explain on N worker threads
                              (auto: one per CPU); output keeps input order
  -h, --help                  show this help
  -v, --version               show the version

Exit codes: 0 done, 1 unreadable input (with --ndjson: a line failed),
2 bad usage.`

class UsageError extends Error {}

/** What a worker (or the main thread, without --jobs) needs to explain one ndjson line. */
interface LineSettings {
  audience: 'patient' | 'clinician'
  format: 'text' | 'markdown'
  maxLength: number | undefined
}

function fail(code: number, message: string): never {
  process.stderr.write(`bme-explain: ${message}\n`)
  process.exit(code)
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}
  return pkg.version
}

/**
 * Explain one ndjson line; returns the output line (without its line feed)
 * and whether it is an error record. Never throws; error messages come from
 * bme-explain and hold no report text.
 */
function explainLine(line: string, lineNumber: number, settings: LineSettings): {out: string; failed: boolean} {
  let item: unknown
  try {
    item = JSON.parse(line)
  } catch {
    // JSON.parse's own message quotes the input: replace it.
    const error = {name: 'SyntaxError', message: `bme-explain: line ${lineNumber} is not valid JSON`}
    return {out: JSON.stringify({id: null, line: lineNumber, error}), failed: true}
  }
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    const error = {name: 'TypeError', message: `bme-explain: line ${lineNumber} must be a JSON object with "text"`}
    return {out: JSON.stringify({id: null, line: lineNumber, error}), failed: true}
  }
  const options: ExplainOptions = {audience: settings.audience, format: settings.format, maxLength: settings.maxLength}
  const record = explainItem(item, lineNumber - 1, options)
  if ('result' in record) return {out: JSON.stringify({id: record.id, result: record.result}), failed: false}
  return {out: JSON.stringify({id: record.id, line: lineNumber, error: record.error}), failed: true}
}

/** Write to stdout, waiting when the pipe is full. */
function write(chunk: string): Promise<void> | undefined {
  if (process.stdout.write(chunk)) return undefined
  return new Promise((resolve) => process.stdout.once('drain', () => resolve()))
}

function lineReader(file: string | undefined) {
  const input = file === undefined || file === '-' ? process.stdin : createReadStream(file)
  input.on('error', (error: NodeJS.ErrnoException) => fail(1, `cannot read the input: ${readError(error.code)}`))
  return createInterface({input, crlfDelay: Infinity})
}

async function runNdjson(file: string | undefined, settings: LineSettings, jobs: number): Promise<number> {
  if ((file === undefined || file === '-') && process.stdin.isTTY) throw new UsageError('no input: pipe ndjson in or give a FILE')
  const lines = lineReader(file)
  let failed = false
  let lineNumber = 0

  if (jobs <= 1) {
    for await (const line of lines) {
      lineNumber++
      if (line.trim() === '') continue
      const done = explainLine(line, lineNumber, settings)
      failed ||= done.failed
      await write(done.out + '\n')
    }
    return failed ? 1 : 0
  }

  // A pool of workers. Lines go out in batches (those that arrive together,
  // at most BATCH); each batch comes back as one UTF-8 buffer, transferred
  // rather than copied, and batches are written in input order.
  const BATCH = 64
  const workers = Array.from({length: jobs}, () => spawnWorker(settings))
  const busy = new Map<Worker, number>(workers.map((worker) => [worker, 0]))
  const pending = new Map<number, Uint8Array>()
  const limit = jobs * 4
  let sent = 0
  let written = 0
  let batch: {line: string; lineNumber: number}[] = []
  let scheduled = false
  let wake: (() => void) | undefined

  for (const worker of workers) {
    worker.on('message', (message: {seq: number; data: Uint8Array; failed: boolean}) => {
      busy.set(worker, (busy.get(worker) ?? 1) - 1)
      failed ||= message.failed
      pending.set(message.seq, message.data)
      const resolve = wake
      wake = undefined
      resolve?.()
    })
    worker.on('error', () => fail(1, 'a worker thread stopped unexpectedly'))
  }

  const send = () => {
    scheduled = false
    if (batch.length === 0) return
    let target = workers[0] as Worker
    for (const worker of workers) if ((busy.get(worker) ?? 0) < (busy.get(target) ?? 0)) target = worker
    busy.set(target, (busy.get(target) ?? 0) + 1)
    target.postMessage({seq: sent++, lines: batch})
    batch = []
  }
  const flush = async () => {
    while (pending.has(written)) {
      const data = pending.get(written) as Uint8Array
      pending.delete(written)
      written++
      if (!process.stdout.write(data)) await new Promise<void>((resolve) => process.stdout.once('drain', () => resolve()))
    }
  }
  const waitForResult = () => new Promise<void>((resolve) => (wake = resolve))
  /** Write what is ready, waiting for results until `done()` holds. */
  const drainUntil = async (done: () => boolean) => {
    await flush()
    while (!done()) {
      if (!pending.has(written)) await waitForResult()
      await flush()
    }
  }

  for await (const line of lines) {
    lineNumber++
    if (line.trim() === '') continue
    batch.push({line, lineNumber})
    if (batch.length >= BATCH) {
      await drainUntil(() => sent - written < limit)
      send()
    } else if (!scheduled) {
      // Send a partial batch once the lines at hand are read, so a slow stream is not held back.
      scheduled = true
      setImmediate(send)
    }
  }
  send()
  await drainUntil(() => written === sent)
  await Promise.all(workers.map((worker) => worker.terminate()))
  return failed ? 1 : 0
}

function spawnWorker(settings: LineSettings): Worker {
  const data = {bmeExplainWorker: true, settings}
  const url = import.meta.url
  if (url.endsWith('.ts')) {
    // Running from source (tests, tsx): load tsx in the worker first.
    return new Worker(`import('tsx/esm/api').then(({register}) => { register(); return import(${JSON.stringify(url)}) })`, {eval: true, workerData: data})
  }
  return new Worker(new URL(url), {workerData: data})
}

function runWorker(): void {
  const settings = (workerData as {settings: LineSettings}).settings
  const encoder = new TextEncoder()
  parentPort?.on('message', (message: {seq: number; lines: {line: string; lineNumber: number}[]}) => {
    let out = ''
    let failed = false
    for (const {line, lineNumber} of message.lines) {
      const done = explainLine(line, lineNumber, settings)
      out += done.out + '\n'
      failed ||= done.failed
    }
    const data = encoder.encode(out)
    parentPort?.postMessage({seq: message.seq, data, failed}, [data.buffer])
  })
}

async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: {type: 'string'},
        audience: {type: 'string', default: 'patient'},
        input: {type: 'string'},
        'max-length': {type: 'string'},
        ndjson: {type: 'boolean'},
        jobs: {type: 'string'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? (error.message.split('\n')[0] ?? 'bad arguments') : 'bad arguments')
  }
  const {values, positionals} = parsed
  if (values.help) {
    process.stdout.write(usage + '\n')
    return 0
  }
  if (values.version) {
    process.stdout.write(readVersion() + '\n')
    return 0
  }
  if (positionals.length > 1) throw new UsageError('give one file at most')
  const format = values.format ?? (values.ndjson ? 'json' : 'text')
  if (format !== 'text' && format !== 'json' && format !== 'markdown' && format !== 'html') {
    throw new UsageError("--format must be 'text', 'json', 'markdown' or 'html'")
  }
  const audience = values.audience
  if (audience !== 'patient' && audience !== 'clinician') throw new UsageError("--audience must be 'patient' or 'clinician'")
  const file = positionals[0]
  const inputFormat = values.input ?? (file && /\.(md|markdown)$/i.test(file) ? 'markdown' : 'text')
  if (inputFormat !== 'text' && inputFormat !== 'markdown') throw new UsageError("--input must be 'text' or 'markdown'")
  let maxLength: number | undefined
  if (values['max-length'] !== undefined) {
    maxLength = Number(values['max-length'])
    if (!/^\d+$/.test(values['max-length']) || !Number.isSafeInteger(maxLength)) throw new UsageError('--max-length must be a whole number')
  }
  let jobs = 1
  if (values.jobs !== undefined) {
    if (!values.ndjson) throw new UsageError('--jobs works with --ndjson only')
    jobs = values.jobs === 'auto' ? availableParallelism() : Number(values.jobs)
    if (!/^(\d+|auto)$/.test(values.jobs) || !Number.isInteger(jobs) || jobs < 1 || jobs > 256) {
      throw new UsageError("--jobs must be a whole number from 1 to 256, or 'auto'")
    }
  }

  if (values.ndjson) {
    if (format !== 'json') throw new UsageError('--ndjson writes JSON lines; leave out --format or use --format json')
    return runNdjson(file, {audience, format: inputFormat, maxLength}, jobs)
  }

  let bytes: Buffer
  const source = file === undefined || file === '-' ? 'standard input' : 'the file'
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) throw new UsageError('no input: give a FILE, or pipe a report in')
    try {
      bytes = await readStdin()
    } catch (error) {
      fail(1, `cannot read standard input: ${readError((error as NodeJS.ErrnoException).code)}`)
    }
  } else {
    try {
      bytes = readFileSync(file)
    } catch (error) {
      fail(1, `cannot read the file: ${readError((error as NodeJS.ErrnoException).code)}`)
    }
  }
  const decoded = decodeText(bytes)
  if (typeof decoded !== 'string') fail(1, `cannot read ${source}: ${decoded.problem}`)
  const text = decoded

  let result
  try {
    result = explain(text, {audience, format: inputFormat, maxLength})
  } catch (error) {
    // (The library names its option; here it is a flag.)
    fail(1, error instanceof Error ? error.message.replace(/^bme-explain: /, '').replace('raise `maxLength`', 'raise --max-length') : 'cannot explain this input')
  }
  if (format === 'json') {
    let json: string
    try {
      json = JSON.stringify(result, null, 2)
    } catch {
      // V8 strings stop near 512 MB: about 14 MB of dense report text as pretty JSON.
      fail(1, 'the result is too large for one JSON text; lower --max-length, split the input, or use --ndjson')
    }
    await write(json + '\n')
  } else if (format === 'markdown') {
    await write(toMarkdown(result, {input: text}))
  } else if (format === 'html') {
    await write(toHtmlDocument(result, {input: text}))
  } else {
    const color = colorEnabled(process.stdout, process.env)
    await write(toText(result, {color, input: text, width: Math.min(process.stdout.columns || 80, 100)}))
  }
  return 0
}

/**
 * Standard input, whole. Read as a stream: `readFileSync(0)` fails with
 * EAGAIN when the writer at the other end of a pipe is slower than we are
 * (`cat report.txt | bme-explain`).
 */
async function readStdin(): Promise<Buffer> {
  const chunks: Buffer[] = []
  for await (const chunk of process.stdin) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer))
  return Buffer.concat(chunks)
}

/**
 * A report's bytes as text: UTF-8 (a byte order mark dropped), or UTF-16
 * when a byte order mark says so (a Windows "Unicode" export). Bytes that
 * are neither, or a NUL in UTF-8, are a clear error, not a silent loss
 * (Latin-1 "é" would become U+FFFD and the term with it).
 */
export function decodeText(bytes: Uint8Array): string | {problem: string} {
  const utf16 = bytes[0] === 0xff && bytes[1] === 0xfe ? 'utf-16le' : bytes[0] === 0xfe && bytes[1] === 0xff ? 'utf-16be' : undefined
  try {
    const text = new TextDecoder(utf16 ?? 'utf-8', {fatal: true}).decode(bytes)
    if (utf16 === undefined && text.includes('\0')) return {problem: 'it holds NUL bytes: it looks like a binary file, not a text report'}
    return text
  } catch {
    return {problem: `it is not ${utf16 === undefined ? 'UTF-8' : 'UTF-16'} text; save the report as UTF-8 (for example with iconv -f latin1 -t utf-8)`}
  }
}

/** A file error as words, not a code. */
function readError(code: string | undefined): string {
  if (code === 'ENOENT') return 'no such file'
  if (code === 'EISDIR') return 'it is a folder'
  if (code === 'EACCES' || code === 'EPERM') return 'permission denied'
  return code ?? 'unknown error'
}

if (isMainThread) {
  // A reader that stops early (`| head`) closes the pipe: stop quietly.
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(0)
    fail(1, `cannot write the output (${error.code ?? 'unknown error'})`)
  })
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code
    },
    (error: unknown) => {
      if (error instanceof UsageError) fail(2, `${error.message} (see --help)`)
      fail(1, 'unexpected error')
    }
  )
} else if ((workerData as {bmeExplainWorker?: boolean} | undefined)?.bmeExplainWorker) {
  runWorker()
}
