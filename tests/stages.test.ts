import {describe, expect, it} from 'vitest'
import {decideContext} from '../src/context.js'
import {lineLocator} from '../src/annotate.js'
import {compileLexicon} from '../src/lexicon/compile.js'
import {explain} from '../src/index.js'
import {markdownView} from '../src/markdown.js'
import {findPhrases, startTest} from '../src/match.js'
import {findMentions} from '../src/mentions.js'
import {findSections} from '../src/sections.js'
import {splitSentences} from '../src/sentences.js'
import {sortSmall} from '../src/sort.js'
import {AFTER_STOP, BREAK_BEFORE, isAbbreviation, tokenize, tokenText, tokenTexts, wordSet} from '../src/tokens.js'
import {smallLexicon} from './small-lexicon.js'

const lexicon = compileLexicon(smallLexicon)

function words(text: string): string[] {
  return tokenTexts(tokenize(text))
}

/** The findings `explain()` annotates in `text` with the default lexicon, as "text=conceptId". */
function findingsOf(text: string): string[] {
  return explain(text)
    .annotations.filter((annotation) => annotation.category === 'finding')
    .map((annotation) => `${annotation.text}=${annotation.conceptId}`)
}

function mentionsOf(text: string, compiled = lexicon): string[] {
  const tokens = tokenize(text)
  const {sentenceOf} = splitSentences(text, tokens)
  return findMentions(text, tokens, compiled, () => false, sentenceOf).map(
    (mention) => `${text.slice(tokens.start[mention.first], tokens.end[mention.last])}=${compiled.concepts[mention.concept]?.id}`
  )
}

function sentencesOf(text: string): string[] {
  const tokens = tokenize(text)
  return splitSentences(text, tokens).sentences.map((sentence) => text.slice(sentence.start, sentence.end))
}

describe('tokens', () => {
  it('splits words and punctuation, skipping spaces and hyphens', () => {
    expect(words('Edema-like marrow signal; no fracture.')).toEqual(['Edema', 'like', 'marrow', 'signal', ';', 'no', 'fracture', '.'])
  })

  it('keeps apostrophes inside words and surrogate pairs whole', () => {
    expect(words("Hoffa's fat pad 😀 ok")).toEqual(['Hoffa', "'", 's', 'fat', 'pad', '😀', 'ok'])
  })

  it('records exact UTF-16 offsets', () => {
    const text = '😀 BME\r\n in MFC'
    const tokens = tokenize(text)
    for (let index = 0; index < tokens.length; index++) {
      expect(text.slice(tokens.start[index], tokens.end[index])).toBe(tokenText(tokens, index))
    }
    expect(tokens.start[1]).toBe(3)
  })

  it('treats NBSP, zero-width space and tabs as spaces', () => {
    expect(words('bone\u00a0marrow\u200bedema\tBME')).toEqual(['bone', 'marrow', 'edema', 'BME'])
  })

  it('does not crash on lone surrogates and control characters', () => {
    expect(words('a\ud800b\u0000c\udc00')).toEqual(['a', '\ud800', 'b', '\u0000', 'c', '\udc00'])
  })

  it('knows abbreviations by their capitals', () => {
    expect([isAbbreviation('BME'), isAbbreviation('T1'), isAbbreviation('Bme'), isAbbreviation('X'), isAbbreviation('t1')]).toEqual([
      true,
      true,
      false,
      false,
      false
    ])
  })
})

