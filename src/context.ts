/**
 * Stage 6: context, in the manner of ConText (Harkema et al., 2009).
 *
 * Each cue from the lexicon sets one flag (negated, uncertain, historical,
 * hypothetical) and may report a change (new, increased, decreased,
 * unchanged, resolved). A cue governs the words after it (forward), before
 * it (backward) or both, within its sentence, up to its `maxScope` in words
 * (a place such as "medial femoral condyle" counts as one word). A backward
 * cue that opens its sentence governs what follows instead ("On the prior
 * study, there was ..."). A negation or hedge that is a label's whole
 * answer looks back to it: "Fracture: No.", "Avascular necrosis: no",
 * "Fracture -- negative", "Osteonecrosis: possible", "Marrow edema? No."; a
 * question answered in one word is no hedge ("Marrow edema? Yes."). Cues
 * with `targets` apply to those categories only ("recommend" makes a
 * procedure a plan).
 * A scope also ends at
 * - a terminator between cue and mention ("but", ";", "which"), if the
 *   terminator ends that cue's flag (`terminates` in the lexicon);
 * - a field label, a word in capitals with a colon ("*** NOT OBTAINED ***
 *   DIAGNOSIS: chest pain"), unless it labels the mention itself
 *   ("EFFUSION: NONE");
 * - for a forward cue, a bracket closing around the cue ("(slides not
 *   submitted) indicates leukemia", "{Not Entered} History: ...");
 * - for a negation, words that name where the thing it denies would be,
 *   or what it is of: "no displacement of the fracture", "no fracture
 *   line within the marrow edema", "no cortical breach at the site of the
 *   stress reaction" (see `ofAnother`);
 * - for a negation, a clause of the mention's own: "there is no fracture
 *   and the marrow edema persists", "no fracture and bone marrow edema is
 *   seen" (see `newClause`);
 * - for a cue that looks both ways, or a change said before its finding,
 *   that stands by a finding of its own ("the bruise has resolved",
 *   "unchanged edema", "persistent edema"), another finding past a comma,
 *   "and", "with" or "without" (see `belongsElsewhere`: "the bruise has
 *   resolved and edema is now seen", "stable osteonecrosis without
 *   collapse");
 * - for a backward cue, a condition between ("fracture if pain persists");
 * - for a backward cue, another finding between it and the mention when a
 *   comma and words part the two ("marrow edema in the calcaneus,
 *   osteomyelitis is excluded"); a list is reached whole ("fracture,
 *   contusion or edema is not seen");
 * - a later forward cue, after a comma or "and", that says the opposite: a
 *   negation is cut by a hedge, a change or the past ("no effusion,
 *   unchanged marrow edema"), a hedge or the past by a negation
 *   ("history of fracture, no edema"), unless the past is a label with a
 *   colon ("SOCIAL HISTORY: denies tobacco"), and the past by "new"
 *   ("history of fracture, new marrow edema").
 *   Conditions ("if ...") are never cut.
 * A cue that follows a negation directly, or through "or"/"and", is itself
 * negated and sets nothing: "no new or increased edema" is negated with no
 * change. A change that follows a hedge or question the same way is what is
 * asked about, not reported: "assess for resolution of the edema" and
 * "possible new edema" are uncertain, with no change. Nor is a change inside
 * a condition: "if the edema has resolved" is hypothetical only.
 * A finding negated by a cue before it keeps no change said after it ("no
 * fracture and the marrow edema persists"). A comparison within the scan is
 * no change ("more prominent medially than laterally", "with a smaller
 * focus in the condyle"). The nearest change wins, but a larger or smaller
 * size outranks "still there", "new" or "gone" ("again noted, now
 * smaller").
 * Pseudo-cues ("no interval change" is not a negation, "increased T2
 * signal" is not a change) win over the shorter cue inside them because
 * the longer phrase is matched first. A cue that overlaps the mention is
 * set aside and the words before the mention are matched again, so "no
 * change in vision" still negates the mention "change in vision".
 * A section can imply a flag for every mention in it (the indication is the
 * question, not the answer) unless a cue in the text already says the
 * mention is history.
 *
 * Work per mention is bounded: only cues within `MAX_REACH` tokens of it are
 * looked at, so no input makes this stage quadratic.
 */
import {isPastForm, type CompiledLexicon, type TrieNode} from './lexicon/compile.js'
import type {Category, ContextCategory, Cue} from './lexicon/schema.js'
import {findPhrases, type PhraseMatch} from './match.js'
import type {Mention} from './mentions.js'
import type {Context, ContextResult, CueRef} from './result-schema.js'
import {contextSpan, impliedBy, readBlock} from './read.js'
import {lowerBound, sortSmall} from './sort.js'
import {gap, isAnswer, isHeadingWord} from './sentences.js'
import {HAS_LOWER, HAS_UPPER, isAbbreviation, isWord, PUNCT, startsLine, STARTS_DIGIT, tokenCode, tokenize, tokenText, wordSet, type Tokens} from './tokens.js'

/**
 * No cue reaches further than this many tokens. A cue without `maxScope`
 * ("if") reaches to the end of its sentence or this limit; the schema caps
 * `maxScope` at 50 words.
 */
const MAX_REACH = 160
/** Words that may join a negation to the cues it negates ("no new or increased"). */
const isChainWord = wordSet('or and nor any')
const isAnd = wordSet('and')
const isJoin = wordSet('and with without')
const isOr = wordSet('or nor')
const isWithOrWithout = wordSet('with without')
const isWith = wordSet('with')
const isOf = wordSet('of')
const isListWord = wordSet('and or nor')
const isThe = wordSet('the')
const isInside = wordSet('within through traversing')
const isPronoun = wordSet('this it these they he she')
const isAdjacent = wordSet('adjacent')
const isTo = wordSet('to')
const isLikely = wordSet('likely')
/** Words after "is likely" that end what it says of the finding before it ("a fracture is likely given the marrow edema"). */
const endsLikely = wordSet('given in on at with within because as since and but or present although which based from of for')
const isButWhat = wordSet('not persists remains')
const isOnOrIn = wordSet('on in')
const isThat = wordSet('that')
/** Words of place that need "the" after them: "no edema around the fracture", "no gap at the fracture site". */
const isAround = wordSet('around surrounding beneath underlying undercutting under below behind across about at')
const isAlong = wordSet('along')
const isInOrAt = wordSet('in at')
/** Words that open how or where a procedure is done: "in a cast", "for 6 weeks", "with a brace", "to the T12 lesion", "physiotherapy-led rehabilitation". */
const isHow = wordSet('in for with at of to led based guided directed')
const isPlace = wordSet('region area site location')
/** What a clause says of the finding that opens it ("and marrow edema is seen"). */
const isSeenWord = wordSet('seen noted present identified demonstrated evident visible')
const isIs = wordSet('is')
const isBe = wordSet('is are was were')
/** Words before a procedure that make it the time of something else: "after chemotherapy", "following arthroscopy". */
const isAfter = wordSet('after following')
const isTimeWord = wordSet('after following since before post from')

/**
 * Whether a time word (`isTimeWord`) stands at most three words before token
 * `first`, with only words between: "after completion of chemotherapy".
 */
function timeOfPlan(tokens: Tokens, first: number): boolean {
  for (let index = first - 1; index >= Math.max(0, first - 3); index--) {
    // (A list item is no time: "rest from throwing and physiotherapy are advised".)
    if (!isWord(tokens, index) || isAnd(tokens, index) || isOr(tokens, index)) return false
    if (isTimeWord(tokens, index)) return true
  }
  return false
}

/** A finding's degree, said of it: "and osteoarthritis is mild" (a thing denied has none). */
const isGrade = wordSet('mild moderate severe marked advanced extensive minimal')

/** Verbs of a clause that says a finding is there: "marrow edema surrounds the fracture", "edema extends to the joint". */
const isThereVerb = wordSet('surrounds extends involves persists remains abuts encircles affects measures')

/** Whether the words at token `index` say that what stands before them is there: "is seen", "is noted", "surrounds", "extends". */
function saysSeen(tokens: Tokens, index: number): boolean {
  return (isIs(tokens, index) && isSeenWord(tokens, index + 1)) || isThereVerb(tokens, index)
}
/** Words before "of" that pass a negation on to what follows ("no evidence of", "no area of", "no recurrence of the osteomyelitis"). */
const passesOn = wordSet(
  'evidence evidences sign signs finding findings feature features suggestion indication area areas focus foci region regions zone ' +
  'zones site sites amount degree component recurrence'
)

/** What `decideContext` needs to know about one mention. */
export interface ContextInput {
  text: string
  tokens: Tokens
  cues: readonly Cue[]
  /** Cue matches in text order (payload = index into `cues`). */
  cueMatches: readonly PhraseMatch[]
  /**
   * The cue trie the matches came from. With it, a cue that overlaps the
   * mention is set aside and the window is matched again without the
   * mention's words; without it, such a cue is only ignored.
   */
  cueTrie?: TrieNode | undefined
  /** The mention: first and last token. */
  first: number
  last: number
  /** The mention's sentence: first and last token. */
  sentenceFirst: number
  sentenceLast: number
  /**
   * The mention's category, if it is a lexicon concept: cues with `targets`
   * apply only to those categories ("recommend" makes a procedure a plan).
   */
  category?: Category | undefined
  /** The mention's concept (its index in the lexicon), if it is one: a list does not name it twice (see `namedAgain`). */
  concept?: number | undefined
  /** The mention is written in a form that says it happened before ("postoperative": see `pastForms` in the schema). */
  pastForm?: boolean | undefined
  /** What the mention's section implies, with its heading span. */
  section?: {implies: 'hypothetical' | 'historical'; text: string; start: number; end: number} | undefined
  /**
   * The mentions around (in text order, not overlapping) and which concepts
   * take context: with them, a cue stops at another finding across a clause
   * (see `reachesBack` and `belongsElsewhere`).
   */
  targets?: Targets | undefined
  /**
   * Scratch for a caller that passes one record for many mentions in
   * text order: the sentence last searched for a report verb (its first
   * token) and the first such verb in it, or -1 (see `reportedBefore`).
   */
  reportScan?: {sentence: number; verb: number} | undefined
}

/** The context of one mention and the cues (or section) that set it. */
export interface ContextOutput {
  context: Context
  cues: CueRef[]
}

interface Applied {
  match: PhraseMatch
  cue: Cue
  /** Words between the cue and the mention. */
  distance: number
  /** The cue stands before the mention. */
  before: boolean
  /** Set aside: negated by a cue before it, or its scope cut. */
  dropped: boolean
}

/**
 * The words between a mention and the cues around it. A mention of a place
 * (or anything else that takes no context) counts as one word, so a list of
 * places is as long as it has places: "bone marrow edema in the medial
 * femoral condyle, lateral femoral condyle, medial tibial plateau and
 * patella is not seen". A mention that reaches past the end of the span
 * counted is counted word by word.
 *
 * The counts come from one walk outward each way from the mention,
 * extended as far as a cue asks, not from one walk per cue: a sentence
 * dense with cues ("edema,no.BME;" a hundred thousand times over) made
 * that cost the square of its cues. One instance serves every call of
 * `decideContext` (which is not reentrant), so the walk allocates nothing.
 */
class Reach {
  /** `back[k]`: the words of tokens `[first - k, first - 1]`. */
  #back = new Int32Array(64)
  /** `fore[k]`: the words of tokens `[last + 1, last + k]`. */
  #fore = new Int32Array(64)
  #backDone = 0
  #foreDone = 0
  /** The mention the backward walk looks at next (going down), and the forward one (going up). */
  #backMention = 0
  #foreMention = 0
  #tokens: Tokens | undefined
  #mentions: readonly Mention[] = []
  #takesContext: Uint8Array | undefined
  #first = 0
  #last = 0

  reset(tokens: Tokens, targets: Targets | undefined, first: number, last: number): void {
    this.#tokens = tokens
    this.#mentions = targets?.mentions ?? []
    this.#takesContext = targets?.takesContext
    this.#first = first
    this.#last = last
    this.#backDone = 0
    this.#foreDone = 0
    this.#backMention = lowerBound(this.#mentions, first) - 1
    this.#foreMention = lowerBound(this.#mentions, last + 1)
  }

