/**
 * Curation rules that a schema cannot express: unique ids, each surface
 * form claimed by one concept (unless both declare the overlap), each
 * other sense holding a form of its concept and being no form itself,
 * cited sources exist, tied-form neighbours exist, each other spelling
 * naming a word in use and used in no phrase itself. Used by `validateLexicon` and
 * by the lexicon tests.
 */
import {tokenize} from '../tokens.js'
import {spanKey, wordKey} from './compile.js'
import type {LexiconData} from './schema.js'

/** The key two forms collide on: the words as the matcher sees them (`spanKey` of the whole form). */
export function formKey(form: string): string {
  const tokens = tokenize(form)
  return spanKey(tokens, 0, tokens.length - 1, wordKey)
}

/** Every curation problem in `data`, as readable lines (empty when clean). */
export function curationProblems(data: LexiconData): string[] {
  const problems: string[] = []
  const ids = new Set<string>()
  for (const concept of data.concepts) {
    if (ids.has(concept.id)) problems.push(`concept id \`${concept.id}\` is used twice`)
    ids.add(concept.id)
  }
  const sourceIds = new Set(data.sources.map((source) => source.id))
  if (sourceIds.size !== data.sources.length) problems.push('a source id is used twice')

  const owner = new Map<string, string>()
  for (const concept of data.concepts) {
    const own = new Set<string>()
    for (const form of [...concept.forms, ...(concept.tied?.forms ?? [])]) {
      const key = formKey(form)
      if (key === '') {
        problems.push(`\`${concept.id}\`: form "${form}" has no words`)
        continue
      }
      if (own.has(key)) problems.push(`\`${concept.id}\`: form "${form}" is listed twice (hyphens and case are already tolerated)`)
      own.add(key)
      const other = owner.get(key)
      if (other && other !== concept.id) {
        const declared =
          concept.overlaps?.includes(other) && data.concepts.find((candidate) => candidate.id === other)?.overlaps?.includes(concept.id)
        if (!declared) problems.push(`form "${form}" belongs to both \`${other}\` and \`${concept.id}\` without a declared overlap`)
      } else {
        owner.set(key, concept.id)
      }
    }
    for (const citation of concept.sources) {
      if (!sourceIds.has(citation.source)) problems.push(`\`${concept.id}\` cites unknown source \`${citation.source}\``)
    }
    for (const other of [...(concept.overlaps ?? []), ...(concept.tied?.near ?? [])]) {
      if (!data.concepts.some((candidate) => candidate.id === other)) problems.push(`\`${concept.id}\` names unknown concept \`${other}\``)
    }
    for (const form of concept.pastForms ?? []) {
      if (!own.has(formKey(form))) problems.push(`\`${concept.id}\`: past form "${form}" is not one of its forms`)
    }
  }
  // Other senses: each holds a form of its concept, as whole words, and is no form itself.
  const senses = new Map<string, string>()
  for (const concept of data.concepts) {
    const forms = [...concept.forms, ...(concept.tied?.forms ?? [])].map((form) => ` ${formKey(form)} `)
    for (const phrase of concept.otherSenses ?? []) {
      const key = formKey(phrase)
      if (key === '') {
        problems.push(`\`${concept.id}\`: other sense "${phrase}" has no words`)
        continue
      }
      const form = owner.get(key)
      if (form !== undefined) problems.push(`\`${concept.id}\`: other sense "${phrase}" is a form of \`${form}\``)
      else if (!forms.some((within) => ` ${key} `.includes(within))) problems.push(`\`${concept.id}\`: other sense "${phrase}" holds none of its forms`)
      const listed = senses.get(key)
      if (listed !== undefined) problems.push(`other sense "${phrase}" is listed twice (\`${listed}\`, \`${concept.id}\`; hyphens and case are already tolerated)`)
      senses.set(key, concept.id)
    }
  }
  // Bone words: each names no concept, nor another sense (those win their span first).
  const bones = new Set<string>()
  for (const word of data.boneWords ?? []) {
    const key = formKey(word)
    const form = owner.get(key)
    if (form !== undefined) problems.push(`bone word "${word}" is a form of \`${form}\``)
    if (senses.has(key)) problems.push(`bone word "${word}" is an other sense of \`${senses.get(key)}\``)
    if (bones.has(key)) problems.push(`bone word "${word}" is listed twice`)
    bones.add(key)
  }
  // Other spellings: each names a word some phrase uses, and no phrase uses the spelling itself.
  if (data.spellings) {
    const words = new Set<string>()
    const phrases = [
      ...data.concepts.flatMap((concept) => [...concept.forms, ...(concept.otherSenses ?? []), ...(concept.tied?.forms ?? []), ...(concept.tied?.blockedBy ?? [])]),
      ...(data.boneWords ?? []),
      ...data.cues.flatMap((cue) => cue.phrases),
      ...data.sections.flatMap((section) => section.headings)
    ]
    for (const phrase of phrases) for (const word of formKey(phrase).split(' ')) words.add(word)
    for (const [spelling, word] of Object.entries(data.spellings)) {
      if (!words.has(word)) problems.push(`spelling "${spelling}" names "${word}", which no phrase uses`)
      if (words.has(spelling)) problems.push(`spelling "${spelling}" is used in a phrase: write the phrase with "${word}"`)
    }
  }
  for (const [key, note] of Object.entries(data.notes.status)) {
    for (const citation of note.sources) {
      if (!sourceIds.has(citation.source)) problems.push(`note \`${key}\` cites unknown source \`${citation.source}\``)
    }
  }
  return problems
}
