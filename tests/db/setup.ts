// IndexedDB for Node, and a time zone far from UTC so a calendar-day shift would show.
import 'fake-indexeddb/auto';

process.env.TZ = 'America/Sao_Paulo';