  /** The words between token `from` and the mention (0 if `from` is not before it). */
  before(from: number): number {
    const k = this.#first - from
    if (k <= 0) return 0
    if (k >= this.#back.length) this.#back = grown(this.#back, k)
    const tokens = this.#tokens
    const mentions = this.#mentions
    const back = this.#back
    const first = this.#first
    for (let step = this.#backDone + 1; step <= k; step++) {
      const index = first - step
      while (this.#backMention >= 0 && (mentions[this.#backMention] as Mention).first > index) this.#backMention--
      const mention = mentions[this.#backMention]
      back[step] =
        mention && mention.first === index && mention.last < first && this.#takesContext?.[mention.concept] !== 1
          ? 1 + (back[first - mention.last - 1] as number)
          : (back[step - 1] as number) + (tokens && isWord(tokens, index) ? 1 : 0)
    }
    if (k > this.#backDone) this.#backDone = k
    return back[k] as number
  }

  /** The words between the mention and token `to` (0 if `to` is not after it). */
  after(to: number): number {
    const k = to - this.#last
    if (k <= 0) return 0
    if (k >= this.#fore.length) this.#fore = grown(this.#fore, k)
    const tokens = this.#tokens
    const mentions = this.#mentions
    const fore = this.#fore
    const last = this.#last
    for (let step = this.#foreDone + 1; step <= k; step++) {
      const index = last + step
      while (this.#foreMention < mentions.length && (mentions[this.#foreMention] as Mention).last < index) this.#foreMention++
      const mention = mentions[this.#foreMention]
      fore[step] =
        mention && mention.first <= index && mention.last === index && this.#takesContext?.[mention.concept] !== 1
          ? 1 + (fore[mention.first - 1 - last] as number)
          : (fore[step - 1] as number) + (tokens && isWord(tokens, index) ? 1 : 0)
    }
    if (k > this.#foreDone) this.#foreDone = k
    return fore[k] as number
  }
}

/** A copy of `counts` with room for index `k`. */
function grown(counts: Int32Array<ArrayBuffer>, k: number): Int32Array<ArrayBuffer> {
  const out = new Int32Array(Math.max(k + 1, counts.length * 2))
  out.set(counts)
  return out
}

const reach = new Reach()

/** The flag a cue sets, if any (change-only cues set none). */
function flagOf(cue: Cue): ContextCategory | undefined {
  return cue.category === 'change' || cue.category === 'pseudo' || cue.category === 'terminator' ? undefined : cue.category
}

/**
 * The output for a mention with no cue in reach and no section context,
 * shared and frozen: a third of the mentions that get a context on the
 * benchmark's corpus, and every mention that takes none (see `explain`).
 */
export const NOTHING: ContextOutput = Object.freeze({
  context: Object.freeze({negated: false, uncertain: false, historical: false, hypothetical: false, change: null}),
  cues: Object.freeze([]) as unknown as CueRef[]
})

/** Decide the context of one mention. The result may be shared and frozen. */
export function decideContext(input: ContextInput): ContextOutput {
  // Another name in brackets right after a finding is that finding, read
  // as one with it: "favor transient osteoporosis of the hip (transient
  // bone marrow edema syndrome)", "no osteonecrosis (AVN)".
  const named = input.targets ? namedBefore(input.tokens, input.targets, input.first, input.last) : -1
  if (named >= 0) input = {...input, first: named}
  const {text, tokens, cues, first, last, sentenceFirst, sentenceLast, category, targets} = input
  const low = Math.max(sentenceFirst, first - MAX_REACH)
  const high = Math.min(sentenceLast, last + MAX_REACH)
  let window = windowOf(input.cueMatches, low, high)
  // Nothing to weigh without a cue that sets something (most mentions:
  // "There is ..." is a terminator, no more), unless a cue overlaps the
  // mention and may hide one. (Such a mention may still be dated: see `settle`.)
  if (!input.section && !input.pastForm && onlyBounds(cues, window, first, last)) return datedAfter(input) < 0 && datedBefore(input) < 0 && reportedBefore(input) < 0 ? NOTHING : settle(input, [])

  if (input.cueTrie && overlapsAny(window, first, last)) {
    window = findPhrases(text, tokens, input.cueTrie, low, high + 1, (index) => index >= first && index <= last)
  }

  const applied: Applied[] = []
  reach.reset(tokens, targets, first, last)
  for (const match of window) {
    const cue = cues[match.payload]
    if (!cue || cue.category === 'pseudo' || cue.category === 'terminator') continue
    if (match.last >= first && match.first <= last) continue
    if (cue.targets && !(category && (cue.targets as readonly Category[]).includes(category))) continue
    // A procedure does not grow, shrink, clear or stay: "marrow edema has
    // increased since core decompression", "pain improved after physiotherapy",
    // "stable osteonecrosis after core decompression".
    if (category === 'procedure' && (cue.change === 'increased' || cue.change === 'decreased' || cue.change === 'resolved' || cue.change === 'unchanged')) continue
    const direction = cue.direction ?? 'forward'
    const scope = cue.maxScope ?? MAX_REACH
    const flag = flagOf(cue)
    // A question answered ("Marrow edema? No.", "Fracture? Yes.") is no hedge.
    if (match.first === last + 1 && answered(tokens, match, sentenceLast)) continue
    if ((cue.change === 'increased' || cue.change === 'decreased') && comparesWithin(tokens, match, sentenceFirst, sentenceLast)) continue
    if (cue.change === 'unchanged' && isSimilar(tokens, match.first) && match.first === match.last && similarWithin(tokens, match, sentenceFirst, sentenceLast)) {
      continue
    }
    // A hedge or a negation on how a thing shows, taken back: "the fracture
    // line is not (well) seen on STIR but is clearly visible on T1".
    if ((flag === 'uncertain' || flag === 'negated') && match.first > last && seenAfterAll(tokens, match.last, sentenceLast)) continue
    if (match.last < first) {
      // A backward cue that opens its sentence has nothing before it to
      // govern: it is said first ("On the prior study, there was ...").
      if ((direction === 'backward' && !opensSentence(tokens, match, sentenceFirst)) || cue.answer) continue
      // "No further" denies more of things counted ("no further bone
      // bruises") and of edema, which is there or not ("no further bone
      // marrow oedema"); said of a mass it says the thing has not grown
      // ("no further collapse of the femoral head"), and denies nothing.
      if (flag === 'negated' && isFurther(tokens, match.last) && !endsPlural(tokens, last) && !isEdema(tokens, last)) continue
      // A cue said of a finding before it reaches no further than the place
      // it names: "the lesion is no longer visible around the graft material".
      // ("of the" is what the cue is about: "interval increase of the edema".)
      if (!isOf(tokens, match.last + 1) && placeEnd(tokens, match.last + 1) === first - 1) continue
      // An adjective of the past or of change close to its noun ("prior",
      // "persistent") is that noun's, not one further on: "persistent
      // marrow edema following surgery" (a list is reached: "prior fracture
      // and marrow edema").
      // Not where the finding between describes this one: "known metastatic breast cancer".
      if (
        (flag === 'historical' || cue.change) &&
        scope <= ADJECTIVE_REACH &&
        targets &&
        targetBetween(targets, match.last, first) &&
        !listBetween(tokens, targets, match.last, first) &&
        !compoundBetween(tokens, match.last, first)
      ) {
        continue
      }
      // Nor does a change said before "after" or "following" reach past it:
      // "persistent ankle pain following an inversion injury in 2022" (the
      // pain persists; "decreased since the prior study" and "improved from
      // prior" name the comparison).
      if (cue.change && wordBetween(tokens, match.last, first, isAfter)) continue
      // A time word before a procedure says it was done ("marrow edema after
      // core decompression"), unless the sentence plans or supposes
      // something: "follow-up after completion of chemotherapy is advised".
      // Nor does it reach past its own phrase: "following the injury, bone bruise in the condyle".
      if (
        flag === 'historical' &&
        cue.targets &&
        match.first === match.last &&
        isTimeWord(tokens, match.first) &&
        (conditionBetween(input, window, -1, tokens.length) || punctuationBetween(tokens, match.last, first))
      ) {
        continue
      }
      const distance = reach.before(match.last + 1)
      if (distance > scope || blocked(input, window, match.last, first, 'forward', flag, match.first === sentenceFirst)) continue
      if (flag === 'negated' && targets && (ofAnother(tokens, targets, match.last, first) || newClause(tokens, targets, match.last, first, last) || namedAgain(tokens, targets, input.concept, match.last, first))) continue
      if ((flag === 'negated' || flag === 'uncertain') && targets && lineAfterFinding(tokens, targets, match.last, first, first, last)) continue
      if (flag === 'negated' && hedgeBetween(input, window, match.last, first)) continue
      if ((flag === 'negated' || flag === 'historical') && inCondition(input, window, match, first)) continue
      // What a "that" clause after the cue is about is there; what it says
      // of it is denied: "nothing to suggest that the marrow oedema is due
      // to infection" (not "nothing to indicate that osteomyelitis is present").
      if (flag === 'negated' && isThat(tokens, match.last + 1) && !wordBetween(tokens, match.last + 1, first, isVerb) && isBe(tokens, last + 1) && !isSeenWord(tokens, last + 2)) continue
      // A procedure named as what another finding follows is no thing
      // denied: "no postoperative infection".
      if (flag === 'negated' && category === 'procedure' && targets && isTarget(targets, last + 1)) continue
      // "cannot exclude a stress fracture within the area of marrow edema": the edema is there.
      if (flag === 'uncertain' && targets && ofAnother(tokens, targets, match.last, first, false)) continue
      // (A change said before its own finding, "persistent marrow oedema
      // without new fracture", stands by it as a both-way cue does.)
      if ((direction === 'both' || cue.change) && targets && belongsElsewhere(tokens, targets, match, first, 'forward', input)) continue
      if (cue.change && targets && ofNextWord(tokens, targets, match, 'forward', first)) continue
      if ((cue.change || flag === 'historical') && versusBetween(tokens, match.last, first)) continue
      const said = partly(tokens, cue, match)
      applied.push({match, cue: said, distance, before: true, dropped: false})
      // A question said as the purpose of a plan is part of the plan too.
      const plan = planned(tokens, said, match, sentenceFirst)
      if (plan !== said) applied.push({match, cue: plan, distance, before: true, dropped: false})
    } else {
      if (cue.answer || direction === 'forward') {
        if (!answersLabel(text, tokens, match, last, sentenceLast)) continue
      }
      const distance = reach.after(match.first - 1)
      if (distance > scope || blocked(input, window, last, match.first, 'backward', flag)) continue
      if (targets && (!reachesBack(tokens, targets, last, match.first) || placeOfAnother(tokens, targets, first, sentenceFirst))) continue
      if ((flag === 'negated' || flag === 'uncertain') && targets && lineAfterFinding(tokens, targets, last, match.first - 1, first, last)) continue
      // "is likely" before what the finding is hedges that, not the finding:
      // "marrow oedema around the screws is likely postoperative".
      if (flag === 'uncertain' && isLikely(tokens, match.last) && isWord(tokens, match.last + 1) && !endsLikely(tokens, match.last + 1)) continue
      // A hedge after a diagnosis named as what the finding is compatible
      // with is the diagnosis's: "marrow oedema compatible with CRPS in the
      // appropriate clinical setting".
      if (flag === 'uncertain' && diagnosisBetween(tokens, last, match.first)) continue
      // A pronoun right before it is the cue's subject: "intact after this was performed".
      if (isPronoun(tokens, match.first - 1) && match.first - 1 > last) continue
      // A plan said after its procedure names it as its subject: "core
      // decompression is recommended", "physiotherapy and a brace are
      // advised", "non-weight-bearing in a CAM boot for 6 weeks is advised"
      // (words after it that say how, with no verb), "subchondroplasty or
      // arthroplasty may be considered" (an item the lexicon does not
      // name), "surgical fixation is planned" (the noun it is said of);
      // not "post-operative follow-up imaging is recommended". Nor a
      // procedure named as the time of something else: "follow-up after
      // completion of chemotherapy may be helpful".
      if (cue.targets && flag === 'hypothetical' && targets) {
        // (A duration said right before the cue is the plan's: "crutches and
        // non-weight bearing for six weeks are advised".)
        const cueStart = forPeriod(tokens, match.first)
        if (
          (!listBetween(tokens, targets, last, cueStart) &&
            !(isHow(tokens, last + 1) && !wordBetween(tokens, last, cueStart, isVerb)) &&
            !otherItem(tokens, last, cueStart) &&
            !headNoun(tokens, last, cueStart)) ||
          timeOfPlan(tokens, first)
        ) {
          continue
        }
      }
      // A past or a change said in one word right before another finding, on
      // its line, is that one's: "marrow oedema around the resolved bone
      // bruise", "beneath the treated osteochondral lesion".
      if ((cue.change || flag === 'historical') && match.first === match.last && targets && isTarget(targets, match.last + 1) && !startsLine(tokens, match.last + 1)) continue
      if (direction === 'both' && targets && belongsElsewhere(tokens, targets, match, last, 'backward', input)) continue
      if (cue.change && targets && ofNextWord(tokens, targets, match, 'backward', last)) continue
      if ((cue.change || flag === 'historical') && versusBetween(tokens, last, match.first)) continue
      // A condition between them: "evaluate for fracture if pain persists"
      // (for a plan, not another plan: "physical therapy for graded return
      // to running is recommended").
      if (conditionBetween(input, window, last, match.first, flag === 'hypothetical' && cue.targets !== undefined)) continue
      applied.push({match, cue: partly(tokens, cue, match), distance, before: false, dropped: false})
    }
  }
  return settle(input, applied)
}

/** The first token of the finding that the mention at `[first, last]` names again in brackets right after it ("osteonecrosis (AVN)"), or -1. */
function namedBefore(tokens: Tokens, targets: Targets, first: number, last: number): number {
  if (tokenCode(tokens, first - 1) !== 0x28 || tokenCode(tokens, last + 1) !== 0x29) return -1
  const mention = mentionAt(targets, first - 2)
  return mention && mention.last === first - 2 && targets.takesContext[mention.concept] === 1 ? mention.first : -1
}

/**
 * The context the cues that govern a mention (`applied`) give it, once
 * they are weighed against each other. (A function of its own so that V8
 * optimises it apart from `decideContext`: compiled as one function, the
 * two made the optimising compiler's threads keep about 9 MB more at the
 * peak of the benchmark's 10 MB input.)
 */
function settle(input: ContextInput, applied: Applied[]): ContextOutput {
  const {tokens} = input
  const context: Context = {negated: false, uncertain: false, historical: false, hypothetical: false, change: null}
  const refs: CueRef[] = []
  resolveConflicts(tokens, applied)
  // A finding the report negates before it keeps no change said after
  // another finding: "there is no fracture and the marrow edema persists"
  // (the change is the edema's; the fracture is not there to change).
  // Nor one that says it is there now ("without marrow edema, also new"
  // is the osteonecrosis's news, not the edema's).
  // Nor "unchanged" or "stable" said after it: "no marrow edema,
  // unchanged from prior" says the edema is still absent, not that it was
  // seen before (a past named right after the change goes with it).
  // "Resolved" agrees with the negation and stays: "no marrow edema,
  // resolved since the prior study".
  if (applied.some((item) => item.before && !item.dropped && flagOf(item.cue) === 'negated' && !item.cue.change)) {
    let droppedEnd = -2
    for (const item of applied) {
      if (item.before) continue
      if (item.cue.change && item.cue.change !== 'resolved') {
        item.dropped = true
        droppedEnd = item.match.last
      } else if (flagOf(item.cue) === 'historical' && item.match.first === droppedEnd + 1) {
        item.dropped = true
      }
    }
  }
  // New is not seen before: "compared with the prior study, there is new
  // marrow edema", "since the previous examination, a fracture line has
  // developed" leave the past of the comparison to the study, not the finding.
  // Nor is it unchanged when "new" is said nearer: "marrow edema, unchanged
  // since March, and a new stress fracture" (not "no new fracture and the
  // osteonecrosis is unchanged").
  let newAt = Infinity
  for (const item of applied) if (!item.dropped && item.cue.change === 'new') newAt = Math.min(newAt, item.distance)
  if (newAt !== Infinity) {
    for (const item of applied) {
      if (flagOf(item.cue) === 'historical' && (!item.cue.change || (item.cue.change === 'unchanged' && item.distance > newAt))) item.dropped = true
    }
  }
  // Nor is a change asked about: "Residual osteomyelitis?" asks whether it is there.
  if (applied.some((item) => !item.dropped && item.match.first === input.last + 1 && item.match.first === item.match.last && tokenCode(tokens, item.match.first) === 0x3f)) {
    for (const item of applied) if (item.cue.change) item.dropped = true
  }
  // A change inside a condition is not reported: "if the edema has resolved".
  if (applied.some((item) => !item.dropped && flagOf(item.cue) === 'hypothetical')) {
    for (const item of applied) if (item.cue.change) item.dropped = true
  }

  // The nearest change wins, but a larger or smaller size outranks one
  // that says the finding is still there or gone: "again noted, now
  // smaller" is decreased, "stable to slightly decreased" too. Between a
  // size and "new", what is said after the finding wins ("the erosions are
  // larger and the marrow oedema is new", "the new marrow edema has
  // increased"), else the nearer ("progressive erosions with new
  // osteitis"; a size on a tie).
  let changeDistance = Infinity
  let changeSized = false
  let changeBefore = false
  for (const item of applied) {
    if (item.dropped) continue
    const {cue, match} = item
    const flag = flagOf(cue)
    if (flag) context[flag] = true
    if (cue.alsoHistorical) context.historical = true
    const sized = cue.change === 'increased' || cue.change === 'decreased'
    const versusNew = sized !== changeSized && (cue.change === 'new' || context.change === 'new')
    const nearer = item.distance < changeDistance || (item.distance === changeDistance && sized)
    if (cue.change && (sized === changeSized ? item.distance < changeDistance : !versusNew ? sized : item.before !== changeBefore ? !item.before : nearer)) {
      context.change = cue.change
      changeDistance = item.distance
      changeSized = sized
      changeBefore = item.before
    }
    refs.push(cueRef(input, flag ?? 'change', cue.change ?? null, match.first, match.last))
    // A cue that sets two flags ("has resolved": negated and historical) is listed once per flag.
    if (cue.alsoHistorical && flag !== 'historical') refs.push(cueRef(input, 'historical', cue.change ?? null, match.first, match.last))
  }

  // A form that says the thing happened before: "postoperative changes".
  if (input.pastForm && !context.historical) {
    context.historical = true
    refs.push(cueRef(input, 'historical', null, input.first, input.last))
  }
  const section = input.section
  // A mention dated right after it is past: "biopsy-proven osteomyelitis in
  // 2022", "transient osteoporosis of the right hip in 2021". So is a fact
  // of the history, which is not the question: "subacromial steroid
  // injection in 2024", "microfracture (2022)", "core decompression in 06/2024".
  // So is one after a date that opens its sentence: "In 2019 she underwent
  // a fusion for a burst fracture".
  if (!context.historical && !context.negated && !context.uncertain && !context.change && (section?.implies === 'hypothetical' || !context.hypothetical)) {
    let date = datedAfter(input)
    if (date < 0) date = datedBefore(input)
    if (date >= 0) {
      context.historical = true
      refs.push(cueRef(input, 'historical', null, date, isDateWord(tokens, date) && isYear(tokens, date + 1) ? date + 1 : yearOf(tokens, date)))
    }
  }
  // What an earlier study is said to have shown is past, found or not:
  // "the prior MRI in 2022 demonstrated a bone bruise", "radiographs last
  // week showed no fracture".
  if (!context.historical && !context.change && (section?.implies === 'hypothetical' || !context.hypothetical)) {
    const study = reportedBefore(input)
    if (study >= 0) {
      context.historical = true
      let verb = study
      while (!reports(tokens, verb, section?.implies === 'hypothetical')) verb++
      refs.push(cueRef(input, 'historical', null, study, verb))
    }
  }
  if (section && !context[section.implies] && !(section.implies === 'hypothetical' && context.historical)) {
    context[section.implies] = true
    refs.push({category: section.implies, change: null, via: 'section', text: section.text, start: section.start, end: section.end})
  }

  sortSmall(refs, byOffset)
  return {context, cues: refs}
}

/** The reference to a cue of `category` (and `change`) at tokens `[first, last]`. */
function cueRef(input: ContextInput, category: CueRef['category'], change: CueRef['change'], first: number, last: number): CueRef {
  const start = input.tokens.start[first] ?? 0
  const end = input.tokens.end[last] ?? 0
  return {category, change, via: 'cue', text: input.text.slice(start, end), start, end}
}

const isFurther = wordSet('further')
const isEdema = wordSet('edema oedema')

/** Whether token `index` reads as a plural: it ends in "s", but not in "ss", "is" or "us" ("bruises", "BMLs"; not "abscess", "arthritis"). */
function endsPlural(tokens: Tokens, index: number): boolean {
  const end = tokens.end[index] ?? 0
  if (!isWord(tokens, index) || end - (tokens.start[index] ?? 0) < 3 || (tokens.text.charCodeAt(end - 1) | 0x20) !== 0x73) return false
  const before = tokens.text.charCodeAt(end - 2) | 0x20
  return before !== 0x73 && before !== 0x69 && before !== 0x75
}

/** Words that say a date is this scan's, not an earlier one: "on today's MRI (15/03/2025)". */
const isNow = wordSet("today today's current this now present")

/** Whether token `index` says now (`isNow`): "this" only of a study or a time ("this MRI", "this time"; not "this knee"). */
function saysNow(tokens: Tokens, index: number): boolean {
  return isNow(tokens, index) && !(isThis(tokens, index) && !isStudyWord(tokens, index + 1) && !isTimeNoun(tokens, index + 1))
}
const isThis = wordSet('this')
const isTimeNoun = wordSet('time point stage admission visit')

/** The last token of the date that starts at token `index`: the year of a date in figures ("14.03.2024"), else the token itself. */
function yearOf(tokens: Tokens, index: number): number {
  if (!numericDate(tokens, index)) return index
  let at = index
  while (!isYear(tokens, at)) at += 2
  return at
}

/**
 * The first token of a date within four words after the mention, with no
 * punctuation or verb between (an opening bracket may stand there), or -1:
 * a year, a date in figures, or a month after "in" or "on" ("in
 * December"). A place named after the mention counts as one word ("of the
 * right hip in 2021"). After a verb the date is what the verb says
 * happened ("were recommended in 2022"), except in a history, where all
 * that happened is past: there the date may stand eight words on, after a
 * verb or a comma, before any other finding ("Septic arthritis of the
 * ankle washed out on 02/06/2024").
 */
function datedAfter(input: ContextInput): number {
  const {tokens, targets} = input
  const history = input.section?.implies === 'hypothetical'
  const mentions = targets?.mentions ?? []
  // The next mention after this one (they are in text order).
  let next = lowerBound(mentions, input.last + 1)
  let words = 0
  // Past what reaches a date outside a history.
  let further = false
  for (let index = input.last + 1; index <= input.sentenceLast; index++) {
    const word = isWord(tokens, index)
    if (((tokens.flags[index] ?? 0) & STARTS_DIGIT) !== 0) {
      if (isYear(tokens, index) || numericDate(tokens, index)) return index
    } else if (word && isDateWord(tokens, index) && isOnOrIn(tokens, index - 1)) {
      return index
    }
    if (word ? saysNow(tokens, index) : tokenCode(tokens, index) !== 0x28 && !(history && isComma(tokens, index))) return -1
    if (word && (++words > 4 || isVerb(tokens, index))) {
      if (!history || words > 8) return -1
      further = true
    }
    if (!word && tokenCode(tokens, index) !== 0x28) further = true
    // A place (a mention that takes no context) is one word; a history's
    // date reaches no finding past another once past a comma, a verb or four words.
    const mention = mentions[next]
    if (mention?.first === index) {
      next++
      if (targets?.takesContext[mention.concept] !== 1) index = mention.last
      else if (further) return -1
    }
  }
  return -1
}

/**
 * The first token of a date that opens the mention's sentence, or -1: "In
 * 2019 she underwent a fusion for a burst fracture", "On 03/2024 a stress
 * fracture was seen", "In March 2024, ...", "On the 2022 MRI, ...", "On
 * the MRI of 2022, ...": "in" or "on", then a year, a date in figures or
 * a month, perhaps after "the" and a study's name. What the sentence says
 * before the mention is then past, unless a word of the present ("now",
 * "this MRI"), a clause word ("but", "which") or a semicolon comes between.
 */
function datedBefore(input: ContextInput): number {
  const {tokens} = input
  const open = input.sentenceFirst
  if (!isOnOrIn(tokens, open)) return -1
  let date = open + 1
  if (isThe(tokens, date)) date += isStudyWord(tokens, date + 1) && isOf(tokens, date + 2) ? 3 : 1
  if (!(isYear(tokens, date) || numericDate(tokens, date) || (isDateWord(tokens, date) && isYear(tokens, date + 1)))) return -1
  for (let index = yearOf(tokens, date) + 1; index < input.first; index++) {
    if (isWord(tokens, index) ? saysNow(tokens, index) || endsReport(tokens, index) : tokenCode(tokens, index) === 0x3b) return -1
  }
  return date
}

/** Verbs by which a study reports what it found ("the prior MRI showed ...", "CT shows ..."). */
const isReportVerb = wordSet('showed demonstrated revealed confirmed described shows show demonstrates demonstrate reveals reveal confirms confirm')
/** Words that name a study as earlier right before its study word ("the prior MRI"), with `isEarlierStudy`. */
const isPriorStudy = wordSet('prior previous last old')
/** Words that end the clause a report verb opens ("the prior MRI showed a bone bruise but ..."). */
const endsReport = wordSet('but however although though whereas while which yet currently')
const isWhich = wordSet('which')
/** Whether token `index` is a "which" right after a comma (see `reachesBack`). */
const commaWhich = (tokens: Tokens, index: number): boolean => isWhich(tokens, index) && isComma(tokens, index - 1)
/** Spans of time after "last" that date a study ("radiographs last week"). */
const isPeriod = wordSet('week weeks month months year years')
const isFor = wordSet('for')

/** Where "for" starts a duration that ends right before token `index` ("for six weeks"), or `index` itself. */
function forPeriod(tokens: Tokens, index: number): number {
  return isPeriod(tokens, index - 1) && isFor(tokens, index - 3) ? index - 3 : index
}
/** "the past" ("a DEXA scan in the past showed"). */
const isPast = wordSet('past')
/** How many words after its verb an earlier study's report reaches (`reportedBefore`). */
const REPORT_REACH = 20

/**
 * The first token of an earlier study that the mention is reported by, or
 * -1: the mention stands in what a past verb says ("showed",
 * "demonstrated", "revealed", ...; in a history the present too, see
 * `reports`) with no other verb, full stop or clause word between, and
 * the verb's subject is a study named as earlier ("the
 * prior MRI", "an outside scan", "the pre-operative MRI") or dated ("an MRI
 * in 2023", "radiographs 2 weeks ago", "the MRI of 3 March 2024 of the
 * left knee"). So "Prior MRI in 2022 demonstrated a bone bruise" is past,
 * in a history too, where it is a fact and not the question; "an MRI of the
 * knee showed" (a study not said to be earlier) and "this study shows" are
 * not.
 */
function reportedBefore(input: ContextInput): number {
  const {tokens, first, sentenceFirst, sentenceLast} = input
  const history = input.section?.implies === 'hypothetical'
  // Most sentences have no report verb: each is searched once.
  const scan = input.reportScan
  if (scan) {
    if (scan.sentence !== sentenceFirst) {
      scan.sentence = sentenceFirst
      scan.verb = -1
      for (let index = sentenceFirst; index <= sentenceLast && scan.verb < 0; index++) if (reports(tokens, index, history)) scan.verb = index
    }
    if (scan.verb < 0 || scan.verb >= first) return -1
  }
  // The verb first, then what stands between.
  let verb = -1
  for (let index = first - 1, words = 0; index >= sentenceFirst && words <= REPORT_REACH && verb < 0; index--) {
    if (isWord(tokens, index)) {
      words++
      if (reports(tokens, index, history)) verb = index
    } else if (!isComma(tokens, index)) {
      return -1
    }
  }
  if (verb < 0) return -1
  for (let index = verb + 1; index < first; index++) if (isVerb(tokens, index) || saysNow(tokens, index) || endsReport(tokens, index)) return -1
  // The subject: a study word within eight tokens before the verb, dated
  // between the two or named as earlier right before it (in a history,
  // any study: this one is not described there).
  let dated = history
  for (let index = verb - 1; index >= sentenceFirst && index >= verb - 8; index--) {
    if (!isWord(tokens, index)) {
      const code = tokenCode(tokens, index)
      if (code !== 0x2f && code !== 0x2e && code !== 0x28 && code !== 0x29) return -1
      continue
    }
    if (isYear(tokens, index) || isDateWord(tokens, index) || (isPriorStudy(tokens, index) && isPeriod(tokens, index + 1)) || (isPast(tokens, index) && isThe(tokens, index - 1))) dated = true
    else if (isStudyWord(tokens, index)) {
      if (isEarlierStudy(tokens, index - 1) || isPriorStudy(tokens, index - 1)) return index - 1
      if (isOperative(tokens, index - 1) && isPre(tokens, index - 2)) return index - 2
      return dated ? index : -1
    } else if (isVerb(tokens, index)) return -1
  }
  return -1
}

/** Whether token `index` is a verb by which a study reported (`isReportVerb` in the past; in a history, in the present too: "CT shows an L1 burst fracture"). */
function reports(tokens: Tokens, index: number, history: boolean): boolean {
  return isReportVerb(tokens, index) && (history || tokens.text.charCodeAt((tokens.end[index] ?? 0) - 1) === 0x64)
}

// Comparators made once, not per call.
const byOffset = (a: CueRef, b: CueRef): number => a.start - b.start || a.end - b.end
const byFirst = (a: Applied, b: Applied): number => a.match.first - b.match.first

/** Whether any of `matches` overlaps tokens `[first, last]`. */
function overlapsAny(matches: readonly PhraseMatch[], first: number, last: number): boolean {
  for (const match of matches) if (match.last >= first && match.first <= last) return true
  return false
}

/** Whether `window` holds no cue but pseudo-cues and terminators, none of them overlapping tokens `[first, last]`. */
function onlyBounds(cues: readonly Cue[], window: readonly PhraseMatch[], first: number, last: number): boolean {
  for (const match of window) {
    const category = cues[match.payload]?.category
    if ((category !== 'pseudo' && category !== 'terminator') || (match.last >= first && match.first <= last)) return false
  }
  return true
}

/** The cue matches that lie wholly within tokens `[low, high]`. */
function windowOf(matches: readonly PhraseMatch[], low: number, high: number): PhraseMatch[] {
  const window: PhraseMatch[] = []
  for (let index = lowerBound(matches, low); index < matches.length; index++) {
    const match = matches[index]
    if (!match || match.first > high) break
    if (match.last <= high) window.push(match)
  }
  return window
}

/**
 * Negation and hedge chains and opposite cues, among the cues before the
 * mention (in text order). A cue reached from a negation through nothing
 * but "or", "and", "nor", "any" and other chained cues is negated and
 * dropped ("no new edema"); so is a change reached the same way from a hedge
 * ("possible new edema"). Otherwise a later cue of an opposing kind, after
 * punctuation, "and" or "with", cuts the earlier one's scope: hedges,
 * changes and the past cut a negation; a negation cuts a hedge, a change
 * or the past ("new since 2024, with no collapse");
 * "new" cuts the past; a change cuts a resolution. Conditions are never cut.
 */
function resolveConflicts(tokens: Tokens, applied: Applied[]): void {
  // A cue alone has nothing to conflict with.
  if (applied.length < 2) return
  const before: Applied[] = []
  for (const item of applied) if (item.before) before.push(item)
  sortSmall(before, byFirst)
  // A chain starts at a negation, which drops every cue it reaches, or at
  // a hedge, which drops the changes it reaches: "assess for resolution of
  // the edema" and "possible new edema" ask about a change, they report none.
  let chainEnd = -1
  let hedge = false
  for (const item of before) {
    const flag = flagOf(item.cue)
    if (flag === 'negated' && !item.cue.change) {
      chainEnd = item.match.last
      hedge = false
      continue
    }
    // The past stays: "denies prior injury" denies an injury in the past,
    // as "no prior injury" does.
    if (chainEnd >= 0 && chained(tokens, chainEnd, item.match.first) && flag !== 'hypothetical' && (!hedge || item.cue.change) && (flag !== 'historical' || item.cue.change)) {
      item.dropped = true
      chainEnd = item.match.last
      continue
    }
    if (flag === 'uncertain' && !item.cue.change) {
      chainEnd = item.match.last
      hedge = true
      continue
    }
    chainEnd = -1
  }
  for (const item of before) {
    if (item.dropped) continue
    const flag = flagOf(item.cue)
    if (flag === 'hypothetical') continue
    const negation = flag === 'negated' && !item.cue.change
    // A history label ("SOCIAL HISTORY: denies tobacco") heads its field the
    // way a section heading does: a negation inside the field keeps the past.
    if (flag === 'historical' && isLabelCue(tokens, item.match.last)) continue
    for (const later of before) {
      if (later.dropped || later.match.first <= item.match.last) continue
      const laterFlag = flagOf(later.cue)
      const laterNegation = laterFlag === 'negated' && !later.cue.change
      // "resolved, with new marrow oedema": what is new has not resolved.
      // (What is new is not the past either: `settle` drops every past cue
      // without a change of its own when a "new" one applies.)
      const opposes = negation
        ? !laterNegation && laterFlag !== 'hypothetical'
        : (laterNegation && (flag === 'uncertain' || flag === 'historical' || item.cue.change !== undefined)) ||
          // "persistent ankle pain, r/o osteochondral lesion": the question is not the past.
          (laterFlag === 'uncertain' && !later.cue.change && (flag === 'historical' || (flag === undefined && item.cue.change !== undefined))) ||
          (item.cue.change === 'resolved' && later.cue.change !== undefined && later.cue.change !== 'resolved')
      if (opposes && (separated(tokens, item.match.last, later.match.first) || gapBetween(tokens, item.match.last, later.match.first, isWithOrWithout))) {
        item.dropped = true
        break
      }
    }
  }
}

/**
 * Whether a list or clause boundary (punctuation or "and") stands between
 * tokens `from` and `to` (exclusive): "no effusion, unchanged edema" and
 * "history of fracture and no edema" are two statements; "does not give a
 * history of deafness" and "no findings suggesting osteomyelitis" are one.
 */
function separated(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) {
    if (tokens.kind[index] === PUNCT || isAnd(tokens, index)) return true
  }
  return false
}

/**
 * Whether a backward cue at token `cue` reaches the mention that ends at
 * token `last`. The finding nearest before the cue is the cue's own; when
 * a comma and words part the mention from it, the cue does not reach the
 * mention: "marrow edema in the calcaneus, osteomyelitis is excluded"
 * excludes the osteomyelitis only, and "insufficiency fracture of the
 * condyle with surrounding edema, osteonecrosis is not suspected" leaves
 * the fracture alone. A list reaches every item: "fracture, contusion or
 * marrow edema is not seen", "marrow edema and a fracture are excluded",
 * "fracture of the talus, osteochondral lesion or marrow edema is not
 * identified" (an "or" or "nor" makes it a list); so does an aside: "the
 * bone bruise, with surrounding marrow edema, is unchanged" (a comma after
 * the cue's own finding).
 */
function reachesBack(tokens: Tokens, targets: Targets, last: number, cue: number): boolean {
  let own = cue - 1
  while (own > last && !isTarget(targets, own)) own--
  if (own <= last) return true
  // A ", which" clause is its own finding's: "osteonecrosis with new
  // articular collapse, which was not present previously" (not "both of
  // which").
  if (wordBetween(tokens, own, cue, commaWhich)) return false
  let words = false
  let comma = false
  // A clause of the mention's own ends before the cue's finding: a verb
  // ("the stress reaction has progressed and a fracture line is not
  // identified"), or "and a" / "and the" before a finding the cue says
  // "is" of ("bone bruising of the condyle and a fracture line is not
  // demonstrated"; "a fracture and a bone bruise are not seen" is a list).
  const singular = isSingular(tokens, cue - 1)
  for (let index = last + 1; index < own; index++) {
    if (isTarget(targets, index)) continue
    if (isWord(tokens, index)) {
      if (isVerb(tokens, index) || (singular && isAnd(tokens, index) && (isArticle(tokens, index + 1) || isThe(tokens, index + 1)))) return false
      words ||= !isListWord(tokens, index)
    } else if (tokenCode(tokens, index) === 0x3a) {
      // A label before a colon is not what the cue after the colon says of
      // its own finding: "healing stress fracture: fracture line no longer seen".
      return false
    } else if (isComma(tokens, index)) {
      // ", and the" opens a clause of the cue's own finding: "no fracture,
      // and the bone contusion seen previously is no longer present".
      if (isAnd(tokens, index + 1) && (isArticle(tokens, index + 2) || isThe(tokens, index + 2))) return false
      comma = true
    }
  }
  if (!comma) return true
  // A bare comma with no list word before the cue is no list either:
  // "marrow edema in the distal phalanx adjacent to the ulcer,
  // osteomyelitis cannot be excluded" hedges the osteomyelitis only.
  const list = !words ? isListWord : isOr
  return wordBetween(tokens, last, cue, list) || gapBetween(tokens, own, cue)
}

/**
 * Whether the mention that starts at token `first` is where the thing a
 * negation before it (ending at token `cue`) denies would be, or what that
 * thing is of: "no displacement of the fracture fragments", "no fracture
 * line within the area of marrow edema", "no fracture line through the
 * bone bruise", "no cortical breach at the site of the stress reaction"
 * deny the displacement, the line and the breach; the mention is there.
 * "of" needs "the" ("no symptoms of infection" goes on), and words that
 * only measure or attest what follows pass the negation on ("no evidence
 * of the", "no area of the"); so does a list or a clause after the place
 * ("no tear of the ligament or bone contusion", "no disruption of the
 * cortex to indicate fracture"). A hedge stops at a place too ("cannot
 * exclude a stress fracture within the area of marrow edema"), and at "in"
 * after another finding ("suspected osteomyelitis in a diabetic foot
 * ulcer"; not "possible increase in the edema"), but not at "of the" (`of`
 * false): "assess for resolution of the edema" asks about the edema.
 */
function ofAnother(tokens: Tokens, targets: Targets, cue: number, first: number, of = true): boolean {
  for (let index = cue + 2; index < first; index++) {
    // (Words inside a finding's name are not about another: "no increased
    // T2 signal within the marrow or fracture".)
    if (!isWord(tokens, index - 1) || isTarget(targets, index)) continue
    const end = of ? placeEnd(tokens, index) : isOf(tokens, index) ? -1 : isInOrAt(tokens, index) && isTarget(targets, index - 1) ? index : placeEnd(tokens, index)
    if (end < 0) continue
    // Only the place itself: after a list or a clause the negation goes on
    // ("no signal within the marrow compatible with osteonecrosis").
    for (let after = end + 1; after < first; after++) {
      if (isTarget(targets, after)) continue
      if (!isWord(tokens, after) || goesOn(tokens, after)) return false
    }
    return true
  }
  return false
}

/**
 * Whether the mention that starts at token `first` names where another
 * finding before it is: "the marrow edema surrounding the fracture has
 * resolved", "marrow edema at the fracture site is no longer seen", "the
 * oedema around the right sacral insufficiency fracture has resolved". A cue
 * after it is about that other finding (a negation before it knows this
 * already, see `ofAnother`).
 */
function placeOfAnother(tokens: Tokens, targets: Targets, first: number, sentenceFirst: number): boolean {
  for (let place = first - 1; place >= Math.max(sentenceFirst, first - 6); place--) {
    const end = placeEnd(tokens, place)
    // Side and bone words may stand between ("around the right sacral insufficiency fracture"), no other finding.
    if (end < 0 || end >= first || !compoundBetween(tokens, end, first) || targetBetween(targets, end, first)) continue
    for (let index = place - 1; index >= Math.max(sentenceFirst, place - PLACE_OF_REACH); index--) {
      if (isTarget(targets, index)) return true
      if (!isWord(tokens, index) || isVerb(tokens, index) || isAnd(tokens, index)) return false
    }
    return false
  }
  return false
}

/** Words that link or part phrases rather than describe a noun (see `compoundBetween`): "radiotherapy rather than tumour progression". */
const isLinkWord = wordSet('and or nor but with without of in at on to for from by as than rather versus vs not no')

/** How many tokens before a place word `placeOfAnother` looks for the finding it places. */
const PLACE_OF_REACH = 8

/**
 * The last token of words at token `index` that name where something is
 * or what it is of ("of the", "within", "within the", "through the",
 * "along the", "around the", "beneath the", "at the", "adjacent to the",
 * "in the region of", "at the site of", "in the area of"), or -1.
 */
function placeEnd(tokens: Tokens, index: number): number {
  if (isOf(tokens, index)) return isThe(tokens, index + 1) && !passesOn(tokens, index - 1) ? index + 1 : -1
  if (isInside(tokens, index)) return isThe(tokens, index + 1) ? index + 1 : index
  if (isAlong(tokens, index) || isAround(tokens, index)) return isThe(tokens, index + 1) ? index + 1 : -1
  if (isAdjacent(tokens, index) && isTo(tokens, index + 1)) return isThe(tokens, index + 2) ? index + 2 : -1
  if (isInOrAt(tokens, index) && isThe(tokens, index + 1) && isPlace(tokens, index + 2) && isOf(tokens, index + 3)) return index + 3
  return -1
}

/**
 * Whether the mention at tokens `[first, last]` opens a clause of its own
 * after a negation that ends at token `cue`: after "and the" or ", the"
 * with no list going on between ("there is no fracture and the marrow
 * edema persists": "the" says the edema is there), after "and" with its
 * own "is seen" ("there is no fracture and bone marrow edema is seen in
 * the tibia"; "no fracture or marrow edema is seen" is one list), or
 * after ", and" that follows the one thing denied.
 */
function newClause(tokens: Tokens, targets: Targets, cue: number, first: number, last: number): boolean {
  // (Not after a list with commas: "no fracture, dislocation and bone bruise is seen" is one list.)
  if (isAnd(tokens, first - 1) && saysSeen(tokens, last + 1) && !gapBetween(tokens, cue, first - 1)) return true
  // (After any list: "no marrow edema in the condyles or patella, and osteoarthritis is mild".)
  if (isAnd(tokens, first - 1) && isIs(tokens, last + 1) && isGrade(tokens, last + 2)) return true
  // The clause may have begun at a finding before this one: "no displaced
  // fracture and marrow edema surrounds the stress fracture".
  const mentions = targets.mentions
  for (let at = lowerBound(mentions, cue + 2); at < mentions.length && (mentions[at] as Mention).last < first; at++) {
    const other = mentions[at] as Mention
    if (targets.takesContext[other.concept] === 1 && isAnd(tokens, other.first - 1) && saysSeen(tokens, other.last + 1) && !gapBetween(tokens, cue, other.first - 1)) return true
  }
  for (let index = cue + 1; index < first - 1; index++) {
    if (opensDefinite(tokens, index) && !goesOnBetween(tokens, index + 1, first)) return true
    // In dictation without punctuation, "the" or a grade right after a
    // finding or place starts the next statement: "there is no new fracture
    // the previously seen osteochondral lesion is again seen", "no marrow
    // edema medial compartment mild osteoarthritis".
    if (endsMention(targets, index) && (isThe(tokens, index + 1) || isGrade(tokens, index + 1)) && !goesOnBetween(tokens, index + 1, first)) return true
    // ", and" after the one thing denied: "there is no fracture, and bone
    // marrow edema is present" (a list has a comma between its items
    // before it: "no fracture, contusion, and marrow edema").
    if (isComma(tokens, index) && isAnd(tokens, index + 1)) return targetBetween(targets, cue, index) && !gapBetween(tokens, cue, index)
  }
  return false
}


/** Words that may stand before a finding at the start of its line (see `lineAfterFinding`). */
const isLineOpener = wordSet('a an the some small large subtle diffuse focal patchy faint mild moderate severe marked extensive minimal')

/**
 * Whether a statement ends at a line break between tokens `from` and `to`,
 * a negation or hedge and its finding (either way round): a line ends with
 * a finding and the next opens with one, with nothing between them but the
 * line break (or a few words such as "mild" before the second), as in a
 * report of one statement a line without full stops ("No fracture⏎bone
 * marrow edema in the talus", "Stress fracture⏎marrow edema is absent"). A
 * list that wraps has a word or mark between its items ("no fracture or⏎bone
 * marrow edema", "no fracture,⏎marrow edema or effusion").
 */
function lineAfterFinding(tokens: Tokens, targets: Targets, from: number, to: number, first: number, last: number): boolean {
  const {mentions, takesContext} = targets
  // Whether the finding that starts at token `start` opens its line (after
  // up to three openers) and a finding ends the line before: another
  // mention, or the one whose context is decided (tokens `first` to `last`,
  // which `detectContext` does not list among the targets).
  const opensLine = (start: number): boolean => {
    let opens = start
    while (!startsLine(tokens, opens) && opens > from + 1 && opens > start - 3 && isLineOpener(tokens, opens - 1)) opens--
    // (A list item goes on from the line that leads into it: see `leadInFirst`.)
    return startsLine(tokens, opens) && opens > from && (opens - 1 === last || isTarget(targets, opens - 1)) && !gap(tokens.text, tokens.end[opens - 1] ?? 0, tokens.start[opens] ?? 0).bullet
  }
  if (first > from && first <= to && opensLine(first)) return true
  for (let at = lowerBound(mentions, from + 1); at < mentions.length && (mentions[at] as Mention).first <= to; at++) {
    const other = mentions[at] as Mention
    if (takesContext[other.concept] === 1 && other.first !== first && opensLine(other.first)) return true
  }
  return false
}

/**
 * Whether a cue (a negation, a past) is said inside a condition that a
 * comma closes before the finding at token `first`: the cue is the
 * condition's ("if there is no improvement, core decompression could be
 * considered", "if there is a history of steroid use, osteonecrosis ...").
 * "In the absence of" opens such a condition too: "in the absence of
 * trauma, the marrow oedema is more likely to represent a stress response".
 */
function inCondition(input: ContextInput, window: readonly PhraseMatch[], cue: PhraseMatch, first: number): boolean {
  const {tokens} = input
  if (!gapBetween(tokens, cue.last, first)) return false
  // A negation after "in the" ("in the absence of") opens a condition.
  const opens = (match: PhraseMatch): boolean => input.cues[match.payload]?.category === 'negated' && isInOrAt(tokens, match.first - 2) && isThe(tokens, match.first - 1)
  if (opens(cue)) return true
  for (const match of window) {
    const opener = input.cues[match.payload]
    if (match.last >= cue.first || !(opener?.category === 'hypothetical' ? (opener.direction ?? 'forward') === 'forward' : opens(match))) continue
    if (!gapBetween(tokens, match.last, cue.first)) return true
  }
  return false
}

/**
 * Whether a hedge said before the finding at token `first` stands between
 * it and a negation ending at token `cue`: the hedge is what the report
 * says of that finding ("the absence of marrow edema argues against a
 * stress fracture", "no fracture, possibly a bone bruise"). Not a hedge that
 * says what the negated thing would show ("no marrow edema to suggest a
 * fracture", "no signal suspicious for osteonecrosis"), nor one after a
 * list word: the negation goes on.
 */
function hedgeBetween(input: ContextInput, window: readonly PhraseMatch[], cue: number, first: number): boolean {
  const {tokens} = input
  for (const match of window) {
    if (match.first <= cue || match.last >= first) continue
    const hedge = input.cues[match.payload]
    if (hedge?.category !== 'uncertain' || (hedge.direction ?? 'forward') !== 'forward') continue
    if (goesOn(tokens, match.first) || isTo(tokens, match.first - 1)) continue
    // (Nor one inside the list the negation heads: "no fracture or possible bone bruise".)
    if (isListWord(tokens, match.first - 1)) continue
    return true
  }
  return false
}

/**
 * Whether the finding at token `first` was named already between a
 * negation ending at token `cue` and it, with no "or" or "nor" after that:
 * a list does not name a thing twice, so the second is a statement of its
 * own ("No marrow edema in the talus, marrow edema in the calcaneus"; "no
 * fracture of the tibia or fracture of the fibula" is one list).
 */
function namedAgain(tokens: Tokens, targets: Targets, concept: number | undefined, cue: number, first: number): boolean {
  if (concept === undefined) return false
  const {mentions} = targets
  for (let index = lowerBound(mentions, cue + 1); index < mentions.length && (mentions[index] as Mention).last < first; index++) {
    const other = mentions[index] as Mention
    if (other.concept !== concept) continue
    return !wordBetween(tokens, other.last, first, isOr)
  }
  return false
}

/**
 * Words after which a negation goes on to a finding: a list ("or", "and",
 * "nor"), or a word that says the finding is what the negated thing would
 * show ("to suggest", "compatible with", "indicating", "representing").
 */
const goesOn = wordSet(
  'and or nor to compatible consistent indicative indicating representing suggesting suggestive concerning suspicious ' +
  'typical characteristic diagnostic worrisome keeping'
)

/** Whether punctuation, or a word after which a negation goes on (`goesOn`), stands between tokens `from` and `to` (exclusive). */
function goesOnBetween(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) if (!isWord(tokens, index) || goesOn(tokens, index)) return true
  return false
}

/** Degree words that make a resolution partial: "has settled significantly", "has cleared partially". */
const isPartial = wordSet('significantly markedly partially partly substantially somewhat slightly considerably largely mostly little a')

/** The change-only form of each resolving cue, made once (see `partly`). */
const partialCues = new WeakMap<Cue, Cue>()

/**
 * `cue`, or a cue that reports a change only: a decrease for a resolution
 * followed by a degree word or "but not" ("the marrow oedema has settled
 * significantly, with a small residual area" is smaller, not gone), new for
 * "not present" said of a dated earlier study.
 */
function partly(tokens: Tokens, cue: Cue, match: PhraseMatch): Cue {
  if (cue.change === 'resolved' && (isPartial(tokens, match.last + 1) || butNot(tokens, match.last + 1))) return derivedCue(cue, 'change', 'decreased', partialCues)
  // "not present on the MRI of 2023": absent then, so new now.
  if (cue.category === 'negated' && !cue.change && (cue.direction ?? 'forward') === 'backward' && datedStudy(tokens, match.last + 1)) return derivedCue(cue, 'change', 'new', newCues)
  return cue
}

/** The change-only form of each "not present" cue said of a dated study, made once (see `partly`). */
const newCues = new WeakMap<Cue, Cue>()

/** Words that make a sentence a plan: "Recommend repeat MRI ...", "Follow-up imaging ...". */
const isPlanWord = wordSet('recommend recommended recommends recommendation advise advised advises repeat follow')
/** The plan form of each question said as a purpose, made once (see `planned`). */
const planCues = new WeakMap<Cue, Cue>()

/**
 * A hypothetical cue for a question said as the purpose of a plan ("to
 * exclude", "to assess for", "to evaluate for"), else `cue` itself: "Recommend repeat MRI in
 * 3 months to exclude progression to collapse", "Follow-up imaging is
 * suggested to assess for collapse" ask what the planned study will show,
 * so the finding is both in question and part of the plan. Without a plan
 * word before it in its sentence, the question is only a hedge.
 */
function planned(tokens: Tokens, cue: Cue, match: PhraseMatch, sentenceFirst: number): Cue {
  if (cue.category !== 'uncertain' || !(isTo(tokens, match.first) || isTo(tokens, match.first - 1))) return cue
  if (!wordBetween(tokens, sentenceFirst - 1, match.first, isPlanWord)) return cue
  return derivedCue(cue, 'hypothetical', undefined, planCues)
}

/** `cue` as one of `category` that reports `change` (or none), made once per cue in `made`. */
function derivedCue(cue: Cue, category: 'hypothetical' | 'change', change: 'decreased' | 'new' | undefined, made: WeakMap<Cue, Cue>): Cue {
  let derived = made.get(cue)
  if (!derived) {
    derived = {phrases: cue.phrases, category, direction: cue.direction, change}
    made.set(cue, derived)
  }
  return derived
}

/** Whether "but not" (or "but persists", "but remains") follows token `index` in its clause, within eight words: "has resolved in the medial but not the lateral condyle". */
function butNot(tokens: Tokens, index: number): boolean {
  for (let at = index; at < index + 8 && at < tokens.length && isWord(tokens, at); at++) {
    if (isBut(tokens, at) && isButWhat(tokens, at + 1)) return true
  }
  return false
}

/** Words that name a study as earlier than this one ("the preoperative study", "the initial MRI"). */
const isEarlierStudy = wordSet('preoperative initial original baseline outside earlier first index')
const isPre = wordSet('pre')
const isOperative = wordSet('operative op')

/** Words for an earlier study, and what dates one. */
const isStudyWord = wordSet('mri study scan examination exam imaging ct radiograph radiographs rays films ultrasound biopsy pet')
const isDateWord = wordSet(
  // ("May" is left out: "not seen on this scan, may be occult".)
  'ago dated january february march april june july august september october november december jan feb mar apr jun jul aug sep sept oct nov dec'
)

/**
 * Whether tokens from `index` name a dated earlier study: "on the MRI of 3
 * months ago", "on the MRI from 2023", "on the 2023 MRI", "on the scan
 * dated ...", "on the MRI from January": "on" or "in", a study word and,
 * within four words of it, a year, a month but May, "ago" or "dated"; or
 * "in" and a year or a date ("was not present in 2022", "in 09/2024"); or
 * a study named as earlier ("on the preoperative study").
 */
function datedStudy(tokens: Tokens, index: number): boolean {
  if (!isOnOrIn(tokens, index)) return false
  if (isYear(tokens, index + 1) || numericDate(tokens, index + 1)) return true
  // "on the preoperative study", "on the pre-operative MRI", "on the
  // initial MRI": a study named as earlier.
  const named = isThe(tokens, index + 1) ? index + 2 : index + 1
  const earlier = isEarlierStudy(tokens, named) ? named : isPre(tokens, named) && isOperative(tokens, named + 1) ? named + 1 : -1
  if (earlier >= 0 && isStudyWord(tokens, earlier + 1)) return true
  let study = -1
  for (let at = index + 1; at <= index + 3 && at < tokens.length && study < 0; at++) if (isStudyWord(tokens, at)) study = at
  if (study < 0) return false
  for (let at = index + 1; at <= study + 4 && at < tokens.length; at++) {
    if (at !== study && (isDateWord(tokens, at) || isYear(tokens, at))) return true
  }
  return false
}

/**
 * Whether a date in figures with its year starts at token `index`:
 * "09/2024", "14.03.2024", "3/5/2023" (numbers parted by "/" or ".", the
 * last a year).
 */
function numericDate(tokens: Tokens, index: number): boolean {
  for (let at = index; at < tokens.length && at <= index + 4; at += 2) {
    if (((tokens.flags[at] ?? 0) & STARTS_DIGIT) === 0) return false
    if (isYear(tokens, at)) return at > index
    const mark = tokenCode(tokens, at + 1)
    if (mark !== 0x2f && mark !== 0x2e) return false
  }
  return false
}

/** Whether token `index` is a year of the last century or this one: four digits from "19" or "20" (not "1000 mg"). */
function isYear(tokens: Tokens, index: number): boolean {
  const flags = tokens.flags[index] ?? 0
  if ((flags & STARTS_DIGIT) === 0 || (flags & (HAS_UPPER | HAS_LOWER)) !== 0 || (tokens.end[index] ?? 0) - (tokens.start[index] ?? 0) !== 4) return false
  const start = tokens.start[index] ?? 0
  const first = tokens.text.charCodeAt(start)
  const second = tokens.text.charCodeAt(start + 1)
  return (first === 0x31 && second === 0x39) || (first === 0x32 && second === 0x30)
}

const isSimilar = wordSet('similar')
const isPlaceWord = wordSet('in at involving within along')

/**
 * Whether a bare "similar" compares places in this scan, not times: before
 * a place within a few words ("with a similar pattern in the tibial
 * plateau", "similar marrow edema is seen in the calcaneus"), in a sentence
 * that names no earlier study. "Osteonecrosis appears similar", "has a
 * similar appearance", "of similar size" and "similar to 2022" compare
 * with an earlier study.
 */
function similarWithin(tokens: Tokens, cue: PhraseMatch, sentenceFirst: number, sentenceLast: number): boolean {
  if (namesComparison(tokens, sentenceFirst, sentenceLast)) return false
  for (let index = cue.last + 1; index <= sentenceLast && index <= cue.last + 6; index++) if (isPlaceWord(tokens, index)) return true
  return false
}

/** Whether only punctuation stands before the cue in its sentence (which starts at token `sentenceFirst`). */
function opensSentence(tokens: Tokens, cue: PhraseMatch, sentenceFirst: number): boolean {
  for (let index = sentenceFirst; index < cue.first; index++) if (isWord(tokens, index)) return false
  return true
}

/** Words that point to an earlier time. */
const EARLIER = 'prior previous previously before earlier last baseline ago'
/** Words after "than" that make a comparison one with an earlier study ("than it was on the previous study"). */
const isEarlier = wordSet(`${EARLIER} was were study examination exam scan mri imaging`)
const isThan = wordSet('than')
const isArticle = wordSet('a an')
/** Comparative adjectives, which compare places as often as times ("an increased amount" says a change). */
const isComparative = wordSet('smaller larger bigger extensive prominent pronounced conspicuous marked worse')
/** Words that name a comparison with an earlier study, anywhere in a sentence. */
const isComparing = wordSet(`${EARLIER} now interval compared comparison since than again`)

/** Whether a side ("right", "left", "medially", "laterally" ...) is named within three words after token `index`. */
function sideAfter(tokens: Tokens, index: number, sentenceLast: number): boolean {
  for (let after = index + 1; after <= Math.min(sentenceLast, index + 4); after++) if (isSide(tokens, after)) return true
  return false
}

const isSide = wordSet('right left side medially laterally anteriorly posteriorly superiorly inferiorly centrally peripherally')

/** Whether the sentence (tokens `[from, to]`) names a comparison with an earlier study. */
function namesComparison(tokens: Tokens, from: number, to: number): boolean {
  return wordBetween(tokens, from - 1, to + 1, isComparing)
}

/**
 * Whether a comparative cue ("larger", "more prominent") compares within
 * this scan (its sentence is tokens `[sentenceFirst, sentenceLast]`): an
 * adjective after "a" in a sentence that names no earlier study ("with a
 * smaller focus in the medial femoral condyle", "a smaller focus of
 * oedema-like signal" describe a second place), or "than" within a few
 * words with no earlier study or date named after it ("more prominent
 * medially than laterally", "smaller than 5 mm"; "larger than on the prior
 * study" and "smaller than in January" are changes).
 */
function comparesWithin(tokens: Tokens, cue: PhraseMatch, sentenceFirst: number, sentenceLast: number): boolean {
  // A comparative adjective after "a": "a smaller focus in the condyle", "a
  // smaller focus of oedema-like signal" (not "a decrease in edema"), unless the
  // sentence names a comparison: "now a larger area of bone marrow edema",
  // "a smaller area of edema compared to prior".
  if (isArticle(tokens, cue.first - 1) && isComparative(tokens, cue.last) && !namesComparison(tokens, sentenceFirst, sentenceLast)) return true
  // Or one side against the other: "marrow edema, more extensive on the
  // right", "more pronounced laterally", "more marked on the iliac side"
  // (not "more extensive on the right than on the prior study").
  if (isComparative(tokens, cue.last) && sideAfter(tokens, cue.last, sentenceLast) && !namesComparison(tokens, sentenceFirst, sentenceLast)) return true
  for (let index = cue.last + 1; index <= sentenceLast && index <= cue.last + 6; index++) {
    if (!isThan(tokens, index)) continue
    for (let after = index + 1; after <= sentenceLast && after <= index + 8; after++) {
      if (isEarlier(tokens, after) || isYear(tokens, after) || isDateWord(tokens, after) || numericDate(tokens, after)) return false
    }
    return true
  }
  return false
}

/**
 * Whether a cue that looks both ways (or a change said before its finding)
 * belongs to another finding than the mention at `edge` (its last token
 * going backward, its first going forward). "with" stands for "without"
 * too below. A cue stands by a finding of its own within its clause: one a
 * few words after it ("unchanged bone marrow edema", "decreased surrounding
 * edema") or before it ("the bone bruise in the medial talar dome has
 * resolved"), with no punctuation, "and" or "with" between (`standsBy`).
 * - Stood by a finding on the far side from the mention only, it does not
 *   reach past a comma, "and" or "with": "no osteonecrosis, unchanged
 *   edema", "the bone bruise has resolved and edema is now seen".
 * - Stood by a finding on the mention's side, it does not reach past a
 *   comma to another: "unchanged edema, with a new stress fracture"; nor,
 *   going forward, past "with": "stable lesion with decreased edema";
 *   unless only a list stands between ("edema, osteonecrosis or fracture
 *   is absent").
 * A list is reached whole: "fracture and marrow edema have resolved",
 * "unchanged fracture and marrow edema", "stress fracture with surrounding
 * edema has resolved".
 */
function belongsElsewhere(
  tokens: Tokens,
  targets: Targets,
  cue: PhraseMatch,
  edge: number,
  going: 'forward' | 'backward',
  sentence: {sentenceFirst: number; sentenceLast: number}
): boolean {
  const [from, to] = going === 'forward' ? [cue.last, edge] : [edge, cue.first]
  // After a colon or a spaced dash the mention is a label, and a cue that
  // stands by a finding after it is that finding's: "marrow oedema in the
  // capitate: contusion versus early stress reaction", "marrow oedema in
  // the lunate - ? early AVN".
  if (going === 'backward' && standsBy(tokens, targets, cue.last + 1, 1, sentence) >= 0) {
    const {text, start, end} = tokens
    for (let index = from + 1; index <= to; index++) if (text.charCodeAt(start[index] ?? 0) === 0x3a || DASH.test(text.slice(end[index - 1], start[index]))) return true
  }
  // A question mark written onto the word after it, or after a comma, asks
  // about what follows, named by the lexicon or not: "bone marrow oedema
  // medial femoral condyle ?early SIFK", "knee injury, ?ACL tear".
  if (going === 'backward' && questionBefore(tokens, cue)) return true
  // Both rules need a comma, "and", "with" or "without" between: test that first.
  if (!gapBetween(tokens, from, to, isJoin)) return false
  const before = standsBy(tokens, targets, cue.first - 1, -1, sentence)
  const after = standsBy(tokens, targets, cue.last + 1, 1, sentence)
  // (A finding right after a cue that ends in "with" is what it names, not
  // what it is said of: "osteosarcoma of the femur, treated with chemotherapy".)
  const far = going === 'forward' ? before >= 0 && after < 0 : after >= 0 && before < 0 && !isWithOrWithout(tokens, cue.last)
  if (far) return true
  const own = going === 'forward' ? after : before
  if (own < 0) return false
  // A list between the mention and the cue's own finding is reached whole:
  // "bone marrow edema, osteonecrosis or fracture is absent"; a clause with
  // a verb of its own is not: "the fracture line has become less
  // conspicuous and the marrow edema has settled".
  if (going === 'forward' ? listBetween(tokens, targets, own, edge) : listBetween(tokens, targets, edge, own)) return false
  if (going === 'backward' && wordBetween(tokens, edge, own, isVerb)) return true
  return gapBetween(tokens, from, to, going === 'forward' ? isWithOrWithout : undefined)
}

/**
 * Words that may follow a change said of what stands before it: "marrow
 * oedema, unchanged since 2023", "stable in size", "decreased slightly",
 * "unchanged compared with the prior study".
 */
const isAfterChange = wordSet(
  'since from compared comparison to in on at with without when than and or but over relative versus vs throughout overall ' +
  'now again for by as although though which apart except after before allowing accounting size extent appearance signal ' +
  'morphology configuration intensity degree distribution dimensions position alignment measuring slightly mildly markedly ' +
  'somewhat considerably significantly substantially minimally much further only also still today cf'
)

/**
 * Whether a change of one word opening a list item is said of the word
 * right after it, a thing the lexicon does not name: "resolved MCP
 * synovitis, stable erosions", "AVN post core decompression: stable
 * necrotic segment, decreasing oedema, no collapse", "known myeloma and
 * new back pain", "inflammation with new corner lesions". Such a change
 * reaches no finding before its comma, colon, "and" or "with", nor one
 * after a comma further on.
 */
function ofNextWord(tokens: Tokens, targets: Targets, cue: PhraseMatch, going: 'forward' | 'backward', edge: number): boolean {
  const next = cue.last + 1
  if (cue.first !== cue.last || !isWord(tokens, next) || isTarget(targets, next) || isAfterChange(tokens, next)) return false
  if (going === 'forward') return gapBetween(tokens, next, edge)
  const before = tokenCode(tokens, cue.first - 1)
  return before === 0x2c || before === 0x3a || isAnd(tokens, cue.first - 1) || isWith(tokens, cue.first - 1)
}

/** A verb of one subject: "is", "was", "has". */
const isSingular = wordSet('is was has')

/** The reach of a past or change said like an adjective of its noun ("prior", "persistent", "new"): at most this many words. */
const ADJECTIVE_REACH = 6

/** Words that say a thing shows after all: "but is clearly visible on T1", "but evident on the T1 images". */
const isShown = wordSet('seen visible evident apparent identified demonstrated shown noted')
const isBut = wordSet('but')
/** Words between "but" and `isShown` that give the shown thing no subject of its own. */
const isHowShown = wordSet('is are clearly well better readily definitely more much')
/** How many tokens after a hedge `seenAfterAll` looks for its "but" ("not well seen on the T2 images but"). */
const BUT_REACH = 8

/**
 * Whether "but" follows token `index` within a few tokens in its sentence
 * and says, with no subject of its own, that the thing shows after all
 * ("but is clearly visible"; not "but marrow edema is seen"). Bounded, so
 * an endless sentence of hedges costs no more per mention.
 */
function seenAfterAll(tokens: Tokens, index: number, sentenceLast: number): boolean {
  for (let at = index + 1; at <= Math.min(sentenceLast, index + BUT_REACH); at++) {
    if (!isBut(tokens, at)) continue
    let after = at + 1
    while (after <= sentenceLast && isHowShown(tokens, after)) after++
    return after <= sentenceLast && isShown(tokens, after)
  }
  return false
}

/** Verbs that make a clause: "has", "is", "was" ... */
const isVerb = wordSet('is are was were has have had been shows show showed remains remain includes include')

/** Whether a word of `words` (a `wordSet`: `isVerb`, `isOr` ...) stands between tokens `from` and `to` (exclusive). */
function wordBetween(tokens: Tokens, from: number, to: number, words: (tokens: Tokens, index: number) => boolean): boolean {
  for (let index = from + 1; index < to; index++) if (words(tokens, index)) return true
  return false
}

/**
 * Whether tokens `from` and `to` (exclusive) hold one more item of a list
 * the lexicon does not name: "and", "or" or "nor", then up to three words,
 * none a verb ("or arthroplasty", "and weight loss").
 */
function otherItem(tokens: Tokens, from: number, to: number): boolean {
  if (!isAnd(tokens, from + 1) && !isOr(tokens, from + 1)) return false
  if (to - from - 2 < 1 || to - from - 2 > 3) return false
  for (let index = from + 2; index < to; index++) if (!isWord(tokens, index) || isVerb(tokens, index)) return false
  return true
}

const isVersus = wordSet('vs versus')

/**
 * Whether "vs", "versus" or a "?" stands between tokens `from` and `to`
 * (exclusive): a change or a past said of one alternative is not the
 * other's ("SIFK vs progression of BML", "?SIFK ?progression of OA",
 * "assess for healing versus progression to collapse").
 */
function versusBetween(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) if (isVersus(tokens, index) || tokenCode(tokens, index) === 0x3f) return true
  return false
}

const isDiagnosisLead = wordSet('compatible consistent keeping')

/**
 * Whether "compatible with", "consistent with" or "in keeping with" and a
 * word after it stand between tokens `from` and `to` (exclusive), with no
 * punctuation: what follows names what the finding is taken to be.
 */
function diagnosisBetween(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index + 2 < to; index++) {
    if (!isWord(tokens, index)) return false
    if (isDiagnosisLead(tokens, index) && isWith(tokens, index + 1)) return !punctuationBetween(tokens, index + 1, to)
  }
  return false
}

/** Whether a punctuation token stands between tokens `from` and `to` (exclusive). */
function punctuationBetween(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) if (tokens.kind[index] === PUNCT) return true
  return false
}

/**
 * Whether the noun a procedure is said of stands between tokens `from` and
 * `to`, and nothing else: one word, no verb ("surgical fixation",
 * "physiotherapy programme"), then maybe what it is done to, a preposition
 * and up to four words ("surgical fixation of the osteochondral fragment",
 * "core decompression of the left femoral head").
 */
function headNoun(tokens: Tokens, from: number, to: number): boolean {
  let at = from + 1
  if (at < to && !isObjectWord(tokens, at)) {
    if (!isWord(tokens, at) || isVerb(tokens, at)) return false
    at++
  }
  if (at === to) return at === from + 2
  if (!isObjectWord(tokens, at) || to - at - 1 < 1 || to - at - 1 > 4) return false
  for (let index = at + 1; index < to; index++) if (!isWord(tokens, index) || isVerb(tokens, index)) return false
  return true
}

/** Words that name what a procedure is done to: "fixation of the fragment", "decompression to the head". */
const isObjectWord = wordSet('of to at')

/**
 * Whether only findings, commas, articles, "and", "or", "nor" and brackets
 * stand between tokens `from` and `to` (exclusive): another name in
 * brackets is part of the list ("shock wave therapy (ESWT) could be considered").
 */
function listBetween(tokens: Tokens, targets: Targets, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) {
    if (!isTarget(targets, index) && !isListWord(tokens, index) && !isComma(tokens, index) && !isArticle(tokens, index) && !isThe(tokens, index) && (tokenCode(tokens, index) | 1) !== 0x29) return false
  }
  return true
}

/**
 * The nearest token of a finding within a few words from token `index`
 * going `step`, in the mention's sentence, or -1 (see `belongsElsewhere`).
 */
function standsBy(tokens: Tokens, targets: Targets, index: number, step: 1 | -1, sentence: {sentenceFirst: number; sentenceLast: number}): number {
  const low = sentence.sentenceFirst
  const high = sentence.sentenceLast
  for (let words = 0; index >= low && index <= high && words < (step > 0 ? BOUND_AFTER : BOUND_BEFORE); index += step, words++) {
    if (isTarget(targets, index)) return index
    if (!isWord(tokens, index) || isJoin(tokens, index)) return -1
  }
  return -1
}

/** Whether `cue` is a question mark that opens what follows: written onto the next word after a space, or after a comma. */
function questionBefore(tokens: Tokens, cue: PhraseMatch): boolean {
  const {text, start, end} = tokens
  const at = start[cue.first] ?? 0
  if (cue.first !== cue.last || text.charCodeAt(at) !== 0x3f || !isWord(tokens, cue.first + 1)) return false
  return ((end[cue.first - 1] ?? 0) < at && end[cue.first] === start[cue.first + 1]) || isComma(tokens, cue.first - 1)
}

/** How many words after and before a both-way cue `standsBy` looks for its finding. */
const BOUND_AFTER = 5
const BOUND_BEFORE = 8

/** Whether a condition cue ("if") stands between tokens `from` and `to` (exclusive); any hypothetical cue counts, or with `conditionsOnly` one that is no plan of a procedure (one without `targets`). */
function conditionBetween(input: ContextInput, window: readonly PhraseMatch[], from: number, to: number, conditionsOnly = false): boolean {
  for (const match of window) {
    const cue = input.cues[match.payload]
    if (match.first > from && match.last < to && cue?.category === 'hypothetical' && !(conditionsOnly && cue.targets)) return true
  }
  return false
}

/**
 * Whether a comma, or a word `joins` knows ("and", "with", "without"), stands between
 * tokens `from` and `to` (exclusive).
 */
function gapBetween(tokens: Tokens, from: number, to: number, joins?: (tokens: Tokens, index: number) => boolean): boolean {
  for (let index = from + 1; index < to; index++) if (isComma(tokens, index) || joins?.(tokens, index)) return true
  return false
}

function isComma(tokens: Tokens, index: number): boolean {
  return tokenCode(tokens, index) === 0x2c
}

/**
 * The categories context applies to. "No marrow edema in the talus" says
 * the edema is absent, not the talus: anatomy, sequences, modalities and
 * descriptors name where or how something was looked at, so they carry no
 * context and no status note.
 */
const CONTEXT_TARGETS: ReadonlySet<Category> = new Set<Category>(['finding', 'condition', 'procedure'])

const contextTables = new WeakMap<CompiledLexicon, Uint8Array>()

/** Per concept, 1 if its category is one of `CONTEXT_TARGETS` (made once per lexicon). */
export function contextConcepts(lexicon: CompiledLexicon): Uint8Array {
  let table = contextTables.get(lexicon)
  if (!table) {
    table = Uint8Array.from(lexicon.concepts, (concept) => (CONTEXT_TARGETS.has(concept.category) ? 1 : 0))
    contextTables.set(lexicon, table)
  }
  return table
}

/** Mentions in text order, not overlapping, and per concept 1 if it takes context (`contextConcepts`). */
export interface Targets {
  mentions: readonly Mention[]
  takesContext: Uint8Array
}

/** Whether "and the" or ", the" starts at token `index`: a new noun phrase that presumes its thing is there. */
function opensDefinite(tokens: Tokens, index: number): boolean {
  return (isAnd(tokens, index) || isComma(tokens, index)) && isThe(tokens, index + 1)
}

/** Whether a mention that takes context lies between tokens `from` and `to` (exclusive). */
function targetBetween(targets: Targets, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) if (isTarget(targets, index)) return true
  return false
}

/**
 * Whether only words that join nothing stand between tokens `from` and `to`
 * (exclusive): no punctuation, verb, preposition, "the" or time word, so
 * what stands there describes the noun at `to` ("known metastatic breast
 * cancer"; not "persistent marrow edema following surgery", "residual
 * marrow oedema around the fracture"). Also the side and bone words before
 * a finding named as a place (see `placeOfAnother`).
 */
function compoundBetween(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) {
    if (!isWord(tokens, index) || isVerb(tokens, index) || isLinkWord(tokens, index) || isThe(tokens, index) || isTimeWord(tokens, index)) return false
  }
  return true
}

