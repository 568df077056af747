import Database from 'better-sqlite3';
import * as Y from 'yjs';
import { readPage, removeShapes, pageShapesArray } from '../../shared/whiteboard-model.ts';
import { BoardClient } from '../../tests/support/board-client.ts';
import { Latencies } from './latency.ts';
import { LightClient, RawReader, markerId, now, scanMarkers, strokeData } from './light-client.ts';
import { MemoryWatch, cpuOf, cpuPercent } from './process-stats.ts';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

export interface Target {
  baseUrl: string;
  serverPid: number;
  boardUrl(eventId: number, ticket: string): string;
}

export interface FanoutResult {
  readers: number;
  writers: number;
  updatesPerSecond: number;
  seconds: number;
  sent: number;
  expectedDeliveries: number;
  delivered: number;
  latency: ReturnType<Latencies['summary']>;
  serverCpuPercent: number;
  serverRssPeakMb: number;
  serverRssBeforeMb: number;
  benchCpuPercent: number;
  refusedOrClosed: number;
}

async function openAll(clients: { open(): Promise<unknown> }[], batch = 50): Promise<void> {
  for (let i = 0; i < clients.length; i += batch) await Promise.all(clients.slice(i, i + batch).map((c) => c.open()));
}

/**
 * Writers draw strokes at a steady rate (and move their cursors); every other client
 * records, for every stroke, the time from drawing to arrival. Readers publish nothing.
 */
export async function fanout(target: Target, options: {
  eventId: number;
  writerTickets: string[];
  readerTickets: string[];
  strokesPerWriterPerSecond: number;
  cursorHz: number;
  seconds: number;
  points: number;
}): Promise<FanoutResult> {
  const latency = new Latencies();
  let delivered = 0;
  // Under load the server merges updates into one message, which may carry a writer's own stroke back: not a delivery.
  const found = (own?: Set<number>) => (sentAt: number, seq: number) => {
    if (own?.has(seq)) return;
    latency.add(now() - sentAt);
    delivered++;
  };
  const recorder = (own?: Set<number>) => (data: Buffer) => scanMarkers(data, found(own));
  const readers = options.readerTickets.map((t) => new RawReader(target.boardUrl(options.eventId, t), found()));
  const owned = options.writerTickets.map(() => new Set<number>());
  const writers = options.writerTickets.map((t, i) => new LightClient(target.boardUrl(options.eventId, t), recorder(owned[i])));
  await openAll(readers);
  await openAll(writers);
  await sleep(1000);

  const memory = new MemoryWatch(target.serverPid);
  const rssBefore = memory.sample();
  const cpuStart = cpuOf(target.serverPid);
  const benchStart = process.cpuUsage();
  const wallStart = performance.now();
  let sent = 0;
  const timers: ReturnType<typeof setTimeout>[] = [];
  const every = (period: number, offset: number, work: () => void) => {
    // Writers are spread over the period instead of all firing together.
    timers.push(setTimeout(() => timers.push(setInterval(work, period)), offset));
  };
  writers.forEach((writer, i) => {
    const period = 1000 / options.strokesPerWriterPerSecond;
    every(period, (i * period) / writers.length, () => {
      owned[i]!.add(sent);
      writer.draw('main', strokeData(markerId(sent++), options.points));
    });
    if (options.cursorHz > 0) every(1000 / options.cursorHz, (i * 1000) / options.cursorHz / writers.length, () => writer.cursor('main', Math.random() * 1600, Math.random() * 900));
  });
  await sleep(options.seconds * 1000);
  for (const timer of timers) clearInterval(timer);
  const cpuEnd = cpuOf(target.serverPid);
  const benchCpu = process.cpuUsage(benchStart);
  const wall = performance.now() - wallStart;
  // Every writer's stroke goes to everyone else: readers and the other writers.
  const expectedDeliveries = sent * (readers.length + writers.length - 1);
  const deadline = Date.now() + 10_000;
  while (delivered < expectedDeliveries && Date.now() < deadline) await sleep(100);
  const peak = memory.stop();
  const refusedOrClosed = readers.filter((c) => c.closed).length + writers.filter((c) => c.closedWith !== undefined).length;
  for (const c of [...readers, ...writers]) c.close();
  return {
    readers: readers.length,
    writers: writers.length,
    updatesPerSecond: options.strokesPerWriterPerSecond * writers.length,
    seconds: options.seconds,
    sent,
    expectedDeliveries,
    delivered,
    latency: latency.summary(),
    serverCpuPercent: cpuPercent(cpuStart, cpuEnd),
    serverRssPeakMb: Math.max(peak, memory.peak),
    serverRssBeforeMb: rssBefore,
    benchCpuPercent: (100 * (benchCpu.user + benchCpu.system) / 1000) / wall,
    refusedOrClosed,
  };
}

