/** Section headings: the lexicon's headings at a line start, any case, with or without a colon. */
import {describe, expect, it} from 'vitest'
import {compileLexicon} from '../src/lexicon/compile.js'
import {findSections} from '../src/sections.js'
import {tokenize} from '../src/tokens.js'
import {smallLexicon} from './small-lexicon.js'

const lexicon = compileLexicon(smallLexicon)

function sections(text: string) {
  return findSections(text, tokenize(text), lexicon).map((section) => [section.id, section.heading, section.implies ?? null])
}

describe('sections', () => {
  it('maps clinical, past and comparison headings to what they imply', () => {
    const text = 'REASON FOR EXAM: pain\nPAST MEDICAL HISTORY: gout\nSocial history: smoker\nComparison: none\nIMPRESSION: normal'
    expect(sections(text)).toEqual([
      ['indication', 'REASON FOR EXAM', 'hypothetical'],
      ['past-history', 'PAST MEDICAL HISTORY', 'historical'],
      ['past-history', 'Social history', 'historical'],
      ['comparison', 'Comparison', 'historical'],
      ['impression', 'IMPRESSION', null]
    ])
  })

  it('finds headings after CRLF and in lower case, and not in the middle of a line', () => {
    expect(sections('clinical history: pain\r\nfindings: edema. History: none')).toEqual([
      ['history', 'clinical history', 'hypothetical'],
      ['findings', 'findings', null]
    ])
  })

  it('does not take "History of ..." or "HISTORY OF PRESENT ILLNESS" for a heading', () => {
    expect(sections('History of fracture.\nHISTORY OF PRESENT ILLNESS: pain')).toEqual([])
  })
})