/** Whether token `index` lies inside one of the mentions that take context (by binary search: no table per text). */
function isTarget(targets: Targets, index: number): boolean {
  const mention = mentionAt(targets, index)
  return mention !== undefined && index <= mention.last && targets.takesContext[mention.concept] === 1
}

/**
 * Whether the cue is the whole answer to the label the mention ends:
 * "Fracture: No.", "Avascular necrosis: no", "Osteonecrosis: possible",
 * "Marrow edema? No.", "Fracture -- negative", "Fracture — no", "Fracture:
 * healed.", "Marrow oedema: new." (a colon, a question mark or a dash
 * between them, nothing after the cue in its sentence but marks or a
 * comma: "Fracture? No, but ...").
 */
function answersLabel(text: string, tokens: Tokens, cue: PhraseMatch, last: number, sentenceLast: number): boolean {
  const mark = cue.first === last + 2 ? tokenText(tokens, last + 1) : ''
  const marked = mark === ':' || mark === '?' || (mark.length === 1 && isLongDash(mark.charCodeAt(0)))
  if (!marked && !(cue.first === last + 1 && DASH.test(text.slice(tokens.end[last], tokens.start[cue.first])))) return false
  return answerEnds(tokens, cue.last, sentenceLast)
}

/** Whether a label's answer ends at token `index`: nothing but marks after it in its sentence, or a comma ("Fracture? No, but ..."). */
function answerEnds(tokens: Tokens, index: number, sentenceLast: number): boolean {
  return nothingAfter(tokens, index, sentenceLast) || (index < sentenceLast && isComma(tokens, index + 1))
}

