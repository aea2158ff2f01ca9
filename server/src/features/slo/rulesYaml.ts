/**
 * The few YAML shapes a Prometheus rules file needs (maps, lists, strings, numbers),
 * written the way Sloth writes them: multi-line expressions as `|-` blocks, everything
 * else on one line. Strings are double-quoted JSON, which YAML reads as is, so no label
 * value or annotation can break the file.
 */
const PLAIN_KEY = /^[A-Za-z_][A-Za-z0-9_]*$/;

export function toYaml(value: object): string {
  return `${lines(value, 0).join('\n')}\n`;
}

function lines(value: unknown, indent: number): string[] {
  const pad = ' '.repeat(indent);
  if (Array.isArray(value)) {
    return value.flatMap((item) => {
      const [first = '', ...rest] = lines(item, indent + 2);
      return [`${pad}- ${first.slice(indent + 2)}`, ...rest];
    });
  }
  if (value !== null && typeof value === 'object') {
    return Object.entries(value).flatMap(([key, item]) => {
      const name = PLAIN_KEY.test(key) ? key : JSON.stringify(key);
      if (typeof item === 'string' && item.includes('\n')) {
        return [`${pad}${name}: |-`, ...item.split('\n').map((line) => (line ? `${pad}  ${line}` : ''))];
      }
      if (Array.isArray(item)) return item.length === 0 ? [`${pad}${name}: []`] : [`${pad}${name}:`, ...lines(item, indent)];
      if (item !== null && typeof item === 'object') return Object.keys(item).length === 0 ? [`${pad}${name}: {}`] : [`${pad}${name}:`, ...lines(item, indent + 2)];
      return [`${pad}${name}: ${scalar(item)}`];
    });
  }
  return [`${pad}${scalar(value)}`];
}

function scalar(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return String(value);
  throw new TypeError(`cannot write ${String(value)} to a rules file`);
}
