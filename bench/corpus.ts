/**
 * A seeded generator of realistic musculoskeletal MRI reports for the
 * benchmark: headed sections (some with colons, some in capitals, some as
 * markdown headings), negated, hedged and historical statements, change
 * language, British and American spelling, whole reports in ALL CAPS, lines
 * hard-wrapped at a fixed width, numbered impressions, measurements and the
 * odd non-ASCII character. The same seed always gives the same corpus.
 */

/** A deterministic PRNG (mulberry32). */
export function random(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}

type Rand = () => number

function pick<T>(rand: Rand, items: readonly T[]): T {
  return items[Math.floor(rand() * items.length)] as T
}

function chance(rand: Rand, p: number): boolean {
  return rand() < p
}

interface Region {
  name: string
  bones: string[]
  soft: string[]
  headings: string[]
}

const REGIONS: Region[] = [
  {
    name: 'KNEE',
    bones: [
      'medial femoral condyle',
      'lateral femoral condyle',
      'MFC',
      'LFC',
      'medial tibial plateau',
      'lateral tibial plateau',
      'tibial plateau',
      'patella',
      'trochlea',
      'fibular head',
      'femoral condyles'
    ],
    soft: ['anterior cruciate ligament', 'posterior cruciate ligament', 'medial meniscus', 'lateral meniscus', 'medial collateral ligament', "Hoffa's fat pad", 'Hoffa’s fat pad', 'patellar tendon', 'quadriceps tendon'],
    headings: ['Menisci', 'Ligaments', 'Cartilage', 'Extensor mechanism', 'Soft tissues']
  },
  {
    name: 'ANKLE',
    bones: ['talus', 'talar dome', 'calcaneus', 'navicular', 'distal tibia', 'tibial plafond', 'talar neck', 'os calcis', 'cuboid'],
    soft: ['anterior talofibular ligament', 'Achilles tendon', 'peroneal tendons', 'deltoid ligament', 'plantar fascia', 'tibialis posterior tendon'],
    headings: ['Ligaments', 'Tendons', 'Soft tissues', 'Joint']
  },
  {
    name: 'HIP',
    bones: ['femoral head', 'femoral neck', 'acetabulum', 'greater trochanter', 'head of the femur', 'pubic ramus', 'sacrum'],
    soft: ['labrum', 'gluteus medius tendon', 'iliopsoas tendon', 'hamstring origin', 'adductor muscles'],
    headings: ['Joint', 'Tendons', 'Muscles', 'Soft tissues']
  },
  {
    name: 'FOOT',
    bones: ['second metatarsal', '3rd metatarsal', 'fifth metatarsal', 'metatarsal head', 'navicular', 'cuneiform', 'first MTP joint', 'sesamoid', 'calcaneus'],
    soft: ['plantar plate', 'plantar fascia', 'extensor tendons', 'flexor hallucis longus tendon', 'intermetatarsal space'],
    headings: ['Joints', 'Tendons', 'Soft tissues', 'Alignment']
  }
]

const EDEMA = ['bone marrow edema', 'bone marrow oedema', 'marrow edema', 'marrow oedema', 'BME', 'bone marrow edema pattern', 'osseous edema', 'bone marrow oedema-like signal', 'edema-like marrow signal', 'marrow signal abnormality', 'bone bruise', 'bone contusion', 'bone marrow lesion', 'BML', 'intraosseous oedema', 'increased T2 signal within the marrow']
const SIZE = ['mild', 'moderate', 'marked', 'extensive', 'small', 'patchy', 'ill-defined', 'faint', 'focal', 'diffuse', 'subtle']
const PLACE = ['subchondral', 'periarticular', 'weight-bearing', 'central', 'anterior', 'posterior', 'peripheral', 'non-weight-bearing']
const NEGATE = ['No', 'No evidence of', 'There is no', 'No definite', 'No convincing', 'No significant', 'Negative for', 'Free of']
const HEDGE = ['Possible', 'Probable', 'Questionable', 'Equivocal', 'Suspected', 'Likely']
const HEDGE_AFTER = ['cannot be excluded', 'is not excluded', 'cannot be ruled out', 'is suspected', 'is possible']
const CHANGE = ['Unchanged', 'Persistent', 'Interval decrease in', 'Interval increase in', 'Near complete resolution of', 'New', 'Stable', 'Redemonstrated', 'Improving', 'More extensive']
const CONDITIONS = ['fracture', 'stress fracture', 'insufficiency fracture', 'osteonecrosis', 'avascular necrosis', 'AVN', 'trabecular microfracture', 'transient bone marrow oedema syndrome', 'transient osteoporosis', 'osteoarthritis', 'synovitis', 'osteochondral defect', 'loose body']
const SEQUENCES = ['STIR', 'T1-weighted', 'T2-weighted', 'PD FS', 'PDFS', 'proton density fat-saturated', 'fat-suppressed T2', 'T1', 'coronal STIR', 'sagittal PD fat-sat', 'axial T2 fat saturation']
const MODALITY = ['radiographs', 'plain films', 'x-rays', 'CT', 'bone scan', 'prior MRI', 'ultrasound']
const FILLER = [
  'Alignment is maintained.',
  'The joint space is preserved.',
  'There is a small joint effusion.',
  'No significant joint effusion.',
  'The visualised muscles are of normal bulk and signal.',
  'Neurovascular structures are unremarkable.',
  'The articular cartilage is of normal thickness and signal.',
  'Mild chondral thinning without full-thickness defect.',
  'The tendons are intact with normal signal.',
  'There is mild subcutaneous soft tissue oedema.',
  'Soft tissue edema about the medial aspect of the joint.',
  'A small ganglion cyst measures 6 x 4 mm.',
  'A 12 × 8 mm fluid collection is noted, likely a bursa.',
  'The ligaments are intact.',
  'Minor degenerative change at the margins, with small osteophytes.',
  'Normal fatty marrow signal elsewhere.',
  'The remainder of the osseous structures are unremarkable.',
  'No suspicious marrow replacing lesion.',
  'Incidental note is made of a small enchondroma, unchanged.',
  'Muscle oedema is seen in the vastus medialis, in keeping with a strain.'
]
const HISTORY = [
  'Pain after a twisting injury playing football',
  'Persistent pain for three months despite physiotherapy',
  'Fall onto the outstretched limb two weeks ago',
  'Runner with increasing pain on weight bearing; ? stress fracture',
  'Known osteoarthritis, worsening pain',
  'Rule out osteonecrosis; on long-term steroids',
  'Query bone bruise following dislocation',
  'Evaluate for occult fracture, normal radiographs',
  'History of previous ACL reconstruction, new swelling',
  'Sudden onset pain without trauma, ? transient bone marrow oedema'
]

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1)
}