/** A hyphen or dash between words, with space around it: "Fracture - no", "Fracture -- negative". */
const DASH = /\s[-\u2010-\u2015]+\s/

/** Whether no word follows token `index` in its sentence (which ends at token `sentenceLast`). */
function nothingAfter(tokens: Tokens, index: number, sentenceLast: number): boolean {
  for (let after = index + 1; after <= sentenceLast; after++) if (isWord(tokens, after)) return false
  return true
}

/** Whether `cue` is a question mark after the mention, answered by one word ("? No.", "? Yes, in the talus"). */
function answered(tokens: Tokens, cue: PhraseMatch, sentenceLast: number): boolean {
  return cue.first === cue.last && tokenCode(tokens, cue.first) === 0x3f && cue.first < sentenceLast && isAnswer(tokens, cue.first + 1) && answerEnds(tokens, cue.first + 1, sentenceLast)
}

/** Whether the cue ending at token `last` is followed by a colon: a field label. */
function isLabelCue(tokens: Tokens, last: number): boolean {
  return tokenCode(tokens, last + 1) === 0x3a
}

/** Whether only chain words stand between tokens `from` and `to` (exclusive). */
function chained(tokens: Tokens, from: number, to: number): boolean {
  for (let index = from + 1; index < to; index++) {
    if (isWord(tokens, index) && !isChainWord(tokens, index)) return false
  }
  return true
}

