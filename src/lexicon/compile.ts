/**
 * Compile lexicon data into the structures the pipeline matches with: one
 * vocabulary of every word the lexicon uses (a hash table over the hashes
 * `tokenize` records, so a text token is looked up without making a string),
 * word tries keyed by vocabulary ids for concept forms, cues and headings,
 * and lookup tables. Done once per lexicon object (memoised), so `explain()`
 * never re-reads the data. The default lexicon is compiled when the package
 * is built and packed into it (`PackedLexicon`); a lexicon of your own is
 * compiled on first use.
 */
import {firstSlot, isAbbreviation, isAbbreviationAt, packedParts, partsHash, tokenize, tokenText, vocabularyEntry, wordLower, WORD, type Tokens} from '../tokens.js'
import {defaultLexicon, packedDefault} from './default.js'
import type {Concept, Cue, LexiconData, Section, Source} from './schema.js'

/** A trie node keyed by vocabulary id (see `Vocabulary`). */
export interface TrieNode {
  /** Children by vocabulary id (`undefined` on a trie unpacked from its flat form, see `unpackLexicon`). */
  next: Map<number, TrieNode> | undefined
  /** Payload indexes of phrases that end here. */
  ends: number[] | undefined
  /** On a root: the vocabulary its keys come from. */
  vocabulary?: Vocabulary | undefined
  /** On a root: the same trie in flat arrays, as the matcher walks it (built on first use by `flatTrie`). */
  flat?: FlatTrie | undefined
}

/**
 * A trie in flat arrays, nodes numbered breadth-first from the root (0).
 * The root's children are indexed directly by vocabulary id; any other
 * node's children are a short run of `childWord`/`childNode`.
 */
export interface FlatTrie {
  /** Per vocabulary id: the root's child for it, or -1. */
  root: Int32Array
  /** Per node: first index of its children in `childWord`/`childNode` (one extra entry at the end). */
  childStart: Int32Array
  childWord: Int32Array
  childNode: Int32Array
  /** Per node: first index of its payloads in `endPayload` (one extra entry at the end). */
  endStart: Int32Array
  endPayload: Int32Array
}

/**
 * Every distinct match key of a lexicon, with an id. A word is keyed by its
 * lower-case form, except an abbreviation ("BME"), which must match in
 * capitals and is keyed by its exact spelling (see `wordKey`); a punctuation
 * token is keyed as written. Keys are found by `wordHash` in an
 * open-addressing table.
 */
export interface Vocabulary {
  /**
   * The hash table, four numbers a slot: its entry number + 1 (0 for an
   * empty slot; at most one slot in eight is used), the entry's id (as in
   * `ids`), head and tail (see `heads`). Side by side, so a probe and its
   * hit read one cache line.
   */
  slots: Int32Array
  /** Number of slots − 1 (the number is a power of two). */
  mask: number
  /** Per entry: the `wordHash` of its key. */
  hashes: number[]
  /** Per entry: the key (a word's lower-case form, a punctuation token as written). */
  lowers: string[]
  /** Per entry: id of the key for any-case matching, or -1. */
  ids: number[]
  /**
   * Per entry, for a key of at most eight ASCII characters: its last four
   * characters packed (`tails`) and those before them (`heads`, 0 for a key
   * of up to four), as `packedParts` gives them, so such a token is checked
   * by two numbers, not a string; -1 for any other key.
   */
  heads: number[]
  tails: number[]
  /** Per entry: abbreviation spellings with this lower-case form, and their ids. */
  exact: ({spelling: string; id: number}[] | undefined)[]
  /** Number of ids handed out. */
  size: number
  /** Key → entry, for compiling (a native map lookup costs less than probing `table` before the code is optimised). */
  byKey: Map<string, number>
}

export interface CompiledTiedForm {
  concept: number
  near: Set<string>
  window: number
}

