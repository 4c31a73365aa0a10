/**
 * Other senses (`otherSenses` in the lexicon schema): longer phrases that
 * hold a concept's form but name something else are not annotated, while
 * the form itself still is. The sentences are written for these tests.
 */
import {describe, expect, it} from 'vitest'
import {explain} from '../src/index.js'
import {defaultLexicon, formKey} from '../src/lexicon/index.js'

/** What `explain()` annotates in `text`, as `text=concept`. */
function found(text: string): string[] {
  return explain(text).annotations.map((annotation) => `${annotation.text}=${annotation.conceptId}`)
}

/** What `explain()` annotates in `text`, as `[text, concept]` pairs. */
function pairs(text: string): string[][] {
  return explain(text).annotations.map((annotation) => [annotation.text, annotation.conceptId])
}

describe('other senses in the default lexicon', () => {
  const senses = defaultLexicon.concepts.flatMap((concept) => (concept.otherSenses ?? []).map((phrase) => ({concept, phrase})))

  it('are there', () => {
    expect(senses.length).toBeGreaterThanOrEqual(40)
  })

  it('each gets no annotation at all, on its own in a sentence', () => {
    for (const {concept, phrase} of senses) expect(found(`Report: ${phrase}.`), `${concept.id}: ${phrase}`).toEqual([])
  })

  it('each is shown by a near miss of its concept', () => {
    for (const {concept, phrase} of senses) {
      const key = ` ${formKey(phrase)} `
      expect(
        (concept.nearMisses ?? []).some((miss) => ` ${formKey(miss)} `.includes(key)),
        `${concept.id}: no near miss holds "${phrase}"`
      ).toBe(true)
    }
  })

  it('overlap a form of another concept at their end only where reviewed', () => {
    // Where an other sense ends with the first words of a longer form, the
    // other sense starts first and wins a tie, so the form is lost unless a
    // longer form holds both ("patellar tendon insertion" is an enthesis).
    // Each overlap left is wanted: "anabolic steroid use" is no corticosteroid use.
    const forms = defaultLexicon.concepts.flatMap((concept) => [...concept.forms, ...(concept.tied?.forms ?? [])].map((form) => ({id: concept.id, key: formKey(form)})))
    // Where an other sense ends in an abbreviation that names a disease
    // ("known PD": Parkinson's), the sequence's longer forms ("PD FS",
    // "PD images") do not follow it in a report (held-out review M6).
    const diseaseAbbreviations = new Set(['history of PD', 'known PD', 'patient with PD', 'background of PD', 'advanced PD', 'old with PD', 'has PD', 'anti-PD'])
    // What is outside the bone is no bone finding: "extra-osseous edema"
    // is soft tissue edema (held-out review M8).
    const outsideBone = new Set(['extra-osseous', 'extra-osseous edema'])
    const overlaps: string[] = []
    for (const {phrase} of senses) {
      if (diseaseAbbreviations.has(phrase) || outsideBone.has(phrase)) continue
      const words = formKey(phrase).split(' ')
      for (const form of forms) {
        const formWords = form.key.split(' ')
        for (let shared = 1; shared < Math.min(words.length, formWords.length); shared++) {
          if (words.slice(-shared).join(' ') !== formWords.slice(0, shared).join(' ')) continue
          // Resolved where a longer form holds the other sense and lies within the two.
          const both = ` ${[...words, ...formWords.slice(shared)].join(' ')} `
          const holds = (key: string) => both.includes(` ${key} `) && ` ${key} `.includes(` ${words.join(' ')} `)
          if (!forms.some((other) => holds(other.key))) overlaps.push(`${phrase} + ${form.key} (${form.id})`)
        }
      }
    }
    expect(overlaps.sort()).toEqual([
      'anabolic steroid + steroid injection (corticosteroid-injection)',
      'anabolic steroid + steroid injections (corticosteroid-injection)',
      'anabolic steroid + steroid therapy (corticosteroid)',
      'anabolic steroid + steroid use (corticosteroid)',
      // A collapsed vertebra, midfoot or carpus is no joint surface collapsing.
      'carpal collapse + collapse of the articular surface (articular-collapse)',
      // The carpal navicular (bone) is the scaphoid, no foot bone (held-out review M7).
      'carpal navicular + navicular bone (navicular)',
      'cerebral infarct + infarct associated sarcoma (sarcoma)',
      // A word joined to "patellar" by a hyphen names a place by the kneecap, not the kneecap (held-out review M7).
      'infra-patellar + patellar apex (patella)',
      'infra-patellar + patellar facet (patella)',
      'infra-patellar + patellar tendon insertion (enthesis)',
      'lacunar infarct + infarct associated sarcoma (sarcoma)',
      // A muscle compartment of the thigh or leg is no knee compartment (held-out review M7).
      'lateral compartment of the thigh + thigh bone (femur)',
      // A collapsed lung is no joint surface collapsing.
      'lobar collapse + collapse of the articular surface (articular-collapse)',
      'lobe collapse + collapse of the articular surface (articular-collapse)',
      'lung collapse + collapse of the articular surface (articular-collapse)',
      // A muscle compartment, as the lateral one above.
      'medial compartment of the thigh + thigh bone (femur)',
      // "Medial patellofemoral" names the ligament (MPFL); a "medial patellofemoral joint" is rarely written.
      'medial patellofemoral + patellofemoral compartment (patellofemoral)',
      'medial patellofemoral + patellofemoral compartments (patellofemoral)',
      'medial patellofemoral + patellofemoral joint (patellofemoral)',
      'medial patellofemoral + patellofemoral joints (patellofemoral)',
      'midfoot collapse + collapse of the articular surface (articular-collapse)',
      'myocardial infarct + infarct associated sarcoma (sarcoma)',
      // "Pre-collapse" names a stage before any collapse (held-out review M9).
      'pre-collapse + collapse of the articular surface (articular-collapse)',
      // A place by the kneecap, as infra-patellar above.
      'pre-patellar + patellar apex (patella)',
      'pre-patellar + patellar facet (patella)',
      'pre-patellar + patellar tendon insertion (enthesis)',
      'renal infarct + infarct associated sarcoma (sarcoma)',
      'splenic infarct + infarct associated sarcoma (sarcoma)',
      // A place by the kneecap, as infra-patellar above.
      'supra-patellar + patellar apex (patella)',
      'supra-patellar + patellar facet (patella)',
      'supra-patellar + patellar tendon insertion (enthesis)',
      // The surgical neck is the humerus's; no femur has one.
      'surgical neck + neck of femur (femoral-neck)',
      'surgical neck + neck of the femur (femoral-neck)',
      // A patient's collapse is no joint surface collapsing (held-out review M6).
      'syncope and collapse + collapse of the articular surface (articular-collapse)',
      'territory infarct + infarct associated sarcoma (sarcoma)',
      'vertebral body collapse + collapse of the articular surface (articular-collapse)',
      'vertebral collapse + collapse of the articular surface (articular-collapse)'
    ])
  })
})