/**
 * Whether the scope from token `from` to token `to` (both exclusive) running
 * `direction` is ended (`opens`: the cue opens its sentence): by a
 * terminator that ends `flag` and runs that way, by a dash between
 * statements (`dashBetween`), or, going forward, by a parenthesis closing
 * around the cue, a field label ("DIAGNOSIS:") or, for a negation or a
 * hedge, a colon after what it is about.
 */
function blocked(
  input: ContextInput,
  window: readonly PhraseMatch[],
  from: number,
  to: number,
  direction: 'forward' | 'backward',
  flag: ContextCategory | undefined,
  opens = false
): boolean {
  const {tokens} = input
  for (const match of window) {
    if (match.first <= from || match.last >= to) continue
    const cue = input.cues[match.payload]
    if (cue?.category !== 'terminator') continue
    if (cue.direction !== undefined && cue.direction !== 'both' && cue.direction !== direction) continue
    if (cue.terminates && (flag === undefined || !cue.terminates.includes(flag))) continue
    if (cue.targets && !(input.category && (cue.targets as readonly Category[]).includes(input.category))) continue
    if (isDegree(tokens, match.last) && degreeInList(tokens, match, to)) continue
    // "there is" starts a statement only after a word that can end one (see `closesStatement`).
    if (isThere(tokens, match.first) && !closesStatement(input, match.first - 1)) continue
    // A comma right after a cue that opens its sentence is the cue's own:
    // "Again seen, there is osteonecrosis", "Possibly, there is a subtle
    // fracture" (not "alignment is unchanged, with new marrow edema"). So is
    // the comma that closes a comparison the sentence opens with: "Compared
    // with the prior examination, there is decreased marrow edema" (a past
    // or a change only: "No effusion, marked marrow edema" ends the negation).
    if (opens && isComma(tokens, match.first) && (match.first === from + 1 || opensComparison(input, flag, from, match.first))) continue
    // An aside inside a list: "possible osteomyelitis or, in the setting of neuropathy, Charcot arthropathy".
    if (isComma(tokens, match.first - 1) && isListWord(tokens, match.first - 2)) continue
    return true
  }
  if (dashBetween(input.text, tokens, from, to, direction)) return true
  let depth = 0
  let opened = 0
  for (let index = from + 1; index < to; index++) {
    if (isWord(tokens, index)) {
      // A heading word said inline right before a mention opens a section,
      // in dictation without punctuation: "query meniscal tear findings bone
      // bruise in the lateral femoral condyle".
      if (isHeadingWord(tokens, index) && (index + 1 === input.first || (input.targets && mentionAt(input.targets, index + 1)?.first === index + 1))) return true
      continue
    }
    const raw = tokenText(tokens, index)
    if (raw === ':') {
      // A field label between cue and mention. A colon right after the
      // mention ("EFFUSION: NONE") or the cue ("NEGATIVE FOR: ...") is not.
      if (index - 1 > from && isWord(tokens, index - 1) && isLabel(tokenText(tokens, index - 1))) return true
      // Nor does a negation or hedge reach past a colon after what it is
      // about: "No fracture: marrow edema only" (not a time: "12:30").
      if (direction === 'forward' && index - 1 > from && (flag === 'negated' || flag === 'uncertain') && !numbers(tokens, index + 1)) return true
    } else if (raw === '(' || raw === '[' || raw === '{') {
      if (depth++ === 0) opened = index
    } else if (raw === ')' || raw === ']' || raw === '}') {
      if (depth === 0 && direction === 'forward') return true
      depth--
    }
  }
  // A cue said after the finding, inside brackets that name another, is
  // that one's: "stress reaction of the second metatarsal (fatigue fracture
  // not excluded)" (not "marrow oedema in the talus (unchanged)").
  return direction === 'backward' && depth > 0 && input.targets !== undefined && targetBetween(input.targets, opened, to)
}

