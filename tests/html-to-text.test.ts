import {readFileSync} from 'node:fs'
import {describe, expect, it} from 'vitest'
import {htmlToText, NAMED_ENTITIES, WINDOWS_1252_C1} from '../src/adapters/html-to-text.js'

const fixture = (name: string): string =>
  readFileSync(new URL(`../fixtures/adapters/${name}`, import.meta.url), 'utf8')

describe('htmlToText: blocks and line breaks', () => {
  it('turns block elements into line breaks without empty lines', () => {
    expect(htmlToText('<p>Bone marrow edema.</p><p>No fracture.</p>')).toBe('Bone marrow edema.\nNo fracture.')
    expect(htmlToText('<div>a</div><section>b</section><article>c</article><h1>d</h1><h6>e</h6>')).toBe(
      'a\nb\nc\nd\ne'
    )
    expect(htmlToText('<div><div><p>nested</p></div></div>')).toBe('nested')
    expect(htmlToText('before<p>inside</p>after')).toBe('before\ninside\nafter')
    expect(htmlToText('<blockquote>q</blockquote><dl><dt>term</dt><dd>definition</dd></dl>')).toBe(
      'q\nterm\ndefinition'
    )
    expect(htmlToText('above<hr>below')).toBe('above\nbelow')
    expect(htmlToText('<p></p><p>  </p><div>x</div>')).toBe('x')
  })

  it('keeps inline elements inline and drops their tags and attributes', () => {
    expect(htmlToText('<p><b>Impression:</b> <span class="x">bone <i>bruise</i></span></p>')).toBe(
      'Impression: bone bruise'
    )
    expect(htmlToText('<a href="https://example.org/?a=1&b=2" title="x > y">link</a>')).toBe('link')
    expect(htmlToText("<img src='x.png' alt='image'>text")).toBe('text')
    expect(htmlToText('bone<span>marrow</span>')).toBe('bonemarrow')
  })

  it('makes br a line break, and two in a row an empty line', () => {
    expect(htmlToText('line 1<br>line 2<br/>line 3<br />line 4')).toBe('line 1\nline 2\nline 3\nline 4')
    expect(htmlToText('a<br><br>b')).toBe('a\n\nb')
    expect(htmlToText('<p>a<br></p><p>b</p>')).toBe('a\nb')
    expect(htmlToText('a</br>b')).toBe('a\nb')
    expect(htmlToText('<br><br>a<br><br>')).toBe('a')
  })

  it('starts list items with "- " and indents nested lists', () => {
    expect(htmlToText('<ul><li>one</li><li>two</li></ul>')).toBe('- one\n- two')
    expect(htmlToText('<ol><li>first<li>second</ol>')).toBe('- first\n- second')
    expect(htmlToText('<ul><li>a<ul><li>b<ul><li>c</li></ul></li></ul></li><li>d</li></ul>')).toBe(
      '- a\n  - b\n    - c\n- d'
    )
    expect(htmlToText('<ul><li><p>para in item</p></li></ul>')).toBe('- para in item')
    expect(htmlToText('<ul><li></li></ul><p>after</p>')).toBe('after')
    expect(htmlToText('<ul><li>a<br>b</li></ul>')).toBe('- a\nb')
    expect(htmlToText('intro<ul><li>x</li></ul>outro')).toBe('intro\n- x\noutro')
  })

  it('puts each table row on a line with cells joined by " | "', () => {
    expect(
      htmlToText('<table><tr><th>Structure</th><th>Finding</th></tr><tr><td>MFC</td><td>edema</td></tr></table>')
    ).toBe('Structure | Finding\nMFC | edema')
    expect(htmlToText('<table><tbody><tr><td>a</td><td></td><td> </td><td>b</td></tr></tbody></table>')).toBe('a | b')
    expect(htmlToText('<table><tr><td><p>one</p><p>two</p></td><td>x<br>y</td></tr></table>')).toBe('one two | x y')
    expect(htmlToText('<table><caption>Sizes</caption><tr><td>a</td></tr></table>after')).toBe('Sizes\na\nafter')
    expect(htmlToText('<table>\n  <tr>\n    <td>a</td>\n    <td>b</td>\n  </tr>\n</table>')).toBe('a | b')
    expect(htmlToText('<tr><td>a<tr><td>b')).toBe('a\nb')
    expect(htmlToText('<td>cell without row</td>text')).toBe('cell without row | text')
    expect(htmlToText('<table><tr><td><ul><li>x</li><li>y</li></ul></td></tr></table>')).toBe('x y')
    expect(htmlToText('<table><tr><td></td></tr></table>x')).toBe('x')
  })

  it('keeps line breaks inside pre', () => {
    expect(htmlToText('<pre>\nFINDINGS:\n  edema\r\n\nend</pre>')).toBe('FINDINGS:\nedema\n\nend')
    expect(htmlToText('a<pre>b\nc</pre>d')).toBe('a\nb\nc\nd')
    expect(htmlToText('<p>not\npre</p>')).toBe('not pre')
  })
})

