// Webhook deliveries handled, by their X-GitHub-Delivery id: GitHub redelivers with the same id (when
// someone presses "Redeliver", or an API client asks), and a delivery handled is not handled again. Ids are kept for
// DELIVERY_RETENTION_DAYS (GitHub keeps deliveries for redelivery for about as long); older ones are
// forgotten as new ones arrive.
import { read, type StoreContext, write } from './store-context.js';
import type { GithubDeliveryStore } from './types.js';

export const DELIVERY_RETENTION_DAYS = 30;
const DAY_MS = 24 * 60 * 60 * 1000;
/** What receivers of deliveries take turns on (the engine's write lock); no project slug can be it. */
const DELIVERIES_LOCK = ':github-deliveries';

export function createGithubDeliveryStore(ctx: StoreContext): GithubDeliveryStore {
  return {
    async record(id, event) {
      // Under the write lock (taken first by write()), a look settles a race between two receivers. No
      // look before it: a delivery is recorded once handled, and its receiver asked `handled` already.
      return write(ctx, DELIVERIES_LOCK, async (tx) => {
        if ((await tx.githubDelivery.findUnique({ where: { id }, select: { id: true } })) !== null)
          return false;
        const at = new Date();
        await tx.githubDelivery.create({ data: { id, event, receivedAt: at } });
        await tx.githubDelivery.deleteMany({
          where: { receivedAt: { lt: new Date(at.getTime() - DELIVERY_RETENTION_DAYS * DAY_MS) } },
        });
        return true;
      });
    },

    async handled(id) {
      const row = await read(ctx, (db) =>
        db.githubDelivery.findUnique({ where: { id }, select: { id: true } }),
      );
      return row !== null;
    },
  };
}
