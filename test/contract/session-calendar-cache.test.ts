import { randomUUID } from 'node:crypto';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'ava';
import type { SessionCalendarCache } from '../../shared/market-data/calendar/session-calendar-cache.port.js';
import { firestoreSessionCalendarCache } from '../../shared/store/firestore-session-calendar.js';
import { openSqliteSessionCalendarCache } from '../../shared/store/sqlite-session-calendar.js';
import { useFirestoreEmulator } from '../helpers/firestore-emulator.js';

const emulator = useFirestoreEmulator();
const run = randomUUID().slice(0, 8);

const entry = {
  from: '2030-05-06',
  to: '2030-07-05',
  fetchedAt: '2030-06-05T20:15:00.000Z',
  days: [
    { date: '2030-06-04', close: '16:00' },
    { date: '2030-06-05', close: '12:00' },
  ],
};

const adapters: readonly [string, () => Promise<{ cache: SessionCalendarCache; reopen: () => SessionCalendarCache }>][] = [
  [
    'sqlite',
    async () => {
      const path = join(mkdtempSync(join(tmpdir(), 'sentinel-calendar-')), 's.db');
      return {
        cache: openSqliteSessionCalendarCache({ path, environment: 'dev' }),
        reopen: () => openSqliteSessionCalendarCache({ path, environment: 'dev' }),
      };
    },
  ],
  [
    'firestore',
    async () => {
      const { firestore } = await emulator();
      const open = () => firestoreSessionCalendarCache({ firestore, environment: 'dev', prefix: `r${run}_` });
      return { cache: open(), reopen: open };
    },
  ],
];

for (const [name, make] of adapters) {
  test(`${name} session calendar cache: empty, then the stored sessions exactly, overwritten by the next put, seen by another instance`, async (t) => {
    const { cache, reopen } = await make();
    t.is(await cache.getSessions(), null);
    await cache.putSessions(entry);
    t.deepEqual(await reopen().getSessions(), entry);
    const next = { ...entry, fetchedAt: '2030-06-06T20:15:00.000Z', days: [entry.days[0]] };
    await cache.putSessions(next);
    t.deepEqual(await cache.getSessions(), next);
  });
}
