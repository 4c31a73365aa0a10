import {spawn, spawnSync} from 'node:child_process'
import {mkdtempSync, readFileSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {fileURLToPath} from 'node:url'
import {describe, expect, it} from 'vitest'
import {colorEnabled, wrap} from '../src/render/text.js'

const root = fileURLToPath(new URL('..', import.meta.url))
const sample = 'fixtures/reports/knee-bone-bruise.txt'

function run(args: string[], input?: string, env: Record<string, string> = {}) {
  const done = spawnSync(process.execPath, ['--import', 'tsx', 'src/cli.ts', ...args], {
    cwd: root,
    input,
    encoding: 'utf8',
    env: {...process.env, NO_COLOR: '', ...env},
    maxBuffer: 64 * 1024 * 1024
  })
  return {code: done.status, stdout: done.stdout, stderr: done.stderr}
}

const SECRET = 'Jane Q Patient 1234'

describe('bme-explain CLI', () => {
  it('prints the sample report as text within 80 columns, without colour when not on a TTY', () => {
    const {code, stdout, stderr} = run([sample])
    expect(code).toBe(0)
    expect(stderr).toBe('')
    expect(stdout).toMatch(/^\d+ terms found:$/m)
    expect(stdout).toContain('  fracture line (fracture, condition) — not seen')
    expect(stdout).not.toContain('\u001b[')
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
  })

  it('writes JSON, markdown and a complete HTML page', () => {
    const json = run([sample, '--format', 'json'])
    expect(json.code).toBe(0)
    const result = JSON.parse(json.stdout) as {schemaVersion: number; annotations: {text: string}[]}
    expect(result.schemaVersion).toBe(1)
    expect(result.annotations.map((annotation) => annotation.text)).toContain('bone bruise')

    const markdown = run([sample, '--format', 'markdown'])
    expect(markdown.code).toBe(0)
    expect(markdown.stdout).toContain('There is a **bone bruise**[^')
    expect(markdown.stdout).toMatch(/^\[\^1\]: \*\*/m)

    const html = run(['-', '--format', 'html'], '<script>x</script> bone bruise')
    expect(html.code).toBe(0)
    expect(html.stdout.startsWith('<!doctype html><html lang="en"><head><meta charset="utf-8">')).toBe(true)
    expect(html.stdout).toContain('&#x3C;script>x&#x3C;/script> <a class="bme-mark"')
    expect(html.stdout).not.toContain('<script>')
  })

  it('reads UTF-8 (a byte order mark dropped) and UTF-16 with its byte order mark, and refuses bytes that are neither, in words', () => {
    const report = 'Bone marrow édema? No: bone marrow edema in the talus.'
    const explainBytes = (bytes: Buffer) => {
      const dir = mkdtempSync(join(tmpdir(), 'bme-cli-'))
      const file = join(dir, 'report.txt')
      writeFileSync(file, bytes)
      try {
        return run([file, '--format', 'json'])
      } finally {
        rmSync(dir, {recursive: true, force: true})
      }
    }
    const plain = explainBytes(Buffer.from(report, 'utf8'))
    expect(plain.code).toBe(0)
    const expected = (JSON.parse(plain.stdout) as {annotations: {start: number; text: string}[]}).annotations
    expect(expected.map((annotation) => annotation.text)).toContain('bone marrow edema')
    const withBom = explainBytes(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(report, 'utf8')]))
    expect(JSON.parse(withBom.stdout).annotations).toEqual(JSON.parse(plain.stdout).annotations)
    const utf16 = explainBytes(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(report, 'utf16le')]))
    expect(JSON.parse(utf16.stdout).annotations).toEqual(JSON.parse(plain.stdout).annotations)
    const latin1 = explainBytes(Buffer.from(report, 'latin1'))
    expect(latin1.code).toBe(1)
    expect(latin1.stderr).toMatch(/cannot read the file: it is not UTF-8 text; save the report as UTF-8/)
    const binary = explainBytes(Buffer.from([0x42, 0x4d, 0x45, 0x00, 0x01, 0x02]))
    expect(binary.code).toBe(1)
    expect(binary.stderr).toMatch(/NUL bytes: it looks like a binary file/)
    expect(latin1.stdout + binary.stdout).toBe('')
  })

  it('exits 2 on bad usage and 1 on unreadable input, never echoing report text', () => {
    for (const args of [['--format', 'pdf'], ['--audience', 'x'], ['a', 'b'], ['--jobs', '2'], ['--ndjson', '--format', 'text'], ['--ndjson', '--jobs', '0'], ['--nope']]) {
      const {code, stderr} = run(args, SECRET)
      expect(code, args.join(' ')).toBe(2)
      expect(stderr).toMatch(/^bme-explain: .*\(see --help\)\n$/)
    }
    const missing = run(['does-not-exist.txt'])
    expect(missing).toEqual({code: 1, stdout: '', stderr: 'bme-explain: cannot read the file: no such file\n'})
    expect(run(['.']).stderr).toBe('bme-explain: cannot read the file: it is a folder\n')
    const long = run(['-', '--max-length', '5'], SECRET)
    expect(long.code).toBe(1)
    expect(long.stderr).toBe('bme-explain: `text` is 19 characters long, over the limit of 5 (raise --max-length to allow it)\n')
    // The hint is given once.
    expect(run(['--nope']).stderr.match(/see --help/g)).toHaveLength(1)
  })

  it('--ndjson writes one line per input line, in order, with ids and error records', () => {
    const input = [
      JSON.stringify({id: 'a', text: 'There is a bone bruise.'}),
      '',
      `{"id": "broken", "text": "${SECRET}`,
      JSON.stringify({id: 3, text: 'No fracture.'}),
      JSON.stringify([SECRET]),
      JSON.stringify({text: 'Nothing here.'})
    ].join('\n')
    const {code, stdout, stderr} = run(['--ndjson'], input)
    expect(code).toBe(1)
    expect(stderr).toBe('')
    expect(stdout).not.toContain('Jane')
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>)
    expect(lines.map((line) => [line['id'], 'result' in line ? 'result' : line['error']])).toEqual([
      ['a', 'result'],
      [null, {name: 'SyntaxError', message: 'bme-explain: line 3 is not valid JSON'}],
      [3, 'result'],
      [null, {name: 'TypeError', message: 'bme-explain: line 5 must be a JSON object with "text"'}],
      [null, 'result']
    ])
    expect(lines[1]?.['line']).toBe(3)
  })

  it('--ndjson exits 0 when every line is explained', () => {
    const {code, stdout} = run(['--ndjson', '--audience', 'clinician'], JSON.stringify({id: 'x', text: 'No fracture.'}) + '\n')
    expect(code).toBe(0)
    const line = JSON.parse(stdout) as {id: string; result: {audience: string}}
    expect([line.id, line.result.audience]).toEqual(['x', 'clinician'])
  })

  it('--jobs keeps input order and gives the same lines as one thread', () => {
    const reports = readFileSync(new URL('../fixtures/reports/knee-bone-bruise.txt', import.meta.url), 'utf8')
    const input = Array.from({length: 300}, (_, index) =>
      JSON.stringify({id: `r${index}`, text: index % 7 === 0 ? 'No fracture.' : index % 5 === 0 ? reports.repeat(3) : `Item ${index}: bone bruise.`})
    ).join('\n')
    const one = run(['--ndjson'], input)
    const pool = run(['--ndjson', '--jobs', '3'], input)
    expect(one.code).toBe(0)
    expect(pool.code).toBe(0)
    expect(pool.stderr).toBe('')
    const ids = pool.stdout.trimEnd().split('\n').map((line) => (JSON.parse(line) as {id: string}).id)
    expect(ids).toEqual(Array.from({length: 300}, (_, index) => `r${index}`))
    expect(pool.stdout).toBe(one.stdout)
  })
})

