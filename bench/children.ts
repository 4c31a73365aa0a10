/**
 * Measurements that need a fresh Node process: cold start (import the built
 * package and explain one report) and the peak memory of one large input.
 * The child scripts are plain ESM run by `node` itself, without tsx, so they
 * measure the shipped JavaScript in `dist/`.
 */
import {execFileSync} from 'node:child_process'
import {mkdtempSync, rmSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join} from 'node:path'
import {pathToFileURL} from 'node:url'

function run(script: string, args: string[] = []): string {
  return execFileSync(process.execPath, ['--expose-gc', '--input-type=module', '-e', script, ...args], {encoding: 'utf8'})
}

/** One fresh process: import the package, then explain one report. */
export interface ColdStart {
  /** Milliseconds from before the import to the end of the first `explain()`. */
  ms: number
  /** Milliseconds of the import alone. */
  importMs: number
}

/**
 * Import + first `explain()` in fresh processes, per entry: the entries
 * take turns, process by process, so a busy moment of the machine falls on
 * all of them alike. A warm file-system cache: one untimed process per
 * entry runs first.
 */
export function coldStarts(entries: readonly string[], report: string, processes: number): ColdStart[][] {
  const dir = mkdtempSync(join(tmpdir(), 'bme-bench-'))
  const file = join(dir, 'report.txt')
  writeFileSync(file, report)
  const scripts = entries.map(
    (entry) => `
    import {readFileSync} from 'node:fs'
    const report = readFileSync(process.argv[1], 'utf8')
    const start = performance.now()
    const {explain} = await import(${JSON.stringify(pathToFileURL(entry).href)})
    const imported = performance.now()
    const result = explain(report)
    const end = performance.now()
    process.stdout.write(JSON.stringify({ms: end - start, importMs: imported - start, annotations: result.annotations.length}))
  `
  )
  try {
    for (const script of scripts) run(script, [file])
    const out = entries.map((): ColdStart[] => [])
    for (let index = 0; index < processes; index++) {
      scripts.forEach((script, entry) => out[entry]?.push(JSON.parse(run(script, [file])) as ColdStart))
    }
    return out
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** What one large input costs in memory, in MB (10^6 bytes). */
export interface MemoryUse {
  /** Resident set before the input is read (Node plus the loaded package). */
  baseline: number
  /** Largest resident set of the whole process, input included. */
  peak: number
  /** Milliseconds of the one `explain()` call. */
  ms: number
  annotations: number
  /** Heap the returned result itself keeps alive (after a full collection). */
  result: number
}

/** Explain `text` once in a fresh process and report its peak resident memory. */
export function peakMemory(entry: string, text: string): MemoryUse {
  const dir = mkdtempSync(join(tmpdir(), 'bme-bench-'))
  const file = join(dir, 'input.txt')
  writeFileSync(file, text)
  const url = pathToFileURL(entry).href
  const script = `
    import {readFileSync} from 'node:fs'
    const {explain} = await import(${JSON.stringify(url)})
    explain('Bone marrow edema in the talus.')
    globalThis.gc()
    const baseline = process.memoryUsage().rss
    const text = readFileSync(process.argv[1], 'utf8')
    const start = performance.now()
    let result = explain(text)
    const ms = performance.now() - start
    const peak = process.resourceUsage().maxRSS * 1024
    globalThis.gc()
    const withResult = process.memoryUsage().heapUsed
    const annotations = result.annotations.length
    result = undefined
    globalThis.gc()
    const kept = (withResult - process.memoryUsage().heapUsed) / 1e6
    process.stdout.write(JSON.stringify({baseline: baseline / 1e6, peak: peak / 1e6, ms, annotations, result: kept}))
  `
  try {
    return JSON.parse(run(script, [file])) as MemoryUse
  } finally {
    rmSync(dir, {recursive: true, force: true})
  }
}

/** Milliseconds to import `specifier` (a package name or file URL) in a fresh process. */
export function importTime(specifier: string, processes: number): number[] {
  const script = `
    const start = performance.now()
    await import(${JSON.stringify(specifier)})
    process.stdout.write(String(performance.now() - start))
  `
  run(script)
  const out: number[] = []
  for (let index = 0; index < processes; index++) out.push(Number(run(script)))
  return out
}
