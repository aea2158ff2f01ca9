export * from './auth/roles.js';
export * from './auth/permissions.js';
export * from './auth/resourceAccess.js';
export * from './auth/auth.schemas.js';
export * from './staff/staff.schemas.js';
export * from './audit/audit.schemas.js';
export * from './account/account.schemas.js';
export * from './security/security.schemas.js';
