/**
 * The example page: paste a report, press Explain, read it explained. Uses
 * only the package's browser entry (`bme-explain/core`: plain text, no zod,
 * no Node built-ins) and its HTML renderer (`bme-explain/html`), whose
 * output is report text escaped as text nodes, so inserting it is safe.
 * Runs under `default-src 'self'; script-src 'self'`: no inline script or
 * style, no eval, no network.
 */
import {explain} from '../src/core.js'
import {toHtml} from '../src/html.js'

function element<T extends HTMLElement>(selector: string): T {
  const found = document.querySelector<T>(selector)
  if (!found) throw new Error(`example page: missing ${selector}`)
  return found
}

const form = element<HTMLFormElement>('#form')
const report = element<HTMLTextAreaElement>('#report')
const status = element<HTMLParagraphElement>('#status')
const output = element<HTMLElement>('#output')
const title = element<HTMLHeadingElement>('#output-title')
const result = element<HTMLDivElement>('#result')

form.addEventListener('submit', (event) => {
  event.preventDefault()
  const text = report.value
  const choice = form.elements.namedItem('audience')
  const audience = choice instanceof RadioNodeList && choice.value === 'clinician' ? 'clinician' : 'patient'
  try {
    const explained = explain(text, {audience})
    result.innerHTML = toHtml(explained, {input: text, headingLevel: 3})
    const count = explained.annotations.length
    status.textContent = count === 1 ? '1 phrase explained.' : `${count} phrases explained.`
    output.hidden = false
    title.focus()
  } catch (error) {
    // bme-explain's messages name the rule broken, never the report text.
    status.textContent = error instanceof Error ? error.message : 'This text could not be explained.'
    output.hidden = true
  }
})
