/**
 * Compile lexicon data into the structures the pipeline matches with: one
 * vocabulary of every word the lexicon uses (a hash table over the hashes
 * `tokenize` records, so a text token is looked up without making a string),
 * word tries keyed by vocabulary ids for concept forms, cues and headings,
 * and lookup tables. Done once per lexicon object (memoised), so `explain()`
 * never re-reads the data: on first use, the default lexicon as any other.
 */
import {firstSlot, isAbbreviation, isAbbreviationAt, packedParts, partsHash, tokenize, tokenLower, tokenText, vocabularyEntry, wordLower, WORD, type Tokens} from '../tokens.js'
import type {Concept, Cue, LexiconData, Section, Source} from './schema.js'

/** A trie node keyed by vocabulary id (see `Vocabulary`). */
export interface TrieNode {
  /** Children by vocabulary id (`undefined` on a trie `compileLexicon` built in its flat form, see `buildTrie`). */
  next: Map<number, TrieNode> | undefined
  /** Payload indexes of phrases that end here. */
  ends: number[] | undefined
  /** On a root: the vocabulary its keys come from. */
  vocabulary?: Vocabulary | undefined
  /**
   * On a root: the same trie in flat arrays, as the matcher walks it (built
   * by `buildTrie`, or by `flatTrie` as `createTrie` and `addPhrases` make
   * the trie: every root has it).
   */
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
  /** Per concept index, the keys (`spanKey` in small letters) of its past forms, if it has any (see `pastForms` in the schema). */
  pastForms: ReadonlyMap<number, ReadonlySet<string>>
}

/**
 * The key of tokens `[first, last]`: their words keyed by `word` (`wordKey`,
 * as the matcher sees them; `anyCase`, every word in small letters, as a
 * form with no abbreviation is matched in any case), punctuation as
 * written, joined by spaces. Hyphens, spaces and line breaks are gaps, not
 * tokens: "Post-⏎operative" is "post operative".
 */
export function spanKey(tokens: Tokens, first: number, last: number, word: (raw: string, lower: string) => string): string {
  const keys: string[] = []
  for (let index = first; index <= last; index++) {
    const raw = tokenText(tokens, index)
    keys.push(tokens.kind[index] !== WORD ? raw : word(raw, tokenLower(tokens, index)))
  }
  return keys.join(' ')
}

/** A word's key in small letters, whatever its case (see `spanKey`). */
function anyCase(_raw: string, lower: string): string {
  return lower
}

/** A past form's key, as `isPastForm` compares a mention's. */
function pastFormKey(form: string): string {
  const tokens = tokenize(form)
  return spanKey(tokens, 0, tokens.length - 1, anyCase)
}

/**
 * Whether the mention of concept `concept` at tokens `[first, last]` is
 * written in one of its past forms ("postoperative", "POSTOPERATIVE"):
 * compared in small letters, since the mention matched a form already.
 */
export function isPastForm(lexicon: CompiledLexicon, concept: number, tokens: Tokens, first: number, last: number): boolean {
  const keys = lexicon.pastForms.get(concept)
  return keys !== undefined && keys.has(spanKey(tokens, first, last, anyCase))
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
  // (Read once for the hash and the table: compiling adds every word of
  // the lexicon here, before the engine has optimised it.)
  const [head, tail] = packedParts(key)
  hash ??= partsHash(key, head, tail)
  const entry = vocabulary.lowers.length
  vocabulary.byKey.set(key, entry)
  vocabulary.lowers.push(key)
  vocabulary.exact.push(undefined)
  vocabulary.hashes.push(hash)
  // (-1 until `entryId` hands one out, unless `compileData` set it.)
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

/** An empty trie whose keys come from `vocabulary`, with its flat form. */
export function createTrie(vocabulary: Vocabulary): TrieNode {
  const trie: TrieNode = {next: undefined, ends: undefined, vocabulary}
  flatTrie(trie)
  return trie
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
  // The flat form again, with the phrases added.
  trie.flat = undefined
  flatTrie(trie)
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

/** The flat form of a trie root (built once; `addPhrases` builds it again). */
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
      headingSection,
      pastForms: new Map(
        data.concepts.flatMap((concept, index) => (concept.pastForms ? [[index, new Set(concept.pastForms.map(pastFormKey))] as const] : []))
      )
    }
  }
}

const cache = new WeakMap<LexiconData, CompiledLexicon>()

/**
 * Compile (once) the given lexicon data. The data is trusted here: validate a
 * lexicon of your own with `validateLexicon` from `bme-explain/lexicon` first.
 */
export function compileLexicon(data: LexiconData): CompiledLexicon {
  let compiled = cache.get(data)
  if (!compiled) cache.set(data, (compiled = compileData(data)))
  return compiled
}

