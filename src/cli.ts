#!/usr/bin/env node
/**
 * The `bme-explain` command. Reads a report from a file, from `-`, or from
 * piped standard input, and prints the explained terms.
 *
 * Exit codes: 0 success (finding nothing is success), 1 unreadable input,
 * 2 bad usage. Error messages are one line and never echo report text.
 */
import {readFileSync} from 'node:fs'
import process from 'node:process'
import {parseArgs} from 'node:util'
import {explain} from './index.js'
import {toText} from './render/text.js'

const usage = `Usage: bme-explain [FILE|-] [options]

Find bone-marrow-edema-related terms in an MRI report and explain them.
Educational, not diagnostic. Reads standard input when FILE is - or omitted
and input is piped.

Options:
  --format text|json          output format (default: text)
  --audience patient|clinician
                              who the explanations are for (default: patient)
  --input text|markdown       how to read the report (default: markdown for
                              .md files, else text)
  --max-length N              largest input in characters (default: 16777216)
  -h, --help                  show this help
  -v, --version               show the version`

class UsageError extends Error {}

function fail(code: number, message: string): never {
  process.stderr.write(`bme-explain: ${message}\n`)
  process.exit(code)
}

function readVersion(): string {
  const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {version: string}
  return pkg.version
}

function main(argv: string[]): void {
  let parsed
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        format: {type: 'string', default: 'text'},
        audience: {type: 'string', default: 'patient'},
        input: {type: 'string'},
        'max-length': {type: 'string'},
        help: {type: 'boolean', short: 'h'},
        version: {type: 'boolean', short: 'v'}
      }
    })
  } catch (error) {
    throw new UsageError(error instanceof Error ? error.message.split('\n')[0] : 'bad arguments')
  }
  const {values, positionals} = parsed
  if (values.help) {
    process.stdout.write(usage + '\n')
    return
  }
  if (values.version) {
    process.stdout.write(readVersion() + '\n')
    return
  }
  if (positionals.length > 1) throw new UsageError('give one file at most')
  const format = values.format
  if (format !== 'text' && format !== 'json') throw new UsageError("--format must be 'text' or 'json'")
  const audience = values.audience
  if (audience !== 'patient' && audience !== 'clinician') throw new UsageError("--audience must be 'patient' or 'clinician'")
  const file = positionals[0]
  const inputFormat = values.input ?? (file && /\.(md|markdown)$/i.test(file) ? 'markdown' : 'text')
  if (inputFormat !== 'text' && inputFormat !== 'markdown') throw new UsageError("--input must be 'text' or 'markdown'")
  let maxLength: number | undefined
  if (values['max-length'] !== undefined) {
    maxLength = Number(values['max-length'])
    if (!Number.isInteger(maxLength) || maxLength < 0) throw new UsageError('--max-length must be a whole number')
  }

  let text: string
  if (file === undefined || file === '-') {
    if (file === undefined && process.stdin.isTTY) throw new UsageError('no input: give a FILE, or pipe a report in (see --help)')
    try {
      text = readFileSync(0, 'utf8')
    } catch {
      fail(1, 'cannot read standard input')
    }
  } else {
    try {
      text = readFileSync(file, 'utf8')
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code
      fail(1, `cannot read the file (${code ?? 'unknown error'})`)
    }
  }

  let result
  try {
    result = explain(text, {audience, format: inputFormat, maxLength})
  } catch (error) {
    fail(1, error instanceof Error ? error.message.replace(/^bme-explain: /, '') : 'cannot explain this input')
  }
  if (format === 'json') {
    process.stdout.write(JSON.stringify(result, null, 2) + '\n')
  } else {
    const color = process.stdout.isTTY === true && !process.env['NO_COLOR'] && process.env['TERM'] !== 'dumb'
    process.stdout.write(toText(result, {color, input: text, width: Math.min(process.stdout.columns ?? 80, 100)}))
  }
}

try {
  main(process.argv.slice(2))
} catch (error) {
  if (error instanceof UsageError) fail(2, `${error.message} (see --help)`)
  fail(1, 'unexpected error')
}