describe('terminal helpers', () => {
  it('colours only on a TTY, and never with NO_COLOR set or TERM=dumb', () => {
    expect(colorEnabled({isTTY: true}, {})).toBe(true)
    expect(colorEnabled({isTTY: false}, {})).toBe(false)
    expect(colorEnabled({}, {FORCE_COLOR: '1'})).toBe(false)
    expect(colorEnabled({isTTY: true}, {NO_COLOR: '1'})).toBe(false)
    expect(colorEnabled({isTTY: true}, {NO_COLOR: ''})).toBe(true)
    expect(colorEnabled({isTTY: true}, {TERM: 'dumb'})).toBe(false)
  })

  it('wraps without counting colour codes and cuts words longer than a line', () => {
    const bold = '\u001b[1mbone\u001b[22m'
    expect(wrap(`${bold} marrow edema`, 20, '  ')).toBe(`  ${bold} marrow edema`)
    expect(wrap('x'.repeat(25), 14, '  ')).toBe(['  ' + 'x'.repeat(12), '  ' + 'x'.repeat(12), '  x'].join('\n'))
  })
})

describe('bme-explain CLI, a reader that stops early', () => {
  it('exits quietly when the output pipe closes (`| head`), without a stack trace', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '-', '--format', 'json'], {cwd: root, env: {...process.env, NO_COLOR: ''}})
    let stderr = ''
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdin.end('Bone marrow edema in the talus. '.repeat(20_000))
    // Read the first chunk, then close the pipe as `head -1` would.
    await new Promise<void>((resolve) => child.stdout.once('data', () => resolve()))
    child.stdout.destroy()
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)))
    expect(stderr).toBe('')
    expect(code).toBe(0)
  }, 30_000)
})

describe('bme-explain CLI, a slow writer on standard input', () => {
  it('waits for piped input that comes late (`cat report | bme-explain`), instead of failing to read it', async () => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli.ts', '-'], {cwd: root, env: {...process.env, NO_COLOR: ''}})
    let stdout = ''
    let stderr = ''
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk))
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk))
    child.stdin.write('There is bone marrow ')
    await new Promise((resolve) => setTimeout(resolve, 400))
    child.stdin.end('edema in the talus.\n')
    const code = await new Promise<number | null>((resolve) => child.on('close', (exit) => resolve(exit)))
    expect(stderr).toBe('')
    expect(code).toBe(0)
    expect(stdout).toContain('bone marrow edema (bone marrow edema, finding)')
  }, 30_000)
})
