import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {
  DEFAULT_HL7_ENCODING,
  decodeHl7Escapes,
  fromHl7v2,
  Hl7AdapterError,
  type Hl7Encoding
} from '../src/adapters/hl7v2.js'
import {thrown} from './thrown.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/adapters/${name}`, import.meta.url), 'utf8')

const MSH = 'MSH|^~\\&|RIS|HOSP|EHR|HOSP|20240305143000||ORU^R01|MSG1|P|2.5.1'

/** A message with the default header and the given segments, joined with CR. */
const message = (...segments: string[]): string => [MSH, ...segments].join('\r')

/** An OBX segment of value type `type` with OBX-5 `value`. */
const obx = (type: string, value: string, id = 1): string => `OBX|${id}|${type}|18782-3^Study observation^LN|1|${value}||||||F`


describe('fromHl7v2: messages', () => {
  it('collects TX, FT and ST OBX-5 values in order, one per line', () => {
    const input = message(
      'PID|1||123^^^HOSP^MR||DOE^JANE',
      'OBR|1|ORD|ACC|73721^MRI KNEE^CPT4',
      obx('TX', 'FINDINGS:', 1),
      obx('ST', 'Bone marrow edema in the medial femoral condyle.', 2),
      obx('FT', 'No fracture.', 3)
    )
    expect(fromHl7v2(input)).toBe('FINDINGS:\nBone marrow edema in the medial femoral condyle.\nNo fracture.')
  })

  it('ignores other value types', () => {
    const input = message(
      obx('NM', '18'),
      obx('CE', 'RID123^edema^RADLEX'),
      obx('CWE', 'x^y'),
      obx('ED', '^application^pdf^Base64^JVBERi0='),
      obx('RP', 'http://example.org/report.pdf'),
      obx('TX', 'kept'),
      obx('', 'no type'),
      'OBX|1'
    )
    expect(fromHl7v2(input)).toBe('kept')
  })

  it('matches the value type case-insensitively and ignoring spaces', () => {
    expect(fromHl7v2(message(obx('tx', 'a'), obx(' FT ', 'b')))).toBe('a\nb')
  })

  it('ignores text in segments other than OBX', () => {
    const input = message('NTE|1||a note', 'OBXX|1|TX|x||not obx', 'ZDS|1|TX|x||custom', obx('TX', 'obx text'))
    expect(fromHl7v2(input)).toBe('obx text')
  })

  it('accepts CR, LF and CR LF segment separators', () => {
    const segments = [MSH, obx('TX', 'line 1'), obx('TX', 'line 2')]
    expect(fromHl7v2(segments.join('\r'))).toBe('line 1\nline 2')
    expect(fromHl7v2(segments.join('\n'))).toBe('line 1\nline 2')
    expect(fromHl7v2(segments.join('\r\n'))).toBe('line 1\nline 2')
    expect(fromHl7v2(`${segments.join('\r\n')}\r\n`)).toBe('line 1\nline 2')
    expect(fromHl7v2(segments.join('\r\n\r\n'))).toBe('line 1\nline 2')
  })

  it('ignores MLLP framing, a byte-order mark and leading white space', () => {
    const body = message(obx('TX', 'framed'))
    expect(fromHl7v2(`\u000b${body}\u001c\r`)).toBe('framed')
    expect(fromHl7v2(`\ufeff${body}`)).toBe('framed')
    expect(fromHl7v2(`\r\n  ${body}`)).toBe('framed')
  })

  it('joins a raw line break inside OBX-5 to its segment', () => {
    const input = `${MSH}\r${obx('TX', 'first part\nsecond part')}\r${obx('TX', 'next')}`
    expect(fromHl7v2(input)).toBe('first part\nsecond part\nnext')
  })

  it('makes each repetition of OBX-5 a line', () => {
    expect(fromHl7v2(message(obx('TX', 'No fracture.~Menisci intact.~~ACL intact.')))).toBe(
      'No fracture.\nMenisci intact.\n\nACL intact.'
    )
  })

  it('keeps a raw component or subcomponent character as text (TX, FT, ST are single-component)', () => {
    expect(fromHl7v2(message(obx('TX', 'T1^T2 & STIR')))).toBe('T1^T2 & STIR')
    expect(fromHl7v2(message(obx('ST', 'a^b^c&d')))).toBe('a^b^c&d')
  })

  it('treats the HL7 null "" as an empty line and keeps inner empty lines', () => {
    expect(fromHl7v2(message(obx('TX', 'FINDINGS:'), obx('TX', '""'), obx('TX', ''), obx('TX', 'IMPRESSION:')))).toBe(
      'FINDINGS:\n\n\nIMPRESSION:'
    )
    expect(fromHl7v2(message(obx('TX', 'say ""quoted""')))).toBe('say ""quoted""')
  })

  it('removes trailing spaces, keeps indentation, and drops leading and trailing empty lines', () => {
    expect(fromHl7v2(message(obx('TX', '""'), obx('TX', '   '), obx('TX', '  indented   '), obx('TX', 'x\t'), obx('TX', '')))).toBe(
      '  indented\nx'
    )
  })

  it('uses OBX segments without the trailing fields', () => {
    expect(fromHl7v2(message('OBX|1|TX|code||short'))).toBe('short')
    expect(fromHl7v2(message('OBX|1|TX|code||short', obx('TX', 'more')))).toBe('short\nmore')
  })

  it('honours the separators MSH-1 and MSH-2 declare', () => {
    const input = ['MSH#*!$@#RIS', 'OBX#1#TX#code#1#a|b^c~d&e!second$F$ $E$ $S$ $T$ $R$#', 'OBX#2#TX#x##\\no escape'].join('\r')
    expect(fromHl7v2(input)).toBe('a|b^c~d&e\nsecond# $ * @ !\n\\no escape')
  })

  it('re-reads separators at every MSH of a batch', () => {
    const input = [
      'FHS|^~\\&|RIS',
      'BHS|^~\\&|RIS',
      MSH,
      obx('TX', 'first\\T\\message'),
      'MSH#^~\\&#RIS',
      'OBX#1#TX#x##second\\F\\message',
      'BTS#2',
      'FTS#1'
    ].join('\r')
    expect(fromHl7v2(input)).toBe('first&message\nsecond#message')
  })

  it('takes text as is when MSH-2 declares no escape character', () => {
    expect(fromHl7v2(['MSH|^~', 'OBX|1|TX|x||a\\F\\b~c'].join('\r'))).toBe('a\\F\\b\nc')
    expect(fromHl7v2(['MSH|^', 'OBX|1|TX|x||a~b'].join('\r'))).toBe('a~b')
  })

  it('keeps unicode text', () => {
    expect(fromHl7v2(message(obx('TX', 'Knochenmarködem – 骨髄浮腫 😀')))).toBe('Knochenmarködem – 骨髄浮腫 😀')
  })

  it('handles very many OBX segments and repetitions', () => {
    const lines = Array.from({length: 50_000}, (_, i) => `line ${i}`)
    const repeated = message(obx('TX', lines.join('~')))
    const segments = message(...lines.map((line, i) => obx('TX', line, i + 1)))
    const started = performance.now()
    expect(fromHl7v2(repeated)).toBe(lines.join('\n'))
    expect(fromHl7v2(segments)).toBe(lines.join('\n'))
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('fromHl7v2: escape sequences', () => {
  const one = (value: string): string => fromHl7v2(message(obx('FT', value)))

  it('decodes the separator escapes', () => {
    expect(one('a\\F\\b\\S\\c\\T\\d\\R\\e\\E\\f')).toBe('a|b^c&d~e\\f')
  })

  it('decodes \\.br\\ and \\.sp\\ as line breaks', () => {
    expect(one('FINDINGS:\\.br\\edema')).toBe('FINDINGS:\nedema')
    expect(one('a\\.sp\\b')).toBe('a\nb')
    expect(one('a\\.sp 2\\b')).toBe('a\n\nb')
    expect(one('a\\.sp3\\b')).toBe('a\n\n\nb')
    expect(one('a\\.sp 0\\b')).toBe('ab')
    expect(one('a\\.sp 1000\\b')).toBe(`a${'\n'.repeat(100)}b`)
    expect(one('a\\.BR\\b')).toBe('a\nb')
  })

  it('decodes hex escapes as UTF-8, including CR and LF', () => {
    expect(one('a\\X0D\\b')).toBe('a\nb')
    expect(one('a\\X0A\\b')).toBe('a\nb')
    expect(one('a\\X0D0A\\b')).toBe('a\nb')
    expect(one('a\\X000D\\b')).toBe('a\nb')
    expect(one('18 \\XC397\\ 12 mm')).toBe('18 × 12 mm')
    expect(one('\\XE9AAA8\\')).toBe('骨')
    expect(one('\\XC3\\\\XA9\\')).toBe('é')
    expect(one('\\xc3a9\\')).toBe('\\xc3a9\\')
    expect(one('\\Xc3a9\\')).toBe('é')
    expect(one('\\X41\\\\X09\\\\X42\\')).toBe('A\tB')
  })

  it('reads hex bytes that are not UTF-8 as windows-1252', () => {
    expect(one('caf\\XE9\\')).toBe('café')
    expect(one('\\X96\\')).toBe('–')
    expect(one('\\X81\\')).toBe('\u0081')
  })

  it('removes highlighting and formatting commands', () => {
    expect(one('\\H\\IMPRESSION:\\N\\ bone bruise')).toBe('IMPRESSION: bone bruise')
    expect(one('\\.in +4\\\\.ti -2\\\\.fi\\\\.nf\\text\\.in 0\\')).toBe('text')
    expect(one('\\.in\\x')).toBe('x')
  })

  it('makes \\.ce\\ end a line that has text, and \\.sk\\ a single space', () => {
    expect(one('\\.ce\\TITLE')).toBe('TITLE')
    expect(one('before\\.ce\\TITLE')).toBe('before\nTITLE')
    expect(one('a\\.br\\\\.ce\\b')).toBe('a\nb')
    expect(one('a\\.sk 5\\b')).toBe('a b')
    expect(one('a\\.sk\\b')).toBe('a b')
    expect(one('a\\.sk 0\\b')).toBe('ab')
  })

  it('keeps unknown and malformed escapes literally', () => {
    expect(one('a\\Zlocal\\b')).toBe('a\\Zlocal\\b')
    expect(one('a\\C2842\\b')).toBe('a\\C2842\\b')
    expect(one('a\\X0\\b')).toBe('a\\X0\\b')
    expect(one('a\\X\\b')).toBe('a\\X\\b')
    expect(one('a\\XZZ\\b')).toBe('a\\XZZ\\b')
    expect(one('a\\.zz\\b')).toBe('a\\.zz\\b')
    expect(one('a\\.br 2\\b')).toBe('a\\.br 2\\b')
    expect(one('a\\.sp x\\b')).toBe('a\\.sp x\\b')
    expect(one('a\\P\\b')).toBe('a\\P\\b')
    expect(one('a\\\\b')).toBe('a\\\\b')
    expect(one('C:\\path')).toBe('C:\\path')
    expect(one('trailing\\')).toBe('trailing\\')
  })

  it('lets the closing character of an unknown escape open the next one', () => {
    expect(one('a \\ b \\F\\ c')).toBe('a \\ b | c')
    expect(one('x\\y\\.br\\z')).toBe('x\\y\nz')
  })

  it('decodes \\P\\ when MSH-2 declares a truncation character', () => {
    expect(fromHl7v2(['MSH|^~\\&#|RIS', 'OBX|1|TX|x||50\\P\\ cut'].join('\r'))).toBe('50# cut')
  })

  it('splits repetitions before decoding, so \\R\\ stays on its line', () => {
    expect(one('a\\R\\b~c')).toBe('a~b\nc')
  })

  it('exposes the escape decoder with default separators', () => {
    expect(decodeHl7Escapes('a\\T\\b\\.br\\c')).toBe('a&b\nc')
    const encoding: Hl7Encoding = {...DEFAULT_HL7_ENCODING, escape: '!'}
    expect(decodeHl7Escapes('a!F!b\\F\\', encoding)).toBe('a|b\\F\\')
    expect(DEFAULT_HL7_ENCODING).toEqual({
      field: '|',
      component: '^',
      repetition: '~',
      escape: '\\',
      subcomponent: '&',
      truncation: ''
    })
  })

  it('runs in linear time on pathological escapes', () => {
    const size = 200_000
    const started = performance.now()
    for (const value of ['\\'.repeat(size), '\\X'.repeat(size), `\\X${'41'.repeat(size)}\\`, '\\a'.repeat(size), '\\.sp 99\\'.repeat(10_000)]) {
      expect(typeof fromHl7v2([`x${value}`])).toBe('string')
    }
    expect(fromHl7v2([`\\X${'41'.repeat(size)}\\`])).toBe('A'.repeat(size))
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('fromHl7v2: arrays of OBX-5 values', () => {
  it('treats each item as one value with the default separators', () => {
    expect(fromHl7v2(['FINDINGS:', 'Bone marrow edema\\.br\\in the medial femoral condyle.', 'No fracture.'])).toBe(
      'FINDINGS:\nBone marrow edema\nin the medial femoral condyle.\nNo fracture.'
    )
  })

  it('does not split items on the repetition or component character', () => {
    expect(fromHl7v2(['approx ~5 mm', 'T1^T2'])).toBe('approx ~5 mm\nT1^T2')
  })

  it('decodes escapes, the null value and line breaks in items', () => {
    expect(fromHl7v2(['a', '""', 'b\\T\\c', 'd\r\ne  '])).toBe('a\n\nb&c\nd\ne')
  })

  it('handles a huge array', () => {
    const values = Array.from({length: 100_000}, (_, i) => `v${i}`)
    expect(fromHl7v2(values)).toBe(values.join('\n'))
  })
})

describe('fromHl7v2: errors', () => {
  const SECRET = 'Bone marrow edema in the medial femoral condyle'

  it('throws BME_HL7_NO_TEXT for empty input', () => {
    for (const input of ['', '   ', '\r\n', '\u000b\u001c', []]) {
      const error = thrown(() => fromHl7v2(input))
      expect(error).toBeInstanceOf(Hl7AdapterError)
      expect(error).toMatchObject({code: 'BME_HL7_NO_TEXT', name: 'Hl7AdapterError'})
    }
  })

  it('throws BME_HL7_NO_TEXT when no OBX has TX, FT or ST text', () => {
    expect(() => fromHl7v2(MSH)).toThrow('fromHl7v2: the message has no OBX segment with TX, FT or ST text')
    for (const input of [
      MSH,
      message('PID|1||123'),
      message(obx('NM', '18'), obx('CE', 'x^y')),
      message(obx('TX', ''), obx('TX', '""'), obx('TX', '   ')),
      message(obx('TX', '\\H\\\\N\\\\.br\\'))
    ]) {
      expect(thrown(() => fromHl7v2(input))).toMatchObject({code: 'BME_HL7_NO_TEXT'})
    }
    expect(thrown(() => fromHl7v2(['', '""', '  ']))).toMatchObject({
      code: 'BME_HL7_NO_TEXT',
      message: 'fromHl7v2: the OBX-5 values contain no text'
    })
  })

  it('throws BME_HL7_NOT_A_MESSAGE for strings that are not HL7 v2', () => {
    for (const input of [
      SECRET,
      `${SECRET}\r${obx('TX', SECRET)}`,
      `PID|1\r${MSH}`,
      'MSH',
      'MSH|',
      'MSHA^~\\&',
      'MSH|||',
      'MSH|^^\\&',
      'MSH|^~\\&^',
      'MSH|^ \\&',
      'MSH|^~\\&$%|x',
      'msh|^~\\&',
      '{"resourceType":"DiagnosticReport"}',
      '<html>report</html>'
    ]) {
      const error = thrown(() => fromHl7v2(input))
      expect(error).toBeInstanceOf(Hl7AdapterError)
      expect(error).toMatchObject({code: 'BME_HL7_NOT_A_MESSAGE'})
      expect((error as Error).message).toBe(
        'fromHl7v2: the input is not an HL7 v2 message (it must start with MSH, FHS or BHS and valid separators)'
      )
    }
  })

  it('throws BME_HL7_NOT_A_MESSAGE for a later header with invalid separators', () => {
    const error = thrown(() => fromHl7v2(message(obx('TX', SECRET), 'MSH|^^^^')))
    expect(error).toMatchObject({
      code: 'BME_HL7_NOT_A_MESSAGE',
      message: 'fromHl7v2: segment 3 (MSH) declares invalid separators'
    })
  })

  it('throws a TypeError with BME_HL7_INVALID_INPUT for other types', () => {
    for (const [input, got] of [
      [undefined, 'undefined'],
      [null, 'null'],
      [42, 'number'],
      [{}, 'object'],
      [true, 'boolean']
    ] as const) {
      const error = thrown(() => fromHl7v2(input as unknown as string))
      expect(error).toBeInstanceOf(TypeError)
      expect(error).toMatchObject({
        code: 'BME_HL7_INVALID_INPUT',
        message: `fromHl7v2: expected an HL7 v2 message string or an array of OBX-5 strings, got ${got}`
      })
    }
    const error = thrown(() => fromHl7v2([SECRET, 7 as unknown as string]))
    expect(error).toBeInstanceOf(TypeError)
    expect(error).toMatchObject({
      code: 'BME_HL7_INVALID_INPUT',
      message: 'fromHl7v2: array item 1 is number, expected a string'
    })
  })

  it('never puts report text in an error message', () => {
    const inputs: unknown[] = [
      SECRET,
      [SECRET, null],
      message(`PID|${SECRET}`, obx('NM', SECRET)),
      message(obx('TX', SECRET), `MSH|${SECRET}`),
      `MSH|${SECRET}`
    ]
    for (const input of inputs) {
      const error = thrown(() => fromHl7v2(input as string))
      expect(error).toBeInstanceOf(Error)
      expect((error as Error).message).not.toContain('edema')
      expect((error as Error).message).not.toContain('condyle')
    }
  })
})

describe('fromHl7v2: golden fixture', () => {
  const expected = fixture('knee-mri.oru-r01.expected.txt')
  const source = fixture('knee-mri.oru-r01.hl7')

  it('extracts the knee MRI report from an ORU^R01 message', () => {
    expect(expected.endsWith('\n')).toBe(true)
    expect(fromHl7v2(source)).toBe(expected.slice(0, -1))
  })

  it('gives the same text with CR and CR LF segment separators', () => {
    expect(fromHl7v2(source.replace(/\n/g, '\r'))).toBe(expected.slice(0, -1))
    expect(fromHl7v2(source.replace(/\n/g, '\r\n'))).toBe(expected.slice(0, -1))
  })
})
