import { describe, expect, it } from 'vitest';
import { fieldsOf, initialValues, paramsOf, prefilledValues, type JsonSchema } from './paramsForm';

const schema: JsonSchema = {
  type: 'object',
  properties: {
    pids: { type: 'array', items: { type: 'integer' }, description: 'Only these pids' },
    idleLongerThanSeconds: { type: 'integer', minimum: 0 },
    states: { type: 'array', items: { type: 'string', enum: ['idle', 'idle in transaction'] }, default: ['idle in transaction'] },
    prefix: { type: 'string', maxLength: 40 },
    mode: { type: 'string', enum: ['soft', 'hard'] },
    dryRun: { type: 'boolean', default: true },
  },
  required: ['prefix'],
};

describe('the parameter form from JSON Schema', () => {
  it('picks a field per property, with labels and options', () => {
    const fields = fieldsOf(schema);
    expect(fields.map((f) => [f.name, f.kind, f.required])).toEqual([
      ['pids', 'numberList', false],
      ['idleLongerThanSeconds', 'number', false],
      ['states', 'enumList', false],
      ['prefix', 'text', true],
      ['mode', 'enum', false],
      ['dryRun', 'boolean', false],
    ]);
    expect(fields[0]!.label).toBe('Only these pids');
    expect(fields[1]!.label).toBe('Idle Longer Than Seconds');
    expect(fields[2]!.options).toEqual(['idle', 'idle in transaction']);
  });

  it('sends typed values as parameters, leaving empty optional ones out', () => {
    const fields = fieldsOf(schema);
    const values = { ...initialValues(fields), pids: '101, 202 303', prefix: 'cache:', idleLongerThanSeconds: '' };
    expect(paramsOf(fields, values)).toEqual({ pids: [101, 202, 303], states: ['idle in transaction'], prefix: 'cache:', dryRun: true });
    expect(paramsOf(fields, { ...values, idleLongerThanSeconds: 'ten' })).toMatchObject({ idleLongerThanSeconds: 'ten' });
  });

  it('prefills the form from a link’s parameters, ignoring keys the action does not have', () => {
    const fields = fieldsOf(schema);
    const link = JSON.stringify({ pids: [7, 8], idleLongerThanSeconds: 300, states: ['idle', 'bogus'], prefix: 'cache:', mode: 'hard', dryRun: false, somethingElse: 'x' });
    const { values, notice } = prefilledValues(fields, link);
    expect(notice).toBeNull();
    expect(values).toEqual({ pids: '7, 8', idleLongerThanSeconds: '300', states: ['idle'], prefix: 'cache:', mode: 'hard', dryRun: false });
    expect(paramsOf(fields, values)).toEqual({ pids: [7, 8], idleLongerThanSeconds: 300, states: ['idle'], prefix: 'cache:', mode: 'hard', dryRun: false });
  });

  it('keeps the defaults, with a notice, when the link’s parameters are not a JSON object', () => {
    const fields = fieldsOf(schema);
    for (const raw of ['{"pids":', '[1]', '"text"', 'null']) {
      const { values, notice } = prefilledValues(fields, raw);
      expect(values, raw).toEqual(initialValues(fields));
      expect(notice, raw).toMatch(/could not be read/);
    }
    expect(prefilledValues(fields, null)).toEqual({ values: initialValues(fields), notice: null });
  });
});
