import type {Root} from 'mdast'
import rehypeStringify from 'rehype-stringify'
import remarkParse from 'remark-parse'
import remarkRehype from 'remark-rehype'
import {unified} from 'unified'
import {VFile} from 'vfile'
import {describe, expect, it} from 'vitest'
import {explainWith} from '../src/explain.js'
import {markdownView, viewFromTree} from '../src/markdown.js'
import remarkBmeExplain, {alignText} from '../src/remark.js'
import {smallLexicon} from './small-lexicon.js'

const pipeline = (options?: Parameters<typeof remarkBmeExplain>[0]) =>
  unified()
    .use(remarkParse)
    .use(remarkBmeExplain, {lexicon: smallLexicon, ...options})
    .use(remarkRehype)
    .use(rehypeStringify)

const NEGATED_NOTE = 'The report uses this word to say the thing was not seen or is not there.'

describe('bme-explain/remark', () => {
  it('marks phrases so remark-rehype renders <mark>, in a real pipeline', async () => {
    const file = await pipeline().process('# Findings\n\nBone marrow edema in the *MFC*.\nNo fracture.')
    expect(String(file)).toBe(
      [
        '<h1>Findings</h1>',
        '<p><mark class="bme-mark" data-bme-concept="bone-marrow-edema">Bone marrow edema</mark> in the <em><mark class="bme-mark" data-bme-concept="medial-femoral-condyle">MFC</mark></em>.',
        'No <mark class="bme-mark bme-negated" data-bme-concept="fracture" data-bme-status="negated">fracture</mark>.</p>'
      ].join('\n')
    )
  })

  it('stores the same result as explain(text, {format: "markdown"}) in file.data', async () => {
    const text = '## Impression\n\n1. Possible **stress fracture** of the talus.\n2. No BME.\n'
    const file = await pipeline().process(text)
    expect(file.data.bmeExplain).toEqual(explainWith(text, {lexicon: smallLexicon, format: 'markdown'}, {markdown: markdownView}))
    expect(file.data.bmeExplain?.annotations.map((annotation) => annotation.text)).toEqual(['stress fracture', 'talus', 'BME'])
  })

  it('emits one message per mention with place, ruleId, source and note, and no report text in the reason', async () => {
    const text = 'Intro line.\r\n\r\nNo fracture; BME in the talus.'
    const file = await pipeline().process(text)
    expect(
      file.messages.map((message) => ({
        at: `${message.place && 'start' in message.place ? `${message.place.start.line}:${message.place.start.column}-${message.place.end.line}:${message.place.end.column}` : ''}`,
        reason: message.reason,
        ruleId: message.ruleId,
        source: message.source,
        fatal: message.fatal
      }))
    ).toEqual([
      {at: '3:4-3:12', reason: 'fracture (condition; not seen)', ruleId: 'fracture', source: 'bme-explain', fatal: undefined},
      {at: '3:14-3:17', reason: 'bone-marrow-edema (finding)', ruleId: 'bone-marrow-edema', source: 'bme-explain', fatal: undefined},
      {at: '3:25-3:30', reason: 'talus (anatomy)', ruleId: 'talus', source: 'bme-explain', fatal: undefined}
    ])
    const [first] = file.messages
    expect(first?.place && 'start' in first.place ? [first.place.start.offset, first.place.end.offset] : []).toEqual([18, 26])
    expect(first?.note).toBe(`Patient text for fracture.\n${NEGATED_NOTE}`)
    for (const message of file.messages) {
      expect(message.reason).not.toMatch(/Intro|No fracture|BME|talus\./)
      expect(message.actual).toBeUndefined()
    }
  })

  it('splits text nodes with escapes and references at the right places', async () => {
    const file = await pipeline().process('a\\*b &amp; BME &#x41; talus')
    expect(String(file)).toBe(
      '<p>a*b &#x26; <mark class="bme-mark" data-bme-concept="bone-marrow-edema">BME</mark> A <mark class="bme-mark" data-bme-concept="talus">talus</mark></p>'
    )
  })

  it('reads raw HTML inside a sentence as part of it: "No <b>fracture</b>" is negated, as explain() reads it', async () => {
    const text = 'No <b>fracture</b> is seen.\n\n<div>\nBME\n</div>\n'
    const file = await pipeline().process(text)
    expect(file.messages.map((message) => message.reason)).toEqual(['fracture (condition; not seen)', 'bone-marrow-edema (finding)'])
    const result = explainWith(text, {lexicon: smallLexicon, format: 'markdown'}, {markdown: markdownView})
    expect(result.annotations.map((annotation) => [annotation.text, annotation.context.negated])).toEqual([
      ['fracture', true],
      ['BME', false]
    ])
    expect(file.data.bmeExplain).toEqual(result)
  })

  it('blanks a backslash that escapes another, and keeps a NUL the parser reads as U+FFFD', () => {
    const text = 'a\\\\*b\0c \\*BME'
    const tree = unified().use(remarkParse).parse(text)
    expect(viewFromTree(text, tree).view).toBe('a \\*b\0c  *BME')
    expect(markdownView(text).view).toBe('a \\*b\0c  *BME')
  })

  it('marks each piece of a phrase that crosses inline markup', async () => {
    const file = await pipeline().process('bone *marrow* edema')
    expect(String(file)).toBe(
      '<p><mark class="bme-mark" data-bme-concept="bone-marrow-edema">bone </mark><em><mark class="bme-mark" data-bme-concept="bone-marrow-edema">marrow</mark></em><mark class="bme-mark" data-bme-concept="bone-marrow-edema"> edema</mark></p>'
    )
    expect(file.messages).toHaveLength(1)
  })

  it('explains but does not mark phrases in code, and can leave the tree alone', async () => {
    const code = await pipeline().process('`BME`')
    expect(String(code)).toBe('<p><code>BME</code></p>')
    expect(code.messages.map((message) => message.ruleId)).toEqual(['bone-marrow-edema'])
    const unmarked = await pipeline({mark: false, prefix: 'x-'}).process('BME')
    expect(String(unmarked)).toBe('<p>BME</p>')
    const prefixed = await pipeline({prefix: 'x-'}).process('BME')
    expect(String(prefixed)).toBe('<p><mark class="x-mark" data-bme-concept="bone-marrow-edema">BME</mark></p>')
  })

  it('honours audience and maxLength, and rejects bad options', async () => {
    const file = await pipeline({audience: 'clinician'}).process('No fracture.')
    expect(file.messages[0]?.reason).toBe('fracture (condition; negated)')
    await expect(pipeline({maxLength: 3}).process('No fracture.')).rejects.toThrow(RangeError)
    expect(() => remarkBmeExplain({prefix: '1'})).toThrow(TypeError)
  })

  it('works on a tree run without a second parse (runSync with the file)', () => {
    const text = 'Talus.'
    const processor = unified().use(remarkParse).use(remarkBmeExplain, {lexicon: smallLexicon})
    const file = new VFile(text)
    const tree = processor.runSync(processor.parse(file), file) as Root
    expect(tree.children[0]).toMatchObject({type: 'paragraph', children: [{type: 'text', value: 'Talus', data: {hName: 'mark'}}, {type: 'text', value: '.'}]})
    expect(file.data.bmeExplain?.annotations).toHaveLength(1)
  })
})

describe('alignText', () => {
  it('maps source offsets to value offsets across escapes, references and dropped spaces', () => {
    expect(alignText('a\\*b', 'a*b')).toEqual([0, 1, 1, 2, 3])
    expect(alignText('x &amp; y', 'x & y')).toEqual([0, 1, 2, 2, 2, 2, 2, 3, 4, 5])
    expect(alignText('&#x1F600;!', '😀!')).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 3])
    expect(alignText('a\n   b', 'a\nb')).toEqual([0, 1, 2, 2, 2, 2, 3])
    expect(alignText('a\n> > b', 'a\nb')).toEqual([0, 1, 2, 2, 2, 2, 2, 3])
    expect(alignText('a > b', 'a b')).toBeUndefined()
    expect(alignText('abc', 'xyz')).toBeUndefined()
  })
})
