/**
 * Stages 2, 4 and 5 on one block of tokens: sections, sentences and mentions,
 * as `explain` (block by block) and `detectContext` (on a whole text) both
 * read them.
 */
import type {ContextInput} from './context.js'
import type {CompiledLexicon} from './lexicon/compile.js'
import {findMentions, type Mention} from './mentions.js'
import {findSections, labelRanges, type FoundSection} from './sections.js'
import {leadInFirst, splitSentences, type Sentence, type SentenceIndex} from './sentences.js'
import type {Tokens} from './tokens.js'

export interface BlockReading extends SentenceIndex {
  /** The sections whose headings stand in the block. */
  found: FoundSection[]
  mentions: Mention[]
}

/**
 * Read the tokens of `view`: its sections (`open` is the section a block
 * before left open), then its sentences, with a break at each of `breaks`
 * (markdown block starts; each heading and the start of its content are
 * added to it), then its mentions.
 */
export function readBlock(view: string, tokens: Tokens, lexicon: CompiledLexicon, open: FoundSection | undefined, breaks: number[] = []): BlockReading {
  const found = findSections(view, tokens, lexicon, open)
  const heading = new Uint8Array(tokens.length)
  for (const section of found) {
    heading.fill(1, section.headingFirst, section.contentFirst)
    breaks.push(section.headingFirst, section.contentFirst)
  }
  const {sentences, sentenceOf} = splitSentences(view, tokens, breaks)
  const mentions = findMentions(view, tokens, lexicon, (index) => heading[index] === 1, sentenceOf, labelRanges(view, tokens, found))
  return {found, sentences, sentenceOf, mentions}
}

/**
 * The tokens `[first, last]` where the context of the mention at tokens
 * `[from, to]` is read: its sentence, from the line that leads into it if
 * it is a list item (`leadInFirst`: "There is no evidence of:⏎- fracture"),
 * to the mention's end if the mention runs past the sentence's.
 */
export function contextSpan(view: string, tokens: Tokens, reading: BlockReading, from: number, to: number): [number, number] {
  const index = reading.sentenceOf(from)
  const sentence = reading.sentences[index] as Sentence
  const lead = leadInFirst(view, tokens, reading.sentences, index, reading.found)
  return [lead < 0 ? sentence.first : lead, Math.max(sentence.last, to)]
}

/** What section `section` implies of the mentions in it, with its heading as the cue (`ContextInput.section`), if anything. */
export function impliedBy(section: FoundSection | undefined): ContextInput['section'] {
  if (!section?.implies) return undefined
  return {implies: section.implies, text: section.heading, start: section.start, end: section.start + section.heading.length}
}