describe('sections', () => {
  function sections(text: string) {
    return findSections(text, tokenize(text), lexicon).map((section) => [section.id, section.heading])
  }

  it('finds headings with and without colons, in any case', () => {
    const text = 'CLINICAL HISTORY: knee pain.\nTechnique\nSTIR and T1.\nFindings:\nNo fracture.\nimpression: normal.'
    expect(sections(text)).toEqual([
      ['history', 'CLINICAL HISTORY'],
      ['technique', 'Technique'],
      ['findings', 'Findings'],
      ['impression', 'impression']
    ])
  })

  it('finds markdown headings and a capitals heading leading a paragraph', () => {
    expect(sections('## Indication\nPain\n\nFINDINGS The knee is normal.')).toEqual([
      ['indication', 'Indication'],
      ['findings', 'FINDINGS']
    ])
  })

  it('needs a colon for organ labels and ignores heading words inside sentences', () => {
    expect(sections('BONE MARROW: edema.\nBone marrow edema in the MFC.\nHistory of fracture.')).toEqual([['bone-marrow', 'BONE MARROW']])
  })
})

describe('startTest', () => {
  it('says where a phrase of a trie may start: by word, any case, abbreviations in capitals, across a wrap', () => {
    const text = 'The bone; BME bme sub-\nchondral edema'
    const tokens = tokenize(text, lexicon.vocabulary)
    const mayStart = startTest(tokens, lexicon.conceptTrie)
    // Bare "edema" starts a phrase of the tied trie only.
    expect(tokenTexts(tokens).filter((_, index) => mayStart(index))).toEqual(['bone', 'BME', 'sub'])
    const tied = startTest(tokens, lexicon.tiedTrie)
    expect(tokenTexts(tokens).filter((_, index) => tied(index))).toEqual(['edema'])
    expect([mayStart(-1), mayStart(tokens.length)]).toEqual([false, false])
  })
})

describe('sentences', () => {
  it('splits on full stops but not decimals or abbreviations', () => {
    expect(sentencesOf('Edema 2.5 cm, e.g. here. No fracture.')).toEqual(['Edema 2.5 cm, e.g. here.', 'No fracture.'])
  })

  it('ends a sentence before a small letter after a word of five letters or more, not after a shorter one', () => {
    expect(sentencesOf('no fracture. there is marrow edema.')).toEqual(['no fracture.', 'there is marrow edema.'])
    expect(sentencesOf('No tear of the post. horn or ant. horn.')).toEqual(['No tear of the post. horn or ant. horn.'])
  })

  it('treats list items and blank lines as breaks', () => {
    expect(sentencesOf('- No fracture\n- Marrow edema\n\nSTIR')).toEqual(['No fracture', 'Marrow edema', 'STIR'])
  })

  it('keeps a wrapped sentence together and splits a new capitalised line', () => {
    expect(sentencesOf('No fracture or bone\nmarrow edema\nMarrow edema in the talus')).toEqual([
      'No fracture or bone\nmarrow edema',
      'Marrow edema in the talus'
    ])
  })

  it('reads a number as a list item only with its mark on the same line', () => {
    expect(sentencesOf('Marrow edema\n2) talus')).toEqual(['Marrow edema', '2) talus'])
    expect(sentencesOf('Marrow edema\n2\n) talus')).toEqual(['Marrow edema\n2\n) talus'])
  })

  it('starts a sentence at every hard break, given in any order, once each, ignoring those out of range', () => {
    const text = 'a b c d e f'
    const tokens = tokenize(text)
    const split = (breaks: number[]) => splitSentences(text, tokens, new Set(breaks)).sentences.map((sentence) => text.slice(sentence.start, sentence.end))
    expect(split([4, 2])).toEqual(['a b', 'c d', 'e f'])
    expect(split([2, 4])).toEqual(['a b', 'c d', 'e f'])
    expect(split([0, 9, 4, -1, 2])).toEqual(['a b', 'c d', 'e f'])
    // A list with repeats (a heading right after an empty section) splits once per index.
    const listed = (breaks: number[]) => splitSentences(text, tokens, breaks).sentences.map((sentence) => text.slice(sentence.start, sentence.end))
    expect(listed([2, 2, 4, 4])).toEqual(['a b', 'c d', 'e f'])
    expect(listed([4, 2, 4, 2])).toEqual(['a b', 'c d', 'e f'])
  })

  it('does not split ALL CAPS lines on capitals alone', () => {
    expect(sentencesOf('NO FRACTURE OR\nBONE MARROW EDEMA. STIR')).toEqual(['NO FRACTURE OR\nBONE MARROW EDEMA.', 'STIR'])
  })
})