/** Whether tokens `(from, comma)` close a comparison that opens a sentence: a past or change cue, then a few words, no finding, no other comma. */
function opensComparison(input: ContextInput, flag: ContextCategory | undefined, from: number, comma: number): boolean {
  return (flag === 'historical' || flag === undefined) && comma - from <= 6 && !gapBetween(input.tokens, from, comma) && !(input.targets && targetBetween(input.targets, from, comma))
}

const isThere = wordSet('there')

/**
 * Whether token `index` can end a statement in dictation without
 * punctuation, so that "there is" after it starts a new one: a word that
 * says what was seen ("no osteonecrosis is seen there is …"), a heading
 * word, or the last word of a mention of the lexicon ("no other fracture
 * there is …"). Not "that", "possibly" or any other word that leads on.
 */
function closesStatement(input: ContextInput, index: number): boolean {
  const {tokens, targets} = input
  if (!isWord(tokens, index)) return false
  return isSeenWord(tokens, index) || isHeadingWord(tokens, index) || (targets !== undefined && endsMention(targets, index))
}

/** Whether a mention of the lexicon, a place included, ends at token `index`. */
function endsMention(targets: Targets, index: number): boolean {
  return mentionAt(targets, index)?.last === index
}

/** The last mention of the lexicon, a place included, that starts at or before token `index`. */
function mentionAt(targets: Targets, index: number): Mention | undefined {
  return targets.mentions[lowerBound(targets.mentions, index + 1) - 1]
}

