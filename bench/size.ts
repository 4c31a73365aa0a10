/**
 * The bundle rows of `npm run bench` alone, in seconds: the minified and
 * gzipped size of each built entry in `dist/bundle/`, and whether the
 * browser entry is within issue 6's budget (exit code 1 when not), for a
 * curator checking a lexicon change (lexicon/CURATING.md, "Size").
 * `npm run build && node --import tsx bench/size.ts`
 */
import {resolve} from 'node:path'
import {bundleSize, ENTRIES} from './bundle.js'

const root = resolve(import.meta.dirname, '..')
let over = false
for (const [name, file, budget] of ENTRIES) {
  const size = await bundleSize(resolve(root, file))
  if (!size) {
    process.stdout.write(`- ${name}: ${file} does not exist yet (npm run build)\n`)
    continue
  }
  const left = budget === undefined ? '' : `; budget ${budget.toLocaleString('en-US')}: ${size.gzipped <= budget ? `${(budget - size.gzipped).toLocaleString('en-US')} bytes to spare` : `${(size.gzipped - budget).toLocaleString('en-US')} bytes over`}`
  if (budget !== undefined && size.gzipped > budget) over = true
  process.stdout.write(`- ${name}: ${size.minified.toLocaleString('en-US')} bytes minified, ${size.gzipped.toLocaleString('en-US')} gzipped${left}\n`)
}
if (over) process.exitCode = 1
