/**
 * Stage 1: input.
 *
 * Every later stage reads a *view* of the input: a string of exactly the
 * same length, so every offset found in the view is an offset into the
 * original text and no mapping is ever needed. For plain text the view is
 * the text itself. For markdown (see `markdown.ts`) the syntax is blanked
 * out with spaces and the block starts are listed as hard breaks.
 */

export interface InputView {
  /** Same length as the input; markup replaced by spaces. */
  view: string
  /** Offsets where a block (paragraph, list item, heading, cell) starts, in text order. */
  blockStarts: number[]
}

/** Turns an input string into a view. */
export type ToView = (text: string) => InputView

/** Plain text is its own view. */
export const plainView: ToView = (text) => ({view: text, blockStarts: []})