function bone(rand: Rand, region: Region): string {
  return pick(rand, region.bones)
}

/** One statement about the marrow, in one of many shapes. */
function marrowSentence(rand: Rand, region: Region, british: boolean): string {
  let edema = pick(rand, EDEMA)
  if (british) edema = edema.replace(/\bedema/, 'oedema')
  const where = `${pick(rand, ['in the', 'within the', 'involving the', 'of the', 'at the'])} ${pick(rand, PLACE)} ${bone(rand, region)}`
  switch (Math.floor(rand() * 9)) {
    case 0:
      return `There is ${pick(rand, SIZE)} ${edema} ${where}.`
    case 1:
      return `${pick(rand, NEGATE)} ${edema} or fracture.`
    case 2:
      return `${pick(rand, HEDGE)} ${pick(rand, CONDITIONS)} ${where}, with surrounding ${edema}.`
    case 3:
      return `${cap(pick(rand, SIZE))} ${edema} ${where} ${pick(rand, HEDGE_AFTER)}.`
    case 4:
      return `${pick(rand, CHANGE)} ${edema} ${where} compared with the prior study of ${1 + Math.floor(rand() * 28)}/${1 + Math.floor(rand() * 12)}/2024.`
    case 5:
      return `${cap(edema)} ${where} measures ${(5 + rand() * 30).toFixed(1)} x ${(3 + rand() * 20).toFixed(1)} mm on ${pick(rand, SEQUENCES)} images, but no fracture line is seen.`
    case 6:
      return `The previously seen ${edema} in the ${bone(rand, region)} has resolved; there is ${pick(rand, SIZE)} new ${edema} ${where}.`
    case 7:
      return `Edema in the ${bone(rand, region)}, which may represent ${pick(rand, CONDITIONS)}.`
    default:
      return `${pick(rand, ['High', 'Increased', 'Hyperintense'])} ${pick(rand, SEQUENCES)} signal ${where} without corresponding low T1 signal, not excluding ${pick(rand, CONDITIONS)}.`
  }
}

function softSentence(rand: Rand, region: Region): string {
  const part = pick(rand, region.soft)
  switch (Math.floor(rand() * 5)) {
    case 0:
      return `The ${part} is intact.`
    case 1:
      return `There is a ${pick(rand, ['partial-thickness', 'low-grade', 'high-grade', 'complex'])} tear of the ${part}.`
    case 2:
      return `Intermediate signal within the ${part}, in keeping with tendinosis; no tear.`
    case 3:
      return `Thickening of the ${part} with surrounding soft tissue oedema.`
    default:
      return pick(rand, FILLER)
  }
}

/** Wrap paragraphs at `width` columns, as dictation systems do. */
function wrap(text: string, width: number): string {
  return text
    .split('\n')
    .map((line) => {
      if (line.length <= width) return line
      const out: string[] = []
      let current = ''
      for (const word of line.split(' ')) {
        if (current && current.length + 1 + word.length > width) {
          out.push(current)
          current = word
        } else current = current ? `${current} ${word}` : word
      }
      if (current) out.push(current)
      return out.join('\n')
    })
    .join('\n')
}

interface Section {
  heading: string
  lines: string[]
  list?: boolean
}

