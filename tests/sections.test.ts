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

  it('takes a heading on the line after a heading and its colon as a line start, not as a chained heading', () => {
    const heading = [
      ['indication', 'REASON FOR EXAM', 'hypothetical'],
      ['history', 'CLINICAL HISTORY', 'hypothetical']
    ]
    expect(sections('REASON FOR EXAM:\nCLINICAL HISTORY\npain')).toEqual(heading)
    expect(sections('REASON FOR EXAM:\n\nCLINICAL HISTORY\npain')).toEqual(heading)
  })

  it('ends a section where the line of the next heading starts, not at a mark alone on a line before it', () => {
    const text = 'FINDINGS: edema\n**\n\n* IMPRESSION: none'
    const found = findSections(text, tokenize(text), lexicon).map((section) => [section.id, section.start, section.end])
    expect(found).toEqual([
      ['findings', 0, 20],
      ['impression', 22, 38]
    ])
  })

  it('finds headings after CRLF and in lower case, and not in the middle of a sentence', () => {
    expect(sections('clinical history: pain\r\nfindings: edema, History: none')).toEqual([
      ['history', 'clinical history', 'hypothetical'],
      ['findings', 'findings', null]
    ])
  })

  it('takes a heading with its colon at the start of a sentence within a line (a report pasted as one line)', () => {
    expect(sections('CLINICAL HISTORY: Knee pain. FINDINGS: Marrow edema. Impression: bone bruise')).toEqual([
      ['history', 'CLINICAL HISTORY', 'hypothetical'],
      ['findings', 'FINDINGS', null],
      ['impression', 'Impression', null]
    ])
    // Without its colon, a heading word after a full stop is running text.
    expect(sections('History: fall. Findings marrow edema.')).toEqual([['history', 'History', 'hypothetical']])
  })

  it('takes a heading with a colon right after another heading and its colon, on the same line', () => {
    expect(sections('PAST MEDICAL HISTORY: FINDINGS: Marrow edema.\nHISTORY: IMPRESSION normal')).toEqual([
      ['past-history', 'PAST MEDICAL HISTORY', 'historical'],
      ['findings', 'FINDINGS', null],
      ['history', 'HISTORY', 'hypothetical']
    ])
  })

  it('does not chain a heading after running text or after a heading without a colon', () => {
    expect(sections('FINDINGS: Edema, IMPRESSION: edema\nINDICATION pain COMPARISON: none')).toEqual([
      ['findings', 'FINDINGS', null],
      ['indication', 'INDICATION', 'hypothetical']
    ])
  })

  it('does not take "History of ..." or "HISTORY OF PRESENT ILLNESS" for a heading', () => {
    expect(sections('History of fracture.\nHISTORY OF PRESENT ILLNESS: pain')).toEqual([])
  })
})
