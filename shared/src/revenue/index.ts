export * from './revenue.types.js';
export { type Day, dayNumber, formatDay } from './days.js';
export { monthlyCents } from './normalise.js';
export { DEFAULT_PAST_DUE_CHURN_DAYS, policyRules, type PolicyRules } from './policies.js';
export * from './timeline.js';
export * from './movements.js';
export * from './periods.js';
export * from './ratios.js';
export * from './policyComparison.js';