describe('matching', () => {
  it('prefers the longer of overlapping phrases and re-tries the shorter', () => {
    expect(mentionsOf('Moderate subchondral bone marrow oedema in the medial femoral condyle; no fracture line')).toEqual([
      'subchondral=subchondral',
      'bone marrow oedema=bone-marrow-edema',
      'medial femoral condyle=medial-femoral-condyle',
      'fracture line=fracture'
    ])
  })

  it('matches any case, hyphens, extra spaces and one line break inside a phrase', () => {
    expect(mentionsOf('BONE MARROW EDEMA; bone-marrow   edema; bone marrow\r\nedema')).toEqual([
      'BONE MARROW EDEMA=bone-marrow-edema',
      'bone-marrow   edema=bone-marrow-edema',
      'bone marrow\r\nedema=bone-marrow-edema'
    ])
  })

  it('does not match across a blank line or punctuation', () => {
    expect(mentionsOf('bone marrow\n\nedema; stress, fracture')).toEqual(['fracture=fracture'])
  })

  it('matches abbreviations only in capitals and whole words only', () => {
    expect(mentionsOf('BME and STIR; bme, stir, BMEs, subBME, XBME')).toEqual(['BME=bone-marrow-edema', 'STIR=stir'])
  })

  it('matches bare edema only when tied to a bone and not after a soft-tissue word', () => {
    expect(mentionsOf('Edema in the MFC. Soft tissue edema near the talus. Edema in the calf.')).toEqual([
      'Edema=bone-marrow-edema',
      'MFC=medial-femoral-condyle',
      'talus=talus'
    ])
  })

  it('ties bare edema to a bone up to six words away, unless soft tissue is named between them', () => {
    const edema = (text: string) => findingsOf(text).filter((found) => found.endsWith('=bone-marrow-edema'))
    expect(edema('Previously seen edema in the anterior process of the calcaneus has resolved.')).toEqual(['edema=bone-marrow-edema'])
    expect(edema('Edema at the base of the second metatarsal.')).toEqual(['Edema=bone-marrow-edema'])
    expect(edema('Edema in the soft tissues around the calcaneus.')).toEqual([])
    expect(edema('There is edema of the plantar fascia near its calcaneal origin.')).toEqual([])
    expect(edema('Edema of the talus and surrounding soft tissues.')).toEqual(['Edema=bone-marrow-edema'])
    // Soft tissue right after the edema names where it is, though a bone stands before.
    expect(edema('Oedema in the calcaneus and oedema in the plantar fat pad.')).toEqual(['Oedema=bone-marrow-edema'])
    expect(edema('Marrow oedema in the talus with edema of the adjacent soft tissues.')).toEqual(['Marrow oedema=bone-marrow-edema'])
  })

  it('reads British secondaries as metastases and more drug names as their class (held-out review M4)', () => {
    const all = (text: string) => explain(text).annotations.map((annotation) => `${annotation.text}=${annotation.conceptId}`)
    expect(all('No bone secondaries. Secondary deposits in the spine.')).toEqual(['bone secondaries=metastasis', 'Secondary deposits=metastasis', 'spine=spine'])
    expect(all('On dexamethasone; treated with neridronate.')).toEqual(['dexamethasone=corticosteroid', 'neridronate=bisphosphonate'])
  })

  it('ties bare edema and contusion to a bone the lexicon names only as a near word, which is never annotated', () => {
    // (explain() annotates every category: the near words would show if they were mentions.)
    const all = (text: string) => explain(text).annotations.map((annotation) => `${annotation.text}=${annotation.conceptId}`)
    expect(all('Oedema in the scaphoid waist.')).toEqual(['Oedema=bone-marrow-edema'])
    expect(all('Glenoid edema. Contusion of the triquetrum.')).toEqual(['edema=bone-marrow-edema', 'Contusion=bone-bruise'])
    expect(all('Insufficiency fracture of the parasymphyseal pubic bone with surrounding oedema.')).toEqual([
      'Insufficiency fracture=insufficiency-fracture',
      'oedema=bone-marrow-edema'
    ])
    // Soft tissue still says where the edema is; a near word alone is no mention.
    expect(all('Soft tissue edema over the lateral malleolus. Edema in the subcutaneous fat over the fibula.')).toEqual([
      'Soft tissue edema=soft-tissue-edema'
    ])
    expect(all('The scaphoid, sacrum and glenoid are normal. Edema in the calf.')).toEqual([])
  })

  it('matches bare edema in the first paragraph under a marrow label, not under other labels', () => {
    expect(findingsOf('Bone marrow: No edema.')).toEqual(['edema=bone-marrow-edema'])
    expect(findingsOf('BONE MARROW: Normal signal. No edema.')).toEqual(['edema=bone-marrow-edema'])
    expect(findingsOf('Marrow signal: edema.\n\nEdema in the calf.')).toEqual(['edema=bone-marrow-edema'])
    expect(findingsOf('Bones: Edema in the calf.')).toEqual([])
    expect(findingsOf('Bone marrow: Normal.\nLigaments: Edema in the calf.')).toEqual([])
    expect(findingsOf('Bone marrow: Normal. Soft tissue edema.')).toEqual(['Soft tissue edema=soft-tissue-edema'])
  })

  it('lets a soft-tissue word block bare edema across one line break but not across a blank line', () => {
    expect(mentionsOf('Soft tissue\nedema near the talus')).toEqual(['talus=talus'])
    expect(mentionsOf('Soft tissue\n\nedema near the talus')).toEqual(['edema=bone-marrow-edema', 'talus=talus'])
  })
})

