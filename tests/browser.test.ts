/**
 * End to end in headless Chromium (Debian's `chromium`, driven by
 * playwright-core): the example page built from the package's browser entry
 * works with the keyboard alone, shows a report full of XSS vectors as text
 * with no script run, and under `default-src 'self'; script-src 'self'`
 * fires no `securitypolicyviolation` event.
 *
 * The page is served twice from localhost: `/strict/` with the CSP (header
 * and meta tag), `/open/` with none, so the XSS check proves the escaping
 * itself and not only the policy.
 *
 * Needs Chromium at `BME_CHROMIUM` or /usr/bin/chromium (`.ci/run` installs
 * it). Set `BME_SKIP_BROWSER=1` to skip on a machine without it.
 */
import {existsSync, mkdtempSync, readFileSync, rmSync} from 'node:fs'
import {createServer, type Server} from 'node:http'
import type {AddressInfo} from 'node:net'
import {tmpdir} from 'node:os'
import {extname, join} from 'node:path'
import {chromium, type BrowserContext, type Page} from 'playwright-core'
import {afterAll, beforeAll, describe, expect, it} from 'vitest'
import {buildExample} from '../scripts/build-example.js'

const CSP = "default-src 'self'; script-src 'self'"
const executablePath = process.env.BME_CHROMIUM ?? '/usr/bin/chromium'
const skip = process.env.BME_SKIP_BROWSER === '1'

const TYPES: Record<string, string> = {'.html': 'text/html; charset=utf-8', '.js': 'text/javascript; charset=utf-8', '.css': 'text/css; charset=utf-8'}

let outdir = ''
let server: Server
let base = ''
let context: BrowserContext
let profile = ''

/** Serve `outdir` under /strict/ (with the CSP header) and /open/ (no CSP anywhere). */
function serve(): Promise<string> {
  server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost')
    const match = /^\/(strict|open)\/([a-z]*\.?[a-z]*)$/.exec(url.pathname)
    const mode = match?.[1]
    const name = match?.[2] || 'index.html'
    const file = join(outdir, name)
    if (!mode || !['index.html', 'main.js', 'style.css'].includes(name) || !existsSync(file)) {
      response.writeHead(404).end()
      return
    }
    let body = readFileSync(file, 'utf8')
    const headers: Record<string, string> = {'content-type': TYPES[extname(name)] ?? 'application/octet-stream', 'cache-control': 'no-store'}
    if (mode === 'strict') headers['content-security-policy'] = CSP
    else if (name === 'index.html') body = body.replace(/<meta http-equiv="Content-Security-Policy"[^>]*>\n/, '')
    response.writeHead(200, headers).end(body)
  })
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)))
}

beforeAll(async () => {
  if (skip) return
  if (!existsSync(executablePath)) {
    throw new Error(`Chromium not found at ${executablePath}: install it (apt-get install -y chromium, as .ci/run does), set BME_CHROMIUM, or set BME_SKIP_BROWSER=1`)
  }
  outdir = mkdtempSync(join(tmpdir(), 'bme-example-'))
  await buildExample(outdir)
  base = await serve()
  profile = mkdtempSync(join(tmpdir(), 'bme-chromium-'))
  context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync'
    ]
  })
}, 60_000)

afterAll(async () => {
  await context?.close()
  await new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined)))
  for (const dir of [outdir, profile]) if (dir) rmSync(dir, {recursive: true, force: true})
})

interface Watched {
  page: Page
  /** `securitypolicyviolation` events: directive and blocked URI. */
  violations: () => Promise<string[]>
  /** Marks left by any XSS vector that ran, and dialogs opened. */
  ran: () => Promise<string[]>
  /** Requests that left the page's origin. */
  foreign: string[]
  errors: string[]
}