export interface CompiledLexicon {
  data: LexiconData
  concepts: readonly Concept[]
  conceptIndex: ReadonlyMap<string, number>
  sources: ReadonlyMap<string, Source>
  /** The words of every phrase below. */
  vocabulary: Vocabulary
  /** Concept forms, payload = concept index; and the concepts' other senses, payload = `NO_CONCEPT`. */
  conceptTrie: TrieNode
  /** Tied forms (see the schema); payload = index into `tied`. */
  tiedTrie: TrieNode
  tied: readonly CompiledTiedForm[]
  /** Qualifier words ("left", "medial") and the concepts that take them (see `qualifiers` in the schema). */
  qualifierWords: ReadonlySet<string>
  takesQualifiers: Uint8Array
  maxQualifiers: number
  /** Phrases that block a tied form when they end right before it; payload unused. */
  blockTrie: TrieNode
  /** Cue phrases; payload = index into `cues`. */
  cueTrie: TrieNode
  cues: readonly Cue[]
  /** Section headings as lists of words, longest first. */
  sections: readonly Section[]
  headingTrie: TrieNode
  /** For the heading trie: payload = index into `headingSection`. */
  headingSection: readonly {section: number; needsColon: boolean}[]
}

/**
 * The concept trie's payload for a concept's other sense ("patellar
 * tendon", see `otherSenses` in the schema): a match that names no concept.
 * It takes part in the longest-match choice like a form, and is then left
 * out of the mentions (src/mentions.ts).
 */
export const NO_CONCEPT = -1

/**
 * The key a word is stored and looked up under. An abbreviation ("BME")
 * must match in capitals, so it is keyed by its exact spelling; any other word
 * by its lower-case form.
 */
export function wordKey(raw: string, lower: string): string {
  return isAbbreviation(raw) ? '=' + raw : lower
}

/** An empty vocabulary (grown by `addPhrase`). */
export function createVocabulary(): Vocabulary {
  return {slots: new Int32Array(4096 * 4), mask: 4095, hashes: [], lowers: [], ids: [], heads: [], tails: [], exact: [], size: 0, byKey: new Map()}
}

/** Put `entry` in its slot of the hash table (the one it has, if it has one). */
function insertSlot(vocabulary: Vocabulary, entry: number): void {
  const {slots, mask, hashes, heads, tails} = vocabulary
  let slot = firstSlot(hashes[entry] ?? 0, mask)
  while (slots[slot * 4] !== 0 && slots[slot * 4] !== entry + 1) slot = (slot + 1) & mask
  const at = slot * 4
  slots[at] = entry + 1
  slots[at + 1] = vocabulary.ids[entry] ?? -1
  slots[at + 2] = heads[entry] ?? -1
  slots[at + 3] = tails[entry] ?? -1
}

/** An empty hash table of `size` slots for `vocabulary`, then its entries put in. */
function rehash(vocabulary: Vocabulary, size: number): void {
  vocabulary.slots = new Int32Array(size * 4)
  vocabulary.mask = size - 1
  for (let entry = 0; entry < vocabulary.lowers.length; entry++) insertSlot(vocabulary, entry)
}

/** Add `key` (a word's lower-case form, or punctuation as written) with its `wordHash` (worked out if not given); returns its entry number. */
function addEntry(vocabulary: Vocabulary, key: string, hash?: number): number {
  // (Read once for the hash and the table: unpacking adds every word of
  // the lexicon here, before the engine has optimised it.)
  const [head, tail] = packedParts(key)
  hash ??= partsHash(key, head, tail)
  const entry = vocabulary.lowers.length
  vocabulary.byKey.set(key, entry)
  vocabulary.lowers.push(key)
  vocabulary.exact.push(undefined)
  vocabulary.hashes.push(hash)
  // (-1 until `entryId` hands one out, unless `unpackLexicon` set it.)
  vocabulary.ids[entry] ??= -1
  vocabulary.heads.push(head)
  vocabulary.tails.push(tail)
  if ((entry + 1) * 8 > vocabulary.mask + 1) {
    rehash(vocabulary, (vocabulary.mask + 1) * 2)
  } else {
    insertSlot(vocabulary, entry)
  }
  return entry
}

/** Make room in the hash table for `count` entries in all, as `addEntry` would on the way (the same table results). */
function reserve(vocabulary: Vocabulary, count: number): void {
  let size = vocabulary.mask + 1
  while (count * 8 > size) size *= 2
  if (size !== vocabulary.mask + 1) rehash(vocabulary, size)
}

/**
 * The id of an entry: for an abbreviation (`spelling` given, "BME") one id
 * per exact spelling, else one id for any case. Handed out on first use.
 */
