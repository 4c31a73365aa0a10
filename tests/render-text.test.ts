import {describe, expect, it} from 'vitest'
import {explainWith} from '../src/explain.js'
import {printable, toText} from '../src/render/text.js'
import {smallLexicon} from './small-lexicon.js'

const explain = (text: string) => explainWith(text, {lexicon: smallLexicon}, {})
const NEGATED = 'The report uses this word to say the thing was not seen or is not there.'

describe('toText', () => {
  it('lists each mention with its place, excerpt, explanation, status note and sources', () => {
    const input = 'Knee.\nNo fracture.'
    const result = explain(input)
    expect(toText(result, {input, width: 200})).toBe(
      [
        result.disclaimer,
        '',
        '1 term found:',
        '',
        '2:4  fracture (fracture, condition) — not seen',
        '    > No [fracture].',
        '    Patient text for fracture.',
        `    Note (the report says “No”): ${NEGATED}`,
        '    Sources: test-source',
        '',
        'Sources',
        '  [test-source] Test source. Tests.',
        ''
      ].join('\n')
    )
  })

  it('quotes, before a note, what in the report it is about: the cue that set the status it tells, or the heading', () => {
    const asked = 'INDICATION: Rule out stress fracture.'
    expect(toText(explain(asked), {input: asked, width: 200})).toMatch(/Note \(under “INDICATION”\): The report uses this word in the reason for the scan/)
    const resolved = 'Previously seen fracture, now resolved.'
    expect(toText(explain(resolved), {input: resolved, width: 200})).toMatch(/Note \(the report says “resolved”\)/)
  })

  it('wraps every line to the width, default 80', () => {
    const input = `${'word '.repeat(40)}bone marrow edema ${'x'.repeat(120)} and no fracture.`
    const text = toText(explain(input), {input})
    for (const line of text.split('\n')) expect(line.length).toBeLessThanOrEqual(80)
    for (const line of toText(explain(input), {input, width: 50}).split('\n')) expect(line.length).toBeLessThanOrEqual(50)
  })

  it('uses ANSI bold and dim only when colour is asked for', () => {
    const input = 'BME.'
    expect(toText(explain(input), {input})).not.toContain('\u001b[')
    const coloured = toText(explain(input), {input, color: true})
    expect(coloured).toContain('\u001b[1mBME\u001b[22m')
    expect(coloured).toContain('\u001b[2m')
  })

  it('never prints control characters or bidi overrides from the report', () => {
    const input = 'BME\u001b[31m here\u202e.'
    const text = toText(explain(input), {input})
    expect(text).not.toMatch(/[\u001b\u202e]/)
    expect(printable('a\u0007b\u202ec\n\td')).toBe('a\uFFFDb\uFFFDc d')
  })

  it('says when nothing was found', () => {
    const result = explain('Normal knee.')
    expect(toText(result, {width: 400})).toBe(`${result.disclaimer}\n\nNo bone-marrow-edema-related terms were found in this text.\n`)
  })
})
