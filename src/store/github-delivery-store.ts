// Webhook deliveries by their X-GitHub-Delivery id: GitHub redelivers with the same id (when someone
// presses "Redeliver", or an API client asks), and a delivery is handled once, by one replica.
//
// A delivery is claimed as its handling starts: `claim` inserts its row, or takes over a claim that went
// stale unhandled (its replica crashed mid-handling), under the deliveries' write lock, so that of two
// replicas handling the same redelivery at once exactly one holds it. Handled, it is marked so
// (`record`); its handling failed, the claim is given up (`release`, that claim only: not one another
// replica took over meanwhile), so that GitHub's redelivery is taken at once. Ids are kept for DELIVERY_RETENTION_DAYS (GitHub keeps deliveries for redelivery for
// about as long); older ones are forgotten as new ones arrive.
import { read, type StoreContext, write } from './store-context.js';
import type { GithubDeliveryStore } from './types.js';

export const DELIVERY_RETENTION_DAYS = 30;
/**
 * A claim not handled after this long is taken to be lost (its replica crashed while handling it): a
 * redelivery may be handled again. Far longer than a handling takes (each GitHub call gives up after
 * 20 s; a claim is taken when the handling starts, not while the delivery waits its turn).
 */
export const DELIVERY_CLAIM_STALE_MS = 10 * 60_000;
const DAY_MS = 24 * 60 * 60 * 1000;
/** What receivers of deliveries take turns on (the engine's write lock); no project slug can be it. */
const DELIVERIES_LOCK = ':github-deliveries';

export function createGithubDeliveryStore(ctx: StoreContext): GithubDeliveryStore {
  return {
    async claim(id, event, staleAfterMs = DELIVERY_CLAIM_STALE_MS) {
      // Under the write lock (taken first by write()), the look and the insert or take-over are one step
      // for every replica.
      return write(ctx, DELIVERIES_LOCK, async (tx) => {
        const at = new Date();
        const row = await tx.githubDelivery.findUnique({ where: { id } });
        if (row === null) {
          await tx.githubDelivery.create({ data: { id, event, receivedAt: at } });
          await tx.githubDelivery.deleteMany({
            where: { receivedAt: { lt: new Date(at.getTime() - DELIVERY_RETENTION_DAYS * DAY_MS) } },
          });
          return { id, at };
        }
        if (row.handledAt !== null || at.getTime() - row.receivedAt.getTime() < staleAfterMs) return null;
        await tx.githubDelivery.update({ where: { id }, data: { receivedAt: at } });
        return { id, at };
      });
    },

    async record(id, event) {
      const at = new Date();
      await write(ctx, DELIVERIES_LOCK, (tx) =>
        tx.githubDelivery.upsert({
          where: { id },
          create: { id, event, receivedAt: at, handledAt: at },
          update: { handledAt: at },
        }),
      );
    },

    async release({ id, at }) {
      // The claim's own time: a claim taken over (stale) has a later one, and stays its new holder's.
      await write(ctx, DELIVERIES_LOCK, (tx) =>
        tx.githubDelivery.deleteMany({ where: { id, handledAt: null, receivedAt: at } }),
      );
    },

    async handled(id) {
      const row = await read(ctx, (db) =>
        db.githubDelivery.findUnique({ where: { id }, select: { handledAt: true } }),
      );
      return row !== null && row.handledAt !== null;
    },

    async taken(id, staleAfterMs = DELIVERY_CLAIM_STALE_MS) {
      const row = await read(ctx, (db) => db.githubDelivery.findUnique({ where: { id } }));
      if (row === null) return false;
      return row.handledAt !== null || Date.now() - row.receivedAt.getTime() < staleAfterMs;
    },
  };
}