function sections(rand: Rand): Section[] {
  const region = pick(rand, REGIONS)
  const british = chance(rand, 0.4)
  const side = pick(rand, ['LEFT', 'RIGHT'])
  const out: Section[] = []
  out.push({heading: '', lines: [`MRI ${side} ${region.name}${chance(rand, 0.5) ? ' WITHOUT CONTRAST' : ''}`]})
  out.push({heading: pick(rand, ['Clinical history', 'History', 'Indication', 'Clinical information']), lines: [`${pick(rand, HISTORY)}.`]})
  out.push({
    heading: pick(rand, ['Technique', 'Protocol']),
    lines: [`Multiplanar multisequence MRI including ${pick(rand, SEQUENCES)}, ${pick(rand, SEQUENCES)} and ${pick(rand, SEQUENCES)} images.`]
  })
  out.push({heading: 'Comparison', lines: [chance(rand, 0.3) ? 'None.' : `${cap(pick(rand, MODALITY))} dated ${1 + Math.floor(rand() * 28)}/0${1 + Math.floor(rand() * 9)}/2025.`]})
  const marrow: string[] = []
  const findings: Section[] = []
  const count = 4 + Math.floor(rand() * 4)
  for (let index = 0; index < count; index++) marrow.push(marrowSentence(rand, region, british))
  findings.push({heading: pick(rand, ['Bone marrow', 'Bones', 'Osseous structures', 'Marrow']), lines: marrow})
  for (const heading of region.headings) {
    const lines: string[] = []
    const n = 3 + Math.floor(rand() * 4)
    for (let index = 0; index < n; index++) lines.push(softSentence(rand, region))
    findings.push({heading, lines})
  }
  out.push({heading: 'Findings', lines: []})
  out.push(...findings)
  const impression: string[] = []
  const n = 2 + Math.floor(rand() * 3)
  for (let index = 0; index < n; index++) impression.push(index === 0 ? marrowSentence(rand, region, british) : chance(rand, 0.5) ? marrowSentence(rand, region, british) : softSentence(rand, region))
  out.push({heading: pick(rand, ['Impression', 'Conclusion', 'Opinion']), lines: impression, list: true})
  return out
}

/** A plain-text report (2-4 KB). */
function plainReport(rand: Rand, parts: Section[]): string {
  const colon = chance(rand, 0.8)
  const caps = chance(rand, 0.15)
  const width = chance(rand, 0.35) ? 60 + Math.floor(rand() * 20) : 0
  const blocks: string[] = []
  for (const part of parts) {
    const head = part.heading ? (caps || chance(rand, 0.5) ? part.heading.toUpperCase() : part.heading) + (colon ? ':' : '') : ''
    const body = part.list ? part.lines.map((line, index) => `${index + 1}. ${line}`).join('\n') : part.lines.join(chance(rand, 0.5) ? ' ' : '\n')
    blocks.push(head && body ? (chance(rand, 0.5) && !part.list ? `${head} ${body}` : `${head}\n${body}`) : head || body)
  }
  let text = blocks.join(chance(rand, 0.7) ? '\n\n' : '\n')
  if (width) text = wrap(text, width)
  if (caps) text = text.toUpperCase()
  return text
}

/** The same report as markdown: `##` headings, bold labels, lists. */
function markdownReport(rand: Rand, parts: Section[]): string {
  const blocks: string[] = []
  for (const part of parts) {
    if (!part.heading) {
      blocks.push(`# ${part.lines.join(' ')}`)
      continue
    }
    if (part.list) {
      blocks.push(`## ${part.heading}\n\n${part.lines.map((line, index) => `${index + 1}. ${line}`).join('\n')}`)
    } else if (part.lines.length === 0) {
      blocks.push(`## ${part.heading}`)
    } else if (chance(rand, 0.5)) {
      blocks.push(`**${part.heading}:** ${part.lines.join(' ')}`)
    } else {
      blocks.push(`### ${part.heading}\n\n${part.lines.map((line) => `- ${line.replace(/(STIR|T1|T2)/, '*$1*')}`).join('\n')}`)
    }
  }
  return blocks.join('\n\n') + '\n'
}

export interface Corpus {
  /** Plain-text reports. */
  reports: string[]
  /** The same reports written as markdown. */
  markdown: string[]
}

/** Generate `count` reports of 2-4 KB each from `seed`. */
export function generateCorpus(count: number, seed = 20261122): Corpus {
  const rand = random(seed)
  const reports: string[] = []
  const markdown: string[] = []
  while (reports.length < count) {
    const parts = sections(rand)
    const text = plainReport(rand, parts)
    if (text.length < 2000 || text.length > 4000) continue
    reports.push(text)
    markdown.push(markdownReport(rand, parts))
  }
  return {reports, markdown}
}

/** One string of at least `chars` characters: reports separated by blank lines, cut at `chars`. */
export function bigInput(reports: readonly string[], chars: number): string {
  const parts: string[] = []
  let length = 0
  for (let index = 0; length < chars; index++) {
    const report = reports[index % reports.length] ?? ''
    parts.push(report)
    length += report.length + 2
  }
  return parts.join('\n\n').slice(0, chars)
}