export interface LoadResult {
  strokes: number;
  drawn: number;
  erased: number;
  updates: number;
  storedBeforeBytes: number;
  storedAfterBytes: number;
  storedAfterRows: number;
  stateBytes: number;
  coldLoadMs: number;
  coldParseMs: number;
  warmLoadMs: number;
  fillSeconds: number;
}

/**
 * Fills a board the way people do, one stroke per update, erases some, then measures
 * what was stored before and after compaction and how long a new client takes to load it.
 * Each accepted update is stored as one row, byte for byte what the writer sent; the
 * server merges rows while the board is open (at 5,000 rows at the latest), so the size
 * "before" is the sum of the updates as sent.
 */
export async function loadBoard(target: Target, options: { eventId: number; internalEventId: string; ticket: string; strokes: number; erase: number; databaseFile: string }): Promise<LoadResult> {
  const counter = await BoardClient.connect(target.baseUrl, options.eventId, options.ticket);
  const received = pageShapesArray(counter.doc, 'main');
  const writer = new LightClient(target.boardUrl(options.eventId, options.ticket));
  let updates = 0;
  let storedBefore = 0;
  writer.doc.on('update', (update: Uint8Array) => {
    updates++;
    storedBefore += update.byteLength;
  });
  await writer.open();
  const began = performance.now();
  const drawn = options.strokes + options.erase;
  for (let i = 0; i < drawn; i++) {
    writer.draw('main', strokeData(`s${i}`, 30));
    // Let the server keep up: no more than a few hundred strokes in flight.
    if (i + 1 - received.length > 300) while (i + 1 - received.length > 100) await sleep(5);
  }
  // Erase every n-th stroke, a hundred per eraser gesture.
  const all = pageShapesArray(writer.doc, 'main').toArray() as Y.Map<unknown>[];
  const step = Math.floor(drawn / options.erase);
  const victims = Array.from({ length: options.erase }, (_, i) => all[i * step]!);
  for (let done = 0; done < victims.length; done += 100) removeShapes(writer.doc, 'main', new Set(victims.slice(done, done + 100)));
  const fillDeadline = Date.now() + 60_000;
  while (received.length !== options.strokes && Date.now() < fillDeadline) await sleep(20);
  const fillSeconds = (performance.now() - began) / 1000;
  writer.close();
  counter.destroy();

  // The last client left: the server compacts the board as it closes it.
  const db = new Database(options.databaseFile, { readonly: true });
  const stats = () => db.prepare('select count(*) as rows, coalesce(sum(length(data)), 0) as bytes from whiteboard_updates where event_id = ?').get(options.internalEventId) as { rows: number; bytes: number };
  const deadline = Date.now() + 30_000;
  while (stats().rows !== 1 && Date.now() < deadline) await sleep(50);
  const after = stats();
  db.close();

  const coldStart = performance.now();
  const cold = await BoardClient.connect(target.baseUrl, options.eventId, options.ticket);
  const coldLoadMs = performance.now() - coldStart;
  const parseStart = performance.now();
  const count = readPage(cold.doc, 'main').length;
  const coldParseMs = performance.now() - parseStart;
  const stateBytes = Y.encodeStateAsUpdate(cold.doc).byteLength;
  const warmStart = performance.now();
  const warm = await BoardClient.connect(target.baseUrl, options.eventId, options.ticket);
  const warmLoadMs = performance.now() - warmStart;
  if (count !== options.strokes || readPage(warm.doc, 'main').length !== options.strokes) throw new Error(`expected ${options.strokes} strokes, a new client got ${count}`);
  cold.destroy();
  warm.destroy();
  return {
    strokes: options.strokes, drawn, erased: options.erase, updates, storedBeforeBytes: storedBefore,
    storedAfterBytes: after.bytes, storedAfterRows: after.rows, stateBytes, coldLoadMs, coldParseMs, warmLoadMs, fillSeconds,
  };
}