function entryId(vocabulary: Vocabulary, entry: number, spelling: string | undefined): number {
  if (spelling !== undefined) {
    const spellings = (vocabulary.exact[entry] ??= [])
    const known = spellings.find((item) => item.spelling === spelling)
    if (known) return known.id
    const id = vocabulary.size++
    spellings.push({spelling, id})
    return id
  }
  const known = vocabulary.ids[entry] ?? -1
  if (known >= 0) return known
  const id = vocabulary.size++
  vocabulary.ids[entry] = id
  // (Its slot keeps the id too.)
  insertSlot(vocabulary, entry)
  return id
}

/** The id of token `index` of `tokens` as a key (see `wordKey`), added to the vocabulary if new. */
function keyId(vocabulary: Vocabulary, tokens: Tokens, index: number): number {
  const {text} = tokens
  const from = tokens.start[index] ?? 0
  const to = tokens.end[index] ?? 0
  const flags = tokens.flags[index] ?? 0
  const word = tokens.kind[index] === WORD
  const hash = tokens.hash[index] ?? 0
  // Found without making a string, as the tokenizer finds text words.
  let entry = vocabularyEntry(vocabulary, text, from, to, hash, flags, word)
  if (entry < 0) {
    const raw = text.slice(from, to)
    entry = addEntry(vocabulary, word ? wordLower(raw) : raw, hash)
  }
  return entryId(vocabulary, entry, word && isAbbreviationAt(tokens, index) ? text.slice(from, to) : undefined)
}

/** The id of a plain ASCII word (letters and digits only) as a key, added if new: what `keyId` gives its token, found with a map. */
function wordId(vocabulary: Vocabulary, raw: string): number {
  const lower = raw.toLowerCase()
  const entry = vocabulary.byKey.get(lower) ?? addEntry(vocabulary, lower)
  // An abbreviation ("BME") is keyed by its spelling (see `wordKey`).
  return entryId(vocabulary, entry, raw !== lower && raw.length >= 2 && raw === raw.toUpperCase() ? raw : undefined)
}

/** A phrase of ASCII letters and digits separated by spaces and hyphens: its words are tokens as they stand. */
const PLAIN_PHRASE = /^[A-Za-z0-9]+(?:[ -]+[A-Za-z0-9]+)*$/
const PLAIN_GAPS = /[ -]+/

/** An empty trie whose keys come from `vocabulary`. */
export function createTrie(vocabulary: Vocabulary): TrieNode {
  return {next: undefined, ends: undefined, vocabulary}
}

function node(): TrieNode {
  return {next: undefined, ends: undefined}
}

/** Add `phrase` to `trie` (a root made by `createTrie`) with `payload`; returns false if it has no words. */
export function addPhrase(trie: TrieNode, phrase: string, payload: number): boolean {
  return addPhrases(trie, [phrase], [payload])[0] === true
}

/**
 * Add many phrases at once (`payloads[i]` goes with `phrases[i]`); returns,
 * per phrase, whether it had words. The phrases are tokenized in one pass,
 * joined by line breaks (which tokenization never crosses), so compiling
 * the lexicon allocates one token list rather than one per phrase.
 */
export function addPhrases(trie: TrieNode, phrases: readonly string[], payloads: readonly number[]): boolean[] {
  const vocabulary = trie.vocabulary
  if (!vocabulary) throw new Error('bme-explain: addPhrase needs a trie root made by createTrie')
  // Plain phrases (nearly all) are split with a regular expression; the
  // rest are tokenized together in one pass, joined by line breaks (which
  // tokenization never crosses). Both give the words, in order, that
  // `tokenize` finds in a text, and the same ids (see `keyId`).
  const plain = phrases.map((phrase) => PLAIN_PHRASE.test(phrase))
  const other: string[] = []
  phrases.forEach((phrase, index) => {
    if (!plain[index]) other.push(phrase)
  })
  const tokens = other.length > 0 ? tokenize(other.join('\n')) : undefined
  const added: boolean[] = []
  let token = 0
  let offset = 0
  phrases.forEach((phrase, index) => {
    const ids: number[] = []
    if (plain[index]) {
      for (const word of phrase.split(PLAIN_GAPS)) ids.push(wordId(vocabulary, word))
    } else if (tokens) {
      const end = offset + phrase.length
      for (; token < tokens.length && (tokens.start[token] ?? 0) < end; token++) ids.push(keyId(vocabulary, tokens, token))
      offset = end + 1
    }
    added.push(ids.length > 0)
    if (ids.length === 0) return
    let current = trie
    for (const key of ids) {
      current.next ??= new Map()
      let child = current.next.get(key)
      if (!child) {
        child = node()
        current.next.set(key, child)
      }
      current = child
    }
    const payload = payloads[index] ?? 0
    current.ends ??= []
    if (!current.ends.includes(payload)) current.ends.push(payload)
  })
  trie.flat = undefined
  return added
}