/**
 * Whether a dash with space around it, or a long dash, stands between
 * tokens `from` and `to` (exclusive), a scope running `direction`: it ends
 * a statement ("No fracture - marrow edema in the talus", "marrow edema in
 * the cuboid - stress fracture cannot be excluded"). Not next to the cue,
 * where a dash puts the cue as an answer ("Fracture - no", "Marrow edema -
 * unchanged"); a range of numbers ("1 - 2 cm") is no break either.
 */
function dashBetween(text: string, tokens: Tokens, from: number, to: number, direction: 'forward' | 'backward'): boolean {
  // The gap (before a token) and the token next to the cue.
  const cueGap = direction === 'forward' ? from + 1 : to
  const cueToken = direction === 'forward' ? from + 1 : to - 1
  for (let index = from + 1; index <= to; index++) {
    const gapStart = tokens.end[index - 1] as number
    const gapEnd = tokens.start[index] as number
    // (A bullet that opens a line is no dash: "no evidence of:⏎- fracture".)
    if (index !== cueGap && gapEnd - gapStart > 2 && DASH.test(text.slice(gapStart, gapEnd)) && !numbers(tokens, index) && !gap(text, gapStart, gapEnd).bullet) return true
    if (index < to && index !== cueToken && tokens.kind[index] === PUNCT && isLongDash(text.charCodeAt(gapEnd))) return true
  }
  return false
}

