#!/usr/bin/env node
// The package ships TypeScript source, as every workspace of the repo does; tsx loads it,
// so the command runs without a build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/main.ts');
