/**
 * Build the example page (`example/`) into a folder: `index.html`,
 * `main.js` (example/main.ts bundled by esbuild for the browser: the
 * package's browser entry src/core.ts and the HTML renderer src/html.ts) and
 * `style.css` (the page's own rules plus the renderer's `stylesheet()`).
 *
 * The build fails if the bundle would pull in zod (it generates code at run
 * time, which a strict Content-Security-Policy forbids) or any Node built-in.
 *
 *   npx tsx scripts/build-example.ts [outdir]   (default example/dist)
 */
import {copyFileSync, mkdirSync, readFileSync, writeFileSync} from 'node:fs'
import {fileURLToPath} from 'node:url'
import {build} from 'esbuild'
import {stylesheet} from '../src/html.js'

const root = new URL('../', import.meta.url)

/** What was built, for tests and the command line. */
export interface ExampleBuild {
  /** Absolute path of the output folder. */
  outdir: string
  /** Size of `main.js` in bytes. */
  bytes: number
  /** Every source file in the bundle, relative to the repository. */
  inputs: string[]
}

/** Packages and modules the browser bundle must never contain. */
const FORBIDDEN = [/(^|\/)node_modules\/zod\//, /^node:/, /(^|\/)node_modules\/compromise\//]

/** Build the example page into `outdir`; throws if the bundle breaks a rule above. */
export async function buildExample(outdir = fileURLToPath(new URL('example/dist/', root))): Promise<ExampleBuild> {
  mkdirSync(outdir, {recursive: true})
  const bundle = await build({
    entryPoints: [fileURLToPath(new URL('example/main.ts', root))],
    outfile: `${outdir}/main.js`,
    absWorkingDir: fileURLToPath(root),
    bundle: true,
    format: 'iife',
    platform: 'browser',
    target: 'es2020',
    minify: true,
    legalComments: 'none',
    metafile: true,
    logLevel: 'silent'
  })
  const inputs = Object.keys(bundle.metafile.inputs).sort()
  const bad = inputs.filter((input) => FORBIDDEN.some((pattern) => pattern.test(input)))
  if (bad.length > 0) throw new Error(`example bundle must not contain: ${bad.join(', ')}`)
  copyFileSync(new URL('example/index.html', root), `${outdir}/index.html`)
  const css = readFileSync(new URL('example/style.css', root), 'utf8')
  writeFileSync(`${outdir}/style.css`, `${css}\n/* bme-explain/html stylesheet() */\n${stylesheet()}\n`)
  const output = bundle.metafile.outputs[Object.keys(bundle.metafile.outputs).find((name) => name.endsWith('main.js')) ?? '']
  return {outdir, bytes: output?.bytes ?? 0, inputs}
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const built = await buildExample(process.argv[2])
  process.stdout.write(`example built in ${built.outdir}: main.js ${(built.bytes / 1024).toFixed(1)} KiB from ${built.inputs.length} files\n`)
}
