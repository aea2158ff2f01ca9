import { advanceTestClock, newTestClock } from '../clock/testClocks.js';
import { invalidRequest } from '../wire/errors.js';
import { int, str } from '../wire/params.js';
import { deletedStub, listOf, type Api } from './common.js';

export function registerTestClocks(api: Api): void {
  const { engine, router } = api;
  router.on('POST', '/v1/test_helpers/test_clocks', ({ params: p }) => {
    const frozen = int(p, 'frozen_time');
    if (frozen === undefined) throw invalidRequest('Missing required param: frozen_time.', 'frozen_time', 'parameter_missing');
    return newTestClock(engine, frozen, str(p, 'name') ?? null);
  });
  router.on('GET', '/v1/test_helpers/test_clocks/:id', ({ path }) => engine.store.require('test_helpers.test_clock', path.id));
  router.on('GET', '/v1/test_helpers/test_clocks', ({ params: p, url }) => listOf(engine, 'test_helpers.test_clock', p, url));
  router.on('DELETE', '/v1/test_helpers/test_clocks/:id', ({ path }) => {
    const clock = engine.store.require('test_helpers.test_clock', path.id);
    engine.store.remove('test_helpers.test_clock', clock.id);
    engine.bus.emit('test_helpers.test_clock.deleted', clock);
    return deletedStub(clock.id, 'test_helpers.test_clock');
  });
  router.on('POST', '/v1/test_helpers/test_clocks/:id/advance', ({ path, params: p }) => {
    const clock = engine.store.require('test_helpers.test_clock', path.id);
    const target = int(p, 'frozen_time');
    if (target === undefined) throw invalidRequest('Missing required param: frozen_time.', 'frozen_time', 'parameter_missing');
    if (target <= (clock.frozen_time as number)) {
      throw invalidRequest('The test clock cannot be advanced to a time before or equal to its current frozen time.', 'frozen_time');
    }
    advanceTestClock(engine, clock, target);
    return clock;
  });
}
