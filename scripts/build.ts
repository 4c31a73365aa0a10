/**
 * The bundles in dist/bundle/ (`npm run build` runs this after tsc): every
 * entry bundled by esbuild as ESM, with code shared between entries split
 * into chunks and dependencies left as imports.
 *
 * The default lexicon's module (src/lexicon/default.ts) is replaced in the
 * bundles by one with the same data and the lexicon compiled and packed
 * (`packLexicon`), so the first `explain()` unpacks it instead of compiling
 * it (see `PackedLexicon`). `npm test` checks that unpacking gives exactly
 * what compiling gives (tests/compile.test.ts).
 */
import {build, type Plugin} from 'esbuild'
import {compileLexicon, packLexicon} from '../src/lexicon/compile.js'
import {defaultLexicon} from '../src/lexicon/default.js'

const packed = packLexicon(compileLexicon(defaultLexicon))

/** src/lexicon/default.ts with the packed lexicon filled in. */
const packedLexicon: Plugin = {
  name: 'packed-default-lexicon',
  setup(context) {
    context.onLoad({filter: /[\\/]src[\\/]lexicon[\\/]default\.ts$/}, () => ({
      loader: 'js',
      contents: [
        '// The default lexicon (lexicon/*.json, assembled as in src/lexicon/default.ts) and its packed compiled form, written by scripts/build.ts.',
        `export const defaultLexicon = ${JSON.stringify(defaultLexicon)}`,
        `export const packedDefault = ${JSON.stringify(packed)}`,
        ''
      ].join('\n')
    }))
  }
}

await build({
  entryPoints: ['src/index.ts', 'src/core.ts', 'src/html.ts', 'src/remark.ts', 'src/schema.ts', 'src/lexicon/index.ts'],
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'neutral',
  target: 'es2022',
  mainFields: ['module', 'main'],
  packages: 'external',
  outbase: 'src',
  outdir: 'dist/bundle',
  chunkNames: 'chunks/[name]-[hash]',
  logLevel: 'warning',
  plugins: [packedLexicon]
})
