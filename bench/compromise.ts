/**
 * compromise, twice: as the obvious alternative implementation of the same
 * job (parse the report with `nlp(text)`, then one `.match()` per lexicon
 * phrase), and as a candidate for morphology when the lexicon is compiled
 * (generating plural and singular variants of every form).
 */
import nlp from 'compromise'
import type {LexiconData} from '../src/lexicon/schema.js'

/** Every phrase the lexicon matches: concept forms, tied forms, blockers, cues, headings. */
export function lexiconPhrases(lexicon: LexiconData): string[] {
  const phrases: string[] = []
  for (const concept of lexicon.concepts) {
    phrases.push(...concept.forms)
    if (concept.tied) phrases.push(...concept.tied.forms, ...concept.tied.blockedBy)
  }
  for (const cue of lexicon.cues) phrases.push(...cue.phrases)
  for (const section of lexicon.sections) phrases.push(...section.headings)
  return phrases
}

/**
 * The phrases as compromise match strings: words only (compromise splits
 * hyphens and ignores punctuation itself; `?`, `/` and `#` are syntax there).
 */
export function compromisePatterns(phrases: readonly string[]): string[] {
  const out = new Set<string>()
  for (const phrase of phrases) {
    const words = phrase.toLowerCase().match(/[\p{L}\p{N}']+/gu)
    if (words) out.add(words.join(' '))
  }
  return [...out]
}

/** The compromise implementation: one parse, one match per phrase; returns the number of hits. */
export function compromiseFind(text: string, patterns: readonly string[]): number {
  const doc = nlp(text)
  let hits = 0
  for (const pattern of patterns) hits += doc.match(pattern).length
  return hits
}

/** What compromise's morphology adds to the lexicon's forms. */
export interface Morphology {
  /** Milliseconds to generate variants of every form (compromise already loaded). */
  ms: number
  forms: number
  /** Variants compromise produced that the lexicon does not list already. */
  added: string[]
}

/** Plural and singular variants of every concept form, as compromise inflects nouns. */
export function morphology(lexicon: LexiconData): Morphology {
  const known = new Set<string>()
  const forms: string[] = []
  for (const concept of lexicon.concepts) {
    for (const form of [...concept.forms, ...(concept.tied?.forms ?? [])]) {
      known.add(form.toLowerCase())
      forms.push(form)
    }
  }
  const added = new Set<string>()
  const start = performance.now()
  for (const form of forms) {
    const words = form.trim().split(/\s+/).length
    for (const variant of [nlp(form).nouns().toPlural().text(), nlp(form).nouns().toSingular().text()]) {
      const key = variant.toLowerCase().trim()
      // Only whole-form variants: compromise sometimes returns one noun of a longer form.
      if (key && !known.has(key) && key.split(/\s+/).length === words) added.add(variant.trim())
    }
  }
  return {ms: performance.now() - start, forms: forms.length, added: [...added]}
}
