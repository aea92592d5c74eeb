import { cloudEvent } from '@google-cloud/functions-framework';
import { guardHandler } from '../shared/runtime/guard-handler.js';
import { handlers } from './deps.js';

// One registration per deployed Cloud Function; the entry point is the registered name. Every handler is guarded
// (issue 12): an error is logged redacted and never reaches functions-framework's crash printer with its text.
cloudEvent('fetchMarketData', guardHandler('fetchMarketData', handlers.fetchMarketData));
cloudEvent('generateSignals', guardHandler('generateSignals', handlers.generateSignals));
cloudEvent('persistState', guardHandler('persistState', handlers.persistState));
cloudEvent('notifyDiscord', guardHandler('notifyDiscord', handlers.notifyDiscord));
cloudEvent('recordDeadLetter', guardHandler('recordDeadLetter', handlers.recordDeadLetter));