/** Phrases and their payloads, collected for `addPhrases`. */
class PhraseList {
  readonly phrases: string[] = []
  readonly payloads: number[] = []
  add(phrases: readonly string[], payload: number): void {
    for (const phrase of phrases) {
      this.phrases.push(phrase)
      this.payloads.push(payload)
    }
  }
}

/** The flat form of a trie root (built once, rebuilt after `addPhrase`). */
export function flatTrie(trie: TrieNode): FlatTrie {
  if (trie.flat) return trie.flat
  // Breadth-first, children in id order: a child's number is its place in `nodes`.
  const nodes: TrieNode[] = [trie]
  const childStart: number[] = []
  const endStart: number[] = []
  const childWord: number[] = []
  const childNode: number[] = []
  const endPayload: number[] = []
  for (let index = 0; index < nodes.length; index++) {
    const node = nodes[index] as TrieNode
    childStart.push(childWord.length)
    endStart.push(endPayload.length)
    if (node.next) {
      for (const word of [...node.next.keys()].sort((a, b) => a - b)) {
        childWord.push(word)
        childNode.push(nodes.length)
        nodes.push(node.next.get(word) as TrieNode)
      }
    }
    if (node.ends) for (const payload of node.ends) endPayload.push(payload)
  }
  childStart.push(childWord.length)
  endStart.push(endPayload.length)
  const root = new Int32Array(trie.vocabulary?.size ?? 0).fill(-1)
  for (let index = 0; index < (childStart[1] ?? 0); index++) {
    const word = childWord[index] as number
    if (word < root.length) root[word] = childNode[index] as number
  }
  trie.flat = {
    root,
    childStart: Int32Array.from(childStart),
    childWord: Int32Array.from(childWord),
    childNode: Int32Array.from(childNode),
    endStart: Int32Array.from(endStart),
    endPayload: Int32Array.from(endPayload)
  }
  return trie.flat
}

/** The tries of a compiled lexicon, in the order they are compiled (the vocabulary's order depends on it). */
const TRIES = ['conceptTrie', 'tiedTrie', 'blockTrie', 'cueTrie', 'headingTrie'] as const
type TrieName = (typeof TRIES)[number]

/** What compiling reads from the data: each trie's phrases (in `TRIES` order) and the tables that go with them. */
function readLexicon(data: LexiconData) {
  const conceptIndex = new Map<string, number>()
  const conceptForms = new PhraseList()
  data.concepts.forEach((concept, index) => {
    conceptIndex.set(concept.id, index)
    conceptForms.add(concept.forms, index)
  })
  // After every form, so a lexicon without other senses compiles as before.
  for (const concept of data.concepts) if (concept.otherSenses) conceptForms.add(concept.otherSenses, NO_CONCEPT)
  const tied: CompiledTiedForm[] = []
  const tiedForms = new PhraseList()
  const blockers = new PhraseList()
  data.concepts.forEach((concept, index) => {
    if (!concept.tied) return
    const payload = tied.length
    tied.push({concept: index, near: new Set(concept.tied.near), window: concept.tied.window})
    tiedForms.add(concept.tied.forms, payload)
    blockers.add(concept.tied.blockedBy, payload)
  })
  const cuePhrases = new PhraseList()
  data.cues.forEach((cue, index) => cuePhrases.add(cue.phrases, index))
  const headingSection: {section: number; needsColon: boolean}[] = []
  const headings = new PhraseList()
  data.sections.forEach((section, index) => {
    const payload = headingSection.length
    headingSection.push({section: index, needsColon: section.needsColon === true})
    headings.add(section.headings, payload)
  })
  return {
    phrases: [conceptForms, tiedForms, blockers, cuePhrases, headings],
    tables: {
      data,
      concepts: data.concepts,
      conceptIndex,
      sources: new Map(data.sources.map((source) => [source.id, source])),
      tied,
      qualifierWords: new Set(data.qualifiers?.words ?? []),
      takesQualifiers: Uint8Array.from(data.concepts, (concept) => (data.qualifiers?.categories.includes(concept.category) ? 1 : 0)),
      maxQualifiers: data.qualifiers?.max ?? 0,
      cues: data.cues,
      sections: data.sections,
      headingSection
    }
  }
}

