import test from 'ava';
import { chartSvg } from '../../../functions/notify-discord/chart/chart-svg.js';
import { signalChart, svgToPng } from '../../../functions/notify-discord/chart/render-chart.js';
import { DISCORD_LIMITS } from '../../../functions/notify-discord/discord/limits.js';
import type { SignalCreatedEvent } from '../../../shared/messages/events.js';
import { makeCreatedEvent } from '../../shared/messages/message-factory.js';
import { withChartBars } from './chart-bars.js';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

function pngSize(png: Uint8Array): { width: number; height: number } {
  const view = new DataView(png.buffer, png.byteOffset, png.byteLength);
  return { width: view.getUint32(16), height: view.getUint32(20) };
}

const event: SignalCreatedEvent = withChartBars(makeCreatedEvent());

test('the chart is a valid 800×420 PNG far below the attachment limit', (t) => {
  const file = signalChart(event.signal, event.recentBars);
  if (file === undefined) return t.fail('no chart');
  t.deepEqual([...file.data.subarray(0, 8)], PNG_SIGNATURE);
  t.is(String.fromCharCode(...file.data.subarray(12, 16)), 'IHDR');
  t.deepEqual(pngSize(file.data), { width: 800, height: 420 });
  t.true(file.data.byteLength > 5_000, 'not a blank image');
  t.true(file.data.byteLength < DISCORD_LIMITS.fileBytes);
  t.is(file.filename, 'chart.png');
  t.is(file.contentType, 'image/png');
});

test('the chart SVG draws one candle per bar, the entry, stop, invalidation and TP lines, and the pivots inside the window', (t) => {
  const svg = chartSvg({
    title: 'BTC/USD',
    bars: event.recentBars ?? [],
    levels: event.signal,
    pivots: event.signal.structuralAnchors,
  });
  t.is(svg.match(/<rect x=/g)?.length, 60 + 1, 'a body per candle plus the plot area');
  for (const label of ['Entry 62,000.00', 'Stop 60,500.00', 'Inval 61,000.00', 'TP1 63,500.00', 'TP2 65,000.00', 'TP3 66,500.00'])
    t.true(svg.includes(label), label);
  t.is(svg.match(/<circle /g)?.length, 2, 'both pivots');
  const outside = chartSvg({
    title: 'x',
    bars: event.recentBars ?? [],
    levels: event.signal,
    pivots: [{ index: 1, timestamp: '2020-01-01T00:00:00.000Z', price: 1, type: 'PEAK' }],
  });
  t.is(outside.match(/<circle /g), null, 'a pivot before the window is left out');
});

test('no chart without bars, and the embed then refers to no attachment', (t) => {
  t.is(signalChart(event.signal, undefined), undefined);
  t.is(signalChart(event.signal, event.recentBars?.slice(0, 1)), undefined);
});

test('escapes text in the SVG so a symbol cannot break the image', (t) => {
  const png = svgToPng(chartSvg({ title: 'A&B <C>', bars: event.recentBars ?? [], levels: event.signal, pivots: [] }));
  t.deepEqual([...png.subarray(0, 8)], PNG_SIGNATURE);
});

test('the chart draws its text: the title and every level label change the image', (t) => {
  const input = { title: 'BTC/USD 1D · Hammer', bars: event.recentBars ?? [], levels: event.signal, pivots: [] };
  const svg = chartSvg(input);
  const withoutText = svg.replace(/<text [^>]*>[^<]*<\/text>/g, '');
  t.true(withoutText.length < svg.length - 600, 'the labels were stripped for the comparison');
  t.notDeepEqual(svgToPng(svg), svgToPng(withoutText), 'no font found: the labels would be missing');
  const otherTitle = chartSvg({ ...input, title: 'ETH/USD 1D · Hammer' });
  t.notDeepEqual(svgToPng(svg), svgToPng(otherTitle));
});
