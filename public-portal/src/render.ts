// Report → DOM. Text goes in with textContent only: the holder's name and everything else from the QR
// code or the network is untrusted and must never be parsed as HTML.

import type { Report } from './report.js';

function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  className: string | null,
  ...children: (string | Node)[]
): HTMLElementTagNameMap[K] {
  const e = document.createElement(tag);
  if (className) e.className = className;
  for (const c of children) e.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
  return e;
}

/**
 * Replaces the content of `container` (#qr-result) with:
 *
 *   div#qr-banner.verdict[.status-valid|.status-warn|.status-bad]   (portal.css: .verdict, .status-*)
 *     h2#qr-verdict                      the verdict
 *     p.verdict-detail*                  decisions (revocation, re-issue, corrections), rejection reason
 *   h3.fields-caption + dl#qr-fields     dt/dd per signed field (absent for an empty or malformed payload)
 *   h3.checks-caption + ul#qr-checks.checks
 *     li.check.(pass|fail|unknown)[data-check=<id>]
 *       span.check-name ": " span.check-outcome " — " span.check-reason
 *   p.muted*                             notes (saved trust list, privacy)
 */
export function renderReport(container: HTMLElement, report: Report): void {
  const nodes: Node[] = [];
  const banner = el('div', report.banner ? `verdict ${report.banner}` : 'verdict');
  banner.id = 'qr-banner';
  const verdict = el('h2', null, report.verdict);
  verdict.id = 'qr-verdict';
  banner.appendChild(verdict);
  for (const d of report.details) banner.appendChild(el('p', 'verdict-detail', d));
  nodes.push(banner);

  if (report.fields.length > 0) {
    if (report.fieldsCaption) nodes.push(el('h3', 'fields-caption', report.fieldsCaption));
    const dl = el('dl', null);
    dl.id = 'qr-fields';
    for (const f of report.fields) dl.append(el('dt', null, f.label), el('dd', null, f.value));
    nodes.push(dl);
  }

  if (report.checks.length > 0) {
    nodes.push(el('h3', 'checks-caption', report.checksCaption));
    const ul = el('ul', 'checks');
    ul.id = 'qr-checks';
    for (const c of report.checks) {
      const li = el(
        'li',
        `check ${c.state}`,
        el('span', 'check-name', c.name),
        ': ',
        el('span', 'check-outcome', c.outcome),
        ' — ',
        el('span', 'check-reason', c.reason),
      );
      li.dataset.check = c.id;
      ul.appendChild(li);
    }
    nodes.push(ul);
  }

  for (const n of report.notes) nodes.push(el('p', 'muted', n));
  container.replaceChildren(...nodes);
}