const cache = new WeakMap<LexiconData, CompiledLexicon>()

/**
 * Compile (once) the given lexicon data. The data is trusted here: validate a
 * lexicon of your own with `validateLexicon` from `bme-explain/lexicon` first.
 * The default lexicon comes compiled with the built package (`packedDefault`)
 * and is only unpacked.
 */
export function compileLexicon(data: LexiconData): CompiledLexicon {
  const cached = cache.get(data)
  if (cached) return cached
  const compiled = (data === defaultLexicon && packedDefault ? unpackLexicon(data, packedDefault) : undefined) ?? compileData(data)
  cache.set(data, compiled)
  return compiled
}

/** Compile lexicon data from its phrases (`compileLexicon` without the cache). */
function compileData(data: LexiconData): CompiledLexicon {
  const {phrases, tables} = readLexicon(data)
  const vocabulary = createVocabulary()
  const tries = {} as Record<TrieName, TrieNode>
  TRIES.forEach((name, index) => {
    const list = phrases[index] as PhraseList
    tries[name] = createTrie(vocabulary)
    addPhrases(tries[name], list.phrases, list.payloads)
  })
  addSpellings(vocabulary, data.spellings)
  return {...tables, vocabulary, ...tries}
}

/**
 * Each other spelling as a key with the id of the word it names (see
 * `spellings` in the schema), after the phrases' words: "oedema" is looked
 * up as "edema" is. A spelling of a word no phrase uses, or one that is a
 * phrase's word itself, is left out.
 */
function addSpellings(vocabulary: Vocabulary, spellings: LexiconData['spellings']): void {
  for (const [spelling, word] of Object.entries(spellings ?? {})) {
    const named = vocabulary.byKey.get(word)
    const id = named === undefined ? -1 : (vocabulary.ids[named] ?? -1)
    if (id < 0 || vocabulary.byKey.has(spelling)) continue
    const entry = addEntry(vocabulary, spelling)
    vocabulary.ids[entry] = id
    insertSlot(vocabulary, entry)
  }
}

/**
 * A compiled lexicon in a compact, JSON-safe form, made at build time for
 * the default lexicon (scripts/build.ts), so that the first `explain()`
 * does not compile it: compiling runs in code the engine has not optimised
 * yet, and takes about twice as long as unpacking (the tries are the part
 * that is cheap to unpack and dear to build). The vocabulary's words and
 * their ids are not in it (they would double the bundle's growth):
 * `unpackLexicon` reads the words again from the phrases, all at once, in
 * the order compiling finds them, and hands out the ids as compiling does
 * (`readWords`).
 */
export interface PackedLexicon {
  /** Phrases per trie (in `TRIES` order), then vocabulary entries: a check that the data is the data that was packed. */
  counts: number[]
  /** Each trie, in `TRIES` order (see `packTrie`). */
  tries: string[]
}

/**
 * The characters of packed numbers: URL-safe base64's, all ASCII (so no
 * bundler writes them as escapes). Numbers are written in base 32, most
 * significant digit first: a digit from the second half of `DIGITS` is
 * followed by more, one from the first half ends the number, so a number
 * below 32 takes one character.
 */
const DIGITS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_'

/** `numbers` (whole, not negative) written with `DIGITS`. */
function writeNumbers(numbers: readonly number[]): string {
  return numbers
    .map((value) => {
      if (!Number.isInteger(value) || value < 0) throw new Error(`bme-explain: cannot pack ${value}`)
      let text = DIGITS[value % 32] as string
      for (let rest = Math.floor(value / 32); rest > 0; rest = Math.floor(rest / 32)) text = (DIGITS[32 + (rest % 32)] as string) + text
      return text
    })
    .join('')
}

/** The numbers `writeNumbers` wrote. */
function readNumbers(text: string): Int32Array {
  const out = new Int32Array(text.length)
  let count = 0
  let value = 0
  for (let index = 0; index < text.length; index++) {
    const digit = DIGIT_VALUES[text.charCodeAt(index)] as number
    if (digit >= 32) {
      value = value * 32 + digit - 32
    } else {
      out[count++] = value * 32 + digit
      value = 0
    }
  }
  return out.subarray(0, count)
}

/** Character code → its place in `DIGITS`. */
const DIGIT_VALUES = new Uint8Array(128)
for (let index = 0; index < DIGITS.length; index++) DIGIT_VALUES[DIGITS.charCodeAt(index)] = index

