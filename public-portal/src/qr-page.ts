// Entry module of the /v page: reads the payload from the URL fragment, verifies it in the browser
// against the signed trust list, then asks the registry for the credential's current status.
//
// Expects <main id="qr-app" data-lang data-root-key data-trust-list-url data-status-url> holding
// <div id="qr-result">.

import { langOf } from './i18n.js';
import { decodeQrPayload, type DecodedQr, QrDecodeError } from './qr-decode.js';
import { renderReport } from './render.js';
import { buildReport, type PageState } from './report.js';
import { fetchStatus, type HttpAnswer } from './status.js';
import { checkPayload, loadTrustList, type TextStore } from './trust.js';

function localStore(): TextStore | null {
  try {
    return window.localStorage; // throws where storage is blocked
  } catch {
    return null;
  }
}

/** Runs a fetch that is aborted after `ms`: a stalled network falls back instead of hanging the page. */
async function timed<T>(ms: number, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const c = new AbortController();
  const timer = setTimeout(() => c.abort(), ms);
  try {
    return await run(c.signal);
  } finally {
    clearTimeout(timer);
  }
}

function fetchText(url: string | undefined): Promise<string> {
  return timed(10_000, async (signal) => {
    if (!url) throw new Error('no trust list URL');
    const r = await fetch(url, {
      cache: 'no-cache',
      credentials: 'omit',
      headers: { Accept: 'application/json' },
      signal,
    });
    if (!r.ok) throw new Error(`trust list: HTTP ${r.status}`);
    return r.text();
  });
}

function poster(url: string | undefined): (body: string) => Promise<HttpAnswer> {
  return (body) =>
    timed(15_000, async (signal) => {
      if (!url) throw new Error('no status URL');
      const r = await fetch(url, {
        method: 'POST',
        cache: 'no-store',
        credentials: 'omit',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body,
        signal,
      });
      return { status: r.status, retryAfter: r.headers.get('Retry-After'), text: await r.text() };
    });
}

let currentRun = 0;

async function verify(app: HTMLElement, show: (s: PageState) => void): Promise<void> {
  const digits = window.location.hash.replace(/^#/, '').trim();
  if (digits === '') return show({ kind: 'empty' });
  let qr: DecodedQr;
  try {
    qr = decodeQrPayload(digits);
  } catch (e) {
    if (e instanceof QrDecodeError) return show({ kind: 'malformed', reason: e.reason, field: e.field });
    throw e;
  }
  const state: Extract<PageState, { kind: 'decoded' }> = {
    kind: 'decoded',
    qr,
    trust: null,
    trusted: null,
    status: null,
  };
  show(state);
  state.trust = await loadTrustList({
    fetchText: () => fetchText(app.dataset.trustListUrl),
    rootKey: (app.dataset.rootKey ?? '').trim(),
    store: localStore(),
  });
  show(state);
  if (!state.trust.ok) return;
  state.trusted = await checkPayload(qr, state.trust.list);
  show(state);
  if (!state.trusted.valid) return; // no signature, no server call
  state.status = await fetchStatus(digits, poster(app.dataset.statusUrl));
  show(state);
}

function start(): void {
  const app = document.getElementById('qr-app');
  const out = document.getElementById('qr-result');
  if (!app || !out) return;
  const run = ++currentRun;
  const lang = langOf(app.dataset.lang);
  // A newer run (the fragment changed) owns the page; an older one stops drawing.
  const show = (s: PageState) => {
    if (run === currentRun) renderReport(out, buildReport(lang, s));
  };
  verify(app, show).catch(() => show({ kind: 'error' }));
}

window.addEventListener('hashchange', start);
start();