describe('context', () => {
  function contextOf(text: string, target: string) {
    const tokens = tokenize(text)
    const {sentences, sentenceOf} = splitSentences(text, tokens)
    const start = text.indexOf(target)
    let first = -1
    let last = -1
    for (let index = 0; index < tokens.length; index++) {
      if ((tokens.start[index] ?? 0) >= start && (tokens.end[index] ?? 0) <= start + target.length) {
        if (first === -1) first = index
        last = index
      }
    }
    const sentence = sentences[sentenceOf(first)]!
    return decideContext({
      text,
      tokens,
      cues: lexicon.cues,
      cueMatches: findPhrases(text, tokens, lexicon.cueTrie),
      first,
      last,
      sentenceFirst: sentence.first,
      sentenceLast: sentence.last
    })
  }

  it('negates forward over a list and not across a terminator or sentence', () => {
    expect(contextOf('No fracture, contusion or marrow edema.', 'marrow edema').context.negated).toBe(true)
    expect(contextOf('No fracture but marrow edema is present.', 'marrow edema').context.negated).toBe(false)
    expect(contextOf('No fracture. Marrow edema.', 'Marrow edema').context.negated).toBe(false)
    expect(contextOf('Fracture without marrow edema.', 'Fracture').context.negated).toBe(false)
    expect(contextOf('Fracture without marrow edema.', 'marrow edema').context.negated).toBe(true)
  })

  it('reads post-cues backwards and names the cue with offsets', () => {
    const result = contextOf('A stress fracture cannot be excluded.', 'stress fracture')
    expect(result.context).toEqual({negated: false, uncertain: true, historical: false, hypothetical: false, change: null})
    expect(result.cues).toEqual([{category: 'uncertain', change: null, via: 'cue', text: 'cannot be excluded', start: 18, end: 36}])
  })

  it('reads radiology change language', () => {
    expect(contextOf('No interval change in the marrow edema.', 'marrow edema').context).toEqual({
      negated: false,
      uncertain: false,
      historical: true,
      hypothetical: false,
      change: 'unchanged'
    })
    expect(contextOf('The marrow edema has resolved.', 'marrow edema').context).toEqual({
      negated: true,
      uncertain: false,
      historical: true,
      hypothetical: false,
      change: 'resolved'
    })
  })
})

