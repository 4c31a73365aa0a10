/**
 * Bundle sizes: each entry bundled for the browser with esbuild (ESM,
 * minified, all dependencies and the default lexicon included), then
 * gzipped at the default level. Entries are the built files in dist/bundle/
 * (what the package ships: the default lexicon there comes packed, see
 * scripts/build.ts), bundled as an application's bundler would.
 */
import {existsSync} from 'node:fs'
import {gzipSync} from 'node:zlib'
import {build, type BuildOptions} from 'esbuild'

/** Minified and gzipped size of one bundled entry, in bytes. */
export interface BundleSize {
  minified: number
  gzipped: number
}

/** Bundle `entry` for the browser; `undefined` when the file does not exist. */
export async function bundleSize(entry: string): Promise<BundleSize | undefined> {
  if (!existsSync(entry)) return undefined
  return bundle({entryPoints: [entry]})
}

/** Bundle a module given as source text (imports resolve from the working directory). */
export async function bundleSource(contents: string): Promise<BundleSize> {
  return bundle({stdin: {contents, resolveDir: process.cwd(), loader: 'js'}})
}

async function bundle(input: Pick<BuildOptions, 'entryPoints' | 'stdin'>): Promise<BundleSize> {
  const result = await build({
    ...input,
    bundle: true,
    minify: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    write: false,
    logLevel: 'silent'
  })
  const code = result.outputFiles[0]?.contents ?? new Uint8Array()
  return {minified: code.byteLength, gzipped: gzipSync(code).byteLength}
}

/** The entries the benchmark measures: name, built file, and issue 6's gzipped budget in bytes where there is one. */
export const ENTRIES: readonly (readonly [name: string, file: string, budget: number | undefined])[] = [
  ["browser entry 'bme-explain/core' (default lexicon included)", 'dist/bundle/core.js', 50_000],
  ["markdown entry 'bme-explain' (with micromark)", 'dist/bundle/index.js', undefined],
  ["HTML entry 'bme-explain/html'", 'dist/bundle/html.js', undefined]
]
