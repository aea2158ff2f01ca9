import { describe, expect, it } from 'vitest';
import { RATE_LIMIT_SUBJECT_PATTERN } from '@opsdesk/shared';
import { ipSubject } from './subjects.js';

describe('ipSubject', () => {
  it('counts an IPv6 client by its /64, so rotating addresses inside it buys no fresh allowance', () => {
    expect(ipSubject('2001:db8:5:7::1')).toBe('ip:2001:db8:5:7::/64');
    expect(ipSubject('2001:0db8:0005:0007:abcd:ef01:2345:6789')).toBe('ip:2001:db8:5:7::/64');
    expect(ipSubject('2001:db8:5:8::1')).not.toBe(ipSubject('2001:db8:5:7::1'));
  });

  it('an IPv4 client is its address, also when seen IPv4-mapped on a dual-stack socket', () => {
    expect(ipSubject('::ffff:192.0.2.70')).toBe('ip:192.0.2.70');
    expect(ipSubject('192.0.2.70')).toBe('ip:192.0.2.70');
    expect(ipSubject('::ffff:192.0.2.71')).not.toBe(ipSubject('::ffff:192.0.2.70'));
  });

  it('every subject it makes is one on-call can type into "Unblock a key"; anything else in a header is made safe', () => {
    for (const ip of ['2001:db8:5:7::1', '::ffff:192.0.2.70', '203.0.113.9', 'not an address; drop table', undefined]) {
      expect(ipSubject(ip)).toMatch(RATE_LIMIT_SUBJECT_PATTERN);
    }
    expect(ipSubject('a b\u0000c')).toBe('ip:a_b_c');
  });
});