describe('markdown input', () => {
  it('keeps offsets and blanks the syntax', () => {
    const text = '## Findings\n\n- **Bone marrow** edema in the [MFC](http://x.test/BME)\n'
    const {view, blockStarts} = markdownView(text)
    expect(view.length).toBe(text.length)
    expect(view).toBe('   Findings\n\n  ' + '  Bone marrow   edema in the  MFC                    \n')
    expect(blockStarts.length).toBeGreaterThan(1)
  })

  it('cuts a line longer than a piece after a sentence, not inside emphasis', () => {
    const text = 'Findings. ' + 'word '.repeat(199) + 'bone **marrow edema** in the talus.'
    expect(explain(text, {format: 'markdown', lexicon: smallLexicon}).annotations.map((annotation) => annotation.text)).toEqual(['bone **marrow edema', 'talus'])
  })

  it('blanks block quote marks inside a paragraph, escapes and character references, not only the markup around text', () => {
    expect(markdownView('> Bone marrow\n> edema in the\n> > talus').view).toBe('  Bone marrow\n  edema in the\n    talus')
    expect(markdownView('bone&nbsp;marrow\\-edema &amp; talus').view).toBe('bone      marrow -edema   ' + '   ' + ' talus')
    const text = '> Subchondral bone marrow\n> edema in the MFC.'
    expect(explain(text, {format: 'markdown', lexicon: smallLexicon}).annotations.map((annotation) => annotation.text)).toEqual([
      'Subchondral',
      'bone marrow\n> edema',
      'MFC'
    ])
  })
})

describe('other senses', () => {
  // The small lexicon's fracture has the other sense "fracture clinic"; here
  // the talus one too, and bare "edema" one that holds a tied form.
  const senses = compileLexicon({
    ...smallLexicon,
    concepts: smallLexicon.concepts.map((concept) =>
      concept.id === 'talus' ? {...concept, otherSenses: ['talus tendon']} : concept.id === 'bone-marrow-edema' ? {...concept, otherSenses: ['edema clinic']} : concept
    ),
    qualifiers: {words: ['left', 'right', 'medial', 'lateral'], categories: ['anatomy'], max: 2}
  })
  const found = (text: string) => mentionsOf(text, senses)

  it('win over the form inside them and name no concept', () => {
    expect(found('Seen in the fracture clinic. Fracture of the talus.')).toEqual(['Fracture=fracture', 'talus=talus'])
    expect(found('FRACTURE-CLINIC letter; fracture\nclinic; fracture\n\nclinic')).toEqual(['fracture=fracture'])
  })

  it('lose a tie of equal length to a form that starts earlier, as forms do', () => {
    expect(found('Stress fracture clinic.')).toEqual(['Stress fracture=stress-fracture'])
  })

  it('take no side words, and tie no bare edema', () => {
    expect(found('Left talus tendon. Left talus.')).toEqual(['Left talus=talus'])
    expect(found('Edema at the talus tendon.')).toEqual([])
    expect(found('Edema at the talus.')).toEqual(['Edema=bone-marrow-edema', 'talus=talus'])
  })

  it('keep a tied form inside them from being matched', () => {
    expect(found('Talus: edema clinic.')).toEqual(['Talus=talus'])
    expect(found('Talus: edema.')).toEqual(['Talus=talus', 'edema=bone-marrow-edema'])
  })
})

