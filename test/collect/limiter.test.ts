// The limiter that bounds AWS calls in flight: never more than its bound, whatever the order promises settle in.
import { describe, expect, it } from 'vitest';
import { Limiter } from '../../src/collect/context.ts';

describe('Limiter', () => {
  it('never runs more than its bound, even when a new task arrives between a release and the waiter it wakes', async () => {
    const limiter = new Limiter(1);
    let active = 0;
    let most = 0;
    const task = (work: Promise<void>) => async () => {
      active++;
      most = Math.max(most, active);
      await work;
      active--;
    };
    let firstCall!: Promise<void>;
    const runs = [limiter.run(() => (firstCall = task(Promise.resolve())())), limiter.run(task(Promise.resolve()))];
    // A caller that starts its next call as soon as its first one is answered: it hears of the answer right after
    // the limiter does, before the task the limiter woke has resumed.
    const next = firstCall.then(() => limiter.run(task(Promise.resolve())));
    await Promise.all([...runs, next]);
    expect(most).toBe(1);
  });

  it('runs queued tasks in the order they came, up to the bound at once', async () => {
    const limiter = new Limiter(2);
    const order: number[] = [];
    let active = 0;
    let most = 0;
    await Promise.all(
      [0, 1, 2, 3, 4].map((n) =>
        limiter.run(async () => {
          active++;
          most = Math.max(most, active);
          order.push(n);
          await new Promise((resolve) => setTimeout(resolve, 5));
          active--;
        }),
      ),
    );
    expect(order).toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });
});
