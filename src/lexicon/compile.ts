/**
 * Compile lexicon data into the structures the pipeline matches with: a word
 * trie for concept forms, one for context cues, and lookup tables. Done once
 * per lexicon object (memoised), so `explain()` never re-reads the data.
 */
import {isAbbreviation, tokenize, WORD} from '../tokens.js'
import type {Concept, Cue, LexiconData, Section, Source} from './schema.js'

/** A trie node keyed by word (see `wordKey`). */
export interface TrieNode {
  next: Map<string, TrieNode> | undefined
  /** Payload indexes of phrases that end here. */
  ends: number[] | undefined
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
  /** Concept forms; payload = concept index. */
  conceptTrie: TrieNode
  /** Tied forms (see the schema); payload = index into `tied`. */
  tiedTrie: TrieNode
  tied: readonly CompiledTiedForm[]
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

function node(): TrieNode {
  return {next: undefined, ends: undefined}
}

/** Add `phrase` to `trie` with `payload`; returns false if it has no words. */
export function addPhrase(trie: TrieNode, phrase: string, payload: number): boolean {
  const tokens = tokenize(phrase)
  if (tokens.length === 0) return false
  let current = trie
  for (let index = 0; index < tokens.length; index++) {
    const raw = tokens.raw[index] ?? ''
    const key = tokens.kind[index] === WORD ? wordKey(raw, tokens.lower[index] ?? '') : raw
    current.next ??= new Map()
    let child = current.next.get(key)
    if (!child) {
      child = node()
      current.next.set(key, child)
    }
    current = child
  }
  current.ends ??= []
  if (!current.ends.includes(payload)) current.ends.push(payload)
  return true
}

const cache = new WeakMap<LexiconData, CompiledLexicon>()

/**
 * Compile (once) the given lexicon data. The data is trusted here: validate a
 * lexicon of your own with `validateLexicon` from `bme-explain/lexicon` first.
 */
export function compileLexicon(data: LexiconData): CompiledLexicon {
  const cached = cache.get(data)
  if (cached) return cached

  const conceptTrie = node()
  const conceptIndex = new Map<string, number>()
  data.concepts.forEach((concept, index) => {
    conceptIndex.set(concept.id, index)
    for (const form of concept.forms) addPhrase(conceptTrie, form, index)
  })

  const tiedTrie = node()
  const blockTrie = node()
  const tied: CompiledTiedForm[] = []
  data.concepts.forEach((concept, index) => {
    if (!concept.tied) return
    const payload = tied.length
    tied.push({concept: index, near: new Set(concept.tied.near), window: concept.tied.window})
    for (const form of concept.tied.forms) addPhrase(tiedTrie, form, payload)
    for (const phrase of concept.tied.blockedBy) addPhrase(blockTrie, phrase, payload)
  })

  const cueTrie = node()
  data.cues.forEach((cue, index) => {
    for (const phrase of cue.phrases) addPhrase(cueTrie, phrase, index)
  })

  const headingTrie = node()
  const headingSection: {section: number; needsColon: boolean}[] = []
  data.sections.forEach((section, index) => {
    const payload = headingSection.length
    headingSection.push({section: index, needsColon: section.needsColon === true})
    for (const heading of section.headings) addPhrase(headingTrie, heading, payload)
  })

  const compiled: CompiledLexicon = {
    data,
    concepts: data.concepts,
    conceptIndex,
    sources: new Map(data.sources.map((source) => [source.id, source])),
    conceptTrie,
    tiedTrie,
    tied,
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