describe('qualifiers', () => {
  const qualified = compileLexicon({
    ...smallLexicon,
    concepts: [...smallLexicon.concepts, {...smallLexicon.concepts[1]!, id: 'bilateral', category: 'descriptor', forms: ['bilateral']}],
    qualifiers: {words: ['left', 'right', 'bilateral', 'medial', 'lateral'], categories: ['anatomy'], max: 2}
  })

  const qualifiedMentions = (text: string) => mentionsOf(text, qualified)

  it('joins side and compartment words to a body part, at most two', () => {
    expect(qualifiedMentions('Edema in the right lateral talus. Right left medial MFC.')).toEqual([
      'Edema=bone-marrow-edema',
      'right lateral talus=talus',
      'left medial MFC=medial-femoral-condyle'
    ])
  })

  it('takes a lone descriptor word, but not across punctuation, a blank line or into a finding', () => {
    expect(qualifiedMentions('Bilateral talus. Left, talus. Left\n\ntalus. Left BME.')).toEqual([
      'Bilateral talus=talus',
      'talus=talus',
      'talus=talus',
      'BME=bone-marrow-edema'
    ])
  })
})

describe('line locator', () => {
  const at = (text: string, offsets: number[]) => {
    const locate = lineLocator(text)
    return offsets.map((offset) => {
      const {line, column} = locate(offset)
      return `${line}:${column}`
    })
  }

  it('counts \\n line ends, offsets asked in order or not', () => {
    expect(at('ab\ncd\n\nef', [0, 1, 3, 4, 6, 7, 8, 1])).toEqual(['1:1', '1:2', '2:1', '2:2', '3:1', '4:1', '4:2', '1:2'])
  })

  it('counts \\r\\n once and \\r, U+2028 and U+2029 as line ends too', () => {
    expect(at('a\r\nb\rc\u2028d\u2029e', [0, 3, 5, 7, 9])).toEqual(['1:1', '2:1', '3:1', '4:1', '5:1'])
  })
})

describe('sortSmall', () => {
  it('sorts like Array.prototype.sort, keeping equal items in order, short or long', () => {
    for (const size of [0, 1, 2, 3, 16, 17, 40]) {
      const items = Array.from({length: size}, (_, index) => ({key: (index * 7) % 5, index}))
      const expected = [...items].sort((a, b) => a.key - b.key)
      expect(sortSmall(items, (a, b) => a.key - b.key)).toEqual(expected)
    }
  })
})

describe('where sentences and sections may start', () => {
  it('lists the tokens with a line break or a full stop before them, and flags them', () => {
    // Tokens: A . b c ? d e f
    const tokens = tokenize('A. b\nc? d e\n\nf')
    expect(tokenTexts(tokens)).toEqual(['A', '.', 'b', 'c', '?', 'd', 'e', 'f'])
    expect(tokens.breaks).toEqual([2, 3, 5, 7])
    expect(Array.from(tokens.breaks, (index) => (tokens.flags[index] ?? 0) & (AFTER_STOP | BREAK_BEFORE))).toEqual([
      AFTER_STOP,
      BREAK_BEFORE,
      AFTER_STOP,
      BREAK_BEFORE
    ])
    expect(tokenize('\nx').breaks).toEqual([0])
  })

  it('gives each token its sentence number', () => {
    const text = 'No edema. Small effusion.\nIMPRESSION: normal'
    const tokens = tokenize(text)
    const {sentences, sentenceOf} = splitSentences(text, tokens)
    expect(sentences.map((sentence) => text.slice(sentence.start, sentence.end))).toEqual(['No edema.', 'Small effusion.', 'IMPRESSION: normal'])
    expect(Array.from({length: tokens.length}, (_, index) => sentenceOf(index))).toEqual([0, 0, 0, 1, 1, 1, 2, 2, 2])
  })
})

describe('wordSet', () => {
  it('knows a word in any case, outside ASCII too, and nothing else', () => {
    const tokens = tokenize("AND No nor ÖDEM ödeme Hoffa's ;")
    const isListed = wordSet(['and', 'no', 'ödem', 'hoffa', ';'])
    expect(Array.from({length: tokens.length}, (_, index) => isListed(tokens, index))).toEqual([true, true, false, true, false, true, false, false, true])
  })
})
