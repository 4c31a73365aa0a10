/**
 * Write `schema.json`, the JSON Schema of the result of `explain()`,
 * generated from the zod schema with `z.toJSONSchema` (see
 * `resultJsonSchema` in src/schema.ts). tests/schema.test.ts fails when the
 * file is out of date. Run: `npx tsx scripts/build-schema.ts`.
 */
import {writeFileSync} from 'node:fs'
import {resultJsonSchema} from '../src/schema.js'

writeFileSync(new URL('../schema.json', import.meta.url), JSON.stringify(resultJsonSchema(), null, 2) + '\n')
