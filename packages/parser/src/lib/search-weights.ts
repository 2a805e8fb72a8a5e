/** Posting weights are stored as integers: BM25F weight × this, rounded, at least 1. No imports: ships to the browser. */
export const weightScale = 8;
