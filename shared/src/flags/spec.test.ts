/// <reference types="node" />
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { compileRuleset, getVariant, isEnabled } from './index.js';

/**
 * The official Unleash client specification (npm `@unleash/client-specification` 6.1.0),
 * read from the package: every `isEnabled` and variant test of every spec file, each its
 * own case. Files 19 and 20 test the delta API (event streams), which Opsdesk does not
 * consume; their states are events, not a ruleset.
 */

interface SpecTest {
  description: string;
  context: Record<string, unknown>;
  toggleName: string;
  expectedResult: unknown;
}
interface SpecFile {
  name: string;
  state: { version?: number; features?: unknown[]; segments?: unknown[]; events?: unknown[] };
  tests?: SpecTest[];
  variantTests?: SpecTest[];
}

const specDir = join(dirname(createRequire(import.meta.url).resolve('@unleash/client-specification/package.json')), 'specifications');
const fileNames: string[] = JSON.parse(readFileSync(join(specDir, 'index.json'), 'utf8'));
const DELTA_API = new Set(['19-delta-api-hydration.json', '20-delta-api-events.json']);
// Random stickiness and gradualRolloutRandom: the spec's answers do not depend on the draw.
const options = { random: () => 0.5 };

it('reads all 22 spec files of version 6.1.0', () => {
  expect(fileNames).toHaveLength(22);
});

for (const fileName of fileNames.filter((name) => !DELTA_API.has(name))) {
  const spec: SpecFile = JSON.parse(readFileSync(join(specDir, fileName), 'utf8'));
  describe(fileName, () => {
    const ruleset = compileRuleset({ version: spec.state.version ?? 2, features: spec.state.features ?? [], segments: spec.state.segments });
    for (const test of spec.tests ?? []) {
      it(`isEnabled: ${test.description}`, () => {
        expect(isEnabled(ruleset, test.toggleName, test.context, options)).toBe(test.expectedResult);
      });
    }
    for (const test of spec.variantTests ?? []) {
      it(`getVariant: ${test.description}`, () => {
        const { featureEnabled: _alias, ...variant } = getVariant(ruleset, test.toggleName, test.context, options);
        expect(variant).toEqual(test.expectedResult);
      });
    }
  });
}
