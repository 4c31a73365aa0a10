/**
 * Compile lexicon data into the structures the pipeline matches with: one
 * vocabulary of every word the lexicon uses (a hash table over the hashes
 * `tokenize` records, so a text token is looked up without making a string),
 * word tries keyed by vocabulary ids for concept forms, cues and headings,
 * and lookup tables. Done once per lexicon object (memoised), so `explain()`
 * never re-reads the data.
 */
import {isAbbreviation, isAbbreviationAt, isShortKey, tokenize, vocabularyEntry, wordHash, WORD, type Tokens} from '../tokens.js'
import type {Concept, Cue, LexiconData, Section, Source} from './schema.js'

/** A trie node keyed by vocabulary id (see `Vocabulary`). */
export interface TrieNode {
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
  /** Slot → entry number + 1, or 0 for an empty slot (at most one slot in eight is used). */
  table: Int32Array
  /** Slot → the hash of its entry, so most probes read one array. */
  slotHash: Int32Array
  /** Table size − 1 (the size is a power of two). */
  mask: number
  /** Per entry: the `wordHash` of its key. */
  hashes: number[]
  /** Per entry: the key (a word's lower-case form, a punctuation token as written). */
  lowers: string[]
  /** Per entry: id of the key for any-case matching, or -1. */
  ids: number[]
  /** Per entry: 1 if the key is packed whole in its hash (see `wordHash`), so a short ASCII token needs no check. */
  short: number[]
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
  /** Concept forms; payload = concept index. */
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
 * The key a word is stored and looked up under. An abbreviation ("BME")
 * must match in capitals, so it is keyed by its exact spelling; any other word
 * by its lower-case form.
 */
export function wordKey(raw: string, lower: string): string {
  return isAbbreviation(raw) ? '=' + raw : lower
}

/** An empty vocabulary (grown by `addPhrase`). */
export function createVocabulary(): Vocabulary {
  return {table: new Int32Array(4096), slotHash: new Int32Array(4096), mask: 4095, hashes: [], lowers: [], ids: [], short: [], exact: [], size: 0, byKey: new Map()}
}

function insertSlot(vocabulary: Vocabulary, entry: number): void {
  let slot = (vocabulary.hashes[entry] ?? 0) & vocabulary.mask
  while (vocabulary.table[slot] !== 0) slot = (slot + 1) & vocabulary.mask
  vocabulary.table[slot] = entry + 1
  vocabulary.slotHash[slot] = vocabulary.hashes[entry] ?? 0
}

/** Add `key` (a word's lower-case form, or punctuation as written) with its `wordHash`; returns its entry number. */
function addEntry(vocabulary: Vocabulary, key: string, hash: number): number {
  const entry = vocabulary.lowers.length
  vocabulary.byKey.set(key, entry)
  vocabulary.lowers.push(key)
  vocabulary.exact.push(undefined)
  vocabulary.hashes.push(hash)
  vocabulary.ids.push(-1)
  vocabulary.short.push(isShortKey(key) ? 1 : 0)
  if ((entry + 1) * 8 > vocabulary.table.length) {
    vocabulary.table = new Int32Array(vocabulary.table.length * 2)
    vocabulary.slotHash = new Int32Array(vocabulary.table.length)
    vocabulary.mask = vocabulary.table.length - 1
    for (let other = 0; other <= entry; other++) insertSlot(vocabulary, other)
  } else {
    insertSlot(vocabulary, entry)
  }
  return entry
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
    entry = addEntry(vocabulary, word ? raw.toLowerCase() : raw, hash)
  }
  return entryId(vocabulary, entry, word && isAbbreviationAt(tokens, index) ? text.slice(from, to) : undefined)
}

/** The id of a plain ASCII word (letters and digits only) as a key, added if new: what `keyId` gives its token, found with a map. */
function wordId(vocabulary: Vocabulary, raw: string): number {
  const lower = raw.toLowerCase()
  const entry = vocabulary.byKey.get(lower) ?? addEntry(vocabulary, lower, wordHash(lower))
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

const cache = new WeakMap<LexiconData, CompiledLexicon>()

/**
 * Compile (once) the given lexicon data. The data is trusted here: validate a
 * lexicon of your own with `validateLexicon` from `bme-explain/lexicon` first.
 */
export function compileLexicon(data: LexiconData): CompiledLexicon {
  const cached = cache.get(data)
  if (cached) return cached

  const vocabulary = createVocabulary()
  const conceptTrie = createTrie(vocabulary)
  const conceptIndex = new Map<string, number>()
  const conceptForms = new PhraseList()
  data.concepts.forEach((concept, index) => {
    conceptIndex.set(concept.id, index)
    conceptForms.add(concept.forms, index)
  })
  addPhrases(conceptTrie, conceptForms.phrases, conceptForms.payloads)

  const tiedTrie = createTrie(vocabulary)
  const blockTrie = createTrie(vocabulary)
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
  addPhrases(tiedTrie, tiedForms.phrases, tiedForms.payloads)
  addPhrases(blockTrie, blockers.phrases, blockers.payloads)

  const cueTrie = createTrie(vocabulary)
  const cuePhrases = new PhraseList()
  data.cues.forEach((cue, index) => cuePhrases.add(cue.phrases, index))
  addPhrases(cueTrie, cuePhrases.phrases, cuePhrases.payloads)

  const headingTrie = createTrie(vocabulary)
  const headingSection: {section: number; needsColon: boolean}[] = []
  const headings = new PhraseList()
  data.sections.forEach((section, index) => {
    const payload = headingSection.length
    headingSection.push({section: index, needsColon: section.needsColon === true})
    headings.add(section.headings, payload)
  })
  addPhrases(headingTrie, headings.phrases, headings.payloads)

  const compiled: CompiledLexicon = {
    data,
    concepts: data.concepts,
    conceptIndex,
    sources: new Map(data.sources.map((source) => [source.id, source])),
    vocabulary,
    conceptTrie,
    tiedTrie,
    tied,
    qualifierWords: new Set(data.qualifiers?.words ?? []),
    takesQualifiers: Uint8Array.from(data.concepts, (concept) => (data.qualifiers?.categories.includes(concept.category) ? 1 : 0)),
    maxQualifiers: data.qualifiers?.max ?? 0,
    blockTrie,
    cueTrie,
    cues: data.cues,
    sections: data.sections,
    headingTrie,
    headingSection
  }
  cache.set(data, compiled)
  return compiled
}