/** Open the page with watchers installed before any of its scripts run. */
async function open(mode: 'strict' | 'open'): Promise<Watched> {
  const page = await context.newPage()
  const dialogs: string[] = []
  const foreign: string[] = []
  const errors: string[] = []
  page.on('dialog', (dialog) => {
    dialogs.push(`dialog: ${dialog.message()}`)
    void dialog.dismiss()
  })
  page.on('pageerror', (error) => errors.push(error.message))
  page.on('request', (request) => {
    if (!request.url().startsWith(base + '/')) foreign.push(request.url())
  })
  await page.addInitScript(() => {
    const w = window as unknown as {__violations: string[]; __xss: string[]}
    w.__violations = []
    w.__xss = []
    document.addEventListener('securitypolicyviolation', (event) => {
      w.__violations.push(`${event.violatedDirective} ${event.blockedURI}`)
    })
  })
  await page.goto(`${base}/${mode}/`)
  return {
    page,
    violations: () => page.evaluate(() => (window as unknown as {__violations: string[]}).__violations),
    ran: async () => [...dialogs, ...(await page.evaluate(() => (window as unknown as {__xss: string[]}).__xss))],
    foreign,
    errors
  }
}

const activeId = (page: Page) => page.evaluate(() => document.activeElement?.id ?? '')

/** Explain `report` with the keyboard alone: Tab to the text area, paste, Tab to the button, Enter. */
async function explainWithKeyboard(page: Page, report: string): Promise<void> {
  await page.keyboard.press('Tab')
  expect(await activeId(page)).toBe('report')
  await page.keyboard.insertText(report)
  await page.keyboard.press('Tab') // the audience radio group: one stop
  await page.keyboard.press('Tab')
  expect(await activeId(page)).toBe('explain')
  await page.keyboard.press('Enter')
  await page.waitForSelector('#output:not([hidden])')
}

const REPORT = 'FINDINGS:\nBone marrow edema in the medial femoral condyle.\nNo fracture.\n'

/** A report written by an attacker, with real phrases inside the markup. */
const XSS = [
  'FINDINGS:',
  '<script>window.__xss.push("script")</script>',
  '<img src=x onerror="window.__xss.push(\'img\')">bone marrow edema',
  '<b onmouseover="window.__xss.push(\'b\')" autofocus onfocus="window.__xss.push(\'focus\')">BME</b>',
  '<svg onload="window.__xss.push(\'svg\')"><script>window.__xss.push("svg-script")</script></svg>',
  '<math><mtext><table><mglyph><style><img src=x onerror="window.__xss.push(\'math\')">',
  '<a href="javascript:window.__xss.push(\'js-url\')">stress fracture</a> javascript:alert(1)',
  '<iframe srcdoc="<script>parent.__xss.push(\'iframe\')</script>"></iframe>',
  '<details open ontoggle="window.__xss.push(\'details\')">marrow edema</details>',
  '</textarea><script>window.__xss.push("textarea")</script>',
  '"><img src=x onerror=alert(1)>',
  '&lt;script&gt;window.__xss.push("entity")&lt;/script&gt; &amp;lt;b&amp;gt; &#60;i&#62; &#x3C;u&#x3E;',
  '<style>@import "http://198.51.100.7/x.css"; body { background: url(http://198.51.100.7/y) }</style>',
  '<link rel=stylesheet href="http://198.51.100.7/z.css"><base href="http://198.51.100.7/">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  '<template><script>alert(1)</script></template><noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '{{constructor.constructor("alert(1)")()}} ${alert(1)} <!-- --> <![CDATA[ x ]]>',
  'No fracture. \u202e\u0000 end'
].join('\n')

