/**
 * Blocks: a large text is explained one block at a time, so the working
 * memory (token columns, sentences, matches) is that of one block, not of
 * the whole text.
 *
 * A block ends at a blank line: white space (spaces, hyphens, dashes) with
 * two or more line breaks between two words. Nothing the pipeline finds
 * crosses one: a blank line always ends a sentence (sentences.ts), a phrase
 * and a cue's scope never span it (`joinable` in match.ts, scopes stay in
 * their sentence). Only the open section runs on into the next block, and
 * `explain` carries it. A block is cut right after the last word before
 * the blank line, so the next block begins with the whole gap and its first
 * token gets the same line-break flags as in the whole text.
 */
import {endsLine, isJoiner, isSpace} from './tokens.js'

/** Size after which a block ends at the next blank line: 64 KiB of UTF-16 units (10 MB input: peak RSS 197-200 MB at 256 KiB, 185-188 at 32 or 64 KiB). */
export const BLOCK_SIZE = 64 * 1024

/**
 * The end of the block that starts at `from`: where the first blank line
 * at or after `from + size` begins (after the last character before its
 * white space), or the text's length when no blank line follows.
 */
export function blockEnd(text: string, from: number, size: number = BLOCK_SIZE): number {
  // Start of the current run of white space, or -1 inside a word (until
  // one is seen, the run may have begun before the scan: it is not used).
  let gapStart = -1
  let breaks = 0
  for (let offset = from + Math.max(1, size); offset < text.length; offset++) {
    const code = text.charCodeAt(offset)
    if (!isSpace(code) && !isJoiner(code)) {
      gapStart = offset + 1
      breaks = 0
      continue
    }
    if (endsLine(text, offset)) {
      breaks++
      if (breaks >= 2 && gapStart > from) return gapStart
    }
  }
  return text.length
}
