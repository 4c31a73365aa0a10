import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {
  FhirAdapterError,
  fromFhir,
  type FhirAttachment,
  type FhirDiagnosticReport,
  type FhirDocumentReference
} from '../src/adapters/fhir.js'
import {thrown} from './thrown.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/adapters/${name}`, import.meta.url), 'utf8')

/** Base64 of raw bytes. */
function base64Bytes(bytes: readonly number[] | Uint8Array): string {
  let binary = ''
  for (const byte of bytes) binary += String.fromCharCode(byte)
  return btoa(binary)
}

/** Base64 of the UTF-8 encoding of `text`. */
const base64 = (text: string): string => base64Bytes(new TextEncoder().encode(text))

const plain = (text: string, contentType = 'text/plain'): FhirAttachment => ({contentType, data: base64(text)})
const html = (text: string, contentType = 'text/html'): FhirAttachment => ({contentType, data: base64(text)})

const report = (presentedForm: readonly unknown[] | undefined, conclusion?: string): FhirDiagnosticReport =>
  ({
    resourceType: 'DiagnosticReport',
    ...(presentedForm === undefined ? {} : {presentedForm}),
    ...(conclusion === undefined ? {} : {conclusion})
  }) as FhirDiagnosticReport

const documentReference = (...attachments: unknown[]): FhirDocumentReference =>
  ({resourceType: 'DocumentReference', content: attachments.map((attachment) => ({attachment}))}) as FhirDocumentReference


const REPORT = 'Bone marrow edema in the medial femoral condyle. No fracture.'

describe('fromFhir: DiagnosticReport', () => {
  it('reads a base64 text/plain presentedForm', () => {
    expect(fromFhir(report([plain(REPORT)]))).toBe(REPORT)
  })

  it('reads a text/html presentedForm through htmlToText', () => {
    expect(fromFhir(report([html('<p>Bone marrow edema.</p><p>No&nbsp;fracture.</p>')]))).toBe(
      'Bone marrow edema.\nNo fracture.'
    )
  })

  it('joins several text attachments in order with a blank line', () => {
    expect(fromFhir(report([plain('FINDINGS: edema.'), html('<p>IMPRESSION: bone bruise.</p>'), plain('Addendum.')]))).toBe(
      'FINDINGS: edema.\n\nIMPRESSION: bone bruise.\n\nAddendum.'
    )
  })

  it('drops a text identical to an earlier one (the same report in two renditions)', () => {
    expect(fromFhir(report([plain('No fracture.'), html('<p>No fracture.</p>'), plain('Other.')]))).toBe(
      'No fracture.\n\nOther.'
    )
  })

  it('skips non-text attachments', () => {
    const pdf = {contentType: 'application/pdf', data: base64('%PDF-1.4')}
    const dicom = {contentType: 'application/dicom', data: 'AAAA'}
    const rtf = {contentType: 'text/rtf', data: base64('{\\rtf1 x}')}
    const noType = {data: base64('no content type')}
    expect(fromFhir(report([pdf, dicom, rtf, noType, plain(REPORT)]))).toBe(REPORT)
  })

  it('never fetches a url: url-only attachments are skipped', () => {
    const urlOnly = {contentType: 'text/plain', url: 'https://example.org/Binary/1'}
    expect(fromFhir(report([urlOnly, plain(REPORT)]))).toBe(REPORT)
    expect(fromFhir(report([{...plain(REPORT), url: 'https://example.org/Binary/2'}]))).toBe(REPORT)
  })

  it('falls back to the conclusion when no attachment gives text', () => {
    expect(fromFhir(report(undefined, 'Bone bruise of the medial femoral condyle.'))).toBe(
      'Bone bruise of the medial femoral condyle.'
    )
    expect(fromFhir(report([], '  Line 1\r\nLine 2\rLine 3  '))).toBe('Line 1\nLine 2\nLine 3')
    expect(fromFhir(report([{contentType: 'text/plain', url: 'https://example.org/x'}], 'Conclusion.'))).toBe(
      'Conclusion.'
    )
    expect(fromFhir(report([plain('   ')], 'Conclusion.'))).toBe('Conclusion.')
  })

  it('prefers attachment text over the conclusion', () => {
    expect(fromFhir(report([plain(REPORT)], 'Conclusion.'))).toBe(REPORT)
  })

  it('normalises line breaks and trims the text', () => {
    expect(fromFhir(report([plain('\r\n  FINDINGS:\r\nedema\r\rno fracture  \n\n')]))).toBe(
      'FINDINGS:\nedema\n\nno fracture'
    )
  })

  it('ignores the other fields of a real resource', () => {
    const resource = {
      resourceType: 'DiagnosticReport',
      id: 'x',
      status: 'final',
      code: {text: 'MRI knee'},
      text: {status: 'generated', div: '<div xmlns="http://www.w3.org/1999/xhtml">Narrative</div>'},
      presentedForm: [plain(REPORT)]
    }
    expect(fromFhir(resource)).toBe(REPORT)
  })
})