describe('a phrase that names something else is not explained as the concept', () => {
  it('everyday and other medical senses from held-out review M7: no kneecap, foot, knee compartment, foot bone, cancer, injury, osteonecrosis or MRI image', () => {
    expect(
      pairs(
        "PRE-PATELLAR and supra-patellar swelling. Found at the foot of the bed. Oedema in the lateral compartment of the leg and the medial compartment of the thigh. The carpal navicular is intact. Malignant hyperthermia. Emotional trauma. AVN ablation. Medullary thyroid carcinoma. Parkinson's disease (PD), advanced PD, PD (Parkinson's)."
      )
    ).toEqual([['carcinoma', 'malignancy']])
    // The concepts themselves, still found.
    expect(pairs('The patella, the foot, the lateral compartment, the navicular, a malignant lesion, trauma, AVN and PD images.')).toEqual([
      ['patella', 'patella'],
      ['foot', 'foot'],
      ['lateral compartment', 'lateral-compartment'],
      ['navicular', 'navicular'],
      ['malignant', 'malignancy'],
      ['trauma', 'trauma'],
      ['AVN', 'osteonecrosis'],
      ['PD images', 'proton-density']
    ])
  })

  it("PD as Parkinson's disease in a history: no MRI sequence; the sequence itself still is (held-out review M6)", () => {
    expect(pairs('History of PD and falls. Known PD. Elderly patient with PD. Background of PD; hip pain.')).toEqual([['hip', 'hip']])
    expect(pairs('Known PD. Sagittal PD images and coronal PD FS images.')).toEqual([
      ['PD images', 'proton-density'],
      ['PD FS images', 'pd-fat-saturated']
    ])
  })

  it('T1 and T2 as spinal levels, in ranges and lists of levels or before a part of the spine: no MRI sequence (held-out review M5)', () => {
    const sequences = (text: string) => explain(text).annotations.filter((annotation) => annotation.category === 'sequence').map((annotation) => annotation.text)
    for (const text of [
      'Metastases through T1-T4; endplate oedema at T2-3 and T2/3.',
      'Fractures from C5 to T1 and at C6 and T1; sagittal gradient echo C2-T1.',
      'The T2 and T3 vertebrae are intact. T1 AND T12 NORMAL.',
      'Metastases in the T1, T4, T8 and T11 vertebral bodies; lesions at T2 and L3.',
      'The pedicle of T2 is expanded; the T1 pedicle is intact; the T1 and T2 vertebrae are normal.',
      // A level is where a thing is; a sequence is what it shows on (held-out review M6).
      'Compression fracture at T2. Focal hyperintensity at T2 is consistent with a haemangioma; images at T1 show no stenosis.'
    ]) {
      expect(sequences(text), text).toEqual([])
    }
    // The sequences themselves, also in pairs and lists.
    expect(sequences('Low T1/T2 signal; T1, T2 and STIR images; hypointense on T1- and T2-weighted images; loss of T2 disc signal at L4-5.')).toEqual(['T1', 'T2', 'T1', 'T2', 'STIR images', 'T1', 'T2-weighted images', 'T2'])
  })

  it('the T1 and T2 vertebrae and levels: the spine, no MRI sequence', () => {
    expect(pairs('Compression fracture of the T1 vertebral body; endplate oedema at T1-T2 and C7-T1.')).toEqual([
      ['fracture', 'fracture'],
      ['vertebral body', 'spine'],
      ['oedema', 'bone-marrow-edema']
    ])
    expect(pairs('Marrow edema in the T2 vertebra, bright on T2 and dark on T1, at the T2 level.')).toEqual([
      ['Marrow edema', 'bone-marrow-edema'],
      ['vertebra', 'spine'],
      ['bright', 'high-signal'],
      ['T2', 't2-weighted'],
      ['dark', 'low-signal'],
      ['T1', 't1-weighted']
    ])
  })

  it('a phalanx of a finger or thumb: no toe; the toe itself still is one (held-out review M6)', () => {
    expect(pairs('Marrow oedema in the middle phalanx of the ring finger and the proximal phalanx of index finger.')).toEqual([['Marrow oedema', 'bone-marrow-edema']])
    expect(pairs('Bone bruise of the distal phalanx of the great toe and the phalanges of the fourth toe; oedema at the base of the proximal phalanx.')).toEqual([
      ['Bone bruise', 'bone-bruise'],
      ['great toe', 'toe'],
      ['toe', 'toe'],
      ['proximal phalanx', 'toe']
    ])
  })

  it('the medial patellofemoral ligament: no patellofemoral joint (held-out review M6)', () => {
    expect(pairs('Medial patellofemoral ligament tear; lateral patellofemoral osteoarthritis.')).toEqual([
      ['ligament tear', 'ligament-injury'],
      ['lateral patellofemoral', 'patellofemoral'],
      ['osteoarthritis', 'osteoarthritis']
    ])
  })

  it('the surgical neck of the humerus: no surgery', () => {
    const annotations = explain('No extension of the fracture line to the surgical neck. Surgical fixation is planned.').annotations
    expect(annotations.map((annotation) => [annotation.text, annotation.conceptId])).toEqual([
      ['fracture line', 'fracture'],
      ['Surgical', 'surgery']
    ])
  })

  it('an infarct of the brain, kidney or spleen, the spinal cord and the medulla oblongata: not bone', () => {
    for (const text of ['History of cerebral infarct.', 'Splenic infarct noted.', 'No intramedullary cord signal abnormality.', 'The medulla oblongata is unremarkable.']) {
      expect(explain(text).annotations.map((annotation) => annotation.conceptId)).not.toContain('bone-infarct')
      expect(explain(text).annotations.map((annotation) => annotation.conceptId)).not.toContain('medullary-bone')
    }
    expect(explain('Bone infarct in the distal femur.').annotations.map((annotation) => annotation.conceptId)).toContain('bone-infarct')
    expect(explain('Intramedullary lesion of the femur.').annotations.map((annotation) => annotation.conceptId)).toContain('medullary-bone')
  })

  it('a marrow edema-like lesion is one mention, not "marrow edema" and a loose "-like lesion"', () => {
    const [mention] = explain('There is a marrow edema-like lesion in the talus.').annotations
    expect([mention?.text, mention?.conceptId]).toEqual(['marrow edema-like lesion', 'bone-marrow-edema'])
  })

  it('fracture clinic: a clinic, not a break', () => {
    expect(found('Seen in the Fracture Clinic after a fall; no fracture.')).toEqual(['fracture=fracture'])
    expect(found('Follow-up in fracture clinics.')).toEqual([])
    // The break stays negated; the clinic after it is nothing.
    const [fracture] = explain('No fracture. Follow-up in the fracture clinic.').annotations
    expect([fracture?.text, fracture?.context.negated]).toEqual(['fracture', true])
  })

  it('a collapsed vertebra, midfoot or carpus, the renal cortex, a femoral hernia and the tibial sesamoid: not the joint surface or the bone', () => {
    expect(found('Vertebral body collapse at L1. Charcot foot with midfoot collapse.')).toEqual(['Charcot foot=charcot-arthropathy'])
    expect(found('Subchondral collapse of the femoral head.')).toEqual(['Subchondral collapse=articular-collapse', 'femoral head=femoral-head'])
    expect(found('The renal cortex is normal. A femoral hernia. The tibial sesamoid is intact.')).toEqual([])
    expect(found('Cortical thickening of the femur.')).toEqual(['Cortical=cortex', 'femur=femur'])
  })

  it('an idiom and a lymphoma named with a concept word: no cast, and the lymphoma whole (held-out review M4)', () => {
    expect(found('This does not cast doubt on the diagnosis.')).toEqual([])
    expect(found('Known diffuse large B-cell lymphoma.')).toEqual(['diffuse large B-cell lymphoma=lymphoma'])
    expect(found('Diffuse marrow oedema in a plaster cast.')).toEqual(['Diffuse=diffuse', 'marrow oedema=bone-marrow-edema', 'plaster cast=immobilization'])
  })

  it('a microfracture operation: not a trabecular microfracture, though the finding still is', () => {
    expect(found('At the microfracture site the repair tissue is intact.')).toEqual([])
    expect(found('Status post arthroscopic microfracture of the trochlea.')).toEqual(['trochlea=femur'])
    expect(found('Marrow oedema with microfracture of the medial tibial plateau.')).toEqual([
      'Marrow oedema=bone-marrow-edema',
      'microfracture=trabecular-microfracture',
      'medial tibial plateau=medial-tibial-plateau'
    ])
    expect(found('Trabecular injury of the calcaneus.')).toEqual(['Trabecular injury=trabecular-microfracture', 'calcaneus=calcaneus'])
  })

  it('patellar tendon, retinaculum and tendinosis: not the kneecap, though the kneecap still is', () => {
    expect(found('Partial tear of the patellar tendon; marrow edema in the patella.')).toEqual(['marrow edema=bone-marrow-edema', 'patella=patella'])
    expect(found('Patellar tendon intact. Patellar fracture. Patella alta. Lateral patellar facet.')).toEqual([
      'Patellar=patella',
      'fracture=fracture',
      'Patella=patella',
      'Lateral patellar facet=patella'
    ])
    expect(found('The medial patellar retinaculum is torn. Proximal patellar tendinosis. Bilateral patellar tendons.')).toEqual(['Bilateral=bilateral'])
    // Bare edema is not tied to the kneecap by the tendon, but is by the bone.
    expect(found('Edema around the patellar tendon. Edema in the patella.')).toEqual(['Edema=bone-marrow-edema', 'patella=patella'])
    // A tendon's insertion on the bone is an enthesis, as before.
    expect(found('Marrow edema at the patellar tendon insertion.')).toEqual(['Marrow edema=bone-marrow-edema', 'patellar tendon insertion=enthesis'])
  })

  it('osteitis condensans, deformans and fibrosa: other diseases, not osteitis', () => {
    expect(found('Osteitis condensans ilii. Osteitis deformans. Osteitis fibrosa cystica. Osteitis at the sacroiliac joints.')).toEqual([
      'Osteitis=osteitis',
      'sacroiliac joints=sacroiliac-joint'
    ])
  })

  it('tibial nerve, vessels, tendon, collateral ligament and component: not the shin bone', () => {
    expect(found('Posterior tibial tendon tenosynovitis. Tibial nerve intact. Anterior tibial artery and posterior tibial veins patent.')).toEqual([])
    expect(found('Tibial collateral ligament sprain.')).toEqual(['ligament sprain=ligament-injury'])
    expect(found('The tibial component is well fixed; marrow edema in the tibial shaft.')).toEqual(['marrow edema=bone-marrow-edema', 'tibial shaft=tibia'])
    // The tibial spine is part of the shin bone (a form of it), not the backbone.
    expect(found('Avulsion of the tibial spine.')).toEqual(['tibial spine=tibia'])
    expect(found('Marrow edema at the posterior tibial tendon insertion.')).toEqual(['Marrow edema=bone-marrow-edema', 'tibial tendon insertion=enthesis'])
  })

  it('femoral nerve, artery, vein, vessels and component: not the thigh bone', () => {
    expect(found('Common femoral vein patent. Femoral artery and femoral nerve normal. Edema along the femoral vessels.')).toEqual([])
    expect(found('Femoral component in place. Distal femur marrow edema.')).toEqual(['Distal femur=femur', 'marrow edema=bone-marrow-edema'])
  })

  it('acetabular labrum, component and cup: not the hip socket', () => {
    expect(found('Acetabular labral tear. The acetabular labrum is frayed. The acetabular cup is well seated.')).toEqual([])
    expect(found('Acetabular roof edema.')).toEqual(['Acetabular roof=acetabulum', 'edema=bone-marrow-edema'])
  })

  it('spinal cord and iliac spine: not the backbone', () => {
    expect(found('Spinal cord normal. Avulsion of the anterior inferior iliac spine. Lumbar spine.')).toEqual(['spine=spine'])
  })

  it('calcaneal tendon and tarsal tunnel: not the heel bone or the tarsal bones', () => {
    expect(found('Calcaneal tendon thickened; calcaneal marrow edema. Tarsal tunnel ganglion; tarsal bones.')).toEqual([
      'calcaneal=calcaneus',
      'marrow edema=bone-marrow-edema',
      'tarsal bones=tarsal-bones'
    ])
    expect(found('Edema in the tarsal tunnel near the talus.')).toEqual(['talus=talus'])
  })

  it('other diseases and medicines named with a concept\'s word', () => {
    expect(found('Sickle cell trait. Sickle cell disease.')).toEqual(['Sickle cell disease=sickle-cell-disease'])
    expect(found('Charcot-Marie-Tooth disease. Charcot foot.')).toEqual(['Charcot foot=charcot-arthropathy'])
    expect(found('Anti-tumor necrosis factor therapy. Anti-tumour necrosis factor therapy. Bone tumor.')).toEqual(['Bone tumor=tumor'])
    expect(found('Anabolic steroid use. Anabolic steroid injection. Long-term steroid use.')).toEqual(['steroid use=corticosteroid'])
    expect(found('Cystic fibrosis. Marrow fibrosis.')).toEqual(['Marrow fibrosis=fibrosis'])
    expect(found('Myocardial infarct in 2019. Bone infarct in the distal femur.')).toEqual(['Bone infarct=bone-infarct', 'distal femur=femur'])
    expect(found('Peptic ulcer disease. Plantar ulcer.')).toEqual(['Plantar ulcer=ulcer'])
  })

  it('lose a tie of equal length to a form that starts earlier', () => {
    expect(found('Stress fracture clinic.')).toEqual(['Stress fracture=stress-fracture'])
  })
})