/**
 * Compile lexicon data (`compileLexicon` without the cache): every phrase's
 * words are read at once (`readWords`) and each trie is built from them in
 * its flat form (`buildTrie`), so a first `explain()` spends a few
 * milliseconds here, not the twice as many of adding phrase after phrase to
 * tries of maps (`addPhrases`, which gives the same tries).
 */
function compileData(data: LexiconData): CompiledLexicon {
  const {phrases, tables} = readLexicon(data)
  const vocabulary = createVocabulary()
  const words = readWords(phrases)
  // The ids first, so each entry's slot gets its id as the entry is added (see `addEntry`).
  vocabulary.ids = words.ids
  addKeys(vocabulary, words.keys)
  vocabulary.exact = words.exact
  vocabulary.size = words.size
  addSpellings(vocabulary, data.spellings)
  const tries = {} as Record<TrieName, TrieNode>
  const scratch = new Int32Array(7 * (Math.max(...words.sequences.map((sequence) => sequence.length)) + 1))
  TRIES.forEach((name, index) => {
    tries[name] = {next: undefined, ends: undefined, vocabulary, flat: buildTrie(words.sequences[index] as Int32Array, vocabulary.size, scratch)}
  })
  return {...tables, vocabulary, ...tries}
}

/**
 * Lexicon data compiled phrase by phrase into tries of maps (`addPhrases`),
 * then flattened: what `compileLexicon` gives, the slow way. The tests hold
 * the two equal.
 */
