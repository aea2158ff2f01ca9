/** `privacy.*` procedures of the export (helper D fills this in). */
export const privacyExportProcedures = {};