describe('htmlToText: dropped content', () => {
  it('drops script, style, title and template with their content', () => {
    expect(htmlToText('a<script>var x = "<p>no</p>";</script>b')).toBe('ab')
    expect(htmlToText('a<STYLE type="text/css">p { color: red }</Style >b')).toBe('ab')
    expect(htmlToText('<title>Title</title>text')).toBe('text')
    expect(htmlToText('<template><p>hidden</p></template>shown')).toBe('shown')
    expect(htmlToText('a<script/>b')).toBe('ab')
    expect(htmlToText('a<script>x</scripts>still script</script>b')).toBe('ab')
  })

  it('drops head content', () => {
    const html =
      '<html><head><meta charset="utf-8"><title>T</title><link rel="x">head text</head><body><p>body</p></body></html>'
    expect(htmlToText(html)).toBe('body')
    expect(htmlToText('<head><meta charset="utf-8">junk<body>kept')).toBe('kept')
    expect(htmlToText('<head><title>t</title><p>implied body</p>')).toBe('implied body')
  })

  it('drops comments, doctype, processing instructions and CDATA', () => {
    expect(htmlToText('<!DOCTYPE html>a<!-- comment <p>x</p> -->b')).toBe('ab')
    expect(htmlToText('<?xml version="1.0"?><div>x</div>')).toBe('x')
    expect(htmlToText('a<![CDATA[ data ]]>b')).toBe('ab')
    expect(htmlToText('a<!-->b<!--->c')).toBe('abc')
    expect(htmlToText('a</ >b</>c')).toBe('abc')
  })
})

describe('htmlToText: character references', () => {
  it('decodes common named references', () => {
    expect(htmlToText('&amp; &lt; &gt; &quot; &apos;')).toBe('& < > " \'')
    expect(htmlToText('18&times;12&nbsp;mm, 30&deg;, &plusmn;2, &micro;m, &eacute;d&egrave;me, &Uuml;')).toBe(
      '18×12 mm, 30°, ±2, µm, édème, Ü'
    )
    expect(htmlToText('a&ndash;b&mdash;c &lsquo;x&rsquo; &ldquo;y&rdquo; &hellip; &bull; &rarr; &le; &ge;')).toBe(
      'a–b—c ‘x’ “y” … • → ≤ ≥'
    )
    expect(htmlToText('&alpha;&beta;&mu;&Delta;')).toBe('αβμΔ')
  })

  it('keeps unknown names, names without ";" and case variants literally', () => {
    expect(htmlToText('&foo; &amp &AMP; &constructor; & alone &;')).toBe('&foo; &amp &AMP; &constructor; & alone &;')
    expect(htmlToText('T1&T2 signal, R&D')).toBe('T1&T2 signal, R&D')
    expect(htmlToText('&amp;amp;')).toBe('&amp;')
  })

  it('decodes decimal and hex references', () => {
    expect(htmlToText('&#65;&#x42;&#X43;&#0068;')).toBe('ABCD')
    expect(htmlToText('&#65 &#x42 x')).toBe('A B x')
    expect(htmlToText('&#128512; &#x1F600;')).toBe('😀 😀')
    expect(htmlToText('&#0; &#xD800; &#x110000; &#99999999999999999999;')).toBe('\ufffd \ufffd \ufffd \ufffd')
    expect(htmlToText('&#150; &#x93;quoted&#x94; &#128; &#x81;')).toBe('– “quoted” € \u0081')
    expect(htmlToText('&#; &#x; &#xZ;')).toBe('&#; &#x; &#xZ;')
  })

  it('collapses &nbsp; with other white space', () => {
    expect(htmlToText('<p>a &nbsp; &nbsp;b\u00a0\u00a0c</p>')).toBe('a b c')
  })

  it('has a windows-1252 table of 32 code points', () => {
    expect(WINDOWS_1252_C1).toHaveLength(32)
    expect(WINDOWS_1252_C1[0]).toBe(0x20ac)
    expect(WINDOWS_1252_C1[0x16]).toBe(0x2013)
    expect(WINDOWS_1252_C1[0x1f]).toBe(0x178)
  })

  it('exposes the named reference table', () => {
    expect(NAMED_ENTITIES.get('nbsp')).toBe('\u00a0')
    expect(NAMED_ENTITIES.get('yuml')).toBe('ÿ')
    expect(NAMED_ENTITIES.get('times')).toBe('×')
    expect(NAMED_ENTITIES.has('toString')).toBe(false)
  })
})

