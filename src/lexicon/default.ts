/**
 * The default lexicon: the JSON files in `lexicon/`, assembled. They are
 * checked against the zod schema by `npm test` (tests/lexicon.test.ts), so
 * nothing is validated here and zod stays off the browser hot path.
 */
import meta from '../../lexicon/meta.json' with {type: 'json'}
import sources from '../../lexicon/sources.json' with {type: 'json'}
import finding from '../../lexicon/concepts/finding.json' with {type: 'json'}
import sequence from '../../lexicon/concepts/sequence.json' with {type: 'json'}
import modality from '../../lexicon/concepts/modality.json' with {type: 'json'}
import anatomy from '../../lexicon/concepts/anatomy.json' with {type: 'json'}
import condition from '../../lexicon/concepts/condition.json' with {type: 'json'}
import procedure from '../../lexicon/concepts/procedure.json' with {type: 'json'}
import descriptor from '../../lexicon/concepts/descriptor.json' with {type: 'json'}
import cues from '../../lexicon/cues.json' with {type: 'json'}
import sections from '../../lexicon/sections.json' with {type: 'json'}
import notes from '../../lexicon/notes.json' with {type: 'json'}
import qualifiers from '../../lexicon/qualifiers.json' with {type: 'json'}
import spellings from '../../lexicon/spellings.json' with {type: 'json'}
import boneWords from '../../lexicon/bone-words.json' with {type: 'json'}
import type {LexiconData} from './schema.js'

/**
 * The lexicon `explain()` uses unless given another. Treat it as read-only:
 * to change it, pass a changed copy as `options.lexicon`. (A lexicon is
 * compiled once, on first use, so a change made to it in place after that
 * goes unseen.)
 */
export const defaultLexicon: LexiconData = {
  version: meta.version,
  sources,
  concepts: [...finding, ...sequence, ...modality, ...anatomy, ...condition, ...procedure, ...descriptor],
  cues,
  sections,
  notes,
  qualifiers,
  spellings,
  boneWords
} as LexiconData
