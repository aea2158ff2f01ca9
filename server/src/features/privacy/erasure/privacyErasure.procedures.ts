/** `privacy.*` procedures of the erasure (helper E fills this in). */
export const privacyErasureProcedures = {};
