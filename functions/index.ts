import { cloudEvent } from '@google-cloud/functions-framework';
import { handlers } from './deps.js';

// One registration per deployed Cloud Function; the entry point is the registered name.
cloudEvent('fetchMarketData', handlers.fetchMarketData);
cloudEvent('generateSignals', handlers.generateSignals);
cloudEvent('persistState', handlers.persistState);
cloudEvent('notifyDiscord', handlers.notifyDiscord);
cloudEvent('recordDeadLetter', handlers.recordDeadLetter);
