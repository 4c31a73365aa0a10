/**
 * The property tests with many more cases than CI runs (default 50,000 per
 * property instead of 1,000), for a nightly job or before a release.
 *
 *   npx tsx scripts/property-nightly.ts [runs] [seed]
 *
 * Exits with vitest's status; a failure prints the seed and the shrunk
 * counter-example (replay it with the same seed).
 */
import {spawnSync} from 'node:child_process'
import {fileURLToPath} from 'node:url'

const runs = process.argv[2] ?? '50000'
if (!/^\d+$/.test(runs)) throw new TypeError('property-nightly: runs must be a whole number')
const seed = process.argv[3] ?? String(Date.now() % 2 ** 31)
if (!/^-?\d+$/.test(seed)) throw new TypeError('property-nightly: seed must be a whole number')

process.stdout.write(`property tests: ${runs} runs per property, seed ${seed}\n`)
const result = spawnSync('npx', ['vitest', 'run', 'tests/property.test.ts', '--testTimeout', '0'], {
  cwd: fileURLToPath(new URL('../', import.meta.url)),
  env: {...process.env, BME_PROPERTY_RUNS: runs, BME_PROPERTY_SEED: seed},
  stdio: 'inherit'
})
process.exitCode = result.status ?? 1