/** An em dash or a horizontal bar (a hyphen and an en dash are gaps between words, see tokens.ts). */
function isLongDash(code: number): boolean {
  return code === 0x2014 || code === 0x2015
}

/** Whether the tokens either side of the gap before token `index` are numbers. */
function numbers(tokens: Tokens, index: number): boolean {
  return ((tokens.flags[index - 1] ?? 0) & STARTS_DIGIT) !== 0 && ((tokens.flags[index] ?? 0) & STARTS_DIGIT) !== 0
}

/** Size and degree words: the end of the terminators ", mild", "and marked", "with extensive" ... */
const isDegree = wordSet('mild moderate marked extensive diffuse small minimal subtle trace')

/**
 * Whether a size or degree terminator ending at token `match.last` stands in
 * a list the negation goes on over: "or" or "nor" follows it before token
 * `to` ("no focal, diffuse or patchy marrow edema", "no marrow edema, trace
 * fluid or soft tissue swelling"), or another such word comes right before
 * its "and" ("no extensive and diffuse marrow edema").
 */
function degreeInList(tokens: Tokens, match: PhraseMatch, to: number): boolean {
  return wordBetween(tokens, match.last, to, isOr) || isDegree(tokens, match.first - 1)
}

/** A word in capitals of two or more letters: the end of a field label. */
function isLabel(raw: string): boolean {
  return isAbbreviation(raw) && /^[A-Z]{2,}$/.test(raw)
}

/** A span of the text: UTF-16 offsets, `end` exclusive. */
export interface Span {
  start: number
  end: number
}

/**
 * The context of any span of `text`, with the sections, sentences and cues
 * of a compiled lexicon: the engine behind `detectContext`. The span is
 * trusted (`0 <= start <= end <= text.length`); a span that covers no word
 * gets an empty context.
 */
export function contextOfSpan(text: string, target: Span, lexicon: CompiledLexicon): ContextResult {
  const tokens = tokenize(text)
  let first = -1
  let last = -1
  for (let index = 0; index < tokens.length; index++) {
    if ((tokens.end[index] ?? 0) <= target.start) continue
    if ((tokens.start[index] ?? 0) >= target.end) break
    if (first === -1) first = index
    last = index
  }
  if (first === -1) return fresh(NOTHING)

  // The findings around the span, as `explain` sees them (the span itself
  // is the mention: other mentions that overlap it are left out).
  const reading = readBlock(text, tokens, lexicon, undefined)
  const {found, mentions} = reading
  let section
  for (const candidate of found) if (candidate.headingFirst <= first) section = candidate
  // An indication, history or comparison ends with its paragraph (sections.ts).
  if (section && section.end <= (tokens.start[first] ?? 0)) section = undefined
  const others = mentions.filter((mention) => mention.last < first || mention.first > last)
  // The span's category, when it is a mention of its own.
  const own = mentions.find((mention) => mention.first === first && mention.last === last)
  const [sentenceFirst, sentenceLast] = contextSpan(text, tokens, reading, first, last)
  return fresh(decideContext({
    text,
    tokens,
    cues: lexicon.cues,
    cueMatches: findPhrases(text, tokens, lexicon.cueTrie, sentenceFirst, sentenceLast + 1),
    cueTrie: lexicon.cueTrie,
    first,
    last,
    sentenceFirst,
    sentenceLast,
    section: impliedBy(section),
    category: own && lexicon.concepts[own.concept]?.category,
    concept: own?.concept,
    pastForm: own !== undefined && isPastForm(lexicon, own.concept, tokens, first, last),
    targets: {mentions: others, takesContext: contextConcepts(lexicon)}
  }))
}

/** A fresh record for the caller, not the shared one `decideContext` may return (or `NOTHING`). */
function fresh({context, cues}: ContextOutput): ContextResult {
  return {context: {...context}, cues: [...cues]}
}