/**
 * A flat trie as a string of numbers (see `writeNumbers`), small numbers
 * first, for a short string: node, edge and payload counts, then per node
 * (breadth-first, so a child's number is its edge's index plus one) its
 * number of children times 4 plus its number of payloads (or 3 and then the
 * number, from 3 payloads on), its children's word ids (each as the step
 * from the one before, as they ascend) and its payloads (each as the signed
 * step from the payload before, in any node: phrases of one concept end
 * close together).
 */
function packTrie(flat: FlatTrie): string {
  const nodes = flat.childStart.length - 1
  const numbers = [nodes, flat.childWord.length, flat.endPayload.length]
  let payload = 0
  for (let node = 0; node < nodes; node++) {
    const childFrom = flat.childStart[node] as number
    const childTo = flat.childStart[node + 1] as number
    const endFrom = flat.endStart[node] as number
    const endTo = flat.endStart[node + 1] as number
    numbers.push((childTo - childFrom) * 4 + Math.min(endTo - endFrom, 3))
    if (endTo - endFrom >= 3) numbers.push(endTo - endFrom)
    let word = 0
    for (let index = childFrom; index < childTo; index++) {
      if (flat.childNode[index] !== index + 1) throw new Error('bme-explain: packTrie needs a breadth-first trie')
      numbers.push((flat.childWord[index] as number) - word)
      word = flat.childWord[index] as number
    }
    for (let index = endFrom; index < endTo; index++) {
      const step = (flat.endPayload[index] as number) - payload
      numbers.push(step >= 0 ? 2 * step : -2 * step - 1)
      payload = flat.endPayload[index] as number
    }
  }
  return writeNumbers(numbers)
}

/** The flat trie `packTrie` wrote, for a vocabulary of `size` ids. */
function unpackTrie(text: string, size: number): FlatTrie {
  const numbers = readNumbers(text)
  const nodes = numbers[0] as number
  const childStart = new Int32Array(nodes + 1)
  const childWord = new Int32Array(numbers[1] as number)
  const childNode = new Int32Array(childWord.length)
  const endStart = new Int32Array(nodes + 1)
  const endPayload = new Int32Array(numbers[2] as number)
  let at = 3
  let child = 0
  let end = 0
  let payload = 0
  for (let node = 0; node < nodes; node++) {
    childStart[node] = child
    endStart[node] = end
    const header = numbers[at++] as number
    const children = header >> 2
    const ends = (header & 3) === 3 ? (numbers[at++] as number) : header & 3
    let word = 0
    for (let count = 0; count < children; count++, child++) {
      word += numbers[at++] as number
      childWord[child] = word
      childNode[child] = child + 1
    }
    for (let count = 0; count < ends; count++) {
      const step = numbers[at++] as number
      payload += step % 2 === 0 ? step / 2 : -(step + 1) / 2
      endPayload[end++] = payload
    }
  }
  childStart[nodes] = child
  endStart[nodes] = end
  const root = new Int32Array(size).fill(-1)
  for (let index = 0; index < (childStart[1] as number); index++) root[childWord[index] as number] = childNode[index] as number
  return {root, childStart, childWord, childNode, endStart, endPayload}
}

/** The packed form of a compiled lexicon (see `PackedLexicon`). */
export function packLexicon(compiled: CompiledLexicon): PackedLexicon {
  const {vocabulary} = compiled
  const {phrases} = readLexicon(compiled.data)
  const packed: PackedLexicon = {
    counts: [...phrases.map((list) => list.phrases.length), readWords(phrases).keys.length],
    tries: TRIES.map((name) => packTrie(flatTrie(compiled[name])))
  }
  // The words and their ids are read again when unpacking: they must come out the same.
  const read = unpackLexicon(compiled.data, packed)?.vocabulary
  const same = (vocabulary: Vocabulary) => JSON.stringify([vocabulary.lowers, vocabulary.ids, vocabulary.exact, vocabulary.size])
  if (!read || same(read) !== same(vocabulary)) throw new Error('bme-explain: packLexicon: the vocabulary does not read back the same')
  return packed
}

/**
 * The compiled lexicon `packed` was made from, if `data` is the data it was
 * made from (the counts agree), else `undefined`. Its tries have only their
 * flat form: they take no more phrases.
 */