export function compileWithMaps(data: LexiconData): CompiledLexicon {
  const {phrases, tables} = readLexicon(data)
  const vocabulary = createVocabulary()
  const tries = {} as Record<TrieName, TrieNode>
  TRIES.forEach((name, index) => {
    const list = phrases[index] as PhraseList
    tries[name] = createTrie(vocabulary)
    addPhrases(tries[name], list.phrases, list.payloads)
  })
  addSpellings(vocabulary, data.spellings)
  // Flattened again once every word has its id, so that each root spans
  // the whole vocabulary, as `buildTrie` makes them.
  for (const name of TRIES) {
    tries[name].flat = undefined
    flatTrie(tries[name])
  }
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
 * A trie in its flat form (`FlatTrie`), from its phrases as `readWords`
 * gives them (payload, word count, word ids, phrase after phrase): the
 * arrays `flatTrie` makes of the same phrases added to a trie of maps, built
 * with none (nodes breadth-first, each node's children by word id, its
 * payloads in the order the phrases gave them, each once).
 */
function buildTrie(sequence: Int32Array, size: number, scratch: Int32Array): FlatTrie {
  // First as a tree in typed arrays, no object per node: per node its word,
  // first child and next sibling (siblings kept in order of word id; the
  // root's children by word, in `root`), and its payloads as a list (first,
  // last, and per payload the next). All in one `scratch` of seven columns
  // for every trie, so compiling leaves little to collect.
  const capacity = sequence.length + 1
  const column = (index: number, fill: number): Int32Array => scratch.subarray(index * capacity, (index + 1) * capacity).fill(fill)
  const word = column(0, 0)
  const firstChild = column(1, -1)
  const sibling = column(2, -1)
  const firstEnd = column(3, -1)
  const lastEnd = column(4, 0)
  const payloads = column(5, 0)
  const nextEnd = column(6, -1)
  const root = new Int32Array(size).fill(-1)
  // The words the root has children for, as they come (sorted below).
  const rootWords = new Int32Array(capacity)
  let rootCount = 0
  let nodes = 1
  let ends = 0
  for (let at = 0; at < sequence.length; ) {
    const payload = sequence[at] as number
    const count = sequence[at + 1] as number
    at += 2
    if (count === 0) continue
    let node = 0
    for (const stop = at + count; at < stop; at++) {
      const id = sequence[at] as number
      let child = node === 0 ? (root[id] as number) : -1
      if (node !== 0) {
        // The children in order of word id: find the word or where it goes.
        let before = -1
        let next = firstChild[node] as number
        while (next >= 0 && (word[next] as number) < id) {
          before = next
          next = sibling[next] as number
        }
        if (next >= 0 && word[next] === id) child = next
        else {
          child = nodes++
          sibling[child] = next
          if (before < 0) firstChild[node] = child
          else sibling[before] = child
        }
      } else if (child < 0) {
        child = root[id] = nodes++
        rootWords[rootCount++] = id
      }
      word[child] = id
      node = child
    }
    let known = false
    for (let end = firstEnd[node] as number; end >= 0 && !known; end = nextEnd[end] as number) known = payloads[end] === payload
    if (known) continue
    payloads[ends] = payload
    if (firstEnd[node] === -1) firstEnd[node] = ends
    else nextEnd[lastEnd[node] as number] = ends
    lastEnd[node] = ends++
  }
  // Then breadth-first, children by word id: a node's number is its place in `order`.
  const order = new Int32Array(nodes)
  const number = new Int32Array(nodes)
  const childStart = new Int32Array(nodes + 1)
  const endStart = new Int32Array(nodes + 1)
  const childWord = new Int32Array(nodes - 1)
  const childNode = new Int32Array(nodes - 1)
  const endPayload = new Int32Array(ends)
  // The root's children in order of word id, then each node's by its sibling list.
  const rootChildren = Int32Array.from(rootWords.subarray(0, rootCount).sort(), (id) => root[id] as number)
  let queued = 1
  let written = 0
  for (let index = 0; index < nodes; index++) {
    const node = order[index] as number
    childStart[index] = queued - 1
    endStart[index] = written
    for (let end = firstEnd[node] as number; end >= 0; end = nextEnd[end] as number) endPayload[written++] = payloads[end] as number
    for (let at = 0, child = node === 0 ? (rootChildren[0] ?? -1) : (firstChild[node] as number); child >= 0; child = node === 0 ? (rootChildren[++at] ?? -1) : (sibling[child] as number)) {
      number[child] = queued
      childWord[queued - 1] = word[child] as number
      childNode[queued - 1] = queued
      order[queued++] = child
    }
  }
  childStart[nodes] = nodes - 1
  endStart[nodes] = written
  for (const id of rootWords.subarray(0, rootCount)) root[id] = number[root[id] as number] as number
  return {root, childStart, childWord, childNode, endStart, endPayload}
}

/**
 * The words of `phrases` in order, as written and as match keys (see
 * `wordKey`, less the abbreviation mark): the words `addPhrases` finds,
 * read all at once. The phrases are joined by a line break between spaces
 * (a phrase that is not plain is tokenized first, together with the
 * others, and stands as its tokens joined by spaces), hyphens become
 * spaces, the text is lower-cased for the keys and both are split at
 * spaces: string searches, not a regular expression. Empty strings may come
 * between words, and a line break ends each phrase.
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
  const text = `${parts.join(' \n ')} \n`.replaceAll('-', ' ')
  // (Lower-casing leaves punctuation as written, which is its key;
  // `wordLower` also reads a typographic apostrophe as a straight one.)
  return {written: text.split(' '), keys: wordLower(text).split(' ')}
}

/**
 * The vocabulary's words as `addPhrases` would add them for `phrases` (the
 * phrase lists of the tries, in `TRIES` order): the keys in order of first
 * use with their ids and abbreviation spellings, and per list its phrases
 * as `buildTrie` reads them (payload, word count, word ids).
 */
function readWords(phrases: readonly PhraseList[]): WordReader {
  const read: WordReader = {keys: [], ids: [], exact: [], index: new Map(), spelled: new Map(), size: 0, sequences: []}
  for (const list of phrases) {
    const {written, keys: words} = phraseWords(list.phrases)
    // Room for every word and two numbers a phrase, written in place.
    const sequence = new Int32Array(words.length + 2 * list.phrases.length + 2)
    let length = 2
    // Where the phrase being read starts in `sequence` (its payload and count come first).
    let phraseStart = 0
    let phrase = 0
    sequence[0] = list.payloads[0] ?? 0
    // (The loop stays small, the rest is in `readId`: a long loop with a
    // large body gets V8 to optimise `readWords` while the first report runs.)
    for (let index = 0; index < words.length; index++) {
      const key = words[index] as string
      if (key === '\n') {
        sequence[phraseStart + 1] = length - phraseStart - 2
        phraseStart = length
        sequence[length] = list.payloads[++phrase] ?? 0
        length += 2
      } else if (key !== '') {
        sequence[length++] = readId(read, key, written[index] as string)
      }
    }
    // (The last line break opened a phrase after the last one: dropped.)
    read.sequences.push(sequence.subarray(0, phraseStart))
  }
  return read
}

/** What `readWords` reads: the keys in order of first use, their ids and spellings, and per list its phrases as word ids. */
interface WordReader {
  keys: string[]
  ids: number[]
  exact: Vocabulary['exact']
  /** Each key's entry (its place in `keys`). */
  index: Map<string, number>
  /** Each abbreviation's id, by its spelling ("BME"). */
  spelled: Map<string, number>
  /** Ids handed out so far. */
  size: number
  sequences: Int32Array[]
}

/** The id of word `key`, written `raw`: its spelling's for an abbreviation, else its key's (new ones numbered in order). */
function readId(read: WordReader, key: string, raw: string): number {
  let entry = read.index.get(key)
  if (entry === undefined) {
    entry = read.keys.length
    read.index.set(key, entry)
    read.keys.push(key)
    read.ids.push(-1)
    read.exact.push(undefined)
  }
  if (raw !== key && isAbbreviation(raw)) {
    let id = read.spelled.get(raw)
    if (id === undefined) {
      read.spelled.set(raw, (id = read.size++))
      ;(read.exact[entry] ??= []).push({spelling: raw, id})
    }
    return id
  }
  let id = read.ids[entry] as number
  if (id === -1) id = read.ids[entry] = read.size++
  return id
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
