/**
 * Mutation testing of one source file against the fixtures written by hand:
 * each operand of `||` is set to `false` and each operand of `&&` to `true`
 * (outside loop heads), one at a time, in a copy of src/. A mutant is
 * killed when a context case (fixtures/context/*.json), a sample report's
 * expected annotations (fixtures/expected/*.json) or a concept's examples
 * and near misses (lexicon/concepts/*.json) no longer hold, or when it
 * throws or does not finish (scripts/mutants-check.ts). A survivor names a
 * rule or a guard that no case holds: write the case that shows why it is
 * there, or remove the code.
 *
 *   npx tsx scripts/mutants.ts [src/context.ts] [--workers 2] [--only 10-40]
 *
 * One child process per mutant (about a second each), so it is a tool to
 * run by hand after a change to the rules, not part of `npm test`.
 */
import {spawn} from 'node:child_process'
import {cpSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync} from 'node:fs'
import {tmpdir} from 'node:os'
import {join, relative, resolve} from 'node:path'
import {pathToFileURL} from 'node:url'
import ts from 'typescript'

const root = resolve(import.meta.dirname, '..')

/** One place to change: the operand's span and what it becomes. */
export interface Site {
  start: number
  end: number
  to: 'false' | 'true'
  line: number
  code: string
}

/** Every operand of `||` and `&&` in `source`, outside the heads of loops. */
export function mutationSites(source: string): Site[] {
  const file = ts.createSourceFile('file.ts', source, ts.ScriptTarget.Latest, true)
  const sites: Site[] = []
  const inLoopHead = (node: ts.Node): boolean => {
    for (let at: ts.Node = node; at.parent; at = at.parent) {
      const parent = at.parent
      if (ts.isForStatement(parent) && at !== parent.statement) return true
      if ((ts.isWhileStatement(parent) || ts.isDoStatement(parent)) && at === parent.expression) return true
      if (ts.isStatement(at)) return false
    }
    return false
  }
  const visit = (node: ts.Node): void => {
    if (ts.isBinaryExpression(node) && !inLoopHead(node)) {
      const kind = node.operatorToken.kind
      if (kind === ts.SyntaxKind.BarBarToken || kind === ts.SyntaxKind.AmpersandAmpersandToken) {
        for (const side of [node.left, node.right]) {
          // A chain of one operator is split into its operands by the recursion.
          if (ts.isBinaryExpression(side) && side.operatorToken.kind === kind) continue
          const start = side.getStart(file)
          sites.push({
            start,
            end: side.getEnd(),
            to: kind === ts.SyntaxKind.BarBarToken ? 'false' : 'true',
            line: file.getLineAndCharacterOfPosition(start).line + 1,
            code: source.slice(start, side.getEnd()).replace(/\s+/g, ' ')
          })
        }
      }
    }
    ts.forEachChild(node, visit)
  }
  visit(file)
  return sites
}

/** Run the fixtures in a child process against the copy of src/ in `copy`; resolves to its failures (-1: it did not finish). */
function check(copy: string): Promise<number> {
  return new Promise((done) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'scripts/mutants-check.ts'), copy], {cwd: root, stdio: ['ignore', 'pipe', 'ignore']})
    let out = ''
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString()))
    const timer = setTimeout(() => child.kill(), 120_000)
    child.on('close', () => {
      clearTimeout(timer)
      const failures = Number(out.trim().split('\n').pop())
      done(Number.isInteger(failures) ? failures : -1)
    })
  })
}

async function main(): Promise<void> {
  const args = process.argv.slice(2)
  const option = (name: string) => {
    const at = args.indexOf(name)
    return at >= 0 ? args.splice(at, 2)[1] : undefined
  }
  const workers = Number(option('--workers') ?? 2)
  const only = option('--only')
  const target = resolve(args[0] ?? 'src/context.ts')
  const inSrc = relative(join(root, 'src'), target)
  if (inSrc.startsWith('..') || !inSrc.endsWith('.ts')) throw new Error(`not a source file under src/: ${target}`)
  const source = readFileSync(target, 'utf8')
  let sites = mutationSites(source).map((site, index) => ({...site, index}))
  if (only) {
    const [from = 0, to = from] = only.split('-').map(Number)
    sites = sites.filter((site) => site.index >= from && site.index <= to)
  }

  const copies = Array.from({length: workers}, () => {
    const copy = mkdtempSync(join(tmpdir(), 'bme-mutants-'))
    cpSync(join(root, 'src'), join(copy, 'src'), {recursive: true})
    symlinkSync(join(root, 'lexicon'), join(copy, 'lexicon'))
    symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'))
    return copy
  })
  try {
    const clean = await check(copies[0] as string)
    if (clean !== 0) throw new Error(`the fixtures do not pass on the unchanged source (${clean} failures)`)
    const survivors: string[] = []
    let next = 0
    let killed = 0
    await Promise.all(
      copies.map(async (copy) => {
        for (let site = sites[next++]; site; site = sites[next++]) {
          writeFileSync(join(copy, 'src', inSrc), source.slice(0, site.start) + `(${site.to} as boolean)` + source.slice(site.end))
          if ((await check(copy)) === 0) survivors.push(`${site.index}\t${relative(root, target)}:${site.line}\t${site.to}\t${site.code.slice(0, 100)}`)
          else killed++
        }
        writeFileSync(join(copy, 'src', inSrc), source)
      })
    )
    survivors.sort((a, b) => Number(a.split('\t')[0]) - Number(b.split('\t')[0]))
    process.stdout.write(`${survivors.join('\n')}\n\n${sites.length} mutants of ${relative(root, target)}: ${killed} killed, ${survivors.length} survived (listed above: index, line, the value the operand was given, the operand)\n`)
  } finally {
    for (const copy of copies) rmSync(copy, {recursive: true, force: true})
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) await main()
