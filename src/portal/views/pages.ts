import { localDateTime } from '../../common/calendar/working-day-calendar';
import type { PublicDiploma, VerificationAnswer } from '../../verification/public-answer';
import { href, type Lang, TEXTS } from '../i18n';
import { html, type SafeHtml } from './html';
import { layout, showDate } from './layout';
import { type FormState, lookupForm } from './lookup-form';

export function homePage(lang: Lang, form?: FormState): string {
  const t = TEXTS[lang];
  return layout({
    lang,
    title: t.homeTitle,
    path: '/',
    body: html`<p class="lead">${t.homeIntro}</p>
      ${lookupForm(lang, form)}
      <p class="muted">${t.privacy}</p>
      <p class="tip">${t.qrTip} <a href="${href('/huong-dan', lang)}">${t.navHelp}</a></p>`,
  });
}

export function resultPage(lang: Lang, a: VerificationAnswer): string {
  const t = TEXTS[lang];
  const body = a.result === 'match' && a.diploma ? matchBody(lang, a.diploma) : noMatchBody(lang);
  // An employer may print the answer as a record of the check: it says when it was made.
  const now = localDateTime(new Date());
  return layout({
    lang,
    title: t.resultTitle,
    path: '/',
    body: html`${body}
      <h2>${t.checksTitle}</h2>
      <ul class="checks">
        ${a.checks.map((c) => {
          const ok = c.status === 'pass';
          const name = c.type === 'status' ? t.checkStatus : t.checkRegister;
          return html`<li class="check ${ok ? 'pass' : 'fail'}">
            ${name}:
            ${ok ? t.pass : t.fail}${
              c.type === 'status' && !ok && c.reason
                ? html` (${t.status[c.reason as 'revoked'] ?? c.reason})`
                : null
            }
          </li>`;
        })}
      </ul>
      <p class="muted">${t.checkedAt(now.time, showDate(now.date, lang))}</p>
      <p class="no-print"><a class="button" href="${href('/', lang)}">${t.again}</a></p>`,
  });
}

function matchBody(lang: Lang, d: PublicDiploma): SafeHtml {
  const t = TEXTS[lang];
  const [cls, headline] =
    d.status === 'revoked'
      ? ['status-bad', t.matchRevoked]
      : d.status === 'replaced'
        ? ['status-warn', t.matchReplaced]
        : ['status-valid', t.matchValid];
  const detail = d.statusDetail;
  const row = (label: string, value: string | SafeHtml) =>
    html`<dt>${label}</dt>
      <dd>${value}</dd>`;
  return html`<section class="verdict ${cls}" role="status">
      <h2>${headline}</h2>
      ${detail ? html`<p>${t.decision(detail.decisionNo, showDate(detail.decidedOn, lang))}${detail.publicNote ? html`: ${detail.publicNote}` : null}</p>` : null}
    </section>
    ${
      d.corrections.length
        ? html`<section class="corrections">
            <p>${t.corrected}</p>
            <ul>
              ${d.corrections.map((c) => html`<li>${t.decision(c.decisionNo, showDate(c.decidedOn, lang))}</li>`)}
            </ul>
          </section>`
        : null
    }
    <p>${t.compare}</p>
    <dl class="diploma">
      ${row(t.fields.credentialType, t.types[d.credentialType] ?? d.credentialType)}
      ${row(t.fields.fullName, d.fullName)} ${row(t.fields.dateOfBirth, showDate(d.dateOfBirth, lang))}
      ${row(t.fields.serialNumber, d.serialNumber ?? t.noSerial)}
      ${row(t.fields.registerEntryNumber, d.registerEntryNumber)}
      ${row(t.fields.school, lang === 'vi' ? d.school.nameVi : d.school.nameEn)}
      ${row(t.fields.graduationYear, String(d.graduationYear))}
      ${row(t.fields.issuer, html`${lang === 'vi' ? d.issuer.nameVi : d.issuer.nameEn} <span class="muted">(${d.issuer.code})</span>`)}
      ${row(t.fields.issuedOn, showDate(d.issuedOn, lang))} ${row(t.fields.status, t.status[d.status])}
    </dl>`;
}

function noMatchBody(lang: Lang): SafeHtml {
  const t = TEXTS[lang];
  return html`<section class="verdict status-bad" role="status"><h2>${t.noMatch}</h2></section>
    <ul>
      ${t.noMatchAdvice.map((s) => html`<li>${s}</li>`)}
    </ul>`;
}

export function limitedPage(lang: Lang, retryAfter: number): string {
  const t = TEXTS[lang];
  return layout({
    lang,
    title: t.limitedTitle,
    path: '/',
    body: html`<section class="verdict status-warn" role="alert"><p>${t.limited(retryAfter)}</p></section>
      <p><a href="${href('/', lang)}">${t.again}</a></p>`,
  });
}

export function notFoundPage(lang: Lang): string {
  const t = TEXTS[lang];
  return layout({
    lang,
    title: t.notFoundTitle,
    path: '/',
    body: html`<p><a href="${href('/', lang)}">${t.navLookup}</a></p>`,
  });
}

/** The QR landing page: the browser decodes and verifies the fragment (public-portal/src/qr-page.ts). */
export function qrPage(lang: Lang, rootKey: string): string {
  const t = TEXTS[lang];
  return layout({
    lang,
    title: t.qrTitle,
    path: '/v',
    scripts: ['/assets/js/qr-page.js'],
    body: html`<div
      id="qr-app"
      data-lang="${lang}"
      data-root-key="${rootKey}"
      data-trust-list-url="/.well-known/vbcc/trust-list.json"
      data-status-url="/api/v1/public/qr"
    >
      <noscript
        ><p class="verdict status-warn">
          ${t.qrNoScript} <a href="${href('/', lang)}">${t.navLookup}</a>
        </p></noscript
      >
      <div id="qr-result" aria-live="polite"><p class="muted">${t.qrWorking}</p></div>
    </div>`,
  });
}
