/**
 * Set on the result of a plugin's `ctx.render()`: class-name candidates found in the source of the
 * islands on the page, so a style plugin can cover classes that appear only after client interaction.
 */
export const ISLAND_CLASS_CANDIDATES: unique symbol = Symbol("fresh.islandClassCandidates");
