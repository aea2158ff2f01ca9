/** `privacy.*` procedures of requests and deadlines (helper C fills this in). */
export const privacyRequestProcedures = {};
