/** Bumped when the result's shape changes incompatibly. */
export const SCHEMA_VERSION = 1