describe('fromFhir: DocumentReference', () => {
  it('reads content[].attachment with the same rules', () => {
    expect(fromFhir(documentReference(html('<ul><li>Bone marrow edema</li><li>No fracture</li></ul>')))).toBe(
      '- Bone marrow edema\n- No fracture'
    )
    expect(
      fromFhir(
        documentReference({contentType: 'application/pdf', url: 'https://example.org/x.pdf'}, plain('A.'), plain('B.'))
      )
    ).toBe('A.\n\nB.')
  })
})

describe('fromFhir: content types and charsets', () => {
  it('matches media types case-insensitively and with parameters', () => {
    expect(fromFhir(report([plain('a', 'TEXT/PLAIN')]))).toBe('a')
    expect(fromFhir(report([plain('b', ' text/plain ; format=flowed ')]))).toBe('b')
    expect(fromFhir(report([html('<b>c</b>', 'Text/HTML; charset="UTF-8"')]))).toBe('c')
  })

  it('decodes UTF-8 by default and when declared, dropping a byte-order mark', () => {
    const text = 'Ödem 18 × 12 mm – 骨髄浮腫 😀'
    expect(fromFhir(report([plain(text)]))).toBe(text)
    expect(fromFhir(report([plain(text, 'text/plain; charset=utf-8')]))).toBe(text)
    expect(fromFhir(report([plain(text, 'text/plain;charset=UTF8')]))).toBe(text)
    expect(fromFhir(report([plain(`\ufeff${text}`)]))).toBe(text)
  })

  it('decodes us-ascii and iso-8859-1 as windows-1252', () => {
    const bytes = [0x4f, 0x65, 0x64, 0x65, 0x6d, 0x20, 0xe9, 0x20, 0xb0, 0x20, 0x96, 0x20, 0x93, 0x78, 0x94]
    for (const charset of ['iso-8859-1', 'ISO-8859-1', 'latin1', 'us-ascii', '"us-ascii"', 'windows-1252']) {
      const attachment = {contentType: `text/plain; charset=${charset}`, data: base64Bytes(bytes)}
      expect(fromFhir(report([attachment]))).toBe('Oedem é ° – “x”')
    }
    expect(fromFhir(report([{contentType: 'text/plain; charset=us-ascii', data: base64('plain ascii')}]))).toBe(
      'plain ascii'
    )
  })

  it('accepts base64 with line breaks and without padding', () => {
    const data = base64(REPORT)
    expect(fromFhir(report([{contentType: 'text/plain', data: data.replace(/(.{16})/g, '$1\r\n')}]))).toBe(REPORT)
    expect(fromFhir(report([{contentType: 'text/plain', data: base64('ab').replace(/=+$/, '')}]))).toBe('ab')
  })

  it('handles a large attachment', () => {
    const line = 'Bone marrow edema in the medial femoral condyle.\n'
    const text = line.repeat(50_000)
    expect(fromFhir(report([plain(text)]))).toBe(text.trim())
  })
})

