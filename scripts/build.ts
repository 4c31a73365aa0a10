/**
 * The bundles in dist/bundle/ (`npm run build` runs this after tsc): every
 * entry bundled by esbuild as ESM, with code shared between entries split
 * into chunks and dependencies left as imports. Each chunk is one more file
 * for Node to resolve, read and compile on import, so the few that can
 * stand alone do.
 *
 * The default lexicon's module (src/lexicon/default.ts) is replaced in the
 * bundles by one with the same data and the lexicon compiled and packed
 * (`packLexicon`), so the first `explain()` unpacks it instead of compiling
 * it (see `PackedLexicon`). `npm test` checks that unpacking gives exactly
 * what compiling gives (tests/compile.test.ts). The data is written as an
 * object literal: a JSON string for `JSON.parse` imports about 1.3 ms
 * faster but costs 0.3 KB more gzipped, nearly half of the 0.7 KB the
 * browser entry has left under its 50 KB budget (issue 6). The curators' data
 * (`comment`, the concepts' `examples` and `nearMisses`, the sources' `file`
 * and `trust`: optional in the schema, read by nothing that explains) is
 * left out of the bundled copy: about 6.5 KB gzipped. lexicon/*.json, shipped
 * with the package, keeps it, and the tests check it there.
 */
import {build, type BuildOptions, type Plugin} from 'esbuild'
import {dirname} from 'node:path'
import {compileLexicon, packLexicon} from '../src/lexicon/compile.js'
import {defaultLexicon} from '../src/lexicon/default.js'
import {conceptRows, joinLists} from '../src/lexicon/rows.js'
import type {LexiconData} from '../src/lexicon/schema.js'

const packed = packLexicon(compileLexicon(defaultLexicon))

/** Fields of the lexicon data for curators only (see above). */
const CURATION = new Set(['comment', 'examples', 'nearMisses', 'file', 'trust'])

/** A `JSON.stringify` replacer that leaves out the curators' fields. */
function withoutCuration(key: string, value: unknown): unknown {
  return CURATION.has(key) ? undefined : value
}

/**
 * The bundled default lexicon as source text: the data without the
 * curators' fields, its concepts written as rows and the cues' phrases and
 * sections' headings as one string each (src/lexicon/rows.ts), the rest as
 * JSON, keys in their order.
 */
function lexiconSource(): string {
  const data = JSON.parse(JSON.stringify(defaultLexicon, withoutCuration)) as LexiconData
  const fields = Object.entries(data).map(([key, value]) =>
    key === 'concepts'
      ? `${JSON.stringify(key)}: conceptsFromRows(${JSON.stringify(conceptRows(data.concepts))})`
      : key === 'cues'
        ? `${JSON.stringify(key)}: splitLists(${JSON.stringify(joinLists(data.cues, 'phrases'))}, 'phrases')`
        : key === 'sections'
          ? `${JSON.stringify(key)}: splitLists(${JSON.stringify(joinLists(data.sections, 'headings'))}, 'headings')`
          : `${JSON.stringify(key)}: ${JSON.stringify(value)}`
  )
  return `{${fields.join(', ')}}`
}

/** src/lexicon/default.ts with the packed lexicon filled in. */
const packedLexicon: Plugin = {
  name: 'packed-default-lexicon',
  setup(context) {
    context.onLoad({filter: /[\\/]src[\\/]lexicon[\\/]default\.ts$/}, (args) => ({
      loader: 'ts',
      resolveDir: dirname(args.path),
      contents: [
        '// The default lexicon (lexicon/*.json, assembled as in src/lexicon/default.ts) and its packed compiled form, written by scripts/build.ts.',
        "import {conceptsFromRows, splitLists} from './rows.js'",
        `export const defaultLexicon = ${lexiconSource()}`,
        `export const packedDefault = ${JSON.stringify(packed)}`,
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
  plugins: [packedLexicon]
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
