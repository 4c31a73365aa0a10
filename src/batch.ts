/**
 * Batch explaining: `explainMany` over an iterable or async iterable of
 * reports, yielding one record per report, in input order, lazily (one
 * report in memory at a time, so a stream of millions works). A bad report
 * gives an error record and the batch goes on.
 */
import {explainWith, type ExplainOptions} from './explain.js'
import {markdownView} from './markdown.js'
import type {ExplainResult} from './result-schema.js'

/** A report: its text, or an object with the text and an id of your own. */
export type BatchItem = string | {id?: string | number | null | undefined; text: string}

/** The id of a batch record: the item's own id, else `null`. */
export type BatchId = string | number | null

/** One record per input item, in input order. */
export type BatchRecord =
  | {index: number; id: BatchId; result: ExplainResult}
  | {index: number; id: BatchId; error: {name: string; message: string}}

/** Options of `explainMany`: those of `explain()`, applied to every item. */
export type BatchOptions = ExplainOptions

/** Explain one batch item; never throws for a bad item. */
export function explainItem(item: unknown, index: number, options: BatchOptions | undefined): BatchRecord {
  let id: BatchId = null
  try {
    let text: unknown = item
    if (typeof item === 'object' && item !== null) {
      const record = item as {id?: unknown; text?: unknown}
      if (record.id !== undefined && record.id !== null) {
        if (typeof record.id !== 'string' && !(typeof record.id === 'number' && Number.isFinite(record.id))) {
          throw new TypeError('bme-explain: an item `id` must be a string or a finite number')
        }
        id = record.id
      }
      if (!('text' in record)) throw new TypeError('bme-explain: an item must be a string or an object with `text`')
      text = record.text
    }
    return {index, id, result: explainWith(text, options, {markdown: markdownView})}
  } catch (error) {
    return {index, id, error: errorInfo(error)}
  }
}

/** Name and message of an error, keeping only bme-explain's own messages (which never hold report text). */
export function errorInfo(error: unknown): {name: string; message: string} {
  const name = error instanceof RangeError ? 'RangeError' : error instanceof TypeError ? 'TypeError' : 'Error'
  const message = error instanceof Error && error.message.startsWith('bme-explain: ') ? error.message : 'bme-explain: cannot explain this item'
  return {name, message}
}

function isIterable(value: unknown): value is Iterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as Iterable<unknown>)[Symbol.iterator] === 'function'
}

function isAsyncIterable(value: unknown): value is AsyncIterable<unknown> {
  return typeof value === 'object' && value !== null && typeof (value as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function'
}

/**
 * Explain many reports. Given an iterable (an array, a generator), returns
 * a generator; given an async iterable (a stream, an async generator),
 * returns an async generator. Each record has the item's `index`, its `id`
 * (or `null`) and either `result` or `error` (`{name, message}`; the message
 * never holds report text). Options are checked once, up front: a bad option
 * throws `TypeError` before anything is read. A string is not accepted as
 * the batch (it would be read one character at a time).
 *
 * @example
 *   for (const record of explainMany([{id: 'a1', text: report}])) {
 *     if ('result' in record) console.log(record.id, record.result.annotations.length)
 *   }
 */
export function explainMany(items: Iterable<BatchItem>, options?: BatchOptions): Generator<BatchRecord, void, undefined>
export function explainMany(items: AsyncIterable<BatchItem>, options?: BatchOptions): AsyncGenerator<BatchRecord, void, undefined>
export function explainMany(
  items: Iterable<BatchItem> | AsyncIterable<BatchItem>,
  options?: BatchOptions
): Generator<BatchRecord, void, undefined> | AsyncGenerator<BatchRecord, void, undefined> {
  // Check the options once, on an empty text, so a bad option fails fast.
  explainWith('', options, {markdown: markdownView})
  if (isAsyncIterable(items)) return explainAsync(items, options)
  if (isIterable(items) && typeof items !== 'string') return explainSync(items, options)
  throw new TypeError('bme-explain: `items` must be an iterable or async iterable of reports')
}

function* explainSync(items: Iterable<unknown>, options: BatchOptions | undefined): Generator<BatchRecord, void, undefined> {
  let index = 0
  for (const item of items) yield explainItem(item, index++, options)
}

async function* explainAsync(items: AsyncIterable<unknown>, options: BatchOptions | undefined): AsyncGenerator<BatchRecord, void, undefined> {
  let index = 0
  for await (const item of items) yield explainItem(item, index++, options)
}
