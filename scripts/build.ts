/**
 * The bundles in dist/bundle/ (`npm run build` runs this after tsc): every
 * entry bundled by esbuild as ESM, with code shared between entries split
 * into chunks and dependencies left as imports. Each chunk is one more file
 * for Node to resolve, read and compile on import, so the few that can
 * stand alone do.
 *
 * The default lexicon's module (src/lexicon/default.ts) is replaced in the
 * bundles by one with the same data, smaller: the concepts as rows and
 * lists of phrases as one string each (src/lexicon/rows.ts), the data as an
 * object literal (a JSON string for `JSON.parse` imported no faster and cost
 * 0.07 KB more gzipped, measured 2026-11-22). The curators' data
 * (`comment`, the concepts' `examples` and `nearMisses`, the sources' `file`
 * and `trust`: optional in the schema, read by nothing that explains) is
 * left out of the bundled copy: about 6.5 KB gzipped. lexicon/*.json, shipped
 * with the package, keeps it, and the tests check it there.
 */
import {build, type BuildOptions, type Plugin} from 'esbuild'
import {dirname} from 'node:path'
import {defaultLexicon} from '../src/lexicon/default.js'
import {conceptRows, cueColumns, joinLists} from '../src/lexicon/rows.js'
import type {LexiconData} from '../src/lexicon/schema.js'

/** Fields of the lexicon data for curators only (see above). */
const CURATION = new Set(['comment', 'examples', 'nearMisses', 'file', 'trust'])

/** A `JSON.stringify` replacer that leaves out the curators' fields. */
function withoutCuration(key: string, value: unknown): unknown {
  return CURATION.has(key) ? undefined : value
}

/**
 * The bundled default lexicon as source text: the data without the
 * curators' fields, its concepts written as rows and its cue groups as
 * columns, the cues' phrases and sections' headings as one string each
 * (src/lexicon/rows.ts), the rest as JSON, keys in their order.
 */
function lexiconSource(): string {
  const data = JSON.parse(JSON.stringify(defaultLexicon, withoutCuration)) as LexiconData
  const fields = Object.entries(data).map(([key, value]) =>
    key === 'concepts'
      ? `${JSON.stringify(key)}: conceptsFromRows(${JSON.stringify(conceptRows(data.concepts))})`
      : key === 'cues'
        ? `${JSON.stringify(key)}: cuesFromColumns(${JSON.stringify(cueColumns(data.cues))})`
        : key === 'sections'
          ? `${JSON.stringify(key)}: splitLists(${JSON.stringify(joinLists(data.sections, 'headings'))}, 'headings')`
          : `${JSON.stringify(key)}: ${JSON.stringify(value)}`
  )
  return `{${fields.join(', ')}}`
}

/** src/lexicon/default.ts with the data written as `lexiconSource` writes it. */
const bundledLexicon: Plugin = {
  name: 'bundled-default-lexicon',
  setup(context) {
    context.onLoad({filter: /[\\/]src[\\/]lexicon[\\/]default\.ts$/}, (args) => ({
      loader: 'ts',
      resolveDir: dirname(args.path),
      contents: [
        '// The default lexicon (lexicon/*.json, assembled as in src/lexicon/default.ts), written by scripts/build.ts.',
        "import {conceptsFromRows, cuesFromColumns, splitLists} from './rows.js'",
        `export const defaultLexicon = ${lexiconSource()}`,
        ''
      ].join('\n')
    }))
  }
}

const options = {
  bundle: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  mainFields: ['module', 'main'],
  packages: 'external',
  outbase: 'src',
  outdir: 'dist/bundle',
  logLevel: 'warning',
  plugins: [bundledLexicon]
} satisfies BuildOptions

await build({
  ...options,
  entryPoints: ['src/index.ts', 'src/core.ts', 'src/html.ts', 'src/remark.ts', 'src/lexicon/index.ts'],
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]'
})
// The schema entry on its own: sharing its one constant (SCHEMA_VERSION)
// made a chunk of its own, one more file for every entry to load.
await build({...options, entryPoints: ['src/schema.ts']})