describe('fromFhir: errors', () => {
  const SECRET = 'Bone marrow edema in the medial femoral condyle'

  it('throws a TypeError with BME_FHIR_NOT_AN_OBJECT for non-objects', () => {
    for (const [input, got] of [
      [undefined, 'undefined'],
      [null, 'null'],
      [42, 'number'],
      [true, 'boolean'],
      [[report([plain(REPORT)])], 'an array']
    ] as const) {
      const error = thrown(() => fromFhir(input))
      expect(error).toBeInstanceOf(TypeError)
      expect(error).toMatchObject({
        code: 'BME_FHIR_NOT_AN_OBJECT',
        message: `fromFhir: expected a parsed FHIR resource object, got ${got}`
      })
    }
    const error = thrown(() => fromFhir(JSON.stringify(report([plain(SECRET)]))))
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({
      code: 'BME_FHIR_NOT_AN_OBJECT',
      message: 'fromFhir: expected a parsed FHIR resource object, got string (parse the JSON first)'
    })
  })

  it('throws BME_FHIR_UNSUPPORTED_RESOURCE naming the resourceType', () => {
    const cases: [unknown, string][] = [
      [{resourceType: 'Observation', valueString: SECRET}, 'fromFhir: unsupported resourceType "Observation"; expected DiagnosticReport or DocumentReference'],
      [{resourceType: 'Bundle', entry: []}, 'fromFhir: unsupported resourceType "Bundle"; expected DiagnosticReport or DocumentReference'],
      [{presentedForm: [plain(SECRET)]}, 'fromFhir: the resource has no resourceType; expected DiagnosticReport or DocumentReference'],
      [{resourceType: SECRET}, 'fromFhir: the resource has an invalid resourceType; expected DiagnosticReport or DocumentReference'],
      [{resourceType: 7}, 'fromFhir: the resource has an invalid resourceType; expected DiagnosticReport or DocumentReference'],
      [{resourceType: 'diagnosticreport'}, 'fromFhir: unsupported resourceType "diagnosticreport"; expected DiagnosticReport or DocumentReference'],
      [{}, 'fromFhir: the resource has no resourceType; expected DiagnosticReport or DocumentReference']
    ]
    for (const [input, message] of cases) {
      const error = thrown(() => fromFhir(input))
      expect(error).toBeInstanceOf(FhirAdapterError)
      expect(error).toMatchObject({code: 'BME_FHIR_UNSUPPORTED_RESOURCE', name: 'FhirAdapterError', message})
    }
  })

  it('throws BME_FHIR_INVALID_RESOURCE for wrongly typed fields', () => {
    expect(thrown(() => fromFhir({resourceType: 'DiagnosticReport', presentedForm: plain(SECRET)}))).toMatchObject({
      code: 'BME_FHIR_INVALID_RESOURCE',
      message: 'fromFhir: DiagnosticReport.presentedForm is object, expected an array'
    })
    expect(thrown(() => fromFhir({resourceType: 'DocumentReference', content: SECRET}))).toMatchObject({
      code: 'BME_FHIR_INVALID_RESOURCE',
      message: 'fromFhir: DocumentReference.content is string, expected an array'
    })
    expect(thrown(() => fromFhir({resourceType: 'DiagnosticReport', conclusion: [SECRET]}))).toMatchObject({
      code: 'BME_FHIR_INVALID_RESOURCE',
      message: 'fromFhir: DiagnosticReport.conclusion is an array, expected a string'
    })
  })

  it('throws BME_FHIR_BAD_ATTACHMENT for broken attachments', () => {
    const cases: [unknown, string][] = [
      [report([SECRET]), 'fromFhir: presentedForm[0] is string, expected an object'],
      [report([plain('ok'), null]), 'fromFhir: presentedForm[1] is null, expected an object'],
      [report([{contentType: 7, data: base64(SECRET)}]), 'fromFhir: presentedForm[0] has a contentType that is number, expected a string'],
      [report([{contentType: 'text/plain', data: 12}]), 'fromFhir: presentedForm[0] has data that is number, expected a base64 string'],
      [report([{contentType: 'text/plain', data: `${SECRET}!`}]), 'fromFhir: presentedForm[0] has data that is not valid base64'],
      [report([{contentType: 'text/plain', data: base64Bytes([0x61, 0xff, 0x62])}]), 'fromFhir: presentedForm[0] declares UTF-8 but its data is not valid UTF-8'],
      [report([plain(SECRET, 'text/plain; charset=utf-16')]), 'fromFhir: presentedForm[0] has an unsupported charset "utf-16"; expected utf-8, us-ascii or iso-8859-1'],
      [report([plain(SECRET, 'text/html; charset=shift_jis')]), 'fromFhir: presentedForm[0] has an unsupported charset "shift_jis"; expected utf-8, us-ascii or iso-8859-1'],
      [report([plain(SECRET, `text/plain; charset=${SECRET}`)]), 'fromFhir: presentedForm[0] has an unsupported charset (unreadable); expected utf-8, us-ascii or iso-8859-1'],
      [documentReference(plain('ok'), 'x'), 'fromFhir: content[1].attachment is string, expected an object'],
      [{resourceType: 'DocumentReference', content: [SECRET]}, 'fromFhir: content[0] is string, expected an object'],
      [{resourceType: 'DocumentReference', content: [{format: {code: 'x'}}]}, 'fromFhir: content[0] has no attachment']
    ]
    for (const [input, message] of cases) {
      const error = thrown(() => fromFhir(input))
      expect(error).toBeInstanceOf(FhirAdapterError)
      expect(error).toMatchObject({code: 'BME_FHIR_BAD_ATTACHMENT', message})
    }
  })

  it('throws BME_FHIR_NO_TEXT and says why', () => {
    const url = {contentType: 'text/plain', url: 'https://example.org/Binary/1'}
    const cases: [unknown, string][] = [
      [report(undefined), 'fromFhir: DiagnosticReport has no usable report text: presentedForm is empty or missing, and there is no conclusion'],
      [report([], '  '), 'fromFhir: DiagnosticReport has no usable report text: presentedForm is empty or missing, and there is no conclusion'],
      [report([url]), 'fromFhir: DiagnosticReport has no usable report text: 1 attachment only has a url, which is never fetched, and there is no conclusion'],
      [
        report([url, url, {contentType: 'application/pdf', data: 'AAAA'}, {}, plain(' \n ')]),
        'fromFhir: DiagnosticReport has no usable report text: 2 attachments only have a url, which is never fetched; 1 attachment is not text/plain or text/html; 1 attachment has neither data nor a url; 1 text attachment is empty, and there is no conclusion'
      ],
      [documentReference(url), 'fromFhir: DocumentReference has no usable report text: 1 attachment only has a url, which is never fetched'],
      [documentReference(html('<script>x</script><!-- only markup -->')), 'fromFhir: DocumentReference has no usable report text: 1 text attachment is empty'],
      [{resourceType: 'DocumentReference'}, 'fromFhir: DocumentReference has no usable report text: content is empty or missing'],
      [{resourceType: 'DocumentReference', content: []}, 'fromFhir: DocumentReference has no usable report text: content is empty or missing']
    ]
    for (const [input, message] of cases) {
      const error = thrown(() => fromFhir(input))
      expect(error).toBeInstanceOf(FhirAdapterError)
      expect(error).toMatchObject({code: 'BME_FHIR_NO_TEXT', message})
    }
  })

  it('never puts report text in an error message', () => {
    const inputs: unknown[] = [
      SECRET,
      {resourceType: SECRET},
      report([{contentType: 'text/plain', data: `${SECRET}!`}]),
      report([{contentType: 'text/plain', data: base64Bytes([...new TextEncoder().encode(SECRET), 0xff])}]),
      report([plain(SECRET, 'text/plain; charset=ebcdic')]),
      report([{contentType: 'application/pdf', data: base64(SECRET)}], ''),
      report([{contentType: 'text/plain', url: `https://example.org/${encodeURIComponent(SECRET)}`}]),
      {resourceType: 'DiagnosticReport', conclusion: {text: SECRET}},
      documentReference(SECRET)
    ]
    for (const input of inputs) {
      const error = thrown(() => fromFhir(input))
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).not.toMatch(/edema|condyle/i)
    }
  })
})

describe('fromFhir: golden fixtures', () => {
  it('extracts the text/plain presentedForm of the knee MRI DiagnosticReport', () => {
    const expected = fixture('knee-mri.diagnostic-report.expected.txt')
    expect(expected.endsWith('\n')).toBe(true)
    expect(fromFhir(JSON.parse(fixture('knee-mri.diagnostic-report.json')))).toBe(expected.slice(0, -1))
  })

  it('extracts the text/html attachment of the knee MRI DocumentReference', () => {
    const expected = fixture('knee-mri.document-reference.expected.txt')
    expect(expected.endsWith('\n')).toBe(true)
    const resource = JSON.parse(fixture('knee-mri.document-reference.json')) as FhirDocumentReference
    expect(fromFhir(resource)).toBe(expected.slice(0, -1))
  })

  it('keeps the DocumentReference data in sync with its readable HTML source', () => {
    const resource = JSON.parse(fixture('knee-mri.document-reference.json')) as FhirDocumentReference
    const data = resource.content[1]?.attachment.data ?? ''
    expect(data).toBe(base64(fixture('knee-mri.document-reference.source.html')))
  })
})