describe('htmlToText: white space', () => {
  it('collapses white space within a line and trims lines and the result', () => {
    expect(htmlToText('  <p>  Bone \t marrow\n\n  edema  </p>  ')).toBe('Bone marrow edema')
    expect(htmlToText('\r\n\f a \r b \n')).toBe('a b')
    expect(htmlToText('')).toBe('')
    expect(htmlToText('   ')).toBe('')
    expect(htmlToText('plain text, no tags')).toBe('plain text, no tags')
  })

  it('keeps non-ASCII text as is', () => {
    expect(htmlToText('<p>Knochenmarködem im medialen Femurkondylus – kein Bruch. 骨髄浮腫 😀</p>')).toBe(
      'Knochenmarködem im medialen Femurkondylus – kein Bruch. 骨髄浮腫 😀'
    )
  })
})

describe('htmlToText: malformed input', () => {
  it('keeps a "<" that does not start a tag', () => {
    expect(htmlToText('a < b, c <3 d, e <= f')).toBe('a < b, c <3 d, e <= f')
    expect(htmlToText('<<p>x')).toBe('<\nx')
    expect(htmlToText('ends with <')).toBe('ends with <')
  })

  it('drops the rest of the input after an unclosed tag, comment or script', () => {
    expect(htmlToText('kept<p class="x')).toBe('kept')
    expect(htmlToText('kept<div')).toBe('kept')
    expect(htmlToText('kept</p')).toBe('kept')
    expect(htmlToText('kept<!-- never closed <p>x</p>')).toBe('kept')
    expect(htmlToText('kept<script>never closed')).toBe('kept')
    expect(htmlToText('kept<!DOCTYPE')).toBe('kept')
  })

  it('handles quotes in attributes', () => {
    expect(htmlToText('<p title="a > b">x</p>')).toBe('x')
    expect(htmlToText("<p title='a > b'>x</p>")).toBe('x')
    expect(htmlToText('<p a"b>x</p>')).toBe('x')
    expect(htmlToText('<p title = "a>b" data-x=\'c>d\'>x</p>')).toBe('x')
  })

  it('survives stray and mismatched tags', () => {
    expect(htmlToText('</p></li></ul></td></tr></table></pre></head>text')).toBe('text')
    expect(htmlToText('<ul><li>a</ol></ol></ol>b')).toBe('- a\nb')
    expect(htmlToText('<p><div>a</p>b</div>')).toBe('a\nb')
  })

  it('does not throw on non-string input', () => {
    expect(htmlToText(undefined as unknown as string)).toBe('')
    expect(htmlToText(42 as unknown as string)).toBe('')
  })

  it('runs in linear time on pathological input', () => {
    const size = 200_000
    const inputs = [
      '<'.repeat(size),
      '<a '.repeat(size),
      '</'.repeat(size),
      '<!--'.repeat(size),
      '<script>'.repeat(size),
      '<p>'.repeat(size),
      '<li>'.repeat(size),
      '<td>'.repeat(size),
      '<a b="'.repeat(size),
      '&'.repeat(size),
      '&#'.repeat(size),
      `&#x${'1'.repeat(size)};`,
      `&${'a'.repeat(size)};`,
      ' '.repeat(size) + 'x',
      '<br>'.repeat(size)
    ]
    const started = performance.now()
    for (const input of inputs) expect(typeof htmlToText(input)).toBe('string')
    expect(performance.now() - started).toBeLessThan(5_000)
  })
})

describe('htmlToText: golden fixture', () => {
  it('converts the knee MRI HTML report', () => {
    const expected = fixture('knee-mri.document-reference.expected.txt')
    expect(expected.endsWith('\n')).toBe(true)
    expect(htmlToText(fixture('knee-mri.document-reference.source.html'))).toBe(expected.slice(0, -1))
  })
})
