import { describe, expect, it } from 'vitest';
import { ServerStepsWaitlist } from './server-steps-waitlist';

describe('server steps waitlist', () => {
  it('gives a report to the oldest waiting call with that conn and id, once', () => {
    const list = new ServerStepsWaitlist();
    list.add(1, '7', 'c1');
    list.add(1, '7', 'c2');
    list.add(2, '7', 'c3');
    expect(list.take(2, '7')).toBe('c3');
    expect(list.take(1, '7')).toBe('c1');
    expect(list.take(1, '7')).toBe('c2');
    expect(list.take(1, '7')).toBeNull();
    expect(list.take(1, '"7"')).toBeNull();
    expect(list.size).toBe(0);
  });

  it('forgets the calls of an ended conn', () => {
    const list = new ServerStepsWaitlist();
    list.add(1, '1', 'c1');
    list.add(11, '1', 'c2');
    list.forgetConn(1);
    expect(list.take(1, '1')).toBeNull();
    expect(list.take(11, '1')).toBe('c2');
  });

  it('stays bounded for a server that never reports: the oldest call is forgotten first', () => {
    const list = new ServerStepsWaitlist(3);
    for (let i = 0; i < 5; i++) list.add(1, String(i % 2), `c${i}`);
    expect(list.size).toBe(3);
    // c0 and c1 were dropped; id "0" is now c2, then c4; id "1" is c3.
    expect(list.take(1, '0')).toBe('c2');
    expect(list.take(1, '1')).toBe('c3');
    expect(list.take(1, '0')).toBe('c4');
  });
});
