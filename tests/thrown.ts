/** Runs `run`, expecting it to throw; returns what it threw (fails the test otherwise). */
export function thrown(run: () => unknown): unknown {
  try {
    run()
  } catch (error) {
    return error
  }
  throw new Error('expected the call to throw')
}