describe.skipIf(skip)('the example page in headless Chromium', () => {
  it('explains a report driven by the keyboard alone, with no CSP violation', async () => {
    const {page, violations, foreign, errors} = await open('strict')
    await explainWithKeyboard(page, REPORT)
    // Focus moves to the result, announced in the status line.
    expect(await activeId(page)).toBe('output-title')
    expect(await page.textContent('#status')).toBe('3 phrases explained.')
    expect(await page.$$eval('#result a.bme-mark mark', (marks) => marks.map((mark) => mark.textContent))).toEqual([
      'Bone marrow edema',
      'medial femoral condyle',
      'fracture'
    ])
    // Tab reaches the first marked phrase; Enter follows it to its explanation.
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('Bone marrow edema')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => location.hash)).toBe('#bme-n1')
    // From there the keyboard reaches "Back to the text", which returns to the phrase.
    let label = ''
    for (let step = 0; step < 6 && label !== 'Back to the text'; step++) {
      await page.keyboard.press('Tab')
      label = await page.evaluate(() => document.activeElement?.textContent ?? '')
    }
    expect(label).toBe('Back to the text')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => location.hash)).toBe('#bme-m1')
    expect(await violations()).toEqual([])
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
    await page.close()
  })

  it('the audience can be chosen with the arrow keys', async () => {
    const {page, violations} = await open('strict')
    await page.keyboard.press('Tab')
    await page.keyboard.insertText('Possible stress fracture.')
    await page.keyboard.press('Tab')
    await page.keyboard.press('ArrowDown') // patient → clinician
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForSelector('#output:not([hidden])')
    expect(await page.textContent('#result .bme-status')).toBe(' (uncertain)')
    expect(await violations()).toEqual([])
    await page.close()
  })

  for (const mode of ['open', 'strict'] as const) {
    it(`shows XSS vectors as text and runs none of them (${mode === 'open' ? 'no CSP: the escaping alone' : 'strict CSP'})`, async () => {
      const {page, violations, ran, foreign, errors} = await open(mode)
      await explainWithKeyboard(page, XSS)
      // Give any event handler, image error or refresh a chance to run.
      await page.waitForTimeout(300)
      expect(await ran()).toEqual([])
      expect(foreign).toEqual([])
      expect(errors).toEqual([])
      expect(await violations()).toEqual([])
      const shape = await page.evaluate(() => {
        const root = document.querySelector('#result')!
        const report = root.querySelector('.bme-report')!.cloneNode(true) as HTMLElement
        for (const label of report.querySelectorAll('small.bme-status')) label.remove()
        const tags = new Set([...root.querySelectorAll('*')].map((node) => node.localName))
        const attributes = new Set([...root.querySelectorAll('*')].flatMap((node) => node.getAttributeNames()))
        const hrefs = [...root.querySelectorAll('[href]')].map((node) => node.getAttribute('href') ?? '')
        return {text: report.textContent, tags: [...tags].sort(), attributes: [...attributes].sort(), hrefs}
      })
      // The report reads exactly as pasted (but for the NUL, which an HTML parser drops from text).
      expect(shape.text).toBe(XSS.replace('\u0000', ''))
      // Only the renderer's own elements and attributes exist; every link stays in the page.
      expect(shape.tags.filter((tag) => !['div', 'section', 'h3', 'h4', 'p', 'ol', 'ul', 'li', 'a', 'mark', 'small', 'strong', 'q', 'span', 'br'].includes(tag))).toEqual([])
      expect(shape.attributes.filter((name) => !['class', 'id', 'href', 'aria-describedby', 'aria-labelledby', 'data-bme-concept', 'data-bme-status'].includes(name))).toEqual([])
      expect(shape.hrefs.every((href) => href.startsWith('#'))).toBe(true)
      // The phrases inside the markup were still found and marked.
      const marked = await page.$$eval('#result a.bme-mark mark', (marks) => marks.map((mark) => mark.textContent))
      expect(marked).toEqual(expect.arrayContaining(['bone marrow edema', 'BME', 'stress fracture', 'marrow edema']))
      await page.close()
    })
  }

  it('shows a clear error, not a crash, and keeps the report out of it', async () => {
    const {page, violations, errors} = await open('strict')
    // 16 MiB + 1 characters is over the default limit.
    await page.evaluate(() => {
      const area = document.querySelector<HTMLTextAreaElement>('#report')!
      area.value = 'Zq'.repeat(8 * 1024 * 1024) + 'Z'
    })
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Tab')
    await page.keyboard.press('Enter')
    await page.waitForFunction(() => document.querySelector('#status')?.textContent !== '')
    const message = (await page.textContent('#status')) ?? ''
    expect(message).toContain('over the limit of 16777216')
    expect(message).not.toContain('ZqZq')
    expect(await page.isHidden('#output')).toBe(true)
    expect(errors).toEqual([])
    expect(await violations()).toEqual([])
    await page.close()
  })
})
