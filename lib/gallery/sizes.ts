/** The gallery's stored sizes (long edge in pixels), shared by the browser that makes them and the server that checks them. */
export const GALLERY_LONG_EDGES = { thumb: 400, large: 1600 } as const;