export function unpackLexicon(data: LexiconData, packed: PackedLexicon): CompiledLexicon | undefined {
  const {phrases, tables} = readLexicon(data)
  if (phrases.some((list, index) => list.phrases.length !== packed.counts[index])) return undefined
  const vocabulary = createVocabulary()
  const words = readWords(phrases)
  if (words.keys.length !== packed.counts[phrases.length]) return undefined
  // The ids first, so each entry's slot gets its id as the entry is added (see `addEntry`).
  vocabulary.ids = words.ids
  addKeys(vocabulary, words.keys)
  vocabulary.exact = words.exact
  vocabulary.size = words.size
  addSpellings(vocabulary, data.spellings)
  const tries = {} as Record<TrieName, TrieNode>
  TRIES.forEach((name, index) => {
    tries[name] = {next: undefined, ends: undefined, vocabulary, flat: unpackTrie(packed.tries[index] ?? '', vocabulary.size)}
  })
  return {...tables, vocabulary, ...tries}
}

/**
 * The words of `phrases` in order, as written and as match keys (see
 * `wordKey`, less the abbreviation mark): the words `addPhrases` finds,
 * read all at once. The phrases are joined by spaces (a phrase that is not
 * plain is tokenized first, together with the others, and stands as its
 * tokens joined by spaces), hyphens become spaces, the text is lower-cased
 * for the keys and both are split at spaces: string searches, not a
 * regular expression. Empty strings may come between words.
 */
function phraseWords(phrases: readonly string[]): {written: string[]; keys: string[]} {
  const plain = phrases.map((phrase) => PLAIN_PHRASE.test(phrase))
  const other = phrases.filter((_, index) => !plain[index])
  // Joined by line breaks, which tokenization never crosses.
  const tokens = other.length > 0 ? tokenize(other.join('\n')) : undefined
  let token = 0
  let offset = 0
  const parts = phrases.map((phrase, index) => {
    if (plain[index]) return phrase
    const written: string[] = []
    const end = offset + phrase.length
    for (; tokens && token < tokens.length && (tokens.start[token] ?? 0) < end; token++) written.push(tokenText(tokens, token))
    offset = end + 1
    return written.join(' ')
  })
  const text = parts.join(' ').replaceAll('-', ' ')
  // (Lower-casing leaves punctuation as written, which is its key;
  // `wordLower` also reads a typographic apostrophe as a straight one.)
  return {written: text.split(' '), keys: wordLower(text).split(' ')}
}

/**
 * The vocabulary's words, in the order compiling meets them, with the ids
 * compiling hands out (see `entryId`): one id per word for any case, the
 * first time it is met in lower case, and one per abbreviation spelling
 * ("BME"), the first time that is met.
 */
function readWords(phrases: readonly PhraseList[]): {keys: string[]; ids: number[]; exact: Vocabulary['exact']; size: number} {
  const keys: string[] = []
  const ids: number[] = []
  const exact: Vocabulary['exact'] = []
  const entries = new Map<string, number>()
  const spellings = new Set<string>()
  let size = 0
  for (const list of phrases) {
    const {written, keys: words} = phraseWords(list.phrases)
    for (let index = 0; index < words.length; index++) {
      const key = words[index] as string
      if (key === '') continue
      let entry = entries.get(key)
      if (entry === undefined) {
        entry = keys.length
        entries.set(key, entry)
        keys.push(key)
        ids.push(-1)
        exact.push(undefined)
      }
      const raw = written[index] as string
      if (raw !== key && isAbbreviation(raw)) {
        if (!spellings.has(raw)) {
          spellings.add(raw)
          ;(exact[entry] ??= []).push({spelling: raw, id: size++})
        }
      } else if (ids[entry] === -1) {
        ids[entry] = size++
      }
    }
  }
  return {keys, ids, exact, size}
}

/** Add each of `keys` not in the vocabulary yet, in order of first use (what `addPhrases` does for their phrases, ids aside). */
function addKeys(vocabulary: Vocabulary, keys: readonly string[]): void {
  const unique = new Set(keys)
  unique.delete('')
  for (const key of vocabulary.lowers) unique.delete(key)
  reserve(vocabulary, vocabulary.lowers.length + unique.size)
  // An array, not the set, is walked: cheaper before the engine optimises.
  const fresh = [...unique]
  for (let index = 0; index < fresh.length; index++) addEntry(vocabulary, fresh[index] as string)
}
