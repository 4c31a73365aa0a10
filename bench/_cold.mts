import {readFileSync} from 'node:fs'
import {coldStarts} from './children.js'
const report = readFileSync('fixtures/reports/knee-bone-bruise.txt', 'utf8')
const [runs] = coldStarts([process.argv[2] ?? 'dist/bundle/core.js'].map((p) => (p.startsWith('/') ? p : new URL('../' + p, import.meta.url).pathname)), report, 15)
const ms = runs!.map((r) => r.ms).sort((a, b) => a - b), imp = runs!.map((r) => r.importMs).sort((a, b) => a - b)
console.log('median', ms[7]!.toFixed(1), 'min', ms[0]!.toFixed(1), 'max', ms[14]!.toFixed(1), 'import median', imp[7]!.toFixed(1))
